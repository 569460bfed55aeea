-- Step load, master data 1/3: suppliers, locations and the lanes between locations. Each entity: prepare
-- src_<entity> from staging (dedup: last occurrence wins; pre-checks set reject_code), record the rejects, write
-- through load_apply (set-based, row-by-row only on a surprise), deactivate what left the snapshot, record stats.

create or replace procedure ${schema}.write_suppliers(p_run_date date, p_src_row bigint)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    with written as (
        insert into ${schema}.suppliers as suppliers (
            erp_id, name, country_id, currency_id, lead_time_days, moq_qty, erp_status, first_seen_date, row_hash,
            raw_hash
        )
        select src.erp_key, src.name, src.country_id, src.currency_id, src.lead_time_days::integer, src.moq_qty,
               src.erp_status, p_run_date, src.row_hash, src.raw_hash
        from src_suppliers as src
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from ${schema}.suppliers as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash
                                and existing.is_active)
        on conflict on constraint suppliers_erp_id_key do update
        set name = excluded.name, country_id = excluded.country_id, currency_id = excluded.currency_id,
            lead_time_days = excluded.lead_time_days, moq_qty = excluded.moq_qty, erp_status = excluded.erp_status,
            row_hash = excluded.row_hash, raw_hash = excluded.raw_hash, is_active = true, deactivated_on = null,
            updated_at = now()
        where suppliers.row_hash is distinct from excluded.row_hash or not suppliers.is_active
        returning (suppliers.xmax = 0) as is_insert
    )
    insert into load_counts (entity, inserted, updated)
    select 'suppliers', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    -- Values as sent changed, typed values did not (a blank trimmed away): only the raw hash is brought up to date.
    if p_src_row is not null or ${schema}.load_has_unwritten_rows('suppliers') then
        update ${schema}.suppliers
        set raw_hash = src.raw_hash
        from src_suppliers as src
        where src.erp_key = suppliers.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and suppliers.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;
comment on procedure ${schema}.write_suppliers(date, bigint) is
'Upserts the accepted rows of src_suppliers (all, or one src_row) by ERP id, writing only rows whose hash changed; '
'UI-owned columns are never in the update list.';

create or replace procedure ${schema}.load_suppliers(p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_started     timestamptz := clock_timestamp();
    v_default     text := ${schema}.erp_default_currency();
    v_deactivated bigint := 0;
begin
    -- Records whose values are those of the active production row are counted and left alone (load_batch_records).
    call ${schema}.load_batch_records('suppliers', 'staging_suppliers', 'supplier_id', 'suppliers');
    call ${schema}.load_drop_temp('src_suppliers');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_suppliers where not batch_suppliers.is_unchanged) then
        create temp table src_suppliers on commit drop as
        with staged as (
            select staging_suppliers.*, batch.raw_hash,
                   row_number() over (partition by staging_suppliers.supplier_id
                                      order by staging_suppliers.raw_file_id desc, staging_suppliers.record_no desc)
                       as occurrence
            from ${staging_schema}.staging_suppliers
            inner join batch_suppliers as batch
                on batch.raw_file_id = staging_suppliers.raw_file_id and batch.record_no = staging_suppliers.record_no
            where not batch.is_unchanged
        ),

        typed as (
            select staged.raw_file_id, staged.record_no, staged.supplier_id as erp_key, staged.occurrence,
                staged.raw_hash,
                   staged.missing_fields, staged.cast_errors, btrim(staged.name) as name, staged.country,
                   countries.id as country_id, upper(coalesce(nullif(btrim(staged.currency), ''), v_default))
                       as currency_code,
                   currencies.id as currency_id, round(staged.lead_time_days) as lead_time_days, staged.moq as moq_qty,
                   coalesce(${schema}.erp_word('suppliers', 'status', staged.status), 'active') as erp_status
            from staged
            left join cw_global.countries on countries.code = upper(btrim(staged.country))
            left join cw_global.currencies
                on currencies.code = upper(coalesce(nullif(btrim(staged.currency), ''), v_default))
        )

        select row_number() over (order by typed.erp_key, typed.raw_file_id, typed.record_no) as src_row, typed.*,
               case when typed.erp_key is null or cardinality(typed.missing_fields) > 0 then 'missing_fields'
                    when cardinality(typed.cast_errors) > 0 then 'cast_errors'
                    when typed.occurrence > 1 then 'duplicate'
                    when typed.currency_id is null then 'unknown_currency'
                    when typed.erp_status not in ('active', 'blocked', 'inactive') then 'unknown_value'
                    when typed.lead_time_days not between 0 and 365 then 'supplier_lead_time_check'
                    when typed.moq_qty < 0 or typed.moq_qty >= 1e11 then 'supplier_moq_check'
               end as reject_code,
               md5(row(typed.name, typed.country, typed.currency_code, typed.lead_time_days, typed.moq_qty,
                       typed.erp_status)::text)::uuid as row_hash
        from typed;

        call ${schema}.load_reject_rows('suppliers', p_run_date);
        call ${schema}.load_apply('suppliers', p_run_date);
    end if;

    -- Full snapshot: a supplier the ERP no longer sends is deactivated (an empty or missing file deactivates nothing).
    if exists (select from batch_suppliers) then
        update ${schema}.suppliers
        set is_active = false, deactivated_on = p_run_date, updated_at = now()
        where suppliers.is_active
            and not exists (select from batch_suppliers where batch_suppliers.erp_key = suppliers.erp_id);
        get diagnostics v_deactivated = row_count;
    end if;
    call ${schema}.load_record_stats('suppliers', p_run_date, v_started, v_deactivated);
end
$$;
comment on procedure ${schema}.load_suppliers(date) is
'Step load, suppliers: staging_suppliers (full snapshot) into suppliers. Status words per dialect (navision '
'Blocked blank = active); currency blank = the dialect''s default; absent suppliers are deactivated.';

create or replace procedure ${schema}.write_locations(p_run_date date, p_src_row bigint)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    with written as (
        insert into ${schema}.locations as locations (
            erp_id, name, location_type, echelon, parent_location_id, city_name, city_id, country_id, currency_id,
            timezone, erp_status, open_date, close_date, first_seen_date, row_hash, raw_hash
        )
        select src.erp_key, src.name, src.location_type, src.echelon::smallint,
               (select parent.id from ${schema}.locations as parent where parent.erp_id = src.parent_erp_id),
               src.city_name, src.city_id, src.country_id, src.currency_id, src.timezone, src.erp_status,
               src.open_date, src.close_date, p_run_date, src.row_hash, src.raw_hash
        from src_locations as src
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from ${schema}.locations as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash
                                and existing.is_active)
        on conflict on constraint locations_erp_id_key do update
        set name = excluded.name, location_type = excluded.location_type, echelon = excluded.echelon,
            parent_location_id = excluded.parent_location_id, city_name = excluded.city_name,
            city_id = excluded.city_id, country_id = excluded.country_id, currency_id = excluded.currency_id,
            timezone = excluded.timezone, erp_status = excluded.erp_status, open_date = excluded.open_date,
            close_date = excluded.close_date, row_hash = excluded.row_hash, raw_hash = excluded.raw_hash,
            is_active = true, deactivated_on = null, updated_at = now()
        where locations.row_hash is distinct from excluded.row_hash or not locations.is_active
        returning (locations.xmax = 0) as is_insert
    )
    insert into load_counts (entity, inserted, updated)
    select 'locations', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    if p_src_row is not null or ${schema}.load_has_unwritten_rows('locations') then
        update ${schema}.locations
        set raw_hash = src.raw_hash
        from src_locations as src
        where src.erp_key = locations.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and locations.raw_hash is distinct from src.raw_hash;
    end if;

    -- Parents that arrived in the same snapshot are resolved once every location has its id; so are the parents of
    -- unchanged locations that were skipped (a parent may arrive after its child).
    update ${schema}.locations
    set parent_location_id = parent.id
    from (select src.erp_key, src.parent_erp_id
          from src_locations as src
          where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
          union all
          select staged.location_id, nullif(btrim(staged.parent_location_id), '')
          from ${staging_schema}.staging_locations as staged
          inner join batch_locations as batch
              on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
          where batch.is_unchanged and p_src_row is null) as accepted
    inner join ${schema}.locations as parent on parent.erp_id = accepted.parent_erp_id
    where accepted.erp_key = locations.erp_id and locations.parent_location_id is distinct from parent.id;
end
$$;
comment on procedure ${schema}.write_locations(date, bigint) is
'Upserts the accepted rows of src_locations by ERP id (only changed rows), then resolves replenish-from parents by '
'ERP id. is_enabled and planner_note (UI) are never written.';

create or replace procedure ${schema}.load_locations(p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_started     timestamptz := clock_timestamp();
    v_default     text := ${schema}.erp_default_currency();
    v_deactivated bigint := 0;
begin
    call ${schema}.load_batch_records('locations', 'staging_locations', 'location_id', 'locations');
    call ${schema}.load_drop_temp('src_locations');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_locations where not batch_locations.is_unchanged) then
        create temp table src_locations on commit drop as
        with staged as (
            select staging_locations.*, batch.raw_hash,
                   row_number() over (partition by staging_locations.location_id
                                      order by staging_locations.raw_file_id desc, staging_locations.record_no desc)
                       as occurrence
            from ${staging_schema}.staging_locations
            inner join batch_locations as batch
                on batch.raw_file_id = staging_locations.raw_file_id and batch.record_no = staging_locations.record_no
            where not batch.is_unchanged
        ),

        typed as (
            select staged.raw_file_id, staged.record_no, staged.location_id as erp_key, staged.occurrence,
                staged.raw_hash,
                   staged.missing_fields, staged.cast_errors, btrim(staged.name) as name,
                   ${schema}.erp_word('locations', 'type', staged.type) as location_type,
                   coalesce(staged.echelon, case ${schema}.erp_word('locations', 'type', staged.type)
                                                when 'store' then 1 when 'online' then 1 when 'dc' then 2
                                                when 'warehouse' then 3 when 'central' then 4 end) as echelon,
                   nullif(btrim(staged.parent_location_id), '') as parent_erp_id, btrim(staged.city) as city_name,
                   cities.id as city_id, staged.country, countries.id as country_id,
                   upper(coalesce(nullif(btrim(staged.currency), ''), v_default)) as currency_code,
                   currencies.id as currency_id, nullif(btrim(staged.timezone), '') as timezone,
                   ${schema}.erp_word('locations', 'status', staged.status) as erp_status, staged.open_date,
                   staged.close_date
            from staged
            left join cw_global.countries on countries.code = upper(btrim(staged.country))
            left join cw_global.cities on cities.country_id = countries.id
                and lower(cities.name) = lower(btrim(staged.city))
            left join cw_global.currencies
                on currencies.code = upper(coalesce(nullif(btrim(staged.currency), ''), v_default))
        )

        select row_number() over (order by typed.erp_key, typed.raw_file_id, typed.record_no) as src_row, typed.*,
               case when typed.erp_key is null or cardinality(typed.missing_fields) > 0 then 'missing_fields'
                    when cardinality(typed.cast_errors) > 0 then 'cast_errors'
                    when typed.occurrence > 1 then 'duplicate'
                    when typed.currency_id is null then 'unknown_currency'
                    when typed.location_type is null
                        or typed.location_type not in ('store', 'online', 'dc', 'warehouse', 'central')
                        or typed.erp_status is null or typed.erp_status not in ('planned', 'active', 'closed')
                        then 'unknown_value'
                    when typed.echelon not between 1 and 4 then 'location_echelon_check'
                    when typed.close_date < typed.open_date then 'location_dates_check'
                    when typed.parent_erp_id = typed.erp_key then 'location_parent_check'
               end as reject_code,
               md5(row(typed.name, typed.location_type, typed.echelon, typed.parent_erp_id, typed.city_name,
                       typed.country, typed.currency_code, typed.timezone, typed.erp_status, typed.open_date,
                       typed.close_date)::text)::uuid
                   as row_hash
        from typed;

        call ${schema}.load_reject_rows('locations', p_run_date);
        call ${schema}.load_apply('locations', p_run_date);
    end if;

    if exists (select from batch_locations) then
        update ${schema}.locations
        set is_active = false, deactivated_on = p_run_date, updated_at = now()
        where locations.is_active
            and not exists (select from batch_locations where batch_locations.erp_key = locations.erp_id);
        get diagnostics v_deactivated = row_count;

        -- Lanes follow the replenish-from links of active locations; a link that disappears deactivates its lane.
        insert into ${schema}.location_lanes as lanes (from_location_id, to_location_id, first_seen_date)
        select locations.parent_location_id, locations.id, p_run_date
        from ${schema}.locations
        where locations.parent_location_id is not null and locations.is_active
        on conflict on constraint location_lanes_from_location_id_to_location_id_key do update
        set is_active = true, updated_at = now()
        where not lanes.is_active;
        update ${schema}.location_lanes
        set is_active = false, updated_at = now()
        where location_lanes.is_active
            and not exists (select from ${schema}.locations
                            where locations.id = location_lanes.to_location_id and locations.is_active
                                and locations.parent_location_id = location_lanes.from_location_id);
    end if;
    call ${schema}.load_record_stats('locations', p_run_date, v_started, v_deactivated);
end
$$;
comment on procedure ${schema}.load_locations(date) is
'Step load, locations: staging_locations (full snapshot) into locations (type and status words per dialect, '
'echelon from the type when not sent), then location_lanes from the replenish-from links; absent locations and '
'vanished links are deactivated, never deleted.';

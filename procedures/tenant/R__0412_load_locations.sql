-- Step load, locations and the lanes between them. step_load has grouped the staging records into batch_locations
-- (load_batch_records); this prepares src_locations from the changed ones (dedup: last occurrence wins; pre-checks set
-- reject_code), records the rejects, writes through load_apply (set-based, row-by-row only on a surprise) and
-- deactivates what left the snapshot.

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
    v_deactivated bigint := 0;
begin
    -- A dialect whose clients have one location (erp_dialects.single_location_id: the web shop) and send no locations
    -- file: the location is created on the first load, online, in the client's currency and time zone; never
    -- changed afterwards by load (its name and flags are the planner's to edit).
    insert into ${schema}.locations (
        erp_id, name, location_type, echelon, currency_id, timezone, erp_status, first_seen_date, row_hash
    )
    select erp_dialects.single_location_id, erp_dialects.single_location_name, 'online', 1, clients.currency_id,
           clients.timezone, 'active', p_run_date,
           md5(row(erp_dialects.single_location_id, erp_dialects.single_location_name)::text)::uuid
    from cw_global.erp_dialects
    inner join cw_global.clients on clients.erp_dialect_id = erp_dialects.id
    where clients.schema_name = '${schema}' and erp_dialects.single_location_id is not null
    on conflict on constraint locations_erp_id_key do nothing;
    call ${schema}.load_drop_temp('src_locations');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_locations where not batch_locations.is_unchanged) then
        create temp table src_locations on commit drop as
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
        from ${schema}.typed_locations(p_run_date) as typed;

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
    insert into load_counts (entity, inserted, updated, deactivated) values ('locations', 0, 0, v_deactivated);
end
$$;
comment on procedure ${schema}.load_locations(date) is
'Step load, locations: staging_locations (full snapshot) into locations (type and status words per dialect, '
'echelon from the type when not sent), then location_lanes from the replenish-from links; absent locations and '
'vanished links are deactivated, never deleted. First creates the dialect''s one location when it has one '
'(erp_dialects.single_location_id, e.g. WEB of webshop_csv) and it does not exist yet.';

-- Step load, suppliers. step_load has grouped the staging records into batch_suppliers (load_batch_records); this
-- prepares src_suppliers from the changed ones (dedup: last occurrence wins; pre-checks set reject_code), records the
-- rejects, writes through load_apply (set-based, row-by-row only on a surprise) and deactivates what left the snapshot.

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
    v_deactivated bigint := 0;
begin
    -- step_load counted and left alone the records whose values are those of the active production row.
    call ${schema}.load_drop_temp('src_suppliers');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_suppliers where not batch_suppliers.is_unchanged) then
        create temp table src_suppliers on commit drop as
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
        from ${schema}.typed_suppliers(p_run_date) as typed;

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
    insert into load_counts (entity, inserted, updated, deactivated) values ('suppliers', 0, 0, v_deactivated);
end
$$;
comment on procedure ${schema}.load_suppliers(date) is
'Step load, suppliers: staging_suppliers (full snapshot) into suppliers. Status words per dialect (navision '
'Blocked blank = active); currency blank = the dialect''s default; absent suppliers are deactivated.';

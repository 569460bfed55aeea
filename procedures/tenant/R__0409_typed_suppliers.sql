-- Step load, suppliers: the typed view of staging. The records step_load found changed (not is_unchanged in
-- batch_suppliers) as the columns of the production row, before pre-checks and deduplication.
create or replace function ${schema}.typed_suppliers(p_run_date date)
returns table (
    raw_file_id bigint,
    record_no integer,
    erp_key text,
    occurrence bigint,
    raw_hash bigint,
    missing_fields text [],
    cast_errors text [],
    name text,
    country text,
    country_id smallint,
    currency_code text,
    currency_id smallint,
    lead_time_days numeric,
    moq_qty numeric,
    erp_status text
)
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
#variable_conflict use_column
declare
    v_default   text := ${schema}.erp_default_currency();
begin
    return query
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
    select typed.* from typed;
end
$$;
comment on function ${schema}.typed_suppliers(date) is
'Step load, suppliers: the changed staging records of the run (those batch_suppliers does not mark unchanged; call '
'it inside step_load, or after load_batch_records in the same transaction) typed as the production row needs them: '
'name trimmed, country and currency resolved (a blank currency is the dialect''s default), lead time rounded, status '
'word canonical (blank = active); with occurrence (1 = the last copy of the key in the batch) and the raw hash. '
'load_suppliers pre-checks these rows into src_suppliers.';

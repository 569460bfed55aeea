-- Step load, purchase_orders: the typed view of staging. The records step_load found changed (not is_unchanged in
-- batch_purchase_orders) as the columns of the production row, before pre-checks and deduplication.
create or replace function ${schema}.typed_purchase_orders(p_run_date date)
returns table (
    raw_file_id bigint,
    record_no integer,
    erp_key text,
    supplier_erp_id text,
    location_erp_id text,
    order_date date,
    expected_date date,
    status text,
    currency_code text,
    raw_hash bigint,
    currency_id smallint,
    fx_rate numeric,
    occurrence bigint
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
    -- Each distinct status word is mapped once per batch, not once per line.
    with statuses as (
        select words.erp_value, ${schema}.erp_word('purchase_orders', 'status', words.erp_value) as canonical_value
        from (select distinct staged.status as erp_value
              from ${staging_schema}.staging_purchase_orders as staged) as words
    ),

    records as (
        select distinct on (staged.raw_file_id, staged.record_no)
               staged.raw_file_id, staged.record_no, staged.po_id as erp_key,
               staged.supplier_id as supplier_erp_id, staged.location_id as location_erp_id, staged.order_date,
               staged.expected_date, statuses.canonical_value as status,
               upper(coalesce(nullif(btrim(staged.currency), ''), v_default)) as currency_code, batch.raw_hash
        from ${staging_schema}.staging_purchase_orders as staged
        inner join batch_purchase_orders as batch
            on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
        left join statuses on statuses.erp_value = staged.status
        where not batch.is_unchanged
        order by staged.raw_file_id, staged.record_no, staged.line_no
    ),

    typed as (
        select records.*, currencies.id as currency_id,
               ${schema}.fx_factor(currencies.id, records.order_date) as fx_rate,
               row_number() over (partition by records.erp_key order by records.raw_file_id desc,
                   records.record_no desc)
                   as occurrence
        from records
        left join cw_global.currencies on currencies.code = records.currency_code
    )
    select typed.* from typed;
end
$$;
comment on function ${schema}.typed_purchase_orders(date) is
'Step load, purchase_orders: the changed staging records of the run (those batch_purchase_orders does not mark '
'unchanged; call it inside step_load, or after load_batch_records in the same transaction) typed as the production '
'row needs them: one row per document (its first line): status word canonical, currency and the FX factor of the '
'order date; with occurrence (1 = the last copy of the key in the batch) and the raw hash. load_purchase_orders '
'pre-checks these rows into src_purchase_orders.';

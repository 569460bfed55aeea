-- Step load, store_orders: the typed view of staging. The records step_load found changed (not is_unchanged in
-- batch_store_orders) as the columns of the production row, before pre-checks and deduplication.
create or replace function ${schema}.typed_store_orders(p_run_date date)
returns table (
    raw_file_id bigint,
    record_no integer,
    erp_key text,
    location_erp_id text,
    source_location_erp_id text,
    order_date date,
    requested_date date,
    raw_hash bigint,
    occurrence bigint
)
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
#variable_conflict use_column
begin
    return query
    with records as (
        select distinct on (staged.raw_file_id, staged.record_no)
               staged.raw_file_id, staged.record_no, staged.store_order_id as erp_key,
               staged.location_id as location_erp_id,
               nullif(btrim(staged.source_location_id), '') as source_location_erp_id, staged.order_date,
               staged.requested_date, batch.raw_hash
        from ${staging_schema}.staging_store_orders as staged
        inner join batch_store_orders as batch
            on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
        where not batch.is_unchanged
        order by staged.raw_file_id, staged.record_no, staged.line_no
    ),

    typed as (
        select records.*,
               row_number() over (partition by records.erp_key order by records.raw_file_id desc,
                   records.record_no desc)
                   as occurrence
        from records
    )
    select typed.* from typed;
end
$$;
comment on function ${schema}.typed_store_orders(date) is
'Step load, store_orders: the changed staging records of the run (those batch_store_orders does not mark unchanged; '
'call it inside step_load, or after load_batch_records in the same transaction) typed as the production row needs '
'them: one row per document (its first line); with occurrence (1 = the last copy of the key in the batch) and the '
'raw hash. load_store_orders pre-checks these rows into src_store_orders.';

-- Step load, transfer_orders: the typed view of staging. The records step_load found changed (not is_unchanged in
-- batch_transfer_orders) as the columns of the production row, before pre-checks and deduplication.
create or replace function ${schema}.typed_transfer_orders(p_run_date date)
returns table (
    raw_file_id bigint,
    record_no integer,
    erp_key text,
    from_location_erp_id text,
    to_location_erp_id text,
    store_order_erp_id text,
    reason text,
    ship_date date,
    expected_date date,
    received_date date,
    status text,
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
    -- Each distinct reason and status word is mapped once per batch, not once per line.
    with reasons as (
        select words.erp_value, ${schema}.erp_word('transfer_orders', 'reason', words.erp_value) as canonical_value
        from (select distinct staged.reason as erp_value
              from ${staging_schema}.staging_transfer_orders as staged) as words
    ),

    statuses as (
        select words.erp_value, ${schema}.erp_word('transfer_orders', 'status', words.erp_value) as canonical_value
        from (select distinct staged.status as erp_value
              from ${staging_schema}.staging_transfer_orders as staged) as words
    ),

    -- A store order number that is a placeholder of the dialect (STORE CLOSURE) names the reason, not an order.
    placeholders as (
        select words.erp_value,
               ${schema}.erp_mapped_word('transfer_orders', 'store_order_id', words.erp_value) as canonical_value
        from (select distinct staged.store_order_id as erp_value
              from ${staging_schema}.staging_transfer_orders as staged) as words
    ),

    records as (
        select distinct on (staged.raw_file_id, staged.record_no)
               staged.raw_file_id, staged.record_no, staged.transfer_id as erp_key,
               staged.from_location_id as from_location_erp_id, staged.to_location_id as to_location_erp_id,
               case when placeholders.canonical_value is null
                    then nullif(btrim(staged.store_order_id), '') end as store_order_erp_id,
               coalesce(reasons.canonical_value, placeholders.canonical_value, 'replenishment') as reason,
               staged.ship_date, staged.expected_date, staged.received_date,
               statuses.canonical_value as status, batch.raw_hash
        from ${staging_schema}.staging_transfer_orders as staged
        inner join batch_transfer_orders as batch
            on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
        left join reasons on reasons.erp_value = staged.reason
        left join statuses on statuses.erp_value = staged.status
        left join placeholders on placeholders.erp_value = staged.store_order_id
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
comment on function ${schema}.typed_transfer_orders(date) is
'Step load, transfer_orders: the changed staging records of the run (those batch_transfer_orders does not mark '
'unchanged; call it inside step_load, or after load_batch_records in the same transaction) typed as the production '
'row needs them: one row per document (its first line): reason and status words canonical, a placeholder store '
'order number of the dialect (STORE CLOSURE) as the reason instead of a reference; with occurrence (1 = the last '
'copy of the key in the batch) and the raw hash. load_transfer_orders pre-checks these rows into '
'src_transfer_orders.';

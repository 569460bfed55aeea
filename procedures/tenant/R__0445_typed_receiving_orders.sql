-- Step load, receiving_orders: the typed view of staging. The records step_load found changed (not is_unchanged in
-- batch_receiving_orders) as the columns of the production row, before pre-checks and deduplication.
create or replace function ${schema}.typed_receiving_orders(p_run_date date)
returns table (
    raw_file_id bigint,
    record_no integer,
    erp_key text,
    location_erp_id text,
    received_date date,
    source_type text,
    source_erp_id text,
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
    -- Each distinct source type word is mapped once per batch, not once per line.
    with source_types as (
        select words.erp_value,
               ${schema}.erp_word('receiving_orders', 'source_type', words.erp_value) as canonical_value
        from (select distinct staged.source_type as erp_value
              from ${staging_schema}.staging_receiving_orders as staged) as words
    ),

    records as (
        select distinct on (staged.raw_file_id, staged.record_no)
               staged.raw_file_id, staged.record_no, staged.receipt_id as erp_key,
               staged.location_id as location_erp_id, staged.received_date,
               coalesce(source_types.canonical_value,
                        case when staged.po_id is not null then 'purchase'
                             when staged.transfer_id is not null then 'transfer' end) as source_type,
               coalesce(nullif(btrim(staged.po_id), ''), nullif(btrim(staged.transfer_id), ''),
                        nullif(btrim(staged.source_no), '')) as source_erp_id, batch.raw_hash
        from ${staging_schema}.staging_receiving_orders as staged
        inner join batch_receiving_orders as batch
            on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
        left join source_types on source_types.erp_value = staged.source_type
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
comment on function ${schema}.typed_receiving_orders(date) is
'Step load, receiving_orders: the changed staging records of the run (those batch_receiving_orders does not mark '
'unchanged; call it inside step_load, or after load_batch_records in the same transaction) typed as the production '
'row needs them: one row per document (its first line): source type word canonical or implied by the PO or transfer '
'number sent, source ERP number; with occurrence (1 = the last copy of the key in the batch) and the raw hash. '
'load_receiving_orders pre-checks these rows into src_receiving_orders.';

-- Step load, inventory_balances: the typed view of staging. The records step_load found changed (not is_unchanged in
-- batch_inventory_dates) as the columns of the production row, before pre-checks and deduplication.
create or replace function ${schema}.typed_inventory_balances(p_run_date date)
returns table (
    raw_file_id bigint,
    record_no integer,
    product_erp_id text,
    raw_hash bigint,
    location_erp_id text,
    balance_date date,
    qty_available numeric,
    qty_blocked numeric,
    qty_reserved numeric,
    qty_all numeric,
    snapshot_type text,
    missing_fields text [],
    cast_errors text [],
    occurrence bigint
)
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
#variable_conflict use_column
declare
    v_seed      bigint := ${schema}.load_seed();
begin
    return query
    -- Each distinct snapshot word is mapped once per batch, not once per row.
    with snapshot_types as (
        select words.erp_value,
               coalesce(${schema}.erp_word('inventory', 'snapshot_type', words.erp_value), 'delta') as snapshot_type
        from (select distinct staged.snapshot_type as erp_value
              from ${staging_schema}.staging_inventory_balances as staged) as words
    ),

    -- A balance whose values are those already loaded for its pair and date is counted and left alone, unless the
    -- pair repeats in the batch (its earlier copies are duplicates to reject).
    hashed as (
        select staged.*, batch.is_new,
               hash_record_extended(row(staged.product_id, staged.location_id, staged.balance_date,
                                        staged.qty_available, staged.qty_blocked, staged.qty_reserved,
                                        staged.qty_all, staged.snapshot_type, staged.missing_fields,
                                        staged.cast_errors), v_seed) as raw_hash
        from ${staging_schema}.staging_inventory_balances as staged
        inner join batch_inventory_dates as batch
            on batch.balance_date = coalesce(staged.balance_date, p_run_date) and not batch.is_unchanged
    ),

    repeated as (
        select hashed.product_id, hashed.location_id, hashed.balance_date, true as is_repeated
        from hashed
        where not hashed.is_new
        group by hashed.product_id, hashed.location_id, hashed.balance_date
        having count(*) > 1
    ),

    -- A date never loaded has nothing to compare with (the first load, a new day): all of it is prepared. Other
    -- dates are compared per balance, with left joins rather than correlated subqueries: one hash or index
    -- lookup per balance whatever the statistics say.
    changed as (
        select hashed.*
        from hashed
        where hashed.is_new
        union all
        select hashed.*
        from hashed
        left join repeated
            on repeated.product_id = hashed.product_id and repeated.location_id = hashed.location_id
                and repeated.balance_date is not distinct from hashed.balance_date
        left join ${schema}.products on products.erp_id = hashed.product_id
        left join ${schema}.locations on locations.erp_id = hashed.location_id
        left join ${schema}.inventory_balances as loaded
            on loaded.product_id = products.id and loaded.location_id = locations.id
                and loaded.balance_date = coalesce(hashed.balance_date, p_run_date)
        where not hashed.is_new and (repeated.is_repeated or loaded.raw_hash is distinct from hashed.raw_hash)
    ),

    typed as (
        select staged.raw_file_id, staged.record_no, staged.product_id as product_erp_id, staged.raw_hash,
               staged.location_id as location_erp_id, coalesce(staged.balance_date, p_run_date) as balance_date,
               staged.qty_available, coalesce(staged.qty_blocked, 0) as qty_blocked,
               coalesce(staged.qty_reserved, 0) as qty_reserved,
               coalesce(staged.qty_all, staged.qty_available + coalesce(staged.qty_blocked, 0)
                                        + coalesce(staged.qty_reserved, 0)) as qty_all,
               coalesce(snapshot_types.snapshot_type, 'delta') as snapshot_type,
               staged.missing_fields, staged.cast_errors,
               row_number() over (partition by staged.product_id, staged.location_id, staged.balance_date
                                  order by staged.raw_file_id desc, staged.record_no desc) as occurrence
        from changed as staged
        left join snapshot_types on snapshot_types.erp_value = staged.snapshot_type
    )
    select typed.* from typed;
end
$$;
comment on function ${schema}.typed_inventory_balances(date) is
'Step load, inventory_balances: the changed staging records of the run (those batch_inventory_dates does not mark '
'unchanged; call it inside step_load, or after load_batch_records in the same transaction) typed as the production '
'row needs them: one row per balance of a changed balance date: snapshot type word canonical (blank = delta), the '
'balance date defaulting to the run date; with occurrence (1 = the last copy of the key in the batch) and the raw '
'hash. load_inventory_balances pre-checks these rows into src_inventory_balances.';

-- Step load, inventory: end-of-day balances per product x location (full snapshot or delta).

create or replace procedure ${schema}.write_inventory_balances(p_run_date date, p_src_row bigint)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    with written as (
        insert into ${schema}.inventory_balances as balances (
            product_id, location_id, balance_date, qty_available, qty_blocked, qty_reserved, qty_all, row_hash,
            raw_hash
        )
        select products.id, locations.id, src.balance_date, src.qty_available, src.qty_blocked, src.qty_reserved,
               src.qty_all, src.row_hash, src.raw_hash
        from src_inventory_balances as src
        inner join ${schema}.products on products.erp_id = src.product_erp_id
        inner join ${schema}.locations on locations.erp_id = src.location_erp_id
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from ${schema}.inventory_balances as existing
                            where existing.product_id = products.id and existing.location_id = locations.id
                                and existing.balance_date = src.balance_date and existing.row_hash = src.row_hash)
        on conflict on constraint inventory_balances_product_id_location_id_balance_date_key do update
        set qty_available = excluded.qty_available, qty_blocked = excluded.qty_blocked,
            qty_reserved = excluded.qty_reserved, qty_all = excluded.qty_all, row_hash = excluded.row_hash,
            raw_hash = excluded.raw_hash, updated_at = now()
        where balances.row_hash is distinct from excluded.row_hash
        returning (balances.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'inventory_balances', count(*) filter (where written.is_insert),
           count(*) filter (where not written.is_insert)
    from written;

    if p_src_row is not null or ${schema}.load_has_unwritten_rows('inventory_balances') then
        update ${schema}.inventory_balances
        set raw_hash = src.raw_hash
        from src_inventory_balances as src
        inner join ${schema}.products on products.erp_id = src.product_erp_id
        inner join ${schema}.locations on locations.erp_id = src.location_erp_id
        where inventory_balances.product_id = products.id and inventory_balances.location_id = locations.id
            and inventory_balances.balance_date = src.balance_date and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
                and inventory_balances.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;
comment on procedure ${schema}.write_inventory_balances(date, bigint) is
'Upserts the accepted balances of src_inventory_balances by (product, location, balance date), only when a '
'quantity changed.';

create or replace procedure ${schema}.load_inventory_balances(p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_seed     bigint := ${schema}.load_seed();
    v_prepared bigint := 0;
begin
    -- Balance dates whose staging balances hash as those of the batch that last touched the date are skipped whole:
    -- their balances, snapshot type and row count are what production already holds.
    call ${schema}.load_drop_temp('batch_inventory_dates');
    create temp table batch_inventory_dates on commit drop as
    select dates.balance_date, dates.raw_hash, coalesce(snapshots.raw_hash = dates.raw_hash, false) as is_unchanged,
           snapshots.snapshot_date is null as is_new, dates.balance_count
    from (select coalesce(staged.balance_date, p_run_date) as balance_date, count(*) as balance_count,
                 hash_numeric_extended(sum(hash_record_extended(row(staged.product_id, staged.location_id,
                                                                    staged.balance_date, staged.qty_available,
                                                                    staged.qty_blocked, staged.qty_reserved,
                                                                    staged.qty_all, staged.snapshot_type,
                                                                    staged.missing_fields, staged.cast_errors),
                                                                v_seed)), count(*)) as raw_hash
          from ${staging_schema}.staging_inventory_balances as staged
          group by coalesce(staged.balance_date, p_run_date)) as dates
    left join ${schema}.inventory_snapshots as snapshots on snapshots.snapshot_date = dates.balance_date;

    call ${schema}.load_drop_temp('src_inventory_balances');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_inventory_dates where not batch_inventory_dates.is_unchanged) then
        create temp table src_inventory_balances on commit drop as
        select row_number() over (order by typed.product_erp_id, typed.location_erp_id, typed.raw_file_id,
                                           typed.record_no) as src_row,
               coalesce(typed.product_erp_id, '?') || '@' || coalesce(typed.location_erp_id, '?') as erp_key, typed.*,
               case when typed.product_erp_id is null or typed.location_erp_id is null or typed.qty_available is null
                        or cardinality(typed.missing_fields) > 0 then 'missing_fields'
                    when cardinality(typed.cast_errors) > 0 then 'cast_errors'
                    when typed.occurrence > 1 then 'duplicate'
                    when not exists (select from ${schema}.products where products.erp_id = typed.product_erp_id)
                        then 'orphan_product'
                    when not exists (select from ${schema}.locations where locations.erp_id = typed.location_erp_id)
                        then 'orphan_location'
                    when typed.qty_available < 0 or typed.qty_blocked < 0 or typed.qty_reserved < 0 or typed.qty_all < 0
                        or greatest(typed.qty_available, typed.qty_blocked, typed.qty_reserved, typed.qty_all) >= 1e11
                        then 'inventory_balance_qty_check'
               end as reject_code,
               md5(row(typed.qty_available, typed.qty_blocked, typed.qty_reserved,
                   typed.qty_all)::text)::uuid as row_hash
        from ${schema}.typed_inventory_balances(p_run_date) as typed;
        analyze src_inventory_balances;

        call ${schema}.load_reject_rows('inventory_balances', p_run_date);
        call ${schema}.load_apply('inventory_balances', p_run_date);

        select count(*) into v_prepared from src_inventory_balances;

        -- What kind of snapshot each balance date was: a full one bounds inventory_as_of; a delta removes nothing. From
        -- the whole batch, skipped balances included: one row per reported pair (earlier duplicates not counted).
        insert into ${schema}.inventory_snapshots as snapshots (snapshot_date, snapshot_type, row_count, raw_hash)
        select pairs.balance_date, case when bool_or(pairs.is_full) then 'full' else 'delta' end, count(*),
               (select batch.raw_hash from batch_inventory_dates as batch
                where batch.balance_date = pairs.balance_date
                    and not exists (select from src_inventory_balances as src
                                    where src.balance_date = pairs.balance_date and src.reject_code is not null))
        from (select coalesce(staged.balance_date, p_run_date) as balance_date,
                     coalesce(bool_or(snapshot_types.snapshot_type = 'full'), false) as is_full
              from ${staging_schema}.staging_inventory_balances as staged
              left join (select words.erp_value,
                                ${schema}.erp_word('inventory', 'snapshot_type', words.erp_value) as snapshot_type
                         from (select distinct batch.snapshot_type as erp_value
                               from ${staging_schema}.staging_inventory_balances as batch) as words) as snapshot_types
                  on snapshot_types.erp_value = staged.snapshot_type
              inner join batch_inventory_dates as batch
                  on batch.balance_date = coalesce(staged.balance_date, p_run_date) and not batch.is_unchanged
              group by staged.product_id, staged.location_id, staged.balance_date) as pairs
        group by pairs.balance_date
        on conflict on constraint inventory_snapshots_snapshot_date_key do update
        set snapshot_type = excluded.snapshot_type, row_count = excluded.row_count, raw_hash = excluded.raw_hash
        where (snapshots.snapshot_type, snapshots.row_count, snapshots.raw_hash)
            is distinct from (excluded.snapshot_type, excluded.row_count, excluded.raw_hash);
    end if;
    insert into load_counts (entity, inserted, updated, unchanged)
    select 'inventory_balances', 0, 0, (select count(*) from ${staging_schema}.staging_inventory_balances) - v_prepared;
end
$$;
comment on procedure ${schema}.load_inventory_balances(date) is
'Step load, inventory: staging_inventory_balances into inventory_balances (one row per reported pair and date; '
'qty_all defaults to the sum of the three quantities) and inventory_snapshots (full or delta). A delta only adds '
'or corrects the balances it lists: it never deactivates or removes anything.';

-- Step 5 helper: keeps demand_pairs (each pair's first evidence) up to date for the pairs the loads touched, so a
-- nightly run never aggregates every order line of the client's history to find where each pair starts.
create or replace procedure ${schema}.demand_pairs_refresh()
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    -- A change after a pair's first date cannot move it; a new pair or a change on or before its first date can
    -- (a first sale cancelled, an earlier reading loaded late): those pairs are measured again from their history.
    with candidates as (
        select distinct demand_touched.product_id, demand_touched.location_id
        from demand_touched
        left join ${schema}.demand_pairs as known
            on known.product_id = demand_touched.product_id and known.location_id = demand_touched.location_id
        where known.product_id is null or demand_touched.touched_date <= known.first_date
    ),

    evidence as (
        select candidates.product_id, candidates.location_id,
               least(
                   (select min(orders.order_date)
                    from ${schema}.sales_order_lines as lines
                    inner join ${schema}.sales_orders as orders on orders.id = lines.sales_order_id
                    where lines.product_id = candidates.product_id and orders.location_id = candidates.location_id
                        and lines.is_active and not lines.is_cancelled
                        and orders.status is distinct from 'cancelled'),
                   (select min(balances.balance_date)
                    from ${schema}.inventory_balances as balances
                    where balances.product_id = candidates.product_id
                        and balances.location_id = candidates.location_id)
               ) as first_date
        from candidates
    ),

    vanished as (
        delete from ${schema}.demand_pairs as pairs
        using evidence
        where evidence.first_date is null and pairs.product_id = evidence.product_id
            and pairs.location_id = evidence.location_id
    )

    insert into ${schema}.demand_pairs as pairs (product_id, location_id, first_date)
    select evidence.product_id, evidence.location_id, evidence.first_date
    from evidence
    where evidence.first_date is not null
    on conflict on constraint demand_pairs_pkey do update
    set first_date = excluded.first_date, updated_at = now()
    where pairs.first_date is distinct from excluded.first_date;
end
$$;
comment on procedure ${schema}.demand_pairs_refresh() is
'Step 5 helper: brings demand_pairs up to date for the pairs in the temporary table demand_touched (what the loads '
'touched): a new pair, or one touched on or before its first date, gets its first evidence (first active, not '
'cancelled sale line or first stock reading) measured again; a pair without evidence any more is removed. Called by '
'step_demand_history on incremental runs (a first run fills the table from all history).';

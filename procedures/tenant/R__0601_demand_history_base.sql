-- Step 5 helper: the base facts of every product x store/webshop pair and day of a range (units sold and returned,
-- stock reading, location open, trading day, delisted) into the temporary table demand_base. Shared by the grid
-- (demand_history_compute) and the one-day path from the pair state (demand_history_compute_day).
create or replace procedure ${schema}.demand_history_base(p_from date, p_to date)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    call ${schema}.load_drop_temp('demand_base');

    -- One row per pair and day from the pair's first evidence (a sale or a stock reading) to p_to. A pair dropped
    -- from the latest full snapshot (stocked before, no reading since) that sells nothing is delisted that day: it
    -- keeps its place in the grid (dense windows) but is neither a rate day nor written.
    create temp table demand_base on commit drop as
    with customer_locations as (
        select locations.id as location_id, locations.location_type = 'online' as is_online
        from ${schema}.locations
        where locations.location_type in ('store', 'online')
    ),

    -- Net demand: lines of orders that are not cancelled, not cancelled themselves, still on the document. A return
    -- (document_type return) is recorded as returned units on its own date, never as negative demand.
    daily_documents as (
        select lines.product_id, orders.location_id, orders.order_date as demand_date,
               coalesce(sum(lines.qty) filter (where orders.document_type = 'order'), 0) as qty,
               coalesce(sum(lines.revenue) filter (where orders.document_type = 'order'), 0) as revenue,
               coalesce(sum(lines.qty) filter (where orders.document_type = 'return'), 0) as returned_qty,
               coalesce(sum(lines.revenue) filter (where orders.document_type = 'return'), 0) as returned_revenue
        from ${schema}.sales_order_lines as lines
        inner join ${schema}.sales_orders as orders on orders.id = lines.sales_order_id
        where lines.is_active and not lines.is_cancelled and orders.status is distinct from 'cancelled'
            and orders.order_date between p_from and p_to
        group by lines.product_id, orders.location_id, orders.order_date
    ),

    daily_sales as (
        select daily_documents.*
        from daily_documents
        where daily_documents.qty > 0 or daily_documents.returned_qty > 0
    ),

    open_days as (
        select daily_sales.location_id, daily_sales.demand_date
        from daily_sales
        where daily_sales.qty > 0
        group by daily_sales.location_id, daily_sales.demand_date
    ),

    -- Where each pair starts: demand_pairs (kept by step_demand_history: the first evidence before the range)
    -- together with the evidence inside the range, so no query aggregates every order line of the history.
    range_evidence as (
        select daily_documents.product_id, daily_documents.location_id,
               min(daily_documents.demand_date) as first_date
        from daily_documents
        group by daily_documents.product_id, daily_documents.location_id
        union all
        select balances.product_id, balances.location_id, min(balances.balance_date)
        from ${schema}.inventory_balances as balances
        where balances.balance_date between p_from and p_to
        group by balances.product_id, balances.location_id
        union all
        select demand_pairs.product_id, demand_pairs.location_id, demand_pairs.first_date
        from ${schema}.demand_pairs
        where demand_pairs.first_date <= p_to
    ),

    pairs as (
        select range_evidence.product_id, range_evidence.location_id, min(range_evidence.first_date) as first_date
        from range_evidence
        inner join customer_locations on customer_locations.location_id = range_evidence.location_id
        group by range_evidence.product_id, range_evidence.location_id
    ),

    full_snapshots as (
        select day::date as demand_date,
               coalesce((select max(snapshots.snapshot_date) from ${schema}.inventory_snapshots as snapshots
                         where snapshots.snapshot_type = 'full' and snapshots.snapshot_date <= day::date),
                        '-infinity') as full_date
        from generate_series(p_from, p_to, interval '1 day') as day
    ),

    grid as (
        select pairs.product_id, pairs.location_id, day::date as demand_date
        from pairs
        cross join lateral generate_series(greatest(pairs.first_date, p_from), p_to, interval '1 day') as day
    )

    select grid.product_id, grid.location_id, grid.demand_date, products.product_category_id, products.is_dropship,
           product_types.is_merchandise,
           products.cost as unit_cost, customer_locations.is_online, coalesce(daily_sales.qty, 0) as qty,
           coalesce(daily_sales.revenue, 0) as revenue, coalesce(daily_sales.returned_qty, 0) as returned_qty,
           coalesce(daily_sales.returned_revenue, 0) as returned_revenue, stock.qty_available,
           open_days.location_id is not null as is_location_open,
           coalesce(calendar.is_trading_day, true) as is_trading_day,
           stock.qty_available is null and coalesce(daily_sales.qty, 0) = 0 and exists (
               select from ${schema}.inventory_balances as earlier
               where earlier.product_id = grid.product_id and earlier.location_id = grid.location_id
                   and earlier.balance_date < full_snapshots.full_date
           ) as is_delisted
    from grid
    inner join ${schema}.products on products.id = grid.product_id
    inner join ${schema}.product_types
        on product_types.id = coalesce(products.product_type_override, products.product_type_id)
    inner join customer_locations on customer_locations.location_id = grid.location_id
    inner join full_snapshots on full_snapshots.demand_date = grid.demand_date
    left join daily_sales
        on daily_sales.product_id = grid.product_id and daily_sales.location_id = grid.location_id
        and daily_sales.demand_date = grid.demand_date
    left join open_days on open_days.location_id = grid.location_id and open_days.demand_date = grid.demand_date
    left join ${schema}.trading_calendar(p_from, p_to) as calendar
        on calendar.location_id = grid.location_id and calendar.calendar_date = grid.demand_date
    left join lateral (
        select balances.qty_available
        from ${schema}.inventory_balances as balances
        where balances.product_id = grid.product_id and balances.location_id = grid.location_id
            and balances.balance_date <= grid.demand_date and balances.balance_date >= full_snapshots.full_date
        order by balances.balance_date desc
        limit 1
    ) as stock on true;

    -- The regular selling pattern of a pair, measured on each of its sale days over the v_window_days days ending
    -- that day: the robust size of a selling day is the mean of the day quantities that are at most
end
$$;
comment on procedure ${schema}.demand_history_base(date, date) is
'Step 5 helper: one row per product x store/webshop pair and day from the pair''s first evidence (demand_pairs and '
'the evidence inside the range) between p_from and p_to into the temporary table demand_base: units and revenue '
'sold and returned (net of cancellations), the stock reading in force, whether the location sold anything that day '
'(open), the trading calendar and whether a full snapshot delisted the pair. Read by demand_history_compute (a grid '
'of days) and demand_history_compute_day (one day from demand_pair_state).';

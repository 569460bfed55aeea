-- Step 5 helper: the base facts of every product x store/webshop pair and day of a range (units sold and returned,
-- stock reading, location open, trading day, delisted) into the temporary table demand_base. Shared by the grid
-- (demand_history_compute) and the one-day path from the pair state (demand_history_compute_day).
create or replace procedure ${schema}.demand_history_base(p_from date, p_to date)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    -- The inputs of the grid, each a temporary table with statistics: estimated as CTEs they were off by 3 to 5 x
    -- and the grid's join to the day's sales became a merge join on (date, location) that filtered 70 M row pairs
    -- for 0.3 M grid rows (1,000 x 20, 43 days: 150 s of a 200 s grid).
    -- Net demand: lines of orders that are not cancelled, not cancelled themselves, still on the document. A return
    -- (document_type return) is recorded as returned units on its own date, never as negative demand.
    call ${schema}.load_drop_temp('demand_base_documents');
    create temp table demand_base_documents on commit drop as
    select lines.product_id, orders.location_id, orders.order_date as demand_date,
           coalesce(sum(lines.qty) filter (where orders.document_type = 'order'), 0) as qty,
           coalesce(sum(lines.revenue) filter (where orders.document_type = 'order'), 0) as revenue,
           coalesce(sum(lines.qty) filter (where orders.document_type = 'return'), 0) as returned_qty,
           coalesce(sum(lines.revenue) filter (where orders.document_type = 'return'), 0) as returned_revenue
    from ${schema}.sales_order_lines as lines
    inner join ${schema}.sales_orders as orders on orders.id = lines.sales_order_id
    where lines.is_active and not lines.is_cancelled and orders.status is distinct from 'cancelled'
        and orders.order_date between p_from and p_to
    group by lines.product_id, orders.location_id, orders.order_date;
    analyze demand_base_documents;

    -- The stock readings a pair-day can see: those of the range (here) and, per pair, the last one before it (below).
    -- seen_date: the grid day the reading is joined to.
    call ${schema}.load_drop_temp('demand_base_readings');
    create temp table demand_base_readings on commit drop as
    select balances.product_id, balances.location_id, balances.balance_date, balances.qty_available,
           balances.balance_date as seen_date
    from ${schema}.locations
    inner join ${schema}.inventory_balances as balances on balances.location_id = locations.id
    where locations.location_type in ('store', 'online') and balances.balance_date between p_from and p_to;

    -- Where each pair starts: demand_pairs (kept by step_demand_history: the first evidence before the range)
    -- together with the evidence inside the range, so no query aggregates every order line of the history.
    call ${schema}.load_drop_temp('demand_base_pairs');
    create temp table demand_base_pairs on commit drop as
    select range_evidence.product_id, range_evidence.location_id, min(range_evidence.first_date) as first_date
    from (
        select documents.product_id, documents.location_id, min(documents.demand_date) as first_date
        from demand_base_documents as documents
        group by documents.product_id, documents.location_id
        union all
        select readings.product_id, readings.location_id, min(readings.balance_date)
        from demand_base_readings as readings
        group by readings.product_id, readings.location_id
        union all
        select demand_pairs.product_id, demand_pairs.location_id, demand_pairs.first_date
        from ${schema}.demand_pairs
        where demand_pairs.first_date <= p_to
    ) as range_evidence
    inner join ${schema}.locations on locations.id = range_evidence.location_id
    where locations.location_type in ('store', 'online')
    group by range_evidence.product_id, range_evidence.location_id;
    analyze demand_base_pairs;

    -- The last reading before the range, one index probe per pair (not one per pair-day), seen on p_from: the grid
    -- of such a pair starts there (its first evidence is older). The range's own reading of p_from, if any, is the
    -- later one: the running max in the grid picks it.
    insert into demand_base_readings (product_id, location_id, balance_date, qty_available, seen_date)
    select pairs.product_id, pairs.location_id, before.balance_date, before.qty_available, p_from
    from demand_base_pairs as pairs
    cross join lateral (
        select balances.balance_date, balances.qty_available
        from ${schema}.inventory_balances as balances
        where balances.product_id = pairs.product_id and balances.location_id = pairs.location_id
            and balances.balance_date < p_from
        order by balances.balance_date desc
        limit 1
    ) as before;
    analyze demand_base_readings;

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

    open_days as (
        select documents.location_id, documents.demand_date
        from demand_base_documents as documents
        where documents.qty > 0
        group by documents.location_id, documents.demand_date
    ),

    -- materialized: a sub-select per day, not per pair-day (the stock join below reads full_date)
    full_snapshots as materialized (
        select day::date as demand_date,
               coalesce((select max(snapshots.snapshot_date) from ${schema}.inventory_snapshots as snapshots
                         where snapshots.snapshot_type = 'full' and snapshots.snapshot_date <= day::date),
                        '-infinity') as full_date
        from generate_series(p_from, p_to, interval '1 day') as day
    ),

    grid as (
        select pairs.product_id, pairs.location_id, day::date as demand_date
        from demand_base_pairs as pairs
        cross join lateral generate_series(greatest(pairs.first_date, p_from), p_to, interval '1 day') as day
    ),

    -- The date of the reading in force on each pair-day: the latest reading on or before the day, a running max over
    -- the pair's days (one sort of the grid instead of an index probe per pair-day). A reading before p_from is the
    -- pair's only reading older than the range, so it starts the running max.
    grid_readings as (
        select grid.product_id, grid.location_id, grid.demand_date,
               max(seen.balance_date) over pair_days as reading_date
        from grid
        left join (
            select readings.product_id, readings.location_id, readings.seen_date,
                   max(readings.balance_date) as balance_date
            from demand_base_readings as readings
            group by readings.product_id, readings.location_id, readings.seen_date
        ) as seen
            on seen.product_id = grid.product_id and seen.location_id = grid.location_id
            and seen.seen_date = grid.demand_date
        window pair_days as (
            partition by grid.product_id, grid.location_id order by grid.demand_date rows unbounded preceding
        )
    )

    select grid.product_id, grid.location_id, grid.demand_date, products.product_category_id, products.is_dropship,
           product_types.is_merchandise,
           products.cost as unit_cost, customer_locations.is_online, coalesce(daily_sales.qty, 0) as qty,
           coalesce(daily_sales.revenue, 0) as revenue, coalesce(daily_sales.returned_qty, 0) as returned_qty,
           coalesce(daily_sales.returned_revenue, 0) as returned_revenue, stock.qty_available,
           open_days.location_id is not null as is_location_open,
           coalesce(calendar.is_trading_day, true) as is_trading_day,
           -- delisted: no reading in force since the latest full snapshot, but an older one (qty_available is
           -- never null: a reading before the full snapshot is the only way to have none in force and one earlier)
           stock.qty_available is null and coalesce(daily_sales.qty, 0) = 0 and grid.reading_date is not null
           as is_delisted
    from grid_readings as grid
    inner join ${schema}.products on products.id = grid.product_id
    inner join ${schema}.product_types
        on product_types.id = coalesce(products.product_type_override, products.product_type_id)
    inner join customer_locations on customer_locations.location_id = grid.location_id
    inner join full_snapshots on full_snapshots.demand_date = grid.demand_date
    left join demand_base_documents as daily_sales
        on daily_sales.product_id = grid.product_id and daily_sales.location_id = grid.location_id
        and daily_sales.demand_date = grid.demand_date and (daily_sales.qty > 0 or daily_sales.returned_qty > 0)
    left join open_days on open_days.location_id = grid.location_id and open_days.demand_date = grid.demand_date
    left join ${schema}.trading_calendar(p_from, p_to) as calendar
        on calendar.location_id = grid.location_id and calendar.calendar_date = grid.demand_date
    -- the reading in force counts only if no full snapshot came after it (a pair missing from a full snapshot has no
    -- stock data from then on)
    left join demand_base_readings as stock
        on stock.product_id = grid.product_id and stock.location_id = grid.location_id
        and stock.balance_date = grid.reading_date and grid.reading_date >= full_snapshots.full_date;
end
$$;
comment on procedure ${schema}.demand_history_base(date, date) is
'Step 5 helper: one row per product x store/webshop pair and day from the pair''s first evidence (demand_pairs and '
'the evidence inside the range) between p_from and p_to into the temporary table demand_base: units and revenue '
'sold and returned (net of cancellations), the stock reading in force, whether the location sold anything that day '
'(open), the trading calendar and whether a full snapshot delisted the pair. Read by demand_history_compute (a grid '
'of days) and demand_history_compute_day (one day from demand_pair_state).';

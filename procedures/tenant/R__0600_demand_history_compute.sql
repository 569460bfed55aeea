-- Step 5 helper: computes demand facts of every product x store/webshop pair for a date range into the temporary
-- table demand_computed (dropped at commit). Set-based: one grid of pair-days, window sums for the rates.
create or replace procedure ${schema}.demand_history_compute(
    p_from date, p_to date, p_window_days integer, p_prior_days numeric, p_stop_probability numeric
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    call ${schema}.load_drop_temp('demand_base');
    call ${schema}.load_drop_temp('demand_computed');

    -- One row per pair and day from the pair's first evidence (a sale or a stock reading) to p_to. A pair dropped
    -- from the latest full snapshot (stocked before, no reading since) that sells nothing is delisted that day: it
    -- keeps its place in the grid (dense windows) but is neither a rate day nor written.
    create temp table demand_base on commit drop as
    with customer_locations as (
        select locations.id as location_id, locations.location_type = 'online' as is_online
        from ${schema}.locations
        where locations.location_type in ('store', 'online')
    ),

    daily_sales as (
        select lines.product_id, orders.location_id, orders.order_date as demand_date, sum(lines.qty) as qty,
               sum(coalesce(lines.revenue, 0)) as revenue
        from ${schema}.sales_order_lines as lines
        inner join ${schema}.sales_orders as orders on orders.id = lines.sales_order_id
        where lines.is_active and orders.status is distinct from 'cancelled'
            and orders.order_date between p_from and p_to
        group by lines.product_id, orders.location_id, orders.order_date
    ),

    open_days as (
        select daily_sales.location_id, daily_sales.demand_date
        from daily_sales
        where daily_sales.qty > 0
        group by daily_sales.location_id, daily_sales.demand_date
    ),

    evidence as (
        select lines.product_id, orders.location_id, min(orders.order_date) as first_date
        from ${schema}.sales_order_lines as lines
        inner join ${schema}.sales_orders as orders on orders.id = lines.sales_order_id
        where lines.is_active and orders.status is distinct from 'cancelled' and orders.order_date <= p_to
        group by lines.product_id, orders.location_id
        union all
        select balances.product_id, balances.location_id, min(balances.balance_date)
        from ${schema}.inventory_balances as balances
        where balances.balance_date <= p_to
        group by balances.product_id, balances.location_id
    ),

    pairs as (
        select evidence.product_id, evidence.location_id, min(evidence.first_date) as first_date
        from evidence
        inner join customer_locations on customer_locations.location_id = evidence.location_id
        group by evidence.product_id, evidence.location_id
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
           products.cost as unit_cost, customer_locations.is_online, coalesce(daily_sales.qty, 0) as qty,
           coalesce(daily_sales.revenue, 0) as revenue, stock.qty_available,
           open_days.location_id is not null as is_location_open,
           coalesce(calendar.is_trading_day, true) as is_trading_day,
           stock.qty_available is null and daily_sales.qty is null and exists (
               select from ${schema}.inventory_balances as earlier
               where earlier.product_id = grid.product_id and earlier.location_id = grid.location_id
                   and earlier.balance_date < full_snapshots.full_date
           ) as is_delisted
    from grid
    inner join ${schema}.products on products.id = grid.product_id
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

    -- Rates over the p_window_days days before each day (the day itself excluded): a rate day is a day the location
    -- sold something and the pair was not known to be out of stock.
    create temp table demand_computed on commit drop as
    with base as (
        select demand_base.*,
               demand_base.is_location_open and not demand_base.is_delisted
               and coalesce(demand_base.qty_available > 0, true) as is_rate_day
        from demand_base
    ),

    pair_windows as (
        select base.*,
               coalesce(sum(base.qty) filter (where base.is_rate_day) over pair_window, 0) as own_qty,
               count(*) filter (where base.is_rate_day) over pair_window as own_days,
               count(*) filter (where base.is_location_open) over pair_history as open_day_no
        from base
        window pair_window as (
            partition by base.product_id, base.location_id order by base.demand_date
            rows between p_window_days preceding and 1 preceding
        ),
        pair_history as (
            partition by base.product_id, base.location_id order by base.demand_date rows unbounded preceding
        )
    ),

    pair_last_sale as (
        select pair_windows.*,
               max(pair_windows.open_day_no) filter (where pair_windows.qty > 0) over (
                   partition by pair_windows.product_id, pair_windows.location_id order by pair_windows.demand_date
                   rows unbounded preceding
               ) as last_sale_day_no
        from pair_windows
    ),

    product_days as (
        select base.product_id, base.demand_date, coalesce(sum(base.qty) filter (where base.is_rate_day), 0) as qty,
               count(*) filter (where base.is_rate_day) as rate_days, sum(base.qty) as all_qty
        from base
        group by base.product_id, base.demand_date
    ),

    product_windows as (
        select product_days.product_id, product_days.demand_date,
               coalesce(sum(product_days.qty) over product_window, 0) as product_qty,
               coalesce(sum(product_days.rate_days) over product_window, 0) as product_days,
               sum(product_days.all_qty) over (
                   partition by product_days.product_id order by product_days.demand_date
                   rows between p_window_days preceding and current row
               ) as product_recent_qty
        from product_days
        window product_window as (
            partition by product_days.product_id order by product_days.demand_date
            rows between p_window_days preceding and 1 preceding
        )
    ),

    category_location_days as (
        select base.product_category_id, base.location_id, base.demand_date,
               coalesce(sum(base.qty) filter (where base.is_rate_day), 0) as qty,
               count(*) filter (where base.is_rate_day) as rate_days
        from base
        where base.product_category_id is not null
        group by base.product_category_id, base.location_id, base.demand_date
    ),

    category_location_windows as (
        select category_location_days.product_category_id, category_location_days.location_id,
               category_location_days.demand_date,
               sum(category_location_days.qty) over category_window as category_qty,
               sum(category_location_days.rate_days) over category_window as category_days
        from category_location_days
        window category_window as (
            partition by category_location_days.product_category_id, category_location_days.location_id
            order by category_location_days.demand_date rows between p_window_days preceding and 1 preceding
        )
    ),

    category_days as (
        select base.product_category_id, base.demand_date,
               coalesce(sum(base.qty) filter (where base.is_rate_day), 0) as qty,
               count(*) filter (where base.is_rate_day) as rate_days
        from base
        where base.product_category_id is not null
        group by base.product_category_id, base.demand_date
    ),

    category_windows as (
        select category_days.product_category_id, category_days.demand_date,
               sum(category_days.qty) over category_window as category_qty,
               sum(category_days.rate_days) over category_window as category_days
        from category_days
        window category_window as (
            partition by category_days.product_category_id order by category_days.demand_date
            rows between p_window_days preceding and 1 preceding
        )
    ),

    priors as (
        select pair_last_sale.*, product_windows.product_recent_qty,
               product_windows.product_days - pair_last_sale.own_days as other_days,
               case
                   when product_windows.product_days - pair_last_sale.own_days > 0
                       then (product_windows.product_qty - pair_last_sale.own_qty)
                       / (product_windows.product_days - pair_last_sale.own_days)
                       * coalesce((category_location_windows.category_qty
                                   / nullif(category_location_windows.category_days, 0))
                                  / nullif(category_windows.category_qty
                                           / nullif(category_windows.category_days, 0), 0), 1)
                   when category_location_windows.category_days > 0
                       then category_location_windows.category_qty / category_location_windows.category_days
               end as prior_rate
        from pair_last_sale
        inner join product_windows
            on product_windows.product_id = pair_last_sale.product_id
            and product_windows.demand_date = pair_last_sale.demand_date
        left join category_location_windows
            on category_location_windows.product_category_id = pair_last_sale.product_category_id
            and category_location_windows.location_id = pair_last_sale.location_id
            and category_location_windows.demand_date = pair_last_sale.demand_date
        left join category_windows
            on category_windows.product_category_id = pair_last_sale.product_category_id
            and category_windows.demand_date = pair_last_sale.demand_date
    ),

    rates as (
        select priors.*,
               case
                   when priors.prior_rate is not null and priors.own_days + p_prior_days > 0
                       then (priors.own_qty + p_prior_days * priors.prior_rate) / (priors.own_days + p_prior_days)
                   when priors.prior_rate is not null then priors.prior_rate
                   when priors.own_days > 0 then priors.own_qty / priors.own_days
               end as selling_rate
        from priors
    ),

    flags as (
        select rates.*,
               rates.is_dropship or not (
                   coalesce(rates.qty_available <= 0, false)
                   or (rates.qty_available is null and rates.qty = 0 and rates.is_trading_day
                       and rates.last_sale_day_no is not null
                       and rates.selling_rate > 0
                       and rates.selling_rate * (rates.open_day_no - rates.last_sale_day_no) >= -ln(p_stop_probability))
               ) as is_in_stock
        from rates
    ),

    imputed as (
        select flags.*,
               case
                   when not flags.is_trading_day then null  -- a closed day (trading calendar) misses no demand
                   when not flags.is_in_stock and flags.selling_rate is not null
                       then case when flags.is_location_open then round(greatest(flags.selling_rate - flags.qty, 0), 3)
                           else 0 end
               end as stockout_qty
        from flags
    ),

    final as (
        select imputed.product_id, imputed.location_id, imputed.demand_date, imputed.qty as quantity,
               round(imputed.revenue, 4) as revenue, round(imputed.qty * imputed.unit_cost, 4) as cost,
               imputed.is_in_stock, imputed.stockout_qty, imputed.stockout_qty is not null as is_oos_imputed,
               imputed.qty + coalesce(imputed.stockout_qty, 0) as demand_qty,
               case
                   when imputed.is_dropship then 6
                   when imputed.is_in_stock and imputed.product_recent_qty = 0 then 4
                   when imputed.is_in_stock then 1
                   when imputed.selling_rate is null then 7
                   when imputed.is_online and imputed.other_days = 0 then 5
                   when imputed.own_days > 0 then 2
                   else 3
               end::smallint as demand_source_type_id,
               round(imputed.selling_rate, 4) as selling_rate_qty
        from imputed
        where not imputed.is_delisted
    )

    select * from final;
end
$$;
comment on procedure ${schema}.demand_history_compute(date, date, integer, numeric, numeric) is
'Step 5 helper: demand facts of every product x store/webshop pair and day between p_from and p_to into the '
'temporary table demand_computed: sales, stock reading, stockout flag (no available stock, or sales stopped for '
'longer than probability p_stop_probability allows at the selling rate), selling rate (own in-stock rate over the '
'p_window_days days before, shrunk with weight p_prior_days days towards the product''s rate at other locations '
'scaled by the category pattern, or the category''s rate at the location), imputed missed demand and its source. '
'Pair-days delisted by a full inventory snapshot (stocked before, no reading since, no sale) are left out.';

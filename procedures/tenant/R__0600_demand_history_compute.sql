-- Step 5 helper: computes demand facts of every product x store/webshop pair for a date range into the temporary
-- table demand_computed (dropped at commit). Set-based: one grid of pair-days, window sums for the rates.
drop procedure if exists ${schema}.demand_history_compute(date, date, integer, numeric, numeric);
create or replace procedure ${schema}.demand_history_compute(p_from date, p_to date, p_settings jsonb)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_window_days    integer := (p_settings ->> 'rate_window_days')::integer;
    v_prior_days     numeric := (p_settings ->> 'prior_weight_days')::numeric;
    v_stop_prob      numeric := (p_settings ->> 'sales_stop_probability')::numeric;
    v_min_selling    integer := (p_settings ->> 'stop_min_selling_days')::integer;
    v_max_open_days  integer := (p_settings ->> 'stop_max_open_days')::integer;
    v_outlier_factor numeric := (p_settings ->> 'outlier_factor')::numeric;
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
    -- v_outlier_factor x their median (a wholesale order or a later-cancelled bulk buy is an outlier, not a pattern).
    create index on demand_base (product_id, location_id, demand_date) where qty > 0;
    analyze demand_base;
    call ${schema}.load_drop_temp('demand_regular');
    create temp table demand_regular on commit drop as
    select sale_days.product_id, sale_days.location_id, sale_days.demand_date, medians.median_qty,
           regular.regular_size_qty, regular.outlier_days
    from demand_base as sale_days
    cross join lateral (
        select percentile_cont(0.5) within group (order by earlier.qty) as median_qty
        from demand_base as earlier
        where earlier.product_id = sale_days.product_id and earlier.location_id = sale_days.location_id
            and earlier.qty > 0 and earlier.demand_date between sale_days.demand_date - (v_window_days - 1)
            and sale_days.demand_date
    ) as medians
    cross join lateral (
        select avg(earlier.qty) filter (where earlier.qty <= v_outlier_factor * medians.median_qty) as regular_size_qty,
               count(*) filter (where earlier.qty > v_outlier_factor * medians.median_qty) as outlier_days
        from demand_base as earlier
        where earlier.product_id = sale_days.product_id and earlier.location_id = sale_days.location_id
            and earlier.qty > 0 and earlier.demand_date between sale_days.demand_date - (v_window_days - 1)
            and sale_days.demand_date
    ) as regular
    where sale_days.qty > 0;

    -- Rates over the v_window_days days before each day (the day itself excluded): a rate day is a day the location
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
               count(*) filter (where base.is_location_open) over pair_history as open_day_no,
               count(*) filter (where base.qty > 0) over pair_history as sale_seq,
               count(*) filter (where base.is_rate_day) over pair_recent as recent_open_days,
               count(*) filter (where base.is_rate_day and base.qty > 0) over pair_recent as recent_sale_days
        from base
        window pair_recent as (
            partition by base.product_id, base.location_id order by base.demand_date
            rows between v_window_days - 1 preceding and current row
        ),
        pair_window as (
            partition by base.product_id, base.location_id order by base.demand_date
            rows between v_window_days preceding and 1 preceding
        ),
        pair_history as (
            partition by base.product_id, base.location_id order by base.demand_date rows unbounded preceding
        )
    ),

    -- The pattern as it stood on the pair's last sale day (on or before the day): frequency of selling days among
    -- its open days (shrunk by one open day, so a pair that sold on each of its few days is not called out on its
    -- first quiet day) and the robust size of a selling day.
    pair_last_sale as (
        select pair_windows.*,
               first_value(pair_windows.open_day_no) over last_sale as last_sale_day_no,
               first_value(pair_windows.recent_sale_days) over last_sale as regular_sale_days,
               first_value(pair_windows.recent_sale_days::numeric / (pair_windows.recent_open_days + 1))
                   over last_sale as regular_frequency,
               first_value(demand_regular.regular_size_qty) over last_sale as regular_size_qty
        from pair_windows
        left join demand_regular
            on demand_regular.product_id = pair_windows.product_id
            and demand_regular.location_id = pair_windows.location_id
            and demand_regular.demand_date = pair_windows.demand_date
        window last_sale as (
            partition by pair_windows.product_id, pair_windows.location_id, pair_windows.sale_seq
            order by pair_windows.demand_date
        )
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
                   rows between v_window_days preceding and current row
               ) as product_recent_qty
        from product_days
        window product_window as (
            partition by product_days.product_id order by product_days.demand_date
            rows between v_window_days preceding and 1 preceding
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
            order by category_location_days.demand_date rows between v_window_days preceding and 1 preceding
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
            rows between v_window_days preceding and 1 preceding
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
                   when priors.prior_rate is not null and priors.own_days + v_prior_days > 0
                       then (priors.own_qty + v_prior_days * priors.prior_rate) / (priors.own_days + v_prior_days)
                   when priors.prior_rate is not null then priors.prior_rate
                   when priors.own_days > 0 then priors.own_qty / priors.own_days
               end as selling_rate
        from priors
    ),

    -- Rule 1, a stock reading: no available stock at the end of the day. Rule 2, no stock reading (the ERP does not
    -- report this pair's stock): sales stopped after a run of regular selling, for longer than its selling frequency
    -- makes plausible, and not longer than v_max_open_days open days. A closed day is never a stockout day.
    flags as (
        select rates.*,
               rates.qty_available is null and rates.qty = 0 and rates.is_trading_day and rates.sale_seq > 0
               and rates.regular_sale_days >= v_min_selling
               and rates.open_day_no - rates.last_sale_day_no between 1 and v_max_open_days
               and power(1 - rates.regular_frequency, rates.open_day_no - rates.last_sale_day_no) <= v_stop_prob
               as is_sales_stop
        from rates
    ),

    stock_flags as (
        select flags.*,
               flags.is_dropship or not flags.is_merchandise or not flags.is_location_open
               -- a day the trading calendar says is closed misses no demand
               or not flags.is_trading_day
               or not (coalesce(flags.qty_available <= 0, false) or flags.is_sales_stop) as is_in_stock
        from flags
    ),

    -- A stockout with a stock reading imputes the blended rate; a sales stop imputes at most its regular pattern,
    -- frequency x robust size (never a rate inflated by an outlier order).
    imputed as (
        select stock_flags.*,
               case
                   when not stock_flags.is_in_stock and stock_flags.is_sales_stop
                       then round(least(stock_flags.regular_frequency * stock_flags.regular_size_qty,
                                        coalesce(stock_flags.selling_rate, stock_flags.regular_frequency
                                                 * stock_flags.regular_size_qty)), 3)
                   when not stock_flags.is_in_stock and stock_flags.selling_rate is not null
                       then round(greatest(stock_flags.selling_rate - stock_flags.qty, 0), 3)
               end as stockout_qty
        from stock_flags
    ),

    final as (
        select imputed.product_id, imputed.location_id, imputed.demand_date, imputed.qty as quantity,
               round(imputed.revenue - imputed.returned_revenue, 4) as revenue,
               round(imputed.qty * imputed.unit_cost, 4) as cost,
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
               round(case
                         when not imputed.is_in_stock and imputed.is_sales_stop
                             then least(imputed.regular_frequency * imputed.regular_size_qty,
                                        coalesce(imputed.selling_rate,
                                                 imputed.regular_frequency * imputed.regular_size_qty))
                         else imputed.selling_rate
                     end, 4) as selling_rate_qty,
               imputed.returned_qty, round(imputed.returned_revenue, 4) as returned_revenue
        from imputed
        where not imputed.is_delisted
    )

    select * from final;
end
$$;
comment on procedure ${schema}.demand_history_compute(date, date, jsonb) is
'Step 5 helper: demand facts of every product x store/webshop pair and day between p_from and p_to into the '
'temporary table demand_computed: sales, stock reading, stockout flag, selling rate, imputed missed demand and its '
'source. Stockout: no available stock at the end of the day (stock reading), or, without a reading, sales stopped '
'after at least stop_min_selling_days selling days for k open days with (1 - frequency)^k <= sales_stop_probability '
'and k <= stop_max_open_days; never on a closed day. Imputation: the blended rate (own in-stock rate over '
'rate_window_days days, shrunk with weight prior_weight_days towards other locations or the category) on a stock '
'reading; on a sales stop at most frequency x robust size (mean of selling-day quantities up to outlier_factor x '
'their median). p_settings: the demand_history settings (step_demand_history). Pair-days delisted by a full '
'inventory snapshot are left out. The pairs and their first dates come from demand_pairs and the evidence within '
'the range. See docs/demand.md.';

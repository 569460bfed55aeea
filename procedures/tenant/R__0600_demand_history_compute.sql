-- Step 5 helper: computes demand facts of every product x store/webshop pair for a date range into the temporary
-- table demand_computed (dropped at commit). Set-based: one grid of pair-days, window sums for the rates. The nightly
-- of one new day uses demand_history_compute_day (from demand_pair_state) instead; both end in
-- demand_history_finish, so they apply the same rules.
drop procedure if exists ${schema}.demand_history_compute(date, date, integer, numeric, numeric);
drop procedure if exists ${schema}.demand_history_compute(date, date, jsonb);
create or replace procedure ${schema}.demand_history_compute(
    p_from date, p_to date, p_settings jsonb, p_dates date [] default null
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_window_days    integer := (p_settings ->> 'rate_window_days')::integer;
    v_outlier_factor numeric := (p_settings ->> 'outlier_factor')::numeric;
begin
    call ${schema}.demand_history_base(p_from, p_to);

    -- The regular selling pattern of a pair is measured on its last sale day on or before a day (below): the robust
    -- size of a selling day is the mean of the day quantities over the v_window_days days ending on that sale that are
    -- at most v_outlier_factor x their median (a wholesale order or a later-cancelled bulk buy is an outlier, not a
    -- pattern). Read through this index, once per pair-day that needs it.
    create index on demand_base (product_id, location_id, demand_date) where qty > 0;
    analyze demand_base;

    -- Each pair's own windows: rates over the v_window_days days before each day (the day itself excluded; a rate
    -- day is a day the location sold something and the pair was not known to be out of stock), and its sales-stop
    -- pattern as it stood on its last sale. The pooled priors are sums of these per-pair windows
    -- (demand_history_finish).
    call ${schema}.load_drop_temp('demand_windows');
    create temp table demand_windows on commit drop as
    with base as (
        select demand_base.*,
               ${schema}.demand_is_rate_day(demand_base.is_location_open, demand_base.is_delisted,
                                            demand_base.qty_available) as is_rate_day
        from demand_base
    ),

    pair_windows as (
        select base.*,
               coalesce(sum(base.qty) filter (where base.is_rate_day) over pair_window, 0) as own_qty,
               count(*) filter (where base.is_rate_day) over pair_window as own_days,
               sum(base.qty) over pair_recent_all as recent_all_qty,
               count(*) filter (where base.is_location_open) over pair_history as open_day_no,
               count(*) filter (where base.qty > 0) over pair_history as sale_seq,
               max(base.demand_date) filter (where base.qty > 0) over pair_history as last_sale_date,
               count(*) filter (where base.is_rate_day) over pair_recent as recent_open_days,
               count(*) filter (where base.is_rate_day and base.qty > 0) over pair_recent as recent_sale_days
        from base
        window pair_recent as (
            partition by base.product_id, base.location_id order by base.demand_date
            rows between v_window_days - 1 preceding and current row
        ),
        pair_recent_all as (
            partition by base.product_id, base.location_id order by base.demand_date
            rows between v_window_days preceding and current row
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
                   over last_sale as regular_frequency
        from pair_windows
        window last_sale as (
            partition by pair_windows.product_id, pair_windows.location_id, pair_windows.sale_seq
            order by pair_windows.demand_date
        )
    )

    select pair_last_sale.product_id, pair_last_sale.location_id, pair_last_sale.demand_date,
           pair_last_sale.product_category_id, pair_last_sale.is_dropship, pair_last_sale.is_merchandise,
           pair_last_sale.unit_cost, pair_last_sale.is_online, pair_last_sale.qty, pair_last_sale.revenue,
           pair_last_sale.returned_qty, pair_last_sale.returned_revenue, pair_last_sale.qty_available,
           pair_last_sale.is_location_open, pair_last_sale.is_trading_day, pair_last_sale.is_delisted,
           pair_last_sale.is_rate_day, pair_last_sale.own_qty, pair_last_sale.own_days::integer as own_days,
           pair_last_sale.recent_all_qty, pair_last_sale.sale_seq > 0 as has_sale,
           (pair_last_sale.open_day_no - pair_last_sale.last_sale_day_no)::integer as open_days_since_sale,
           pair_last_sale.regular_sale_days::integer as regular_sale_days, pair_last_sale.regular_frequency,
           -- the robust size on the last sale, only on the days it is read (the days p_dates, which
           -- demand_history_finish computes, and p_to, from which demand_pair_state_save rebuilds the state): one
           -- index range scan of at most v_window_days rows per such pair-day, not two per sale day of the grid
           case
               when pair_last_sale.last_sale_date is not null
                   and (p_dates is null or pair_last_sale.demand_date = any(p_dates)
                        or pair_last_sale.demand_date = p_to)
                   then (
                       select avg(sizes.qty) filter (where sizes.qty <= v_outlier_factor * medians.median_qty)
                       from (
                           select array_agg(earlier.qty) as qtys
                           from demand_base as earlier
                           where earlier.product_id = pair_last_sale.product_id
                               and earlier.location_id = pair_last_sale.location_id and earlier.qty > 0
                               and earlier.demand_date between pair_last_sale.last_sale_date - (v_window_days - 1)
                               and pair_last_sale.last_sale_date
                       ) as window_sales
                       cross join lateral (
                           select percentile_cont(0.5) within group (order by days.qty) as median_qty
                           from unnest(window_sales.qtys) as days (qty)
                       ) as medians
                       cross join lateral unnest(window_sales.qtys) as sizes (qty)
                   )
           end as regular_size_qty
    from pair_last_sale;

    call ${schema}.demand_history_finish(p_settings, p_dates);
end
$$;
comment on procedure ${schema}.demand_history_compute(date, date, jsonb, date []) is
'Step 5 helper: demand facts of every product x store/webshop pair and day between p_from and p_to into the '
'temporary table demand_computed, computed on a grid of pair-days (demand_history_base): each pair''s own windows '
'(demand_windows: own in-stock rate over rate_window_days days, sales-stop pattern on its last sale with the robust '
'size = mean of selling-day quantities up to outlier_factor x their median), then demand_history_finish (pooled '
'priors, stockout flags, imputation, source) of the days p_dates (null: every day). p_settings: the demand_history '
'settings (step_demand_history). The '
'grid is what a first run, a catch-up, a correction or a scope needs; a nightly of one new day uses '
'demand_history_compute_day. See docs/demand.md.';

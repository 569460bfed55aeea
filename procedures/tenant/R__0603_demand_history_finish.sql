-- Step 5 helper: from each pair's own windows of a day (the temporary table demand_windows, filled by the grid or by
-- the one-day path from demand_pair_state) to the demand facts of that day (demand_computed): pooled priors, stockout
-- flags, imputation and source. One body for both paths, so a nightly and a full recompute apply the same rules.
drop procedure if exists ${schema}.demand_history_finish(jsonb);
create or replace procedure ${schema}.demand_history_finish(p_settings jsonb, p_dates date [] default null)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_prior_days     numeric := (p_settings ->> 'prior_weight_days')::numeric;
    v_stop_prob      numeric := (p_settings ->> 'sales_stop_probability')::numeric;
    v_min_selling    integer := (p_settings ->> 'stop_min_selling_days')::integer;
    v_max_open_days  integer := (p_settings ->> 'stop_max_open_days')::integer;
begin
    call ${schema}.load_drop_temp('demand_computed');
    -- The pooled windows of a day are the sums of its pairs' own windows: every pair of a product (category, category
    -- x location) with a row in the window has a row that day (the grid is dense from a pair's first evidence).
    create temp table demand_computed on commit drop as
    with day_windows as (
        select demand_windows.*
        from demand_windows
        where p_dates is null or demand_windows.demand_date = any(p_dates)
    ),

    product_windows as (
        select day_windows.product_id, day_windows.demand_date,
               sum(day_windows.own_qty) as product_qty, sum(day_windows.own_days) as product_days,
               sum(day_windows.recent_all_qty) as product_recent_qty
        from day_windows
        group by day_windows.product_id, day_windows.demand_date
    ),

    category_location_windows as (
        select day_windows.product_category_id, day_windows.location_id, day_windows.demand_date,
               sum(day_windows.own_qty) as category_qty, sum(day_windows.own_days) as category_days
        from day_windows
        where day_windows.product_category_id is not null
        group by day_windows.product_category_id, day_windows.location_id, day_windows.demand_date
    ),

    category_windows as (
        select day_windows.product_category_id, day_windows.demand_date,
               sum(day_windows.own_qty) as category_qty, sum(day_windows.own_days) as category_days
        from day_windows
        where day_windows.product_category_id is not null
        group by day_windows.product_category_id, day_windows.demand_date
    ),

    priors as (
        select day_windows.*, product_windows.product_recent_qty,
               product_windows.product_days - day_windows.own_days as other_days,
               case
                   when product_windows.product_days - day_windows.own_days > 0
                       then (product_windows.product_qty - day_windows.own_qty)
                       / (product_windows.product_days - day_windows.own_days)
                       * coalesce((category_location_windows.category_qty
                                   / nullif(category_location_windows.category_days, 0))
                                  / nullif(category_windows.category_qty
                                           / nullif(category_windows.category_days, 0), 0), 1)
                   when category_location_windows.category_days > 0
                       then category_location_windows.category_qty / category_location_windows.category_days
               end as prior_rate
        from day_windows
        inner join product_windows
            on product_windows.product_id = day_windows.product_id
            and product_windows.demand_date = day_windows.demand_date
        left join category_location_windows
            on category_location_windows.product_category_id = day_windows.product_category_id
            and category_location_windows.location_id = day_windows.location_id
            and category_location_windows.demand_date = day_windows.demand_date
        left join category_windows
            on category_windows.product_category_id = day_windows.product_category_id
            and category_windows.demand_date = day_windows.demand_date
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
               rates.qty_available is null and rates.qty = 0 and rates.is_trading_day and rates.has_sale
               and rates.regular_sale_days >= v_min_selling
               and rates.open_days_since_sale between 1 and v_max_open_days
               and power(1 - rates.regular_frequency, rates.open_days_since_sale) <= v_stop_prob
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
comment on procedure ${schema}.demand_history_finish(jsonb, date []) is
'Step 5 helper: turns the temporary table demand_windows (each pair''s day with its own rate window and sales-stop '
'pattern) into demand_computed: prior = the other locations'' rate of the product scaled by the category x location '
'against the category rate (or the category x location rate), blended with the own rate with weight '
'prior_weight_days; stockout = no available stock, or a sales stop (at least stop_min_selling_days selling days, '
'k open days without a sale with (1 - frequency)^k <= sales_stop_probability and k <= stop_max_open_days), never on '
'a closed day; imputed missed demand and its source. Only the days p_dates (null: every day of demand_windows; the '
'pooled sums of a day need only that day''s rows). p_settings: the demand_history settings. See docs/demand.md.';

begin;
select plan(11);

-- The fused window passes of forecast_compute (fc_weeks and fc_series in one sort order each; fc_ses_fitted and
-- fc_errors from one pass, fc_backtest), its shared sold days of the promotion rules (fc_promo_days) and the skip
-- of unchanged demand profiles (embeddings_refresh_demand_profiles) give exactly the rows of the definitions they
-- replaced. The old statements (as of 27d1866) are copied below and run over the working tables the step leaves in
-- this transaction; rows are compared with except in both directions (no tolerance: bit for bit). Since fc12 the
-- backtest pass takes the origins' states as two lags of one array and fc_series and fc_backtest sort once each
-- (ordered whole-partition frames for the start values): the same comparisons guard it (a swapped array element
-- fails the fc_errors assertion).
-- World: the forecast fixture (tests.forecast_world) plus three products at a store of their own
-- (tests.promotion_masters: TP-S1) with three past promotions of 5, 9 and 12 days and one running on the forecast
-- date (as in a_promotion_running_on_the_forecast_date_lifts_its_remaining_days).
select tests.forecast_world('2024-06-30');
select tests.promotion_masters(array['TW-ACTIVE', 'TW-ENDED', 'TW-STALE']);
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, (select id from cw_000901.locations where erp_id = 'TP-S1'), days.day, sold.qty,
       sold.qty * case when day.is_promotion then 8 else 10 end, sold.qty * 4, true, null, false, sold.qty, 1,
       '2024-06-30'
from cw_000901.products
cross join generate_series(date '2024-06-30' - 209, date '2024-06-30', interval '1 day') as days (day)
cross join lateral (select date '2024-06-30' - days.day::date as days_before) as offsets
cross join lateral (
    select offsets.days_before between 176 and 180 or offsets.days_before between 122 and 130
           or offsets.days_before between 69 and 80
           or (offsets.days_before <= 5 and products.erp_id <> 'TW-STALE') as is_promotion
) as day
cross join lateral (select case when day.is_promotion then 30 else 20 end + products.id % 3 as qty) as sold
where products.erp_id like 'TW-%';
insert into cw_000901.price_lists (erp_id, name, channel, currency_id, first_seen_date, row_hash)
values ('TW-STORES', 'TW stores', 'store', (select id from cw_global.currencies where code = 'EUR'), '2023-06-01',
        md5('tw-stores')::uuid);
insert into cw_000901.prices (price_list_id, product_id, erp_price, erp_promo_price, price, promo_price,
                              first_seen_date, row_hash)
select (select id from cw_000901.price_lists where erp_id = 'TW-STORES'), products.id, 10,
       case when products.erp_id = 'TW-ENDED' then null else 8 end, 10,
       case when products.erp_id = 'TW-ENDED' then null else 8 end, '2023-06-01', md5(products.erp_id)::uuid
from cw_000901.products
where products.erp_id like 'TW-%';

call cw_000901.step_forecast('2024-06-30', null);
select cmp_ok((select count(*)::integer from fc_errors), '>', 100, 'the world has backtest errors to compare');

create temporary table tap_old_weeks as
with priced as (
    select sums.*, coalesce(products.product_category_id, 0) as product_category_id,
           sums.demand_qty / greatest(sums.open_share, 1.0 / 7) as calendar_qty,
           least(coalesce(sums.before_price, sums.after_price), coalesce(sums.after_price, sums.before_price))
           as regular_price
    from (select sums.*,
                 max(sums.unit_price) over (series_order rows between 4 preceding and 1 preceding) as before_price,
                 max(sums.unit_price) over (series_order rows between 1 following and 4 following) as after_price
          from fc_week_sums as sums
          window series_order as (partition by sums.product_id, sums.location_id order by sums.week_index desc)
    ) as sums
    inner join cw_000901.products on products.id = sums.product_id
),
discounted as (
    select priced.*,
           case when priced.unit_price > 0 and priced.regular_price > 0
                     and priced.unit_price <= 0.95 * priced.regular_price
                then 1 - priced.unit_price / priced.regular_price else 0 end::float8 as discount
    from priced
)
select discounted.product_id, discounted.location_id, discounted.week_index, discounted.listed_days,
       discounted.demand_qty, discounted.open_share, discounted.unit_price, discounted.product_category_id,
       discounted.calendar_qty, discounted.discount, discounted.regular_price,
       avg(discounted.calendar_qty) filter (where discounted.discount = 0 and discounted.open_share >= 0.5)
           over (partition by discounted.product_id, discounted.location_id order by discounted.week_index desc
                 rows between 4 preceding and 4 following) as base_qty
from discounted;

create temporary table tap_old_series as
with observed as (
    select weeks.product_id, weeks.location_id, weeks.week_index,
           weeks.calendar_qty / (1 + uplift.uplift * weeks.discount) as demand_qty, fc_season.season_index
    from fc_weeks as weeks
    inner join fc_uplift as uplift on uplift.product_category_id = weeks.product_category_id
    inner join fc_season
        on fc_season.product_id = weeks.product_id
        and fc_season.location_id = weeks.location_id
        and fc_season.position = weeks.week_index % 52
    where weeks.open_share >= 0.5 or weeks.week_index = 0
),
numbered as (
    select observed.*, observed.demand_qty / observed.season_index as deseasonalised_qty,
           row_number() over series_order as t,
           count(*) filter (where observed.demand_qty > 0) over series_order as demand_count
    from observed
    window series_order as (partition by observed.product_id, observed.location_id
                            order by observed.week_index desc)
),
initial as (
    -- Start values: means of the first (up to) 8 observed weeks, of the first (up to) 8 demand sizes.
    select numbered.product_id, numbered.location_id,
           avg(numbered.deseasonalised_qty) filter (where numbered.t <= 8) as level0,
           avg((numbered.demand_qty > 0)::integer::float8) filter (where numbered.t <= 8) as occurrence0,
           coalesce(avg(numbered.deseasonalised_qty) filter (where numbered.demand_qty > 0
                                                              and numbered.demand_count <= 8), 0) as size0
    from numbered
    group by numbered.product_id, numbered.location_id
),
-- Exponential smoothing in closed form: L_t = a L_(t-1) + (1-a) x_t with weight alpha = 1 - a is
-- alpha a^t sum_(j<=t) a^(-j) x_j + a^t L_0, a running sum (exact in double precision for the history lengths
-- used here: a^-156 <= 1.3e15 for alpha = 0.2).
smoothed as (
    select numbered.product_id, numbered.location_id, numbered.t, numbered.week_index, numbered.demand_qty,
           numbered.season_index, numbered.deseasonalised_qty, numbered.demand_count,
           0.05 * power(0.95::float8, numbered.t)
           * sum(numbered.deseasonalised_qty * power(0.95::float8, -numbered.t))
           over series_order + power(0.95::float8, numbered.t) * initial.level0 as level_slow,
           0.2 * power(0.8::float8, numbered.t) * sum(numbered.deseasonalised_qty * power(0.8::float8, -numbered.t))
           over series_order + power(0.8::float8, numbered.t) * initial.level0 as level,
           0.1 * power(0.9::float8, numbered.t)
           * sum((numbered.demand_qty > 0)::integer * power(0.9::float8, -numbered.t))
           over series_order + power(0.9::float8, numbered.t) * initial.occurrence0 as occurrence,
           0.1 * power(0.9::float8, numbered.demand_count)
           * sum(case when numbered.demand_qty > 0
                 then numbered.deseasonalised_qty * power(0.9::float8, -numbered.demand_count) else 0 end)
           over series_order + power(0.9::float8, numbered.demand_count) * initial.size0 as size,
           initial.level0
    from numbered
    inner join initial
        on initial.product_id = numbered.product_id and initial.location_id = numbered.location_id
    window series_order as (partition by numbered.product_id, numbered.location_id order by numbered.t)
),
differenced as (
    select smoothed.*,
           smoothed.level - coalesce(lag(smoothed.level) over series_order, smoothed.level0) as level_change
    from smoothed
    window series_order as (partition by smoothed.product_id, smoothed.location_id order by smoothed.t)
)
-- Trend: the level's weekly change smoothed with beta 0.1 (start 0).
select differenced.product_id, differenced.location_id, differenced.t, differenced.week_index,
       differenced.demand_qty, differenced.season_index, differenced.deseasonalised_qty, differenced.level_slow,
       differenced.level, differenced.occurrence, differenced.size,
       0.1 * power(0.9::float8, differenced.t) * sum(differenced.level_change * power(0.9::float8, -differenced.t))
       over (partition by differenced.product_id, differenced.location_id order by differenced.t) as trend
from differenced;

create temporary table tap_old_ses_fitted as
with initial as (
    select tap_old_series.product_id, tap_old_series.location_id,
           avg(tap_old_series.deseasonalised_qty) filter (where tap_old_series.t <= 8) as level0
    from tap_old_series
    group by tap_old_series.product_id, tap_old_series.location_id
),
paths as (
    select tap_old_series.product_id, tap_old_series.location_id, tap_old_series.t, tap_old_series.season_index,
           tap_old_series.deseasonalised_qty,
           0.05::float8 * power(1 - 0.05::float8, tap_old_series.t)
           * sum(tap_old_series.deseasonalised_qty * power(1 - 0.05::float8, -tap_old_series.t)) over series_order
           + power(1 - 0.05::float8, tap_old_series.t) * initial.level0 as level_1,
           0.1::float8 * power(1 - 0.1::float8, tap_old_series.t)
           * sum(tap_old_series.deseasonalised_qty * power(1 - 0.1::float8, -tap_old_series.t)) over series_order
           + power(1 - 0.1::float8, tap_old_series.t) * initial.level0 as level_2,
           0.2::float8 * power(1 - 0.2::float8, tap_old_series.t)
           * sum(tap_old_series.deseasonalised_qty * power(1 - 0.2::float8, -tap_old_series.t)) over series_order
           + power(1 - 0.2::float8, tap_old_series.t) * initial.level0 as level_3,
           0.3::float8 * power(1 - 0.3::float8, tap_old_series.t)
           * sum(tap_old_series.deseasonalised_qty * power(1 - 0.3::float8, -tap_old_series.t)) over series_order
           + power(1 - 0.3::float8, tap_old_series.t) * initial.level0 as level_4,
           0.5::float8 * power(1 - 0.5::float8, tap_old_series.t)
           * sum(tap_old_series.deseasonalised_qty * power(1 - 0.5::float8, -tap_old_series.t)) over series_order
           + power(1 - 0.5::float8, tap_old_series.t) * initial.level0 as level_5
    from tap_old_series
    inner join initial
        on initial.product_id = tap_old_series.product_id and initial.location_id = tap_old_series.location_id
    window series_order as (partition by tap_old_series.product_id, tap_old_series.location_id
                            order by tap_old_series.t)
),
errors as (
    select paths.product_id, paths.location_id,
           ((paths.deseasonalised_qty - lag(paths.level_1) over series_order) * paths.season_index) ^ 2 as error_1,
           ((paths.deseasonalised_qty - lag(paths.level_2) over series_order) * paths.season_index) ^ 2 as error_2,
           ((paths.deseasonalised_qty - lag(paths.level_3) over series_order) * paths.season_index) ^ 2 as error_3,
           ((paths.deseasonalised_qty - lag(paths.level_4) over series_order) * paths.season_index) ^ 2 as error_4,
           ((paths.deseasonalised_qty - lag(paths.level_5) over series_order) * paths.season_index) ^ 2 as error_5
    from paths
    window series_order as (partition by paths.product_id, paths.location_id order by paths.t)
),
sums as (
    select errors.product_id, errors.location_id, sum(errors.error_1) as sse_1, sum(errors.error_2) as sse_2,
           sum(errors.error_3) as sse_3, sum(errors.error_4) as sse_4, sum(errors.error_5) as sse_5
    from errors
    group by errors.product_id, errors.location_id
),
best as (
    select distinct on (sums.product_id, sums.location_id) sums.product_id, sums.location_id, grid.alpha,
           grid.candidate
    from sums
    cross join lateral (values (0.05::float8, 1, sums.sse_1), (0.1, 2, sums.sse_2), (0.2, 3, sums.sse_3),
                               (0.3, 4, sums.sse_4), (0.5, 5, sums.sse_5)) as grid (alpha, candidate, sse)
    order by sums.product_id, sums.location_id, grid.sse, grid.alpha
)
select paths.product_id, paths.location_id, paths.t, best.alpha,
       case best.candidate when 1 then paths.level_1 when 2 then paths.level_2 when 3 then paths.level_3
                           when 4 then paths.level_4 else paths.level_5 end as level
from paths
inner join best on best.product_id = paths.product_id and best.location_id = paths.location_id;

create temporary table tap_old_errors as
with lagged as (
    select tap_old_series.product_id, tap_old_series.location_id, tap_old_series.t, tap_old_series.demand_qty,
           tap_old_series.season_index, max(tap_old_series.t) over (partition by tap_old_series.product_id,
                                                           tap_old_series.location_id) as n,
           lag(tap_old_series.level_slow, 1) over series_order as level_slow_1,
           lag(tap_old_series.level, 1) over series_order as level_1,
           lag(fitted.level, 1) over series_order as fitted_1,
           lag(tap_old_series.trend, 1) over series_order as trend_1,
           lag(tap_old_series.occurrence * tap_old_series.size, 1) over series_order as tsb_1,
           lag(tap_old_series.level_slow, 4) over series_order as level_slow_4,
           lag(tap_old_series.level, 4) over series_order as level_4,
           lag(fitted.level, 4) over series_order as fitted_4,
           lag(tap_old_series.trend, 4) over series_order as trend_4,
           lag(tap_old_series.occurrence * tap_old_series.size, 4) over series_order as tsb_4
    from tap_old_series
    inner join tap_old_ses_fitted as fitted
        on fitted.product_id = tap_old_series.product_id and fitted.location_id = tap_old_series.location_id
        and fitted.t = tap_old_series.t
    window series_order as (partition by tap_old_series.product_id, tap_old_series.location_id
                            order by tap_old_series.t)
),
origins as (
    select lagged.product_id, lagged.location_id, lagged.t, lagged.n, lagged.demand_qty, lagged.season_index,
           horizons.h, horizons.level_slow, horizons.level, horizons.fitted, horizons.trend, horizons.tsb
    from lagged
    cross join lateral (
        values (1, lagged.level_slow_1, lagged.level_1, lagged.fitted_1, lagged.trend_1, lagged.tsb_1),
               (4, lagged.level_slow_4, lagged.level_4, lagged.fitted_4, lagged.trend_4, lagged.tsb_4)
    ) as horizons (h, level_slow, level, fitted, trend, tsb)
)
select origins.product_id, origins.location_id, origins.t, origins.h,
       origins.demand_qty - origins.season_index * origins.level_slow as error_ses_slow,
       origins.demand_qty - origins.season_index * origins.fitted as error_ses,
       origins.demand_qty - origins.season_index * greatest(
           origins.level + origins.trend * (4 + 0.9 * (1 - power(0.9::float8, origins.h)) / 0.1), 0
       ) as error_damped_trend,
       origins.demand_qty - origins.season_index * origins.tsb as error_tsb
from origins
where origins.t > origins.n - 26 and origins.t - origins.h >= 2;

create temporary table tap_old_fit as
with mse as (
    select tap_old_errors.product_id, tap_old_errors.location_id, count(*) as errors,
           avg(tap_old_errors.error_ses_slow ^ 2) as ses_slow, avg(tap_old_errors.error_ses ^ 2) as ses,
           avg(tap_old_errors.error_damped_trend ^ 2) as damped_trend, avg(tap_old_errors.error_tsb ^ 2) as tsb
    from tap_old_errors
    group by tap_old_errors.product_id, tap_old_errors.location_id
),
likelihood as (
    select mse.product_id, mse.location_id, mse.errors,
           exp(greatest(-700, mse.errors / 4.0 * ln((best.mse + 1e-9) / (mse.ses_slow + 1e-9)))) as ses_slow,
           exp(greatest(-700, mse.errors / 4.0 * ln((best.mse + 1e-9) / (mse.ses + 1e-9)))) as ses,
           exp(greatest(-700, mse.errors / 4.0 * ln((best.mse + 1e-9) / (mse.damped_trend + 1e-9))))
           as damped_trend,
           exp(greatest(-700, mse.errors / 4.0 * ln((best.mse + 1e-9) / (mse.tsb + 1e-9)))) as tsb
    from mse
    cross join lateral (select least(mse.ses_slow, mse.ses, mse.damped_trend, mse.tsb) as mse) as best
),
weights as (
    select likelihood.product_id, likelihood.location_id, likelihood.errors,
           likelihood.ses_slow / total.likelihood_sum as ses_slow, likelihood.ses / total.likelihood_sum as ses,
           likelihood.damped_trend / total.likelihood_sum as damped_trend,
           likelihood.tsb / total.likelihood_sum as tsb
    from likelihood
    cross join lateral (select likelihood.ses_slow + likelihood.ses + likelihood.damped_trend + likelihood.tsb
                        as likelihood_sum) as total
),
combined as (
    select tap_old_errors.product_id, tap_old_errors.location_id,
           avg((weights.ses_slow * tap_old_errors.error_ses_slow + weights.ses * tap_old_errors.error_ses
                + weights.damped_trend * tap_old_errors.error_damped_trend
                + weights.tsb * tap_old_errors.error_tsb) ^ 2)
           as mse
    from tap_old_errors
    inner join weights
        on weights.product_id = tap_old_errors.product_id and weights.location_id = tap_old_errors.location_id
    group by tap_old_errors.product_id, tap_old_errors.location_id
),
scales as (
    select changes.product_id, changes.location_id, avg(changes.change ^ 2) as scale
    from (select tap_old_series.product_id, tap_old_series.location_id,
                 tap_old_series.demand_qty - lag(tap_old_series.demand_qty) over (
                     partition by tap_old_series.product_id, tap_old_series.location_id order by tap_old_series.t
                 ) as change
          from tap_old_series) as changes
    where changes.change is not null
    group by changes.product_id, changes.location_id
)
select last_state.product_id, last_state.location_id, last_state.t as history_weeks,
       last_state.level_slow, last_state.level, last_state.trend, last_state.occurrence, last_state.size,
       fitted.level as level_fitted, fitted.alpha as ses_alpha, counts.demand_weeks,
       coalesce(weights.ses_slow, 0.25) as weight_ses_slow, coalesce(weights.ses, 0.25) as weight_ses,
       coalesce(weights.damped_trend, 0.25) as weight_damped_trend, coalesce(weights.tsb, 0.25) as weight_tsb,
       case when combined.mse = 0 then 0 else sqrt(combined.mse / nullif(scales.scale, 0)) end
       as backtest_rmsse,
       -- The series' level now as the combination weighs its candidates (the damped trend without its
       -- extrapolation): the one definition of the level that the priors of new series pool (prior shape,
       -- category levels, a product's level elsewhere).
       coalesce(weights.ses_slow, 0.25) * last_state.level_slow + coalesce(weights.ses, 0.25) * fitted.level
       + coalesce(weights.damped_trend, 0.25) * last_state.level
       + coalesce(weights.tsb, 0.25) * last_state.occurrence * last_state.size as current_level_qty
from (select distinct on (tap_old_series.product_id, tap_old_series.location_id) tap_old_series.*
      from tap_old_series
      order by tap_old_series.product_id, tap_old_series.location_id, tap_old_series.t desc) as last_state
inner join (select tap_old_series.product_id, tap_old_series.location_id,
                   count(*) filter (where tap_old_series.demand_qty > 0)::integer as demand_weeks
            from tap_old_series group by tap_old_series.product_id, tap_old_series.location_id) as counts
    on counts.product_id = last_state.product_id and counts.location_id = last_state.location_id
inner join tap_old_ses_fitted as fitted
    on fitted.product_id = last_state.product_id and fitted.location_id = last_state.location_id
    and fitted.t = last_state.t
left join weights
    on weights.product_id = last_state.product_id and weights.location_id = last_state.location_id
left join combined
    on combined.product_id = last_state.product_id and combined.location_id = last_state.location_id
left join scales
    on scales.product_id = last_state.product_id and scales.location_id = last_state.location_id
where true;

create temporary table tap_old_durations as
with candidate as (
    select weeks.product_id, weeks.location_id, weeks.week_index + offsets.offset_weeks as week_index,
           max(weeks.regular_price) as regular_price
    from fc_weeks as weeks
    cross join (values (-1), (0), (1)) as offsets (offset_weeks)
    where weeks.discount > 0 and weeks.week_index + offsets.offset_weeks between 0 and 104 - 1
    group by weeks.product_id, weeks.location_id, weeks.week_index + offsets.offset_weeks
),
pair_days as (
    select candidate.product_id,
           -- the location's price list as today's lists say (a list's stores share its promotions), else
           -- the location on its own
           coalesce(lists.price_list_id, -candidate.location_id) as list_key, days.demand_date,
           weeks.sold_revenue_cum[days.weekday] - coalesce(weeks.sold_revenue_cum[days.weekday - 1], 0)
           <= 0.95 * candidate.regular_price
              * (weeks.sold_qty_cum[days.weekday] - coalesce(weeks.sold_qty_cum[days.weekday - 1], 0))
           as is_promotion
    from candidate
    cross join lateral (select date '2024-06-30' - 7 * candidate.week_index - offsets.day_offset as demand_date,
                               (date '2024-06-30' - 7 * candidate.week_index - offsets.day_offset
                                - date '1900-01-01') % 7 + 1 as weekday
                        from generate_series(0, 6) as offsets (day_offset)) as days
    inner join cw_000901.demand_weeks as weeks
        on weeks.product_id = candidate.product_id and weeks.location_id = candidate.location_id
        and weeks.week_start = days.demand_date - days.weekday + 1
    left join lateral (
        select price_lists.id as price_list_id
        from cw_000901.locations
        inner join cw_000901.price_lists
            on price_lists.is_active
            and price_lists.channel
                = case when locations.location_type = 'online' then 'online' else 'store' end
            and (price_lists.country_id is null or price_lists.country_id = locations.country_id)
        where locations.id = candidate.location_id
        order by price_lists.country_id nulls last, price_lists.id
        limit 1
    ) as lists on true
    where candidate.regular_price > 0
      and weeks.sold_qty_cum[days.weekday] - coalesce(weeks.sold_qty_cum[days.weekday - 1], 0) > 0
),
list_days as (
    select pair_days.product_id, pair_days.list_key, pair_days.demand_date,
           bool_and(pair_days.is_promotion) as is_promotion
    from pair_days
    group by pair_days.product_id, pair_days.list_key, pair_days.demand_date
),
neighbours as (
    select list_days.*,
           lag(list_days.is_promotion) over list_order as previous_promotion,
           list_days.demand_date - lag(list_days.demand_date) over list_order as previous_gap,
           lead(list_days.is_promotion) over list_order as next_promotion,
           lead(list_days.demand_date) over list_order - list_days.demand_date as next_gap
    from list_days
    window list_order as (partition by list_days.product_id, list_days.list_key
                          order by list_days.demand_date)
),
numbered as (
    select neighbours.*,
           count(*) filter (where not neighbours.is_promotion or neighbours.previous_promotion is not true
                                  or neighbours.previous_gap > 7)
               over (partition by neighbours.product_id, neighbours.list_key order by neighbours.demand_date)
           as episode
    from neighbours
),
episodes as (
    select numbered.product_id, numbered.list_key, numbered.episode,
           max(numbered.demand_date) - min(numbered.demand_date) + 1 as duration_days,
           bool_and(numbered.previous_promotion is false and numbered.previous_gap <= 7)
               filter (where numbered.previous_promotion is not true or numbered.previous_gap > 7)
           as closed_before,
           bool_and(numbered.next_promotion is false and numbered.next_gap <= 7)
               filter (where numbered.next_promotion is not true or numbered.next_gap > 7)
           as closed_after
    from numbered
    where numbered.is_promotion
    group by numbered.product_id, numbered.list_key, numbered.episode
)
select episodes.duration_days, count(*)
from episodes
where episodes.closed_before and episodes.closed_after
group by episodes.duration_days;

create temporary table tap_old_elapsed as
with active_lists as (
    select distinct fc_promo_active.product_id, fc_promo_active.price_list_id, fc_promo_active.list_price
    from fc_promo_active
),
pair_days as (
    select active.product_id, active.price_list_id, days.demand_date,
           weeks.sold_revenue_cum[days.weekday] - coalesce(weeks.sold_revenue_cum[days.weekday - 1], 0)
           <= 0.95 * active.list_price
              * (weeks.sold_qty_cum[days.weekday] - coalesce(weeks.sold_qty_cum[days.weekday - 1], 0))
           as is_promotion
    from fc_promo_active as active
    inner join cw_000901.demand_weeks as weeks
        on weeks.product_id = active.product_id and weeks.location_id = active.location_id
        and weeks.week_start between date '2024-06-30' - 55 - 6 and date '2024-06-30'
    cross join lateral (select weeks.week_start + weekday - 1 as demand_date, weekday
                        from generate_series(1, 7) as weekday) as days
    where days.demand_date between date '2024-06-30' - 55 and date '2024-06-30'
      and weeks.sold_qty_cum[days.weekday] - coalesce(weeks.sold_qty_cum[days.weekday - 1], 0) > 0
),
list_days as (
    select pair_days.product_id, pair_days.price_list_id, pair_days.demand_date,
           bool_and(pair_days.is_promotion) as is_promotion
    from pair_days
    group by pair_days.product_id, pair_days.price_list_id, pair_days.demand_date
),
bounds as (
    select list_days.*,
           max(list_days.demand_date) filter (where not list_days.is_promotion)
               over (partition by list_days.product_id, list_days.price_list_id) as last_regular_day,
           max(list_days.demand_date) over (partition by list_days.product_id, list_days.price_list_id)
           as last_sold_day
    from list_days
),
started as (
    select bounds.product_id, bounds.price_list_id, bounds.last_sold_day, bounds.last_regular_day,
           min(bounds.demand_date) as first_day
    from bounds
    where bounds.is_promotion and bounds.demand_date > coalesce(bounds.last_regular_day, date '-infinity')
    group by bounds.product_id, bounds.price_list_id, bounds.last_sold_day, bounds.last_regular_day
)
select fc_promo_active.product_id, fc_promo_active.location_id,
       date '2024-06-30' - started.first_day + 1 as elapsed_days
from fc_promo_active
inner join started
    on started.product_id = fc_promo_active.product_id
  and started.price_list_id = fc_promo_active.price_list_id
  and started.last_sold_day >= date '2024-06-30' - 6
  and started.last_sold_day > coalesce(started.last_regular_day, date '-infinity');

select is_empty(
    $$ (select * from tap_old_weeks except all select * from fc_weeks)
       union all (select * from fc_weeks except all select * from tap_old_weeks) $$,
    'fc_weeks: the two windows in one sort give the rows of the old statement'
);
select is_empty(
    $$ (select * from tap_old_series except all select * from fc_series)
       union all (select * from fc_series except all select * from tap_old_series) $$,
    'fc_series: the one-sort pass gives the rows of the per-level sorts'
);
select is_empty(
    $$ (select tap_old_ses_fitted.* from tap_old_ses_fitted
        inner join (select product_id, location_id, max(t) as t from tap_old_series group by 1, 2) as last_week
            using (product_id, location_id, t)
        except all select product_id, location_id, t, alpha, level from fc_ses_fitted)
       union all
       (select product_id, location_id, t, alpha, level from fc_ses_fitted
        except all select tap_old_ses_fitted.* from tap_old_ses_fitted
        inner join (select product_id, location_id, max(t) as t from tap_old_series group by 1, 2) as last_week
            using (product_id, location_id, t)) $$,
    'fc_ses_fitted: the fitted SES level now and its alpha as the separate pass chose them'
);
select is_empty(
    $$ (select * from tap_old_errors except all select * from fc_errors)
       union all (select * from fc_errors except all select * from tap_old_errors) $$,
    'fc_errors: the backtest errors of the fused pass are those of the separate pass'
);
select is((select count(*)::integer from fc_errors), (select count(*)::integer from tap_old_errors),
          'as many errors');
select is_empty(
    $$ (select * from tap_old_fit except all select * from fc_fit)
       union all (select * from fc_fit except all select * from tap_old_fit) $$,
    'fc_fit: the series'' states, weights and backtest RMSSE read from the last week''s state are the old ones'
);
select is_empty(
    $$ (select * from tap_old_durations except all select * from fc_promo_durations)
       union all (select * from fc_promo_durations except all select * from tap_old_durations) $$,
    'the past promotion durations from the shared sold days are those of the old statement'
);
select results_eq(
    $$ select product_id, location_id, elapsed_days from fc_promo_active
       where elapsed_days is not null order by 1, 2 $$,
    $$ select product_id, location_id, elapsed_days from tap_old_elapsed order by 1, 2 $$,
    'the running promotion''s elapsed days from the shared sold days are those of the old statement'
);

-- Demand profiles: a refresh of unchanged inputs computes and writes nothing; profiles computed from scratch are
-- the stored ones (vector, history weeks, key).
create temporary table tap_profiles as
select product_id, vector::text as vector, input_hash, history_weeks
from cw_000901.embeddings where embedding_type_id = 2;
select is(cw_000901.embeddings_refresh_demand_profiles('2024-06-30', null), 0::bigint,
          'a refresh of unchanged inputs writes no demand profile');
delete from cw_000901.embeddings where embedding_type_id = 2;
select cw_000901.embeddings_refresh_demand_profiles('2024-06-30', null);
select is_empty(
    $$ (select * from tap_profiles
        except all select product_id, vector::text, input_hash, history_weeks
        from cw_000901.embeddings where embedding_type_id = 2)
       union all
       (select product_id, vector::text, input_hash, history_weeks
        from cw_000901.embeddings where embedding_type_id = 2 except all select * from tap_profiles) $$,
    'the profiles computed from scratch are the stored ones'
);

select * from finish();
rollback;

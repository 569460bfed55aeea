-- Forecast accuracy summed per forecast date x horizon week x ABC class x location x category: additive sums only,
-- so that any roll-up (overall, by class, location, category, horizon, over any window) is an exact sum of its rows.
create or replace view ${schema}.forecast_accuracy_rollup as
with scored as (
    select
        demand_forecast_accuracy.forecast_date,
        demand_forecast_accuracy.horizon_days,
        demand_forecast_accuracy_series.abc_class_id,
        demand_forecast_accuracy.location_id,
        products.product_category_id,
        demand_forecast_accuracy.actual_qty,
        demand_forecast_accuracy.forecast_qty,
        demand_forecast_accuracy.naive_qty,
        demand_forecast_accuracy.error_qty,
        demand_forecast_accuracy.abs_error_qty,
        demand_forecast_accuracy.naive_abs_error_qty,
        demand_forecast_accuracy_series.scale_sq_qty,
        demand_forecast_accuracy_series.scale_abs_qty,
        demand_forecast_accuracy_series.weight_revenue
    from ${schema}.demand_forecast_accuracy
    inner join ${schema}.demand_forecast_accuracy_series
        on
            demand_forecast_accuracy_series.forecast_date = demand_forecast_accuracy.forecast_date
            and demand_forecast_accuracy_series.demand_forecast_id = demand_forecast_accuracy.demand_forecast_id
            and demand_forecast_accuracy_series.product_id = demand_forecast_accuracy.product_id
            and demand_forecast_accuracy_series.location_id = demand_forecast_accuracy.location_id
    inner join ${schema}.products on products.id = demand_forecast_accuracy.product_id
),

final as (
    select
        scored.forecast_date,
        scored.horizon_days,
        scored.abc_class_id,
        scored.location_id,
        scored.product_category_id,
        scored.forecast_date + scored.horizon_days as week_end_date,
        count(*) as series_weeks,
        count(scored.scale_sq_qty) as scaled_series_weeks,
        coalesce(sum(scored.weight_revenue) filter (where scored.scale_sq_qty is not null), 0) as weight_revenue,
        coalesce(sum(scored.weight_revenue * scored.abs_error_qty / sqrt(scored.scale_sq_qty)), 0)
        as weighted_rmsse_sum,
        coalesce(sum(scored.weight_revenue * scored.naive_abs_error_qty / sqrt(scored.scale_sq_qty)), 0)
        as naive_weighted_rmsse_sum,
        coalesce(sum(scored.abs_error_qty / scored.scale_abs_qty), 0) as scaled_abs_error_sum,
        coalesce(sum(scored.naive_abs_error_qty / scored.scale_abs_qty), 0) as naive_scaled_abs_error_sum,
        sum(scored.actual_qty) as actual_qty,
        sum(scored.forecast_qty) as forecast_qty,
        sum(scored.naive_qty) as naive_qty,
        sum(scored.error_qty) as error_qty,
        sum(scored.abs_error_qty) as abs_error_qty,
        sum(scored.naive_abs_error_qty) as naive_abs_error_qty
    from scored
    group by
        scored.forecast_date, scored.horizon_days, scored.abc_class_id, scored.location_id,
        scored.product_category_id
)

select * from final;
comment on view ${schema}.forecast_accuracy_rollup is
'Forecast accuracy per forecast date x horizon week x ABC class at the origin x location x current category, as '
'additive sums: roll up by summing, then divide. Weighted RMSSE of one horizon week = weighted_rmsse_sum / '
'weight_revenue (the RMSSE of one week of a series is |error| / sqrt(M5 scale), weighted by its revenue); MASE = '
'scaled_abs_error_sum / scaled_series_weeks; WAPE = abs_error_qty / actual_qty; bias = error_qty / actual_qty; '
'value added = 1 - weighted_rmsse_sum / naive_weighted_rmsse_sum. docs/forecast.md "Accuracy".';
comment on column ${schema}.forecast_accuracy_rollup.forecast_date is 'The forecasts'' date (origin).';
comment on column ${schema}.forecast_accuracy_rollup.horizon_days is 'The horizon week (7 = one week ahead).';
comment on column ${schema}.forecast_accuracy_rollup.abc_class_id is 'ABC class at the origin; null: unclassified.';
comment on column ${schema}.forecast_accuracy_rollup.location_id is 'The store or webshop.';
comment on column ${schema}.forecast_accuracy_rollup.product_category_id is 'The products'' current category.';
comment on column ${schema}.forecast_accuracy_rollup.week_end_date is 'Last day of the forecast week.';
comment on column ${schema}.forecast_accuracy_rollup.series_weeks is 'Scored rows (series x week).';
comment on column ${schema}.forecast_accuracy_rollup.scaled_series_weeks is
'Scored rows of series with an M5 scale (the others have no RMSSE or MASE).';
comment on column ${schema}.forecast_accuracy_rollup.weight_revenue is 'Sum of the M5 weights of the scaled rows.';
comment on column ${schema}.forecast_accuracy_rollup.weighted_rmsse_sum is
'Sum of weight x |error| / sqrt(scale) of our forecast.';
comment on column ${schema}.forecast_accuracy_rollup.naive_weighted_rmsse_sum is 'The same for the benchmark.';
comment on column ${schema}.forecast_accuracy_rollup.scaled_abs_error_sum is 'Sum of |error| / MASE scale.';
comment on column ${schema}.forecast_accuracy_rollup.naive_scaled_abs_error_sum is 'The same for the benchmark.';
comment on column ${schema}.forecast_accuracy_rollup.actual_qty is 'Demand of the weeks.';
comment on column ${schema}.forecast_accuracy_rollup.forecast_qty is 'Our forecast of the weeks.';
comment on column ${schema}.forecast_accuracy_rollup.naive_qty is 'The benchmark''s forecast of the weeks.';
comment on column ${schema}.forecast_accuracy_rollup.error_qty is 'Sum of forecast - actual.';
comment on column ${schema}.forecast_accuracy_rollup.abs_error_qty is 'Sum of |forecast - actual|.';
comment on column ${schema}.forecast_accuracy_rollup.naive_abs_error_qty is 'Sum of |naive - actual|.';

grant select on ${schema}.forecast_accuracy_rollup to ${ui_role};

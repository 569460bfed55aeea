-- Forecast accuracy per scored forecast x product x location over its scored weeks: the M5 RMSSE, MASE, bias and
-- WAPE of our forecast and of the seasonal-naive one (docs/forecast.md "Accuracy").
create or replace view ${schema}.forecast_accuracy_series_scores as
with per_series as (
    select
        demand_forecast_accuracy.forecast_date,
        demand_forecast_accuracy.demand_forecast_id,
        demand_forecast_accuracy.product_id,
        demand_forecast_accuracy.location_id,
        count(*) as weeks_scored,
        max(demand_forecast_accuracy.horizon_days) as last_horizon_days,
        sum(demand_forecast_accuracy.actual_qty) as actual_qty,
        sum(demand_forecast_accuracy.forecast_qty) as forecast_qty,
        sum(demand_forecast_accuracy.naive_qty) as naive_qty,
        sum(demand_forecast_accuracy.error_qty) as error_qty,
        sum(demand_forecast_accuracy.abs_error_qty) as abs_error_qty,
        sum(demand_forecast_accuracy.naive_abs_error_qty) as naive_abs_error_qty,
        avg(demand_forecast_accuracy.error_qty ^ 2) as mean_sq_error_qty,
        avg(
            (demand_forecast_accuracy.naive_qty - demand_forecast_accuracy.actual_qty::double precision) ^ 2
        ) as naive_mean_sq_error_qty
    from ${schema}.demand_forecast_accuracy
    group by
        demand_forecast_accuracy.forecast_date,
        demand_forecast_accuracy.demand_forecast_id,
        demand_forecast_accuracy.product_id,
        demand_forecast_accuracy.location_id
),

final as (
    select
        per_series.forecast_date,
        per_series.demand_forecast_id,
        per_series.product_id,
        per_series.location_id,
        demand_forecast_accuracy_series.abc_class_id,
        products.product_category_id,
        per_series.weeks_scored,
        per_series.last_horizon_days,
        demand_forecast_accuracy_series.weight_revenue,
        demand_forecast_accuracy_series.is_seasonal_naive,
        per_series.actual_qty,
        per_series.forecast_qty,
        per_series.naive_qty,
        per_series.error_qty,
        per_series.abs_error_qty,
        per_series.naive_abs_error_qty,
        sqrt(per_series.mean_sq_error_qty / demand_forecast_accuracy_series.scale_sq_qty) as rmsse,
        sqrt(per_series.naive_mean_sq_error_qty / demand_forecast_accuracy_series.scale_sq_qty) as naive_rmsse,
        per_series.abs_error_qty / per_series.weeks_scored / demand_forecast_accuracy_series.scale_abs_qty as mase,
        per_series.naive_abs_error_qty / per_series.weeks_scored
        / demand_forecast_accuracy_series.scale_abs_qty as naive_mase
    from per_series
    inner join ${schema}.demand_forecast_accuracy_series
        on
            demand_forecast_accuracy_series.forecast_date = per_series.forecast_date
            and demand_forecast_accuracy_series.demand_forecast_id = per_series.demand_forecast_id
            and demand_forecast_accuracy_series.product_id = per_series.product_id
            and demand_forecast_accuracy_series.location_id = per_series.location_id
    inner join ${schema}.products on products.id = per_series.product_id
)

select * from final;
comment on view ${schema}.forecast_accuracy_series_scores is
'Accuracy of each scored forecast per product x location over its weeks scored so far (horizon weeks 1 .. '
'last_horizon_days / 7): the M5 RMSSE sqrt(mean squared error / scale), MASE (mean absolute error / MASE scale), '
'the seasonal-naive forecast''s and the sums for bias and WAPE. RMSSE and MASE are null for a series without a scale '
'(under 2 weeks of demand history or constant). The M5 weighted RMSSE of a forecast is '
'sum(weight_revenue x rmsse) / sum(weight_revenue) over its series with a scale. docs/forecast.md "Accuracy".';
comment on column ${schema}.forecast_accuracy_series_scores.forecast_date is 'The forecast''s date (origin).';
comment on column ${schema}.forecast_accuracy_series_scores.demand_forecast_id is 'The scored forecast.';
comment on column ${schema}.forecast_accuracy_series_scores.product_id is 'The product.';
comment on column ${schema}.forecast_accuracy_series_scores.location_id is 'The store or webshop.';
comment on column ${schema}.forecast_accuracy_series_scores.abc_class_id is 'ABC class at the origin (null: none).';
comment on column ${schema}.forecast_accuracy_series_scores.product_category_id is 'The product''s current category.';
comment on column ${schema}.forecast_accuracy_series_scores.weeks_scored is 'Horizon weeks scored so far.';
comment on column ${schema}.forecast_accuracy_series_scores.last_horizon_days is 'Latest horizon week scored.';
comment on column ${schema}.forecast_accuracy_series_scores.weight_revenue is
'M5 weight: revenue of forecast_accuracy.weight_days days up to the origin.';
comment on column ${schema}.forecast_accuracy_series_scores.is_seasonal_naive is
'True: the benchmark is seasonal naive (52 weeks back); false: naive (the last week before the origin).';
comment on column ${schema}.forecast_accuracy_series_scores.actual_qty is 'Demand of the scored weeks.';
comment on column ${schema}.forecast_accuracy_series_scores.forecast_qty is 'Our forecast of the scored weeks.';
comment on column ${schema}.forecast_accuracy_series_scores.naive_qty is 'The benchmark''s forecast of those weeks.';
comment on column ${schema}.forecast_accuracy_series_scores.error_qty is 'Sum of forecast - actual (bias).';
comment on column ${schema}.forecast_accuracy_series_scores.abs_error_qty is 'Sum of |forecast - actual|.';
comment on column ${schema}.forecast_accuracy_series_scores.naive_abs_error_qty is 'Sum of |naive - actual|.';
comment on column ${schema}.forecast_accuracy_series_scores.rmsse is 'M5 RMSSE of our forecast over the scored weeks.';
comment on column ${schema}.forecast_accuracy_series_scores.naive_rmsse is 'M5 RMSSE of the benchmark.';
comment on column ${schema}.forecast_accuracy_series_scores.mase is 'MASE of our forecast over the scored weeks.';
comment on column ${schema}.forecast_accuracy_series_scores.naive_mase is 'MASE of the benchmark.';

grant select on ${schema}.forecast_accuracy_series_scores to ${ui_role};

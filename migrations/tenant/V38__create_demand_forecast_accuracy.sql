-- Forecast accuracy tracked in the database (issue 12 point 5): every stored forecast is scored per product x
-- location x horizon week as its weeks pass, together with a seasonal-naive forecast from the same origin (forecast
-- value added). Partitioned by forecast date like the forecast, with a retention of its own (forecast_accuracy
-- .keep_weeks) so that the scores outlive the forecasts. Logic: procedures R__084x; views sql/tenant R__0845..0849;
-- definitions: docs/forecast.md "Accuracy".

create table ${schema}.demand_forecast_scorings (
    demand_forecast_id bigint not null,
    forecast_date date not null,
    scored_through_days smallint not null,
    series_scored bigint not null,
    rows_scored bigint not null,
    rows_rescored bigint not null,
    demand_history_run_id bigint,
    first_scored_on date not null,
    last_scored_on date not null,
    constraint demand_forecast_scorings_pkey primary key (demand_forecast_id),
    constraint demand_forecast_scoring_days_check check (scored_through_days > 0 and scored_through_days % 7 = 0),
    constraint demand_forecast_scoring_counts_check check (
        series_scored >= 0 and rows_scored >= 0 and rows_rescored >= 0
    ),
    constraint demand_forecast_scoring_dates_check check (
        first_scored_on <= last_scored_on and first_scored_on > forecast_date
    )
);
create index demand_forecast_scorings_forecast_date_idx on ${schema}.demand_forecast_scorings (forecast_date);
comment on table ${schema}.demand_forecast_scorings is
'One row per scored demand forecast: how far its horizon weeks are scored (forecast_score scores a week once it has '
'passed). No foreign key to demand_forecasts on purpose: retention drops forecasts (forecast_drop_expired) while '
'their scores stay until forecast_accuracy.keep_weeks. Only the latest completed forecast of each date is scored.';
comment on column ${schema}.demand_forecast_scorings.demand_forecast_id is
'The scored forecast (demand_forecasts.id; the header may since have been dropped by retention).';
comment on column ${schema}.demand_forecast_scorings.forecast_date is 'The forecast''s date (its origin).';
comment on column ${schema}.demand_forecast_scorings.scored_through_days is
'Horizon weeks scored so far: every horizon_days up to this one (its week ended on or before last_scored_on).';
comment on column ${schema}.demand_forecast_scorings.series_scored is
'Product x location series of the forecast (rows of demand_forecast_accuracy_series).';
comment on column ${schema}.demand_forecast_scorings.rows_scored is 'Rows written to demand_forecast_accuracy.';
comment on column ${schema}.demand_forecast_scorings.rows_rescored is
'Rows whose actual demand was corrected after scoring (a late change of demand_history in a scored week).';
comment on column ${schema}.demand_forecast_scorings.demand_history_run_id is
'Latest demand_history_runs.id seen: weeks holding dates rewritten by later runs are re-checked.';
comment on column ${schema}.demand_forecast_scorings.first_scored_on is 'Run date of the first scoring.';
comment on column ${schema}.demand_forecast_scorings.last_scored_on is 'Run date of the latest scoring that wrote.';

create table ${schema}.demand_forecast_accuracy_series (
    forecast_date date not null,
    demand_forecast_id bigint not null,
    product_id integer not null,
    location_id integer not null,
    abc_class_id smallint,
    history_weeks smallint not null,
    scale_sq_qty double precision,
    scale_abs_qty double precision,
    weight_revenue numeric(16, 4) not null,
    season_qty real [] not null,
    is_seasonal_naive boolean not null,
    constraint demand_forecast_accuracy_series_pkey
    primary key (demand_forecast_id, product_id, location_id, forecast_date),
    constraint demand_forecast_accuracy_series_product_id_fkey foreign key (product_id)
    references ${schema}.products (id),
    constraint demand_forecast_accuracy_series_location_id_fkey foreign key (location_id)
    references ${schema}.locations (id),
    constraint demand_forecast_accuracy_series_abc_class_id_fkey foreign key (abc_class_id)
    references ${schema}.abc_classes (id),
    constraint demand_forecast_accuracy_series_scale_check check (scale_sq_qty > 0 and scale_abs_qty > 0),
    constraint demand_forecast_accuracy_series_weight_check check (weight_revenue >= 0),
    constraint demand_forecast_accuracy_series_season_check check (
        cardinality(season_qty) between 1 and 52 and (not is_seasonal_naive or cardinality(season_qty) = 52)
    )
) partition by range (forecast_date);
comment on table ${schema}.demand_forecast_accuracy_series is
'Per product x location of a scored forecast: what its errors are scaled and weighted with, fixed at the forecast''s '
'origin (its date) when its first week is scored. Partitioned by forecast_date (demand_forecast_accuracy_series_'
'pYYYYMMDD), dropped whole after forecast_accuracy.keep_weeks (forecast_accuracy_drop_expired). docs/forecast.md.';
comment on column ${schema}.demand_forecast_accuracy_series.forecast_date is 'The forecast''s date: partition key.';
comment on column ${schema}.demand_forecast_accuracy_series.demand_forecast_id is
'The scored forecast (demand_forecast_scorings).';
comment on column ${schema}.demand_forecast_accuracy_series.product_id is 'The product.';
comment on column ${schema}.demand_forecast_accuracy_series.location_id is 'The store or webshop.';
comment on column ${schema}.demand_forecast_accuracy_series.abc_class_id is
'ABC class of the pair at the origin (product_location_behaviors of the latest snapshot on or before the forecast '
'date); null when it had no behaviours row (no demand in the behaviours window).';
comment on column ${schema}.demand_forecast_accuracy_series.history_weeks is
'Weeks of the weekly series before the origin, counted from the first week with demand (week i ends on forecast_date '
'- 7i) up to the forecast''s history_weeks; 0 without any demand.';
comment on column ${schema}.demand_forecast_accuracy_series.scale_sq_qty is
'M5 RMSSE scale: mean squared one-week change of the weekly demand from the first week with demand to the origin. '
'Null when there is no change to measure (under 2 weeks, or a constant series): the series has no RMSSE or MASE.';
comment on column ${schema}.demand_forecast_accuracy_series.scale_abs_qty is
'MASE scale: mean absolute one-week change over the same weeks (null likewise).';
comment on column ${schema}.demand_forecast_accuracy_series.weight_revenue is
'M5 weight: revenue (demand_history.revenue) of the forecast_accuracy.weight_days days up to the forecast date.';
comment on column ${schema}.demand_forecast_accuracy_series.season_qty is
'Weekly demand of the (up to) 52 weeks up to the origin, oldest first: the seasonal-naive forecast reads it.';
comment on column ${schema}.demand_forecast_accuracy_series.is_seasonal_naive is
'True when the series has 52 weeks from its first demand: the benchmark forecast of horizon week h is the demand '
'of the same week a year earlier (season_qty[h] for h <= 52); otherwise the naive forecast (the last week).';

create table ${schema}.demand_forecast_accuracy (
    forecast_date date not null,
    demand_forecast_id bigint not null,
    product_id integer not null,
    location_id integer not null,
    horizon_days smallint not null,
    demand_source_type_id smallint not null,
    forecast_qty real not null,
    naive_qty real not null,
    actual_qty numeric(14, 3) not null,
    scored_on date not null,
    error_qty double precision generated always as (forecast_qty::double precision - actual_qty::double precision)
    stored,
    abs_error_qty double precision generated always as (
        abs(forecast_qty::double precision - actual_qty::double precision)
    ) stored,
    naive_abs_error_qty double precision generated always as (
        abs(naive_qty::double precision - actual_qty::double precision)
    ) stored,
    constraint demand_forecast_accuracy_pkey
    primary key (demand_forecast_id, product_id, location_id, horizon_days, forecast_date),
    constraint demand_forecast_accuracy_demand_source_type_id_fkey foreign key (demand_source_type_id)
    references ${schema}.demand_source_types (id),
    constraint demand_forecast_accuracy_horizon_check check (horizon_days > 0 and horizon_days % 7 = 0),
    constraint demand_forecast_accuracy_qty_check check (forecast_qty >= 0 and naive_qty >= 0 and actual_qty >= 0),
    constraint demand_forecast_accuracy_scored_on_check check (scored_on >= forecast_date + horizon_days)
) partition by range (forecast_date);
comment on table ${schema}.demand_forecast_accuracy is
'The score of one forecast week: product x location x horizon of a stored forecast against the demand that came '
'(demand_history.demand_qty summed over the week), with the seasonal-naive forecast from the same origin. Only sums '
'are stored (errors, actuals) so that every roll-up is exact; ratios are computed by the views '
'(forecast_accuracy_rollup, forecast_accuracy_series_scores). Partitioned by forecast_date like '
'demand_forecast_accuracy_series and dropped with it. docs/forecast.md "Accuracy".';
comment on column ${schema}.demand_forecast_accuracy.forecast_date is 'The forecast''s date: partition key.';
comment on column ${schema}.demand_forecast_accuracy.demand_forecast_id is 'The scored forecast.';
comment on column ${schema}.demand_forecast_accuracy.product_id is 'The product.';
comment on column ${schema}.demand_forecast_accuracy.location_id is 'The store or webshop.';
comment on column ${schema}.demand_forecast_accuracy.horizon_days is
'The forecast week: forecast_date + horizon_days - 6 .. forecast_date + horizon_days.';
comment on column ${schema}.demand_forecast_accuracy.demand_source_type_id is
'Source type of the forecast row (actual, imputed_*, dead_product, dropship, online_only).';
comment on column ${schema}.demand_forecast_accuracy.forecast_qty is 'Our forecast of the week (predicted_qty).';
comment on column ${schema}.demand_forecast_accuracy.naive_qty is
'The seasonal-naive forecast of the week from the same origin (demand_forecast_accuracy_series.is_seasonal_naive).';
comment on column ${schema}.demand_forecast_accuracy.actual_qty is
'Demand of the week: sum of demand_history.demand_qty (stockout-corrected); days without a row count 0. Corrected '
'when demand_history rewrites a day of the week later.';
comment on column ${schema}.demand_forecast_accuracy.scored_on is 'Run date that wrote or last corrected the row.';
comment on column ${schema}.demand_forecast_accuracy.error_qty is 'Generated: forecast - actual (bias: > 0 is over).';
comment on column ${schema}.demand_forecast_accuracy.abs_error_qty is
'Generated: |forecast - actual| (WAPE numerator).';
comment on column ${schema}.demand_forecast_accuracy.naive_abs_error_qty is 'Generated: |naive - actual|.';

grant select on ${schema}.demand_forecast_scorings, ${schema}.demand_forecast_accuracy_series,
${schema}.demand_forecast_accuracy to ${ui_role};

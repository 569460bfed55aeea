-- The forecast statistics are filled by step stats from step 7 (stats_forecast_refresh): their comments said they
-- were empty. Definitions: docs/stats.md "forecast".
comment on table ${stats_schema}.forecast_daily is
'Forecast accuracy per product x location x day: the one-day-ahead forecast (the latest completed forecast dated the '
'day before, its first week pro-rated by the series'' weekday profile), the demand that came (demand_history), their '
'error. Filled by step stats (stats_forecast_refresh); never truncated, so days whose forecast retention dropped keep '
'their rows. A day without a forecast dated the day before (a skipped run) has no row. recommended_order_qty stays '
'null (not filled yet).';
comment on column ${stats_schema}.forecast_daily.forecast_qty is
'Units forecast for the day one day ahead: the first horizon week''s predicted_qty x the series'' weekday share of '
'the day (1/7 without a profile).';
comment on column ${stats_schema}.forecast_daily.demand_qty is
'Estimated true demand of the day (demand_history.demand_qty); null while the day is ahead or the pair had no '
'demand_history row that day.';
comment on table ${stats_schema}.forecast_weekly is
'Forecast accuracy per product x location x ISO week: sums of forecast_daily and the WAPE (abs_error and bias count '
'only days with demand; forecast_qty also the day ahead).';
comment on table ${stats_schema}.forecast_monthly is
'Forecast accuracy per product x location x month: sums of forecast_daily and the WAPE.';
comment on table ${stats_schema}.forecast_yearly is
'Forecast accuracy per product x location x year: sums of forecast_monthly and the WAPE.';

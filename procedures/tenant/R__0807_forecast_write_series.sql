-- Writes the per-series diagnostics of forecast_compute (temporary table fc_out_series) for one forecast.
create or replace procedure ${schema}.forecast_write_series(p_forecast_date date, p_forecast_id bigint)
language plpgsql
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
begin
    insert into ${schema}.demand_forecast_series (
        forecast_date, demand_forecast_id, product_id, location_id, history_weeks, demand_weeks, level_qty, trend_qty,
        occurrence_prob, weight_ses_slow, weight_ses, weight_damped_trend, weight_tsb, backtest_rmsse,
        season_own_weight, weekday_shares
    )
    -- The columns are real: a double below real's range (a candidate's weight can be ~1e-300) would fail the
    -- cast with an underflow error, so values under 1e-30 are stored as 0.
    select p_forecast_date, p_forecast_id, fc_out_series.product_id, fc_out_series.location_id,
           fc_out_series.history_weeks, fc_out_series.demand_weeks,
           case when abs(fc_out_series.level) < 1e-30 then 0 else fc_out_series.level end,
           case when abs(fc_out_series.trend) < 1e-30 then 0 else fc_out_series.trend end,
           case when abs(fc_out_series.occurrence) < 1e-30 then 0 else fc_out_series.occurrence end,
           case when fc_out_series.weight_ses_slow < 1e-30 then 0 else fc_out_series.weight_ses_slow end,
           case when fc_out_series.weight_ses < 1e-30 then 0 else fc_out_series.weight_ses end,
           case when fc_out_series.weight_damped_trend < 1e-30 then 0 else fc_out_series.weight_damped_trend end,
           case when fc_out_series.weight_tsb < 1e-30 then 0 else fc_out_series.weight_tsb end,
           case when fc_out_series.backtest_rmsse < 1e-30 then 0 else fc_out_series.backtest_rmsse end,
           case when coalesce(fc_out_series.season_own_weight, 0) < 1e-30 then 0
                else fc_out_series.season_own_weight end,
           fc_out_series.weekday_shares
    from fc_out_series;
end
$$;
comment on procedure ${schema}.forecast_write_series(date, bigint) is
'Inserts the rows of the temporary table fc_out_series (forecast_compute) into demand_forecast_series for a forecast.';

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
        season_own_weight, weekday_shares, ses_alpha, start_kind, prior_level_qty, prior_basis, prior_shape, own_qty,
        exposure_weeks, young_level_qty
    )
    -- The columns are real: a double below real's range (an Akaike weight of exp(-700), a level decayed to 1e-40)
    -- would fail the cast with an underflow, so magnitudes below 1e-30 are written as 0.
    select p_forecast_date, p_forecast_id, fc_out_series.product_id, fc_out_series.location_id,
           fc_out_series.history_weeks, fc_out_series.demand_weeks,
           case when abs(fc_out_series.level) < 1e-30 then 0 else fc_out_series.level end,
           case when abs(fc_out_series.trend) < 1e-30 then 0 else fc_out_series.trend end,
           case when fc_out_series.occurrence < 1e-30 then 0 else fc_out_series.occurrence end,
           case when fc_out_series.weight_ses_slow < 1e-30 then 0 else fc_out_series.weight_ses_slow end,
           case when fc_out_series.weight_ses < 1e-30 then 0 else fc_out_series.weight_ses end,
           case when fc_out_series.weight_damped_trend < 1e-30 then 0 else fc_out_series.weight_damped_trend end,
           case when fc_out_series.weight_tsb < 1e-30 then 0 else fc_out_series.weight_tsb end,
           case when fc_out_series.backtest_rmsse < 1e-30 then 0 else fc_out_series.backtest_rmsse end,
           case when coalesce(fc_out_series.season_own_weight, 0) < 1e-30 then 0
                else fc_out_series.season_own_weight end,
           fc_out_series.weekday_shares, fc_out_series.ses_alpha,
           -- What a young series' level is made of (null for established series).
           fc_out_series.start_kind,
           case when fc_out_series.prior_shape is null then null
                when fc_out_series.prior_level_qty < 1e-30 then 0 else fc_out_series.prior_level_qty end,
           case when fc_out_series.prior_shape is not null then fc_out_series.prior_basis end,
           fc_out_series.prior_shape,
           case when fc_out_series.own_qty < 1e-30 then 0 else fc_out_series.own_qty end,
           case when fc_out_series.exposure_weeks < 1e-30 then 0 else fc_out_series.exposure_weeks end,
           case when fc_out_series.young_level_qty < 1e-30 then 0 else fc_out_series.young_level_qty end
    from fc_out_series;
end
$$;
comment on procedure ${schema}.forecast_write_series(date, bigint) is
'Inserts the rows of the temporary table fc_out_series (forecast_compute) into demand_forecast_series for a forecast: '
'the series'' state, weights and fitted SES alpha, and for a young series the ingredients of its level.';

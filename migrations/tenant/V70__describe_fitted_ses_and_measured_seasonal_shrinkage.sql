-- Forecast method weekly-combination-5 (docs/forecast.md, methods 2 and 3): the candidate ses has its smoothing
-- constant fitted per series, and the seasonal shrinkage of store pools and series is measured from the data.
comment on column ${schema}.demand_forecast_series.weight_ses is
'Weight of SES with its alpha fitted per series (0.05, 0.1, 0.2, 0.3 or 0.5: the least in-sample one-step squared '
'error; forecasts before method weekly-combination-5: alpha 0.2).';
comment on column ${schema}.demand_forecast_series.season_own_weight is
'Share of the seasonal index that comes from the series'' own history (the rest is pooled from its category at the '
'location): E / (E + kappa), E = own expected units in the matched weeks, kappa the prior units measured for the '
'forecast (metadata seasonality.own_prior_units; before method weekly-combination-5: forecast.season_prior_units).';
comment on column ${schema}.demand_forecast_pools.season_index is 'Seasonal index by week position p = 0..51 (the '
'week ending 7p days before the forecast date, and the same week of earlier years): the category''s demand at the '
'location relative to its yearly mean, shrunk towards the category everywhere (by as much as the category''s '
'locations are measured to differ, method weekly-combination-5) and that towards 1 (forecast.season_prior_units).';

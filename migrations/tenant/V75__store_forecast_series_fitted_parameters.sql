-- Issue 12 point 2: what each series of a forecast chose or was given, so that a DBA can see from the row why its
-- forecast moves as it does (docs/forecast.md "Tables"): the SES smoothing constant fitted per series, and for a young
-- series (under forecast.min_history_weeks) the ingredients of its level, the gamma posterior
-- (prior_shape + own_qty) / (prior_shape / prior_level_qty + exposure_weeks). Null in forecasts written before they
-- were stored; the young-series columns are null for established series.

alter table ${schema}.demand_forecast_series
add column ses_alpha real,
add column start_kind text,
add column prior_level_qty real,
add column prior_basis text,
add column prior_shape real,
add column own_qty real,
add column exposure_weeks real,
add column young_level_qty real,
add constraint demand_forecast_series_ses_alpha_check check (ses_alpha > 0 and ses_alpha < 1),
add constraint demand_forecast_series_start_kind_check check (start_kind in ('launch', 'listing', 'censored')),
add constraint demand_forecast_series_prior_basis_check check (prior_basis in (
    'own_elsewhere_scaled_by_neighbours', 'neighbours_here', 'neighbours_everywhere',
    'own_elsewhere_times_listing_factor', 'category_at_location', 'none'
)),
add constraint demand_forecast_series_young_check check (
    prior_shape > 0 and own_qty >= 0 and exposure_weeks >= 0 and young_level_qty >= 0 and prior_level_qty >= 0
);
comment on column ${schema}.demand_forecast_series.ses_alpha is
'Smoothing constant the candidate ses chose for this series: the one of 0.05, 0.1, 0.2, 0.3, 0.5 with the least '
'in-sample one-step squared error (ties: the smaller). High = the level follows the last weeks (a growing or shifting '
'product), low = a long memory. Null in forecasts written before it was stored.';
comment on column ${schema}.demand_forecast_series.start_kind is
'Young series only: how the series started — launch (the product is new: ramp of launches), listing (the product '
'sold elsewhere first: ramp of new listings), censored (the series starts with the data: no ramp). Null for '
'established series.';
comment on column ${schema}.demand_forecast_series.prior_level_qty is
'Young series only: the prior mean m of the weekly level (mature, unseasoned units a week) before its own weeks, '
'from prior_basis. Null for established series.';
comment on column ${schema}.demand_forecast_series.prior_basis is
'Young series only: where prior_level_qty comes from — own_elsewhere_scaled_by_neighbours, neighbours_here, '
'neighbours_everywhere (similar products, forecast_similar_priors), own_elsewhere_times_listing_factor (the '
'product''s mean level at its established locations x the location''s factor for new listings), '
'category_at_location (the category''s mean level of established series at the location), none (no prior: 0).';
comment on column ${schema}.demand_forecast_series.prior_shape is
'Young series only: the gamma prior''s shape a (how many weeks of own evidence the prior is worth, 1 / CV^2 of '
'established levels around such a prior, measured per forecast).';
comment on column ${schema}.demand_forecast_series.own_qty is
'Young series only: its own units since its first listed week, de-promoted and deseasonalised.';
comment on column ${schema}.demand_forecast_series.exposure_weeks is
'Young series only: its exposure over the same weeks, sum of open share x ramp at the week''s age (weeks of mature '
'demand).';
comment on column ${schema}.demand_forecast_series.young_level_qty is
'Young series only: the level its forecast uses, (prior_shape + own_qty) / (prior_shape / prior_level_qty + '
'exposure_weeks) (own_qty / exposure_weeks without a prior); each horizon week is open share x season x ramp at its '
'age x this.';
comment on constraint demand_forecast_series_ses_alpha_check on ${schema}.demand_forecast_series is
'A smoothing constant is in (0, 1).';
comment on constraint demand_forecast_series_start_kind_check on ${schema}.demand_forecast_series is
'The vocabulary of a young series'' start.';
comment on constraint demand_forecast_series_prior_basis_check on ${schema}.demand_forecast_series is
'The vocabulary of a young series'' prior.';
comment on constraint demand_forecast_series_young_check on ${schema}.demand_forecast_series is
'Shape positive, quantities non-negative.';

-- Settings of step 7 (forecast) in the settings catalog: section forecast (SQLSTATE CW080), docs/forecast.md.
insert into cw_global.setting_sections (section, errcode, stored_in, docs_page, description) values
('forecast', 'CW080', 'client_registry', 'docs/forecast.md',
 'History, horizon, shrinkage, newsvendor and retention of the demand forecast (step 7).');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, below_key, element_pattern, unit, description) values
('forecast.history_weeks', 'forecast', 'integer', '104', 8, false, 520, false, null, null, 'weeks',
 'Weeks of demand_history the forecast reads (seasonality needs at least 78 observed weeks of a series).'),
('forecast.horizon_weeks', 'forecast', 'integer', '26', 1, false, 104, false, null, null, 'weeks',
 'Weekly horizons written per product x location (horizon_days 7, 14, ... 7 x this).'),
('forecast.dead_weeks', 'forecast', 'integer', '26', 1, false, 520, false, null, null, 'weeks',
 'A product without demand anywhere for this many weeks (and older than that) is forecast zero as dead_product.'),
('forecast.min_history_weeks', 'forecast', 'integer', '8', 1, false, 520, false, null, null, 'weeks',
 'Below this many observed weeks a series is imputed_*: its level is shrunk towards the product''s other locations '
 'or its category at the location.'),
('forecast.holding_cost_pct_year', 'forecast', 'numeric', '25', 0, false, 1000, false, null, null, 'pct per year',
 'Cost of holding a unit a year in % of its cost: the overage cost of the newsvendor critical ratio.'),
('forecast.season_prior_units', 'forecast', 'numeric', '100', 0, true, null, false, null, null, 'units',
 'Weight in units of the pooled seasonal index against a series'' own (own share = expected units / (units + this)).'),
('forecast.weekday_prior_units', 'forecast', 'numeric', '14', 0, true, null, false, null, null, 'units',
 'Weight in units of the category''s weekday profile at the location against a series'' own.'),
('forecast.keep_daily_days', 'forecast', 'integer', '14', 1, false, 3650, false, null, null, 'days',
 'Retention: every forecast date this recent keeps its partitions.'),
('forecast.keep_weekly_weeks', 'forecast', 'integer', '30', 0, false, 520, false, null, null, 'weeks',
 'Retention: before keep_daily_days, the first forecast date of each ISO week this recent is kept (accuracy '
 'scoring); older partitions are dropped.');

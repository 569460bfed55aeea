-- Settings of forecast accuracy scoring (step 7, forecast_score) in the settings catalog: section forecast_accuracy
-- (SQLSTATE CW200), docs/forecast.md "Accuracy".
insert into cw_global.setting_sections (section, errcode, stored_in, docs_page, description) values
('forecast_accuracy', 'CW200', 'client_registry', 'docs/forecast.md',
 'Scoring of stored demand forecasts against the demand that came: M5 weights and retention of the scores.');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('forecast_accuracy.weight_days', 'forecast_accuracy', 'integer', '28', 1, false, 365, false, 'days',
 'A series weighs in the weighted RMSSE with its revenue of this many days up to the forecast date (M5: 28).'),
('forecast_accuracy.keep_weeks', 'forecast_accuracy', 'integer', '52', 1, false, 520, false, 'weeks',
 'Scores of forecasts dated this many weeks before the run date or earlier are dropped (whole partitions); they '
 'outlive the forecasts themselves (forecast.keep_weekly_weeks).');

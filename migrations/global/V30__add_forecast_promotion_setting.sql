-- Step 7 (forecast), method weekly-combination-3: the shrinkage of the pooled promotion uplift (docs/forecast.md).
insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, below_key, element_pattern, unit, description) values
('forecast.promo_prior_units', 'forecast', 'numeric', '25', 0, true, null, false, null, null, 'units',
 'Weight in units (base demand x discount) of the uplift of all categories against a category''s own promotion '
 'weeks when the promotion uplift per unit of discount is estimated.');

-- Settings of the Monte-Carlo fill-rate simulation of step 8 (inventory targets), section inventory_targets.
insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('inventory_targets.simulation_paths', 'inventory_targets', 'integer', '25', 0, false, 2000, false, 'paths',
 'Demand paths simulated per product x location for fill_rate_simulated; 0 switches the simulation off (the '
 'analytic expected fill rate is stored instead). Cost grows linearly with paths x days.'),
('inventory_targets.simulation_days', 'inventory_targets', 'integer', '56', 7, false, 364, false, 'days',
 'Days each simulated demand path runs through the policy (from the day after the forecast date, at most the '
 'forecast horizon).'),
('inventory_targets.simulation_seed', 'inventory_targets', 'integer', '20260101', 0, false, null, false, null,
 'Seed of the simulation''s random numbers: the same seed, inputs and settings give the same fill rates.');

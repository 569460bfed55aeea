-- Settings of the shared, cached and adaptive fill-rate simulation of step 8 (section inventory_targets).
insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('inventory_targets.simulation_min_paths', 'inventory_targets', 'integer', '10', 1, false, 2000, false, 'paths',
 'Demand paths every simulated policy runs first; a policy whose fill-rate standard error is then still above '
 'simulation_target_se_pct runs the rest up to simulation_paths. Set it to simulation_paths to always run them all.'),
('inventory_targets.simulation_target_se_pct', 'inventory_targets', 'numeric', '1', 0, false, 100, false,
 'points',
 'Standard error of the simulated fill rate (percentage points) below which simulation_min_paths paths suffice; 0 '
 'always runs simulation_paths paths.'),
('inventory_targets.simulation_demand_digits', 'inventory_targets', 'integer', '3', 1, false, 15, false, 'digits',
 'Significant digits the simulated daily demand means and dispersion are rounded to: pairs whose rounded demand, '
 'policy, lead time and pack are equal are simulated once and share the result.');

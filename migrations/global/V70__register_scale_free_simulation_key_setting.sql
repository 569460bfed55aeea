-- Step 8's scale-free simulation key (section inventory_targets): the lead-time demand above which a pair's policy
-- is keyed relative to its demand, so that pairs with the same normalised policy share one simulation.
insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('inventory_targets.simulation_scale_free_demand_qty', 'inventory_targets', 'numeric', '20', 0, false, 100000, false,
 'units',
 'Lead-time demand (mean daily demand x lead time, units) from which the fill-rate simulation keys a pair by its '
 'policy relative to demand (reorder point in lead-time deviations, order size, pack and MOQ in days of demand, '
 'daily CV) instead of its units, so that pairs with the same normalised policy share one simulation; below it the '
 'units are kept (discreteness matters) with the mean and dispersion on 5 % grids. 0 keys every pair by its exact '
 'inputs.');

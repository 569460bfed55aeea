-- Step 9: a product the pipeline phased out stays NOT-STOCK until its phase-out score falls below
-- phase_out_min_score minus this margin (hysteresis), so that a score moving around the threshold does not flip
-- STOCK / NOT-STOCK day after day (docs/assortment.md).
insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('assortment.phase_out_exit_margin', 'assortment', 'numeric', '20', 0, false, 100, false, 'score',
 'A row the pipeline recommended NOT-STOCK before the run date stays NOT-STOCK while its phase-out recommendation '
 'score is at least phase_out_min_score minus this margin (0: no hysteresis).');

-- Step 8 reads products.assortment_override (NOT-STOCK gives a zero target), so a planner's edit of it re-runs
-- from the inventory targets, not from the assortment step after them.
update cw_global.change_impact_rules
set
    from_step = 'inventory_targets',
    reason = 'The planner includes or excludes a product everywhere: step 8 gives a NOT-STOCK product a zero '
    || 'target and steps 9-11 follow; scoped to the product.',
    updated_at = now()
where client_id is null and table_name = 'products' and column_name = 'assortment_override';

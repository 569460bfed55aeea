-- Upper-echelon pooling of step 8 over the whole supply tree: the correlation setting (section inventory_targets),
-- and the supply network's overrides now move inventory targets too, so their re-runs start at step 8.
insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('inventory_targets.pooling_correlation', 'inventory_targets', 'numeric', '0', 0, false, 1, false, 'correlation',
 'Correlation assumed between the daily demand of any two stores or webshops an upper echelon pools: 0 = '
 'independent (variances add: the full risk-pooling saving), 1 = perfectly correlated (deviations add: no saving). '
 'Pooled variance = (1 - rho) x sum of variances + rho x (sum of deviations) squared.');

update cw_global.change_impact_rules
set from_step = 'inventory_targets',
    reason = case column_name
        when 'location_id' then
            'Which location an override is about moves it to another source: the pooled demand of the upper '
            'echelons above it (inventory targets), and the purchase and transfer recommendations of the client, '
            'are recomputed.'
        when 'supplier_id' then
            'Which supplier an override is about decides which products buy direct and which by transfer, and so '
            'which upper echelons pool their demand: inventory targets and recommendations of the client are '
            'recomputed.'
        else
            'The planner''s source of a location (a parent location, or the supplier itself) moves its demand from '
            'one upper echelon''s pooled target to another''s and its replenishment between purchase orders and '
            'transfers: inventory targets and recommendations of the client are recomputed.'
    end
where table_name = 'supply_network_overrides' and column_name in ('location_id', 'supplier_id', 'source_location_id');

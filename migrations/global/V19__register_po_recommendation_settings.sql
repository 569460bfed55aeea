-- Settings of step 10 (purchase-order recommendations) in the settings catalog.
insert into cw_global.setting_sections (section, errcode, stored_in, docs_page, description) values
('po_recommendations', 'CW160', 'client_registry', 'docs/recommendations.md',
 'Priorities and confidence of the purchase-order recommendations (step 10).');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('po_recommendations.high_cover_margin_days', 'po_recommendations', 'numeric', '3', 0, false, 90, false, 'days',
 'A recommendation is high priority when stock and open orders last less than the lead time plus this many days '
 '(less than the lead time alone is critical).'),
('po_recommendations.stale_inventory_days', 'po_recommendations', 'integer', '7', 0, false, 365, false, 'days',
 'A stock balance older than this many days on the run date lowers the confidence of the recommendation.'),
('po_recommendations.stale_inventory_factor', 'po_recommendations', 'numeric', '0.7', 0, false, 1, false,
 'factor', 'Confidence multiplier for a stale stock balance (and, squared, for a pair without any balance).'),
('po_recommendations.missing_cost_factor', 'po_recommendations', 'numeric', '0.9', 0, false, 1, false, 'factor',
 'Confidence multiplier when neither a purchase-order line nor the product gives a unit cost.');

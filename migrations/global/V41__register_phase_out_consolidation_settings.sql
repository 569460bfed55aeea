-- Settings of step 11's phase-out consolidation (transfers of a phased-out product's stock to the sibling that still
-- sells it best, else back to the source). Definitions: docs/recommendations.md.
insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('to_recommendations.phase_out_sales_days', 'to_recommendations', 'integer', '28', 1, false, 365, false, 'days',
 'Phase-out consolidation: the sales of this many days up to the run date say where a phased-out product still '
 'sells best and how fast each location that phases it out sells it.'),
('to_recommendations.phase_out_sell_through_days', 'to_recommendations', 'integer', '28', 0, false, 365, false,
 'days',
 'Phase-out consolidation: a location that phases a product out keeps the units it sells within this many days at '
 'its own recent rate; only the rest (in whole packs) is moved to a sibling or back to the source.');

-- Settings of step 13 (uplift: is_respected and the impacts of past recommendations) in the settings catalog.
insert into cw_global.setting_sections (section, errcode, stored_in, docs_page, description) values
('uplift', 'CW190', 'client_registry', 'docs/uplift.md',
 'When a recommendation counts as respected and how its impacts are measured (step 13).');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('uplift.respect_window_days', 'uplift', 'integer', '7', 0, false, 90, false, 'days',
 'A recommendation is respected when a matching purchase order is dated on the recommendation date or up to this '
 'many days after it; its is_respected is decided once the run date reaches the end of that window.'),
('uplift.qty_tolerance_pct', 'uplift', 'numeric', '20', 0, false, 100, false, '%',
 'The ordered quantity (all matching order lines in the window) must lie within this percentage of the '
 'recommended quantity for the recommendation to count as respected.'),
('uplift.measurement_window_days', 'uplift', 'integer', '28', 7, false, 365, false, 'days',
 'Length of the before and the after window whose figures are compared; the after window starts when an order '
 'placed on the recommendation date arrives (its lead time).'),
('uplift.control_match_days', 'uplift', 'integer', '14', 0, false, 90, false, 'days',
 'Difference-in-differences: a not respected recommendation is a control when its date lies within this many days '
 'of the measured one (same location, ABC class and frequency class).'),
('uplift.max_controls', 'uplift', 'integer', '20', 1, false, 1000, false, 'product x locations',
 'Difference-in-differences: at most this many controls per measured recommendation, those whose recommendation '
 'date is nearest (then by product id); more controls cost time and add little.'),
('uplift.remeasure_days', 'uplift', 'integer', '14', 0, false, 365, false, 'days',
 'Impacts whose after window ended within this many days before the run date are measured again each night, so '
 'late or corrected data are taken in; older impacts are restated only by a scoped run.'),
('uplift.holding_cost_annual_pct', 'uplift', 'numeric', '25', 0, false, 100, false, '%',
 'Cost of holding stock for a year as a percentage of its value (capital, storage, shrinkage), used by the '
 'cost_savings impact.');

-- Settings of step 10 for open purchase orders past their expected date (docs/recommendations.md, "Late purchase
-- orders"): how late beyond the supplier's usual lateness an order may be before the position stops counting it, and
-- how much that lowers the confidence of an order it changes.
insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('po_recommendations.overdue_grace_days', 'po_recommendations', 'integer', '2', 0, false, 365, false, 'days',
 'An open purchase order later than its expected date by more than this many days, and by more than its supplier''s '
 'usual lateness (lead time p90 of the supplier behaviours minus the order''s own expected lead time), is overdue: '
 'its open units no longer count in the inventory position.'),
('po_recommendations.overdue_order_factor', 'po_recommendations', 'numeric', '0.8', 0, false, 1, false, 'factor',
 'Confidence multiplier when leaving overdue purchase orders out of the position changed the recommended quantity '
 '(the late delivery may still arrive and then add to the new order).');

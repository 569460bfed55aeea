-- Default change-impact rules of the UI-owned columns that the trading calendar, product types, inventory target
-- overrides and purchase-order recommendations added (every UI-owned column has a rule of its own).
insert into cw_global.change_impact_rules (table_name, column_name, severity, from_step, reason) values
('location_weekday_closures', 'is_closed_override', 'moderate', 'demand_history',
 'A weekday the planner declares closed (or open) changes which days can be stockout days and which missing sales '
 'are missed demand: the location''s demand history and everything computed from it are recomputed.'),
('location_weekday_closures', 'override_reason', 'none', null,
 'Free text for people explaining a closure override; no derived value reads it.'),
('location_holiday_observance', 'is_trading_override', 'moderate', 'demand_history',
 'Whether a location trades on public holidays changes which holidays can be stockout days: the location''s demand '
 'history and everything computed from it are recomputed.'),
('location_holiday_observance', 'override_reason', 'none', null,
 'Free text for people explaining a holiday override; no derived value reads it.'),
('products', 'product_type_override', 'moderate', 'demand_history',
 'A product''s type decides whether it is merchandise: non-merchandise is never imputed and gets no classes, '
 'forecast, target or recommendation, so its demand history and everything after it are recomputed.'),
('po_recommendations', 'po_recommendation_status_id', 'none', null,
 'A buyer''s decision on a recommendation is read by the uplift measurement once its window has passed; no stored '
 'value needs a re-run now.'),
('po_recommendations', 'status_updated_at', 'none', null,
 'When the buyer decided: audit information that no derived value reads.'),
('po_recommendations', 'status_updated_by', 'none', null,
 'Who decided: audit information that no derived value reads.'),
('suppliers', 'min_order_value', 'none', null,
 'The minimum order value is compared with the proposal by the per-supplier summary view when it is read; nothing '
 'stored depends on it.');

-- Settings of step 9 (assortment) in the settings catalog, and the change-impact rules of the assortment columns the
-- client owns (client status, workflow statuses, note).
insert into cw_global.setting_sections (section, errcode, stored_in, docs_page, description) values
('assortment', 'CW170', 'client_registry', 'docs/assortment.md',
 'Ranking weights, launch and phase-out rules and the brand split of the assortments (step 9).');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, unit, description) values
('assortment.by_brand', 'assortment', 'boolean', 'false', null,
 'One assortment per brand (global, and per location) instead of one for all brands; products without a brand '
 'share the assortment without a brand.');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('assortment.weight_revenue_pct', 'assortment', 'numeric', '35', 0, false, 100, false, 'pct',
 'Weight of the revenue percentile in the ranking score; the four weights must add up to 100.'),
('assortment.weight_margin_pct', 'assortment', 'numeric', '25', 0, false, 100, false, 'pct',
 'Weight of the gross margin (revenue - cost) percentile in the ranking score.'),
('assortment.weight_forecast_pct', 'assortment', 'numeric', '25', 0, false, 100, false, 'pct',
 'Weight of the forecast demand percentile (next forecast_days) in the ranking score.'),
('assortment.weight_regularity_pct', 'assortment', 'numeric', '15', 0, false, 100, false, 'pct',
 'Weight of the regularity percentile (share of listed days with demand) in the ranking score.'),
('assortment.forecast_days', 'assortment', 'integer', '28', 7, false, 182, false, 'days',
 'Forecast horizon of the ranking''s forecast component: the forecast weeks ending within this many days.'),
('assortment.launch_days', 'assortment', 'integer', '56', 0, false, 365, false, 'days',
 'A product launched (launch date, else first seen) within this many days of the run date is a launch: STOCK.'),
('assortment.phase_out_min_score', 'assortment', 'numeric', '80', 0, true, 100, false, 'score',
 'Phase-out recommendation score (0-100) from which the pipeline recommends NOT-STOCK with reason phase_out.'),
('assortment.core_share_pct', 'assortment', 'numeric', '20', 0, false, 100, false, 'pct',
 'The best-ranked share of an assortment''s STOCK products that forms its core zone.');

insert into cw_global.change_impact_rules (table_name, column_name, severity, from_step, reason) values
('assortment_products', 'client_product_assortment_status_id', 'moderate', 'inventory_targets',
 'The client''s STOCK / NOT-STOCK decision is the effective status of the product: its inventory targets and '
 'purchase recommendations are recomputed; the assortment''s own recommendation does not read it.'),
('assortment_products', 'assortment_workflow_status_id', 'none', null,
 'Locking or confirming one product row only changes what the next assortment run may write; no stored value '
 'depends on it now.'),
('assortment_products', 'note', 'none', null,
 'Free text of the client about a product of an assortment; no derived value reads it.'),
('assortments', 'assortment_workflow_status_id', 'none', null,
 'Locking, confirming or reopening an assortment only changes what the next assortment run may write; the effective '
 'statuses stay as they are until then.');

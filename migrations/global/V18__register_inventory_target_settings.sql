-- Settings of step 8 (inventory targets) in the settings catalog.
insert into cw_global.setting_sections (section, errcode, stored_in, docs_page, description) values
('inventory_targets', 'CW150', 'client_registry', 'docs/inventory.md',
 'Strategy choice and parameters of the inventory targets (step 8).');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, allowed_values,
    element_pattern, unit, description) values
('inventory_targets.store_strategy', 'inventory_targets', 'text', '"abc_xyz_matrix"',
 array['fmr_abc_quantile', 'product_level', 'service_level', 'newsvendor', 'seasonal_trend', 'moving_average',
       'abc_xyz_matrix', 'dynamic_safety', 'margin_weighted', 'forecast_based', 'periodic_review', 'base_stock',
       'buffer_min_qty'], null, null,
 'Strategy of store locations (echelon 1) unless a class rule or a UI override says otherwise.'), -- noqa: L003
('inventory_targets.class_strategies', 'inventory_targets', 'text[]', '["CZ=buffer_min_qty"]', null,
 '^[ABC][XYZ]=(fmr_abc_quantile|product_level|service_level|newsvendor|seasonal_trend|moving_average|'
 'abc_xyz_matrix|dynamic_safety|margin_weighted|forecast_based|periodic_review|base_stock|buffer_min_qty)$', null,
 'Store strategy by ABC x XYZ class of the pair, e.g. ["CZ=buffer_min_qty", "AX=base_stock"]; wins over '
 'store_strategy, loses to a UI override.');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('inventory_targets.csl_ax_pct', 'inventory_targets', 'numeric', '98', 50, false, 100, true,
 'pct', 'Cycle service level (probability of no stockout in a replenishment cycle) of class AX in the '
 'abc_xyz_matrix strategy.'),
('inventory_targets.csl_ay_pct', 'inventory_targets', 'numeric', '97', 50, false, 100, true,
 'pct', 'Cycle service level (probability of no stockout in a replenishment cycle) of class AY in the '
 'abc_xyz_matrix strategy.'),
('inventory_targets.csl_az_pct', 'inventory_targets', 'numeric', '95', 50, false, 100, true,
 'pct', 'Cycle service level (probability of no stockout in a replenishment cycle) of class AZ in the '
 'abc_xyz_matrix strategy.'),
('inventory_targets.csl_bx_pct', 'inventory_targets', 'numeric', '96', 50, false, 100, true,
 'pct', 'Cycle service level (probability of no stockout in a replenishment cycle) of class BX in the '
 'abc_xyz_matrix strategy.'),
('inventory_targets.csl_by_pct', 'inventory_targets', 'numeric', '95', 50, false, 100, true,
 'pct', 'Cycle service level (probability of no stockout in a replenishment cycle) of class BY in the '
 'abc_xyz_matrix strategy.'),
('inventory_targets.csl_bz_pct', 'inventory_targets', 'numeric', '92', 50, false, 100, true,
 'pct', 'Cycle service level (probability of no stockout in a replenishment cycle) of class BZ in the '
 'abc_xyz_matrix strategy.'),
('inventory_targets.csl_cx_pct', 'inventory_targets', 'numeric', '93', 50, false, 100, true,
 'pct', 'Cycle service level (probability of no stockout in a replenishment cycle) of class CX in the '
 'abc_xyz_matrix strategy.'),
('inventory_targets.csl_cy_pct', 'inventory_targets', 'numeric', '90', 50, false, 100, true,
 'pct', 'Cycle service level (probability of no stockout in a replenishment cycle) of class CY in the '
 'abc_xyz_matrix strategy.'),
('inventory_targets.csl_cz_pct', 'inventory_targets', 'numeric', '85', 50, false, 100, true,
 'pct', 'Cycle service level (probability of no stockout in a replenishment cycle) of class CZ in the '
 'abc_xyz_matrix strategy.'),
('inventory_targets.quantile_fa_pct', 'inventory_targets', 'numeric', '99', 50, false, 100,
 true, 'pct', 'Quantile of demand over lead time + review cycle that stock covers for FMR class F and '
 'ABC class A (fmr_abc_quantile strategy).'),
('inventory_targets.quantile_fb_pct', 'inventory_targets', 'numeric', '97', 50, false, 100,
 true, 'pct', 'Quantile of demand over lead time + review cycle that stock covers for FMR class F and '
 'ABC class B (fmr_abc_quantile strategy).'),
('inventory_targets.quantile_fc_pct', 'inventory_targets', 'numeric', '95', 50, false, 100,
 true, 'pct', 'Quantile of demand over lead time + review cycle that stock covers for FMR class F and '
 'ABC class C (fmr_abc_quantile strategy).'),
('inventory_targets.quantile_ma_pct', 'inventory_targets', 'numeric', '97', 50, false, 100,
 true, 'pct', 'Quantile of demand over lead time + review cycle that stock covers for FMR class M and '
 'ABC class A (fmr_abc_quantile strategy).'),
('inventory_targets.quantile_mb_pct', 'inventory_targets', 'numeric', '95', 50, false, 100,
 true, 'pct', 'Quantile of demand over lead time + review cycle that stock covers for FMR class M and '
 'ABC class B (fmr_abc_quantile strategy).'),
('inventory_targets.quantile_mc_pct', 'inventory_targets', 'numeric', '90', 50, false, 100,
 true, 'pct', 'Quantile of demand over lead time + review cycle that stock covers for FMR class M and '
 'ABC class C (fmr_abc_quantile strategy).'),
('inventory_targets.quantile_ra_pct', 'inventory_targets', 'numeric', '95', 50, false, 100,
 true, 'pct', 'Quantile of demand over lead time + review cycle that stock covers for FMR class R and '
 'ABC class A (fmr_abc_quantile strategy).'),
('inventory_targets.quantile_rb_pct', 'inventory_targets', 'numeric', '90', 50, false, 100,
 true, 'pct', 'Quantile of demand over lead time + review cycle that stock covers for FMR class R and '
 'ABC class B (fmr_abc_quantile strategy).'),
('inventory_targets.quantile_rc_pct', 'inventory_targets', 'numeric', '80', 50, false, 100,
 true, 'pct', 'Quantile of demand over lead time + review cycle that stock covers for FMR class R and '
 'ABC class C (fmr_abc_quantile strategy).'),
('inventory_targets.fill_rate_pct', 'inventory_targets', 'numeric', '98', 50, false, 100, true, 'pct',
 'Target fill rate (share of demanded units served from stock) of the base_stock strategy. Not a cycle service '
 'level: a 98 % fill rate usually needs far less stock than a 98 % cycle service level.'),
('inventory_targets.margin_csl_min_pct', 'inventory_targets', 'numeric', '85', 50, false, 100, true, 'pct',
 'Cycle service level of a product without margin in the margin_weighted strategy.'),
('inventory_targets.margin_csl_max_pct', 'inventory_targets', 'numeric', '99', 50, false, 100, true, 'pct',
 'Cycle service level of a product whose margin is margin_full_pct or more (margin_weighted).'),
('inventory_targets.margin_full_pct', 'inventory_targets', 'numeric', '50', 0, true, 100, false, 'pct',
 'Gross margin (share of price) at which margin_weighted reaches margin_csl_max_pct.'),
('inventory_targets.holding_cost_pct', 'inventory_targets', 'numeric', '25', 0, true, 200, false, 'pct per year',
 'Cost of holding one unit for a year, as a share of its cost (capital, storage, shrink): the overage cost of '
 'the newsvendor strategy.'),
('inventory_targets.moving_average_days', 'inventory_targets', 'integer', '28', 7, false, 365, false, 'days',
 'Trailing days whose mean daily demand the moving_average strategy uses instead of the forecast.'),
('inventory_targets.volatility_days', 'inventory_targets', 'integer', '91', 28, false, 730, false, 'days',
 'Trailing days of demand history whose weekly variability sets the demand standard deviation.'),
('inventory_targets.recent_volatility_days', 'inventory_targets', 'integer', '28', 14, false, 365, false, 'days',
 'Recent days whose weekly variability the dynamic_safety strategy weighs with the longer window''s.'),
('inventory_targets.cover_days', 'inventory_targets', 'integer', '14', 1, false, 365, false, 'days',
 'Days of forecast demand the product_level strategy keeps above the lead-time demand.'),
('inventory_targets.buffer_min_qty', 'inventory_targets', 'numeric', '2', 0, false, null, false, 'units',
 'Minimum stock of the buffer_min_qty strategy (display or presentation stock), raised to the pack size and MOQ.'),
('inventory_targets.transfer_lead_time_days', 'inventory_targets', 'integer', '2', 0, false, 60, false, 'days',
 'Lead time of a transfer from the supplying location to a store when its lane sets none.'),
('inventory_targets.default_lead_time_days', 'inventory_targets', 'integer', '7', 0, false, 365, false, 'days',
 'Supplier lead time when neither the product, the supplier, its measured behaviour nor the ERP gives one.');

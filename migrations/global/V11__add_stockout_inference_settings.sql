-- Issue 22 point 4: stockout inference without stock data must not invent demand. A sales stop is judged by the
-- pair's selling frequency after a minimum run of regular selling, for a bounded number of open days, and imputes at
-- most its regular pattern (frequency x robust size, outlier days excluded). docs/demand.md.
insert into cw_global.setting_definitions (
    setting_key, section, value_type, default_value, min_value, is_min_exclusive, max_value, is_max_exclusive,
    below_key, allowed_values, unit, description
) values
('demand_history.stop_min_selling_days', 'demand_history', 'integer', '5', 1, false, 3650, false, null, null, 'days',
 'Selling days a pair needs in the rate window ending on its last sale before a stop of its sales can be called a '
 'stockout (no stock reported).'),
('demand_history.stop_max_open_days', 'demand_history', 'integer', '14', 1, false, 3650, false, null, null, 'days',
 'Open days after a pair''s last sale during which a stop of its sales can be called a stockout and imputed (no '
 'stock reported); a longer silence is not a stockout.'),
('demand_history.outlier_factor', 'demand_history', 'numeric', '3', 1, false, null, false, null, null, 'ratio',
 'Selling days above this multiple of the median day quantity are outliers (wholesale or bulk orders), left out of '
 'the robust size a sales stop imputes.');

-- Judged by the selling frequency instead of the unit rate, 0.01 flags about one quiet run in a hundred of a regular
-- seller: with the generated worlds' few true stockouts that is mostly invented demand.
update cw_global.setting_definitions
set default_value = '0.001',
    description = 'A run of k open days without a sale is called a stockout when (1 - selling frequency)^k is at most '
                  'this (no stock reported).'
where setting_key = 'demand_history.sales_stop_probability';

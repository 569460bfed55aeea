-- One product at one store over 29 January - 3 February 2024 (a week across a month end), computed by hand:
-- demand_history 30 Jan: 4 sold for 40 at cost 8 | 31 Jan: stockout, nothing sold, 3 imputed | 1 Feb: 2 sold for 22,
-- cost unknown. Stock: full snapshot 30 Jan 5 units, delta 31 Jan 0, delta 1 Feb 4, full snapshot 2 Feb without
-- the pair (delisted). Unit cost 2 until 31 Jan, 3 from 1 Feb (product versions).
begin;
select plan(14);

select tests.stats_world('[{"from": "2024-01-01", "cost": 2.0}, {"from": "2024-02-01", "cost": 3.0}]');
insert into cw_000902.demand_history (
    product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock, stockout_qty, is_oos_imputed,
    demand_qty, demand_source_type_id, computed_on
)
select products.id, locations.id, facts.demand_date, facts.quantity, facts.revenue, facts.cost, facts.is_in_stock,
       facts.stockout_qty, facts.stockout_qty is not null, facts.quantity + coalesce(facts.stockout_qty, 0),
       facts.source_type, '2024-02-03'
from cw_000902.products
cross join cw_000902.locations
cross join (values
    ('2024-01-30'::date, 4.0, 40.0, 8.0, true, null::numeric, 1::smallint),
    ('2024-01-31', 0, 0, 0, false, 3, 2),
    ('2024-02-01', 2, 22, null, true, null, 1)
) as facts (demand_date, quantity, revenue, cost, is_in_stock, stockout_qty, source_type);
insert into cw_000902.inventory_snapshots (snapshot_date, snapshot_type, row_count) values
('2024-01-30', 'full', 1), ('2024-01-31', 'delta', 1), ('2024-02-01', 'delta', 1), ('2024-02-02', 'full', 0);
insert into cw_000902.inventory_balances (product_id, location_id, balance_date, qty_available, qty_all, row_hash)
select products.id, locations.id, readings.balance_date, readings.qty, readings.qty, md5(readings.qty::text)::uuid
from cw_000902.products
cross join cw_000902.locations
cross join (values ('2024-01-30'::date, 5.0), ('2024-01-31', 0), ('2024-02-01', 4)) as readings (balance_date, qty);

call cw_000902.stats_rebuild('2024-02-03');

select results_eq(
    $$ select stat_date, sold_qty, revenue, cost, gross_margin from cw_000902_stats.sales_daily order by 1 $$,
    $$ values ('2024-01-30'::date, 4.000, 40.0000, 8.0000, 32.0000), ('2024-02-01', 2.000, 22.0000, null, null) $$,
    'sales_daily: days with a sale only; margin unknown where the cost is'
);
select results_eq(
    $$ select period_start, through_date, sold_qty, revenue, cost, selling_days from cw_000902_stats.sales_weekly $$,
    $$ values ('2024-01-29'::date, '2024-02-01'::date, 6.000, 62.0000, null::numeric, 2) $$,
    'sales_weekly: the ISO week sums both days; its cost is unknown because one day''s is'
);
select results_eq(
    $$ select period_start, sold_qty, revenue, cost, gross_margin, selling_days
       from cw_000902_stats.sales_monthly order by 1 $$,
    $$ values ('2024-01-01'::date, 4.000, 40.0000, 8.0000, 32.0000, 1), ('2024-02-01', 2.000, 22.0000, null, null, 1) $$,
    'sales_monthly: January and February apart'
);
select results_eq(
    $$ select period_start, sold_qty, revenue, cost, selling_days from cw_000902_stats.sales_yearly $$,
    $$ values ('2024-01-01'::date, 6.000, 62.0000, null::numeric, 2) $$,
    'sales_yearly: sums of the months'
);
select results_eq(
    $$ select stat_date, balance_date, on_hand_qty, stock_value, is_out_of_stock
       from cw_000902_stats.inventory_daily order by 1 $$,
    $$ values ('2024-01-30'::date, '2024-01-30'::date, 5.000, 10.0000, false),
              ('2024-01-31', '2024-01-31', 0.000, 0.0000, true),
              ('2024-02-01', '2024-02-01', 4.000, 12.0000, false) $$,
    'inventory_daily: one row per stocked day, valued at the cost of the day, none after the full snapshot without '
    || 'the pair'
);
select results_eq(
    $$ select through_date, stocked_days, out_of_stock_days, on_hand_qty_days, stock_value_days, closing_on_hand_qty,
              closing_stock_value, avg_on_hand_qty, avg_stock_value
       from cw_000902_stats.inventory_weekly $$,
    $$ values ('2024-02-01'::date, 3, 1, 9.000, 22.0000, 4.000, 12.0000, 3.000, 7.3333) $$,
    'inventory_weekly: stocked and out-of-stock days, average and closing stock'
);
select results_eq(
    $$ select period_start, stocked_days, out_of_stock_days, on_hand_qty_days, closing_on_hand_qty,
              closing_stock_value, avg_on_hand_qty
       from cw_000902_stats.inventory_monthly order by 1 $$,
    $$ values ('2024-01-01'::date, 2, 1, 5.000, 0.000, 0.0000, 2.500),
              ('2024-02-01', 1, 0, 4.000, 4.000, 12.0000, 4.000) $$,
    'inventory_monthly: January closes on its last stocked day (31st, empty)'
);
select results_eq(
    $$ select stocked_days, out_of_stock_days, on_hand_qty_days, stock_value_days, closing_on_hand_qty,
              closing_stock_value
       from cw_000902_stats.inventory_yearly $$,
    $$ values (3, 1, 9.000, 22.0000, 4.000, 12.0000) $$,
    'inventory_yearly: sums of the months, closing of the last month'
);
select results_eq(
    $$ select stat_date, demand_qty, sold_qty, lost_sales_qty, stockout_days, fill_rate_pct, in_stock_pct
       from cw_000902_stats.service_daily order by 1 $$,
    $$ values ('2024-01-30'::date, 4.000, 4.000, 0.000, 0, 100.00, 100.00),
              ('2024-01-31', 3.000, 0.000, 3.000, 1, 0.00, 0.00),
              ('2024-02-01', 2.000, 2.000, 0.000, 0, 100.00, 100.00) $$,
    'service_daily: every listed day, lost sales = imputed missed demand'
);
select results_eq(
    $$ select demand_qty, sold_qty, lost_sales_qty, listed_days, stockout_days, fill_rate_pct, in_stock_pct
       from cw_000902_stats.service_weekly $$,
    $$ values (9.000, 6.000, 3.000, 3, 1, 66.67, 66.67) $$,
    'service_weekly: fill rate 6/9, in stock 2 of 3 days'
);
select results_eq(
    $$ select period_start, demand_qty, sold_qty, lost_sales_qty, listed_days, stockout_days, fill_rate_pct,
              in_stock_pct
       from cw_000902_stats.service_monthly order by 1 $$,
    $$ values ('2024-01-01'::date, 7.000, 4.000, 3.000, 2, 1, 57.14, 50.00),
              ('2024-02-01', 2.000, 2.000, 0.000, 1, 0, 100.00, 100.00) $$,
    'service_monthly: January 4/7 served, one of two days out of stock'
);
select results_eq(
    $$ select demand_qty, sold_qty, fill_rate_pct, in_stock_pct from cw_000902_stats.service_yearly $$,
    $$ values (9.000, 6.000, 66.67, 66.67) $$,
    'service_yearly: sums of the months'
);
select is_empty(
    $$ select from cw_000902_stats.forecast_daily union all select from cw_000902_stats.forecast_yearly $$,
    'the forecast tables stay empty while steps 7 and 10-11 are not built'
);
select results_eq(
    $$ select refresh_mode, horizon_end from cw_000902_stats.stats_runs $$,
    $$ values ('full', '2024-02-03'::date) $$,
    'the rebuild is recorded with its horizon'
);

select * from finish();
rollback;

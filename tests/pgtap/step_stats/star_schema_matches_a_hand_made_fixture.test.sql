-- A store, a product whose cost goes from 2 to 3 on 1 February 2024, a customer who moves from Berlin to Hamburg on
-- 1 February, and three orders: O1 (30 Jan, the customer, card: 2 x 10 and 1 x 10 less 1 discount), O2 (1 Feb,
-- anonymous, no payment method: 3 x 10), O3 (1 Feb, cancelled). Expected values are computed by hand.
begin;
select plan(11);

select tests.stats_world(
    '[{"from": "2024-01-01", "cost": 2.0}, {"from": "2024-02-01", "cost": 3.0, "name": "Hammer XL"}]',
    '[{"erp_id": "C1", "name": "Ada", "email": "ada@example.com",
       "versions": [{"from": "2024-01-01", "city": "Berlin"}, {"from": "2024-02-01", "city": "Hamburg"}]}]'
);
insert into cw_000902.payment_methods (code, first_seen_date) values ('card', '2024-01-01');
insert into cw_000902.sales_orders (
    erp_id, order_date, location_id, customer_id, payment_method_id, channel, status, currency_id, fx_rate,
    first_loaded_on, row_hash
)
select orders.erp_id, orders.order_date, locations.id, customers.id, payment_methods.id, 'store', orders.status,
       currencies.id, 1, orders.order_date, md5(orders.erp_id)::uuid
from (values ('O1', '2024-01-30'::date, 'C1', 'card', 'completed'), ('O2', '2024-02-01', null, null, 'completed'),
             ('O3', '2024-02-01', 'C1', 'card', 'cancelled'))
    as orders (erp_id, order_date, customer_erp_id, payment_code, status)
cross join cw_000902.locations
cross join cw_global.currencies
left join cw_000902.customers on customers.erp_id = orders.customer_erp_id
left join cw_000902.payment_methods on payment_methods.code = orders.payment_code
where currencies.code = 'EUR';
insert into cw_000902.sales_order_lines (
    sales_order_id, line_no, product_id, qty, unit_price, discount, revenue, row_hash
)
select sales_orders.id, lines.line_no, products.id, lines.qty, 10, lines.discount, lines.revenue,
       md5(lines.order_erp_id || lines.line_no)::uuid
from (values ('O1', 1, 2.0, 0.0, 20.0), ('O1', 2, 1, 1, 9), ('O2', 1, 3, 0, 30), ('O3', 1, 5, 0, 50))
    as lines (order_erp_id, line_no, qty, discount, revenue)
inner join cw_000902.sales_orders on sales_orders.erp_id = lines.order_erp_id
cross join cw_000902.products;

call cw_000902.stats_rebuild('2024-02-03');

select is_empty(
    $$ select day, sk from generate_series('2023-12-31'::date, '2024-02-03', interval '1 day') as day
       cross join lateral (
           (select dim.product_sk as sk from cw_000902_stats.dim_products as dim
            where dim.effective_date <= day and (dim.end_date is null or dim.end_date >= day)
            except select versions.id from cw_000902.product_as_of(day::date) as versions)
           union all
           (select versions.id from cw_000902.product_as_of(day::date) as versions
            except select dim.product_sk from cw_000902_stats.dim_products as dim
            where dim.effective_date <= day and (dim.end_date is null or dim.end_date >= day))
       ) as differences $$,
    'dim_products as of every day equals product_as_of'
);
select is_empty(
    $$ select day, sk from generate_series('2023-12-31'::date, '2024-02-03', interval '1 day') as day
       cross join lateral (
           (select dim.customer_sk as sk from cw_000902_stats.dim_customers as dim
            where dim.customer_sk <> 0 and dim.effective_date <= day and (dim.end_date is null or dim.end_date >= day)
            except select versions.id from cw_000902.customer_as_of(day::date) as versions)
           union all
           (select versions.id from cw_000902.customer_as_of(day::date) as versions
            except select dim.customer_sk from cw_000902_stats.dim_customers as dim
            where dim.effective_date <= day and (dim.end_date is null or dim.end_date >= day))
       ) as differences $$,
    'dim_customers as of every day equals customer_as_of (the anonymous row aside)'
);
select results_eq(
    $$ select name, cost, effective_date, end_date, is_current from cw_000902_stats.dim_products
       order by effective_date $$,
    $$ values ('Hammer', 2.0000, '2024-01-01'::date, '2024-01-31'::date, false),
              ('Hammer XL', 3.0000, '2024-02-01', null, true) $$,
    'dim_products: SCD2 rows with inclusive end dates'
);
select results_eq(
    $$ select fact.order_erp_id, fact.line_no, fact.date_sk, products.name, customers.city_name, payment.code,
              fact.quantity, fact.gross_amount, fact.line_total, fact.cost_amount, fact.margin
       from cw_000902_stats.fact_sales as fact
       inner join cw_000902_stats.dim_products as products on products.product_sk = fact.product_sk
       inner join cw_000902_stats.dim_customers as customers on customers.customer_sk = fact.customer_sk
       inner join cw_000902_stats.dim_payment_method as payment on payment.payment_method_sk = fact.payment_method_sk
       order by 1, 2 $$,
    $$ values ('O1', 1, 20240130, 'Hammer', 'Berlin', 'card', 2.000, 20.0000, 20.0000, 4.0000, 16.0000),
              ('O1', 2, 20240130, 'Hammer', 'Berlin', 'card', 1.000, 10.0000, 9.0000, 2.0000, 7.0000),
              ('O2', 1, 20240201, 'Hammer XL', null, 'unknown', 3.000, 30.0000, 30.0000, 9.0000, 21.0000) $$,
    'fact_sales: one row per active line of an order not cancelled, keyed to the versions of the order date'
);
select results_eq(
    $$ select count(*)::integer from pg_inherits
       where inhparent = 'cw_000902_stats.fact_sales'::regclass $$,
    $$ values (2) $$,
    'fact_sales has a partition per month with sales'
);
select results_eq(
    $$ select full_date, order_count, line_count, customer_count, anonymous_order_count, quantity, revenue,
              cost_amount, margin, avg_order_value
       from cw_000902_stats.agg_daily_sales order by 1 $$,
    $$ values ('2024-01-30'::date, 1, 2, 1, 0, 3.000, 29.0000, 6.0000, 23.0000, 29.0000),
              ('2024-02-01', 1, 1, 0, 1, 3.000, 30.0000, 9.0000, 21.0000, 30.0000) $$,
    'agg_daily_sales: per day'
);
select results_eq(
    $$ select month_start, first_sale_date, last_sale_date, order_count, quantity, revenue, margin
       from cw_000902_stats.agg_product_sales order by 1 $$,
    $$ values ('2024-01-01'::date, '2024-01-30'::date, '2024-01-30'::date, 1, 3.000, 29.0000, 23.0000),
              ('2024-02-01', '2024-02-01', '2024-02-01', 1, 3.000, 30.0000, 21.0000) $$,
    'agg_product_sales: per product and month'
);
select results_eq(
    $$ select first_order_date, last_order_date, order_count, active_month_count, quantity, revenue, avg_order_value
       from cw_000902_stats.agg_customer_lifetime $$,
    $$ values ('2024-01-30'::date, '2024-01-30'::date, 1, 1, 3.000, 29.0000, 29.0000) $$,
    'agg_customer_lifetime: the cancelled order does not count'
);
select results_eq(
    $$ select as_of_date, total_revenue, total_orders, total_customers, avg_order_value, gross_margin_pct
       from cw_000902_stats.kpi_overview $$,
    $$ values ('2024-02-01'::date, 59.0000, 2::bigint, 1::bigint, 29.50, 74.58) $$,
    'kpi_overview: revenue 59, margin (59 - 15) / 59'
);
select results_eq(
    $$ select name, revenue_rank, revenue_share_pct from cw_000902_stats.product_performance $$,
    $$ values ('Hammer XL', 1::bigint, 100.00) $$,
    'product_performance: current product attributes'
);
select results_eq(
    $$ select city_name, days_since_last_order, segment from cw_000902_stats.customer_analytics $$,
    $$ values ('Hamburg', 4, 'new') $$,
    'customer_analytics: current city, recency at the horizon (3 February)'
);

select * from finish();
rollback;

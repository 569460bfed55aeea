begin;
select plan(6);

-- A store without stock readings (the ERP reports no stock): P-REG sells 2 units on every open day for 40 days,
-- one wholesale order of 74,215 units on day 30, then nothing for 20 days; P-FEW sells 3 times, then nothing;
-- P-DAILY sells every open day throughout, so the store is open; Sundays it sells nothing (closed).
insert into cw_000901.product_categories (level, name, path, first_seen_date)
values (1, 'Stop fixture', 'Stop fixture', '2024-01-01');
insert into cw_000901.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash,
                                product_category_id, cost, erp_cost)
select code, 'stop fixture ' || code, (select id from cw_global.currencies where code = 'EUR'), 'active', '2024-01-01',
       md5(code)::uuid, (select id from cw_000901.product_categories where path = 'Stop fixture'), 1, 1
from unnest(array['P-REG', 'P-FEW', 'P-DAILY']) as code;
insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
values ('L-STOP', 'store without stock data', 'store', 1, 'active', '2024-01-01', md5('L-STOP')::uuid);

create temp table fixture_sales as
select day::date as order_date, product
from generate_series(date '2024-01-01', date '2024-02-29', interval '1 day') as day
cross join unnest(array['P-REG', 'P-FEW', 'P-DAILY']) as product
where extract(isodow from day) <> 7
    and (product = 'P-DAILY'
         or (product = 'P-REG' and day < date '2024-02-10')
         or (product = 'P-FEW' and day in (date '2024-01-02', date '2024-01-03', date '2024-01-04')));

insert into cw_000901.sales_orders (erp_id, order_date, location_id, currency_id, fx_rate, first_loaded_on, row_hash,
                                    status, channel)
select 'SO-' || fixture_sales.product || '-' || fixture_sales.order_date, fixture_sales.order_date,
       (select id from cw_000901.locations where erp_id = 'L-STOP'),
       (select id from cw_global.currencies where code = 'EUR'), 1, fixture_sales.order_date,
       md5(fixture_sales.product || fixture_sales.order_date)::uuid, 'completed', 'store'
from fixture_sales;
insert into cw_000901.sales_order_lines (sales_order_id, line_no, product_id, qty, revenue, row_hash)
select orders.id, 1, products.id,
       case when fixture_sales.product = 'P-REG' and fixture_sales.order_date = date '2024-01-31' then 74215 else 2 end,
       10, md5('line' || orders.erp_id)::uuid
from fixture_sales
inner join cw_000901.sales_orders as orders
    on orders.erp_id = 'SO-' || fixture_sales.product || '-' || fixture_sales.order_date
inner join cw_000901.products on products.erp_id = fixture_sales.product;

call cw_000901.step_demand_history('2024-02-29', null);

create temp table fixture_history as
select products.erp_id as product, history.*
from cw_000901.demand_history as history
inner join cw_000901.products on products.id = history.product_id;

select ok(
    (select count(*) from fixture_history where product = 'P-REG' and not is_in_stock) > 0,
    'a regular seller that stops selling is called out of stock'
);
select is(
    (select max(stockout_qty) from fixture_history where product = 'P-REG'), 1.920,
    'a stockout day imputes frequency x robust size (24/25 x 2 units), not the rate the 74,215-unit order inflates'
);
select is(
    (select sum(stockout_qty) from fixture_history where product = 'P-REG'), 9.600,
    'imputation stops after stop_max_open_days (7) open days: open days 3 to 7 after the last sale, 5 x 1.92 units '
    || 'over the 20 silent days'
);
select is(
    (select count(*) from fixture_history
     where product = 'P-REG' and not is_in_stock and extract(isodow from demand_date) = 7), 0::bigint,
    'a closed day (the store sold nothing) is never a stockout day'
);
select is(
    (select count(*) from fixture_history where product = 'P-FEW' and not is_in_stock), 0::bigint,
    'three sales are not a run of regular selling: no stop is called (stop_min_selling_days 5)'
);
select is(
    (select min(demand_date) from fixture_history where product = 'P-REG' and not is_in_stock), date '2024-02-13',
    'after the last sale (Fri 2024-02-09) the stop is called on the third open day without a sale (Tue 13th; Sunday '
    || 'closed): frequency 24/25, (1/25)^3 <= 0.001 < (1/25)^2'
);

select * from finish();
rollback;

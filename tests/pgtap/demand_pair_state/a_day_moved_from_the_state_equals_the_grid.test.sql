-- Step 5's nightly path: the day computed from demand_pair_state (demand_history_compute_day) equals the day computed
-- on a grid of every pair's history (demand_history_compute), and the state moved by that day equals the state
-- rebuilt from the grid. Fixture: a store with weekly stock readings (some empty), a store without stock data where
-- one product stops selling and another had an outlier order, a webshop, two categories and a product without one,
-- and a pair whose first sale is the new day.
begin;
select plan(7);

insert into cw_000901.product_categories (level, name, path, first_seen_date)
values (1, 'State A', 'State A', '2024-01-01'), (1, 'State B', 'State B', '2024-01-01');
insert into cw_000901.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash,
                                product_category_id, cost, erp_cost)
select product.code, 'state fixture ' || product.code, (select id from cw_global.currencies where code = 'EUR'),
       'active', '2024-01-01', md5(product.code)::uuid,
       (select id from cw_000901.product_categories where path = product.category), 2, 2
from (values ('S-A', 'State A'), ('S-B', 'State A'), ('S-C', 'State A'), ('S-STOP', 'State A'),
             ('S-E', 'State B'), ('S-F', null), ('S-NEW', 'State B')) as product (code, category);
insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
values ('SL-1', 'state store with stock', 'store', 1, 'active', '2024-01-01', md5('SL-1')::uuid),
       ('SL-2', 'state store without stock', 'store', 1, 'active', '2024-01-01', md5('SL-2')::uuid),
       ('SL-WEB', 'state webshop', 'online', 1, 'active', '2024-01-01', md5('SL-WEB')::uuid);

-- Sales on about two days of three, 1 to 5 units; Sundays closed at the stores; S-STOP stops at SL-2 after
-- 2024-02-23; S-A sold 500 once at SL-2; S-NEW sells for the first time on 2024-02-29 at SL-1.
create temp table fixture_sales as
select day::date as order_date, product, location,
       case
           when product = 'S-A' and location = 'SL-2' and day = date '2024-02-20' then 500
           else 1 + abs(hashtext(product || location || day::date)) % 5
       end as qty
from generate_series(date '2024-01-01', date '2024-02-29', interval '1 day') as day
cross join unnest(array['S-A', 'S-B', 'S-C', 'S-STOP', 'S-E', 'S-F', 'S-NEW']) as product
cross join unnest(array['SL-1', 'SL-2', 'SL-WEB']) as location
where (location = 'SL-WEB' or extract(isodow from day) <> 7)
    and (product in ('S-A', 'S-STOP', 'S-NEW') or abs(hashtext(product || location || day::date || 'sells')) % 3 <> 0)
    and (product <> 'S-STOP' or location <> 'SL-2' or day <= date '2024-02-23')
    and (product <> 'S-NEW' or (location = 'SL-1' and day = date '2024-02-29'));

insert into cw_000901.sales_orders (erp_id, order_date, location_id, currency_id, fx_rate, first_loaded_on, row_hash,
                                    status, channel)
select distinct 'SS-' || fixture_sales.location || '-' || fixture_sales.order_date, fixture_sales.order_date,
       (select id from cw_000901.locations where erp_id = fixture_sales.location),
       (select id from cw_global.currencies where code = 'EUR'), 1, fixture_sales.order_date,
       md5('SS-' || fixture_sales.location || fixture_sales.order_date)::uuid, 'completed', 'store'
from fixture_sales;
insert into cw_000901.sales_order_lines (sales_order_id, line_no, product_id, qty, revenue, row_hash)
select orders.id, row_number() over (partition by orders.id order by products.id), products.id, fixture_sales.qty,
       fixture_sales.qty * 3, md5('SS-line' || orders.erp_id || products.erp_id)::uuid
from fixture_sales
inner join cw_000901.sales_orders as orders
    on orders.erp_id = 'SS-' || fixture_sales.location || '-' || fixture_sales.order_date
inner join cw_000901.products on products.erp_id = fixture_sales.product;

-- Weekly stock readings at SL-1 (0 to 3 available: a quarter are stockouts).
insert into cw_000901.inventory_balances (product_id, location_id, balance_date, qty_available, qty_all, row_hash)
select products.id, locations.id, day::date, abs(hashtext(products.erp_id || day::date)) % 4,
       abs(hashtext(products.erp_id || day::date)) % 4, md5('SB' || products.erp_id || day::date)::uuid
from generate_series(date '2024-01-03', date '2024-02-28', interval '7 days') as day
cross join cw_000901.products
cross join cw_000901.locations
where products.erp_id in ('S-A', 'S-B', 'S-C', 'S-E') and locations.erp_id = 'SL-1';

-- Each pair's first evidence, as step demand_history keeps it.
insert into cw_000901.demand_pairs (product_id, location_id, first_date)
select evidence.product_id, evidence.location_id, min(evidence.first_date)
from (
    select lines.product_id, orders.location_id, orders.order_date as first_date
    from cw_000901.sales_order_lines as lines
    inner join cw_000901.sales_orders as orders on orders.id = lines.sales_order_id
    union all
    select balances.product_id, balances.location_id, balances.balance_date
    from cw_000901.inventory_balances as balances
) as evidence
group by evidence.product_id, evidence.location_id;


-- The state of 2024-02-28 from a grid, then 2024-02-29 from the state.
call cw_000901.demand_history_compute('2023-11-01', '2024-02-28', cw_000901.settings('demand_history'));
call cw_000901.demand_pair_state_save('2024-02-28', cw_000901.settings('demand_history'), 'grid');
call cw_000901.demand_history_compute_day('2024-02-29', cw_000901.settings('demand_history'));
create temp table day_rows as select * from demand_computed;
call cw_000901.demand_pair_state_save('2024-02-29', cw_000901.settings('demand_history'), 'day');
create temp table moved_state as select * from cw_000901.demand_pair_state;
select is((select built_by || ' ' || window_end from cw_000901.demand_rate_state), 'day 2024-02-29',
          'the state records the day it was moved to');

-- The same day on the grid, and the state rebuilt from it.
call cw_000901.demand_history_compute('2023-11-01', '2024-02-29', cw_000901.settings('demand_history'));
create temp table grid_rows as select * from demand_computed where demand_date = '2024-02-29';

select ok((select count(*) from grid_rows where not is_in_stock) >= 2
          and (select sum(stockout_qty) from grid_rows) > 0
          and exists (select from grid_rows
                      inner join cw_000901.products on products.id = grid_rows.product_id
                      where products.erp_id = 'S-STOP' and not grid_rows.is_in_stock)
          and exists (select from grid_rows
                      inner join cw_000901.products on products.id = grid_rows.product_id
                      where products.erp_id = 'S-NEW'),
          'the fixture''s day has stockouts, imputed demand, a sales stop and a new pair');
select results_eq(
    $$ select * from day_rows order by product_id, location_id $$,
    $$ select * from grid_rows order by product_id, location_id $$,
    'the day computed from the pair state equals the grid''s day, every column of every pair'
);
select is((select count(*)::integer from day_rows), (select count(*)::integer from grid_rows),
          'the day path wrote every pair of the day');

call cw_000901.demand_pair_state_save('2024-02-29', cw_000901.settings('demand_history'), 'grid');
select results_eq(
    $$ select * from moved_state order by product_id, location_id $$,
    $$ select * from cw_000901.demand_pair_state order by product_id, location_id $$,
    'the state moved by one day equals the state rebuilt from the grid'
);
select is((select pair_count from cw_000901.demand_rate_state),
          (select count(*)::integer from cw_000901.demand_pairs),
          'one state row per pair');

select throws_ok(
    $$ call cw_000901.demand_pair_state_save('2024-02-29', '{"rate_window_days": 28}', 'week') $$,
    'CW231', null, 'an unknown way to bring the state up to date fails with CW231'
);

select * from finish();
rollback;

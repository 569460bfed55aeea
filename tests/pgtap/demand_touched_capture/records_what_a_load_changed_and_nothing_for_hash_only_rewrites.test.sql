-- Issue 21 point 4: every write step demand_history depends on records its product x location x date in
-- demand_touched_pairs; a rewrite that changes nothing step 5 reads records nothing.
begin;
select plan(6);

select tests.calendar_web_shop();
insert into cw_000901.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash)
select 'P1', 'Product P1', currencies.id, 'active', date '2011-01-01', gen_random_uuid()
from cw_global.currencies where currencies.code = 'GBP';
insert into cw_000901.sales_order_lines (sales_order_id, line_no, product_id, qty, row_hash)
select orders.id, 1, products.id, 2, gen_random_uuid()
from cw_000901.sales_orders as orders
cross join cw_000901.products
where orders.order_date between '2011-05-03' and '2011-05-05';

select is((select array_agg(touched.touched_date order by touched.touched_date)::text
           from cw_000901.demand_touched_pairs as touched where touched.has_sales_change),
          '{2011-05-03,2011-05-04,2011-05-05}', 'new lines record their order dates');

delete from cw_000901.demand_touched_pairs;
update cw_000901.sales_orders set raw_hash = 42, row_hash = gen_random_uuid()
where order_date = '2011-05-04';
update cw_000901.sales_order_lines set row_hash = gen_random_uuid();
select is((select count(*)::integer from cw_000901.demand_touched_pairs), 0,
          'a rewrite of hashes only records nothing');

update cw_000901.sales_orders set order_date = '2011-05-06' where order_date = '2011-05-04';
select is((select array_agg(touched.touched_date order by touched.touched_date)::text
           from cw_000901.demand_touched_pairs as touched),
          '{2011-05-04,2011-05-06}', 'an order moved to another date records the old and the new date');

delete from cw_000901.demand_touched_pairs;
update cw_000901.sales_order_lines set is_cancelled = true
where sales_order_id = (select id from cw_000901.sales_orders where order_date = '2011-05-03');
select is((select array_agg(touched.touched_date)::text from cw_000901.demand_touched_pairs as touched),
          '{2011-05-03}', 'a cancelled line records its date');

delete from cw_000901.demand_touched_pairs;
insert into cw_000901.inventory_balances (product_id, location_id, balance_date, qty_available, qty_all, row_hash)
select products.id, locations.id, date '2011-05-01', 4, 4, gen_random_uuid()
from cw_000901.products cross join cw_000901.locations;
select ok((select touched.has_stock_change and not touched.has_sales_change
           from cw_000901.demand_touched_pairs as touched where touched.touched_date = '2011-05-01'),
          'a new stock reading records a stock change');

delete from cw_000901.demand_touched_pairs;
update cw_000901.inventory_balances set row_hash = gen_random_uuid();
update cw_000901.inventory_balances set qty_available = 0;
select is((select count(*)::integer from cw_000901.demand_touched_pairs where has_stock_change), 1,
          'a changed available quantity records its date, a new hash alone does not');

select * from finish();
rollback;

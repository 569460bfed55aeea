-- Step 5 and the trading calendar: a day the location is closed misses no demand and is no stockout day.
begin;
select plan(4);

select tests.calendar_web_shop();
insert into cw_000901.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash)
select product.erp_id, 'Product ' || product.erp_id, currencies.id, 'active', date '2011-01-01', gen_random_uuid()
from (values ('P1'), ('P2')) as product (erp_id)
cross join (select id from cw_global.currencies where code = 'GBP') as currencies;
-- Both products sell 10 a day; on Monday 9 May (stocktaking, configured closed) a late order of P1 came in, and P2
-- sold nothing on 9 and 10 May.
insert into cw_000901.sales_order_lines (sales_order_id, line_no, product_id, qty, row_hash)
select orders.id, line.line_no, products.id, 10, gen_random_uuid()
from cw_000901.sales_orders as orders
cross join (values (1, 'P1'), (2, 'P2')) as line (line_no, erp_id)
inner join cw_000901.products on products.erp_id = line.erp_id
where not (line.erp_id = 'P2' and orders.order_date in ('2011-05-09', '2011-05-10'));
insert into cw_000901.location_calendar_dates (location_id, calendar_date, is_closed, reason)
select id, '2011-05-09', true, 'stocktaking' from cw_000901.locations where erp_id = 'WEB';

call cw_000901.demand_history_compute('2011-04-01', '2011-05-10',
                                      cw_000901.settings('demand_history') || '{"sales_stop_probability": 0.01}');

select is((select stockout_qty from demand_computed
           inner join cw_000901.products on products.id = demand_computed.product_id
           where products.erp_id = 'P2' and demand_computed.demand_date = '2011-05-09'), null,
          'no missed demand is imputed on the configured closed day');
select is((select is_in_stock from demand_computed
           inner join cw_000901.products on products.id = demand_computed.product_id
           where products.erp_id = 'P2' and demand_computed.demand_date = '2011-05-09'), true,
          'a closed day is not a stockout day');
select ok((select stockout_qty > 0 from demand_computed
           inner join cw_000901.products on products.id = demand_computed.product_id
           where products.erp_id = 'P2' and demand_computed.demand_date = '2011-05-10'),
          'the next trading day without a sale of a selling product still imputes missed demand');
select is((select count(*)::integer from demand_computed
           where demand_computed.demand_date = '2011-04-22' and demand_computed.stockout_qty > 0), 0,
          'Good Friday (closed, no sale at all) imputes nothing');

select * from finish();
rollback;

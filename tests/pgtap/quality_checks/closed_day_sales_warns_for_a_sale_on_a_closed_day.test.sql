-- Gate check: a sale at a location on a day its trading calendar says it is closed is a warning.
begin;
select plan(3);

select tests.calendar_web_shop();
select cw_000901.learn_trading_weekdays('2011-05-13');
select tests.quality_empty_staging();
insert into cw_000901_staging.staging_sales_orders (raw_file_id, record_no, so_id, line_no, order_date, location_id)
values (1, 1, 'O1', 1, '2011-05-14', 'WEB'), (1, 2, 'O1', 2, '2011-05-14', 'WEB');

select is((select passed from tests.quality_check('closed_day_sales', '2011-05-14')), false,
          'a sale on a learned-closed Saturday fails');
select is((select detail from tests.quality_check('closed_day_sales', '2011-05-14')),
          'WEB on 2011-05-14 (no sales on Saturdays in 7 weeks (learned)): 1 order(s)', 'the detail says where and why');
update cw_000901_staging.staging_sales_orders set order_date = '2011-05-13';
select is((select passed from tests.quality_check('closed_day_sales', '2011-05-14')), true,
          'a sale on a trading Friday passes');

select * from finish();
rollback;

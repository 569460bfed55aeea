-- Gate check: future dates fail after the allowed days.
begin;
select plan(2);

select tests.quality_empty_staging();
insert into cw_000901_staging.staging_sales_orders (raw_file_id, record_no, so_id, line_no, order_date) values (1, 1, 'O1', 1, '2030-06-06');
insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, launch_date) values (1, 1, 'P1', '2030-06-05');

select is(
    (select passed from tests.quality_check('future_dates', date '2030-06-04') where endpoint = 'sales_orders'),
    false,
    'an order two days ahead fails'
);
select is(
    (select passed from tests.quality_check('future_dates', date '2030-06-04') where endpoint = 'products'),
    true,
    'one day ahead is within max_future_days'
);

select * from finish();
rollback;

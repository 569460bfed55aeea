-- Gate check: a launch date is a plan; a product listed months before its launch passes, a launch date centuries
-- ahead (a typo) still fails.
begin;
select plan(3);

select tests.quality_empty_staging();
insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, launch_date)
values (1, 1, 'P1', '2030-10-01'), (1, 2, 'P2', '2030-06-20');

select is(
    (select passed from tests.quality_check('future_dates', date '2030-06-04') where endpoint = 'products'),
    true,
    'launches four months and two weeks ahead pass (max_planned_days 730)'
);

insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, launch_date)
values (1, 3, 'P3', '2300-06-01');
select is(
    (select failed_count from tests.quality_check('future_dates', date '2030-06-04') where endpoint = 'products'),
    1::bigint,
    'a launch date in 2300 fails'
);

insert into cw_000901_staging.staging_sales_orders (raw_file_id, record_no, so_id, line_no, order_date)
values (1, 1, 'O1', 1, '2030-06-20');
select is(
    (select passed from tests.quality_check('future_dates', date '2030-06-04') where endpoint = 'sales_orders'),
    false,
    'an order two weeks ahead still fails: orders are events, not plans'
);

select * from finish();
rollback;

-- Gate check: ancient dates fail before the oldest date.
begin;
select plan(2);

select tests.quality_empty_staging();
insert into cw_000901_staging.staging_sales_orders (raw_file_id, record_no, so_id, line_no, order_date) values (1, 1, 'O1', 1, '1900-01-01');
insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, launch_date) values (1, 1, 'P1', '2020-01-01');

select is(
    (select detail from tests.quality_check('ancient_dates', date '2030-06-04') where endpoint = 'sales_orders'),
    'order_date before 1990-01-01 (earliest 1900-01-01)',
    'a 1900-01-01 default fails'
);
select is(
    (select passed from tests.quality_check('ancient_dates', date '2030-06-04') where endpoint = 'products'),
    true,
    'a plausible date passes'
);

select * from finish();
rollback;

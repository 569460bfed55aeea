-- Gate check: file present fails for an endpoint without a file.
begin;
select plan(3);

select tests.quality_file('products', date '2030-06-04');

select is(
    (select passed from tests.quality_check('file_present', date '2030-06-04') where endpoint = 'sales_orders'),
    false,
    'sales_orders without a file fails'
);
select is(
    (select detail from tests.quality_check('file_present', date '2030-06-04') where endpoint = 'sales_orders'),
    'no sales_orders file was delivered for 2030-06-04',
    'the detail names the endpoint and date'
);
select is(
    (select passed from tests.quality_check('file_present', date '2030-06-04') where endpoint = 'products'),
    true,
    'a delivered file passes'
);

select * from finish();
rollback;

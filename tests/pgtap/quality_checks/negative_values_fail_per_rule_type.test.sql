-- Gate check: negative values fail per rule type.
begin;
select plan(2);

select tests.quality_empty_staging();
insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, cost, price) values (1, 1, 'P1', -1, 5);
insert into cw_000901_staging.staging_suppliers (raw_file_id, record_no, supplier_id, moq) values (1, 1, 'S1', 5);

select is(
    (select detail from tests.quality_check('negative_values', date '2030-06-04') where check_name = 'negative_values:amount' and endpoint = 'products'),
    'negative: cost (min -1)',
    'a negative cost fails'
);
select is(
    (select passed from tests.quality_check('negative_values', date '2030-06-04') where check_name = 'negative_values:quantity' and endpoint = 'suppliers'),
    true,
    'no negative quantity passes'
);

select * from finish();
rollback;

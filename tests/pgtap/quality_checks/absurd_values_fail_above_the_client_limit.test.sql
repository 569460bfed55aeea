-- Gate check: absurd values fail above the client limit.
begin;
select plan(2);

select tests.quality_empty_staging();
insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, cost, price) values (1, 1, 'P1', 1, 2000000);
insert into cw_000901_staging.staging_suppliers (raw_file_id, record_no, supplier_id, moq) values (1, 1, 'S1', 5);

select is(
    (select detail from tests.quality_check('absurd_values', date '2030-06-04') where check_name = 'absurd_values:amount' and endpoint = 'products'),
    'too large: price (max 2000000)',
    'a price above max_amount fails'
);
select is(
    (select passed from tests.quality_check('absurd_values', date '2030-06-04') where check_name = 'absurd_values:quantity' and endpoint = 'suppliers'),
    true,
    'plausible quantities pass'
);

select * from finish();
rollback;

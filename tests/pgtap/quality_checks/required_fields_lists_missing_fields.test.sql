-- Gate check: required fields lists missing fields.
begin;
select plan(2);

select tests.quality_empty_staging();
insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, missing_fields) values (1, 1, 'P1', '{name}');
insert into cw_000901_staging.staging_suppliers (raw_file_id, record_no, supplier_id) values (1, 1, 'S1');

select is(
    (select detail from tests.quality_check('required_fields', date '2030-06-04') where endpoint = 'products' and not passed),
    'missing: name in 1 record(s)',
    'a record without its required name fails'
);
select is(
    (select passed from tests.quality_check('required_fields', date '2030-06-04') where endpoint = 'suppliers'),
    true,
    'complete records pass'
);

select * from finish();
rollback;

-- Gate check: type casts lists uncastable fields.
begin;
select plan(2);

select tests.quality_empty_staging();
insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, cast_errors) values (1, 1, 'P1', '{cost}');
insert into cw_000901_staging.staging_suppliers (raw_file_id, record_no, supplier_id) values (1, 1, 'S1');

select is(
    (select detail from tests.quality_check('type_casts', date '2030-06-04') where endpoint = 'products' and not passed),
    'not castable: cost in 1 record(s)',
    'an uncastable cost fails'
);
select is(
    (select passed from tests.quality_check('type_casts', date '2030-06-04') where endpoint = 'suppliers'),
    true,
    'castable records pass'
);

select * from finish();
rollback;

-- Gate check: duplicate keys counts records sharing a key.
begin;
select plan(2);

select tests.quality_empty_staging();
insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id) values (1, 1, 'P1'), (1, 2, 'P1'), (1, 3, 'P2');
insert into cw_000901_staging.staging_suppliers (raw_file_id, record_no, supplier_id) values (1, 1, 'S1'), (1, 2, 'S2');

select is(
    (select failed_count::int from tests.quality_check('duplicate_keys', date '2030-06-04') where endpoint = 'products'),
    2,
    'two records share one key'
);
select is(
    (select passed from tests.quality_check('duplicate_keys', date '2030-06-04') where endpoint = 'suppliers'),
    true,
    'unique keys pass'
);

select * from finish();
rollback;

-- Gate check: orphan references are critical above the threshold.
begin;
select plan(2);

select tests.quality_empty_staging();
insert into cw_000901_staging.staging_suppliers (raw_file_id, record_no, supplier_id) values (1, 1, 'S1');
insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, supplier_id) values (1, 1, 'P1', 'S1'), (1, 2, 'P2', 'S9');
insert into cw_000901_staging.staging_locations (raw_file_id, record_no, location_id) values (1, 1, 'L1');

select is(
    (select severity from tests.quality_check('orphan_references', date '2030-06-04') where check_name = 'orphan_references:supplier_id' and endpoint = 'products' and not passed),
    'critical',
    'one orphan in two records (50 %) is critical'
);
select is(
    (select passed from tests.quality_check('orphan_references', date '2030-06-04') where check_name = 'orphan_references:parent_location_id'),
    true,
    'no reference, no orphan'
);

select * from finish();
rollback;

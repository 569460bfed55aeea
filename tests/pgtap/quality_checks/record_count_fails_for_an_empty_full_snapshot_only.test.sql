-- Gate check: record count fails for an empty full snapshot only.
begin;
select plan(3);

select tests.quality_empty_staging();
insert into cw_000901_staging.staging_suppliers (raw_file_id, record_no, supplier_id) values (1, 1, 'S1');

select is(
    (select passed from tests.quality_check('record_count', date '2030-06-04') where endpoint = 'products'),
    false,
    'an empty products snapshot fails'
);
select is(
    (select passed from tests.quality_check('record_count', date '2030-06-04') where endpoint = 'suppliers'),
    true,
    'a snapshot with records passes'
);
select is(
    (select count(*)::int from tests.quality_check('record_count', date '2030-06-04') where endpoint = 'sales_orders'),
    0,
    'event endpoints (not full snapshots) are not counted'
);

select * from finish();
rollback;

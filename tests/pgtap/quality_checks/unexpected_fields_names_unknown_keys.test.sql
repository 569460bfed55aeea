-- Gate check: unexpected fields names unknown keys.
begin;
select plan(2);

select tests.quality_file('suppliers', date '2030-06-04', 'loaded', 1);
call cw_000901.ensure_raw_partition(date '2030-06-04');
insert into cw_000901_staging.raw_records (file_id, file_date, endpoint, record_no, payload)
select id, date '2030-06-04', 'suppliers', 1, '{"supplier_id": "S1", "name": "A", "colour": "red"}' from cw_000901_staging.raw_files where endpoint = 'suppliers';

select is(
    (select detail from tests.quality_check('unexpected_fields', date '2030-06-04') where endpoint = 'suppliers' and not passed),
    'unknown fields: colour',
    'an unknown key fails, named'
);
select is(
    (select passed from tests.quality_check('unexpected_fields', date '2030-06-04') where endpoint = 'products'),
    true,
    'an endpoint without unknown keys passes'
);

select * from finish();
rollback;

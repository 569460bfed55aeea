-- Gate check: raw immutable fails for a refused redelivery.
begin;
select plan(2);

select tests.quality_file('products', date '2030-06-04');
select tests.quality_file('suppliers', date '2030-06-04');
insert into cw_000901_staging.raw_load_conflicts (object_key, offered_etag, loaded_etag, offered_size_bytes)
select object_key, 'other', etag, 2 from cw_000901_staging.raw_files where endpoint = 'products' and file_date = date '2030-06-04';

select is(
    (select passed from tests.quality_check('raw_immutable', date '2030-06-04') where endpoint = 'products'),
    false,
    'a conflicting re-delivery fails'
);
select is(
    (select passed from tests.quality_check('raw_immutable', date '2030-06-04') where endpoint = 'suppliers'),
    true,
    'an endpoint without conflicts passes'
);

select * from finish();
rollback;

-- Gate check: unknown endpoint reports only unmapped files.
begin;
select plan(1);

select tests.quality_file('products', date '2030-06-04');
select tests.quality_file('coupons', date '2030-06-04');

select is(
    (select string_agg(endpoint || '=' || passed, ',') from tests.quality_check('unknown_endpoint', date '2030-06-04')),
    'coupons=false',
    'only the unmapped endpoint is reported, as failed'
);

select * from finish();
rollback;

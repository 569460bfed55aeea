-- Gate check: stale snapshot fails for a byte identical file.
begin;
select plan(2);

select tests.quality_file('inventory', date '2030-06-04' - 1, 'loaded', 1, 'abc');
select tests.quality_file('inventory', date '2030-06-04', 'loaded', 1, 'abc');
select tests.quality_file('inventory', date '2030-06-04' + 1, 'loaded', 1, 'def');

select is(
    (select passed from tests.quality_check('stale_snapshot', date '2030-06-04') where endpoint = 'inventory'),
    false,
    'the same bytes as the day before fail'
);
select is(
    (select passed from tests.quality_check('stale_snapshot', date '2030-06-04' + 1) where endpoint = 'inventory'),
    true,
    'a changed snapshot passes'
);

select * from finish();
rollback;

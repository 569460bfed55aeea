-- Gate check: file parsable fails for a failed file with its offset.
begin;
select plan(3);

select tests.quality_file('products', date '2030-06-04', 'failed');
select tests.quality_file('suppliers', date '2030-06-04');

select is(
    (select passed from tests.quality_check('file_parsable', date '2030-06-04') where endpoint = 'products'),
    false,
    'a failed file fails'
);
select is(
    (select detail ~ 'failed at byte 17: unexpected end of input' from tests.quality_check('file_parsable', date '2030-06-04') where endpoint = 'products'),
    true,
    'the detail has the byte offset and reason'
);
select is(
    (select passed from tests.quality_check('file_parsable', date '2030-06-04') where endpoint = 'suppliers'),
    true,
    'a loaded file passes'
);

select * from finish();
rollback;

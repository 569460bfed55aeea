begin;
select plan(4);

select is(
    tests.scalar_as('cw_000901_owner', 'select string_agg(code, '','' order by code) from cw_global.clients'),
    'CW-000901', 'owner of CW-000901 sees only its own client row'
);
select is(
    tests.scalar_as('cw_000902_ui', 'select string_agg(code, '','' order by code) from cw_global.clients'),
    'CW-000902', 'UI role of CW-000902 sees only its own client row'
);
select is(
    tests.scalar_as('cw_000901_owner', 'select count(*)::text from cw_global.currencies'),
    (select count(*)::text from cw_global.currencies), 'client roles read shared reference data'
);
select is(
    (select string_agg(code, ',' order by code) from cw_global.clients),
    'CW-000901,CW-000902', 'the platform administrator sees every client'
);

select * from finish();
rollback;

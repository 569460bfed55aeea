begin;
select plan(7);

select is(cw_global.client_schema('CW-000200'), 'cw_000200', 'a valid code maps to its schema');
select throws_ok($$ select cw_global.client_schema('CW-200') $$, 'CW001', null, 'too few digits is rejected');
select throws_ok($$ select cw_global.client_schema('cw-000200') $$, 'CW001', null, 'lower-case prefix is rejected');
select throws_ok(
    $$ select cw_global.client_schema('CW-000200; drop schema cw_global') $$, 'CW001', null,
    'an injection attempt is rejected as a bad code'
);
select throws_ok($$ select cw_global.client_schema(null) $$, 'CW001', null, 'a null code is rejected');
select throws_ok($$ select cw_global.client_id('CW-999999') $$, 'CW002', null, 'an unknown client is an error');
select throws_ok(
    $$ call cw_global.provision_client('CW-000903', 'x', 'XXX', 'Europe/Berlin', 'catwing') $$, 'CW022', null,
    'an unknown currency is rejected'
);

select * from finish();
rollback;

-- Gate catalog: "this client does not send X" (endpoints.not_delivered): no check expects or judges X.
begin;
select plan(4);

select is((select count(*)::integer from tests.quality_check('file_present', date '2030-06-04')
           where endpoint = 'inventory'), 1, 'by default inventory is expected');
update cw_global.clients
set settings = jsonb_set(settings, '{endpoints}', '{"not_delivered": ["inventory", "purchase_orders"]}')
where code = 'CW-000901';
select is((select count(*)::integer from tests.quality_check('file_present', date '2030-06-04')
           where endpoint in ('inventory', 'purchase_orders')), 0, 'endpoints not sent are not expected');
select is((select count(*)::integer from tests.quality_check('record_count', date '2030-06-04')
           where endpoint = 'inventory'), 0, 'an empty inventory snapshot is no failure when inventory is not sent');
update cw_global.clients set settings = jsonb_set(settings, '{endpoints}', '{"not_delivered": ["stock"]}')
where code = 'CW-000901';
select throws_ok($$ select count(*) from tests.quality_check('file_present', date '2030-06-04') $$, 'CW091', null,
                 'an endpoint the dialect does not know raises CW091');

select * from finish();
rollback;

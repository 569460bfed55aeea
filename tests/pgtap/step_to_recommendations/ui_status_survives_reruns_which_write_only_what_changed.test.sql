begin;
select plan(8);

select tests.transfer_world('2024-06-30');
call cw_000901.step_to_recommendations('2024-06-30', null);

create temporary view tap_rec as
select products.erp_id as product, senders.erp_id as sender, receivers.erp_id as receiver,
       statuses.name as status, recommendations.*
from cw_000901.to_recommendations as recommendations
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.locations as senders on senders.id = recommendations.from_location_id
inner join cw_000901.locations as receivers on receivers.id = recommendations.to_location_id
inner join cw_000901.to_recommendation_statuses as statuses
    on statuses.id = recommendations.to_recommendation_status_id;

-- Re-running with unchanged inputs writes nothing.
create temporary table tap_before as select id, xmin::text as version from cw_000901.to_recommendations;
call cw_000901.step_to_recommendations('2024-06-30', null);
select is_empty($$ select id, xmin::text from cw_000901.to_recommendations except select * from tap_before $$,
                'a re-run with unchanged inputs rewrites no row');
select is_empty($$ select * from tap_before except select id, xmin::text from cw_000901.to_recommendations $$,
                'and deletes none');

-- The planner accepts IT-B to IT-S2; then stock arrives at both stores and the date is recomputed.
select tests.run_as('cw_000901_ui',
    $$ update cw_000901.to_recommendations set to_recommendation_status_id = 2
       where product_id = (select id from cw_000901.products where erp_id = 'IT-B')
           and to_location_id = (select id from cw_000901.locations where erp_id = 'IT-S2') $$);
update cw_000901.inventory_balances set qty_all = 20, qty_available = 20
where product_id = (select id from cw_000901.products where erp_id = 'IT-B')
    and location_id in (select id from cw_000901.locations where erp_id in ('IT-S2', 'IT-S3'));
call cw_000901.step_to_recommendations('2024-06-30', null);
select is((select status || ' ' || recommended_qty from tap_rec where product = 'IT-B' and receiver = 'IT-S2'),
          'accepted 30.000', 'a re-run neither resets the planner''s status nor changes the numbers decided on');
select is_empty($$ select * from tap_rec where product = 'IT-B' and receiver = 'IT-S3' $$,
                'a pending row no longer needed (IT-S3 above its reorder point now) is deleted');

-- A scoped run touches only its products; a location scope only the transfers leaving or reaching the location.
update cw_000901.inventory_balances set qty_all = 0, qty_available = 0
where product_id = (select id from cw_000901.products where erp_id = 'IT-B')
    and location_id = (select id from cw_000901.locations where erp_id = 'IT-S3');
create temporary table tap_scoped as select id, xmin::text as version from cw_000901.to_recommendations;
call cw_000901.step_to_recommendations('2024-06-30', '{"products": ["IT-A"]}');
select is_empty($$ select * from tap_scoped except select id, xmin::text from cw_000901.to_recommendations $$,
                'a run scoped to IT-A leaves IT-B''s changed inputs alone');
call cw_000901.step_to_recommendations('2024-06-30', '{"locations": ["IT-S6"]}');
select is_empty($$ select * from tap_rec where product = 'IT-B' and receiver = 'IT-S3' $$,
                'a run scoped to IT-S6 leaves IT-S3''s transfers alone');
call cw_000901.step_to_recommendations('2024-06-30', '{"locations": ["IT-S3"]}');
select is((select recommended_qty from tap_rec where product = 'IT-B' and receiver = 'IT-S3'), 30.000,
          'a run scoped to IT-S3 recomputes the transfers it receives');

update cw_global.clients set settings = jsonb_set(settings, '{to_recommendations}',
                                                  '{"rebalance_excess_pct": -1}')
where code = 'CW-000901';
select throws_ok($$ call cw_000901.step_to_recommendations('2024-06-30', null) $$, 'CW180', null,
                 'an invalid setting fails with CW180');

select * from finish();
rollback;

begin;
select plan(8);

select tests.po_world('2024-06-30');
call cw_000901.step_po_recommendations('2024-06-30', null);

create temporary view tap_rec as
select products.erp_id as product, locations.erp_id as location, statuses.name as status, recommendations.*
from cw_000901.po_recommendations as recommendations
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.locations on locations.id = recommendations.location_id
inner join cw_000901.po_recommendation_statuses as statuses
    on statuses.id = recommendations.po_recommendation_status_id;

-- Re-running with unchanged inputs writes nothing.
create temporary table tap_before as select id, xmin::text as version from cw_000901.po_recommendations;
call cw_000901.step_po_recommendations('2024-06-30', null);
select is_empty($$ select id, xmin::text from cw_000901.po_recommendations except select * from tap_before $$,
                'a re-run with unchanged inputs rewrites no row');
select is_empty($$ select * from tap_before except select id, xmin::text from cw_000901.po_recommendations $$,
                'and deletes none');

-- The buyer accepts IT-A at IT-S1; then stock arrives and everything is recomputed.
select tests.run_as('cw_000901_ui',
    $$ update cw_000901.po_recommendations set po_recommendation_status_id = 2
       where product_id = (select id from cw_000901.products where erp_id = 'IT-A')
           and location_id = (select id from cw_000901.locations where erp_id = 'IT-S1') $$);
update cw_000901.inventory_balances set qty_available = 2, qty_all = 5
where product_id = (select id from cw_000901.products where erp_id = 'IT-A')
    and location_id = (select id from cw_000901.locations where erp_id = 'IT-S1');
update cw_000901.inventory_balances set qty_available = 6, qty_all = 6
where product_id = (select id from cw_000901.products where erp_id = 'IT-B');
call cw_000901.step_po_recommendations('2024-06-30', null);
select is((select status || ' ' || recommended_qty from tap_rec where product = 'IT-A' and location = 'IT-S1'),
          'accepted 26.000', 'a re-run neither resets the buyer''s status nor changes the numbers decided on');
select is((select status || ' ' || recommended_qty from tap_rec where product = 'IT-B' and location = 'IT-S1'),
          'pending 36.000', 'a pending row follows its inputs (6 on hand: 34 needed, 6 packs)');

-- A scoped run touches only its products.
create temporary table tap_scoped as select id, xmin::text as version from cw_000901.po_recommendations;
update cw_000901.inventory_balances set qty_available = 0, qty_all = 0
where product_id = (select id from cw_000901.products where erp_id = 'IT-B');
update cw_000901.inventory_balances set qty_available = 40, qty_all = 40, balance_date = '2024-06-30'
where product_id = (select id from cw_000901.products where erp_id = 'IT-A')
    and location_id = (select id from cw_000901.locations where erp_id = 'IT-DC');
call cw_000901.step_po_recommendations('2024-06-30', '{"products": ["IT-B"]}');
select is_empty($$ select id, xmin::text from cw_000901.po_recommendations
                   where product_id <> (select id from cw_000901.products where erp_id = 'IT-B')
                   except select * from tap_scoped $$,
                'a scoped run leaves the other products'' recommendations untouched');
select is((select recommended_qty from tap_rec where product = 'IT-B'), 42.000, 'and rewrites its own');

-- A pending recommendation no longer needed is removed; a NOT-STOCK product gets none even with a target.
update cw_000901.inventory_balances set qty_available = 60, qty_all = 60
where product_id = (select id from cw_000901.products where erp_id = 'IT-B');
update cw_000901.products set assortment_override = 'NOT-STOCK' where erp_id = 'IT-A';
call cw_000901.step_po_recommendations('2024-06-30', null);
select results_eq($$ select product || '@' || location || ' ' || status from tap_rec order by 1 $$,
                  $$ values ('IT-A@IT-S1 accepted') $$,
                  'pending rows no longer needed are deleted (IT-B stocked, IT-A NOT-STOCK); the accepted row stays');
update cw_global.clients set settings = '{"po_recommendations": {"stale_inventory_factor": 2}}'
where code = 'CW-000901';
select throws_ok($$ call cw_000901.step_po_recommendations('2024-06-30', null) $$, 'CW160', null,
                 'an invalid setting fails with CW160');

select * from finish();
rollback;

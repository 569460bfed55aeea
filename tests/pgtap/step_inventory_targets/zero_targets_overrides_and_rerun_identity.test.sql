begin;
select plan(10);

select tests.inventory_world('2024-06-30');
call cw_000901.step_inventory_targets('2024-06-30', null);

create temporary view tap_target as
select products.erp_id as product, locations.erp_id as location, strategies.name as strategy, targets.*
from cw_000901.inventory_targets as targets
inner join cw_000901.products on products.id = targets.product_id
inner join cw_000901.locations on locations.id = targets.location_id
inner join cw_000901.inventory_strategies as strategies on strategies.id = targets.inventory_strategy_id;

select results_eq($$ select count(*)::integer, count(distinct echelon)::integer from cw_000901.inventory_strategies $$,
                  $$ values (14, 2) $$, 'the 14 strategies, for stores and upper echelons');
select is((select zero_reason || ' ' || target_stock from tap_target where product = 'IT-NS' and location = 'IT-S1'),
          'not_stocked 0.000', 'a NOT-STOCK product gets a zero target with its reason');
select is((select zero_reason || ' ' || target_stock from tap_target where product = 'IT-DISC' and location = 'IT-S1'),
          'discontinued 0.000', 'a discontinued product gets a zero target with its reason');
select ok((select count(*) > 5 from cw_000901.inventory_target_params
           where inventory_target_id = (select id from tap_target where product = 'IT-A' and location = 'IT-S1')),
          'every parameter used is stored by name');

-- Re-running with unchanged inputs writes nothing.
create temporary table tap_before as select id, xmin::text as version from cw_000901.inventory_targets;
call cw_000901.step_inventory_targets('2024-06-30', null);
select is_empty($$ select id, xmin::text from cw_000901.inventory_targets except select * from tap_before $$,
                'a re-run with unchanged inputs rewrites no row');

-- The planner's override wins, survives a re-run, and only its pair changes in a scoped run.
set local role cw_000901_ui;
insert into cw_000901.inventory_strategy_overrides (product_id, location_id, inventory_strategy_id, note)
select products.id, locations.id, (select id from cw_000901.inventory_strategies where name = 'buffer_min_qty'),
       'shelf display only'
from cw_000901.products, cw_000901.locations where products.erp_id = 'IT-A' and locations.erp_id = 'IT-S1';
reset role;
call cw_000901.step_inventory_targets('2024-06-30', '{"products": ["IT-A"]}');
select is((select strategy || ' ' || strategy_source || ' ' || target_stock from tap_target
           where product = 'IT-A' and location = 'IT-S1'),
          'buffer_min_qty override 2.000', 'a UI override chooses the strategy (buffer of 2 units)');
select is_empty($$ select targets.id, targets.xmin::text from cw_000901.inventory_targets as targets
                   where targets.product_id <> (select id from cw_000901.products where erp_id = 'IT-A')
                   except select * from tap_before $$,
                'a scoped run leaves the other products'' targets untouched');
call cw_000901.step_inventory_targets('2024-06-30', null);
select is((select strategy from tap_target where product = 'IT-A' and location = 'IT-S1'), 'buffer_min_qty',
          'the override survives a full re-run');

select table_privs_are('cw_000901', 'inventory_targets', 'cw_000901_ui', array['SELECT'],
                       'the UI role only reads targets');
update cw_global.clients set settings = '{"inventory_targets": {"store_strategy": "magic"}}' where code = 'CW-000901';
select throws_ok($$ call cw_000901.step_inventory_targets('2024-06-30', null) $$, 'CW150', null,
                 'an unknown strategy in the settings fails with CW150');

select * from finish();
rollback;

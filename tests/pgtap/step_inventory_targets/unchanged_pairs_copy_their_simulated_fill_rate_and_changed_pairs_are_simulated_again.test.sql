begin;
select plan(5);

select tests.inventory_world('2024-06-30');
update cw_global.clients
set settings = '{"inventory_targets": {"store_strategy": "service_level", "class_strategies": []}}'
where code = 'CW-000901';
call cw_000901.step_inventory_targets('2024-06-30', null);
create temporary table tap_fresh as
select targets.product_id, targets.location_id, targets.fill_rate_simulated
from cw_000901.inventory_targets as targets where targets.zero_reason is null;

select ok((select count(*) between 1 and (select count(*) from tap_fresh) from cw_000901.inventory_simulation_cache),
          'the simulated results are cached, at most one row per simulated pair');

-- Mark every cached result: a re-run of unchanged pairs must copy the mark instead of simulating. (The mark is the
-- standard error, not the fill rate: a store's simulation key includes its supplying DC's simulated fill rate; nor
-- the average stock, which a scale-free key converts to each pair's units.)
update cw_000901.inventory_simulation_cache set fill_rate_se = 0.1234;
create temporary view tap_marked as
select targets.product_id, targets.location_id
from cw_000901.inventory_targets as targets
inner join cw_000901.inventory_target_params as params on params.inventory_target_id = targets.id
where targets.zero_reason is null and params.param_name = 'fill_rate_simulated_se' and params.param_value = 0.1234;
call cw_000901.step_inventory_targets('2024-06-30', null);
select ok((select count(*) from tap_marked) = (select count(*) from tap_fresh),
          'pairs whose inputs did not change copy the cached result (no new simulation)');

-- A changed policy (the planner overrides IT-A at IT-S1 with a buffer strategy) changes the pair's inputs.
insert into cw_000901.inventory_strategy_overrides (product_id, location_id, inventory_strategy_id, note)
select products.id, locations.id, (select id from cw_000901.inventory_strategies where name = 'product_level'),
       'cover two weeks'
from cw_000901.products, cw_000901.locations where products.erp_id = 'IT-A' and locations.erp_id = 'IT-S1';
call cw_000901.step_inventory_targets('2024-06-30', null);
create temporary table tap_changed as
select targets.product_id, targets.location_id, targets.fill_rate_simulated
from cw_000901.inventory_targets as targets
inner join cw_000901.products on products.id = targets.product_id
inner join cw_000901.locations on locations.id = targets.location_id
where products.erp_id = 'IT-A' and locations.erp_id = 'IT-S1';
select ok(not exists (select from tap_marked inner join tap_changed using (product_id, location_id)),
          'a pair whose policy changed is simulated again');
select ok((select count(*) = (select count(*) - 1 from tap_fresh) from tap_marked),
          'the other pairs still copy their cached result');

-- Without the cache the changed pair gets exactly what the run above simulated for it.
truncate cw_000901.inventory_simulation_cache;
call cw_000901.step_inventory_targets('2024-06-30', '{"products": ["IT-A"]}');
select results_eq($$ select targets.fill_rate_simulated from cw_000901.inventory_targets as targets
                     where (targets.product_id, targets.location_id)
                         = (select product_id, location_id from tap_changed) $$,
                  $$ select fill_rate_simulated from tap_changed $$,
                  'a fresh simulation of the changed pair gives the same fill rate (it depends on the inputs only)');

select * from finish();
rollback;

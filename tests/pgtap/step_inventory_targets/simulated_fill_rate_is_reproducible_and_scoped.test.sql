begin;
select plan(4);

select tests.inventory_world('2024-06-30');
update cw_global.clients set settings = '{"inventory_targets": {"store_strategy": "service_level", "class_strategies": []}}'
where code = 'CW-000901';
call cw_000901.step_inventory_targets('2024-06-30', null);
create temporary table tap_full as
select targets.product_id, targets.location_id, targets.fill_rate_simulated,
       (select params.param_value from cw_000901.inventory_target_params as params
        where params.inventory_target_id = targets.id and params.param_name = 'fill_rate_analytic') as analytic
from cw_000901.inventory_targets as targets where targets.zero_reason is null;

select ok((select bool_and(fill_rate_simulated between 0.9 and 1 and abs(fill_rate_simulated - analytic) < 0.03)
           from tap_full),
          'the simulated fill rate of every target is close to the analytic one on this steady demand (< 3 points)');

-- A scoped run draws the same random numbers for its pairs (they are keyed by product and location).
delete from cw_000901.inventory_targets
where product_id = (select id from cw_000901.products where erp_id = 'IT-A');
call cw_000901.step_inventory_targets('2024-06-30', '{"products": ["IT-A"]}');
select set_eq($$ select targets.product_id, targets.location_id, targets.fill_rate_simulated
                 from cw_000901.inventory_targets as targets where targets.zero_reason is null $$,
              $$ select product_id, location_id, fill_rate_simulated from tap_full $$,
              'a scoped run gives the scoped pairs the same simulated fill rate as the full run');

select ok((select count(*) = 5 from cw_000901.inventory_target_params
           where param_name in ('simulation_paths') and param_value = 25),
          'each simulated target records its number of paths (default 25)');

-- simulation_paths = 0 switches the simulation off: the analytic value is stored.
update cw_global.clients
set settings = '{"inventory_targets": {"store_strategy": "service_level", "class_strategies": [], "simulation_paths": 0}}'
where code = 'CW-000901';
call cw_000901.step_inventory_targets('2024-06-30', null);
select is_empty($$ select targets.product_id, targets.location_id, targets.fill_rate_simulated
                   from cw_000901.inventory_targets as targets where targets.zero_reason is null
                   except select product_id, location_id, analytic::numeric(6, 4) from tap_full $$,
                'simulation_paths 0 stores the analytic expected fill rate');

select * from finish();
rollback;

begin;
select plan(3);

select tests.inventory_world('2024-06-30');
update cw_global.clients set settings = '{"inventory_targets": {"simulation_paths": -5}}' where code = 'CW-000901';
select throws_ok($$ call cw_000901.step_inventory_targets('2024-06-30', null) $$, 'CW150', null,
                 'a negative number of simulation paths fails the step with CW150');
update cw_global.clients set settings = '{"inventory_targets": {"simulation_days": 3}}' where code = 'CW-000901';
select throws_ok($$ call cw_000901.step_inventory_targets('2024-06-30', null) $$, 'CW150', null,
                 'a simulation horizon under a week fails the step with CW150');
update cw_global.clients set settings = '{"inventory_targets": {"simulation_scale_free_demand_qty": -1}}'
where code = 'CW-000901';
select throws_ok($$ call cw_000901.step_inventory_targets('2024-06-30', null) $$, 'CW150', null,
                 'a negative scale-free lead-time demand threshold fails the step with CW150');

select * from finish();
rollback;

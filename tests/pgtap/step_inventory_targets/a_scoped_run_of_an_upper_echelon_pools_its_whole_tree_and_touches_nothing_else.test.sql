begin;
select plan(3);

-- A full run, then the planner moves ET-S2 under ET-DC2 and a run scoped to ET-DC1 follows: ET-DC1 is recomputed
-- from its whole tree (ET-S1, which is not in the scope), and no other row of the date changes, not even ET-DC2's,
-- whose pool changed too (it waits for its own run: the change processor schedules a client-wide one).
select tests.echelon_world('2024-06-30');
update cw_global.clients set settings = '{"inventory_targets": {"simulation_paths": 0}}' where code = 'CW-000901';
call cw_000901.step_inventory_targets('2024-06-30', null);

create temporary table tap_before as
select targets.id, targets.location_id, targets.target_stock, targets.reorder_point, targets.safety_stock,
       targets.updated_at,
       (select array_agg(params.param_name || '=' || params.param_value order by params.param_name)
        from cw_000901.inventory_target_params as params where params.inventory_target_id = targets.id) as params
from cw_000901.inventory_targets as targets
where targets.snapshot_date = '2024-06-30';

insert into cw_000901.supply_network_overrides (location_id, supplier_id, source_location_id)
values ((select id from cw_000901.locations where erp_id = 'ET-S2'), null,
        (select id from cw_000901.locations where erp_id = 'ET-DC2'));
-- updated_at is now() of the transaction: a row the scoped run rewrote could not be told apart by it, so the
-- comparison below is on values and parameters, and the rewritten row is recognised by its new values.
call cw_000901.step_inventory_targets('2024-06-30', '{"locations": ["ET-DC1"]}');

select results_eq(
    $$ select targets.target_stock,
              (select params.param_value from cw_000901.inventory_target_params as params
               where params.inventory_target_id = targets.id and params.param_name = 'store_count')
       from cw_000901.inventory_targets as targets
       where targets.location_id = (select id from cw_000901.locations where erp_id = 'ET-DC1') $$,
    $$ values (11.000, 1::float8) $$,
    'the scoped DC is recomputed from the stores below it although none of them is in the scope'
);
select is_empty(
    $$ select before.id from tap_before as before
       left join cw_000901.inventory_targets as targets on targets.id = before.id
       where before.location_id <> (select id from cw_000901.locations where erp_id = 'ET-DC1')
           and (targets.id is null
                or (targets.target_stock, targets.reorder_point, targets.safety_stock)
                   is distinct from (before.target_stock, before.reorder_point, before.safety_stock)
                or before.params is distinct from
                   (select array_agg(params.param_name || '=' || params.param_value order by params.param_name)
                    from cw_000901.inventory_target_params as params where params.inventory_target_id = targets.id)) $$,
    'every pair outside the scope keeps its row, values and parameters'
);
select is((select count(*) from cw_000901.inventory_targets where snapshot_date = '2024-06-30'),
          (select count(*) from tap_before), 'the scoped run adds and deletes no other pair');

select * from finish();
rollback;

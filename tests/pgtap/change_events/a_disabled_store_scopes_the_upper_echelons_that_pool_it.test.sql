begin;
select plan(4);

-- ET-S1 is a store below ET-DC1, below the warehouse ET-WH (tests.echelon_world: a parent-location tree, no lanes).
-- Step 8 pools every enabled store below a DC or warehouse, so disabling ET-S1 changes the targets of ET-DC1 and
-- ET-WH too: the processor's scope must name them, or they keep pooling the disabled store until the next full run.
select tests.echelon_world('2024-06-30');
update cw_global.clients set settings = '{"inventory_targets": {"simulation_paths": 0}}' where code = 'CW-000901';
call cw_000901.step_inventory_targets('2024-06-30', null);
create temporary table tap_before as
select locations.erp_id, targets.target_stock
from cw_000901.inventory_targets as targets
inner join cw_000901.locations on locations.id = targets.location_id
where targets.snapshot_date = '2024-06-30';
delete from cw_000901.change_events;

select tests.run_as('cw_000901_ui', $$ update cw_000901.locations set is_enabled = false where erp_id = 'ET-S1' $$);
select results_eq(
    $$ select run_key,
              (select array_agg(erp_id order by erp_id) from cw_000901.locations
               where id = any (plan.location_ids)) as locations
       from cw_000901.change_events_plan(null, '2024-06-30') as plan $$,
    $$ values ('moderate:8:locations'::text, array['ET-DC1', 'ET-S1', 'ET-WH']) $$,
    'a disabled store scopes itself and every upper echelon above it in the supply tree, not its sibling stores'
);

-- The scoped run the plan asks for gives the upper echelons the targets a full run gives.
do $$
declare
    v_scope jsonb := (select jsonb_build_object('locations', jsonb_agg(locations.erp_id))
                      from cw_000901.change_events_plan(null, '2024-06-30') as plan
                      cross join unnest(plan.location_ids) as scoped (location_id)
                      inner join cw_000901.locations on locations.id = scoped.location_id);
begin
    call cw_000901.step_inventory_targets('2024-06-30', v_scope);
end
$$;
create temporary table tap_scoped as
select locations.erp_id, targets.target_stock
from cw_000901.inventory_targets as targets
inner join cw_000901.locations on locations.id = targets.location_id
where targets.snapshot_date = '2024-06-30';
call cw_000901.step_inventory_targets('2024-06-30', null);
select results_eq(
    $$ select erp_id, target_stock from tap_scoped order by erp_id $$,
    $$ select locations.erp_id, targets.target_stock
       from cw_000901.inventory_targets as targets
       inner join cw_000901.locations on locations.id = targets.location_id
       where targets.snapshot_date = '2024-06-30' order by locations.erp_id $$,
    'after the scoped re-run every target equals what a full run computes'
);
select ok(
    (select tap_scoped.target_stock < tap_before.target_stock from tap_scoped
     inner join tap_before using (erp_id) where erp_id = 'ET-WH'),
    'the warehouse no longer pools the disabled store'
);
select is(
    (select target_stock from tap_scoped where erp_id = 'ET-S1'), 0::numeric,
    'the disabled store has a zero target'
);

select * from finish();
rollback;

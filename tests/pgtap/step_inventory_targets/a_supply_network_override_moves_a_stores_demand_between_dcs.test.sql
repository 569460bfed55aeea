begin;
select plan(4);

-- ET-S2 (1 a day, daily variance 1) moves from ET-DC1 to ET-DC2 by the planner's supply-network override (a row for
-- every supplier). Expected (P = 3, z = 1.644854): ET-DC1 keeps ET-S1 alone: mu 2, S = ceil(6 + z sqrt(3 x 2.461538))
-- = 11; ET-DC2 pools ET-S2 and ET-S3: mu 3, variance 3, S = ceil(9 + z sqrt(9)) = 14; the warehouse still pools all
-- four (mu 8, S = 156).
select tests.echelon_world('2024-06-30');
update cw_global.clients set settings = '{"inventory_targets": {"simulation_paths": 0}}' where code = 'CW-000901';

create temporary view tap_target as
select locations.erp_id as location, targets.target_stock,
       (select params.param_value from cw_000901.inventory_target_params as params
        where params.inventory_target_id = targets.id and params.param_name = 'demand_per_day') as demand_per_day,
       (select params.param_value from cw_000901.inventory_target_params as params
        where params.inventory_target_id = targets.id and params.param_name = 'store_count') as store_count
from cw_000901.inventory_targets as targets
inner join cw_000901.locations on locations.id = targets.location_id
where targets.product_id = (select id from cw_000901.products where erp_id = 'ET-A')
    and locations.erp_id in ('ET-DC1', 'ET-DC2', 'ET-WH');

call cw_000901.step_inventory_targets('2024-06-30', null);
select results_eq(
    $$ select location, demand_per_day, store_count, target_stock from tap_target order by location $$,
    $$ values ('ET-DC1', 3::float8, 2::float8, 15.000), ('ET-DC2', 2, 1, 11.000), ('ET-WH', 8, 4, 156.000) $$,
    'before the override: ET-DC1 pools ET-S1 and ET-S2, ET-DC2 pools ET-S3'
);

select tests.run_as('cw_000901_ui', $$
    insert into cw_000901.supply_network_overrides (location_id, supplier_id, source_location_id, note)
    values ((select id from cw_000901.locations where erp_id = 'ET-S2'), null,
            (select id from cw_000901.locations where erp_id = 'ET-DC2'), 'ET-S2 is closer to DC2') $$);
call cw_000901.step_inventory_targets('2024-06-30', null);
select results_eq(
    $$ select location, demand_per_day, store_count, target_stock from tap_target
       where location in ('ET-DC1', 'ET-DC2') order by location $$,
    $$ values ('ET-DC1', 2::float8, 1::float8, 11.000), ('ET-DC2', 3, 2, 14.000) $$,
    'after the override ET-S2''s demand leaves ET-DC1''s pool and joins ET-DC2''s'
);
select results_eq(
    $$ select demand_per_day, store_count, target_stock from tap_target where location = 'ET-WH' $$,
    $$ values (8::float8, 4::float8, 156.000) $$,
    'the warehouse above both DCs pools the same four locations as before'
);
select is(
    (select tree.depth from cw_000901.supply_tree_as_of('2024-06-30', 90) as tree
     where tree.supplier_id = (select id from cw_000901.suppliers where erp_id = 'ET-SUP')
         and tree.location_id = (select id from cw_000901.locations where erp_id = 'ET-WH')
         and tree.descendant_location_id = (select id from cw_000901.locations where erp_id = 'ET-S2')),
    2, 'supply_tree_as_of puts ET-S2 two levels below the warehouse, through ET-DC2'
);

select * from finish();
rollback;

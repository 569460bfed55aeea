begin;
select plan(3);

-- ET-WH supplies ET-DC1, ET-DC2 and ET-W; ET-DC1 supplies ET-S1 and ET-S2, ET-DC2 ET-S3 (parent_location_id); one
-- supplier ET-SUP. Step 10 derives the network once and hands it to supply_tree_of instead of deriving it again.
select tests.echelon_world('2024-06-30');

create temporary table tap_ids as
select locations.erp_id, locations.id from cw_000901.locations;
create temporary table tap_supplier as
select suppliers.id from cw_000901.suppliers where suppliers.erp_id = 'ET-SUP';

-- A hand-made network of ET-SUP (not the history's): ET-WH buys, ET-DC1 from ET-WH, ET-S1 from ET-DC1, ET-S2 from
-- ET-S1 (a chain three levels deep).
create temporary table tap_network as
select supplier.id as supplier_id, location.id as location_id, source.id as source_location_id
from (values ('ET-WH', null), ('ET-DC1', 'ET-WH'), ('ET-S1', 'ET-DC1'), ('ET-S2', 'ET-S1')) as edge (location, source)
cross join tap_supplier as supplier
inner join tap_ids as location on location.erp_id = edge.location
left join tap_ids as source on source.erp_id = edge.source;

select results_eq(
    $$ select below.erp_id, tree.depth
       from (select array_agg(supplier_id) as suppliers, array_agg(location_id) as locations,
                    array_agg(source_location_id) as sources
             from tap_network) as network
       cross join lateral cw_000901.supply_tree_of(network.suppliers, network.locations, network.sources) as tree
       inner join tap_ids as below on below.id = tree.descendant_location_id
       where tree.supplier_id = (select id from tap_supplier)
           and tree.location_id = (select id from tap_ids where erp_id = 'ET-WH')
       order by tree.depth $$,
    $$ values ('ET-WH', 0), ('ET-DC1', 1), ('ET-S1', 2), ('ET-S2', 3) $$,
    'the tree of a given network: the location itself, then every location below it with its depth'
);

-- A cycle (ET-S1 from ET-S2 and ET-S2 from ET-S1) is cut where it would revisit a location.
select results_eq(
    $$ select below.erp_id, tree.depth
       from cw_000901.supply_tree_of(
           array_fill((select id from tap_supplier), array[2]),
           array[(select id from tap_ids where erp_id = 'ET-S1'), (select id from tap_ids where erp_id = 'ET-S2')],
           array[(select id from tap_ids where erp_id = 'ET-S2'), (select id from tap_ids where erp_id = 'ET-S1')]
       ) as tree
       inner join tap_ids as below on below.id = tree.descendant_location_id
       where tree.supplier_id is not null and tree.location_id = (select id from tap_ids where erp_id = 'ET-S1')
       order by tree.depth $$,
    $$ values ('ET-S1', 0), ('ET-S2', 1) $$,
    'a cycle stops before it revisits a location'
);

-- Given the network of the date, it returns exactly what supply_tree_as_of returns (the parent tree included).
select set_eq(
    $$ select tree.* from (
           select array_agg(network.supplier_id) as suppliers, array_agg(network.location_id) as locations,
                  array_agg(network.source_location_id) as sources
           from cw_000901.supply_network_as_of('2024-06-30', 90) as network
       ) as network
       cross join lateral cw_000901.supply_tree_of(network.suppliers, network.locations, network.sources) as tree $$,
    $$ select * from cw_000901.supply_tree_as_of('2024-06-30', 90) $$,
    'applied to supply_network_as_of it is supply_tree_as_of, row for row'
);

select * from finish();
rollback;

-- The supply tree on a date: the transitive closure of the supply network (R__1030), so that step 8 (upper-echelon
-- pooling), step 10 (demand an upper echelon's purchase order covers) and step 11 read one definition of "the
-- locations below". Rules: docs/recommendations.md, "The supply tree".
create or replace function ${schema}.supply_tree_as_of(p_run_date date, p_history_days integer)
returns table (supplier_id integer, location_id integer, descendant_location_id integer, depth integer)
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    with recursive network as (
        select network.supplier_id, network.location_id, network.source_location_id
        from ${schema}.supply_network_as_of(p_run_date, p_history_days) as network
    ),

    -- One edge per supplied location: source -> location, per supplier (-1 = the tree of parent_location_id, which a
    -- product without an active primary supplier follows).
    edges as (
        select network.supplier_id as tree_key, network.source_location_id as location_id,
               network.location_id as child_location_id
        from network
        where network.source_location_id is not null
        union all
        select -1, locations.parent_location_id, locations.id
        from ${schema}.locations
        where locations.parent_location_id is not null and locations.is_active
    ),

    -- Every location is its own root (depth 0), in every supplier's tree and in the parent tree.
    roots as (
        select network.supplier_id as tree_key, network.location_id
        from network
        union all
        select -1, locations.id
        from ${schema}.locations
        where locations.is_active
    ),

    -- Walk down: a location's children, their children, ... A cycle an override could create (A supplies B supplies
    -- A) stops where it would revisit a location; depth is capped at 10 levels.
    tree (tree_key, location_id, descendant_location_id, depth, path) as (
        select roots.tree_key, roots.location_id, roots.location_id, 0, array[roots.location_id]
        from roots
        union all
        select tree.tree_key, tree.location_id, edges.child_location_id, tree.depth + 1,
               tree.path || edges.child_location_id
        from tree
        inner join edges on edges.tree_key = tree.tree_key and edges.location_id = tree.descendant_location_id
        where edges.child_location_id <> all(tree.path) and tree.depth < 10
    ),

    final as (
        select nullif(tree.tree_key, -1) as supplier_id, tree.location_id, tree.descendant_location_id, tree.depth
        from tree
    )

    select * from final;
$$;
comment on function ${schema}.supply_tree_as_of(date, integer) is
'The supply tree on p_run_date: for every active location (location_id) and every location below it in the supply '
'network (descendant_location_id: the locations it supplies by transfer, the ones those supply, and so on), per '
'supplier; depth 0 is the location itself, 1 a location it supplies directly, 2 one supplied through another. '
'Built from supply_network_as_of(p_run_date, p_history_days) (history, the planner''s supply_network_overrides, else '
'parent_location_id); rows with supplier_id null are the tree of parent_location_id alone, which a product without '
'an active primary supplier follows. A cycle is cut where it would revisit a location; at most 10 levels. Step 8 '
'pools the demand of the descendants of an upper echelon, step 10 projects it. docs/recommendations.md.';
grant execute on function ${schema}.supply_tree_as_of(date, integer) to ${ui_role};

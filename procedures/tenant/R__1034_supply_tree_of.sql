-- The supply tree of a given supply network: the transitive closure that supply_tree_as_of (R__1035) returns, computed
-- from network rows the caller already has, so that a step which needs both the network and its tree (step 10)
-- derives the network from history once. Rules: docs/recommendations.md, "The supply tree".
create or replace function ${schema}.supply_tree_of(
    p_supplier_ids integer [], p_location_ids integer [], p_source_location_ids integer []
)
returns table (supplier_id integer, location_id integer, descendant_location_id integer, depth integer)
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    with recursive network as (
        select network.supplier_id, network.location_id, network.source_location_id
        from unnest(p_supplier_ids, p_location_ids, p_source_location_ids)
            as network (supplier_id, location_id, source_location_id)
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
comment on function ${schema}.supply_tree_of(integer [], integer [], integer []) is
'The supply tree of the supply network given as three parallel arrays (one element per network row: supplier_id, '
'location_id, source_location_id, as supply_network_as_of returns them): for every location of the network and the '
'active locations of the parent tree, every location below it, per supplier, with its depth (0 = itself); rows with '
'supplier_id null are the tree of parent_location_id. A cycle is cut where it would revisit a location; at most 10 '
'levels. supply_tree_as_of is this function applied to supply_network_as_of; step 10 applies it to the network it '
'has already derived. docs/recommendations.md, "The supply tree".';
grant execute on function ${schema}.supply_tree_of(integer [], integer [], integer []) to ${ui_role};

-- The supply tree on a date: the transitive closure of the supply network (R__1030), so that step 8 (upper-echelon
-- pooling), step 10 (demand an upper echelon's purchase order covers) and step 11 read one definition of "the
-- locations below". The closure itself is supply_tree_of (R__1034). Rules: docs/recommendations.md, "The supply tree".
drop function if exists ${schema}.supply_tree_as_of(date, integer);
create or replace function ${schema}.supply_tree_as_of(
    p_run_date date, p_history_days integer, p_supplier_ids integer [] default null
)
returns table (supplier_id integer, location_id integer, descendant_location_id integer, depth integer)
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select tree.supplier_id, tree.location_id, tree.descendant_location_id, tree.depth
    from (
        select array_agg(network.supplier_id) as supplier_ids, array_agg(network.location_id) as location_ids,
               array_agg(network.source_location_id) as source_location_ids
        from ${schema}.supply_network_as_of(p_run_date, p_history_days) as network
        -- p_supplier_ids: only those suppliers' trees (and the parent_location_id tree), e.g. step 8's scoped run
        where p_supplier_ids is null or network.supplier_id = any (p_supplier_ids)
    ) as network
    cross join lateral ${schema}.supply_tree_of(
        network.supplier_ids, network.location_ids, network.source_location_ids
    ) as tree;
$$;
comment on function ${schema}.supply_tree_as_of(date, integer, integer []) is
'The supply tree on p_run_date: for every active location (location_id) and every location below it in the supply '
'network (descendant_location_id: the locations it supplies by transfer, the ones those supply, and so on), per '
'supplier; depth 0 is the location itself, 1 a location it supplies directly, 2 one supplied through another. '
'Built by supply_tree_of from supply_network_as_of(p_run_date, p_history_days) (history, the planner''s '
'supply_network_overrides, else parent_location_id); rows with supplier_id null are the tree of '
'parent_location_id alone, which a product without an active primary supplier follows. A cycle is cut where it '
'would revisit a location; at most 10 levels. Step 8 pools the demand of the descendants of an upper echelon, '
'step 10 projects it. p_supplier_ids (null = all) keeps only those suppliers'' trees and the parent_location_id '
'tree (step 8''s product-scoped run: the scoped products'' primary suppliers). docs/recommendations.md.';
grant execute on function ${schema}.supply_tree_as_of(date, integer, integer []) to ${ui_role};

-- The processor's plan: which re-runs the pending change events need. Set-based: one pass over the events.
drop function if exists ${schema}.change_events_plan(bigint);
create or replace function ${schema}.change_events_plan(
    p_up_to_event_id bigint default null, p_run_date date default null
)
returns table (
    event_id bigint,
    run_key text,
    severity text,
    from_step_no smallint,
    to_step_no smallint,
    dimension text,
    product_ids integer[],
    location_ids integer[]
)
language sql
stable
security invoker
set search_path = pg_catalog, pg_temp
as $$
    with pending_events as (
        select
            change_events.id,
            change_events.table_name,
            change_events.row_id,
            change_events.row_key,
            impact_rule.severity,
            impact_rule.from_step_no,
            case
                when change_events.table_name in ('products', 'product_suppliers', 'suppliers') then 'products'
                when change_events.table_name in ('locations', 'location_lanes') then 'locations'
                when change_events.row_key ? 'product_id' and change_events.row_key ? 'location_id' then 'pairs'
                when change_events.row_key ? 'product_id' then 'products'
                when change_events.row_key ? 'location_id' then 'locations'
                else 'client'
            end as dimension
        from ${schema}.change_events
        cross join lateral ${schema}.change_impact_rule(change_events.table_name, change_events.column_name) as impact_rule
        where change_events.status = 'pending'
            and (p_up_to_event_id is null or change_events.id <= p_up_to_event_id)
    ),

    -- A row that cannot be scoped (client_settings, or a table without product or location keys) re-runs the whole
    -- client; gate re-runs start at the quality gate.
    effective_events as (
        select
            pending_events.id,
            pending_events.table_name,
            pending_events.row_id,
            pending_events.row_key,
            pending_events.dimension,
            case
                when pending_events.severity in ('local', 'moderate') and pending_events.dimension = 'client'
                    then 'cascade'
                else pending_events.severity
            end as severity,
            case
                when pending_events.severity = 'gate'
                    then (select pipeline_steps.step_no from cw_global.pipeline_steps
                          where pipeline_steps.name = 'quality_gate')
                else pending_events.from_step_no
            end as from_step_no
        from pending_events
    ),

    cascade_start as (
        select min(effective_events.from_step_no) as from_step_no
        from effective_events
        where effective_events.severity in ('cascade', 'gate')
    ),

    -- The cascade absorbs every local and moderate event it covers: a client-wide run from step s recomputes what a
    -- scoped run from any later step would.
    grouped_events as (
        select
            effective_events.*,
            case
                when effective_events.severity = 'none' then 'none'
                when effective_events.severity in ('cascade', 'gate') or effective_events.from_step_no >= cascade_start.from_step_no
                    then 'client'
                else effective_events.severity
            end as run_severity
        from effective_events
        cross join cascade_start
    ),

    -- The upper echelons above an edited location in the supply tree of the run date (the date the re-runs bring up
    -- to date; default the latest successful full run): step 8 pools every store below a DC or warehouse, so a store
    -- that is disabled or re-enabled changes their targets and recommendations too. Computed only when a location
    -- was edited.
    tree_run_date as (
        select coalesce(p_run_date, (select pg_catalog.max(pipeline_runs.run_date) from ${schema}.pipeline_runs
                                      where pipeline_runs.status = 'succeeded' and pipeline_runs.scope is null))
               as run_date
    ),

    location_ancestors as materialized (
        select tree.descendant_location_id as location_id, tree.location_id as ancestor_location_id
        from tree_run_date
        cross join lateral ${schema}.supply_tree_as_of(
            tree_run_date.run_date,
            (${schema}.settings('to_recommendations') ->> 'network_history_days')::integer) as tree
        where tree_run_date.run_date is not null and tree.depth >= 1
            and exists (select from grouped_events
                        where grouped_events.table_name in ('locations', 'location_lanes')
                            and grouped_events.run_severity in ('local', 'moderate'))
    ),

    scoped_ids as (
        select
            grouped_events.id,
            case
                when grouped_events.table_name = 'products' then array[grouped_events.row_id::integer]
                when grouped_events.table_name = 'suppliers' then array(
                    select product_suppliers.product_id from ${schema}.product_suppliers
                    where product_suppliers.supplier_id = grouped_events.row_id and product_suppliers.is_active
                    union
                    select products.id from ${schema}.products
                    where products.primary_supplier_id = grouped_events.row_id
                )
                when grouped_events.row_key ? 'product_id' then array[(grouped_events.row_key ->> 'product_id')::integer]
                else array[]::integer []
            end as product_ids,
            case
                -- a location and its supply partners: the locations it replenishes and that replenish it (lanes),
                -- and every upper echelon above it in the supply tree (their pooled demand includes it)
                when grouped_events.table_name = 'locations' then array(
                    select grouped_events.row_id::integer
                    union
                    select case when location_lanes.from_location_id = grouped_events.row_id
                                then location_lanes.to_location_id else location_lanes.from_location_id end
                    from ${schema}.location_lanes
                    where grouped_events.row_id in (location_lanes.from_location_id, location_lanes.to_location_id)
                    union
                    select location_ancestors.ancestor_location_id
                    from location_ancestors
                    where location_ancestors.location_id = grouped_events.row_id
                )
                when grouped_events.table_name = 'location_lanes' then array(
                    select ends.location_id
                    from pg_catalog.unnest(array[
                        (grouped_events.row_key ->> 'from_location_id')::integer,
                        (grouped_events.row_key ->> 'to_location_id')::integer
                    ]) as ends (location_id)
                    union
                    select location_ancestors.ancestor_location_id
                    from location_ancestors
                    where location_ancestors.location_id in ((grouped_events.row_key ->> 'from_location_id')::integer,
                                                             (grouped_events.row_key ->> 'to_location_id')::integer)
                )
                when grouped_events.row_key ? 'location_id' then array[(grouped_events.row_key ->> 'location_id')::integer]
                else array[]::integer []
            end as location_ids
        from grouped_events
        where grouped_events.run_severity in ('local', 'moderate')
    ),

    planned_events as (
        select
            grouped_events.id as event_id,
            case grouped_events.run_severity
                when 'none' then 'none'
                when 'client' then 'client'
                else concat_ws(':', grouped_events.run_severity, grouped_events.from_step_no, grouped_events.dimension)
            end as run_key,
            case grouped_events.run_severity
                when 'client' then (
                    select case when bool_or(effective_events.severity = 'gate') then 'gate' else 'cascade' end
                    from effective_events
                )
                else grouped_events.run_severity
            end as severity,
            case grouped_events.run_severity
                when 'none' then null
                when 'client' then (select cascade_start.from_step_no from cascade_start)
                else grouped_events.from_step_no
            end::smallint as from_step_no,
            case when grouped_events.run_severity = 'local' then grouped_events.from_step_no end::smallint
            as to_step_no,
            case when grouped_events.run_severity in ('local', 'moderate') then grouped_events.dimension end
            as dimension,
            scoped_ids.product_ids,
            scoped_ids.location_ids
        from grouped_events
        left join scoped_ids on scoped_ids.id = grouped_events.id
    )

    select * from planned_events
$$;
comment on function ${schema}.change_events_plan(bigint, date) is
'The re-runs the pending change events need (one row per event; events with the same run_key are one run): the '
'rule of each event (change_impact_rule); edits that cannot be scoped become cascades; the earliest cascade or gate '
'absorbs every local or moderate event from the same or a later step (run_key client); the other events group by '
'severity, first step and dimension (products, locations or pairs) and their product and location ids are unioned '
'into one scope. Suppliers scope the products they supply; locations scope themselves, their lane partners and the '
'upper echelons above them in the supply tree of p_run_date (default: the latest successful full run), whose pooled '
'targets include them. Read-only: process_change_events runs the plan.';

-- The supply network on a date (issue 14 point 4): for every active location and supplier, where the location gets
-- that supplier's products from: the supplier itself (purchase orders) or another location (transfers). Derived from
-- the history of purchase orders, receipts and replenishment transfers, the planner's supply_network_overrides
-- winning, parent_location_id as the fallback for a location without history. Rules: docs/recommendations.md.
create or replace function ${schema}.supply_network_as_of(p_run_date date, p_history_days integer)
returns table (
    location_id integer, supplier_id integer, source_location_id integer, basis text, evidence_date date
)
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    with window_start as (
        select p_run_date - p_history_days as first_date
    ),

    -- Purchase orders placed by the location, and receipts of purchase orders at it, within the window.
    purchased as (
        select purchase_orders.location_id, purchase_orders.supplier_id, purchase_orders.order_date as seen_date
        from ${schema}.purchase_orders
        cross join window_start
        where purchase_orders.status <> 'cancelled'
            and purchase_orders.order_date between window_start.first_date and p_run_date
        union all
        select receiving_orders.location_id, purchase_orders.supplier_id, receiving_orders.received_date
        from ${schema}.receiving_orders
        inner join ${schema}.purchase_orders on purchase_orders.id = receiving_orders.purchase_order_id
        cross join window_start
        where receiving_orders.received_date between window_start.first_date and p_run_date
    ),

    purchased_last as (
        select purchased.location_id, purchased.supplier_id, max(purchased.seen_date) as last_date
        from purchased
        group by purchased.location_id, purchased.supplier_id
    ),

    -- Replenishment transfers into the location (shipped or received within the window), and receipts of transfers.
    -- Closure returns and rebalancing moves say nothing about who supplies whom.
    transferred as (
        select transfer_orders.to_location_id as location_id, transfer_orders.from_location_id as source_location_id,
               transfer_orders.id as transfer_order_id, moved.seen_date
        from ${schema}.transfer_orders
        cross join lateral (
            select case when transfer_orders.received_date <= p_run_date then transfer_orders.received_date
                        else transfer_orders.ship_date end as seen_date
        ) as moved
        cross join window_start
        where transfer_orders.reason = 'replenishment' and transfer_orders.status is distinct from 'cancelled'
            and moved.seen_date between window_start.first_date and p_run_date
        union all
        select receiving_orders.location_id, transfer_orders.from_location_id, transfer_orders.id,
               receiving_orders.received_date
        from ${schema}.receiving_orders
        inner join ${schema}.transfer_orders on transfer_orders.id = receiving_orders.transfer_order_id
        cross join window_start
        where transfer_orders.reason = 'replenishment'
            and receiving_orders.received_date between window_start.first_date and p_run_date
    ),

    -- The location's main source: the one that sent the most transfers, the latest on a tie.
    main_source as (
        select distinct on (transferred.location_id)
            transferred.location_id, transferred.source_location_id, max(transferred.seen_date) as last_date
        from transferred
        group by transferred.location_id, transferred.source_location_id
        order by transferred.location_id, count(distinct transferred.transfer_order_id) desc,
                 max(transferred.seen_date) desc, transferred.source_location_id
    ),

    pairs as (
        select locations.id as location_id, locations.parent_location_id, suppliers.id as supplier_id
        from ${schema}.locations
        cross join ${schema}.suppliers
        where locations.is_active and suppliers.is_active
    ),

    final as (
        select pairs.location_id, pairs.supplier_id,
               case
                   when supplier_override.id is not null then supplier_override.source_location_id
                   when location_override.id is not null then location_override.source_location_id
                   when purchased_last.location_id is not null then null
                   when main_source.location_id is not null then main_source.source_location_id
                   else pairs.parent_location_id
               end as source_location_id,
               case
                   when supplier_override.id is not null then 'override'
                   when location_override.id is not null then 'location_override'
                   when purchased_last.location_id is not null then 'purchase_history'
                   when main_source.location_id is not null then 'transfer_history'
                   when pairs.parent_location_id is not null then 'parent_location'
                   else 'no_parent'
               end as basis,
               case
                   when supplier_override.id is not null or location_override.id is not null then null
                   when purchased_last.location_id is not null then purchased_last.last_date
                   else main_source.last_date
               end as evidence_date
        from pairs
        left join ${schema}.supply_network_overrides as supplier_override
            on supplier_override.location_id = pairs.location_id and supplier_override.supplier_id = pairs.supplier_id
        left join ${schema}.supply_network_overrides as location_override
            on location_override.location_id = pairs.location_id and location_override.supplier_id is null
        left join purchased_last
            on purchased_last.location_id = pairs.location_id and purchased_last.supplier_id = pairs.supplier_id
        left join main_source on main_source.location_id = pairs.location_id
    )

    select * from final;
$$;
comment on function ${schema}.supply_network_as_of(date, integer) is
'The supply network on p_run_date, from the history of the p_history_days before it (the setting '
'to_recommendations.network_history_days): one row per active location and active supplier saying where the '
'location gets that supplier''s products from: source_location_id by transfer, or null = it buys them from the '
'supplier. basis: override (supply_network_overrides row of the supplier), location_override (row for every '
'supplier), purchase_history (a purchase order or PO receipt of the supplier at the location within the window), '
'transfer_history (the location''s most frequent source of replenishment transfers in the window), parent_location '
'(no history: the ERP''s parent_location_id, e.g. a store that opens before its first delivery) or no_parent (buys '
'direct). evidence_date: the latest document of that history. Steps 10 and 11 read it, and step 8 through '
'supply_tree_as_of. docs/recommendations.md.';
grant execute on function ${schema}.supply_network_as_of(date, integer) to ${ui_role};

-- Step 11, the computation: every transfer-order recommendation of the run date, set-based, into the temp table
-- to_recommendations_computed (one row per product x sending x receiving location): replenishment from the supplying
-- location (fair share by need when it is short), rebalancing of excess stock between locations of the same source,
-- the initial fill of an opening store, the return of a closing store's stock and the consolidation of phased-out
-- products' stock. Rules: docs/recommendations.md.
create or replace procedure ${schema}.to_recommendations_compute(
    p_run_date date, p_product_ids integer [], p_location_ids integer []
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
set jit = off
as $$
declare
    v_settings       jsonb := ${schema}.settings('to_recommendations');
    v_excess_pct     numeric := (v_settings ->> 'rebalance_excess_pct')::numeric;
    v_opening_days   integer := (v_settings ->> 'opening_fill_days')::integer;
    v_closure_days   integer := (v_settings ->> 'closure_notice_days')::integer;
    v_margin_days    numeric := (v_settings ->> 'high_cover_margin_days')::numeric;
    v_stale_days     integer := (v_settings ->> 'stale_inventory_days')::integer;
    v_stale_factor   numeric := (v_settings ->> 'stale_inventory_factor')::numeric;
    v_transfer_days  numeric := (${schema}.settings('inventory_targets') ->> 'transfer_lead_time_days')::numeric;
    v_sales_days     integer := (v_settings ->> 'phase_out_sales_days')::integer;
    v_sell_days      integer := (v_settings ->> 'phase_out_sell_through_days')::integer;
    v_target_date    date;
    v_products       integer [] := p_product_ids;
begin
    select max(targets.snapshot_date) into v_target_date
    from ${schema}.inventory_targets as targets
    where targets.snapshot_date <= p_run_date;

    -- A location scope recomputes every product stocked or targeted there, at every location: a source's shortage is
    -- shared among all the locations it supplies, so one location's share depends on the others'.
    if v_products is null and p_location_ids is not null then
        select coalesce(array_agg(distinct scoped.product_id), '{}') into v_products
        from (select targets.product_id from ${schema}.inventory_targets as targets
              where targets.snapshot_date = v_target_date and targets.location_id = any (p_location_ids)
              union
              select balances.product_id from ${schema}.inventory_balances as balances
              where balances.location_id = any (p_location_ids)) as scoped;
    end if;

    drop table if exists pg_temp.to_recommendations_computed, pg_temp.to_recommendation_network,
        pg_temp.to_recommendation_stock, pg_temp.to_recommendation_pairs, pg_temp.to_recommendation_supply,
        pg_temp.to_recommendation_phase_out;
    create temp table to_recommendations_computed (
        product_id integer not null,
        from_location_id integer not null,
        to_location_id integer not null,
        recommended_qty numeric(14, 3) not null,
        requested_qty numeric(14, 3) not null,
        to_recommendation_reason_id smallint not null,
        po_recommendation_priority_id smallint not null,
        priority_reasons text not null,
        confidence numeric(4, 3) not null,
        confidence_reasons text not null,
        to_on_hand_qty numeric(14, 3) not null,
        to_in_transit_qty numeric(14, 3) not null,
        to_on_order_qty numeric(14, 3) not null,
        to_reserved_qty numeric(14, 3) not null,
        to_position_qty numeric(14, 3) not null,
        to_reorder_point numeric(14, 3),
        to_target_stock numeric(14, 3),
        from_available_qty numeric(14, 3) not null,
        from_spare_qty numeric(14, 3) not null,
        demand_per_day numeric(14, 4),
        cover_days numeric(10, 1),
        transit_days numeric(8, 2),
        pack_size_qty numeric(12, 3) not null,
        primary key (product_id, from_location_id, to_location_id)
    ) on commit drop;

    -- Where each location gets each supplier's products from (only the transfer lanes).
    create temp table to_recommendation_network on commit drop as
    select network.location_id, network.supplier_id, network.source_location_id
    from ${schema}.supply_network_as_of(p_run_date, (v_settings ->> 'network_history_days')::integer) as network
    where network.source_location_id is not null;

    -- Stock of the run date at every location: usable on hand (blocked excluded), reserved, in transit to it, on
    -- order to it (open purchase orders, and store-order units its source allocated but has not shipped yet).
    create temp table to_recommendation_stock on commit drop as
    with balances as (
        select balances.product_id, balances.location_id, balances.balance_date,
               balances.qty_all - balances.qty_blocked as on_hand_qty, balances.qty_reserved as reserved_qty
        from ${schema}.inventory_as_of(p_run_date) as balances
        where v_products is null or balances.product_id = any (v_products)
    ),

    in_transit as (
        select transfer_orders.to_location_id as location_id, lines.product_id,
               sum(greatest(coalesce(lines.qty_shipped, 0) - coalesce(lines.qty_received, 0), 0)) as in_transit_qty
        from ${schema}.transfer_orders
        inner join ${schema}.transfer_order_lines as lines on lines.transfer_order_id = transfer_orders.id
        where transfer_orders.status in ('open', 'shipped') and transfer_orders.received_date is null
            and transfer_orders.ship_date <= p_run_date and lines.is_active
            and (v_products is null or lines.product_id = any (v_products))
        group by transfer_orders.to_location_id, lines.product_id
    ),

    on_order as (
        select purchase_orders.location_id, lines.product_id,
               greatest(coalesce(lines.qty_confirmed, lines.qty_ordered) - coalesce(lines.qty_delivered, 0), 0)
               as on_order_qty
        from ${schema}.purchase_orders
        inner join ${schema}.purchase_order_lines as lines on lines.purchase_order_id = purchase_orders.id
        where purchase_orders.status in ('open', 'confirmed', 'partially_received')
            and purchase_orders.order_date <= p_run_date and lines.is_active
            and (v_products is null or lines.product_id = any (v_products))
        union all
        select store_orders.location_id, lines.product_id, lines.qty_allocated
        from ${schema}.store_orders
        inner join ${schema}.store_order_lines as lines on lines.store_order_id = store_orders.id
        -- store orders of the last 14 days: one ships within days, an older unshipped allocation is stale
        where store_orders.order_date between p_run_date - 14 and p_run_date and lines.is_active
            and lines.qty_allocated > 0
            and (v_products is null or lines.product_id = any (v_products))
            and not exists (select from ${schema}.transfer_orders
                            where transfer_orders.store_order_id = store_orders.id
                                and transfer_orders.ship_date <= p_run_date)
    ),

    on_order_summed as (
        select on_order.location_id, on_order.product_id, sum(on_order.on_order_qty) as on_order_qty
        from on_order
        group by on_order.location_id, on_order.product_id
    ),

    keys as (
        select balances.product_id, balances.location_id from balances
        union
        select in_transit.product_id, in_transit.location_id from in_transit
        union
        select on_order_summed.product_id, on_order_summed.location_id from on_order_summed
    ),

    final as (
        select keys.product_id, keys.location_id, balances.balance_date,
               greatest(coalesce(balances.on_hand_qty, 0), 0) as on_hand_qty,
               greatest(coalesce(balances.reserved_qty, 0), 0) as reserved_qty,
               coalesce(in_transit.in_transit_qty, 0) as in_transit_qty,
               coalesce(on_order_summed.on_order_qty, 0) as on_order_qty
        from keys
        left join balances on balances.product_id = keys.product_id and balances.location_id = keys.location_id
        left join in_transit
            on in_transit.product_id = keys.product_id and in_transit.location_id = keys.location_id
        left join on_order_summed
            on on_order_summed.product_id = keys.product_id and on_order_summed.location_id = keys.location_id
    )

    select * from final;
    create index on to_recommendation_stock (product_id, location_id);
    analyze to_recommendation_stock;

    -- Every pair with a regular target of step 8 at an open (or soon opening), enabled location that another enabled
    -- location supplies (supply network; parent_location_id for a product without supplier), on an enabled lane.
    -- NOT-STOCK and discontinued products and zero targets get no transfer.
    create temp table to_recommendation_pairs on commit drop as
    with targets as (
        select targets.id, targets.product_id, targets.location_id, targets.target_stock, targets.reorder_point
        from ${schema}.inventory_targets as targets
        where targets.snapshot_date = v_target_date
            and targets.zero_reason is null and targets.target_stock > 0
            and (v_products is null or targets.product_id = any (v_products))
    ),

    final as (
        select targets.product_id, targets.location_id,
               coalesce(network.source_location_id,
                        case when products.primary_supplier_id is null then locations.parent_location_id end)
               as source_location_id,
               locations.erp_id as location_erp_id, locations.open_date,
               coalesce(locations.open_date > p_run_date, false) as is_opening,
               targets.target_stock, targets.reorder_point,
               -- the transfer lead time as step 8 takes it for a store: the planner's lane transit time, else the
               -- inventory_targets setting (a DC's target holds its supplier's lead time, not the transfer's)
               coalesce((select lanes.transit_days_override from ${schema}.location_lanes as lanes
                         where lanes.to_location_id = targets.location_id
                             and lanes.from_location_id
                             = coalesce(network.source_location_id, locations.parent_location_id)),
                        v_transfer_days) as transit_days,
               (select params.param_value from ${schema}.inventory_target_params as params
                where params.inventory_target_id = targets.id and params.param_name = 'demand_per_day')::numeric
               as demand_per_day,
               greatest(coalesce(products.pack_size_qty, 1), 0.001) as pack_size_qty,
               stock.balance_date,
               coalesce(stock.on_hand_qty, 0) as on_hand_qty,
               coalesce(stock.in_transit_qty, 0) as in_transit_qty,
               coalesce(stock.on_order_qty, 0) as on_order_qty,
               coalesce(stock.reserved_qty, 0) as reserved_qty,
               coalesce(stock.on_hand_qty, 0) + coalesce(stock.in_transit_qty, 0) + coalesce(stock.on_order_qty, 0)
               - coalesce(stock.reserved_qty, 0) as position_qty,
               null::bigint as sibling_count
        from targets
        inner join ${schema}.products on products.id = targets.product_id
        inner join ${schema}.locations on locations.id = targets.location_id
        left join to_recommendation_network as network
            on network.location_id = targets.location_id and network.supplier_id = products.primary_supplier_id
        left join to_recommendation_stock as stock
            on stock.product_id = targets.product_id and stock.location_id = targets.location_id
        where products.assortment_override is distinct from 'NOT-STOCK'
            and not products.is_discontinued
            and locations.is_enabled and locations.is_active
            and (locations.close_date is null or locations.close_date > p_run_date + v_closure_days)
            and (locations.open_date is null or locations.open_date <= p_run_date + v_opening_days)
    )

    select final.*
    from final
    inner join ${schema}.locations as sources on sources.id = final.source_location_id
    left join ${schema}.location_lanes as lanes
        on lanes.from_location_id = final.source_location_id and lanes.to_location_id = final.location_id
    where sources.is_enabled and sources.is_active and coalesce(lanes.is_enabled, true);
    -- A store opening within opening_fill_days without any target of its own yet (no sales, so no forecast and no
    -- step 8 target): the products that at least half of the locations supplied by its source stock, with the median
    -- of their targets, reorder points, lead times and demand per day (its initial fill, like a new store planned
    -- from comparable ones).
    insert into to_recommendation_pairs
    with opening as (
        select locations.id, locations.erp_id, locations.open_date, locations.parent_location_id
        from ${schema}.locations
        where locations.open_date > p_run_date and locations.open_date <= p_run_date + v_opening_days
            and locations.is_enabled and locations.is_active
            and not exists (select from to_recommendation_pairs as own where own.location_id = locations.id)
            and not exists (select from ${schema}.inventory_targets as targets
                            where targets.snapshot_date = v_target_date and targets.location_id = locations.id
                                and targets.zero_reason is null and targets.target_stock > 0)
    ),

    siblings as (
        select pairs.source_location_id, count(distinct pairs.location_id) as location_count
        from to_recommendation_pairs as pairs
        where not pairs.is_opening
        group by pairs.source_location_id
    ),

    candidates as (
        select pairs.product_id, opening.id as location_id, pairs.source_location_id,
               opening.erp_id as location_erp_id, opening.open_date,
               count(*) as sibling_count,
               percentile_cont(0.5) within group (order by pairs.target_stock)::numeric as target_stock,
               percentile_cont(0.5) within group (order by pairs.reorder_point)::numeric as reorder_point,
               percentile_cont(0.5) within group (order by pairs.transit_days)::numeric as transit_days,
               percentile_cont(0.5) within group (order by pairs.demand_per_day)::numeric as demand_per_day,
               max(pairs.pack_size_qty) as pack_size_qty
        from opening
        cross join to_recommendation_pairs as pairs
        inner join ${schema}.products on products.id = pairs.product_id
        left join to_recommendation_network as network
            on network.location_id = opening.id and network.supplier_id = products.primary_supplier_id
        where not pairs.is_opening
            and pairs.source_location_id
            = coalesce(network.source_location_id,
                       case when products.primary_supplier_id is null then opening.parent_location_id end)
        group by pairs.product_id, opening.id, pairs.source_location_id, opening.erp_id, opening.open_date
    ),

    final as (
        select candidates.product_id, candidates.location_id, candidates.source_location_id,
               candidates.location_erp_id, candidates.open_date, true as is_opening,
               round(candidates.target_stock, 3) as target_stock, round(candidates.reorder_point, 3) as reorder_point,
               candidates.transit_days, candidates.demand_per_day, candidates.pack_size_qty, stock.balance_date,
               coalesce(stock.on_hand_qty, 0) as on_hand_qty,
               coalesce(stock.in_transit_qty, 0) as in_transit_qty,
               coalesce(stock.on_order_qty, 0) as on_order_qty,
               coalesce(stock.reserved_qty, 0) as reserved_qty,
               coalesce(stock.on_hand_qty, 0) + coalesce(stock.in_transit_qty, 0) + coalesce(stock.on_order_qty, 0)
               - coalesce(stock.reserved_qty, 0) as position_qty,
               candidates.sibling_count
        from candidates
        inner join siblings on siblings.source_location_id = candidates.source_location_id
        left join to_recommendation_stock as stock
            on stock.product_id = candidates.product_id and stock.location_id = candidates.location_id
        where candidates.sibling_count * 2 >= siblings.location_count and candidates.target_stock > 0
    )

    select * from final;
    create index on to_recommendation_pairs (product_id, source_location_id);
    analyze to_recommendation_pairs;

    -- Replenishment and opening fill: what each receiver requests (up to its target, in whole packs), what its source
    -- can spare, and the allocation: everything when the source has enough, else a fair share by need (each receiver
    -- gets spare x its request / all requests, rounded down to whole packs; the packs left over go one each to the
    -- largest remainders, then to the lowest cover).
    create temp table to_recommendation_supply on commit drop as
    with requests as (
        select pairs.*,
               ceil(round((pairs.target_stock - pairs.position_qty) / pairs.pack_size_qty, 6)) * pairs.pack_size_qty
               as requested_qty,
               round(least(pairs.position_qty / nullif(pairs.demand_per_day, 0), 99999), 1) as cover_days
        from to_recommendation_pairs as pairs
        where pairs.position_qty < pairs.target_stock
            and (pairs.is_opening or pairs.position_qty <= pairs.reorder_point)
    ),

    sources as (
        select distinct requests.product_id, requests.source_location_id,
               sources.erp_id as source_erp_id, sources.location_type as source_type,
               stock.balance_date as source_balance_date,
               greatest(coalesce(stock.on_hand_qty, 0) - coalesce(stock.reserved_qty, 0), 0) as available_qty,
               source_targets.reorder_point as source_reorder_point,
               source_targets.transit_days as source_lead_time_days
        from requests
        inner join ${schema}.locations as sources on sources.id = requests.source_location_id
        left join to_recommendation_stock as stock
            on stock.product_id = requests.product_id and stock.location_id = requests.source_location_id
        left join lateral (
            select targets.reorder_point,
                   (select params.param_value from ${schema}.inventory_target_params as params
                    where params.inventory_target_id = targets.id and params.param_name = 'lead_time_days')::numeric
                   as transit_days
            from ${schema}.inventory_targets as targets
            where targets.snapshot_date = v_target_date and targets.product_id = requests.product_id
                and targets.location_id = requests.source_location_id
        ) as source_targets on true
    ),

    -- A DC, warehouse or central stock exists to supply: all of its available stock can go. A store or webshop that
    -- supplies others keeps its own reorder point.
    spare as (
        select sources.*,
               case when sources.source_type in ('dc', 'warehouse', 'central') then sources.available_qty
                    else greatest(sources.available_qty - coalesce(sources.source_reorder_point, 0), 0)
               end as spare_qty
        from sources
    ),

    shared as (
        select requests.*, spare.source_erp_id, spare.source_balance_date, spare.available_qty, spare.spare_qty,
               spare.source_lead_time_days,
               sum(requests.requested_qty) over (partition by requests.product_id, requests.source_location_id)
               as total_requested_qty
        from requests
        inner join spare
            on spare.product_id = requests.product_id and spare.source_location_id = requests.source_location_id
    ),

    fair as (
        select shared.*,
               shared.total_requested_qty > shared.spare_qty as is_short,
               case when shared.total_requested_qty <= shared.spare_qty then shared.requested_qty
                    else floor(round(shared.spare_qty * shared.requested_qty / shared.total_requested_qty
                                     / shared.pack_size_qty, 6)) * shared.pack_size_qty
               end as base_qty
        from shared
    ),

    remainders as (
        select fair.*,
               case when fair.is_short
                        then fair.spare_qty * fair.requested_qty / fair.total_requested_qty - fair.base_qty
                    else 0 end as remainder_qty,
               fair.spare_qty - sum(fair.base_qty) over (partition by fair.product_id, fair.source_location_id)
               as leftover_qty
        from fair
    ),

    turns as (
        select remainders.*,
               row_number() over (partition by remainders.product_id, remainders.source_location_id
                                  order by remainders.remainder_qty desc, remainders.cover_days asc nulls last,
                                           remainders.location_id) as turn
        from remainders
    ),

    final as (
        select turns.*,
               turns.base_qty
               + case when turns.is_short and turns.remainder_qty > 0
                          and turns.turn * turns.pack_size_qty <= turns.leftover_qty
                          then turns.pack_size_qty else 0 end as allocated_qty
        from turns
    )

    select * from final;

    -- Phase-out consolidation: a product that is effectively NOT-STOCK at a store or webshop (phased out or retired by
    -- step 9, or the client's or planner's NOT-STOCK) whose usable stock is spread over two or more customer-facing
    -- locations of the same source. Each such location keeps what it sells within phase_out_sell_through_days at its
    -- own rate of the last phase_out_sales_days; the rest, in whole packs, goes to the sibling that still sells it
    -- best (STOCK there, a regular target, the most units sold in the window) up to that sibling's room below the
    -- rebalancing excess line (target x (1 + rebalance_excess_pct / 100), after today's replenishment), and what
    -- does not fit back to the source (the DC or warehouse). Never to a NOT-STOCK location.
    create temp table to_recommendation_phase_out on commit drop as
    with not_stocked as (
        select status.product_id, status.location_id, status.status_source, rows.phase_out_since_date,
               reasons.name as assortment_reason
        from ${schema}.assortment_effective_status(p_run_date, true) as status
        left join ${schema}.assortment_products as rows on rows.id = status.assortment_product_id
        left join ${schema}.assortment_reasons as reasons on reasons.id = rows.assortment_reason_id
        where v_products is null or status.product_id = any (v_products)
    ),

    sold as (
        select history.product_id, history.location_id, sum(history.quantity) as sold_qty
        from ${schema}.demand_history as history
        where history.demand_date > p_run_date - v_sales_days and history.demand_date <= p_run_date
            and (v_products is null or history.product_id = any (v_products))
        group by history.product_id, history.location_id
    ),

    holders as (
        select stock.product_id, stock.location_id, locations.erp_id as location_erp_id, stock.balance_date,
               greatest(stock.on_hand_qty - stock.reserved_qty, 0) as usable_qty,
               greatest(coalesce(products.pack_size_qty, 1), 0.001) as pack_size_qty,
               coalesce(network.source_location_id, locations.parent_location_id) as source_location_id,
               coalesce(sold.sold_qty, 0) as sold_qty,
               not_stocked.product_id is not null as is_not_stocked,
               not_stocked.status_source, not_stocked.assortment_reason, not_stocked.phase_out_since_date
        from to_recommendation_stock as stock
        inner join ${schema}.locations on locations.id = stock.location_id
        inner join ${schema}.products on products.id = stock.product_id
        left join to_recommendation_network as network
            on network.location_id = stock.location_id and network.supplier_id = products.primary_supplier_id
        left join not_stocked
            on not_stocked.product_id = stock.product_id and not_stocked.location_id = stock.location_id
        left join sold on sold.product_id = stock.product_id and sold.location_id = stock.location_id
        where locations.echelon = 1 and locations.is_enabled and locations.is_active
            and (locations.open_date is null or locations.open_date <= p_run_date)
            and (locations.close_date is null or locations.close_date > p_run_date + v_closure_days)
            and stock.on_hand_qty - stock.reserved_qty > 0
    ),

    -- products whose usable stock sits at two or more locations of one source, one of them phasing it out
    spread as (
        select holders.product_id, holders.source_location_id, count(*) as holder_count
        from holders
        where holders.source_location_id is not null
        group by holders.product_id, holders.source_location_id
        having count(*) >= 2 and bool_or(holders.is_not_stocked)
    ),

    senders as (
        select holders.*, spread.holder_count,
               floor(round(greatest(holders.usable_qty
                                    - ceil(holders.sold_qty::numeric / v_sales_days * v_sell_days), 0)
                           / holders.pack_size_qty, 6)) * holders.pack_size_qty as movable_qty
        from holders
        inner join spread
            on spread.product_id = holders.product_id and spread.source_location_id = holders.source_location_id
        where holders.is_not_stocked
            -- a pair that still has a regular target (step 8 ran before step 9 flagged it) follows (a)-(b) today
            and not exists (select from to_recommendation_pairs as pairs
                            where pairs.product_id = holders.product_id and pairs.location_id = holders.location_id)
    ),

    -- the sibling that still sells the product best: STOCK there, a regular target, not opening, sold in the window
    destinations as (
        select distinct on (pairs.product_id, pairs.source_location_id)
               pairs.product_id, pairs.source_location_id, pairs.location_id, pairs.location_erp_id,
               pairs.balance_date, pairs.on_hand_qty, pairs.in_transit_qty, pairs.on_order_qty, pairs.reserved_qty,
               pairs.position_qty, pairs.reorder_point, pairs.target_stock, pairs.demand_per_day, pairs.transit_days,
               sold.sold_qty,
               greatest(floor(round((pairs.target_stock * (1 + v_excess_pct / 100) - pairs.position_qty
                                     - coalesce(supply.allocated_qty, 0)) / pairs.pack_size_qty, 6))
                        * pairs.pack_size_qty, 0) as room_qty
        from to_recommendation_pairs as pairs
        inner join sold on sold.product_id = pairs.product_id and sold.location_id = pairs.location_id
        inner join (select distinct senders.product_id, senders.source_location_id from senders) as wanted
            on wanted.product_id = pairs.product_id and wanted.source_location_id = pairs.source_location_id
        inner join ${schema}.locations on locations.id = pairs.location_id
        left join to_recommendation_supply as supply
            on supply.product_id = pairs.product_id and supply.location_id = pairs.location_id
        where not pairs.is_opening and sold.sold_qty > 0 and locations.echelon = 1
            and not exists (select from not_stocked
                            where not_stocked.product_id = pairs.product_id
                                and not_stocked.location_id = pairs.location_id)
        order by pairs.product_id, pairs.source_location_id, sold.sold_qty desc, pairs.location_id
    ),

    -- senders laid end to end (largest movable stock first) against the destination's room
    ranged as (
        select senders.*,
               sum(senders.movable_qty) over (partition by senders.product_id, senders.source_location_id
                                              order by senders.movable_qty desc, senders.location_id
                                              rows unbounded preceding) - senders.movable_qty as start_qty
        from senders
        where senders.movable_qty > 0
    ),

    split as (
        select ranged.*, destinations.location_id as destination_id,
               least(greatest(coalesce(destinations.room_qty, 0) - ranged.start_qty, 0), ranged.movable_qty)
               as to_destination_qty
        from ranged
        left join destinations
            on destinations.product_id = ranged.product_id
            and destinations.source_location_id = ranged.source_location_id
    ),

    moves as (
        select split.*, split.destination_id as receiver_id, split.to_destination_qty as qty, false as is_to_source
        from split
        where split.to_destination_qty > 0
        union all
        select split.*, split.source_location_id, split.movable_qty - split.to_destination_qty, true
        from split
        where split.movable_qty > split.to_destination_qty
    ),

    final as (
        select moves.product_id, moves.location_id as from_location_id, moves.receiver_id as to_location_id,
               moves.qty, moves.movable_qty, moves.is_to_source, moves.usable_qty, moves.pack_size_qty,
               moves.balance_date as sender_balance_date, moves.holder_count, moves.sold_qty,
               moves.location_erp_id as sender_erp_id, moves.status_source, moves.assortment_reason,
               moves.phase_out_since_date,
               receivers.erp_id as receiver_erp_id,
               coalesce(destinations.sold_qty, 0) as receiver_sold_qty,
               coalesce(receiver_stock.balance_date, destinations.balance_date) as receiver_balance_date,
               coalesce(receiver_stock.on_hand_qty, 0) as on_hand_qty,
               coalesce(receiver_stock.in_transit_qty, 0) as in_transit_qty,
               coalesce(receiver_stock.on_order_qty, 0) as on_order_qty,
               coalesce(receiver_stock.reserved_qty, 0) as reserved_qty,
               coalesce(receiver_stock.on_hand_qty, 0) + coalesce(receiver_stock.in_transit_qty, 0)
               + coalesce(receiver_stock.on_order_qty, 0) - coalesce(receiver_stock.reserved_qty, 0) as position_qty,
               case when not moves.is_to_source then destinations.reorder_point end as reorder_point,
               case when not moves.is_to_source then destinations.target_stock end as target_stock,
               case when not moves.is_to_source then destinations.demand_per_day end as demand_per_day,
               coalesce((select lanes.transit_days_override from ${schema}.location_lanes as lanes
                         where lanes.from_location_id = moves.location_id and lanes.to_location_id = moves.receiver_id),
                        v_transfer_days) as transit_days
        from moves
        inner join ${schema}.locations as receivers on receivers.id = moves.receiver_id
        left join destinations
            on destinations.product_id = moves.product_id
            and destinations.source_location_id = moves.source_location_id
            and destinations.location_id = moves.receiver_id
        left join to_recommendation_stock as receiver_stock
            on receiver_stock.product_id = moves.product_id and receiver_stock.location_id = moves.receiver_id
        left join ${schema}.location_lanes as lanes
            on lanes.from_location_id = moves.location_id and lanes.to_location_id = moves.receiver_id
        where receivers.is_enabled and receivers.is_active and coalesce(lanes.is_enabled, true)
    )

    select * from final;

    insert into to_recommendations_computed
    with replenishment as (
        select supply.product_id, supply.source_location_id as from_location_id, supply.location_id as to_location_id,
               supply.allocated_qty as recommended_qty, supply.requested_qty,
               case when supply.is_opening then 'store_opening' else 'replenishment' end as reason_name,
               supply.location_id as receiver_id, supply.balance_date as receiver_balance_date,
               supply.source_balance_date as sender_balance_date,
               supply.on_hand_qty, supply.in_transit_qty, supply.on_order_qty, supply.reserved_qty,
               supply.position_qty, supply.reorder_point, supply.target_stock, supply.available_qty,
               supply.spare_qty, supply.demand_per_day, supply.cover_days, supply.transit_days, supply.pack_size_qty,
               supply.is_opening, supply.open_date as event_date, supply.sibling_count,
               case when supply.is_short
                        then format('%s can spare %s of the %s its locations request (fair share by need)',
                                    supply.source_erp_id, trim_scale(supply.spare_qty),
                                    trim_scale(supply.total_requested_qty)) end as supply_note
        from to_recommendation_supply as supply
        where supply.allocated_qty > 0
    ),

    -- Rebalancing: the part of a receiver's request its source cannot ship, taken from siblings (same source, same
    -- product) holding more than target x (1 + rebalance_excess_pct / 100); a sender gives only units above its
    -- target, in whole packs, from stock it has (not in transit). Only when waiting is worse: the receiver's stock
    -- (with what its source ships) runs out before the source can be restocked (the source's own lead time; always
    -- when the source has no target of its own).
    receivers as (
        select supply.*, supply.requested_qty - supply.allocated_qty as unfilled_qty,
               round(least((supply.position_qty + supply.allocated_qty) / nullif(supply.demand_per_day, 0), 99999), 1)
               as cover_after_days
        from to_recommendation_supply as supply
        where supply.requested_qty > supply.allocated_qty and not supply.is_opening
            and supply.demand_per_day > 0
            and ((supply.position_qty + supply.allocated_qty) / supply.demand_per_day
                 < coalesce(supply.source_lead_time_days, 'infinity'::numeric))
    ),

    senders as (
        select pairs.*, greatest(pairs.on_hand_qty - pairs.reserved_qty, 0) as available_qty,
               floor(round(least(pairs.position_qty - pairs.target_stock, pairs.on_hand_qty - pairs.reserved_qty)
                           / pairs.pack_size_qty, 6)) * pairs.pack_size_qty as excess_qty
        from to_recommendation_pairs as pairs
        -- only where a sibling is short (a hash join: the CTE has no index for a correlated look-up)
        inner join (select distinct receivers.product_id, receivers.source_location_id from receivers) as short
            on short.product_id = pairs.product_id and short.source_location_id = pairs.source_location_id
        where not pairs.is_opening
            and pairs.position_qty > pairs.target_stock * (1 + v_excess_pct / 100)
    ),

    sender_ranges as (
        select senders.*,
               sum(senders.excess_qty) over (partition by senders.product_id, senders.source_location_id
                                             order by senders.excess_qty desc, senders.location_id
                                             rows unbounded preceding) - senders.excess_qty as start_qty
        from senders
        where senders.excess_qty > 0
    ),

    receiver_ranges as (
        select receivers.*,
               sum(receivers.unfilled_qty) over (partition by receivers.product_id, receivers.source_location_id
                                                 order by receivers.cover_after_days, receivers.location_id
                                                 rows unbounded preceding) - receivers.unfilled_qty as start_qty
        from receivers
    ),

    rebalance as (
        select receiver_ranges.product_id, sender_ranges.location_id as from_location_id,
               receiver_ranges.location_id as to_location_id,
               least(sender_ranges.start_qty + sender_ranges.excess_qty,
                     receiver_ranges.start_qty + receiver_ranges.unfilled_qty)
               - greatest(sender_ranges.start_qty, receiver_ranges.start_qty) as recommended_qty,
               receiver_ranges.unfilled_qty as requested_qty, 'rebalance_excess' as reason_name,
               receiver_ranges.location_id as receiver_id, receiver_ranges.balance_date as receiver_balance_date,
               sender_ranges.balance_date as sender_balance_date,
               receiver_ranges.on_hand_qty, receiver_ranges.in_transit_qty, receiver_ranges.on_order_qty,
               receiver_ranges.reserved_qty, receiver_ranges.position_qty, receiver_ranges.reorder_point,
               receiver_ranges.target_stock, sender_ranges.available_qty, sender_ranges.excess_qty as spare_qty,
               receiver_ranges.demand_per_day, receiver_ranges.cover_days, receiver_ranges.transit_days,
               receiver_ranges.pack_size_qty, false as is_opening, receiver_ranges.open_date as event_date,
               null::bigint as sibling_count,
               format('%s holds %s above its target %s (more than %s %% over); %s can ship %s of the %s requested and '
                      'needs %s days to be restocked',
                      sender_ranges.location_erp_id,
                      trim_scale(sender_ranges.position_qty - sender_ranges.target_stock),
                      trim_scale(sender_ranges.target_stock), trim_scale(v_excess_pct),
                      receiver_ranges.source_erp_id, trim_scale(receiver_ranges.allocated_qty),
                      trim_scale(receiver_ranges.requested_qty),
                      coalesce(trim_scale(round(receiver_ranges.source_lead_time_days, 1))::text, 'unknown'))
               as supply_note
        from receiver_ranges
        inner join sender_ranges
            on sender_ranges.product_id = receiver_ranges.product_id
            and sender_ranges.source_location_id = receiver_ranges.source_location_id
            and sender_ranges.location_id <> receiver_ranges.location_id
        where least(sender_ranges.start_qty + sender_ranges.excess_qty,
                    receiver_ranges.start_qty + receiver_ranges.unfilled_qty)
            > greatest(sender_ranges.start_qty, receiver_ranges.start_qty)
    ),

    -- Closure: from closure_notice_days before its closing date (and after it while stock is left) a location sends
    -- every usable unit of every product back to where it gets the product from (supply network, else its parent).
    closure as (
        select stock.product_id, stock.location_id as from_location_id,
               coalesce(network.source_location_id, closing.parent_location_id) as to_location_id,
               stock.on_hand_qty - stock.reserved_qty as recommended_qty,
               stock.on_hand_qty - stock.reserved_qty as requested_qty, 'store_closure' as reason_name,
               coalesce(network.source_location_id, closing.parent_location_id) as receiver_id,
               receiver_stock.balance_date as receiver_balance_date, stock.balance_date as sender_balance_date,
               coalesce(receiver_stock.on_hand_qty, 0) as on_hand_qty,
               coalesce(receiver_stock.in_transit_qty, 0) as in_transit_qty,
               coalesce(receiver_stock.on_order_qty, 0) as on_order_qty,
               coalesce(receiver_stock.reserved_qty, 0) as reserved_qty,
               coalesce(receiver_stock.on_hand_qty, 0) + coalesce(receiver_stock.in_transit_qty, 0)
               + coalesce(receiver_stock.on_order_qty, 0) - coalesce(receiver_stock.reserved_qty, 0) as position_qty,
               null::numeric as reorder_point, null::numeric as target_stock,
               stock.on_hand_qty - stock.reserved_qty as available_qty,
               stock.on_hand_qty - stock.reserved_qty as spare_qty,
               null::numeric as demand_per_day, null::numeric as cover_days, null::numeric as transit_days,
               1::numeric as pack_size_qty, false as is_opening, closing.close_date as event_date,
               null::bigint as sibling_count,
               format('%s closes on %s (%s): its %s usable units go back to %s', closing.erp_id, closing.close_date,
                      case when closing.close_date > p_run_date
                               then format('in %s days', closing.close_date - p_run_date)
                           when closing.close_date = p_run_date then 'today'
                           else format('%s days ago', p_run_date - closing.close_date) end,
                      trim_scale(stock.on_hand_qty - stock.reserved_qty), receivers.erp_id) as supply_note
        from to_recommendation_stock as stock
        inner join ${schema}.locations as closing on closing.id = stock.location_id
        inner join ${schema}.products on products.id = stock.product_id
        left join to_recommendation_network as network
            on network.location_id = closing.id and network.supplier_id = products.primary_supplier_id
        inner join ${schema}.locations as receivers
            on receivers.id = coalesce(network.source_location_id, closing.parent_location_id)
        left join to_recommendation_stock as receiver_stock
            on receiver_stock.product_id = stock.product_id and receiver_stock.location_id = receivers.id
        where closing.close_date is not null and p_run_date >= closing.close_date - v_closure_days
            and stock.on_hand_qty - stock.reserved_qty > 0
    ),

    consolidation as (
        select phase_out.product_id, phase_out.from_location_id, phase_out.to_location_id,
               phase_out.qty as recommended_qty, phase_out.movable_qty as requested_qty,
               'phase_out_consolidation' as reason_name, phase_out.to_location_id as receiver_id,
               phase_out.receiver_balance_date, phase_out.sender_balance_date,
               phase_out.on_hand_qty, phase_out.in_transit_qty, phase_out.on_order_qty, phase_out.reserved_qty,
               phase_out.position_qty, phase_out.reorder_point, phase_out.target_stock,
               phase_out.usable_qty as available_qty, phase_out.movable_qty as spare_qty,
               phase_out.demand_per_day, null::numeric as cover_days, phase_out.transit_days,
               phase_out.pack_size_qty, false as is_opening, phase_out.phase_out_since_date as event_date,
               null::bigint as sibling_count,
               format('%s is NOT-STOCK at %s (%s); %s of its %s usable units would not sell within %s days there '
                      '(sold %s in the last %s days) and %s locations of the same source hold it: %s',
                      products.erp_id, phase_out.sender_erp_id,
                      case phase_out.status_source
                          when 'product_override' then 'the planner''s product override'
                          when 'local_client' then 'the client''s status for the location'
                          when 'global_client' then 'the client''s status for the whole range'
                          else coalesce(replace(phase_out.assortment_reason, '_', ' '), 'assortment')
                               || coalesce(' since ' || phase_out.phase_out_since_date, '') end,
                      trim_scale(phase_out.movable_qty), trim_scale(phase_out.usable_qty), v_sell_days,
                      trim_scale(phase_out.sold_qty), v_sales_days, phase_out.holder_count,
                      case when phase_out.is_to_source
                               then format('%s back to %s (%s)', trim_scale(phase_out.qty), phase_out.receiver_erp_id,
                                           case when phase_out.movable_qty > phase_out.qty
                                                    then 'what the best-selling sibling has no room for'
                                                else 'no sibling that stocks it sold it in the window' end)
                           else format('%s to %s, which sold %s in the same days (the most of the siblings that '
                                       'stock it), up to its room below %s %% over its target %s',
                                       trim_scale(phase_out.qty), phase_out.receiver_erp_id,
                                       trim_scale(phase_out.receiver_sold_qty), trim_scale(v_excess_pct),
                                       trim_scale(phase_out.target_stock)) end) as supply_note,
               phase_out.is_to_source
        from to_recommendation_phase_out as phase_out
        inner join ${schema}.products on products.id = phase_out.product_id
    ),

    proposals as (
        select replenishment.*, false as is_to_source from replenishment
        union all
        select rebalance.*, false from rebalance
        union all
        select closure.*, false from closure
        union all
        select * from consolidation
    ),

    classed as (
        select proposals.*,
               coalesce(
                   (select abc_classes.code from ${schema}.product_location_behaviors as behaviors
                    inner join ${schema}.abc_classes on abc_classes.id = behaviors.abc_class_id
                    where behaviors.product_id = proposals.product_id and behaviors.location_id = proposals.receiver_id
                        and behaviors.snapshot_date <= p_run_date
                    order by behaviors.snapshot_date desc limit 1),
                   (select abc_classes.code from ${schema}.product_behaviors as behaviors
                    inner join ${schema}.abc_classes on abc_classes.id = behaviors.abc_class_id
                    where behaviors.product_id = proposals.product_id and behaviors.snapshot_date <= p_run_date
                    order by behaviors.snapshot_date desc limit 1)
               ) as abc,
               proposals.on_hand_qty - proposals.reserved_qty <= 0 as is_out_of_stock
        from proposals
    ),

    prioritised as (
        select classed.*,
               case
                   when classed.reason_name = 'store_closure'
                       then case when classed.event_date <= p_run_date then 'critical' else 'high' end
                   when classed.reason_name = 'store_opening'
                       then case when classed.event_date - p_run_date
                                          <= coalesce(classed.transit_days, 0) + v_margin_days
                                     then 'high' else 'medium' end
                   when classed.reason_name = 'phase_out_consolidation'
                       then case when classed.is_to_source then 'low' else 'medium' end
                   when classed.is_out_of_stock or classed.cover_days < classed.transit_days then 'critical'
                   when classed.cover_days < coalesce(classed.transit_days, 0) + v_margin_days then 'high'
                   when classed.abc in ('A', 'B') then 'medium'
                   else 'low'
               end as priority_name,
               case when classed.receiver_balance_date is null then v_stale_factor * v_stale_factor
                    when classed.receiver_balance_date < p_run_date - v_stale_days then v_stale_factor
                    else 1 end
               * case when classed.sender_balance_date is null then v_stale_factor * v_stale_factor
                      when classed.sender_balance_date < p_run_date - v_stale_days then v_stale_factor
                      else 1 end as confidence_value
        from classed
    ),

    final as (
        select prioritised.product_id, prioritised.from_location_id, prioritised.to_location_id,
               prioritised.recommended_qty, prioritised.requested_qty, reasons.id, priorities.id,
               array_to_string(array[
                   case when prioritised.reason_name = 'store_opening'
                            then format('opens on %s (in %s days), initial fill up to target %s',
                                        prioritised.event_date, prioritised.event_date - p_run_date,
                                        trim_scale(prioritised.target_stock))
                                 || case when prioritised.sibling_count is not null
                                             then format(' (no target of its own yet: the median of the %s '
                                                         'locations of its source that stock it)',
                                                         prioritised.sibling_count)
                                         else '' end end,
                   case when prioritised.reason_name not in ('store_closure', 'phase_out_consolidation')
                            then case when prioritised.is_out_of_stock and prioritised.reason_name <> 'store_opening'
                                           then 'out of stock now, ' else '' end
                                 || case when prioritised.cover_days is null then 'no demand forecast'
                                         else format('%s days of cover', trim_scale(prioritised.cover_days)) end
                                 || case when prioritised.transit_days is null then ', transfer lead time unknown'
                                         else format(', transfer lead time %s days',
                                                     trim_scale(round(prioritised.transit_days, 1))) end
                                 || case when prioritised.abc is null then ', no class'
                                         else ', class ' || prioritised.abc end end,
                   case when prioritised.reason_name not in ('store_closure', 'phase_out_consolidation')
                            then format('position %s (on hand %s, in transit %s, on order %s, reserved %s)%s, '
                                        'target %s',
                                        trim_scale(prioritised.position_qty), trim_scale(prioritised.on_hand_qty),
                                        trim_scale(prioritised.in_transit_qty), trim_scale(prioritised.on_order_qty),
                                        trim_scale(prioritised.reserved_qty),
                                        case when prioritised.reason_name = 'store_opening' then ''
                                             else format(' at or below reorder point %s',
                                                         trim_scale(prioritised.reorder_point)) end,
                                        trim_scale(prioritised.target_stock)) end,
                   prioritised.supply_note
               ], '; '),
               round(least(greatest(prioritised.confidence_value, 0), 1), 3),
               coalesce(nullif(array_to_string(array[
                   case when prioritised.receiver_balance_date is null
                            then 'no stock balance of the receiver on record (0 assumed)'
                        when prioritised.receiver_balance_date < p_run_date - v_stale_days
                            then format('receiver''s stock balance %s days old',
                                        p_run_date - prioritised.receiver_balance_date) end,
                   case when prioritised.sender_balance_date is null
                            then 'no stock balance of the sender on record (0 assumed)'
                        when prioritised.sender_balance_date < p_run_date - v_stale_days
                            then format('sender''s stock balance %s days old',
                                        p_run_date - prioritised.sender_balance_date) end
               ], '; '), ''), 'stock balances of both locations are current'),
               prioritised.on_hand_qty, prioritised.in_transit_qty, prioritised.on_order_qty,
               prioritised.reserved_qty, prioritised.position_qty, prioritised.reorder_point,
               prioritised.target_stock, prioritised.available_qty, prioritised.spare_qty,
               round(prioritised.demand_per_day, 4), prioritised.cover_days, round(prioritised.transit_days, 2),
               prioritised.pack_size_qty
        from prioritised
        inner join ${schema}.to_recommendation_reasons as reasons on reasons.name = prioritised.reason_name
        inner join ${schema}.po_recommendation_priorities as priorities on priorities.name = prioritised.priority_name
        where prioritised.recommended_qty > 0
    )

    select * from final;
end
$$;
comment on procedure ${schema}.to_recommendations_compute(date, integer [], integer []) is
'Computes the transfer-order recommendations of p_run_date (optionally only some products, or the products of some '
'locations) from the latest inventory targets, the supply network, stock, transfers in transit and open orders into '
'the temp table to_recommendations_computed: replenishment (fair share by need when the source is short), '
'rebalancing of excess between locations of the same source, opening fills, closure returns and phase-out '
'consolidation (stock of a product NOT-STOCK at a location moved to the sibling that sells it best, else back to the '
'source). Called by '
'step_to_recommendations. Rules in docs/recommendations.md.';

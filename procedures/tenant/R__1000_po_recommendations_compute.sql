-- Step 10, the computation: every purchase-order recommendation of the run date, set-based, into the temp table
-- po_recommendations_computed (one row per product x buying location x supplier). Formulas: docs/recommendations.md.
create or replace procedure ${schema}.po_recommendations_compute(
    p_run_date date, p_product_ids integer [], p_location_ids integer []
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
set jit = off
as $$
declare
    v_settings       jsonb := ${schema}.settings('po_recommendations');
    v_target_date    date;
    v_forecast_id    bigint;
    v_forecast_date  date;
    v_last_date      date;
    v_stale_days     integer := (v_settings ->> 'stale_inventory_days')::integer;
    v_stale_factor   numeric := (v_settings ->> 'stale_inventory_factor')::numeric;
    v_cost_factor    numeric := (v_settings ->> 'missing_cost_factor')::numeric;
    v_margin_days    numeric := (v_settings ->> 'high_cover_margin_days')::numeric;
    v_grace_days     integer := (v_settings ->> 'overdue_grace_days')::integer;
    v_overdue_factor numeric := (v_settings ->> 'overdue_order_factor')::numeric;
    v_network_suppliers integer [];
    v_network_locations integer [];
    v_network_sources   integer [];
begin
    select active.id, active.forecast_date into v_forecast_id, v_forecast_date
    from ${schema}.active_demand_forecast as active;
    -- The forecast's last day: a lead time beyond the horizon is projected up to it (rather than failing the step).
    v_last_date := v_forecast_date + ${schema}.demand_forecast_last_horizon(v_forecast_id); -- recorded: no scan
    select max(targets.snapshot_date) into v_target_date
    from ${schema}.inventory_targets as targets
    where targets.snapshot_date <= p_run_date;
    -- Without a completed forecast the step cannot run; a forecast without rows (a client with no history yet) gives
    -- no targets and so, correctly, no recommendations.
    if v_forecast_date is null then
        raise exception 'client ${client_code} has no completed demand forecast on or before % to recommend orders from',
            p_run_date
            using errcode = 'CW161',
                  hint = 'run the forecast and the targets first: cw run ${client_code} --date ' || p_run_date
                         || ' --from-step forecast';
    end if;

    drop table if exists pg_temp.po_recommendations_computed, pg_temp.po_recommendation_pairs,
        pg_temp.po_recommendation_demand, pg_temp.po_recommendation_network, pg_temp.po_recommendation_not_stocked,
        pg_temp.po_recommendation_not_pooled, pg_temp.po_recommendation_stock, pg_temp.po_recommendation_on_order,
        pg_temp.po_recommendation_forecast;
    create temp table po_recommendations_computed (
        product_id integer not null,
        location_id integer not null,
        supplier_id integer not null,
        recommended_qty numeric(14, 3) not null,
        predicted_qty numeric(14, 3) not null,
        order_buffer numeric(14, 3) not null,
        unit_cost numeric(14, 4),
        currency_id smallint not null,
        confidence numeric(4, 3) not null,
        confidence_reasons text not null,
        po_recommendation_priority_id smallint not null,
        priority_reasons text not null,
        on_hand_qty numeric(14, 3) not null,
        on_order_qty numeric(14, 3) not null,
        overdue_qty numeric(14, 3) not null,
        in_transit_qty numeric(14, 3) not null,
        reserved_qty numeric(14, 3) not null,
        inventory_position_qty numeric(14, 3) not null,
        lead_time_demand_qty numeric(14, 3) not null,
        reorder_point numeric(14, 3) not null,
        target_stock numeric(14, 3) not null,
        lead_time_days numeric(8, 2) not null,
        cover_days numeric(10, 1),
        pack_size_qty numeric(12, 3) not null,
        moq_qty numeric(14, 3) not null,
        primary key (product_id, location_id, supplier_id)
    ) on commit drop;

    -- The supply network of the run date, derived from history once: the buyers below, and the supply tree of the
    -- demand projection (supply_tree_of, the closure supply_tree_as_of computes, from these same rows).
    create temp table po_recommendation_network on commit drop as
    select network.location_id, network.supplier_id, network.source_location_id
    from ${schema}.supply_network_as_of(
        p_run_date, (${schema}.settings('to_recommendations') ->> 'network_history_days')::integer
    ) as network;
    select array_agg(network.supplier_id), array_agg(network.location_id), array_agg(network.source_location_id)
    into v_network_suppliers, v_network_locations, v_network_sources
    from po_recommendation_network as network;

    -- Step 9's effective NOT-STOCK pairs, materialised with statistics: joined as a set-returning function, the
    -- planner estimated one row and ran the anti-join as a nested loop over every NOT-STOCK pair per target
    -- (pairs x NOT-STOCK pairs: 2.5 s at 1,000 x 20, quadratic in the client's size). Today's statuses exclude a
    -- buyer; the ones decided before the run date (those step 8 pooled with) exclude a location below an upper
    -- echelon from its pooled demand.
    create temp table po_recommendation_not_stocked on commit drop as
    select distinct status.product_id, status.location_id
    from ${schema}.assortment_effective_status(p_run_date, true) as status;
    create temp table po_recommendation_not_pooled on commit drop as
    select distinct status.product_id, status.location_id
    from ${schema}.assortment_effective_status(p_run_date, true, true) as status;
    create index on po_recommendation_not_stocked (product_id, location_id);
    create index on po_recommendation_not_pooled (product_id, location_id);
    analyze po_recommendation_network;
    analyze po_recommendation_not_stocked;
    analyze po_recommendation_not_pooled;

    -- Pairs that buy from a supplier: a regular (non-zero) target of step 8 at a location that, per the supply network
    -- (supply_network_as_of: history of purchase orders, receipts and transfers, the planner's overrides, else
    -- parent_location_id), buys the products of the product's primary supplier itself, a stocked product with an
    -- enabled, active primary supplier. A location supplied by another one (a store supplied by a DC, a DC supplied
    -- by the warehouse) is replenished by transfer (step 11), not by purchase order.
    create temp table po_recommendation_pairs on commit drop as
    with targets as (
        select targets.id, targets.product_id, targets.location_id, targets.target_stock, targets.reorder_point,
               locations.echelon,
               (select params.param_value from ${schema}.inventory_target_params as params
                where params.inventory_target_id = targets.id and params.param_name = 'lead_time_days')
               as lead_time_days,
               (select params.param_value from ${schema}.inventory_target_params as params
                where params.inventory_target_id = targets.id and params.param_name = 'protection_days')
               as protection_days
        from ${schema}.inventory_targets as targets
        inner join ${schema}.locations on locations.id = targets.location_id
        where targets.snapshot_date = v_target_date
            and targets.zero_reason is null and targets.target_stock > 0
            and (p_product_ids is null or targets.product_id = any (p_product_ids))
            and (p_location_ids is null or targets.location_id = any (p_location_ids))
    ),

    final as (
        select targets.product_id, targets.location_id, suppliers.id as supplier_id,
               suppliers.currency_id, targets.target_stock, targets.reorder_point, targets.echelon,
               coalesce(targets.lead_time_days, suppliers.lead_time_days, 0)::numeric as lead_time_days,
               coalesce(targets.protection_days, ceil(coalesce(targets.lead_time_days, 0)) + 1)::integer
               as protection_days,
               greatest(coalesce(product_suppliers.pack_size_qty, products.pack_size_qty, 1), 0.001) as pack_size_qty,
               coalesce(product_suppliers.moq_qty_override, suppliers.moq_qty_override, suppliers.moq_qty, 0)
               as moq_qty,
               products.cost as product_cost
        from targets
        inner join ${schema}.products on products.id = targets.product_id
        inner join ${schema}.suppliers on suppliers.id = products.primary_supplier_id
        inner join po_recommendation_network as network
            on network.location_id = targets.location_id and network.supplier_id = suppliers.id
            and network.source_location_id is null
        left join ${schema}.product_suppliers
            on product_suppliers.product_id = products.id and product_suppliers.supplier_id = suppliers.id
        -- Step 9's effective NOT-STOCK (client status, else CW status, of the assortment in force; also a locked one).
        left join po_recommendation_not_stocked as not_stocked
            on not_stocked.product_id = targets.product_id and not_stocked.location_id = targets.location_id
        where products.assortment_override is distinct from 'NOT-STOCK' and not_stocked.product_id is null
            and not products.is_discontinued
            and suppliers.is_enabled and suppliers.is_active
    )

    select * from final;
    analyze po_recommendation_pairs;

    -- Forecast demand over the lead time and over the protection period (lead time + review cycle): the pair's own
    -- forecast, and for an upper echelon (echelon >= 2) the forecasts of every store and webshop below it in the
    -- supply tree of the product's supplier (supply_tree_of the network above, i.e. supply_tree_as_of: the tree step
    -- 8 pools, a warehouse supplies DCs that supply stores), without the NOT-STOCK and disabled ones, which it does
    -- not supply. Targets are installation stock: the warehouse's order covers what flows through it to the stores
    -- below.
    -- The active forecast's rows of the pairs' products over the longest protection period, with statistics (the
    -- forecast confidence below): one read of the forecast, whether or not step 7's new partition has been analysed.
    create temp table po_recommendation_forecast on commit drop as
    select rows.product_id, rows.location_id, rows.horizon_days, rows.confidence
    from ${schema}.demand_forecast_products as rows
    where rows.demand_forecast_id = v_forecast_id and rows.forecast_date = v_forecast_date
        and rows.product_id in (select pairs.product_id from po_recommendation_pairs as pairs)
        and rows.horizon_days
        <= (select greatest(max(pairs.protection_days), 1) + 6 from po_recommendation_pairs as pairs);
    analyze po_recommendation_forecast;

    create temp table po_recommendation_demand on commit drop as
    with supplied as (
        select distinct pairs.location_id, pairs.supplier_id, tree.descendant_location_id as location_below_id
        from po_recommendation_pairs as pairs
        inner join ${schema}.supply_tree_of(v_network_suppliers, v_network_locations, v_network_sources) as tree
            on tree.location_id = pairs.location_id and tree.supplier_id = pairs.supplier_id
    ),

    demand_pairs as (
        select pairs.product_id, pairs.location_id, supplied.location_below_id as demand_location_id,
               pairs.lead_time_days, pairs.protection_days
        from po_recommendation_pairs as pairs
        inner join supplied on supplied.location_id = pairs.location_id and supplied.supplier_id = pairs.supplier_id
        inner join ${schema}.locations as below on below.id = supplied.location_below_id
        -- the statuses step 8 pooled with (decided before the run date), so D_P is the target's own pool
        left join po_recommendation_not_pooled as not_stocked
            on not_stocked.product_id = pairs.product_id and not_stocked.location_id = supplied.location_below_id
        where supplied.location_below_id = pairs.location_id
            or (pairs.echelon >= 2 and below.echelon = 1 and below.is_enabled and below.is_active
                and not_stocked.product_id is null)
    ),

    numbered as (
        select demand_pairs.*, row_number() over (order by demand_pairs.product_id, demand_pairs.location_id,
                                                           demand_pairs.demand_location_id) as position
        from demand_pairs
    ),

    lead_time as (
        select accumulated.position, accumulated.demand_qty
        from ${schema}.forecast_accumulate(
            array(select numbered.product_id from numbered order by numbered.position),
            array(select numbered.demand_location_id from numbered order by numbered.position),
            array(select v_forecast_date + 1 from numbered order by numbered.position),
            array(select least(v_forecast_date + greatest(ceil(numbered.lead_time_days)::integer, 1), v_last_date)
                  from numbered order by numbered.position)
        ) with ordinality as accumulated (product_id, location_id, from_date, to_date, demand_qty, position)
    ),

    protection as (
        select accumulated.position, accumulated.demand_qty
        from ${schema}.forecast_accumulate(
            array(select numbered.product_id from numbered order by numbered.position),
            array(select numbered.demand_location_id from numbered order by numbered.position),
            array(select v_forecast_date + 1 from numbered order by numbered.position),
            array(select least(v_forecast_date + greatest(numbered.protection_days, 1), v_last_date) from numbered
                  order by numbered.position)
        ) with ordinality as accumulated (product_id, location_id, from_date, to_date, demand_qty, position)
    ),

    -- The forecast rows of the pairs' products from a table of their own with statistics (po_recommendation_forecast,
    -- above). As a join on the forecast partition itself it ran as a nested loop of every forecast row x every demand
    -- pair on the nights step 7 had just written the partition (no statistics yet, estimated at one row): 28.7
    -- million comparisons, 20 s, at 300 x 8 — quadratic in the client's size; a per-pair look-up was worse at 2,000 x
    -- 20 (the planner scanned the unanalysed partition per pair).
    confidence as (
        select numbered.position, avg(rows.confidence)::numeric as confidence
        from numbered
        inner join po_recommendation_forecast as rows
            on rows.product_id = numbered.product_id and rows.location_id = numbered.demand_location_id
            -- weeks that start within the protection period
            and rows.horizon_days - 6 <= greatest(numbered.protection_days, 1)
        group by numbered.position
    ),

    final as (
        select numbered.product_id, numbered.location_id,
               coalesce(sum(lead_time.demand_qty), 0)::numeric as lead_time_demand_qty,
               coalesce(sum(protection.demand_qty), 0)::numeric as protection_demand_qty,
               avg(confidence.confidence) as forecast_confidence
        from numbered
        left join lead_time on lead_time.position = numbered.position
        left join protection on protection.position = numbered.position
        left join confidence on confidence.position = numbered.position
        group by numbered.product_id, numbered.location_id
    )

    select * from final;
    -- Statistics for the joins below (and the pairs' stock in a table of its own): without them the planner takes
    -- these for a handful of rows and joins stock, orders and classes to the pairs by nested loops (pairs x pairs).
    analyze po_recommendation_demand;
    create temp table po_recommendation_stock on commit drop as
    select balances.product_id, balances.location_id, balances.balance_date,
           balances.qty_all - balances.qty_blocked as on_hand_qty, balances.qty_reserved
    from ${schema}.inventory_as_of(p_run_date) as balances
    inner join po_recommendation_pairs as pairs
        on pairs.product_id = balances.product_id and pairs.location_id = balances.location_id;
    analyze po_recommendation_stock;

    -- Open purchase orders to the pairs, one row per pair and order: the units not yet received and how late the order
    -- is. Due = the expected date, else order date + the supplier's lead time. An order later than the grace and than
    -- its supplier's usual lateness (lead time p90 of the latest supplier behaviours minus this order's own expected
    -- lead time: a supplier that often delivers a week late is not overdue after three days) is overdue: a buyer no
    -- longer counts on it arriving within a new order's lead time, so it leaves the position and the reasons name it.
    create temp table po_recommendation_on_order on commit drop as
    with supplier_lateness as (
        select distinct on (behaviors.supplier_id) behaviors.supplier_id, behaviors.lead_time_p90
        from ${schema}.supplier_behaviors as behaviors
        where behaviors.snapshot_date <= p_run_date
        order by behaviors.supplier_id, behaviors.snapshot_date desc
    ),

    order_lines as (
        select purchase_orders.location_id, lines.product_id, purchase_orders.erp_id, purchase_orders.order_date,
               coalesce(purchase_orders.expected_date,
                        purchase_orders.order_date
                        + coalesce(suppliers.lead_time_days_override, suppliers.lead_time_days)) as due_date,
               supplier_lateness.lead_time_p90,
               sum(greatest(coalesce(lines.qty_confirmed, lines.qty_ordered) - coalesce(lines.qty_delivered, 0), 0))
               as open_qty
        from ${schema}.purchase_orders
        inner join ${schema}.purchase_order_lines as lines on lines.purchase_order_id = purchase_orders.id
        inner join po_recommendation_pairs as pairs
            on pairs.product_id = lines.product_id and pairs.location_id = purchase_orders.location_id
        inner join ${schema}.suppliers on suppliers.id = purchase_orders.supplier_id
        left join supplier_lateness on supplier_lateness.supplier_id = purchase_orders.supplier_id
        where purchase_orders.status in ('open', 'confirmed', 'partially_received')
            and purchase_orders.order_date <= p_run_date and lines.is_active
        group by purchase_orders.location_id, lines.product_id, purchase_orders.erp_id, purchase_orders.order_date,
                 purchase_orders.expected_date, suppliers.lead_time_days_override, suppliers.lead_time_days,
                 supplier_lateness.lead_time_p90
    ),

    judged as (
        select order_lines.*, p_run_date - order_lines.due_date as late_days,
               greatest(v_grace_days,
                        ceil(order_lines.lead_time_p90 - (order_lines.due_date - order_lines.order_date)))::integer
               as usual_late_days
        from order_lines
        where order_lines.open_qty > 0
    ),

    final as (
        select judged.location_id, judged.product_id,
               coalesce(sum(judged.open_qty) filter (where judged.late_days <= judged.usual_late_days
                                                       or judged.late_days is null), 0) as on_order_qty,
               coalesce(sum(judged.open_qty) filter (where judged.late_days > judged.usual_late_days), 0)
               as overdue_qty,
               string_agg(format('PO %s overdue by %s days (%s units not counted: more than the %s days %s)',
                                 judged.erp_id, judged.late_days, trim_scale(judged.open_qty), judged.usual_late_days,
                                 case when judged.usual_late_days > v_grace_days
                                          then 'the supplier is usually late'
                                      else 'of grace' end), '; '
                          order by judged.late_days desc, judged.erp_id)
               filter (where judged.late_days > judged.usual_late_days) as overdue_reasons,
               string_agg(format('PO %s late by %s days (%s units still counted: within the %s days %s)',
                                 judged.erp_id, judged.late_days, trim_scale(judged.open_qty), judged.usual_late_days,
                                 case when judged.usual_late_days > v_grace_days
                                          then 'the supplier is usually late'
                                      else 'of grace' end), '; '
                          order by judged.late_days desc, judged.erp_id)
               filter (where judged.late_days > 0 and judged.late_days <= judged.usual_late_days) as late_reasons
        from judged
        group by judged.location_id, judged.product_id
    )

    select * from final;
    analyze po_recommendation_on_order;

    insert into po_recommendations_computed
    with stock as (
        select stock.* from po_recommendation_stock as stock
    ),

    in_transit as (
        select transfer_orders.to_location_id as location_id, lines.product_id,
               sum(greatest(coalesce(lines.qty_shipped, 0) - coalesce(lines.qty_received, 0), 0)) as in_transit_qty
        from ${schema}.transfer_orders
        inner join ${schema}.transfer_order_lines as lines on lines.transfer_order_id = transfer_orders.id
        inner join po_recommendation_pairs as pairs
            on pairs.product_id = lines.product_id and pairs.location_id = transfer_orders.to_location_id
        where transfer_orders.status in ('open', 'shipped') and transfer_orders.received_date is null
            and transfer_orders.ship_date <= p_run_date and lines.is_active
        group by transfer_orders.to_location_id, lines.product_id
    ),

    -- Unit cost in the client currency: the latest PO line of the product from the supplier, else the product cost.
    -- Once per product and supplier (not per pair: a product bought by many locations read its lines once for each),
    -- through the index on the lines' product that carries the order and the cost.
    supplied as (
        select distinct pairs.product_id, pairs.supplier_id
        from po_recommendation_pairs as pairs
    ),

    last_cost as (
        select supplied.product_id, supplied.supplier_id, latest.unit_cost
        from supplied
        cross join lateral (
            select lines.unit_cost
            from ${schema}.purchase_order_lines as lines
            inner join ${schema}.purchase_orders on purchase_orders.id = lines.purchase_order_id
            where lines.product_id = supplied.product_id and purchase_orders.supplier_id = supplied.supplier_id
                and lines.unit_cost is not null and purchase_orders.order_date <= p_run_date
            order by purchase_orders.order_date desc, lines.id desc
            limit 1
        ) as latest
    ),

    classes as (
        select pairs.product_id, pairs.location_id,
               coalesce(
                   (select abc_classes.code from ${schema}.product_location_behaviors as behaviors
                    inner join ${schema}.abc_classes on abc_classes.id = behaviors.abc_class_id
                    where behaviors.product_id = pairs.product_id and behaviors.location_id = pairs.location_id
                        and behaviors.snapshot_date <= p_run_date
                    order by behaviors.snapshot_date desc limit 1),
                   (select abc_classes.code from ${schema}.product_behaviors as behaviors
                    inner join ${schema}.abc_classes on abc_classes.id = behaviors.abc_class_id
                    where behaviors.product_id = pairs.product_id and behaviors.snapshot_date <= p_run_date
                    order by behaviors.snapshot_date desc limit 1)
               ) as abc
        from po_recommendation_pairs as pairs
    ),

    positioned as (
        select pairs.*, classes.abc, stock.balance_date,
               coalesce(stock.on_hand_qty, 0) as on_hand_qty,
               coalesce(on_order.on_order_qty, 0) as on_order_qty,
               coalesce(on_order.overdue_qty, 0) as overdue_qty,
               on_order.overdue_reasons, on_order.late_reasons,
               coalesce(in_transit.in_transit_qty, 0) as in_transit_qty,
               coalesce(stock.qty_reserved, 0) as reserved_qty,
               coalesce(stock.on_hand_qty, 0) + coalesce(on_order.on_order_qty, 0)
               + coalesce(in_transit.in_transit_qty, 0) - coalesce(stock.qty_reserved, 0) as position_qty,
               demand.lead_time_demand_qty, demand.protection_demand_qty, demand.forecast_confidence,
               round(coalesce(last_cost.unit_cost, pairs.product_cost)
                     / nullif(${schema}.fx_factor(pairs.currency_id, p_run_date), 0), 4) as unit_cost
        from po_recommendation_pairs as pairs
        inner join po_recommendation_demand as demand
            on demand.product_id = pairs.product_id and demand.location_id = pairs.location_id
        left join classes on classes.product_id = pairs.product_id and classes.location_id = pairs.location_id
        left join stock on stock.product_id = pairs.product_id and stock.location_id = pairs.location_id
        left join po_recommendation_on_order as on_order on on_order.product_id = pairs.product_id and on_order.location_id = pairs.location_id
        left join in_transit
            on in_transit.product_id = pairs.product_id and in_transit.location_id = pairs.location_id
        left join last_cost
            on last_cost.product_id = pairs.product_id and last_cost.supplier_id = pairs.supplier_id
    ),

    -- At or below the reorder point: order up to the target, in whole packs, at least the MOQ (itself in packs).
    ordered as (
        select positioned.*,
               greatest(ceil(round((positioned.target_stock - positioned.position_qty) / positioned.pack_size_qty, 6)),
                        ceil(round(positioned.moq_qty / positioned.pack_size_qty, 6)))
               * positioned.pack_size_qty as order_qty,
               positioned.protection_demand_qty / positioned.protection_days as demand_per_day,
               -- what would have been ordered had the overdue orders still counted (0: none)
               case when positioned.overdue_qty > 0
                         and positioned.position_qty + positioned.overdue_qty <= positioned.reorder_point
                         and positioned.position_qty + positioned.overdue_qty < positioned.target_stock
                        then greatest(ceil(round((positioned.target_stock - positioned.position_qty
                                                  - positioned.overdue_qty) / positioned.pack_size_qty, 6)),
                                      ceil(round(positioned.moq_qty / positioned.pack_size_qty, 6)))
                             * positioned.pack_size_qty
                    else 0 end as order_qty_counting_overdue
        from positioned
        where positioned.position_qty <= positioned.reorder_point
            and positioned.position_qty < positioned.target_stock
    ),

    judged as (
        select ordered.*,
               -- capped so that a tiny forecast cannot overflow the column
               round(least(ordered.position_qty / nullif(ordered.demand_per_day, 0), 99999), 1) as cover_days,
               ordered.on_hand_qty - ordered.reserved_qty <= 0 as is_out_of_stock,
               ordered.position_qty - ordered.lead_time_demand_qty < 0 as is_stockout_before_arrival,
               ordered.overdue_qty > 0 and ordered.order_qty_counting_overdue <> ordered.order_qty
               as is_changed_by_overdue
        from ordered
    ),

    prioritised as (
        select judged.*,
               case
                   when judged.is_out_of_stock or judged.is_stockout_before_arrival then 'critical'
                   when judged.cover_days < judged.lead_time_days + v_margin_days then 'high'
                   when judged.abc in ('A', 'B') then 'medium'
                   else 'low'
               end as priority_name,
               coalesce(judged.forecast_confidence, 0.5)
               * case when judged.balance_date is null then v_stale_factor * v_stale_factor
                      when judged.balance_date < p_run_date - v_stale_days then v_stale_factor
                      else 1 end
               * case when judged.unit_cost is null then v_cost_factor else 1 end
               * case when judged.is_changed_by_overdue then v_overdue_factor else 1 end as confidence_value
        from judged
    ),

    final as (
        select prioritised.product_id, prioritised.location_id, prioritised.supplier_id,
               prioritised.order_qty, prioritised.protection_demand_qty,
               prioritised.position_qty + prioritised.order_qty - prioritised.protection_demand_qty,
               prioritised.unit_cost, prioritised.currency_id,
               round(least(greatest(prioritised.confidence_value, 0), 1), 3),
               array_to_string(array[
                   format('forecast confidence %s',
                          trim_scale(round(coalesce(prioritised.forecast_confidence, 0.5), 2)))
                   || case when prioritised.forecast_confidence is null then ' (none stored, 0.5 assumed)' else '' end,
                   case when prioritised.balance_date is null
                            then 'no stock balance on record (0 on hand assumed)'
                        when prioritised.balance_date < p_run_date - v_stale_days
                            then format('stock balance %s days old', p_run_date - prioritised.balance_date) end,
                   case when prioritised.unit_cost is null then 'no unit cost known' end,
                   case when prioritised.is_changed_by_overdue
                            then format('%s ordered instead of %s because %s units on overdue purchase orders are '
                                        'not counted (they may still arrive)',
                                        trim_scale(prioritised.order_qty),
                                        trim_scale(prioritised.order_qty_counting_overdue),
                                        trim_scale(prioritised.overdue_qty)) end
               ], '; '),
               priorities.id,
               array_to_string(array[
                   case when prioritised.is_out_of_stock then 'out of stock now' end,
                   case when prioritised.cover_days is null then 'no demand forecast over the lead time'
                        else format('%s days of cover left', trim_scale(prioritised.cover_days)) end
                   || format(', lead time %s days', trim_scale(round(prioritised.lead_time_days, 1)))
                   || case when prioritised.abc is null then ', no class' else ', class ' || prioritised.abc end,
                   case when prioritised.is_stockout_before_arrival and not prioritised.is_out_of_stock
                            then format('expected to run out %s days before an order placed today arrives',
                                        trim_scale(round(prioritised.lead_time_days - prioritised.cover_days, 1))) end,
                   format('position %s (on hand %s, on order %s, in transit %s, reserved %s) at or below reorder '
                          'point %s, target %s',
                          trim_scale(prioritised.position_qty), trim_scale(prioritised.on_hand_qty),
                          trim_scale(prioritised.on_order_qty), trim_scale(prioritised.in_transit_qty),
                          trim_scale(prioritised.reserved_qty), trim_scale(prioritised.reorder_point),
                          trim_scale(prioritised.target_stock)),
                   prioritised.overdue_reasons,
                   prioritised.late_reasons
               ], '; '),
               prioritised.on_hand_qty, prioritised.on_order_qty, prioritised.overdue_qty, prioritised.in_transit_qty,
               prioritised.reserved_qty,
               prioritised.position_qty, prioritised.lead_time_demand_qty, prioritised.reorder_point,
               prioritised.target_stock, prioritised.lead_time_days, prioritised.cover_days,
               prioritised.pack_size_qty, prioritised.moq_qty
        from prioritised
        inner join ${schema}.po_recommendation_priorities as priorities on priorities.name = prioritised.priority_name
    )

    select * from final;
end
$$;
comment on procedure ${schema}.po_recommendations_compute(date, integer [], integer []) is
'Computes the purchase-order recommendations of p_run_date (optionally only some products/locations) from the '
'latest inventory targets, the active forecast, stock, open purchase orders and transfers in transit into the temp '
'table po_recommendations_computed. Called by step_po_recommendations; CW161 without a completed forecast (no '
'targets: no rows). '
'Formulas in docs/recommendations.md.';

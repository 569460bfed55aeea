-- Step 10: purchase-order recommendations. Computes the run date's recommendations (po_recommendations_compute) and
-- writes only what changed; rows the buyer has decided on (any status but pending) are never touched. Definitions:
-- docs/recommendations.md.
create or replace procedure ${schema}.step_po_recommendations(p_run_date date, p_scope jsonb)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
set jit = off
as $$
declare
    v_scope        jsonb := ${schema}.validate_scope(p_scope);
    v_products     integer [];
    v_locations    integer [];
    v_computed     bigint;
    v_written      bigint;
    v_deleted      bigint;
    v_kept         bigint;
    v_priorities   jsonb;
begin
    if v_scope ? 'products' then
        select coalesce(array_agg(products.id), '{}') into v_products
        from ${schema}.products
        where products.erp_id in (select jsonb_array_elements_text(v_scope -> 'products'));
    end if;
    if v_scope ? 'locations' then
        select coalesce(array_agg(locations.id), '{}') into v_locations
        from ${schema}.locations
        where locations.erp_id in (select jsonb_array_elements_text(v_scope -> 'locations'));
    end if;

    call ${schema}.po_recommendations_compute(p_run_date, v_products, v_locations);
    select count(*) into v_computed from po_recommendations_computed;

    create temp table po_recommendations_stored on commit drop as
    select recommendations.*
    from ${schema}.po_recommendations as recommendations
    where recommendations.recommendation_date = p_run_date
        and (v_products is null or recommendations.product_id = any (v_products))
        and (v_locations is null or recommendations.location_id = any (v_locations));

    -- New rows, and pending rows whose computed values differ; decided rows are the buyer's and stay as they are.
    insert into ${schema}.po_recommendations as recommendations (
        product_id, location_id, supplier_id, recommendation_date, recommended_qty, predicted_qty, order_buffer,
        unit_cost, currency_id, confidence, confidence_reasons, po_recommendation_priority_id, priority_reasons,
        on_hand_qty, on_order_qty, in_transit_qty, reserved_qty, inventory_position_qty, lead_time_demand_qty,
        reorder_point, target_stock, lead_time_days, cover_days, pack_size_qty, moq_qty, overdue_qty
    )
    select computed.product_id, computed.location_id, computed.supplier_id, p_run_date, computed.recommended_qty,
           computed.predicted_qty, computed.order_buffer, computed.unit_cost, computed.currency_id,
           computed.confidence, computed.confidence_reasons, computed.po_recommendation_priority_id,
           computed.priority_reasons, computed.on_hand_qty, computed.on_order_qty, computed.in_transit_qty,
           computed.reserved_qty, computed.inventory_position_qty, computed.lead_time_demand_qty,
           computed.reorder_point, computed.target_stock, computed.lead_time_days, computed.cover_days,
           computed.pack_size_qty, computed.moq_qty, computed.overdue_qty
    from po_recommendations_computed as computed
    left join po_recommendations_stored as stored
        on stored.product_id = computed.product_id and stored.location_id = computed.location_id
        and stored.supplier_id = computed.supplier_id
    where stored.id is null
        or (stored.po_recommendation_status_id = 1
            and (stored.recommended_qty, stored.predicted_qty, stored.order_buffer, stored.unit_cost,
                 stored.currency_id, stored.confidence, stored.confidence_reasons,
                 stored.po_recommendation_priority_id, stored.priority_reasons, stored.on_hand_qty,
                 stored.on_order_qty, stored.in_transit_qty, stored.reserved_qty, stored.inventory_position_qty,
                 stored.lead_time_demand_qty, stored.reorder_point, stored.target_stock, stored.lead_time_days,
                 stored.cover_days, stored.pack_size_qty, stored.moq_qty, stored.overdue_qty)
            is distinct from
                (computed.recommended_qty, computed.predicted_qty, computed.order_buffer, computed.unit_cost,
                 computed.currency_id, computed.confidence, computed.confidence_reasons,
                 computed.po_recommendation_priority_id, computed.priority_reasons, computed.on_hand_qty,
                 computed.on_order_qty, computed.in_transit_qty, computed.reserved_qty,
                 computed.inventory_position_qty, computed.lead_time_demand_qty, computed.reorder_point,
                 computed.target_stock, computed.lead_time_days, computed.cover_days, computed.pack_size_qty,
                 computed.moq_qty, computed.overdue_qty))
    on conflict (product_id, location_id, supplier_id, recommendation_date) do update
    set recommended_qty = excluded.recommended_qty,
        predicted_qty = excluded.predicted_qty,
        order_buffer = excluded.order_buffer,
        unit_cost = excluded.unit_cost,
        currency_id = excluded.currency_id,
        confidence = excluded.confidence,
        confidence_reasons = excluded.confidence_reasons,
        po_recommendation_priority_id = excluded.po_recommendation_priority_id,
        priority_reasons = excluded.priority_reasons,
        on_hand_qty = excluded.on_hand_qty,
        on_order_qty = excluded.on_order_qty,
        in_transit_qty = excluded.in_transit_qty,
        reserved_qty = excluded.reserved_qty,
        inventory_position_qty = excluded.inventory_position_qty,
        lead_time_demand_qty = excluded.lead_time_demand_qty,
        reorder_point = excluded.reorder_point,
        target_stock = excluded.target_stock,
        lead_time_days = excluded.lead_time_days,
        cover_days = excluded.cover_days,
        pack_size_qty = excluded.pack_size_qty,
        moq_qty = excluded.moq_qty,
        overdue_qty = excluded.overdue_qty,
        updated_at = now()
    where recommendations.po_recommendation_status_id = 1;
    get diagnostics v_written = row_count;

    -- Pending rows of the date (in scope) that are no longer needed; decided rows are kept.
    delete from ${schema}.po_recommendations as recommendations
    using po_recommendations_stored as stored
    where recommendations.id = stored.id and stored.po_recommendation_status_id = 1
        and not exists (select from po_recommendations_computed as computed
                        where computed.product_id = stored.product_id and computed.location_id = stored.location_id
                            and computed.supplier_id = stored.supplier_id);
    get diagnostics v_deleted = row_count;
    select count(*) into v_kept from po_recommendations_stored as stored where stored.po_recommendation_status_id <> 1;

    select coalesce(jsonb_object_agg(counted.name, counted.lines), '{}') into v_priorities
    from (select priorities.name, count(*) as lines
          from po_recommendations_computed as computed
          inner join ${schema}.po_recommendation_priorities as priorities
              on priorities.id = computed.po_recommendation_priority_id
          group by priorities.name) as counted;
    drop table po_recommendations_stored;
    call ${schema}.report_step(v_computed, v_written + v_deleted,
                               jsonb_build_object('recommendations', v_computed, 'written', v_written,
                                                  'deleted', v_deleted, 'decided_kept', v_kept,
                                                  'by_priority', v_priorities));
end
$$;
comment on procedure ${schema}.step_po_recommendations(date, jsonb) is
'Step 10: purchase-order recommendations of the run date for every product x location that buys from a supplier: '
'inventory position against the reorder point of step 8, quantity up to the target in packs and at least the MOQ, '
'unit cost in the supplier''s currency, priority and confidence with reasons. Re-running a date writes only pending '
'rows that changed and never touches a status the buyer set; a scope {"products": [...], "locations": [...]} '
'recomputes only those pairs. CW160 invalid settings, CW161 without a completed forecast. docs/recommendations.md.';

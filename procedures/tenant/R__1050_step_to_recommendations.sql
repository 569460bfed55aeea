-- Step 11: transfer-order recommendations. Computes the run date's transfers (to_recommendations_compute) and writes
-- only what changed; rows the planner has decided on (any status but pending) are never touched. Definitions:
-- docs/recommendations.md.
create or replace procedure ${schema}.step_to_recommendations(p_run_date date, p_scope jsonb)
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
    v_reasons      jsonb;
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

    call ${schema}.to_recommendations_compute(p_run_date, v_products, v_locations);
    -- A location scope writes only the transfers that leave or reach a scoped location.
    if v_locations is not null then
        delete from to_recommendations_computed as computed
        where not (computed.from_location_id = any (v_locations) or computed.to_location_id = any (v_locations));
    end if;
    select count(*) into v_computed from to_recommendations_computed;

    create temp table to_recommendations_stored on commit drop as
    select recommendations.*
    from ${schema}.to_recommendations as recommendations
    where recommendations.recommendation_date = p_run_date
        and (v_products is null or recommendations.product_id = any (v_products))
        and (v_locations is null or recommendations.from_location_id = any (v_locations)
             or recommendations.to_location_id = any (v_locations));

    -- New rows, and pending rows whose computed values differ; decided rows are the planner's and stay as they are.
    insert into ${schema}.to_recommendations as recommendations (
        product_id, from_location_id, to_location_id, recommendation_date, recommended_qty, requested_qty,
        to_recommendation_reason_id, po_recommendation_priority_id, priority_reasons, confidence, confidence_reasons,
        to_on_hand_qty, to_in_transit_qty, to_on_order_qty, to_reserved_qty, to_position_qty, to_reorder_point,
        to_target_stock, from_available_qty, from_spare_qty, demand_per_day, cover_days, transit_days, pack_size_qty
    )
    select computed.product_id, computed.from_location_id, computed.to_location_id, p_run_date,
           computed.recommended_qty, computed.requested_qty, computed.to_recommendation_reason_id,
           computed.po_recommendation_priority_id, computed.priority_reasons, computed.confidence,
           computed.confidence_reasons, computed.to_on_hand_qty, computed.to_in_transit_qty, computed.to_on_order_qty,
           computed.to_reserved_qty, computed.to_position_qty, computed.to_reorder_point, computed.to_target_stock,
           computed.from_available_qty, computed.from_spare_qty, computed.demand_per_day, computed.cover_days,
           computed.transit_days, computed.pack_size_qty
    from to_recommendations_computed as computed
    left join to_recommendations_stored as stored
        on stored.product_id = computed.product_id and stored.from_location_id = computed.from_location_id
        and stored.to_location_id = computed.to_location_id
    where stored.id is null
        or (stored.to_recommendation_status_id = 1
            and (stored.recommended_qty, stored.requested_qty, stored.to_recommendation_reason_id,
                 stored.po_recommendation_priority_id, stored.priority_reasons, stored.confidence,
                 stored.confidence_reasons, stored.to_on_hand_qty, stored.to_in_transit_qty, stored.to_on_order_qty,
                 stored.to_reserved_qty, stored.to_position_qty, stored.to_reorder_point, stored.to_target_stock,
                 stored.from_available_qty, stored.from_spare_qty, stored.demand_per_day, stored.cover_days,
                 stored.transit_days, stored.pack_size_qty)
            is distinct from
                (computed.recommended_qty, computed.requested_qty, computed.to_recommendation_reason_id,
                 computed.po_recommendation_priority_id, computed.priority_reasons, computed.confidence,
                 computed.confidence_reasons, computed.to_on_hand_qty, computed.to_in_transit_qty,
                 computed.to_on_order_qty, computed.to_reserved_qty, computed.to_position_qty,
                 computed.to_reorder_point, computed.to_target_stock, computed.from_available_qty,
                 computed.from_spare_qty, computed.demand_per_day, computed.cover_days, computed.transit_days,
                 computed.pack_size_qty))
    on conflict (product_id, from_location_id, to_location_id, recommendation_date) do update
    set recommended_qty = excluded.recommended_qty,
        requested_qty = excluded.requested_qty,
        to_recommendation_reason_id = excluded.to_recommendation_reason_id,
        po_recommendation_priority_id = excluded.po_recommendation_priority_id,
        priority_reasons = excluded.priority_reasons,
        confidence = excluded.confidence,
        confidence_reasons = excluded.confidence_reasons,
        to_on_hand_qty = excluded.to_on_hand_qty,
        to_in_transit_qty = excluded.to_in_transit_qty,
        to_on_order_qty = excluded.to_on_order_qty,
        to_reserved_qty = excluded.to_reserved_qty,
        to_position_qty = excluded.to_position_qty,
        to_reorder_point = excluded.to_reorder_point,
        to_target_stock = excluded.to_target_stock,
        from_available_qty = excluded.from_available_qty,
        from_spare_qty = excluded.from_spare_qty,
        demand_per_day = excluded.demand_per_day,
        cover_days = excluded.cover_days,
        transit_days = excluded.transit_days,
        pack_size_qty = excluded.pack_size_qty,
        updated_at = now()
    where recommendations.to_recommendation_status_id = 1;
    get diagnostics v_written = row_count;

    -- Pending rows of the date (in scope) that are no longer needed; decided rows are kept.
    delete from ${schema}.to_recommendations as recommendations
    using to_recommendations_stored as stored
    where recommendations.id = stored.id and stored.to_recommendation_status_id = 1
        and not exists (select from to_recommendations_computed as computed
                        where computed.product_id = stored.product_id
                            and computed.from_location_id = stored.from_location_id
                            and computed.to_location_id = stored.to_location_id);
    get diagnostics v_deleted = row_count;
    select count(*) into v_kept from to_recommendations_stored as stored where stored.to_recommendation_status_id <> 1;

    select coalesce(jsonb_object_agg(counted.name, counted.lines), '{}') into v_reasons
    from (select reasons.name, count(*) as lines
          from to_recommendations_computed as computed
          inner join ${schema}.to_recommendation_reasons as reasons
              on reasons.id = computed.to_recommendation_reason_id
          group by reasons.name) as counted;
    select coalesce(jsonb_object_agg(counted.name, counted.lines), '{}') into v_priorities
    from (select priorities.name, count(*) as lines
          from to_recommendations_computed as computed
          inner join ${schema}.po_recommendation_priorities as priorities
              on priorities.id = computed.po_recommendation_priority_id
          group by priorities.name) as counted;
    drop table to_recommendations_stored;
    call ${schema}.report_step(v_computed, v_written + v_deleted,
                               jsonb_build_object('recommendations', v_computed, 'written', v_written,
                                                  'deleted', v_deleted, 'decided_kept', v_kept,
                                                  'by_reason', v_reasons, 'by_priority', v_priorities));
end
$$;
comment on procedure ${schema}.step_to_recommendations(date, jsonb) is
'Step 11: transfer-order recommendations of the run date: replenishment of every location supplied by another one '
'(inventory position against the reorder point of step 8, up to the target in whole packs, a fair share by need when '
'the source is short), rebalancing of excess stock between locations of the same source, initial fills of opening '
'stores and the return of closing stores'' stock, with priority and confidence in words. Re-running a date writes '
'only pending rows that changed and never touches a status the planner set; a scope {"products": [...], '
'"locations": [...]} recomputes only those. CW180 invalid settings. docs/recommendations.md.';

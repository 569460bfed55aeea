-- Step 9: assortment. Computes every assortment row of the run date (assortment_compute) and writes only what
-- changed: new assortments (in_review) and products, changed pipeline columns. Never writes a client-owned column nor
-- anything of a locked assortment or locked product row. Definitions: docs/assortment.md.
create or replace procedure ${schema}.step_assortment(p_run_date date, p_scope jsonb)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
set jit = off
as $$
declare
    v_settings     jsonb := ${schema}.settings('assortment');
    v_scope        jsonb := ${schema}.validate_scope(p_scope);
    v_weights      numeric;
    v_products     integer [];
    v_locations    integer [];
    v_computed     bigint;
    v_created      bigint;
    v_inserted     bigint;
    v_updated      bigint;
    v_locked       bigint;
    v_behaviors    bigint;
    v_counts       jsonb;
begin
    v_weights := (v_settings ->> 'weight_revenue_pct')::numeric + (v_settings ->> 'weight_margin_pct')::numeric
                 + (v_settings ->> 'weight_forecast_pct')::numeric + (v_settings ->> 'weight_regularity_pct')::numeric;
    if v_weights <> 100 then
        raise exception 'assortment ranking weights of client ${client_code} add up to % (expected 100)', v_weights
            using errcode = 'CW170',
                  hint = 'set assortment.weight_revenue_pct, weight_margin_pct, weight_forecast_pct and '
                         'weight_regularity_pct so that they add up to 100: cw settings ${client_code} --section '
                         'assortment';
    end if;
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
    -- The history trigger dates the pipeline's changes with the run date.
    perform set_config('cw.assortment_run_date', p_run_date::text, true);

    -- Ranks are relative to a whole assortment: a scope computes (and writes, where a value changed) every row of
    -- the assortments that contain a scoped product, or of the scoped locations' assortments, and nothing else.
    call ${schema}.assortment_compute(p_run_date, v_settings, v_products, v_locations);
    select count(*) into v_computed from assortment_computed;

    -- An assortment for every key without one in force (created in review, effective from the run date).
    insert into ${schema}.assortments (assortment_type_id, brand_id, location_id, effective_date)
    select distinct computed.assortment_type_id, computed.brand_id, computed.location_id, p_run_date
    from assortment_computed as computed
    where computed.assortment_id is null;
    get diagnostics v_created = row_count;
    update assortment_computed as computed
    set assortment_id = assortments.id, is_locked = false
    from ${schema}.assortments
    where computed.assortment_id is null and assortments.effective_date = p_run_date
        and assortments.assortment_type_id = computed.assortment_type_id
        and assortments.brand_id is not distinct from computed.brand_id
        and assortments.location_id is not distinct from computed.location_id;

    select count(*) into v_locked from assortment_computed as computed where computed.is_locked;
    delete from assortment_computed as computed where computed.is_locked;

    insert into ${schema}.assortment_products (
        assortment_id, product_id, cw_product_assortment_status_id, target_stock, assortment_zone_id, ranking_score,
        rank, ranking_components, is_launch, is_phase_out, is_retired, phase_out_recommendation_score,
        phase_out_execution_score, phase_out_efficiency_score, phase_out_since_date, assortment_reason_id, computed_on
    )
    select computed.assortment_id, computed.product_id, computed.cw_status_id, computed.target_stock,
           computed.zone_id, computed.ranking_score, computed.rank, computed.ranking_components, computed.is_launch,
           computed.is_phase_out, computed.is_retired, computed.recommendation_score, computed.execution_score,
           computed.efficiency_score, computed.phase_out_since_date, computed.reason_id, p_run_date
    from assortment_computed as computed
    where computed.stored_id is null
    order by computed.assortment_id, computed.rank;
    get diagnostics v_inserted = row_count;

    -- Only the pipeline's columns, only where one differs: unchanged inputs write nothing (and add no history).
    update ${schema}.assortment_products as rows
    set cw_product_assortment_status_id = computed.cw_status_id,
        target_stock = computed.target_stock,
        assortment_zone_id = computed.zone_id,
        ranking_score = computed.ranking_score,
        rank = computed.rank,
        ranking_components = computed.ranking_components,
        is_launch = computed.is_launch,
        is_phase_out = computed.is_phase_out,
        is_retired = computed.is_retired,
        phase_out_recommendation_score = computed.recommendation_score,
        phase_out_execution_score = computed.execution_score,
        phase_out_efficiency_score = computed.efficiency_score,
        phase_out_since_date = computed.phase_out_since_date,
        assortment_reason_id = computed.reason_id,
        computed_on = p_run_date,
        updated_at = now()
    from assortment_computed as computed
    where rows.id = computed.stored_id
        and (rows.cw_product_assortment_status_id, rows.target_stock, rows.assortment_zone_id, rows.ranking_score,
             rows.rank, rows.ranking_components, rows.is_launch, rows.is_phase_out, rows.is_retired,
             rows.phase_out_recommendation_score, rows.phase_out_execution_score, rows.phase_out_efficiency_score,
             rows.phase_out_since_date, rows.assortment_reason_id)
        is distinct from (computed.cw_status_id, computed.target_stock, computed.zone_id, computed.ranking_score,
                          computed.rank, computed.ranking_components, computed.is_launch, computed.is_phase_out,
                          computed.is_retired, computed.recommendation_score, computed.execution_score,
                          computed.efficiency_score, computed.phase_out_since_date, computed.reason_id);
    get diagnostics v_updated = row_count;

    -- The product-level phase-out scores of the global assortment, on the behaviours snapshot the step read.
    update ${schema}.product_behaviors as behaviors
    set phase_out_recommendation_score = computed.recommendation_score,
        phase_out_execution_score = computed.execution_score,
        phase_out_efficiency_score = computed.efficiency_score
    from assortment_computed as computed
    where computed.location_id is null and behaviors.product_id = computed.product_id
        and behaviors.snapshot_date = (select max(latest.snapshot_date) from ${schema}.product_behaviors as latest
                                       where latest.snapshot_date <= p_run_date)
        and (behaviors.phase_out_recommendation_score, behaviors.phase_out_execution_score,
             behaviors.phase_out_efficiency_score)
        is distinct from (computed.recommendation_score, computed.execution_score, computed.efficiency_score);
    get diagnostics v_behaviors = row_count;

    select jsonb_build_object(
        'stock', count(*) filter (where computed.cw_status_id = 1),
        'not_stock', count(*) filter (where computed.cw_status_id = 2),
        'by_reason', coalesce((select jsonb_object_agg(reasons.name, counted.row_count)
                               from (select inner_computed.reason_id, count(*) as row_count
                                     from assortment_computed as inner_computed group by 1) as counted
                               inner join ${schema}.assortment_reasons as reasons on reasons.id = counted.reason_id),
                              '{}'))
    into v_counts
    from assortment_computed as computed;

    call ${schema}.report_step(v_computed, v_created + v_inserted + v_updated + v_behaviors,
                               jsonb_build_object('rows', v_computed, 'assortments_created', v_created,
                                                  'inserted', v_inserted, 'updated', v_updated,
                                                  'skipped_locked', v_locked, 'product_behaviors_updated', v_behaviors)
                               || v_counts);
end
$$;
comment on procedure ${schema}.step_assortment(date, jsonb) is
'Step 9: assortments. Ranks the products of the global and of every store''s/webshop''s assortment, recommends STOCK '
'or NOT-STOCK with a reason, flags launches, phase-outs and retirements and scores phase-outs; writes only what '
'changed, never the client''s columns and nothing of a locked assortment. Scope {"products": [...]} recomputes the '
'assortments that contain those products, {"locations": [...]} those locations'' assortments. CW170 for invalid '
'settings. docs/assortment.md.';

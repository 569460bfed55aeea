-- Step 9, the computation: every assortment row of the run date (global and per store/webshop), set-based, into the
-- temp table assortment_computed: ranking score and rank, CW status with its reason, zone, launch / phase-out /
-- retired flags and the three phase-out scores. Formulas: docs/assortment.md. A scope computes only the assortments
-- that contain a scoped product (ranks are relative to a whole assortment) or belong to a scoped location.
drop procedure if exists ${schema}.assortment_compute(date, jsonb);
create or replace procedure ${schema}.assortment_compute(
    p_run_date date, p_settings jsonb, p_product_ids integer [] default null, p_location_ids integer [] default null
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
set jit = off
as $$
declare
    v_by_brand       boolean := (p_settings ->> 'by_brand')::boolean;
    v_forecast_days  integer := (p_settings ->> 'forecast_days')::integer;
    v_launch_days    integer := (p_settings ->> 'launch_days')::integer;
    v_min_score      numeric := (p_settings ->> 'phase_out_min_score')::numeric;
    v_exit_margin    numeric := (p_settings ->> 'phase_out_exit_margin')::numeric;
    v_core_pct       numeric := (p_settings ->> 'core_share_pct')::numeric;
    v_w_revenue      numeric := (p_settings ->> 'weight_revenue_pct')::numeric / 100;
    v_w_margin       numeric := (p_settings ->> 'weight_margin_pct')::numeric / 100;
    v_w_forecast     numeric := (p_settings ->> 'weight_forecast_pct')::numeric / 100;
    v_w_regularity   numeric := (p_settings ->> 'weight_regularity_pct')::numeric / 100;
    v_snapshot       date;
    v_target_date    date;
    v_forecast_id    bigint;
    v_forecast_date  date;
    v_scoped         boolean := p_product_ids is not null or p_location_ids is not null;
    v_locations      integer [];
    v_brands         integer [];
    v_with_global    boolean := p_location_ids is null;
begin
    select max(behaviors.snapshot_date) into v_snapshot
    from ${schema}.product_behaviors as behaviors
    where behaviors.snapshot_date <= p_run_date;
    select max(targets.snapshot_date) into v_target_date
    from ${schema}.inventory_targets as targets
    where targets.snapshot_date <= p_run_date;
    select active.id, active.forecast_date into v_forecast_id, v_forecast_date
    from ${schema}.active_demand_forecast as active
    where active.forecast_date <= p_run_date;

    drop table if exists pg_temp.assortment_current, pg_temp.assortment_forecast, pg_temp.assortment_inputs,
        pg_temp.assortment_computed, pg_temp.assortment_pair_behaviors, pg_temp.assortment_product_behaviors;

    -- The scoped assortments: the stores/webshops where a scoped product has behaviours, forecast demand or a row of
    -- an assortment in force (intersected with the scoped locations), and the global one unless only locations are
    -- scoped; with by_brand only the scoped products' brands. Null = every assortment.
    if p_product_ids is not null then
        select coalesce(array_agg(distinct keys.location_id), '{}') into v_locations
        from (select behaviors.location_id from ${schema}.product_location_behaviors as behaviors
              where behaviors.snapshot_date = v_snapshot and behaviors.product_id = any (p_product_ids)
              union
              select rows.location_id from ${schema}.demand_forecast_products as rows
              where rows.demand_forecast_id = v_forecast_id and rows.forecast_date = v_forecast_date
                  and rows.product_id = any (p_product_ids) and rows.predicted_qty > 0
              union
              select assortments.location_id from ${schema}.assortment_products as rows
              inner join ${schema}.assortments on assortments.id = rows.assortment_id
              where rows.product_id = any (p_product_ids) and assortments.location_id is not null
                  and assortments.effective_date <= p_run_date) as keys
        where p_location_ids is null or keys.location_id = any (p_location_ids);
        if (p_settings ->> 'by_brand')::boolean then
            select array_agg(distinct coalesce(products.brand_id, 0)) into v_brands
            from ${schema}.products where products.id = any (p_product_ids);
        end if;
    elsif p_location_ids is not null then
        v_locations := p_location_ids;
    end if;

    -- The assortment of each key (type, brand, location) in force on the run date: the latest effective on or before.
    create temp table assortment_current on commit drop as
    select distinct on (assortments.assortment_type_id, coalesce(assortments.brand_id, 0),
                        coalesce(assortments.location_id, 0))
        assortments.id, assortments.assortment_type_id, assortments.brand_id, assortments.location_id,
        assortments.assortment_workflow_status_id = 3 as is_locked
    from ${schema}.assortments
    where assortments.effective_date <= p_run_date
    order by assortments.assortment_type_id, coalesce(assortments.brand_id, 0), coalesce(assortments.location_id, 0),
             assortments.effective_date desc;

    -- Forecast demand of the next forecast_days (whole forecast weeks) per store/webshop pair.
    create temp table assortment_forecast on commit drop as
    select rows.product_id, rows.location_id, sum(rows.predicted_qty)::numeric as forecast_qty
    from ${schema}.demand_forecast_products as rows
    where rows.demand_forecast_id = v_forecast_id and rows.forecast_date = v_forecast_date
        and rows.horizon_days <= greatest(v_forecast_days, 7)
        -- the global assortment sums every location's forecast
        and (v_locations is null or v_with_global or rows.location_id = any (v_locations))
    group by rows.product_id, rows.location_id;

    -- The behaviours of the snapshot, materialised and analysed: step 6 wrote the snapshot minutes before and its rows
    -- have no statistics yet, so the planner estimated 1 row for the snapshot and joined every pair to every pair
    -- (a nested loop, 12,989 x 12,989 at 2,000 x 20: 63 s of a weekly full night; docs/assortment.md "Performance").
    create temp table assortment_pair_behaviors on commit drop as
    select behaviors.product_id, behaviors.location_id, behaviors.demand_revenue, behaviors.demand_cost,
           behaviors.demand_qty, behaviors.demand_days, behaviors.listed_days, behaviors.hotness_score
    from ${schema}.product_location_behaviors as behaviors
    where behaviors.snapshot_date = v_snapshot
        and (not v_scoped or v_with_global or behaviors.location_id = any (v_locations));
    analyze pg_temp.assortment_pair_behaviors;
    create temp table assortment_product_behaviors on commit drop as
    select behaviors.product_id, behaviors.demand_revenue, behaviors.demand_cost, behaviors.demand_qty,
           behaviors.demand_days, behaviors.listed_days, behaviors.hotness_score
    from ${schema}.product_behaviors as behaviors
    where behaviors.snapshot_date = v_snapshot and v_with_global;
    analyze pg_temp.assortment_product_behaviors;

    -- Candidates and their figures: pairs with behaviours or forecast demand (local), products with behaviours or
    -- forecast demand (global), and every product already in an assortment in force (never silently dropped).
    create temp table assortment_inputs on commit drop as
    with all_local_keys as (
        select behaviors.product_id, behaviors.location_id
        from assortment_pair_behaviors as behaviors
        union
        select forecast.product_id, forecast.location_id from assortment_forecast as forecast
        where forecast.forecast_qty > 0
        union
        select rows.product_id, current_assortments.location_id
        from assortment_current as current_assortments
        inner join ${schema}.assortment_products as rows on rows.assortment_id = current_assortments.id
        where current_assortments.assortment_type_id = 2
            and (not v_scoped or v_with_global or current_assortments.location_id = any (v_locations))
    ),

    local_keys as (
        select all_local_keys.* from all_local_keys
        where not v_scoped or all_local_keys.location_id = any (v_locations)
    ),

    global_keys as (
        select behaviors.product_id from assortment_product_behaviors as behaviors
        union
        select all_local_keys.product_id from all_local_keys where v_with_global
    ),

    local_rows as (
        select 2::smallint as assortment_type_id, local_keys.product_id, local_keys.location_id,
               behaviors.demand_revenue, behaviors.demand_cost, behaviors.demand_qty, behaviors.demand_days,
               behaviors.listed_days, behaviors.hotness_score, forecast.forecast_qty
        from local_keys
        inner join ${schema}.locations on locations.id = local_keys.location_id and locations.echelon = 1
        left join assortment_pair_behaviors as behaviors
            on behaviors.product_id = local_keys.product_id and behaviors.location_id = local_keys.location_id
        left join assortment_forecast as forecast
            on forecast.product_id = local_keys.product_id and forecast.location_id = local_keys.location_id
    ),

    global_forecast as (
        select forecast.product_id, sum(forecast.forecast_qty) as forecast_qty
        from assortment_forecast as forecast
        group by forecast.product_id
    ),

    global_rows as (
        select 1::smallint, global_keys.product_id, null::integer,
               behaviors.demand_revenue, behaviors.demand_cost, behaviors.demand_qty, behaviors.demand_days,
               behaviors.listed_days, behaviors.hotness_score, global_forecast.forecast_qty
        from global_keys
        left join assortment_product_behaviors as behaviors on behaviors.product_id = global_keys.product_id
        left join global_forecast on global_forecast.product_id = global_keys.product_id
    ),

    final as (
        select candidates.assortment_type_id,
               case when v_by_brand then products.brand_id end as brand_id,
               candidates.location_id, candidates.product_id,
               coalesce(candidates.demand_revenue, 0) as revenue,
               candidates.demand_revenue - candidates.demand_cost as margin,
               coalesce(candidates.forecast_qty, 0) as forecast_qty,
               coalesce(candidates.demand_days::numeric / nullif(candidates.listed_days, 0), 0) as regularity,
               coalesce(candidates.demand_qty, 0) as demand_qty,
               coalesce(candidates.hotness_score, 0) as hotness_score,
               products.is_discontinued, products.discontinue_date, products.price,
               coalesce(products.launch_date, products.first_seen_date) as launch_date
        from (select * from local_rows union all select * from global_rows) as candidates
        inner join ${schema}.products on products.id = candidates.product_id
        where v_brands is null or coalesce(products.brand_id, 0) = any (v_brands)
    )

    select * from final;

    create temp table assortment_computed on commit drop as
    with percentiles as (
        -- Percentile within the assortment (cume_dist: ties share the higher value); nothing earns nothing.
        select inputs.*,
               case when inputs.revenue > 0 then cume_dist() over (
                   partition by inputs.assortment_type_id, inputs.brand_id, inputs.location_id
                   order by inputs.revenue) else 0 end as revenue_pct,
               case when inputs.margin > 0 then cume_dist() over (
                   partition by inputs.assortment_type_id, inputs.brand_id, inputs.location_id
                   order by coalesce(inputs.margin, 0)) else 0 end as margin_pct,
               case when inputs.forecast_qty > 0 then cume_dist() over (
                   partition by inputs.assortment_type_id, inputs.brand_id, inputs.location_id
                   order by inputs.forecast_qty) else 0 end as forecast_pct,
               case when inputs.regularity > 0 then cume_dist() over (
                   partition by inputs.assortment_type_id, inputs.brand_id, inputs.location_id
                   order by inputs.regularity) else 0 end as regularity_pct
        from assortment_inputs as inputs
    ),

    scored as (
        select percentiles.*,
               round((100 * (v_w_revenue * percentiles.revenue_pct + v_w_margin * percentiles.margin_pct
                             + v_w_forecast * percentiles.forecast_pct
                             + v_w_regularity * percentiles.regularity_pct))::numeric, 2) as ranking_score,
               percentiles.is_discontinued
               or (percentiles.demand_qty = 0 and percentiles.forecast_qty = 0
                   and not percentiles.launch_date > p_run_date - v_launch_days) as is_retired,
               not percentiles.is_discontinued and percentiles.launch_date > p_run_date - v_launch_days as is_launch
        from percentiles
    ),

    flagged as (
        select scored.*,
               case when scored.is_retired then 100::numeric
                    when scored.is_launch then 0::numeric
                    else round(0.6 * (100 - scored.ranking_score) + 0.4 * (100 - scored.hotness_score), 2)
               end as recommendation_score
        from scored
    ),

    -- Hysteresis: a row the pipeline had already made NOT-STOCK before the run date (its phase-out began earlier)
    -- stays a phase-out while its score is at least phase_out_min_score - phase_out_exit_margin. A row that turned
    -- NOT-STOCK on the run date itself is judged by the threshold alone, so a re-run decides the same.
    decided as (
        select flagged.*,
               not flagged.is_retired and not flagged.is_launch
               and (flagged.recommendation_score >= v_min_score or flagged.discontinue_date is not null
                    or (flagged.recommendation_score >= v_min_score - v_exit_margin
                        and exists (
                            select
                            from assortment_current as current_assortments
                            inner join ${schema}.assortment_products as rows
                                on rows.assortment_id = current_assortments.id
                            where current_assortments.assortment_type_id = flagged.assortment_type_id
                                and current_assortments.brand_id is not distinct from flagged.brand_id
                                and current_assortments.location_id is not distinct from flagged.location_id
                                and rows.product_id = flagged.product_id
                                and rows.cw_product_assortment_status_id = 2
                                and rows.phase_out_since_date < p_run_date)))
               as is_phase_out
        from flagged
    ),

    ranked as (
        select decided.*,
               row_number() over (partition by decided.assortment_type_id, decided.brand_id, decided.location_id
                                  order by decided.ranking_score desc, decided.product_id) as rank,
               row_number() over (partition by decided.assortment_type_id, decided.brand_id, decided.location_id,
                                               decided.is_retired or decided.is_phase_out
                                  order by decided.ranking_score desc, decided.product_id) as stock_rank,
               count(*) filter (where not decided.is_retired and not decided.is_phase_out)
                   over (partition by decided.assortment_type_id, decided.brand_id, decided.location_id)
               as stock_count
        from decided
    ),

    stored as (
        select ranked.*, current_assortments.id as assortment_id,
               current_assortments.is_locked or rows.assortment_workflow_status_id = 3 as is_locked,
               rows.id as stored_id, rows.client_product_assortment_status_id, rows.phase_out_since_date as stored_since
        from ranked
        left join assortment_current as current_assortments
            on current_assortments.assortment_type_id = ranked.assortment_type_id
            and current_assortments.brand_id is not distinct from ranked.brand_id
            and current_assortments.location_id is not distinct from ranked.location_id
        left join ${schema}.assortment_products as rows
            on rows.assortment_id = current_assortments.id and rows.product_id = ranked.product_id
    ),

    final as (
        select stored.assortment_type_id, stored.brand_id, stored.location_id, stored.product_id,
               stored.assortment_id, stored.stored_id, coalesce(stored.is_locked, false) as is_locked,
               stored.client_product_assortment_status_id,
               case when stored.is_retired or stored.is_phase_out then 2 else 1 end::smallint as cw_status_id,
               case when stored.is_discontinued then 4
                    when stored.is_retired then 5
                    when stored.is_launch then 1
                    when stored.is_phase_out then 3
                    else 2 end::smallint as reason_id,
               case when stored.is_retired then 5
                    when stored.is_phase_out then 4
                    when stored.is_launch then 3
                    when stored.stock_rank <= ceil(stored.stock_count * v_core_pct / 100) then 1
                    else 2 end::smallint as zone_id,
               stored.ranking_score, stored.rank::integer as rank,
               jsonb_build_object(
                   'revenue', round(stored.revenue, 2), 'revenue_pct', round(stored.revenue_pct::numeric, 4),
                   'margin', round(stored.margin, 2), 'margin_pct', round(stored.margin_pct::numeric, 4),
                   'forecast_qty', round(stored.forecast_qty, 3),
                   'forecast_pct', round(stored.forecast_pct::numeric, 4),
                   'regularity', round(stored.regularity, 4),
                   'regularity_pct', round(stored.regularity_pct::numeric, 4),
                   'hotness_score', stored.hotness_score) as ranking_components,
               stored.is_launch, stored.is_phase_out, stored.is_retired,
               stored.recommendation_score,
               -- A phase-out starts the first run date the product is phasing out (pipeline or client NOT-STOCK).
               case when stored.is_retired or stored.is_phase_out or stored.client_product_assortment_status_id = 2
                    then coalesce(stored.stored_since, p_run_date) end as phase_out_since_date,
               stored.price
        from stored
    )

    select * from final;

    -- Phase-out execution and efficiency: what was sold since the phase-out began and what is left on hand.
    alter table assortment_computed
        add column target_stock numeric(14, 3),
        add column execution_score numeric(5, 2),
        add column efficiency_score numeric(5, 2);
    update assortment_computed as computed
    set target_stock = targets.target_stock
    from (select targets.product_id, targets.location_id, targets.target_stock
          from ${schema}.inventory_targets as targets
          where targets.snapshot_date = v_target_date) as targets
    where computed.location_id = targets.location_id and computed.product_id = targets.product_id;
    update assortment_computed as computed
    set target_stock = totals.target_stock
    from (select targets.product_id, sum(targets.target_stock) as target_stock
          from ${schema}.inventory_targets as targets
          where targets.snapshot_date = v_target_date
          group by targets.product_id) as totals
    where computed.location_id is null and computed.product_id = totals.product_id;

    if exists (select from assortment_computed where phase_out_since_date is not null) then
        with phasing as (
            select computed.ctid as row_id, computed.product_id, computed.location_id, computed.phase_out_since_date,
                   computed.price, computed.client_product_assortment_status_id
            from assortment_computed as computed
            where computed.phase_out_since_date is not null
        ),

        -- Per phasing row through the (product, location, date) key: a join on "location null or equal" could use
        -- no index and read every row of demand_history each night (its whole history, growing with the client).
        sold as (
            select phasing.row_id, history.sold_qty, history.sold_revenue
            from phasing
            cross join lateral (
                select sum(rows.quantity) as sold_qty, sum(rows.revenue) as sold_revenue
                from ${schema}.demand_history as rows
                where rows.product_id = phasing.product_id and phasing.location_id is not null
                    and rows.location_id = phasing.location_id
                    and rows.demand_date > phasing.phase_out_since_date and rows.demand_date <= p_run_date
                union all
                select sum(rows.quantity), sum(rows.revenue)
                from ${schema}.demand_history as rows
                where rows.product_id = phasing.product_id and phasing.location_id is null
                    and rows.demand_date > phasing.phase_out_since_date and rows.demand_date <= p_run_date
            ) as history
            where history.sold_qty is not null
        ),

        stock as (
            select phasing.row_id, sum(greatest(balances.qty_all - balances.qty_blocked, 0)) as on_hand_qty
            from phasing
            inner join ${schema}.inventory_as_of(p_run_date) as balances
                on balances.product_id = phasing.product_id
                and (phasing.location_id is null or balances.location_id = phasing.location_id)
            group by phasing.row_id
        ),

        final as (
            select phasing.row_id,
                   round(100 * coalesce(coalesce(sold.sold_qty, 0)
                                        / nullif(coalesce(sold.sold_qty, 0) + coalesce(stock.on_hand_qty, 0), 0), 1),
                         2) as execution_score,
                   case when phasing.client_product_assortment_status_id = 2 and sold.sold_qty > 0
                        then round(100 * least(1, sold.sold_revenue / nullif(sold.sold_qty * phasing.price, 0)), 2)
                   end as efficiency_score
            from phasing
            left join sold on sold.row_id = phasing.row_id
            left join stock on stock.row_id = phasing.row_id
        )

        update assortment_computed as computed
        set execution_score = final.execution_score, efficiency_score = final.efficiency_score
        from final
        where computed.ctid = final.row_id;
    end if;
end
$$;
comment on procedure ${schema}.assortment_compute(date, jsonb, integer [], integer []) is
'Computes the assortment rows of p_run_date (global and per store/webshop, by brand when configured) from the '
'latest behaviours, the active forecast, step 8''s targets and the stored client decisions into the temp table '
'assortment_computed: every assortment, or with p_product_ids only those containing one of the products (the '
'global one included), with p_location_ids only those locations'' assortments. Called by step_assortment; formulas '
'in docs/assortment.md.';

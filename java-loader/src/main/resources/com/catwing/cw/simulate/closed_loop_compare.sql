-- The closed loop's comparison (cw simulate closed-loop, docs/uplift.md "Closed loop with known truth"), run in the
-- client's session after the temp tables closed_loop_truth (per world, product and day), closed_loop_pair_truth (per
-- world, product, location and day), closed_loop_treated and closed_loop_options are loaded. Temp views only: nothing
-- is written to the client's schema.
-- For every impact row of step uplift (world B), both sides (po: purchase_order_recommendation_impacts, to:
-- transfer_order_recommendation_impacts), the true effect over the same after window is world B's figure minus world
-- A's, with the same definition as the step (docs/uplift.md "The six impact types") on the simulation's truth: true
-- demand and lost units instead of imputed ones, end-of-day available stock. A purchase order's figures sum over the
-- product's locations (the warehouse serves them all); a transfer's over the receiving location and every location
-- below it, stock also at the sending location, overstock at the receiving location against its target (none without
-- a target, as the step).

create temp view closed_loop_impacts as
with recursive impact_rows as (
    select
        'po'::text as side,
        purchase_order_recommendation_impacts.po_recommendation_id as recommendation_id,
        products.erp_id as product_id,
        impact_types.name as impact_type,
        measurement_methods.name as method,
        purchase_order_recommendation_impacts.is_respected,
        purchase_order_recommendation_impacts.actual_start_date,
        purchase_order_recommendation_impacts.actual_end_date,
        po_recommendations.target_stock,
        purchase_order_recommendation_impacts.impact_value as estimate,
        purchase_order_recommendation_impacts.impact_ci_low as ci_low,
        purchase_order_recommendation_impacts.impact_ci_high as ci_high,
        null::text as to_location_id,
        null::text as from_location_id
    from purchase_order_recommendation_impacts
    inner join po_recommendations
        on purchase_order_recommendation_impacts.po_recommendation_id = po_recommendations.id
    inner join products on po_recommendations.product_id = products.id
    inner join purchase_order_recommendation_impact_types as impact_types
        on purchase_order_recommendation_impacts.purchase_order_recommendation_impact_type_id = impact_types.id
    inner join measurement_methods
        on purchase_order_recommendation_impacts.measurement_method_id = measurement_methods.id
    union all
    select
        'to'::text as side,
        transfer_order_recommendation_impacts.to_recommendation_id as recommendation_id,
        products.erp_id as product_id,
        impact_types.name as impact_type,
        measurement_methods.name as method,
        transfer_order_recommendation_impacts.is_respected,
        transfer_order_recommendation_impacts.actual_start_date,
        transfer_order_recommendation_impacts.actual_end_date,
        to_recommendations.to_target_stock as target_stock,
        transfer_order_recommendation_impacts.impact_value as estimate,
        transfer_order_recommendation_impacts.impact_ci_low as ci_low,
        transfer_order_recommendation_impacts.impact_ci_high as ci_high,
        to_locations.erp_id as to_location_id,
        from_locations.erp_id as from_location_id
    from transfer_order_recommendation_impacts
    inner join to_recommendations
        on transfer_order_recommendation_impacts.to_recommendation_id = to_recommendations.id
    inner join products on to_recommendations.product_id = products.id
    inner join locations as to_locations on to_recommendations.to_location_id = to_locations.id
    inner join locations as from_locations on to_recommendations.from_location_id = from_locations.id
    inner join transfer_order_recommendation_impact_types as impact_types
        on transfer_order_recommendation_impacts.transfer_order_recommendation_impact_type_id = impact_types.id
    inner join measurement_methods
        on transfer_order_recommendation_impacts.measurement_method_id = measurement_methods.id
),

-- a receiving location serves itself and every location below it (the step's location tree)
served (root_location_id, location_id, location_key) as (
    select locations.id, locations.id, locations.erp_id
    from locations
    union all
    select served.root_location_id, children.id, children.erp_id
    from served
    inner join locations as children on served.location_id = children.parent_location_id
),

served_keys as (
    select roots.erp_id as root_location_id, served.location_key as location_id
    from served
    inner join locations as roots on served.root_location_id = roots.id
),

holding as (
    select (settings('uplift') ->> 'holding_cost_annual_pct')::numeric / 100 / 365 as daily_rate
),

window_sums as (
    select
        impact_rows.side,
        impact_rows.recommendation_id as po_recommendation_id,
        impact_rows.impact_type,
        impact_rows.method,
        closed_loop_truth.world,
        (impact_rows.actual_end_date - impact_rows.actual_start_date + 1) as window_days,
        sum(closed_loop_truth.revenue) as revenue,
        sum(closed_loop_truth.sold_qty) as sold_qty,
        sum(closed_loop_truth.demand_qty) as demand_qty,
        sum(closed_loop_truth.on_hand_value) as on_hand_value,
        sum(closed_loop_truth.stockout_pair_days) as stockout_pair_days,
        sum(closed_loop_truth.listed_pair_days) as listed_pair_days,
        sum(greatest(0, closed_loop_truth.warehouse_on_hand_qty - impact_rows.target_stock)) as overstock_qty,
        sum(closed_loop_truth.lost_qty * greatest(0, closed_loop_truth.price - closed_loop_truth.cost)) as lost_margin
    from impact_rows
    inner join closed_loop_truth
        on
            impact_rows.product_id = closed_loop_truth.product_id
            and closed_loop_truth.day_date between impact_rows.actual_start_date and impact_rows.actual_end_date
    where impact_rows.side = 'po'
    group by
        impact_rows.side, impact_rows.recommendation_id, impact_rows.impact_type, impact_rows.method,
        closed_loop_truth.world, impact_rows.actual_start_date, impact_rows.actual_end_date
),

-- the transfer side: demand, sales and stock-outs at the receiving location and below; stock value there and at the
-- sending location; overstock at the receiving location
to_sites as (
    select
        impact_rows.side,
        impact_rows.recommendation_id,
        impact_rows.impact_type,
        impact_rows.method,
        impact_rows.product_id,
        impact_rows.actual_start_date,
        impact_rows.actual_end_date,
        impact_rows.target_stock,
        impact_rows.to_location_id,
        sites.location_id,
        sites.is_served
    from impact_rows
    inner join lateral (
        select served_keys.location_id, true as is_served
        from served_keys
        where served_keys.root_location_id = impact_rows.to_location_id
        union
        select impact_rows.from_location_id, false
        where not exists (
            select 1
            from served_keys as below
            where
                below.root_location_id = impact_rows.to_location_id
                and below.location_id = impact_rows.from_location_id
        )
    ) as sites on true
    where impact_rows.side = 'to'
),

to_window_sums as (
    select
        to_sites.side,
        to_sites.recommendation_id,
        to_sites.impact_type,
        to_sites.method,
        closed_loop_pair_truth.world,
        (to_sites.actual_end_date - to_sites.actual_start_date + 1) as window_days,
        sum(closed_loop_pair_truth.revenue) filter (where to_sites.is_served) as revenue,
        sum(closed_loop_pair_truth.sold_qty) filter (where to_sites.is_served) as sold_qty,
        sum(closed_loop_pair_truth.demand_qty) filter (where to_sites.is_served) as demand_qty,
        sum(closed_loop_pair_truth.on_hand_value) as on_hand_value,
        count(*) filter (where to_sites.is_served and closed_loop_pair_truth.is_stockout) as stockout_pair_days,
        count(*) filter (where to_sites.is_served and closed_loop_pair_truth.is_listed) as listed_pair_days,
        coalesce(sum(greatest(0, closed_loop_pair_truth.on_hand_qty - to_sites.target_stock))
            filter (where to_sites.location_id = to_sites.to_location_id), 0) as overstock_qty,
        coalesce(sum(closed_loop_pair_truth.lost_qty
            * greatest(0, closed_loop_pair_truth.price - closed_loop_pair_truth.cost))
            filter (where to_sites.is_served), 0) as lost_margin
    from to_sites
    inner join closed_loop_pair_truth
        on
            to_sites.product_id = closed_loop_pair_truth.product_id
            and to_sites.location_id = closed_loop_pair_truth.location_id
            and closed_loop_pair_truth.day_date between to_sites.actual_start_date and to_sites.actual_end_date
    group by
        to_sites.side, to_sites.recommendation_id, to_sites.impact_type, to_sites.method,
        closed_loop_pair_truth.world, to_sites.actual_start_date, to_sites.actual_end_date
),

all_window_sums as (
    select
        window_sums.side,
        window_sums.po_recommendation_id as recommendation_id,
        window_sums.impact_type,
        window_sums.method,
        window_sums.world,
        window_sums.window_days,
        window_sums.revenue,
        window_sums.sold_qty,
        window_sums.demand_qty,
        window_sums.on_hand_value,
        window_sums.stockout_pair_days,
        window_sums.listed_pair_days,
        window_sums.overstock_qty,
        window_sums.lost_margin
    from window_sums
    union all
    select
        to_window_sums.side,
        to_window_sums.recommendation_id,
        to_window_sums.impact_type,
        to_window_sums.method,
        to_window_sums.world,
        to_window_sums.window_days,
        to_window_sums.revenue,
        to_window_sums.sold_qty,
        to_window_sums.demand_qty,
        to_window_sums.on_hand_value,
        to_window_sums.stockout_pair_days,
        to_window_sums.listed_pair_days,
        to_window_sums.overstock_qty,
        to_window_sums.lost_margin
    from to_window_sums
),

measures as (
    select
        all_window_sums.side,
        all_window_sums.recommendation_id,
        all_window_sums.impact_type,
        all_window_sums.method,
        all_window_sums.world,
        case all_window_sums.impact_type
            when 'revenue_uplift' then coalesce(all_window_sums.revenue, 0) / all_window_sums.window_days
            when 'fill_rate_improvement'
                then 100.0 * all_window_sums.sold_qty / nullif(all_window_sums.demand_qty, 0)
            when 'inventory_optimization' then all_window_sums.on_hand_value / all_window_sums.window_days
            when 'stockout_reduction'
                then 100.0 * all_window_sums.stockout_pair_days / nullif(all_window_sums.listed_pair_days, 0)
            when 'overstock_reduction' then all_window_sums.overstock_qty / all_window_sums.window_days
            when 'cost_savings'
                then (holding.daily_rate * all_window_sums.on_hand_value + all_window_sums.lost_margin)
                / all_window_sums.window_days
        end as measure
    from all_window_sums
    cross join holding
),

truth as (
    select
        world_b.side,
        world_b.recommendation_id,
        world_b.impact_type,
        world_b.method,
        world_b.measure - world_a.measure as true_effect
    from measures as world_b
    inner join measures as world_a
        on
            world_b.side = world_a.side
            and world_b.recommendation_id = world_a.recommendation_id
            and world_b.impact_type = world_a.impact_type
            and world_b.method = world_a.method
            and world_a.world = 'A'
    where world_b.world = 'B'
),

compared as (
    select
        impact_rows.side,
        impact_rows.recommendation_id,
        impact_rows.product_id,
        closed_loop_treated.is_treated,
        impact_rows.is_respected,
        impact_rows.impact_type,
        impact_rows.method,
        impact_rows.actual_start_date,
        impact_rows.actual_end_date,
        impact_rows.estimate,
        round(truth.true_effect, 4) as true_effect,
        impact_rows.ci_low,
        impact_rows.ci_high,
        impact_rows.from_location_id,
        impact_rows.to_location_id
    from impact_rows
    inner join closed_loop_treated on impact_rows.product_id = closed_loop_treated.product_id
    left join truth
        on
            impact_rows.side = truth.side
            and impact_rows.recommendation_id = truth.recommendation_id
            and impact_rows.impact_type = truth.impact_type
            and impact_rows.method = truth.method
)

select * from compared;

create temp view closed_loop_comparison as
with grouped as (
    select
        closed_loop_impacts.side,
        closed_loop_impacts.impact_type,
        closed_loop_impacts.method,
        case
            when closed_loop_impacts.is_treated and closed_loop_impacts.is_respected then 'treated, followed'
            when closed_loop_impacts.is_treated then 'treated, not followed'
            when closed_loop_impacts.is_respected then 'untreated, matched'
            else 'untreated'
        end as treatment_group,
        closed_loop_impacts.estimate,
        closed_loop_impacts.true_effect,
        closed_loop_impacts.ci_low,
        closed_loop_impacts.ci_high
    from closed_loop_impacts
    where closed_loop_impacts.true_effect is not null
),

summary as (
    select
        grouped.side,
        grouped.impact_type,
        grouped.method,
        grouped.treatment_group,
        count(*)::integer as n,
        round(avg(grouped.estimate), 4) as mean_estimate,
        round(avg(grouped.true_effect), 4) as mean_truth,
        round(avg(grouped.estimate - grouped.true_effect), 4) as bias,
        round(avg(abs(grouped.estimate - grouped.true_effect)), 4) as mean_abs_error,
        round(100.0 * avg((sign(round(grouped.estimate, 4)) = sign(grouped.true_effect))::integer), 1)
            as sign_agreement_pct,
        -- the 95 % intervals (diff_in_diff with at least 2 controls): how many rows have one, how often it holds
        -- the truth (coverage: 95 % expected if the intervals are right) and how often it excludes 0 (conclusive)
        count(grouped.ci_low)::integer as interval_n,
        round(100.0 * avg((grouped.true_effect between grouped.ci_low and grouped.ci_high)::integer), 1)
            as coverage_pct,
        round(100.0 * avg((grouped.ci_low > 0 or grouped.ci_high < 0)::integer), 1) as conclusive_pct
    from grouped
    group by grouped.side, grouped.impact_type, grouped.method, grouped.treatment_group
)

select * from summary
order by summary.side, summary.impact_type, summary.method, summary.treatment_group;

create temp view closed_loop_product_truth as
with after_warmup as (
    select closed_loop_truth.*
    from closed_loop_truth
    cross join closed_loop_options
    where closed_loop_truth.day_date between closed_loop_options.warmup_date and closed_loop_options.last_date
),

per_world as (
    select
        after_warmup.product_id,
        after_warmup.world,
        sum(after_warmup.lost_qty) as lost_qty,
        avg(after_warmup.on_hand_qty) as avg_on_hand_qty,
        avg(after_warmup.on_hand_value) as avg_on_hand_value,
        sum(after_warmup.order_value) as order_value,
        100.0 * sum(after_warmup.sold_qty) / nullif(sum(after_warmup.demand_qty), 0) as fill_rate_pct
    from after_warmup
    group by after_warmup.product_id, after_warmup.world
),

per_product as (
    select
        world_a.product_id,
        closed_loop_treated.is_treated,
        world_a.lost_qty as lost_qty_a,
        world_b.lost_qty as lost_qty_b,
        world_b.lost_qty - world_a.lost_qty as lost_qty_effect,
        round(world_a.avg_on_hand_qty, 2) as avg_on_hand_qty_a,
        round(world_b.avg_on_hand_qty, 2) as avg_on_hand_qty_b,
        round(world_b.avg_on_hand_qty - world_a.avg_on_hand_qty, 2) as avg_on_hand_qty_effect,
        round(world_b.avg_on_hand_value - world_a.avg_on_hand_value, 2) as avg_on_hand_value_effect,
        world_a.order_value as order_value_a,
        world_b.order_value as order_value_b,
        world_b.order_value - world_a.order_value as order_value_effect,
        round(world_a.fill_rate_pct, 2) as fill_rate_pct_a,
        round(world_b.fill_rate_pct, 2) as fill_rate_pct_b,
        round(world_b.fill_rate_pct - world_a.fill_rate_pct, 2) as fill_rate_pct_effect
    from per_world as world_a
    inner join per_world as world_b on world_a.product_id = world_b.product_id and world_b.world = 'B'
    inner join closed_loop_treated on world_a.product_id = closed_loop_treated.product_id
    where world_a.world = 'A'
)

select * from per_product;

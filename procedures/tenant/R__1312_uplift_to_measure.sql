-- Step 13, part 2 for transfers: the impacts of decided transfer-order recommendations (the first of each episode)
-- whose after window has passed, like uplift_measure for purchase orders, into the temp table
-- uplift_to_impacts_computed. Demand-side measures over the receiving location and every location below it; stock
-- measures (inventory_optimization, cost_savings) over those plus the sending location, since a transfer moves stock;
-- overstock at the receiving location against to_target_stock; the after window starts after the lane's transit
-- days. Controls: first recommendations of not respected episodes into the same receiving location, same ABC and
-- frequency class. docs/uplift.md "Transfer-order recommendations".
create or replace procedure ${schema}.uplift_to_measure(
    p_run_date date,
    p_product_ids integer [],
    p_location_ids integer [],
    p_settings jsonb
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
set jit = off
as $$
declare
    v_window_days    integer := (p_settings ->> 'measurement_window_days')::integer;
    v_match_days     integer := (p_settings ->> 'control_match_days')::integer;
    v_remeasure_days integer := (p_settings ->> 'remeasure_days')::integer;
    v_max_controls   integer := (p_settings ->> 'max_controls')::integer;
    v_holding_pct    numeric := (p_settings ->> 'holding_cost_annual_pct')::numeric;
    v_scoped         boolean := p_product_ids is not null or p_location_ids is not null;
begin
    drop table if exists pg_temp.uplift_to_targets, pg_temp.uplift_to_units, pg_temp.uplift_to_measures,
        pg_temp.uplift_to_impacts_computed;

    -- Recommendations to measure: decided, after window passed; not measured yet, or the after window ended less
    -- than remeasure_days ago (late data), or every one in scope in a scoped run.
    create temp table uplift_to_targets on commit drop as
    with windows as (
        select
            recommendations.id as to_recommendation_id,
            recommendations.product_id,
            recommendations.to_location_id as location_id,
            recommendations.from_location_id,
            recommendations.recommendation_date,
            recommendations.to_target_stock as target_stock,
            recommendations.is_respected,
            recommendations.recommendation_date - v_window_days as baseline_start_date,
            recommendations.recommendation_date - 1 as baseline_end_date,
            recommendations.recommendation_date
            + greatest(ceil(coalesce(recommendations.transit_days, 1)), 1)::integer as actual_start_date,
            recommendations.recommendation_date
            + greatest(ceil(coalesce(recommendations.transit_days, 1)), 1)::integer + v_window_days - 1
            as actual_end_date
        from ${schema}.to_recommendations as recommendations
        where recommendations.is_respected is not null
            and (p_product_ids is null or recommendations.product_id = any (p_product_ids))
            -- an episode is measured once, on its first recommendation
            and exists (select from ${schema}.to_recommendation_respect_decisions as decisions
                        where decisions.to_recommendation_id = recommendations.id
                            and decisions.episode_lead_id = recommendations.id)
            and (p_location_ids is null or recommendations.to_location_id = any (p_location_ids))
    )

    select windows.*
    from windows
    where windows.actual_end_date <= p_run_date
        and (v_scoped
             or windows.actual_end_date > p_run_date - v_remeasure_days
             or not exists (select from ${schema}.transfer_order_recommendation_impacts as impacts
                            where impacts.to_recommendation_id = windows.to_recommendation_id));
    create index on uplift_to_targets (location_id, recommendation_date);

    -- The measured units: each target itself, and for a respected one its controls. A control is another product at
    -- the same location with a not-respected recommendation dated within control_match_days, of the same ABC class
    -- and frequency class (the latest behaviour snapshot on or before the recommendation date: the pair's, else the
    -- product's), and no respected recommendation of its own between the target's first and last window day; at
    -- most max_controls of them, the nearest in date.
    create temp table uplift_to_units on commit drop as
    with class_of as (
        select
            recommendations.id as to_recommendation_id,
            recommendations.product_id,
            recommendations.to_location_id as location_id,
            recommendations.from_location_id,
            recommendations.recommendation_date,
            recommendations.to_target_stock as target_stock,
            recommendations.is_respected,
            coalesce(pair_class.abc_class_id, product_class.abc_class_id) as abc_class_id,
            coalesce(pair_class.freq_class_id, product_class.freq_class_id) as freq_class_id
        from ${schema}.to_recommendations as recommendations
        left join lateral (
            select behaviors.abc_class_id, behaviors.freq_class_id
            from ${schema}.product_location_behaviors as behaviors
            where behaviors.product_id = recommendations.product_id
                and behaviors.location_id = recommendations.to_location_id
                and behaviors.snapshot_date <= recommendations.recommendation_date
            order by behaviors.snapshot_date desc
            limit 1
        ) as pair_class on true
        left join lateral (
            select behaviors.abc_class_id, behaviors.freq_class_id
            from ${schema}.product_behaviors as behaviors
            where behaviors.product_id = recommendations.product_id
                and behaviors.snapshot_date <= recommendations.recommendation_date
            order by behaviors.snapshot_date desc
            limit 1
        ) as product_class on true
        where recommendations.id in (select uplift_to_targets.to_recommendation_id from uplift_to_targets)
            or (recommendations.is_respected = false
                and exists (select from ${schema}.to_recommendation_respect_decisions as decisions
                            where decisions.to_recommendation_id = recommendations.id
                                and decisions.episode_lead_id = recommendations.id)
                and exists (select from uplift_to_targets
                            where uplift_to_targets.is_respected
                                and uplift_to_targets.location_id = recommendations.to_location_id
                                and abs(uplift_to_targets.recommendation_date - recommendations.recommendation_date)
                                <= v_match_days))
    ),

    treated as (
        select
            uplift_to_targets.to_recommendation_id,
            uplift_to_targets.product_id,
            uplift_to_targets.location_id,
            uplift_to_targets.from_location_id,
            uplift_to_targets.target_stock,
            true as is_treated
        from uplift_to_targets
    ),

    control_candidates as (
        select distinct on (uplift_to_targets.to_recommendation_id, control.product_id)
            uplift_to_targets.to_recommendation_id,
            control.product_id,
            control.location_id,
            control.from_location_id,
            control.target_stock,
            abs(control.recommendation_date - uplift_to_targets.recommendation_date) as distance_days
        from uplift_to_targets
        inner join class_of as target on target.to_recommendation_id = uplift_to_targets.to_recommendation_id
        inner join class_of as control
            on control.location_id = uplift_to_targets.location_id
            and control.product_id <> uplift_to_targets.product_id
            and control.is_respected = false
            and abs(control.recommendation_date - uplift_to_targets.recommendation_date) <= v_match_days
            and control.abc_class_id is not distinct from target.abc_class_id
            and control.freq_class_id is not distinct from target.freq_class_id
        where uplift_to_targets.is_respected
            and not exists (select from ${schema}.to_recommendations as followed
                            where followed.product_id = control.product_id
                                and followed.to_location_id = control.location_id
                                and followed.is_respected
                                and followed.recommendation_date
                                between uplift_to_targets.baseline_start_date and uplift_to_targets.actual_end_date)
        order by uplift_to_targets.to_recommendation_id, control.product_id,
            abs(control.recommendation_date - uplift_to_targets.recommendation_date), control.to_recommendation_id
    ),

    controls as (
        select
            ranked.to_recommendation_id,
            ranked.product_id,
            ranked.location_id,
            ranked.from_location_id,
            ranked.target_stock,
            false as is_treated
        from (select
                  control_candidates.*,
                  row_number() over (
                      partition by control_candidates.to_recommendation_id
                      order by control_candidates.distance_days, control_candidates.product_id
                  ) as rank_no
              from control_candidates) as ranked
        where ranked.rank_no <= v_max_controls
    )

    select * from treated
    union all
    select * from controls;

    -- Every unit's measures over the target's before window and after window. The served locations of a buying
    -- location are itself and every location below it in the location tree.
    create temp table uplift_to_measures on commit drop as
    with recursive served as (
        select locations.id as root_location_id, locations.id as location_id
        from ${schema}.locations
        where locations.id in (select uplift_to_units.location_id from uplift_to_units)
        union all
        select served.root_location_id, children.id
        from served
        inner join ${schema}.locations as children on children.parent_location_id = served.location_id
    ),

    unit_windows as (
        select
            uplift_to_units.*,
            periods.period,
            case periods.period when 'baseline' then uplift_to_targets.baseline_start_date
                else uplift_to_targets.actual_start_date end as start_date,
            case periods.period when 'baseline' then uplift_to_targets.baseline_end_date
                else uplift_to_targets.actual_end_date end as end_date
        from uplift_to_units
        inner join uplift_to_targets on uplift_to_targets.to_recommendation_id = uplift_to_units.to_recommendation_id
        cross join (values ('baseline'), ('actual')) as periods (period)
    ),

    demand as (
        select
            unit_windows.to_recommendation_id,
            unit_windows.product_id,
            unit_windows.period,
            sum(history.revenue) as revenue,
            sum(history.quantity) as sold_qty,
            sum(history.demand_qty) as demand_qty,
            count(history.id) as listed_days,
            count(history.id) filter (where not history.is_in_stock) as stockout_days,
            sum(coalesce(history.stockout_qty, 0)
                * greatest(coalesce(products.price, 0) - coalesce(products.cost, 0), 0)) as lost_margin
        from unit_windows
        inner join served on served.root_location_id = unit_windows.location_id
        inner join ${schema}.demand_history as history
            on history.product_id = unit_windows.product_id
            and history.location_id = served.location_id
            and history.demand_date between unit_windows.start_date and unit_windows.end_date
        inner join ${schema}.products on products.id = unit_windows.product_id
        group by unit_windows.to_recommendation_id, unit_windows.product_id, unit_windows.period
    ),

    stock as (
        select
            unit_windows.to_recommendation_id,
            unit_windows.product_id,
            unit_windows.period,
            sum(inventory.on_hand_qty * coalesce(products.cost, 0)) as stock_value_days,
            sum(greatest(inventory.on_hand_qty - unit_windows.target_stock, 0))
                filter (where inventory.location_id = unit_windows.location_id) as overstock_qty_days
        from unit_windows
        -- stock counts at the receiving location, below it, and at the sending location
        inner join lateral (
            select served.location_id from served where served.root_location_id = unit_windows.location_id
            union
            select unit_windows.from_location_id
        ) as sites on true
        inner join ${stats_schema}.inventory_daily as inventory
            on inventory.product_id = unit_windows.product_id
            and inventory.location_id = sites.location_id
            and inventory.stat_date between unit_windows.start_date and unit_windows.end_date
        inner join ${schema}.products on products.id = unit_windows.product_id
        group by unit_windows.to_recommendation_id, unit_windows.product_id, unit_windows.period
    ),

    measured as (
        select
            unit_windows.to_recommendation_id,
            unit_windows.product_id,
            unit_windows.is_treated,
            unit_windows.period,
            coalesce(demand.revenue, 0) / v_window_days as revenue_uplift,
            100 * demand.sold_qty / nullif(demand.demand_qty, 0) as fill_rate_improvement,
            coalesce(stock.stock_value_days, 0) / v_window_days as inventory_optimization,
            100.0 * demand.stockout_days / nullif(demand.listed_days, 0) as stockout_reduction,
            coalesce(stock.overstock_qty_days, 0) / v_window_days as overstock_reduction,
            (v_holding_pct / 100 / 365 * coalesce(stock.stock_value_days, 0) + coalesce(demand.lost_margin, 0))
            / v_window_days as cost_savings
        from unit_windows
        left join demand
            on demand.to_recommendation_id = unit_windows.to_recommendation_id
            and demand.product_id = unit_windows.product_id and demand.period = unit_windows.period
        left join stock
            on stock.to_recommendation_id = unit_windows.to_recommendation_id
            and stock.product_id = unit_windows.product_id and stock.period = unit_windows.period
    )

    select
        measured.to_recommendation_id,
        measured.product_id,
        measured.is_treated,
        measured.period,
        types.id as impact_type_id,
        case types.name
            when 'revenue_uplift' then measured.revenue_uplift
            when 'fill_rate_improvement' then measured.fill_rate_improvement
            when 'inventory_optimization' then measured.inventory_optimization
            when 'stockout_reduction' then measured.stockout_reduction
            when 'overstock_reduction' then measured.overstock_reduction
            when 'cost_savings' then measured.cost_savings
        end as measure
    from measured
    cross join ${schema}.transfer_order_recommendation_impact_types as types;

    -- pre_post for every target; diff_in_diff for respected targets with at least one control measured in both
    -- windows (per impact type). A type that cannot be measured in a window (no demand: fill rate, stockout rate)
    -- gets no row.
    create temp table uplift_to_impacts_computed on commit drop as
    with paired as (
        select
            baseline.to_recommendation_id,
            baseline.product_id,
            baseline.is_treated,
            baseline.impact_type_id,
            baseline.measure as baseline_measure,
            actual.measure as actual_measure
        from uplift_to_measures as baseline
        inner join uplift_to_measures as actual
            on actual.to_recommendation_id = baseline.to_recommendation_id
            and actual.product_id = baseline.product_id
            and actual.is_treated = baseline.is_treated
            and actual.impact_type_id = baseline.impact_type_id
            and actual.period = 'actual'
        where baseline.period = 'baseline'
            and baseline.measure is not null and actual.measure is not null
    ),

    control_means as (
        select
            paired.to_recommendation_id,
            paired.impact_type_id,
            count(*)::integer as control_count,
            avg(paired.baseline_measure) as control_baseline,
            avg(paired.actual_measure) as control_actual
        from paired
        where not paired.is_treated
        group by paired.to_recommendation_id, paired.impact_type_id
    ),

    pre_post as (
        select
            paired.to_recommendation_id,
            paired.impact_type_id,
            1::smallint as measurement_method_id,
            round(paired.baseline_measure, 4) as baseline_value,
            round(paired.actual_measure, 4) as actual_value,
            null::integer as control_count,
            null::numeric as control_baseline_value,
            null::numeric as control_actual_value
        from paired
        where paired.is_treated
    ),

    diff_in_diff as (
        select
            paired.to_recommendation_id,
            paired.impact_type_id,
            2::smallint as measurement_method_id,
            round(paired.baseline_measure + control_means.control_actual - control_means.control_baseline, 4)
            as baseline_value,
            round(paired.actual_measure, 4) as actual_value,
            control_means.control_count,
            round(control_means.control_baseline, 4) as control_baseline_value,
            round(control_means.control_actual, 4) as control_actual_value
        from paired
        inner join control_means
            on control_means.to_recommendation_id = paired.to_recommendation_id
            and control_means.impact_type_id = paired.impact_type_id
        where paired.is_treated
    ),

    both_methods as (
        select * from pre_post
        union all
        select * from diff_in_diff
    )

    select
        both_methods.*,
        uplift_to_targets.actual_end_date as measurement_date,
        uplift_to_targets.baseline_start_date,
        uplift_to_targets.baseline_end_date,
        uplift_to_targets.actual_start_date,
        uplift_to_targets.actual_end_date,
        uplift_to_targets.is_respected
    from both_methods
    inner join uplift_to_targets on uplift_to_targets.to_recommendation_id = both_methods.to_recommendation_id;
    drop table uplift_to_measures, uplift_to_units;
end
$$;
comment on procedure ${schema}.uplift_to_measure(date, integer [], integer [], jsonb) is
'Step 13 (uplift), impacts of transfer-order recommendations: for the first recommendation of every decided episode '
'whose after window (from recommendation date + transit days) has passed, the six measures over the before and the '
'after window: demand over the receiving location and below, stock over those plus the sending location, '
'overstock at the receiving location; pre_post for each, diff_in_diff against not-respected recommendations into '
'the same location with the same ABC and frequency class. Writes the temp tables uplift_to_targets and '
'uplift_to_impacts_computed. docs/uplift.md.';

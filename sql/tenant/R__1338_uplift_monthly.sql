-- The UI's roll-up of step 13 (uplift), both sides in one definition: impacts of purchase-order (side po) and
-- transfer-order (side to) recommendations per month, partner (supplier of a purchase order, route of a transfer)
-- and product category, as additive sums so that any coarser roll-up (a supplier over all categories, a receiving
-- location over all senders, a year) is their sum. po_uplift_monthly and to_uplift_monthly are its two sides.
-- A view rather than a stats table: step stats (12) runs before uplift (13) and owns the statistics tables.
-- Definitions: docs/uplift.md "Roll-ups for the UI".
create or replace view ${stats_schema}.uplift_monthly as
with impacts as (
    select
        'po'::text as side,
        date_trunc('month', po_recommendations.recommendation_date)::date as month_start,
        po_recommendations.supplier_id,
        null::integer as from_location_id,
        null::integer as to_location_id,
        products.product_category_id,
        purchase_order_recommendation_impact_types.name as impact_type,
        purchase_order_recommendation_impact_types.unit,
        purchase_order_recommendation_impact_types.is_higher_better,
        measurement_methods.name as measurement_method,
        purchase_order_recommendation_impacts.is_respected,
        purchase_order_recommendation_impacts.baseline_value,
        purchase_order_recommendation_impacts.actual_value,
        purchase_order_recommendation_impacts.impact_value,
        purchase_order_recommendation_impacts.is_conclusive
    from ${schema}.purchase_order_recommendation_impacts
    inner join ${schema}.po_recommendations
        on purchase_order_recommendation_impacts.po_recommendation_id = po_recommendations.id
    inner join ${schema}.products on po_recommendations.product_id = products.id
    inner join ${schema}.purchase_order_recommendation_impact_types
        on
            purchase_order_recommendation_impacts.purchase_order_recommendation_impact_type_id
            = purchase_order_recommendation_impact_types.id
    inner join ${schema}.measurement_methods
        on purchase_order_recommendation_impacts.measurement_method_id = measurement_methods.id
    union all
    select
        'to'::text as side,
        date_trunc('month', to_recommendations.recommendation_date)::date as month_start,
        null::integer as supplier_id,
        to_recommendations.from_location_id,
        to_recommendations.to_location_id,
        products.product_category_id,
        transfer_order_recommendation_impact_types.name as impact_type,
        transfer_order_recommendation_impact_types.unit,
        transfer_order_recommendation_impact_types.is_higher_better,
        measurement_methods.name as measurement_method,
        transfer_order_recommendation_impacts.is_respected,
        transfer_order_recommendation_impacts.baseline_value,
        transfer_order_recommendation_impacts.actual_value,
        transfer_order_recommendation_impacts.impact_value,
        transfer_order_recommendation_impacts.is_conclusive
    from ${schema}.transfer_order_recommendation_impacts
    inner join ${schema}.to_recommendations
        on transfer_order_recommendation_impacts.to_recommendation_id = to_recommendations.id
    inner join ${schema}.products on to_recommendations.product_id = products.id
    inner join ${schema}.transfer_order_recommendation_impact_types
        on
            transfer_order_recommendation_impacts.transfer_order_recommendation_impact_type_id
            = transfer_order_recommendation_impact_types.id
    inner join ${schema}.measurement_methods
        on transfer_order_recommendation_impacts.measurement_method_id = measurement_methods.id
),

rolled_up as (
    select
        impacts.side,
        impacts.month_start,
        impacts.supplier_id,
        impacts.from_location_id,
        impacts.to_location_id,
        impacts.product_category_id,
        impacts.impact_type,
        impacts.unit,
        impacts.is_higher_better,
        impacts.measurement_method,
        impacts.is_respected,
        count(*) as recommendation_count,
        count(*) filter (
            where (impacts.impact_value > 0 and impacts.is_higher_better)
            or (impacts.impact_value < 0 and not impacts.is_higher_better)
        ) as improved_count,
        sum(impacts.baseline_value) as baseline_sum,
        sum(impacts.actual_value) as actual_sum,
        sum(impacts.impact_value) as impact_sum,
        round(avg(impacts.impact_value), 4) as avg_impact_value,
        count(impacts.is_conclusive) as interval_count,
        count(*) filter (where impacts.is_conclusive) as conclusive_count
    from impacts
    group by
        impacts.side, impacts.month_start, impacts.supplier_id, impacts.from_location_id, impacts.to_location_id,
        impacts.product_category_id, impacts.impact_type, impacts.unit, impacts.is_higher_better,
        impacts.measurement_method, impacts.is_respected
)

select * from rolled_up;

comment on view ${stats_schema}.uplift_monthly is
'Impacts of purchase-order (side po) and transfer-order (side to) recommendations (step 13) per month of the '
'recommendation date, supplier (po) or route (to: sending and receiving location), product category (current), '
'impact type, method and whether the recommendation was followed. One row per measured episode (its first '
'recommendation), so an order is not counted once for each day it was proposed. Sums are additive: roll up by '
'supplier, route, location or category by summing, and divide impact_sum by recommendation_count for a mean. '
'po_uplift_monthly and to_uplift_monthly show one side each. docs/uplift.md.';
comment on column ${stats_schema}.uplift_monthly.side is
'po: purchase-order recommendations (step 10); to: transfer-order recommendations (step 11).';
comment on column ${stats_schema}.uplift_monthly.month_start is 'First day of the month of the recommendation date.';
comment on column ${stats_schema}.uplift_monthly.supplier_id is 'Supplier of the recommendations (side po; else null).';
comment on column ${stats_schema}.uplift_monthly.from_location_id is
'Sending location of the route (side to; else null).';
comment on column ${stats_schema}.uplift_monthly.to_location_id is
'Receiving location of the route (side to; else null).';
comment on column ${stats_schema}.uplift_monthly.product_category_id is
'Current category of the product (null: none).';
comment on column ${stats_schema}.uplift_monthly.impact_type is
'revenue_uplift, fill_rate_improvement, inventory_optimization, stockout_reduction, overstock_reduction or '
'cost_savings.';
comment on column ${stats_schema}.uplift_monthly.unit is 'Unit of the values.';
comment on column ${stats_schema}.uplift_monthly.is_higher_better is 'True when a positive impact is good.';
comment on column ${stats_schema}.uplift_monthly.measurement_method is 'pre_post or diff_in_diff.';
comment on column ${stats_schema}.uplift_monthly.is_respected is
'Whether the recommendations were followed (ordered, or transferred).';
comment on column ${stats_schema}.uplift_monthly.recommendation_count is 'Recommendations (episodes) measured.';
comment on column ${stats_schema}.uplift_monthly.improved_count is
'Of those, how many moved in the good direction.';
comment on column ${stats_schema}.uplift_monthly.baseline_sum is 'Sum of baseline_value.';
comment on column ${stats_schema}.uplift_monthly.actual_sum is 'Sum of actual_value.';
comment on column ${stats_schema}.uplift_monthly.impact_sum is 'Sum of impact_value (actual - baseline).';
comment on column ${stats_schema}.uplift_monthly.avg_impact_value is
'Mean impact per recommendation (not additive: recompute from impact_sum / recommendation_count).';
comment on column ${stats_schema}.uplift_monthly.interval_count is
'Of the recommendations, how many have a 95 % confidence interval (diff_in_diff with at least 2 controls).';
comment on column ${stats_schema}.uplift_monthly.conclusive_count is
'Of those, how many have an interval that excludes 0 (is_conclusive); the others are not measurable yet.';

grant select on ${stats_schema}.uplift_monthly to ${ui_role};

-- The UI's roll-up of step 13 (uplift): impacts of purchase-order recommendations per month, supplier and product
-- category, as additive sums so that any coarser roll-up (a supplier over all categories, a year) is their sum.
-- A view rather than a stats table: step stats (12) runs before uplift (13) and owns the statistics tables.
-- Definitions: docs/uplift.md "Roll-ups".
create or replace view ${stats_schema}.po_uplift_monthly as
with impacts as (
    select
        date_trunc('month', po_recommendations.recommendation_date)::date as month_start,
        po_recommendations.supplier_id,
        products.product_category_id,
        purchase_order_recommendation_impact_types.name as impact_type,
        purchase_order_recommendation_impact_types.unit,
        purchase_order_recommendation_impact_types.is_higher_better,
        measurement_methods.name as measurement_method,
        purchase_order_recommendation_impacts.is_respected,
        purchase_order_recommendation_impacts.baseline_value,
        purchase_order_recommendation_impacts.actual_value,
        purchase_order_recommendation_impacts.impact_value
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
),

rolled_up as (
    select
        impacts.month_start,
        impacts.supplier_id,
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
        round(avg(impacts.impact_value), 4) as avg_impact_value
    from impacts
    group by
        impacts.month_start, impacts.supplier_id, impacts.product_category_id, impacts.impact_type, impacts.unit,
        impacts.is_higher_better, impacts.measurement_method, impacts.is_respected
)

select * from rolled_up;

comment on view ${stats_schema}.po_uplift_monthly is
'Impacts of purchase-order recommendations (step 13) per month of the recommendation date, supplier, product '
'category (current), impact type, method and whether the recommendation was followed. Sums are additive: roll up '
'by supplier or by category by summing, and divide impact_sum by recommendation_count for a mean. Impacts are '
'measured once per episode (consecutive recommendations of one product x location x supplier), on its first '
'recommendation, so an order is not counted once for each day it was proposed. docs/uplift.md.';
comment on column ${stats_schema}.po_uplift_monthly.month_start is 'First day of the month of the recommendation date.';
comment on column ${stats_schema}.po_uplift_monthly.supplier_id is 'Supplier of the recommendations.';
comment on column ${stats_schema}.po_uplift_monthly.product_category_id is
'Current category of the product (null: none).';
comment on column ${stats_schema}.po_uplift_monthly.impact_type is
'revenue_uplift, fill_rate_improvement, inventory_optimization, stockout_reduction, overstock_reduction or '
'cost_savings.';
comment on column ${stats_schema}.po_uplift_monthly.unit is 'Unit of the values.';
comment on column ${stats_schema}.po_uplift_monthly.is_higher_better is 'True when a positive impact is good.';
comment on column ${stats_schema}.po_uplift_monthly.measurement_method is 'pre_post or diff_in_diff.';
comment on column ${stats_schema}.po_uplift_monthly.is_respected is 'Whether the recommendations were followed.';
comment on column ${stats_schema}.po_uplift_monthly.recommendation_count is 'Recommendations measured.';
comment on column ${stats_schema}.po_uplift_monthly.improved_count is
'Of those, how many moved in the good direction.';
comment on column ${stats_schema}.po_uplift_monthly.baseline_sum is 'Sum of baseline_value.';
comment on column ${stats_schema}.po_uplift_monthly.actual_sum is 'Sum of actual_value.';
comment on column ${stats_schema}.po_uplift_monthly.impact_sum is 'Sum of impact_value (actual - baseline).';
comment on column ${stats_schema}.po_uplift_monthly.avg_impact_value is
'Mean impact per recommendation (not additive: recompute from impact_sum / recommendation_count).';

grant select on ${stats_schema}.po_uplift_monthly to ${ui_role};

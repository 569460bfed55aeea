-- The UI's roll-up of step 13 (uplift): impacts of purchase-order recommendations per month, supplier and product
-- category, as additive sums so that any coarser roll-up (a supplier over all categories, a year) is their sum.
-- A view rather than a stats table: step stats (12) runs before uplift (13) and owns the statistics tables.
-- One side of the shared definition uplift_monthly (R__1338). Definitions: docs/uplift.md "Roll-ups for the UI".
create or replace view ${stats_schema}.po_uplift_monthly as
select
    uplift_monthly.month_start,
    uplift_monthly.supplier_id,
    uplift_monthly.product_category_id,
    uplift_monthly.impact_type,
    uplift_monthly.unit,
    uplift_monthly.is_higher_better,
    uplift_monthly.measurement_method,
    uplift_monthly.is_respected,
    uplift_monthly.recommendation_count,
    uplift_monthly.improved_count,
    uplift_monthly.baseline_sum,
    uplift_monthly.actual_sum,
    uplift_monthly.impact_sum,
    uplift_monthly.avg_impact_value
from ${stats_schema}.uplift_monthly
where uplift_monthly.side = 'po';

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

-- The UI's roll-up of step 13 (uplift), transfer side: impacts of transfer-order recommendations per month, route
-- (sending -> receiving location) and product category, as additive sums so that any coarser roll-up (a receiving
-- location over all senders, a category over all routes, a year) is their sum. The purchase side: po_uplift_monthly.
-- A view rather than a stats table: step stats (12) runs before uplift (13) and owns the statistics tables.
-- One side of the shared definition uplift_monthly (R__1338). Definitions: docs/uplift.md "Roll-ups for the UI".
create or replace view ${stats_schema}.to_uplift_monthly as
select
    uplift_monthly.month_start,
    uplift_monthly.from_location_id,
    uplift_monthly.to_location_id,
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
where uplift_monthly.side = 'to';

comment on view ${stats_schema}.to_uplift_monthly is
'Impacts of transfer-order recommendations (step 13) per month of the recommendation date, route (sending and '
'receiving location), product category (current), impact type, method and whether the recommendation was '
'followed. One row per measured episode (its first recommendation). Sums are additive: roll up by route, location '
'or category by summing, and divide impact_sum by recommendation_count for a mean. docs/uplift.md.';
comment on column ${stats_schema}.to_uplift_monthly.month_start is 'First day of the month of the recommendation date.';
comment on column ${stats_schema}.to_uplift_monthly.from_location_id is 'Sending location of the route.';
comment on column ${stats_schema}.to_uplift_monthly.to_location_id is 'Receiving location of the route.';
comment on column ${stats_schema}.to_uplift_monthly.product_category_id is
'Current category of the product (null: none).';
comment on column ${stats_schema}.to_uplift_monthly.impact_type is
'revenue_uplift, fill_rate_improvement, inventory_optimization, stockout_reduction, overstock_reduction or '
'cost_savings.';
comment on column ${stats_schema}.to_uplift_monthly.unit is 'Unit of the values.';
comment on column ${stats_schema}.to_uplift_monthly.is_higher_better is 'True when a positive impact is good.';
comment on column ${stats_schema}.to_uplift_monthly.measurement_method is 'pre_post or diff_in_diff.';
comment on column ${stats_schema}.to_uplift_monthly.is_respected is
'Whether the recommendations were followed (transferred).';
comment on column ${stats_schema}.to_uplift_monthly.recommendation_count is 'Recommendations measured.';
comment on column ${stats_schema}.to_uplift_monthly.improved_count is
'Of those, how many moved in the good direction.';
comment on column ${stats_schema}.to_uplift_monthly.baseline_sum is 'Sum of baseline_value.';
comment on column ${stats_schema}.to_uplift_monthly.actual_sum is 'Sum of actual_value.';
comment on column ${stats_schema}.to_uplift_monthly.impact_sum is 'Sum of impact_value (actual - baseline).';
comment on column ${stats_schema}.to_uplift_monthly.avg_impact_value is
'Mean impact per recommendation (not additive: recompute from impact_sum / recommendation_count).';

grant select on ${stats_schema}.to_uplift_monthly to ${ui_role};

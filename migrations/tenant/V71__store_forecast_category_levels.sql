-- Issue 12 point 6: what a full forecast averaged over every series to give a new series its fallback prior level,
-- stored so that a scoped re-forecast reads it instead of averaging its own few products (docs/forecast.md "Re-runs,
-- scope, retention"): the category's mean level at each location (demand_forecast_pools) and each location's factor
-- for its new listings (demand_forecast_locations). Null in forecasts written before they were stored: a scoped
-- rewrite of such a forecast computes them from its own products as before.

alter table ${schema}.demand_forecast_pools
add column established_series integer,
add column category_level_qty float8,
add constraint demand_forecast_pool_established_check check (
    established_series >= 0 and (category_level_qty is null) = (established_series = 0)
);
comment on column ${schema}.demand_forecast_pools.established_series is
'Series of the category at the location with at least forecast.min_history_weeks of history in this forecast (the '
'ones category_level_qty averages); null in forecasts written before it was stored.';
comment on column ${schema}.demand_forecast_pools.category_level_qty is
'Mean weekly level (units, the series'' weighted candidates, unseasoned) of those series: the prior level of a new '
'series of the category at the location that has no similar products and sells nowhere else. Null when no series '
'is established there (or in forecasts written before it was stored: then established_series is null too).';
comment on constraint demand_forecast_pool_established_check on ${schema}.demand_forecast_pools is
'A category level exactly where established series were averaged.';

alter table ${schema}.demand_forecast_locations
add column listing_factor float8,
add constraint demand_forecast_location_listing_factor_check check (listing_factor > 0);
comment on column ${schema}.demand_forecast_locations.listing_factor is
'How the location sells the products newly listed there against their established locations'' mean level, pooled '
'over all its young listings and shrunk towards 1 (1 without any): the factor of a new listing''s prior when it has '
'no similar products. Null in forecasts written before it was stored.';
comment on constraint demand_forecast_location_listing_factor_check on ${schema}.demand_forecast_locations is
'A factor on a level: positive.';

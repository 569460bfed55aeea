-- Step 7 (forecast), method weekly-combination-3: the pooled promotion uplift of each category, stored with the
-- pools so that a scoped re-forecast de-promotes its products' history the same way (docs/forecast.md).
alter table ${schema}.demand_forecast_pools add column promo_uplift real not null default 0;
alter table ${schema}.demand_forecast_pools add constraint demand_forecast_pool_promo_uplift_check
check (promo_uplift >= 0);
comment on column ${schema}.demand_forecast_pools.promo_uplift is
'Promotion uplift of the category per unit of discount (demand = base x (1 + uplift x discount); 1.5 = a 20 % '
'discount sells 30 % more), pooled over every location and shrunk (setting forecast.promo_prior_units); the same on '
'each of the category''s rows. Past promotion weeks are divided by it before level and season are estimated.';
comment on constraint demand_forecast_pool_promo_uplift_check on ${schema}.demand_forecast_pools is
'A promotion never lowers demand in the method: the uplift is floored at 0.';

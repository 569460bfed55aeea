-- Issue 12 point 6: the accumulation functions (forecast_accumulate and the steps 8 and 10 that call it) needed the
-- active forecast's last horizon, which they found by scanning every row of the forecast (about a second a call at
-- 10k x 50). The forecast records it once, when it completes; forecasts already stored get it from their rows here.
alter table ${schema}.demand_forecasts
add column last_horizon_days integer,
add constraint demand_forecasts_last_horizon_days_check check (last_horizon_days is null or last_horizon_days >= 1);
comment on column ${schema}.demand_forecasts.last_horizon_days is
'The largest horizon_days among the forecast''s rows in demand_forecast_products (its last week ends on '
'forecast_date + last_horizon_days), written when the forecast completes and kept by scoped rewrites; the '
'accumulation functions read it instead of scanning the rows. Null when the forecast has no rows (or for a row '
'written by other means, which demand_forecast_last_horizon then computes from the rows).';

update ${schema}.demand_forecasts
set last_horizon_days = horizons.last_horizon_days
from (
    select
        demand_forecast_products.demand_forecast_id,
        max(demand_forecast_products.horizon_days) as last_horizon_days
    from ${schema}.demand_forecast_products
    group by demand_forecast_products.demand_forecast_id
) as horizons
where horizons.demand_forecast_id = demand_forecasts.id;

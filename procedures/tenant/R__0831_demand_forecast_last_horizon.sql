-- The last horizon of a forecast, for the accumulation functions (R__0830) and the steps that cap their ranges by it
-- (R__0860, R__1000): read from demand_forecasts.last_horizon_days, written when the forecast completes, instead of a
-- scan of the forecast's rows (a second a call at 10k x 50; docs/benchmarks.md "forecast").
create or replace function ${schema}.demand_forecast_last_horizon(p_forecast_id bigint)
returns integer
language sql
stable
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
    -- A forecast written by other means than step forecast or forecast_import_external (a hand-made fixture) has
    -- none recorded: its rows tell (a scan of that forecast; none when it has no rows, which costs one index probe).
    select coalesce(
        (select demand_forecasts.last_horizon_days from ${schema}.demand_forecasts
         where demand_forecasts.id = p_forecast_id),
        (select max(rows.horizon_days) from ${schema}.demand_forecast_products as rows
         where rows.demand_forecast_id = p_forecast_id
           and rows.forecast_date = (select demand_forecasts.forecast_date from ${schema}.demand_forecasts
                                     where demand_forecasts.id = p_forecast_id))
    )
$$;
comment on function ${schema}.demand_forecast_last_horizon(bigint) is
'The largest horizon_days of a forecast''s rows: demand_forecasts.last_horizon_days (recorded when the forecast '
'completed), else computed from its rows; null for a forecast without rows. Used by forecast_accumulate and steps '
'inventory_targets and po_recommendations to find the forecast''s last day without scanning it.';

grant execute on function ${schema}.demand_forecast_last_horizon(bigint) to ${ui_role};

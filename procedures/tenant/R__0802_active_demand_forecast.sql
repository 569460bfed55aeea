-- The active forecast (seed 004): the latest completed demand_forecasts row, and its rows.
create or replace view ${schema}.active_demand_forecast as
select
    demand_forecasts.id,
    demand_forecasts.forecast_date,
    demand_forecasts.metadata,
    demand_forecasts.created_at
from ${schema}.demand_forecasts
inner join ${schema}.demand_forecast_statuses
    on demand_forecast_statuses.id = demand_forecasts.demand_forecast_status_id
where demand_forecast_statuses.name = 'completed'
order by demand_forecasts.created_at desc, demand_forecasts.id desc
limit 1;
comment on view ${schema}.active_demand_forecast is
'The active demand forecast (seed 004 convention): the latest completed demand_forecasts row by created_at. '
'At most one row.';

-- Its columns changed while the file was young: drop it first so that create can lay them out anew.
drop view if exists ${schema}.active_demand_forecast_products;
create view ${schema}.active_demand_forecast_products as
select
    demand_forecast_products.demand_forecast_id,
    demand_forecast_products.forecast_date,
    demand_forecast_products.product_id,
    demand_forecast_products.location_id,
    demand_source_types.name as demand_source_type,
    demand_forecast_products.horizon_days,
    demand_forecast_products.prob_demand,
    demand_forecast_products.predicted_qty,
    demand_forecast_products.critical_ratio,
    demand_forecast_products.confidence,
    demand_forecast_products.forecast_date + demand_forecast_products.horizon_days - 6 as week_start_date,
    demand_forecast_products.forecast_date + demand_forecast_products.horizon_days as week_end_date
from ${schema}.active_demand_forecast
inner join ${schema}.demand_forecast_products
    on
        demand_forecast_products.demand_forecast_id = active_demand_forecast.id
        and demand_forecast_products.forecast_date = active_demand_forecast.forecast_date
inner join ${schema}.demand_source_types
    on demand_source_types.id = demand_forecast_products.demand_source_type_id;
comment on view ${schema}.active_demand_forecast_products is
'Rows of the active demand forecast with the source type''s name and the dates of each horizon week '
'(week_start_date .. week_end_date).';

grant select on ${schema}.active_demand_forecast, ${schema}.active_demand_forecast_products to ${ui_role};

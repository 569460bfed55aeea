-- The active forecast: the latest completed demand_forecasts row, and its rows.
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
'The active demand forecast: the latest completed demand_forecasts row by created_at (a failed or running '
'forecast never replaces it). '
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

comment on column ${schema}.active_demand_forecast.id is
'The active forecasts id (demand_forecasts.id).';
comment on column ${schema}.active_demand_forecast.forecast_date is
'Date the active forecast was made for: its weeks start the day after.';
comment on column ${schema}.active_demand_forecast.metadata is
'Method versions, settings and the input watermark of the active forecast (JSON).';
comment on column ${schema}.active_demand_forecast.created_at is
'When the active forecast was written; the latest completed one is active.';
comment on column ${schema}.active_demand_forecast_products.demand_forecast_id is
'The active forecast (demand_forecasts.id).';
comment on column ${schema}.active_demand_forecast_products.forecast_date is
'Date the forecast was made for (partition key).';
comment on column ${schema}.active_demand_forecast_products.product_id is
'The product.';
comment on column ${schema}.active_demand_forecast_products.location_id is
'The location.';
comment on column ${schema}.active_demand_forecast_products.demand_source_type is
'Name of the demand source type: actual, imputed_local_global, imputed_global_only, dead_product, online_only, '
'dropship or unknown.';
comment on column ${schema}.active_demand_forecast_products.horizon_days is
'End of the forecast week in days after forecast_date: 7, 14, ... (week k ends on day 7k).';
comment on column ${schema}.active_demand_forecast_products.week_start_date is
'First day of the forecast week.';
comment on column ${schema}.active_demand_forecast_products.week_end_date is
'Last day of the forecast week.';
comment on column ${schema}.active_demand_forecast_products.prob_demand is
'Probability of any demand in that week (0-1).';
comment on column ${schema}.active_demand_forecast_products.predicted_qty is
'Expected demand of that week in units.';
comment on column ${schema}.active_demand_forecast_products.critical_ratio is
'Newsvendor critical ratio of the pair (underage / (underage + overage)); null without price or cost.';
comment on column ${schema}.active_demand_forecast_products.confidence is
'Confidence in the series forecast (0-1), from its backtest error and history length.';

grant select on ${schema}.active_demand_forecast, ${schema}.active_demand_forecast_products to ${ui_role};

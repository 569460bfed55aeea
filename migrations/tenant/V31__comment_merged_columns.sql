-- Comments the merged steps left out: the id columns of their tables, and table comments that cited the design
-- documents instead of saying what they meant (every column has a comment; no comment cites an outside document).
comment on column ${schema}.change_events.id is 'Surrogate key of the change event, in order of capture.';
comment on column ${schema}.change_runs.id is 'Surrogate key of the re-run the change processor started.';
comment on column ${schema}.data_quality_acceptances.id is 'Surrogate key of the recorded acceptance.';
comment on column ${schema}.inventory_target_params.id is 'Surrogate key of the parameter row.';
comment on column ${schema}.inventory_targets.id is
'Surrogate key of the target (inventory_target_params refer to it).';
comment on column ${schema}.location_calendar_dates.id is 'Surrogate key of the calendar date entry.';
comment on column ${schema}.product_type_rules.id is 'Surrogate key of the rule.';
comment on column ${schema}.product_types.id is 'Stable small id of the product type (products refer to it).';
comment on column ${stats_schema}.stats_runs.id is 'Surrogate key of the statistics refresh run.';
comment on table ${schema}.demand_forecasts is
'One row per forecast computed by step forecast: usually one a day per client; a re-run after a failure or after '
'its inputs changed adds another for the same date and the older one stays for audit (until retention drops its '
'date). A re-run with unchanged inputs (same input watermark in metadata) adds nothing. The active forecast is the '
'latest completed one: view active_demand_forecast (docs/forecast.md).';
comment on table ${schema}.demand_forecast_products is
'The forecast: one row per product x store/webshop x weekly horizon of a demand_forecasts row. Partitioned by '
'forecast_date, one partition a day (demand_forecast_products_pYYYYMMDD, created by the step); retention drops '
'whole partitions (forecast_drop_expired). The unique key leads with demand_forecast_id: the index the '
'active-forecast queries use. Method and definitions: docs/forecast.md.';
comment on table ${schema}.demand_forecast_statuses is
'Life cycle of a demand forecast: pending, running, completed, failed. The active forecast is the latest completed '
'one (view active_demand_forecast).';
comment on table ${stats_schema}.agg_daily_sales is
'Daily sales over every location: orders, lines, identified customers, units, revenue, cost and margin of '
'fact_sales per day; only days with a sale.';
comment on table ${stats_schema}.agg_product_sales is
'Sales per product and month over every location (by month so that a new day rewrites one month per product): '
'units, revenue, cost, margin, orders and selling locations.';
comment on table ${stats_schema}.agg_customer_lifetime is
'Lifetime figures per identified customer from fact_sales: first and last order, orders, months with an order, '
'units, revenue, average order value. Recency is relative to a date, so it is computed in the view '
'customer_analytics, not stored.';
comment on table ${stats_schema}.fact_sales is
'Sales fact: one row per active line of a sales order that is not cancelled (the sales of the statistics), '
'partitioned by month of order_date (partitions fact_sales_yYYYYmMM, created by the refresh); every dimension key '
'indexed. Dimension keys point at the product and customer versions valid on the order date. The design''s '
'"clustered index on date_sk": PostgreSQL keeps no clustered order, the monthly partitions and date_sk index serve '
'time-series reads.';

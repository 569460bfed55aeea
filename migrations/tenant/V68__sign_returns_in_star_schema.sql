-- Issue 17: returns in the warehouse star schema. A return document's lines become signed fact rows (is_return,
-- negative quantity, line total and cost), so every sum over fact_sales is net of refunds like the sales statistics
-- (demand_history.revenue is net); the aggregates count orders and return documents apart, their order-count
-- constraints allow a day, product month or customer with returns only. The star schema is emptied: the next
-- step stats (or stats_rebuild) builds it whole with signed rows. Definitions: docs/stats.md "Returns".

-- Views read the columns replaced below; R__1240 creates them again.
drop view if exists ${stats_schema}.customer_analytics;
drop view if exists ${stats_schema}.product_performance;
drop view if exists ${stats_schema}.kpi_overview;
drop view if exists ${stats_schema}.sales_trends;

-- Built whole by the next refresh (it rebuilds a star schema whose dim_date is empty).
truncate ${stats_schema}.fact_sales, ${stats_schema}.agg_daily_sales, ${stats_schema}.agg_product_sales,
${stats_schema}.agg_customer_lifetime, ${stats_schema}.dim_date;

alter table ${stats_schema}.fact_sales
add column is_return boolean not null default false,
drop constraint fact_sale_quantity_check,
add constraint fact_sale_quantity_sign_check check (
    case when is_return then quantity <= 0 else quantity >= 0 end
);
comment on table ${stats_schema}.fact_sales is
'Sales fact: one row per active line of a sales order or return document that is not cancelled, partitioned by '
'month of order_date (partitions fact_sales_yYYYYmMM, created by the refresh); every dimension key indexed. A return '
'line (is_return) carries negative quantity, amounts and cost, so sums are net of refunds, as in the sales '
'statistics. Dimension keys point at the product and customer versions valid on the order date. There is no '
'clustered index on date_sk (PostgreSQL keeps no clustered order): the monthly partitions and the date_sk index '
'serve time-series reads.';
comment on column ${stats_schema}.fact_sales.is_return is 'Transaction type (degenerate dimension): true for a line '
'of a return document (credit note), whose measures are negated; false for a sale.';
comment on column ${stats_schema}.fact_sales.quantity is 'Units: positive sold, negative returned.';
comment on column ${stats_schema}.fact_sales.unit_price is 'Unit price in the client currency (as sent, never '
'negated).';
comment on column ${stats_schema}.fact_sales.discount is 'Line discount in the client currency (as sent, never '
'negated).';
comment on column ${stats_schema}.fact_sales.gross_amount is 'quantity x unit_price, before the discount (negative '
'on a return line).';
comment on column ${stats_schema}.fact_sales.line_total is 'Line revenue in the client currency (0 when the ERP sent '
'none); a return line''s refund is negative, so sum(line_total) per day, product and location equals the net '
'revenue of sales_daily.';
comment on column ${stats_schema}.fact_sales.cost_amount is 'quantity x the unit cost of the product version of '
'product_sk (negative on a return: the goods come back); null when unknown.';

alter table ${stats_schema}.agg_daily_sales
add column return_count integer not null default 0,
add column returned_quantity numeric(16, 3) not null default 0,
add column returned_revenue numeric(18, 4) not null default 0,
drop column avg_order_value,
drop constraint agg_daily_sale_counts_check,
add constraint agg_daily_sale_counts_check check (
    order_count >= 0 and return_count >= 0 and order_count + return_count > 0
    and line_count >= order_count + return_count
);
alter table ${stats_schema}.agg_daily_sales
add column avg_order_value numeric(18, 4) generated always as (
    round((revenue + returned_revenue) / nullif(order_count, 0), 4)
) stored;
comment on table ${stats_schema}.agg_daily_sales is
'Daily sales over every location from fact_sales: orders and return documents, lines, '
'identified customers, net units, net revenue, cost and margin per day; only days with a sale or a return.';
comment on column ${stats_schema}.agg_daily_sales.order_count is 'Distinct sales orders (not returns) with a fact '
'row.';
comment on column ${stats_schema}.agg_daily_sales.return_count is 'Distinct return documents with a fact row.';
comment on column ${stats_schema}.agg_daily_sales.line_count is 'Fact rows (sale and return lines).';
comment on column ${stats_schema}.agg_daily_sales.customer_count is 'Distinct identified customers with a sale or a '
'return (anonymous excluded).';
comment on column ${stats_schema}.agg_daily_sales.anonymous_order_count is 'Sales orders without a customer.';
comment on column ${stats_schema}.agg_daily_sales.quantity is 'Net units: sold minus returned.';
comment on column ${stats_schema}.agg_daily_sales.revenue is 'Net revenue: sum of line_total (refunds negative).';
comment on column ${stats_schema}.agg_daily_sales.returned_quantity is 'Units returned that day (positive).';
comment on column ${stats_schema}.agg_daily_sales.returned_revenue is 'Revenue refunded that day (positive).';
comment on column ${stats_schema}.agg_daily_sales.cost_amount is 'Net cost (returned goods negative); null when any '
'line''s is unknown.';
comment on column ${stats_schema}.agg_daily_sales.avg_order_value is 'Sales revenue (before refunds) per sales '
'order: (revenue + returned_revenue) / order_count; null on a day with returns only.';

alter table ${stats_schema}.agg_product_sales
add column return_count integer not null default 0,
add column returned_quantity numeric(16, 3) not null default 0,
add column returned_revenue numeric(18, 4) not null default 0,
alter column first_sale_date drop not null,
alter column last_sale_date drop not null,
add constraint agg_product_sale_counts_check check (
    (order_count > 0) = (first_sale_date is not null) and return_count >= 0 and order_count + return_count > 0
);
comment on table ${stats_schema}.agg_product_sales is
'Sales per product and month over every location (by month so that a new day rewrites one month per product): '
'net units, revenue, cost, margin, orders, returns and locations.';
comment on column ${stats_schema}.agg_product_sales.first_sale_date is 'First day of the month with a sale; null in '
'a month with returns only.';
comment on column ${stats_schema}.agg_product_sales.last_sale_date is 'Last day of the month with a sale; null in '
'a month with returns only.';
comment on column ${stats_schema}.agg_product_sales.order_count is 'Distinct sales orders with the product.';
comment on column ${stats_schema}.agg_product_sales.return_count is 'Distinct return documents with the product.';
comment on column ${stats_schema}.agg_product_sales.location_count is 'Distinct locations that sold or took back '
'the product.';
comment on column ${stats_schema}.agg_product_sales.quantity is 'Net units: sold minus returned.';
comment on column ${stats_schema}.agg_product_sales.revenue is 'Net revenue: sum of line_total (refunds negative).';
comment on column ${stats_schema}.agg_product_sales.returned_quantity is 'Units returned in the month (positive).';
comment on column ${stats_schema}.agg_product_sales.returned_revenue is 'Revenue refunded in the month (positive).';
comment on column ${stats_schema}.agg_product_sales.cost_amount is 'Net cost (returned goods negative); null when '
'any is unknown.';

alter table ${stats_schema}.agg_customer_lifetime
add column return_count integer not null default 0,
add column returned_revenue numeric(18, 4) not null default 0,
drop column avg_order_value,
alter column first_order_date drop not null,
alter column last_order_date drop not null,
drop constraint agg_customer_lifetime_dates_check,
add constraint agg_customer_lifetime_dates_check check (last_order_date >= first_order_date),
add constraint agg_customer_lifetime_counts_check check (
    (order_count > 0) = (first_order_date is not null) and return_count >= 0 and order_count + return_count > 0
);
alter table ${stats_schema}.agg_customer_lifetime
add column avg_order_value numeric(18, 4) generated always as (round(revenue / nullif(order_count, 0), 4)) stored;
comment on table ${stats_schema}.agg_customer_lifetime is
'Lifetime figures per identified customer from fact_sales: first and last order, '
'orders, return documents, months with an order, net units, net revenue, average order value. Recency is relative '
'to a date, so it is computed in the view customer_analytics, not stored.';
comment on column ${stats_schema}.agg_customer_lifetime.first_order_date is 'Date of the first sales order; null '
'for a customer with returns only (the order is older than the history).';
comment on column ${stats_schema}.agg_customer_lifetime.last_order_date is 'Date of the latest sales order; null '
'for a customer with returns only.';
comment on column ${stats_schema}.agg_customer_lifetime.order_count is 'Distinct sales orders (not returns).';
comment on column ${stats_schema}.agg_customer_lifetime.return_count is 'Distinct return documents.';
comment on column ${stats_schema}.agg_customer_lifetime.active_month_count is 'Distinct months with a sales order.';
comment on column ${stats_schema}.agg_customer_lifetime.quantity is 'Net units bought: bought minus returned.';
comment on column ${stats_schema}.agg_customer_lifetime.revenue is 'Net revenue: sum of line_total (refunds '
'negative).';
comment on column ${stats_schema}.agg_customer_lifetime.returned_revenue is 'Revenue refunded (positive).';
comment on column ${stats_schema}.agg_customer_lifetime.avg_order_value is 'Net revenue per sales order; null '
'without one.';

-- The SCD2 dimensions follow the versions written since the previous refresh (docs/stats.md "Refresh"): the highest
-- customer version seen, like product_version_id_max; versions corrected in place start on or after the previous
-- horizon, found through an index on valid_from instead of a scan of the version tables.
alter table ${stats_schema}.stats_runs add column customer_version_id_max bigint;
comment on column ${stats_schema}.stats_runs.customer_version_id_max is 'Highest customer_versions.id seen: the '
'next refresh rewrites the dim_customers rows of the customers with a newer version.';
comment on column ${stats_schema}.stats_runs.product_version_id_max is 'Highest product_versions.id seen: a newer '
'product version (e.g. a new cost) revalues the stock of its product from its valid_from, and the next refresh '
'rewrites the dim_products rows of its product.';
create index product_versions_valid_from_idx on ${schema}.product_versions (valid_from);
create index customer_versions_valid_from_idx on ${schema}.customer_versions (valid_from);

-- The retail analytics queries (KPI overview, sales trends, product performance, customer analytics) as views over
-- the star schema in _stats, readable by the client's UI role and any BI tool connected as it. Definitions:
-- docs/stats.md "Analytics views".

create or replace view ${stats_schema}.kpi_overview as
with totals as (
    select
        max(agg_daily_sales.full_date) as as_of_date,
        min(agg_daily_sales.full_date) as first_sale_date,
        sum(agg_daily_sales.revenue) as total_revenue,
        sum(agg_daily_sales.order_count) as total_orders,
        sum(agg_daily_sales.quantity) as total_units,
        case when count(agg_daily_sales.cost_amount) = count(*) then sum(agg_daily_sales.cost_amount) end
        as total_cost,
        sum(agg_daily_sales.return_count) as total_returns,
        sum(agg_daily_sales.returned_revenue) as total_returned_revenue
    from ${stats_schema}.agg_daily_sales
),

windows as (
    select
        sum(agg_daily_sales.revenue) filter (
            where agg_daily_sales.full_date > totals.as_of_date - 30
        ) as revenue_last_30_days,
        sum(agg_daily_sales.revenue) filter (
            where agg_daily_sales.full_date <= totals.as_of_date - 30
            and agg_daily_sales.full_date > totals.as_of_date - 60
        ) as revenue_prior_30_days
    from ${stats_schema}.agg_daily_sales
    cross join totals
),

kpis as (
    select
        totals.as_of_date,
        totals.first_sale_date,
        totals.total_revenue,
        totals.total_orders,
        totals.total_units,
        (select count(*) from ${stats_schema}.agg_customer_lifetime) as total_customers,
        round(totals.total_revenue / nullif(totals.total_orders, 0), 2) as avg_order_value,
        round(100 * (totals.total_revenue - totals.total_cost) / nullif(totals.total_revenue, 0), 2)
        as gross_margin_pct,
        windows.revenue_last_30_days,
        windows.revenue_prior_30_days,
        round(100 * (windows.revenue_last_30_days / nullif(windows.revenue_prior_30_days, 0) - 1), 2)
        as revenue_growth_pct,
        totals.total_returns,
        totals.total_returned_revenue
    from totals
    cross join windows
)

select * from kpis;
comment on view ${stats_schema}.kpi_overview is
'KPI overview, one row: net revenue (refunds deducted), orders, net units, identified customers, average order '
'value, gross margin % (null when some cost is unknown) over all fact_sales, revenue of the last 30 days up to the '
'latest sale day against the 30 before (growth %), returns and refunds.';
comment on column ${stats_schema}.kpi_overview.as_of_date is
'Latest day with a sale or a return in the statistics.';
comment on column ${stats_schema}.kpi_overview.first_sale_date is
'First day with a sale or a return in the statistics.';
comment on column ${stats_schema}.kpi_overview.total_revenue is
'Net revenue of all sales and return lines (refunds deducted), client currency.';
comment on column ${stats_schema}.kpi_overview.total_orders is
'Number of sales orders (return documents not counted).';
comment on column ${stats_schema}.kpi_overview.total_units is
'Net units: sold minus returned.';
comment on column ${stats_schema}.kpi_overview.total_customers is
'Identified customers with at least one order.';
comment on column ${stats_schema}.kpi_overview.avg_order_value is
'Net revenue per sales order.';
comment on column ${stats_schema}.kpi_overview.gross_margin_pct is
'(revenue - cost) / revenue in percent; null when some cost is unknown.';
comment on column ${stats_schema}.kpi_overview.revenue_last_30_days is
'Revenue of the 30 days up to as_of_date.';
comment on column ${stats_schema}.kpi_overview.revenue_prior_30_days is
'Revenue of the 30 days before those.';
comment on column ${stats_schema}.kpi_overview.revenue_growth_pct is
'Last 30 days against the prior 30, in percent.';
comment on column ${stats_schema}.kpi_overview.total_returns is
'Number of return documents (credit notes).';
comment on column ${stats_schema}.kpi_overview.total_returned_revenue is
'Revenue refunded by returns (positive; already deducted from total_revenue).';

create or replace view ${stats_schema}.sales_trends as
with months as (
    select
        date_trunc('month', fact_sales.order_date)::date as month_start,
        sum(fact_sales.line_total) as revenue,
        count(distinct fact_sales.sales_order_id) filter (where not fact_sales.is_return) as order_count,
        sum(fact_sales.quantity) as units,
        count(distinct fact_sales.customer_id) filter (where not fact_sales.is_return) as customer_count,
        count(distinct fact_sales.sales_order_id) filter (where fact_sales.is_return) as return_count,
        coalesce(-sum(fact_sales.line_total) filter (where fact_sales.is_return), 0) as returned_revenue
    from ${stats_schema}.fact_sales
    group by date_trunc('month', fact_sales.order_date)::date
),

trends as (
    select
        months.month_start,
        months.revenue,
        months.order_count,
        months.units,
        months.customer_count,
        months.return_count,
        months.returned_revenue,
        round(months.revenue / nullif(months.order_count, 0), 2) as avg_order_value,
        round(100 * (months.revenue / nullif(lag(months.revenue) over (order by months.month_start), 0) - 1), 2)
        as revenue_growth_pct,
        round(100 * (months.revenue / nullif(previous_year.revenue, 0) - 1), 2) as revenue_yoy_pct
    from months
    left join months as previous_year on previous_year.month_start = (months.month_start - interval '1 year')::date
)

select * from trends;
comment on view ${stats_schema}.sales_trends is
'Sales trends: per calendar month net revenue (refunds deducted), orders, net units, identified customers, average '
'order value, growth against the previous month with sales and against the same month a year before (null without '
'one), returns and refunds.';
comment on column ${stats_schema}.sales_trends.month_start is
'First day of the calendar month.';
comment on column ${stats_schema}.sales_trends.revenue is
'Net revenue of the month (refunds deducted).';
comment on column ${stats_schema}.sales_trends.order_count is
'Sales orders of the month (return documents not counted).';
comment on column ${stats_schema}.sales_trends.units is
'Net units of the month: sold minus returned.';
comment on column ${stats_schema}.sales_trends.customer_count is
'Identified customers who ordered in the month.';
comment on column ${stats_schema}.sales_trends.avg_order_value is
'Net revenue per sales order in the month.';
comment on column ${stats_schema}.sales_trends.revenue_growth_pct is
'Against the previous month with sales, in percent.';
comment on column ${stats_schema}.sales_trends.revenue_yoy_pct is
'Against the same month a year before, in percent; null without one.';
comment on column ${stats_schema}.sales_trends.return_count is
'Return documents of the month.';
comment on column ${stats_schema}.sales_trends.returned_revenue is
'Revenue refunded in the month (positive; already deducted from revenue).';

create or replace view ${stats_schema}.product_performance as
with totals as (
    select
        agg_product_sales.product_id,
        min(agg_product_sales.first_sale_date) as first_sale_date,
        max(agg_product_sales.last_sale_date) as last_sale_date,
        sum(agg_product_sales.order_count) as order_count,
        sum(agg_product_sales.quantity) as units,
        sum(agg_product_sales.revenue) as revenue,
        sum(agg_product_sales.returned_quantity) as returned_units,
        sum(agg_product_sales.returned_revenue) as returned_revenue,
        case when count(agg_product_sales.cost_amount) = count(*) then sum(agg_product_sales.cost_amount) end
        as cost_amount
    from ${stats_schema}.agg_product_sales
    group by agg_product_sales.product_id
),

performance as (
    select
        totals.product_id,
        dim_products.product_erp_id,
        dim_products.name,
        dim_products.category_path,
        dim_products.brand_name,
        totals.first_sale_date,
        totals.last_sale_date,
        totals.order_count,
        totals.units,
        totals.revenue,
        totals.returned_units,
        totals.returned_revenue,
        totals.revenue - totals.cost_amount as margin,
        round(100 * (totals.revenue - totals.cost_amount) / nullif(totals.revenue, 0), 2) as margin_pct,
        rank() over (order by totals.revenue desc) as revenue_rank,
        round(100 * totals.revenue / nullif(sum(totals.revenue) over (), 0), 2) as revenue_share_pct
    from totals
    inner join ${stats_schema}.dim_products
        on dim_products.product_id = totals.product_id and dim_products.is_current
)

select * from performance;
comment on view ${stats_schema}.product_performance is
'Product performance: per product (current attributes) its first and last sale, orders, net units, net revenue, '
'margin and margin %, rank by revenue and share of all revenue, returned units and refunds, from agg_product_sales.';
comment on column ${stats_schema}.product_performance.product_id is
'The product (production id).';
comment on column ${stats_schema}.product_performance.product_erp_id is
'The products ERP id.';
comment on column ${stats_schema}.product_performance.name is
'Current product name.';
comment on column ${stats_schema}.product_performance.category_path is
'Current category path.';
comment on column ${stats_schema}.product_performance.brand_name is
'Current brand.';
comment on column ${stats_schema}.product_performance.first_sale_date is
'First day the product sold.';
comment on column ${stats_schema}.product_performance.last_sale_date is
'Last day the product sold.';
comment on column ${stats_schema}.product_performance.order_count is
'Orders with the product.';
comment on column ${stats_schema}.product_performance.units is
'Net units: sold minus returned.';
comment on column ${stats_schema}.product_performance.revenue is
'Net revenue of the product (refunds deducted).';
comment on column ${stats_schema}.product_performance.margin is
'Revenue minus cost; null when some cost is unknown.';
comment on column ${stats_schema}.product_performance.margin_pct is
'Margin over revenue in percent.';
comment on column ${stats_schema}.product_performance.revenue_rank is
'Rank by revenue, 1 = highest.';
comment on column ${stats_schema}.product_performance.revenue_share_pct is
'Share of all revenue in percent.';
comment on column ${stats_schema}.product_performance.returned_units is
'Units returned (positive).';
comment on column ${stats_schema}.product_performance.returned_revenue is
'Revenue refunded (positive; already deducted from revenue).';

create or replace view ${stats_schema}.customer_analytics as
with horizon as (
    select coalesce(max(dim_date.full_date), current_date) as as_of_date from ${stats_schema}.dim_date
),

customers as (
    select
        agg_customer_lifetime.customer_id,
        dim_customers.customer_erp_id,
        dim_customers.name,
        dim_customers.city_name,
        agg_customer_lifetime.first_order_date,
        agg_customer_lifetime.last_order_date,
        agg_customer_lifetime.order_count,
        agg_customer_lifetime.active_month_count,
        agg_customer_lifetime.quantity as units,
        agg_customer_lifetime.revenue,
        agg_customer_lifetime.avg_order_value,
        agg_customer_lifetime.return_count,
        agg_customer_lifetime.returned_revenue,
        horizon.as_of_date - agg_customer_lifetime.last_order_date as days_since_last_order,
        case
            when agg_customer_lifetime.order_count = 0 then 'lapsed'
            when horizon.as_of_date - agg_customer_lifetime.first_order_date < 30 then 'new'
            when horizon.as_of_date - agg_customer_lifetime.last_order_date < 90 then 'active'
            when horizon.as_of_date - agg_customer_lifetime.last_order_date < 180 then 'at_risk'
            else 'lapsed'
        end as segment,
        ntile(5) over (order by agg_customer_lifetime.revenue) as revenue_quintile
    from ${stats_schema}.agg_customer_lifetime
    inner join ${stats_schema}.dim_customers
        on dim_customers.customer_id = agg_customer_lifetime.customer_id and dim_customers.is_current
    cross join horizon
)

select * from customers;
comment on view ${stats_schema}.customer_analytics is
'Customer analytics: per identified customer (current attributes) the lifetime figures, days since the '
'last order at the statistics horizon, a segment (new: first order < 30 days ago; active: last order < 90 days; '
'at_risk: < 180 days; lapsed, also a customer with returns only) and the net revenue quintile (5 = top).';
comment on column ${stats_schema}.customer_analytics.customer_id is
'The customer (production id).';
comment on column ${stats_schema}.customer_analytics.customer_erp_id is
'The customers ERP id.';
comment on column ${stats_schema}.customer_analytics.name is
'Current customer name.';
comment on column ${stats_schema}.customer_analytics.city_name is
'Current city.';
comment on column ${stats_schema}.customer_analytics.first_order_date is
'First sales order day; null with returns only.';
comment on column ${stats_schema}.customer_analytics.last_order_date is
'Last sales order day; null with returns only.';
comment on column ${stats_schema}.customer_analytics.order_count is
'Orders of the customer.';
comment on column ${stats_schema}.customer_analytics.active_month_count is
'Calendar months with at least one order.';
comment on column ${stats_schema}.customer_analytics.units is
'Net units bought: bought minus returned.';
comment on column ${stats_schema}.customer_analytics.revenue is
'Net revenue of the customer (refunds deducted).';
comment on column ${stats_schema}.customer_analytics.avg_order_value is
'Net revenue per sales order; null without one.';
comment on column ${stats_schema}.customer_analytics.days_since_last_order is
'Days from the last order to the statistics horizon (latest dim_date day).';
comment on column ${stats_schema}.customer_analytics.segment is
'new (first order < 30 days ago), active (last order < 90 days), at_risk (< 180 days) or lapsed.';
comment on column ${stats_schema}.customer_analytics.revenue_quintile is
'Net revenue quintile among customers, 5 = top.';
comment on column ${stats_schema}.customer_analytics.return_count is
'Return documents of the customer.';
comment on column ${stats_schema}.customer_analytics.returned_revenue is
'Revenue refunded to the customer (positive; already deducted from revenue).';

grant select on ${stats_schema}.kpi_overview, ${stats_schema}.sales_trends, ${stats_schema}.product_performance,
${stats_schema}.customer_analytics to ${ui_role};

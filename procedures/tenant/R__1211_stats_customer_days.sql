-- Step 12 helper: each identified customer's sales figures per day on the given order dates, from fact_sales. The
-- incremental agg_customer_lifetime reads it twice, before and after the facts of the rewritten dates are replaced,
-- and adds the difference (stats_warehouse_refresh): one definition, so the two sides cannot drift apart.
create or replace function ${schema}.stats_customer_days(p_dates date[], p_date_sks integer[])
returns table (
    customer_id integer, order_date date, order_count bigint, return_count bigint, quantity numeric,
    revenue numeric, returned_revenue numeric
)
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select fact.customer_id, fact.order_date,
           count(distinct fact.sales_order_id) filter (where not fact.is_return) as order_count,
           count(distinct fact.sales_order_id) filter (where fact.is_return) as return_count,
           sum(fact.quantity) as quantity, sum(fact.line_total) as revenue,
           coalesce(-sum(fact.line_total) filter (where fact.is_return), 0) as returned_revenue
    from ${stats_schema}.fact_sales as fact
    -- order_date prunes the partitions, date_sk (indexed) finds the dates' rows in them.
    where fact.order_date = any(p_dates) and fact.date_sk = any(p_date_sks) and fact.customer_id is not null
    group by fact.customer_id, fact.order_date
$$;
comment on function ${schema}.stats_customer_days(date[], integer[]) is
'Step 12 helper: per identified customer and order date among p_dates (p_date_sks: the same dates as dim_date keys, '
'to use the date_sk index inside each month partition), from ${stats_schema}.fact_sales: sales orders, return '
'documents, net units, net revenue and refunds (positive). The difference of its result after and before a refresh '
'rewrites those dates is what agg_customer_lifetime adds (stats_warehouse_refresh).';

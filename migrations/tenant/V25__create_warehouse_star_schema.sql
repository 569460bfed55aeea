-- Step 12 (stats), warehouse star schema (seed 003 "Warehouse Schema"): SCD type 2 dimensions built from the
-- production history of step 3, current-state dimensions, fact_sales (one row per sales-order line, partitioned by
-- month) and three aggregates, in the client's _stats schema. Surrogate keys of the SCD2 dimensions are the ids of
-- the production version rows, so a key never changes once a fact points at it. Refreshed by step stats
-- (procedures R__12xx); the analytics views are R__ files in sql/tenant. Definitions: docs/stats.md.

-- Partitions of fact_sales are created by the refresh; the UI role reads them like every table of the schema.
alter default privileges in schema ${stats_schema} grant select on tables to ${ui_role};

create table ${stats_schema}.dim_date (
    date_sk integer not null,
    full_date date not null,
    year smallint not null,
    quarter smallint not null,
    month smallint not null,
    month_name text not null,
    iso_year smallint not null,
    iso_week smallint not null,
    week_start date not null,
    day_of_month smallint not null,
    day_of_week smallint not null,
    day_name text not null,
    is_weekend boolean not null,
    constraint dim_date_pkey primary key (date_sk),
    constraint dim_date_full_date_key unique (full_date),
    constraint dim_date_sk_check check (date_sk = to_char(full_date, 'YYYYMMDD')::integer)
);
comment on table ${stats_schema}.dim_date is
'Date dimension: one row per calendar day from the first sales order to the statistics horizon (extended by the '
'refresh). date_sk is the day as the integer YYYYMMDD, so facts can be read without joining it.';
comment on column ${stats_schema}.dim_date.date_sk is 'Surrogate key: YYYYMMDD as an integer (20240131).';
comment on column ${stats_schema}.dim_date.full_date is 'The day.';
comment on column ${stats_schema}.dim_date.year is 'Calendar year.';
comment on column ${stats_schema}.dim_date.quarter is 'Calendar quarter, 1-4.';
comment on column ${stats_schema}.dim_date.month is 'Calendar month, 1-12.';
comment on column ${stats_schema}.dim_date.month_name is 'English month name (January).';
comment on column ${stats_schema}.dim_date.iso_year is 'ISO 8601 week-numbering year.';
comment on column ${stats_schema}.dim_date.iso_week is 'ISO 8601 week, 1-53.';
comment on column ${stats_schema}.dim_date.week_start is 'Monday of the ISO week (the period_start of the weekly '
'statistics).';
comment on column ${stats_schema}.dim_date.day_of_month is 'Day of the month, 1-31.';
comment on column ${stats_schema}.dim_date.day_of_week is 'ISO day of the week: 1 Monday ... 7 Sunday.';
comment on column ${stats_schema}.dim_date.day_name is 'English day name (Monday).';
comment on column ${stats_schema}.dim_date.is_weekend is 'Saturday or Sunday.';

create table ${stats_schema}.dim_products (
    product_sk bigint not null,
    product_id integer not null,
    product_erp_id text not null,
    name text not null,
    brand_name text,
    category_path text,
    primary_supplier_erp_id text,
    cost numeric(14, 4),
    price numeric(14, 4),
    pack_size_qty numeric(12, 3),
    is_dropship boolean not null,
    erp_status text not null,
    is_discontinued boolean not null,
    is_active boolean not null,
    effective_date date not null,
    end_date date,
    is_current boolean not null,
    constraint dim_products_pkey primary key (product_sk),
    constraint dim_products_product_id_effective_date_key unique (product_id, effective_date),
    constraint dim_product_dates_check check (end_date >= effective_date),
    constraint dim_product_current_check check (is_current = (end_date is null))
);
create index dim_products_product_erp_id_idx on ${stats_schema}.dim_products (product_erp_id);
comment on table ${stats_schema}.dim_products is
'Product dimension, SCD type 2: one row per version of a product (production product_versions), so a fact keeps the '
'attributes its product had on the sale date. The row valid on day D is the one with effective_date <= D and '
'(end_date is null or end_date >= D): the same rows as product_as_of(D) (tested).';
comment on column ${stats_schema}.dim_products.product_sk is 'Surrogate key: the id of the product_versions row.';
comment on column ${stats_schema}.dim_products.product_id is 'The product (production products.id).';
comment on column ${stats_schema}.dim_products.product_erp_id is 'Business key: the product id in the ERP.';
comment on column ${stats_schema}.dim_products.name is 'Product name in this version.';
comment on column ${stats_schema}.dim_products.brand_name is 'Brand of this version (brands.name).';
comment on column ${stats_schema}.dim_products.category_path is 'Category of this version, full path (A > B > C).';
comment on column ${stats_schema}.dim_products.primary_supplier_erp_id is 'Primary supplier of this version (ERP '
'id).';
comment on column ${stats_schema}.dim_products.cost is 'Unit cost in the client currency in this version.';
comment on column ${stats_schema}.dim_products.price is 'Unit list price in the client currency in this version.';
comment on column ${stats_schema}.dim_products.pack_size_qty is 'Pack size in this version.';
comment on column ${stats_schema}.dim_products.is_dropship is 'Delivered by the supplier, never stocked.';
comment on column ${stats_schema}.dim_products.erp_status is 'ERP status in this version.';
comment on column ${stats_schema}.dim_products.is_discontinued is 'Effective discontinued flag (UI override, else '
'ERP) in this version.';
comment on column ${stats_schema}.dim_products.is_active is 'False in a version recording that the product left '
'the ERP snapshot.';
comment on column ${stats_schema}.dim_products.effective_date is 'First day of this version (valid_from).';
comment on column ${stats_schema}.dim_products.end_date is 'Last day of this version (valid_to - 1); null while '
'current.';
comment on column ${stats_schema}.dim_products.is_current is 'True for the version valid now.';

create table ${stats_schema}.dim_customers (
    customer_sk bigint not null,
    customer_id integer,
    customer_erp_id text not null,
    name text,
    email text,
    city_name text,
    effective_date date not null,
    end_date date,
    is_current boolean not null,
    constraint dim_customers_pkey primary key (customer_sk),
    constraint dim_customers_customer_id_effective_date_key unique (customer_id, effective_date),
    constraint dim_customer_dates_check check (end_date >= effective_date),
    constraint dim_customer_current_check check (is_current = (end_date is null)),
    constraint dim_customer_anonymous_check check ((customer_sk = 0) = (customer_id is null))
);
create index dim_customers_customer_erp_id_idx on ${stats_schema}.dim_customers (customer_erp_id);
comment on table ${stats_schema}.dim_customers is
'Customer dimension, SCD type 2: one row per version of a customer (production customer_versions); the row valid on '
'day D equals customer_as_of(D) (tested). customer_sk 0 is the anonymous customer of sales without one (cash sales).';
comment on column ${stats_schema}.dim_customers.customer_sk is 'Surrogate key: the id of the customer_versions row; 0 '
'= anonymous.';
comment on column ${stats_schema}.dim_customers.customer_id is 'The customer (production customers.id); null for '
'the anonymous row.';
comment on column ${stats_schema}.dim_customers.customer_erp_id is 'Business key: the customer id in the ERP '
'(''(anonymous)'' for row 0).';
comment on column ${stats_schema}.dim_customers.name is 'Customer name in this version.';
comment on column ${stats_schema}.dim_customers.email is 'E-mail address in this version.';
comment on column ${stats_schema}.dim_customers.city_name is 'City in this version.';
comment on column ${stats_schema}.dim_customers.effective_date is 'First day of this version (valid_from).';
comment on column ${stats_schema}.dim_customers.end_date is 'Last day of this version (valid_to - 1); null while '
'current.';
comment on column ${stats_schema}.dim_customers.is_current is 'True for the version valid now.';
insert into ${stats_schema}.dim_customers (customer_sk, customer_erp_id, name, effective_date, is_current)
values (0, '(anonymous)', 'Anonymous', '1900-01-01', true);

create table ${stats_schema}.dim_locations (
    location_sk integer not null,
    location_erp_id text not null,
    name text not null,
    location_type text not null,
    echelon smallint not null,
    parent_location_erp_id text,
    city_name text,
    country_code text,
    erp_status text not null,
    is_enabled boolean not null,
    is_active boolean not null,
    open_date date,
    close_date date,
    constraint dim_locations_pkey primary key (location_sk),
    constraint dim_locations_location_erp_id_key unique (location_erp_id)
);
comment on table ${stats_schema}.dim_locations is
'Location dimension, current values (type 1): one row per store, webshop, DC, warehouse. Its history is in '
'production location_versions.';
comment on column ${stats_schema}.dim_locations.location_sk is 'Surrogate key: production locations.id.';
comment on column ${stats_schema}.dim_locations.location_erp_id is 'Business key: the location code in the ERP.';
comment on column ${stats_schema}.dim_locations.name is 'Location name.';
comment on column ${stats_schema}.dim_locations.location_type is 'store, online, dc, warehouse or central.';
comment on column ${stats_schema}.dim_locations.echelon is '1 store/online, 2 DC, 3 warehouse, 4 central.';
comment on column ${stats_schema}.dim_locations.parent_location_erp_id is 'Location that replenishes this one.';
comment on column ${stats_schema}.dim_locations.city_name is 'City as the ERP sends it.';
comment on column ${stats_schema}.dim_locations.country_code is 'ISO 3166 alpha-2 country code.';
comment on column ${stats_schema}.dim_locations.erp_status is 'planned, active or closed (ERP).';
comment on column ${stats_schema}.dim_locations.is_enabled is 'The planner''s switch (UI).';
comment on column ${stats_schema}.dim_locations.is_active is 'False once the location left the ERP snapshot.';
comment on column ${stats_schema}.dim_locations.open_date is 'Opening date.';
comment on column ${stats_schema}.dim_locations.close_date is 'Closing date; null while open.';

create table ${stats_schema}.dim_payment_method (
    payment_method_sk smallint not null,
    code text not null,
    name text not null,
    constraint dim_payment_method_pkey primary key (payment_method_sk),
    constraint dim_payment_method_code_key unique (code)
);
comment on table ${stats_schema}.dim_payment_method is
'Payment method dimension: one row per payment method seen in sales orders (production payment_methods); 0 = '
'unknown (an order without one).';
comment on column ${stats_schema}.dim_payment_method.payment_method_sk is 'Surrogate key: production '
'payment_methods.id; 0 = unknown.';
comment on column ${stats_schema}.dim_payment_method.code is 'Canonical code (card, cash, invoice, ...).';
comment on column ${stats_schema}.dim_payment_method.name is 'Display name (the code, capitalised).';
insert into ${stats_schema}.dim_payment_method (payment_method_sk, code, name) values (0, 'unknown', 'Unknown');

create table ${stats_schema}.fact_sales (
    sales_order_line_id bigint not null,
    order_date date not null,
    date_sk integer not null,
    sales_order_id bigint not null,
    order_erp_id text not null,
    line_no integer not null,
    product_sk bigint not null,
    product_id integer not null,
    customer_sk bigint not null,
    customer_id integer,
    location_sk integer not null,
    payment_method_sk smallint not null,
    channel text,
    quantity numeric(14, 3) not null,
    unit_price numeric(14, 4),
    discount numeric(14, 4),
    gross_amount numeric(18, 4),
    line_total numeric(18, 4) not null,
    cost_amount numeric(18, 4),
    margin numeric(18, 4) generated always as (line_total - cost_amount) stored,
    constraint fact_sales_pkey primary key (sales_order_line_id, order_date),
    constraint fact_sale_date_sk_check check (date_sk = to_char(order_date, 'YYYYMMDD')::integer),
    constraint fact_sale_quantity_check check (quantity >= 0)
) partition by range (order_date);
create index fact_sales_date_sk_idx on ${stats_schema}.fact_sales (date_sk);
create index fact_sales_product_sk_idx on ${stats_schema}.fact_sales (product_sk);
create index fact_sales_product_id_order_date_idx on ${stats_schema}.fact_sales (product_id, order_date);
create index fact_sales_customer_sk_idx on ${stats_schema}.fact_sales (customer_sk);
create index fact_sales_customer_id_idx on ${stats_schema}.fact_sales (customer_id);
create index fact_sales_location_sk_idx on ${stats_schema}.fact_sales (location_sk);
create index fact_sales_payment_method_sk_idx on ${stats_schema}.fact_sales (payment_method_sk);
comment on table ${stats_schema}.fact_sales is
'Sales fact: one row per active line of a sales order that is not cancelled (the sales of the statistics), '
'partitioned by month of order_date (partitions fact_sales_yYYYYmMM, created by the refresh); every dimension key '
'indexed. Dimension keys point at the product and customer versions valid on the order date. Seed 003''s '
'"clustered index on date_sk": PostgreSQL keeps no clustered order, the monthly partitions and date_sk index serve '
'time-series reads.';
comment on column ${stats_schema}.fact_sales.sales_order_line_id is 'Production sales_order_lines.id (degenerate '
'key).';
comment on column ${stats_schema}.fact_sales.order_date is 'Order date (partition key).';
comment on column ${stats_schema}.fact_sales.date_sk is 'dim_date key (YYYYMMDD).';
comment on column ${stats_schema}.fact_sales.sales_order_id is 'Production sales_orders.id.';
comment on column ${stats_schema}.fact_sales.order_erp_id is 'Order number in the ERP (degenerate dimension).';
comment on column ${stats_schema}.fact_sales.line_no is 'Line number within the order.';
comment on column ${stats_schema}.fact_sales.product_sk is 'dim_products key: the product version valid on the '
'order date (else the product''s first version).';
comment on column ${stats_schema}.fact_sales.product_id is 'The product (production id, all its versions).';
comment on column ${stats_schema}.fact_sales.customer_sk is 'dim_customers key: the customer version valid on the '
'order date (else its first); 0 = anonymous.';
comment on column ${stats_schema}.fact_sales.customer_id is 'The customer (production id); null when anonymous.';
comment on column ${stats_schema}.fact_sales.location_sk is 'dim_locations key: the selling store or webshop.';
comment on column ${stats_schema}.fact_sales.payment_method_sk is 'dim_payment_method key; 0 = unknown.';
comment on column ${stats_schema}.fact_sales.channel is 'store or online (the order''s channel).';
comment on column ${stats_schema}.fact_sales.quantity is 'Units.';
comment on column ${stats_schema}.fact_sales.unit_price is 'Unit price in the client currency.';
comment on column ${stats_schema}.fact_sales.discount is 'Line discount in the client currency.';
comment on column ${stats_schema}.fact_sales.gross_amount is 'quantity x unit_price, before the discount.';
comment on column ${stats_schema}.fact_sales.line_total is 'Line revenue in the client currency (0 when the ERP '
'sent none), as in demand_history and the sales statistics.';
comment on column ${stats_schema}.fact_sales.cost_amount is 'quantity x the unit cost of the product version of '
'product_sk; null when unknown.';
comment on column ${stats_schema}.fact_sales.margin is 'line_total - cost_amount.';

create table ${stats_schema}.agg_daily_sales (
    date_sk integer not null,
    full_date date not null,
    order_count integer not null,
    line_count integer not null,
    customer_count integer not null,
    anonymous_order_count integer not null,
    quantity numeric(16, 3) not null,
    revenue numeric(18, 4) not null,
    cost_amount numeric(18, 4),
    margin numeric(18, 4) generated always as (revenue - cost_amount) stored,
    avg_order_value numeric(18, 4) generated always as (round(revenue / order_count, 4)) stored,
    constraint agg_daily_sales_pkey primary key (date_sk),
    constraint agg_daily_sales_full_date_key unique (full_date),
    constraint agg_daily_sale_counts_check check (order_count > 0 and line_count >= order_count)
);
comment on table ${stats_schema}.agg_daily_sales is
'Daily sales over every location (seed 003 agg_daily_sales): orders, lines, identified customers, units, revenue, '
'cost and margin of fact_sales per day; only days with a sale.';
comment on column ${stats_schema}.agg_daily_sales.date_sk is 'dim_date key.';
comment on column ${stats_schema}.agg_daily_sales.full_date is 'The day.';
comment on column ${stats_schema}.agg_daily_sales.order_count is 'Distinct sales orders with a fact row.';
comment on column ${stats_schema}.agg_daily_sales.line_count is 'Fact rows (order lines).';
comment on column ${stats_schema}.agg_daily_sales.customer_count is 'Distinct identified customers (anonymous '
'excluded).';
comment on column ${stats_schema}.agg_daily_sales.anonymous_order_count is 'Orders without a customer.';
comment on column ${stats_schema}.agg_daily_sales.quantity is 'Units sold.';
comment on column ${stats_schema}.agg_daily_sales.revenue is 'Sum of line_total.';
comment on column ${stats_schema}.agg_daily_sales.cost_amount is 'Sum of cost_amount; null when any line''s is '
'unknown.';
comment on column ${stats_schema}.agg_daily_sales.margin is 'revenue - cost_amount.';
comment on column ${stats_schema}.agg_daily_sales.avg_order_value is 'revenue / order_count.';

create table ${stats_schema}.agg_product_sales (
    product_id integer not null,
    month_start date not null,
    first_sale_date date not null,
    last_sale_date date not null,
    order_count integer not null,
    location_count integer not null,
    quantity numeric(16, 3) not null,
    revenue numeric(18, 4) not null,
    cost_amount numeric(18, 4),
    margin numeric(18, 4) generated always as (revenue - cost_amount) stored,
    constraint agg_product_sales_pkey primary key (product_id, month_start),
    constraint agg_product_sale_dates_check check (
        last_sale_date >= first_sale_date and first_sale_date >= month_start
    )
);
comment on table ${stats_schema}.agg_product_sales is
'Sales per product and month over every location (seed 003 agg_product_sales, by month so that a new day rewrites '
'one month per product): units, revenue, cost, margin, orders and selling locations.';
comment on column ${stats_schema}.agg_product_sales.product_id is 'The product (production id, all versions).';
comment on column ${stats_schema}.agg_product_sales.month_start is 'First day of the month.';
comment on column ${stats_schema}.agg_product_sales.first_sale_date is 'First day of the month with a sale.';
comment on column ${stats_schema}.agg_product_sales.last_sale_date is 'Last day of the month with a sale.';
comment on column ${stats_schema}.agg_product_sales.order_count is 'Distinct orders with the product.';
comment on column ${stats_schema}.agg_product_sales.location_count is 'Distinct locations that sold it.';
comment on column ${stats_schema}.agg_product_sales.quantity is 'Units sold.';
comment on column ${stats_schema}.agg_product_sales.revenue is 'Sum of line_total.';
comment on column ${stats_schema}.agg_product_sales.cost_amount is 'Sum of cost_amount; null when any is unknown.';
comment on column ${stats_schema}.agg_product_sales.margin is 'revenue - cost_amount.';

create table ${stats_schema}.agg_customer_lifetime (
    customer_id integer not null,
    first_order_date date not null,
    last_order_date date not null,
    order_count integer not null,
    active_month_count integer not null,
    quantity numeric(16, 3) not null,
    revenue numeric(18, 4) not null,
    avg_order_value numeric(18, 4) generated always as (round(revenue / order_count, 4)) stored,
    constraint agg_customer_lifetime_pkey primary key (customer_id),
    constraint agg_customer_lifetime_dates_check check (last_order_date >= first_order_date and order_count > 0)
);
comment on table ${stats_schema}.agg_customer_lifetime is
'Lifetime figures per identified customer (seed 003 agg_customer_lifetime) from fact_sales: first and last order, '
'orders, months with an order, units, revenue, average order value. Recency is relative to a date, so it is '
'computed in the view customer_analytics, not stored.';
comment on column ${stats_schema}.agg_customer_lifetime.customer_id is 'The customer (production customers.id).';
comment on column ${stats_schema}.agg_customer_lifetime.first_order_date is 'Date of the first order.';
comment on column ${stats_schema}.agg_customer_lifetime.last_order_date is 'Date of the latest order.';
comment on column ${stats_schema}.agg_customer_lifetime.order_count is 'Distinct orders.';
comment on column ${stats_schema}.agg_customer_lifetime.active_month_count is 'Distinct months with an order.';
comment on column ${stats_schema}.agg_customer_lifetime.quantity is 'Units bought.';
comment on column ${stats_schema}.agg_customer_lifetime.revenue is 'Sum of line_total.';
comment on column ${stats_schema}.agg_customer_lifetime.avg_order_value is 'revenue / order_count.';

grant select on all tables in schema ${stats_schema} to ${ui_role};

-- Typed staging tables (Quality Mapper output) and the DataQualityGateway's tables (seed 004).
-- Staging tables are UNLOGGED with string keys (raw ERP ids) and no constraints: they are truncated and rebuilt on
-- every gateway run, hold just enough structure for cross-table checks, and are never a source of truth.

create unlogged table ${staging_schema}.staging_products (
    raw_file_id bigint not null,
    record_no integer not null,
    product_id text,
    sku text,
    vendor_sku text,
    name text,
    brand text,
    category_path text,
    supplier_id text,
    cost numeric,
    price numeric,
    currency text,
    pack_size numeric,
    is_dropship boolean,
    status text,
    launch_date date,
    updated_at timestamptz,
    ean text,
    category_code text,
    category_level1 text,
    category_level2 text,
    category_level3 text,
    discontinue_date date,
    missing_fields text [] not null default '{}',
    cast_errors text [] not null default '{}'
);
comment on table ${staging_schema}.staging_products is
'Typed staging rows of the products endpoint, one row per product record, mapped by the Quality Mapper '
'from the run date''s raw records; truncated and rebuilt on every gateway run.';
comment on column ${staging_schema}.staging_products.raw_file_id is
'raw_files row the record came from.';
comment on column ${staging_schema}.staging_products.record_no is
'Record position in its raw file.';
comment on column ${staging_schema}.staging_products.missing_fields is
'Required fields absent or null in the record.';
comment on column ${staging_schema}.staging_products.cast_errors is
'Fields present but not castable to their type.';

create unlogged table ${staging_schema}.staging_locations (
    raw_file_id bigint not null,
    record_no integer not null,
    location_id text,
    name text,
    type text,
    echelon integer,
    parent_location_id text,
    city text,
    country text,
    currency text,
    timezone text,
    status text,
    open_date date,
    close_date date,
    missing_fields text [] not null default '{}',
    cast_errors text [] not null default '{}'
);
comment on table ${staging_schema}.staging_locations is
'Typed staging rows of the locations endpoint, one row per location record, mapped by the Quality Mapper '
'from the run date''s raw records; truncated and rebuilt on every gateway run.';
comment on column ${staging_schema}.staging_locations.raw_file_id is
'raw_files row the record came from.';
comment on column ${staging_schema}.staging_locations.record_no is
'Record position in its raw file.';
comment on column ${staging_schema}.staging_locations.missing_fields is
'Required fields absent or null in the record.';
comment on column ${staging_schema}.staging_locations.cast_errors is
'Fields present but not castable to their type.';

create unlogged table ${staging_schema}.staging_suppliers (
    raw_file_id bigint not null,
    record_no integer not null,
    supplier_id text,
    name text,
    country text,
    currency text,
    lead_time_days numeric,
    moq numeric,
    status text,
    missing_fields text [] not null default '{}',
    cast_errors text [] not null default '{}'
);
comment on table ${staging_schema}.staging_suppliers is
'Typed staging rows of the suppliers endpoint, one row per supplier record, mapped by the Quality Mapper '
'from the run date''s raw records; truncated and rebuilt on every gateway run.';
comment on column ${staging_schema}.staging_suppliers.raw_file_id is
'raw_files row the record came from.';
comment on column ${staging_schema}.staging_suppliers.record_no is
'Record position in its raw file.';
comment on column ${staging_schema}.staging_suppliers.missing_fields is
'Required fields absent or null in the record.';
comment on column ${staging_schema}.staging_suppliers.cast_errors is
'Fields present but not castable to their type.';

create unlogged table ${staging_schema}.staging_sales_orders (
    raw_file_id bigint not null,
    record_no integer not null,
    so_id text,
    line_no integer,
    order_date date,
    location_id text,
    customer_id text,
    customer_name text,
    customer_email text,
    customer_city text,
    payment_method text,
    product_id text,
    qty numeric,
    unit_price numeric,
    discount numeric,
    revenue numeric,
    channel text,
    currency text,
    status text,
    missing_fields text [] not null default '{}',
    cast_errors text [] not null default '{}'
);
comment on table ${staging_schema}.staging_sales_orders is
'Typed staging rows of the sales_orders endpoint, one row per sales order line, mapped by the Quality Mapper '
'from the run date''s raw records; truncated and rebuilt on every gateway run.';
comment on column ${staging_schema}.staging_sales_orders.raw_file_id is
'raw_files row the record came from.';
comment on column ${staging_schema}.staging_sales_orders.record_no is
'Record position in its raw file.';
comment on column ${staging_schema}.staging_sales_orders.missing_fields is
'Required fields absent or null in the record.';
comment on column ${staging_schema}.staging_sales_orders.cast_errors is
'Fields present but not castable to their type.';

create unlogged table ${staging_schema}.staging_purchase_orders (
    raw_file_id bigint not null,
    record_no integer not null,
    po_id text,
    line_no integer,
    supplier_id text,
    location_id text,
    order_date date,
    expected_date date,
    status text,
    product_id text,
    qty_ordered numeric,
    qty_confirmed numeric,
    qty_delivered numeric,
    unit_cost numeric,
    currency text,
    missing_fields text [] not null default '{}',
    cast_errors text [] not null default '{}'
);
comment on table ${staging_schema}.staging_purchase_orders is
'Typed staging rows of the purchase_orders endpoint, one row per purchase order line, mapped by the Quality Mapper '
'from the run date''s raw records; truncated and rebuilt on every gateway run.';
comment on column ${staging_schema}.staging_purchase_orders.raw_file_id is
'raw_files row the record came from.';
comment on column ${staging_schema}.staging_purchase_orders.record_no is
'Record position in its raw file.';
comment on column ${staging_schema}.staging_purchase_orders.missing_fields is
'Required fields absent or null in the record.';
comment on column ${staging_schema}.staging_purchase_orders.cast_errors is
'Fields present but not castable to their type.';

create unlogged table ${staging_schema}.staging_receiving_orders (
    raw_file_id bigint not null,
    record_no integer not null,
    receipt_id text,
    line_no integer,
    po_id text,
    transfer_id text,
    location_id text,
    received_date date,
    product_id text,
    qty_received numeric,
    source_no text,
    source_type text,
    qty_blocked numeric,
    missing_fields text [] not null default '{}',
    cast_errors text [] not null default '{}'
);
comment on table ${staging_schema}.staging_receiving_orders is
'Typed staging rows of the receiving_orders endpoint, one row per receipt line, mapped by the Quality Mapper '
'from the run date''s raw records; truncated and rebuilt on every gateway run.';
comment on column ${staging_schema}.staging_receiving_orders.raw_file_id is
'raw_files row the record came from.';
comment on column ${staging_schema}.staging_receiving_orders.record_no is
'Record position in its raw file.';
comment on column ${staging_schema}.staging_receiving_orders.missing_fields is
'Required fields absent or null in the record.';
comment on column ${staging_schema}.staging_receiving_orders.cast_errors is
'Fields present but not castable to their type.';

create unlogged table ${staging_schema}.staging_store_orders (
    raw_file_id bigint not null,
    record_no integer not null,
    store_order_id text,
    line_no integer,
    location_id text,
    source_location_id text,
    order_date date,
    product_id text,
    qty numeric,
    requested_date date,
    qty_allocated numeric,
    missing_fields text [] not null default '{}',
    cast_errors text [] not null default '{}'
);
comment on table ${staging_schema}.staging_store_orders is
'Typed staging rows of the store_orders endpoint, one row per store order line, mapped by the Quality Mapper '
'from the run date''s raw records; truncated and rebuilt on every gateway run.';
comment on column ${staging_schema}.staging_store_orders.raw_file_id is
'raw_files row the record came from.';
comment on column ${staging_schema}.staging_store_orders.record_no is
'Record position in its raw file.';
comment on column ${staging_schema}.staging_store_orders.missing_fields is
'Required fields absent or null in the record.';
comment on column ${staging_schema}.staging_store_orders.cast_errors is
'Fields present but not castable to their type.';

create unlogged table ${staging_schema}.staging_transfer_orders (
    raw_file_id bigint not null,
    record_no integer not null,
    transfer_id text,
    line_no integer,
    from_location_id text,
    to_location_id text,
    ship_date date,
    expected_date date,
    status text,
    product_id text,
    qty_shipped numeric,
    qty_received numeric,
    store_order_id text,
    reason text,
    received_date date,
    missing_fields text [] not null default '{}',
    cast_errors text [] not null default '{}'
);
comment on table ${staging_schema}.staging_transfer_orders is
'Typed staging rows of the transfer_orders endpoint, one row per transfer order line, mapped by the Quality Mapper '
'from the run date''s raw records; truncated and rebuilt on every gateway run.';
comment on column ${staging_schema}.staging_transfer_orders.raw_file_id is
'raw_files row the record came from.';
comment on column ${staging_schema}.staging_transfer_orders.record_no is
'Record position in its raw file.';
comment on column ${staging_schema}.staging_transfer_orders.missing_fields is
'Required fields absent or null in the record.';
comment on column ${staging_schema}.staging_transfer_orders.cast_errors is
'Fields present but not castable to their type.';

create unlogged table ${staging_schema}.staging_inventory_balances (
    raw_file_id bigint not null,
    record_no integer not null,
    product_id text,
    location_id text,
    balance_date date,
    qty_available numeric,
    qty_blocked numeric,
    qty_reserved numeric,
    qty_all numeric,
    snapshot_type text,
    missing_fields text [] not null default '{}',
    cast_errors text [] not null default '{}'
);
comment on table ${staging_schema}.staging_inventory_balances is
'Typed staging rows of the inventory endpoint, one row per product x location balance, mapped by the Quality Mapper '
'from the run date''s raw records; truncated and rebuilt on every gateway run.';
comment on column ${staging_schema}.staging_inventory_balances.raw_file_id is
'raw_files row the record came from.';
comment on column ${staging_schema}.staging_inventory_balances.record_no is
'Record position in its raw file.';
comment on column ${staging_schema}.staging_inventory_balances.missing_fields is
'Required fields absent or null in the record.';
comment on column ${staging_schema}.staging_inventory_balances.cast_errors is
'Fields present but not castable to their type.';

create unlogged table ${staging_schema}.staging_prices (
    raw_file_id bigint not null,
    record_no integer not null,
    price_list_id text,
    line_no integer,
    location_id text,
    channel text,
    currency text,
    valid_from date,
    valid_to date,
    product_id text,
    price numeric,
    promo_price numeric,
    name text,
    country text,
    missing_fields text [] not null default '{}',
    cast_errors text [] not null default '{}'
);
comment on table ${staging_schema}.staging_prices is
'Typed staging rows of the pricing_lists endpoint, one row per price list line, mapped by the Quality Mapper '
'from the run date''s raw records; truncated and rebuilt on every gateway run.';
comment on column ${staging_schema}.staging_prices.raw_file_id is
'raw_files row the record came from.';
comment on column ${staging_schema}.staging_prices.record_no is
'Record position in its raw file.';
comment on column ${staging_schema}.staging_prices.missing_fields is
'Required fields absent or null in the record.';
comment on column ${staging_schema}.staging_prices.cast_errors is
'Fields present but not castable to their type.';
-- DataQualityGateway (step quality_gate) and DataHealthMonitor (step health) tables, with seed 004's lookups.

create table ${schema}.data_quality_run_statuses (
    id smallint not null,
    name text not null,
    constraint data_quality_run_statuses_pkey primary key (id),
    constraint data_quality_run_statuses_name_key unique (name)
);
comment on table ${schema}.data_quality_run_statuses is 'Lookup: running, passed, failed, error.';
insert into ${schema}.data_quality_run_statuses (id, name) values (1, 'running'), (2, 'passed'), (3, 'failed'),
(4, 'error');

create table ${schema}.data_quality_check_categories (
    id smallint not null,
    name text not null,
    constraint data_quality_check_categories_pkey primary key (id),
    constraint data_quality_check_categories_name_key unique (name)
);
comment on table ${schema}.data_quality_check_categories is
'Lookup: completeness, consistency, freshness, statistical_anomaly.';
insert into ${schema}.data_quality_check_categories (id, name) values (1, 'completeness'), (2, 'consistency'),
(3, 'freshness'), (4, 'statistical_anomaly');

create table ${schema}.data_quality_check_severities (
    id smallint not null,
    name text not null,
    constraint data_quality_check_severities_pkey primary key (id),
    constraint data_quality_check_severities_name_key unique (name)
);
comment on table ${schema}.data_quality_check_severities is
'Lookup: critical (fails the gate) and warning (reported, does not block).';
insert into ${schema}.data_quality_check_severities (id, name) values (1, 'critical'), (2, 'warning');

create table ${schema}.data_quality_runs (
    id bigint generated always as identity,
    run_date date not null,
    data_quality_run_status_id smallint not null,
    gate_passed boolean,
    overall_score numeric(5, 2),
    critical_count integer,
    warning_count integer,
    checks_total integer,
    checks_passed integer,
    started_at timestamptz not null,
    completed_at timestamptz,
    created_at timestamptz not null default now(),
    constraint data_quality_runs_pkey primary key (id),
    constraint data_quality_runs_run_date_key unique (run_date),
    constraint data_quality_runs_data_quality_run_status_id_fkey foreign key (data_quality_run_status_id)
    references ${schema}.data_quality_run_statuses (id),
    constraint data_quality_run_score_check check (overall_score between 0 and 100),
    constraint data_quality_run_counts_check check (checks_passed <= checks_total)
);
comment on table ${schema}.data_quality_runs is
'One DataQualityGateway run per run date (a re-run replaces it): status, whether the gate passed, the 0-100 score '
'and the counts of failed critical and warning checks.';
comment on column ${schema}.data_quality_runs.gate_passed is 'True when no critical check failed: load may proceed.';
comment on column ${schema}.data_quality_runs.overall_score is
'100 x (1 - weight of failed checks / weight of all checks); critical checks weigh 3, warnings 1.';
comment on column ${schema}.data_quality_runs.critical_count is 'Failed critical checks.';
comment on column ${schema}.data_quality_runs.warning_count is 'Failed warning checks.';

create table ${schema}.data_quality_checks (
    id bigint generated always as identity,
    data_quality_run_id bigint not null,
    data_quality_check_category_id smallint not null,
    data_quality_check_severity_id smallint not null,
    endpoint text not null,
    check_name text not null,
    passed boolean not null,
    expected_value text,
    actual_value text,
    failed_count bigint not null default 0,
    detail text,
    fix_instructions text,
    sample_records jsonb,
    constraint data_quality_checks_pkey primary key (id),
    constraint data_quality_checks_run_endpoint_check_name_key unique (data_quality_run_id, endpoint, check_name),
    constraint data_quality_checks_data_quality_run_id_fkey foreign key (data_quality_run_id)
    references ${schema}.data_quality_runs (id) on delete cascade,
    constraint data_quality_checks_category_id_fkey foreign key (data_quality_check_category_id)
    references ${schema}.data_quality_check_categories (id),
    constraint data_quality_checks_severity_id_fkey foreign key (data_quality_check_severity_id)
    references ${schema}.data_quality_check_severities (id),
    constraint data_quality_check_failed_count_check check (failed_count >= 0)
);
comment on table ${schema}.data_quality_checks is
'Every check of a gateway run, per endpoint: passed or not, expected and actual values, a human-readable detail, '
'client-facing fix instructions and a few offending records.';
comment on column ${schema}.data_quality_checks.endpoint is 'ERP endpoint checked (products, sales_orders, ...).';
comment on column ${schema}.data_quality_checks.failed_count is 'Offending records (or files) found.';
comment on column ${schema}.data_quality_checks.fix_instructions is 'What the client''s ERP administrator should fix.';
comment on column ${schema}.data_quality_checks.sample_records is
'Up to five offending records: raw file, record number and the offending values.';

create table ${schema}.data_quality_check_reports (
    id bigint generated always as identity,
    endpoint text not null,
    check_name text not null,
    run_date date not null,
    source text not null,
    metric_value numeric,
    baseline numeric,
    deviation_pct numeric,
    is_baseline_eligible boolean not null,
    created_at timestamptz not null default now(),
    constraint data_quality_check_reports_pkey primary key (id),
    constraint data_quality_check_reports_run_date_source_endpoint_check_name_key
    unique (run_date, source, endpoint, check_name),
    constraint data_quality_check_report_source_check check (source in ('gateway', 'health'))
);
create index data_quality_check_reports_endpoint_check_name_idx
on ${schema}.data_quality_check_reports (endpoint, check_name, run_date);
comment on table ${schema}.data_quality_check_reports is
'Trend metrics of the gateway and the health monitor, one row per run date and metric: the value, the 30-day '
'baseline it was compared with, and the deviation. Rows of a gate-failed run are not baseline-eligible.';
comment on column ${schema}.data_quality_check_reports.baseline is 'Mean of the eligible values of the 30 days before.';
comment on column ${schema}.data_quality_check_reports.deviation_pct is '100 x (value - baseline) / baseline.';
comment on column ${schema}.data_quality_check_reports.is_baseline_eligible is
'False for a run that failed the gate: such runs never enter the baseline.';

grant select on ${schema}.data_quality_run_statuses, ${schema}.data_quality_check_categories,
${schema}.data_quality_check_severities, ${schema}.data_quality_runs, ${schema}.data_quality_checks,
${schema}.data_quality_check_reports to ${ui_role};

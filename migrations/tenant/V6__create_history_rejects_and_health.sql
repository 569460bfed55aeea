-- SCD type 2 history of products, locations, suppliers and customers; what step load could not place (rejects) and
-- what it did (per-entity statistics); the DataHealthMonitor's reports (seed 004); the field ownership registry.

create table ${schema}.product_versions (
    id bigint generated always as identity,
    product_id integer not null,
    valid_from date not null,
    valid_to date,
    is_current boolean not null,
    name text not null,
    brand_id integer,
    product_category_id integer,
    primary_supplier_id integer,
    cost numeric(14, 4),
    price numeric(14, 4),
    pack_size_qty numeric(12, 3),
    is_dropship boolean not null,
    erp_status text not null,
    is_discontinued boolean not null,
    is_active boolean not null,
    version_hash uuid not null,
    constraint product_versions_pkey primary key (id),
    constraint product_versions_product_id_valid_from_key unique (product_id, valid_from),
    constraint product_versions_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint product_version_validity_check check (valid_to > valid_from),
    constraint product_version_current_check check (is_current = (valid_to is null))
);
create unique index product_versions_product_id_current_idx on ${schema}.product_versions (product_id)
where is_current;
comment on table ${schema}.product_versions is
'SCD type 2 history of products: a new version whenever a tracked attribute changes (ERP values and the effective '
'is_discontinued, which includes the planner''s override). Valid on [valid_from, valid_to). See product_as_of().';
comment on column ${schema}.product_versions.product_id is 'The product.';
comment on column ${schema}.product_versions.valid_from is 'Run date from which the version holds (inclusive).';
comment on column ${schema}.product_versions.valid_to is 'Run date from which the next version holds (exclusive); '
'null for the current version.';
comment on column ${schema}.product_versions.is_current is 'True for the version valid today.';
comment on column ${schema}.product_versions.name is 'Tracked: name.';
comment on column ${schema}.product_versions.brand_id is 'Tracked: brand.';
comment on column ${schema}.product_versions.product_category_id is 'Tracked: leaf category.';
comment on column ${schema}.product_versions.primary_supplier_id is 'Tracked: supplier named by the ERP.';
comment on column ${schema}.product_versions.cost is 'Tracked: unit cost, client currency.';
comment on column ${schema}.product_versions.price is 'Tracked: unit price, client currency.';
comment on column ${schema}.product_versions.pack_size_qty is 'Tracked: units per purchase pack.';
comment on column ${schema}.product_versions.is_dropship is 'Tracked: dropship flag.';
comment on column ${schema}.product_versions.erp_status is 'Tracked: ERP life-cycle status.';
comment on column ${schema}.product_versions.is_discontinued is 'Tracked: effective discontinued flag (UI override '
'or ERP).';
comment on column ${schema}.product_versions.is_active is 'Tracked: present in the ERP snapshot.';
comment on column ${schema}.product_versions.version_hash is 'MD5 of the tracked attributes.';

create table ${schema}.location_versions (
    id bigint generated always as identity,
    location_id integer not null,
    valid_from date not null,
    valid_to date,
    is_current boolean not null,
    name text not null,
    location_type text not null,
    echelon smallint not null,
    parent_location_id integer,
    city_name text,
    country_id smallint,
    erp_status text not null,
    is_enabled boolean not null,
    is_active boolean not null,
    version_hash uuid not null,
    constraint location_versions_pkey primary key (id),
    constraint location_versions_location_id_valid_from_key unique (location_id, valid_from),
    constraint location_versions_location_id_fkey foreign key (location_id) references ${schema}.locations (id),
    constraint location_version_validity_check check (valid_to > valid_from),
    constraint location_version_current_check check (is_current = (valid_to is null))
);
create unique index location_versions_location_id_current_idx on ${schema}.location_versions (location_id)
where is_current;
comment on table ${schema}.location_versions is
'SCD type 2 history of locations (ERP attributes and the planner''s is_enabled). Valid on [valid_from, valid_to). '
'See location_as_of().';
comment on column ${schema}.location_versions.location_id is 'The location.';
comment on column ${schema}.location_versions.valid_from is 'Run date from which the version holds (inclusive).';
comment on column ${schema}.location_versions.valid_to is 'Run date of the next version (exclusive); null = current.';
comment on column ${schema}.location_versions.is_current is 'True for the version valid today.';
comment on column ${schema}.location_versions.name is 'Tracked: name.';
comment on column ${schema}.location_versions.location_type is 'Tracked: type.';
comment on column ${schema}.location_versions.echelon is 'Tracked: echelon.';
comment on column ${schema}.location_versions.parent_location_id is 'Tracked: replenishing location.';
comment on column ${schema}.location_versions.city_name is 'Tracked: city.';
comment on column ${schema}.location_versions.country_id is 'Tracked: country.';
comment on column ${schema}.location_versions.erp_status is 'Tracked: planned, active or closed.';
comment on column ${schema}.location_versions.is_enabled is 'Tracked: the planner''s switch.';
comment on column ${schema}.location_versions.is_active is 'Tracked: present in the ERP snapshot.';
comment on column ${schema}.location_versions.version_hash is 'MD5 of the tracked attributes.';

create table ${schema}.supplier_versions (
    id bigint generated always as identity,
    supplier_id integer not null,
    valid_from date not null,
    valid_to date,
    is_current boolean not null,
    name text not null,
    country_id smallint,
    currency_id smallint not null,
    lead_time_days integer,
    moq_qty numeric(14, 3),
    erp_status text not null,
    is_enabled boolean not null,
    lead_time_days_override integer,
    moq_qty_override numeric(14, 3),
    is_active boolean not null,
    version_hash uuid not null,
    constraint supplier_versions_pkey primary key (id),
    constraint supplier_versions_supplier_id_valid_from_key unique (supplier_id, valid_from),
    constraint supplier_versions_supplier_id_fkey foreign key (supplier_id) references ${schema}.suppliers (id),
    constraint supplier_version_validity_check check (valid_to > valid_from),
    constraint supplier_version_current_check check (is_current = (valid_to is null))
);
create unique index supplier_versions_supplier_id_current_idx on ${schema}.supplier_versions (supplier_id)
where is_current;
comment on table ${schema}.supplier_versions is
'SCD type 2 history of suppliers (ERP values and the planner''s settings). Valid on [valid_from, valid_to). See '
'supplier_as_of().';
comment on column ${schema}.supplier_versions.supplier_id is 'The supplier.';
comment on column ${schema}.supplier_versions.valid_from is 'Run date from which the version holds (inclusive).';
comment on column ${schema}.supplier_versions.valid_to is 'Run date of the next version (exclusive); null = current.';
comment on column ${schema}.supplier_versions.is_current is 'True for the version valid today.';
comment on column ${schema}.supplier_versions.name is 'Tracked: name.';
comment on column ${schema}.supplier_versions.country_id is 'Tracked: country.';
comment on column ${schema}.supplier_versions.currency_id is 'Tracked: purchase currency.';
comment on column ${schema}.supplier_versions.lead_time_days is 'Tracked: ERP lead time.';
comment on column ${schema}.supplier_versions.moq_qty is 'Tracked: ERP minimum order quantity.';
comment on column ${schema}.supplier_versions.erp_status is 'Tracked: ERP status.';
comment on column ${schema}.supplier_versions.is_enabled is 'Tracked: the planner''s switch.';
comment on column ${schema}.supplier_versions.lead_time_days_override is 'Tracked: the planner''s lead time.';
comment on column ${schema}.supplier_versions.moq_qty_override is 'Tracked: the planner''s MOQ.';
comment on column ${schema}.supplier_versions.is_active is 'Tracked: present in the ERP snapshot.';
comment on column ${schema}.supplier_versions.version_hash is 'MD5 of the tracked attributes.';

create table ${schema}.customer_versions (
    id bigint generated always as identity,
    customer_id integer not null,
    valid_from date not null,
    valid_to date,
    is_current boolean not null,
    name text,
    email text,
    city_name text,
    version_hash uuid not null,
    constraint customer_versions_pkey primary key (id),
    constraint customer_versions_customer_id_valid_from_key unique (customer_id, valid_from),
    constraint customer_versions_customer_id_fkey foreign key (customer_id) references ${schema}.customers (id),
    constraint customer_version_validity_check check (valid_to > valid_from),
    constraint customer_version_current_check check (is_current = (valid_to is null))
);
create unique index customer_versions_customer_id_current_idx on ${schema}.customer_versions (customer_id)
where is_current;
comment on table ${schema}.customer_versions is
'SCD type 2 history of customers (seed 003: a customer who moves gets a new version). Valid on [valid_from, '
'valid_to). See customer_as_of().';
comment on column ${schema}.customer_versions.customer_id is 'The customer.';
comment on column ${schema}.customer_versions.valid_from is 'Run date from which the version holds (inclusive).';
comment on column ${schema}.customer_versions.valid_to is 'Run date of the next version (exclusive); null = current.';
comment on column ${schema}.customer_versions.is_current is 'True for the version valid today.';
comment on column ${schema}.customer_versions.name is 'Tracked: name.';
comment on column ${schema}.customer_versions.email is 'Tracked: e-mail.';
comment on column ${schema}.customer_versions.city_name is 'Tracked: city.';
comment on column ${schema}.customer_versions.version_hash is 'MD5 of the tracked attributes.';

create table ${schema}.load_rejects (
    id bigint generated always as identity,
    run_date date not null,
    entity text not null,
    erp_key text,
    raw_file_id bigint not null,
    record_no integer not null,
    line_no integer not null default 0,
    reason_code text not null,
    reason text not null,
    detail jsonb,
    created_at timestamptz not null default now(),
    constraint load_rejects_pkey primary key (id),
    constraint load_rejects_run_date_entity_record_reason_key
    unique (run_date, entity, raw_file_id, record_no, line_no, reason_code),
    constraint load_reject_reason_code_check check (reason_code ~ '^[a-z][a-z0-9_]*$')
);
create index load_rejects_run_date_entity_idx on ${schema}.load_rejects (run_date, entity);
comment on table ${schema}.load_rejects is
'Staging rows step load could not place, with the reason: orphans (a product, location or supplier that does not '
'exist), values a constraint refuses, unknown currencies or codes, records the gate let through with missing or '
'uncastable fields, and duplicates that lost to a later record. Never silently dropped; a re-run of a date replaces '
'that date''s rejects.';
comment on column ${schema}.load_rejects.run_date is 'Run date of the load.';
comment on column ${schema}.load_rejects.entity is 'Production entity: products, sales_order_lines, ...';
comment on column ${schema}.load_rejects.erp_key is 'ERP business key of the row (document id, product id, '
'product@location).';
comment on column ${schema}.load_rejects.raw_file_id is 'raw_files row the record came from.';
comment on column ${schema}.load_rejects.record_no is 'Record position in the raw file.';
comment on column ${schema}.load_rejects.line_no is 'Document line number for a line reject; 0 for a whole record.';
comment on column ${schema}.load_rejects.reason_code is 'Stable code: orphan_product, orphan_location, '
'orphan_supplier, duplicate, missing_fields, cast_errors, unknown_currency, no_fx_rate, unknown_value, or the name '
'of the constraint that refused the row.';
comment on column ${schema}.load_rejects.reason is 'Human-readable reason with the offending value.';
comment on column ${schema}.load_rejects.detail is 'The offending values, or the SQLSTATE and message of a refused '
'write.';
comment on column ${schema}.load_rejects.created_at is 'When the reject was recorded.';

create table ${schema}.load_entity_stats (
    id bigint generated always as identity,
    run_date date not null,
    entity text not null,
    rows_in bigint not null,
    rows_inserted bigint not null,
    rows_updated bigint not null,
    rows_unchanged bigint not null,
    rows_rejected bigint not null,
    rows_deactivated bigint not null default 0,
    duration_ms numeric(12, 1) not null,
    loaded_at timestamptz not null default now(),
    constraint load_entity_stats_pkey primary key (id),
    constraint load_entity_stats_run_date_entity_key unique (run_date, entity),
    constraint load_entity_stats_rows_check check (
        rows_in >= 0 and rows_inserted >= 0 and rows_updated >= 0 and rows_unchanged >= 0 and rows_rejected >= 0
        and rows_deactivated >= 0
    )
);
comment on table ${schema}.load_entity_stats is
'What step load did per entity and run date (the last load of the date): rows in (staging, after parsing documents '
'into headers or lines), inserted, updated (an ERP value changed), unchanged (same row hash: not written), rejected '
'(load_rejects) and deactivated. The DataHealthMonitor reconciles them.';
comment on column ${schema}.load_entity_stats.run_date is 'Run date of the load.';
comment on column ${schema}.load_entity_stats.entity is 'Production entity (table name).';
comment on column ${schema}.load_entity_stats.rows_in is 'Distinct rows offered by staging (before dedup rejects).';
comment on column ${schema}.load_entity_stats.rows_inserted is 'New rows written.';
comment on column ${schema}.load_entity_stats.rows_updated is 'Existing rows rewritten because a value changed.';
comment on column ${schema}.load_entity_stats.rows_unchanged is 'Rows whose hash matched: not written.';
comment on column ${schema}.load_entity_stats.rows_rejected is 'Rows recorded in load_rejects.';
comment on column ${schema}.load_entity_stats.rows_deactivated is 'Master rows absent from the snapshot, '
'deactivated.';
comment on column ${schema}.load_entity_stats.duration_ms is 'Wall time of the entity''s load, milliseconds.';
comment on column ${schema}.load_entity_stats.loaded_at is 'When the statistics were written.';

create table ${schema}.data_health_reports (
    id bigint generated always as identity,
    run_date date not null,
    step_name text not null,
    checks_passed integer not null,
    checks_failed integer not null,
    quality_score numeric(5, 2) not null,
    anomalies jsonb,
    checks jsonb not null,
    created_at timestamptz not null default now(),
    constraint data_health_reports_pkey primary key (id),
    constraint data_health_reports_run_date_step_name_key unique (run_date, step_name),
    constraint data_health_report_score_check check (quality_score between 0 and 100),
    constraint data_health_report_counts_check check (checks_passed >= 0 and checks_failed >= 0),
    constraint data_health_report_anomalies_check check (anomalies is null or jsonb_typeof(anomalies) = 'array')
);
comment on table ${schema}.data_health_reports is
'DataHealthMonitor (step health) output per run date and checked step: the advisory post-load checks '
'(reconciliation staging to production, orphan and reject rates, null-rate and volume drift against the last 30 '
'runs). Never blocks the run; a re-run replaces the date''s report.';
comment on column ${schema}.data_health_reports.run_date is 'Run date checked.';
comment on column ${schema}.data_health_reports.step_name is 'Step whose output was checked (load).';
comment on column ${schema}.data_health_reports.checks_passed is 'Checks within their thresholds.';
comment on column ${schema}.data_health_reports.checks_failed is 'Checks outside their thresholds (anomalies).';
comment on column ${schema}.data_health_reports.quality_score is '100 x passed / all checks.';
comment on column ${schema}.data_health_reports.anomalies is 'The failed checks: [{check, entity, value, threshold, '
'baseline, detail}]; null when none.';
comment on column ${schema}.data_health_reports.checks is 'Every check with its value, threshold and outcome.';
comment on column ${schema}.data_health_reports.created_at is 'When the report was written.';

-- Field ownership of every production table of V4-V6: ui columns are the UI role's column grants, pipeline columns
-- are keys, hashes, bookkeeping and derived values, everything else is written by load from the ERP.
insert into ${schema}.field_ownership (table_name, column_name, owner)
select
    columns.table_name,
    columns.column_name,
    case
        when (columns.table_name, columns.column_name) in (
            ('products', 'discontinued_override'), ('products', 'assortment_override'), ('products', 'planner_note'),
            ('locations', 'is_enabled'), ('locations', 'planner_note'), ('suppliers', 'is_enabled'),
            ('suppliers', 'lead_time_days_override'), ('suppliers', 'moq_qty_override'),
            ('suppliers', 'review_cycle_days'), ('product_suppliers', 'moq_qty_override'),
            ('product_suppliers', 'lead_time_days_override'), ('location_lanes', 'is_enabled'),
            ('location_lanes', 'transit_days_override'), ('client_settings', 'setting_value'),
            ('client_settings', 'updated_at'), ('client_settings', 'updated_by')
        ) then 'ui'
        when columns.column_name in (
            'id', 'row_hash', 'version_hash', 'created_at', 'updated_at', 'first_seen_date', 'first_loaded_on',
            'loaded_at', 'valid_from', 'valid_to', 'is_current', 'is_discontinued'
        )
        or columns.table_name in (
            'field_ownership', 'load_rejects', 'load_entity_stats', 'data_health_reports', 'client_settings'
        ) then 'pipeline'
        else 'erp'
    end as column_owner
from information_schema.columns
where columns.table_schema = '${schema}'
    and columns.table_name in (
        'field_ownership', 'brands', 'product_categories', 'suppliers', 'locations', 'location_lanes', 'products',
        'product_suppliers', 'price_lists', 'prices', 'payment_methods', 'customers', 'client_settings',
        'sales_orders', 'sales_order_lines', 'purchase_orders', 'purchase_order_lines', 'store_orders',
        'store_order_lines', 'transfer_orders', 'transfer_order_lines', 'receiving_orders', 'receiving_order_lines',
        'inventory_snapshots', 'inventory_balances', 'product_versions', 'location_versions', 'supplier_versions',
        'customer_versions', 'load_rejects', 'load_entity_stats', 'data_health_reports'
    );

revoke all on ${schema}.product_versions, ${schema}.location_versions, ${schema}.supplier_versions,
${schema}.customer_versions, ${schema}.load_rejects, ${schema}.load_entity_stats,
${schema}.data_health_reports from ${ui_role};
grant select on ${schema}.product_versions, ${schema}.location_versions, ${schema}.supplier_versions,
${schema}.customer_versions, ${schema}.load_rejects, ${schema}.load_entity_stats,
${schema}.data_health_reports to ${ui_role};

-- The DataQualityGateway's rules on the common staging tables (dialect-independent): business keys, references
-- between endpoints, non-negative and bounded amounts, event dates, free text. Thresholds are per-client settings.

create table cw_global.quality_rules (
    id integer generated always as identity,
    endpoint text not null,
    rule_type text not null,
    columns text [] not null,
    ref_endpoint text,
    ref_column text,
    constraint quality_rules_pkey primary key (id),
    constraint quality_rules_endpoint_rule_type_columns_key unique (endpoint, rule_type, columns),
    constraint quality_rule_type_check check (
        rule_type in ('key', 'reference', 'quantity', 'amount', 'event_date', 'text')
    ),
    constraint quality_rule_reference_check check ((rule_type = 'reference') = (ref_endpoint is not null))
);
comment on table cw_global.quality_rules is
'What the gateway checks on each endpoint''s staging table: key (unique business key), reference (must exist in '
'another endpoint of the same batch), quantity and amount (not negative, not absurd), event_date (neither in the '
'future nor ancient), text (no control characters or absurd lengths).';
comment on column cw_global.quality_rules.columns is 'Staging columns the rule applies to.';
comment on column cw_global.quality_rules.ref_endpoint is
'For references: the endpoint whose key must contain the value.';

insert into cw_global.quality_rules (endpoint, rule_type, columns, ref_endpoint, ref_column)
values
('products', 'key', '{product_id}', null, null),
('locations', 'key', '{location_id}', null, null),
('suppliers', 'key', '{supplier_id}', null, null),
('pricing_lists', 'key', '{price_list_id,product_id}', null, null),
('sales_orders', 'key', '{so_id,line_no}', null, null),
('purchase_orders', 'key', '{po_id,line_no}', null, null),
('receiving_orders', 'key', '{receipt_id,line_no}', null, null),
('store_orders', 'key', '{store_order_id,line_no}', null, null),
('transfer_orders', 'key', '{transfer_id,line_no}', null, null),
('inventory', 'key', '{product_id,location_id}', null, null),
('products', 'reference', '{supplier_id}', 'suppliers', 'supplier_id'),
('locations', 'reference', '{parent_location_id}', 'locations', 'location_id'),
('pricing_lists', 'reference', '{product_id}', 'products', 'product_id'),
('sales_orders', 'reference', '{product_id}', 'products', 'product_id'),
('sales_orders', 'reference', '{location_id}', 'locations', 'location_id'),
('purchase_orders', 'reference', '{product_id}', 'products', 'product_id'),
('purchase_orders', 'reference', '{supplier_id}', 'suppliers', 'supplier_id'),
('purchase_orders', 'reference', '{location_id}', 'locations', 'location_id'),
('receiving_orders', 'reference', '{product_id}', 'products', 'product_id'),
('receiving_orders', 'reference', '{location_id}', 'locations', 'location_id'),
('store_orders', 'reference', '{product_id}', 'products', 'product_id'),
('store_orders', 'reference', '{location_id}', 'locations', 'location_id'),
('store_orders', 'reference', '{source_location_id}', 'locations', 'location_id'),
('transfer_orders', 'reference', '{product_id}', 'products', 'product_id'),
('transfer_orders', 'reference', '{from_location_id}', 'locations', 'location_id'),
('transfer_orders', 'reference', '{to_location_id}', 'locations', 'location_id'),
('inventory', 'reference', '{product_id}', 'products', 'product_id'),
('inventory', 'reference', '{location_id}', 'locations', 'location_id'),
('products', 'amount', '{cost,price}', null, null),
('suppliers', 'quantity', '{lead_time_days,moq}', null, null),
('pricing_lists', 'amount', '{price,promo_price}', null, null),
('sales_orders', 'quantity', '{qty}', null, null),
('sales_orders', 'amount', '{unit_price,revenue}', null, null),
('purchase_orders', 'quantity', '{qty_ordered,qty_confirmed,qty_delivered}', null, null),
('purchase_orders', 'amount', '{unit_cost}', null, null),
('receiving_orders', 'quantity', '{qty_received}', null, null),
('store_orders', 'quantity', '{qty}', null, null),
('transfer_orders', 'quantity', '{qty_shipped,qty_received}', null, null),
('inventory', 'quantity', '{qty_available,qty_blocked,qty_reserved,qty_all}', null, null),
('products', 'event_date', '{launch_date}', null, null),
('sales_orders', 'event_date', '{order_date}', null, null),
('purchase_orders', 'event_date', '{order_date}', null, null),
('receiving_orders', 'event_date', '{received_date}', null, null),
('store_orders', 'event_date', '{order_date}', null, null),
('transfer_orders', 'event_date', '{ship_date}', null, null),
('inventory', 'event_date', '{balance_date}', null, null),
('products', 'text', '{name,brand,category_path,sku,vendor_sku}', null, null),
('locations', 'text', '{name,city}', null, null),
('suppliers', 'text', '{name}', null, null),
('sales_orders', 'text', '{customer_name,customer_email,customer_city,payment_method}', null, null);

create table cw_global.quality_check_definitions (
    check_name text not null,
    category text not null,
    severity text not null,
    description text not null,
    fix_instructions text not null,
    constraint quality_check_definitions_pkey primary key (check_name),
    constraint quality_check_category_check check (
        category in ('completeness', 'consistency', 'freshness', 'statistical_anomaly')
    ),
    constraint quality_check_severity_check check (severity in ('critical', 'warning'))
);
comment on table cw_global.quality_check_definitions is
'The DataQualityGateway''s checks: category, default severity, what each verifies and the client-facing fix '
'instructions shown in the quality report. Some checks raise their severity past a per-client threshold.';

insert into cw_global.quality_check_definitions (check_name, category, severity, description, fix_instructions)
values
('file_present', 'freshness', 'critical', 'The endpoint''s file for the run date was delivered and loaded.',
 'Export this endpoint for the date and upload it to raw-data/{client}/{date}/; check the ERP export job ran.'),
('file_parsable', 'completeness', 'critical', 'The file is complete, valid JSON (array or JSON Lines).',
 'The export was cut off or is not valid JSON at the byte offset shown: re-run the export and upload it under a '
 || 'new date, or ask CatWing support to replace the object.'),
('raw_immutable', 'consistency', 'critical', 'No file was re-delivered with different content under a loaded key.',
 'Raw files are immutable: never overwrite an uploaded file. Deliver corrections in the next day''s export.'),
('record_count', 'completeness', 'critical', 'A snapshot endpoint (master data, inventory) is not empty.',
 'The export produced no records: check the ERP export filters and that the full snapshot is exported daily.'),
('required_fields', 'completeness', 'critical', 'Every record carries the fields the pipeline cannot do without.',
 'Fill the listed fields in the ERP, or fix the export mapping if a field was renamed or dropped.'),
('type_casts', 'consistency', 'critical', 'Values have the expected type and format (numbers, dates, booleans).',
 'Send numbers as numbers and dates in the agreed format; the offending values are listed.'),
('unexpected_fields', 'consistency', 'warning', 'Records carry no fields the mapping does not know (schema drift).',
 'A field was added or renamed in the export: tell CatWing support, or restore the agreed field names.'),
('duplicate_keys', 'consistency', 'warning', 'Each business key appears once per file.',
 'The export repeats records: de-duplicate it. CatWing keeps the last occurrence of each key meanwhile.'),
('orphan_references', 'consistency', 'warning', 'Referenced products, locations and suppliers exist in the same '
 || 'day''s master data.',
 'Records point to ids missing from the master data export: include those masters, or fix the ids. Critical above '
 || 'the client''s orphan threshold.'),
('negative_values', 'consistency', 'critical', 'Quantities, prices and costs are not negative.',
 'Negative quantities or amounts were exported: correct them in the ERP (returns belong in their own documents).'),
('absurd_values', 'consistency', 'warning', 'Quantities and amounts stay below the client''s plausibility limits.',
 'Check the listed values for unit or decimal-point errors (e.g. cents sent as units).'),
('future_dates', 'consistency', 'critical', 'Event dates are not after the run date.',
 'Event dates in the future were exported: check the ERP clock, date formats and day/month order.'),
('ancient_dates', 'consistency', 'critical', 'Event dates are not implausibly old.',
 'Dates far in the past were exported (often a default such as 1900-01-01): fill the real date.'),
('suspicious_text', 'consistency', 'warning', 'Text fields hold no control characters, markup or SQL fragments and '
 || 'stay within a sane length.',
 'Clean the listed text fields in the ERP; CatWing stores them verbatim and never executes them.'),
('stale_snapshot', 'freshness', 'critical', 'A daily snapshot differs from the previous day''s.',
 'The same snapshot was delivered twice: check that the ERP export job read current data.'),
('volume_change', 'statistical_anomaly', 'critical', 'The record count stays near its 30-day baseline.',
 'The volume moved far from its usual level: check the export for missing stores, filters or duplicated runs.'),
('unknown_endpoint', 'consistency', 'warning', 'Every delivered file is an endpoint the mapping knows.',
 'Remove the file from the delivery or ask CatWing support to map the new endpoint.');

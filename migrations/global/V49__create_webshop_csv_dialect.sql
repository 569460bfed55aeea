-- The web-shop CSV dialect (issue 17 item 3, issue 22 point 1; docs/production.md "The web-shop CSV dialect"): four
-- CSV files a day (customers, products, transactions, transaction_items). What is new is data and a few generic
-- mapping features: an endpoint's records joined into another endpoint's documents (transaction items as the lines
-- of a transaction, the customer row as its customer object), a constant default for a field the files do not carry
-- (the shop's one location), the dialect's load rules (seed 003's cleansing) and two gate checks.

alter table cw_global.erp_dialects
add column file_format text not null default 'json',
add column single_location_id text,
add column single_location_name text,
add column standardises_customer_names boolean not null default false,
add column unknown_text text,
add column negative_return_prefix text,
add column discount_is_fraction boolean not null default false,
add column recalculates_line_totals boolean not null default false,
add column fixes_invalid_prices boolean not null default false,
add column validates_payment_methods boolean not null default false,
add constraint erp_dialect_file_format_check check (file_format in ('json', 'csv')),
add constraint erp_dialect_single_location_check check (
    (single_location_id is null) = (single_location_name is null)
);
comment on column cw_global.erp_dialects.file_format is
'json: JSON arrays or JSON Lines; csv: RFC 4180 CSV with a header row (the loader only; the in-database aws_s3 '
'ingest path refuses a csv dialect with CW300).';
comment on column cw_global.erp_dialects.single_location_id is
'ERP id of the one location every client of the dialect has (a web shop), created by step load when no locations '
'file is sent; sales orders without a location are booked there. Null: locations come from the ERP.';
comment on column cw_global.erp_dialects.single_location_name is 'Name of that location when load creates it.';
comment on column cw_global.erp_dialects.standardises_customer_names is
'Load rule: customer names are trimmed, inner blanks collapsed and written in title case (JOHN  smith: John Smith).';
comment on column cw_global.erp_dialects.unknown_text is
'Load rule: an identified customer''s missing name or city is stored as this text (Unknown). Null: left null.';
comment on column cw_global.erp_dialects.negative_return_prefix is
'Load rule: a sales document whose id starts with this prefix and whose every line has a negative quantity is a '
'return of that many units (the web-shop cancellation-invoice convention, C536379), never negative demand. Null: no '
'such convention (a negative quantity is a gate failure or a removed line).';
comment on column cw_global.erp_dialects.discount_is_fraction is
'The ERP sends a line discount as a fraction of qty x unit price (0.1 = 10 %); load stores the amount. A fraction '
'outside 0..1 is not trusted: it is derived from the sent line total when that lies between 0 and qty x unit price, '
'else 0 (reported by the gate check cleansing).';
comment on column cw_global.erp_dialects.recalculates_line_totals is
'Load rule: line revenue is recalculated as qty x unit price - discount, rounded to cents; the sent line total is '
'only compared (the gate check cleansing reports lines where it differs).';
comment on column cw_global.erp_dialects.fixes_invalid_prices is
'Load rule: a product price that is missing, not a number, zero or negative keeps the product''s last valid loaded '
'price (null for a new product); a cost at or above the valid price is not trusted and stored as null.';
comment on column cw_global.erp_dialects.validates_payment_methods is
'Load rule: a payment method that is not a canonical value of the dialect''s payment_method value mappings is stored '
'as unknown (null).';

alter table cw_global.erp_endpoint_mappings
add column joined_into text;
comment on column cw_global.erp_endpoint_mappings.joined_into is
'Endpoint whose documents this endpoint''s records are joined into (cw_global.erp_endpoint_joins); such records '
'are not mapped on their own and the gate''s staging checks judge them through that endpoint. Null: mapped itself.';

alter table cw_global.erp_field_mappings
add column default_value text,
add column cleansing_rule text,
add constraint erp_field_cleansing_rule_check check (cleansing_rule ~ '^[a-z_]{1,40}$');
comment on column cw_global.erp_field_mappings.default_value is
'Value used when the record has none (absent or blank), e.g. the web shop''s one location. Null: none.';
comment on column cw_global.erp_field_mappings.cleansing_rule is
'Name of the load rule that fixes or removes invalid values of this field (docs/quality.md "Cleansing rules"): the '
'gate checks type_casts, negative_values and absurd_values leave the field to it and the check cleansing reports '
'what it will do. Null: the gate judges the field.';

create table cw_global.erp_endpoint_joins (
    id integer generated always as identity,
    erp_endpoint_mapping_id integer not null,
    joined_endpoint text not null,
    record_key_path text [] not null,
    joined_key text not null,
    target_key text not null,
    is_many boolean not null,
    constraint erp_endpoint_joins_pkey primary key (id),
    constraint erp_endpoint_joins_erp_endpoint_mapping_id_target_key_key unique (erp_endpoint_mapping_id, target_key),
    constraint erp_endpoint_joins_erp_endpoint_mapping_id_fkey foreign key (erp_endpoint_mapping_id)
    references cw_global.erp_endpoint_mappings (id) on delete cascade,
    constraint erp_endpoint_join_target_key_check check (target_key ~ '^[a-z_]{1,40}$')
);
comment on table cw_global.erp_endpoint_joins is
'Records of another endpoint of the same date joined into each record of an endpoint before it is mapped, for ERPs '
'that send a document''s parts as separate files (web-shop CSV: transaction_items are the lines of transactions, '
'customers.csv the customer of a transaction). Raw records stay as sent; the join happens in the Quality Mapper.';
comment on column cw_global.erp_endpoint_joins.id is 'Identity; joins of one endpoint apply in id order.';
comment on column cw_global.erp_endpoint_joins.erp_endpoint_mapping_id is 'The endpoint whose records are enriched.';
comment on column cw_global.erp_endpoint_joins.joined_endpoint is 'The endpoint whose records are joined in.';
comment on column cw_global.erp_endpoint_joins.record_key_path is
'Path (jsonb #>> style) of the key in the enriched record, e.g. {transaction_id}.';
comment on column cw_global.erp_endpoint_joins.joined_key is 'Key of the joined records that must equal it (trimmed).';
comment on column cw_global.erp_endpoint_joins.target_key is
'Key under which the joined value is added to the record (must not be a key the ERP sends).';
comment on column cw_global.erp_endpoint_joins.is_many is
'true: a JSON array of every matching record in file and record order (document lines); false: the last matching '
'record (a repeated customer row: the last one wins).';

insert into cw_global.erp_dialects (
    code, name, description, file_format, single_location_id, single_location_name, standardises_customer_names,
    unknown_text, negative_return_prefix, discount_is_fraction, recalculates_line_totals, fixes_invalid_prices,
    validates_payment_methods
) values (
    'webshop_csv', 'Web-shop CSV export',
    'Four CSV files a day: customers.csv and products.csv (full lists), transactions.csv and transaction_items.csv '
    || '(the day''s documents); one location, the web shop (docs/production.md).',
    'csv', 'WEB', 'Web shop', true, 'Unknown', 'C', true, true, true, true
);

insert into cw_global.erp_endpoint_mappings (
    erp_dialect_id, endpoint, staging_table, lines_path, is_full_snapshot, follows_trading_calendar, joined_into
)
select
    erp_dialects.id,
    endpoint_rows.endpoint,
    endpoint_rows.staging_table,
    endpoint_rows.lines_path::text [],
    endpoint_rows.is_full_snapshot,
    endpoint_rows.follows_trading_calendar,
    endpoint_rows.joined_into
from (
    values
    ('products', 'staging_products', null, true, false, null),
    ('transactions', 'staging_sales_orders', '{items}', false, true, null),
    ('transaction_items', 'staging_sales_orders', null, false, false, 'transactions'),
    ('customers', 'staging_sales_orders', null, true, false, 'transactions')
) as endpoint_rows (endpoint, staging_table, lines_path, is_full_snapshot, follows_trading_calendar, joined_into)
inner join cw_global.erp_dialects on erp_dialects.code = 'webshop_csv';

insert into cw_global.erp_endpoint_joins (
    erp_endpoint_mapping_id, joined_endpoint, record_key_path, joined_key, target_key, is_many
)
select
    endpoint_mappings.id,
    join_rows.joined_endpoint,
    join_rows.record_key_path::text [],
    join_rows.joined_key,
    join_rows.target_key,
    join_rows.is_many
from (
    values
    ('transactions', 'transaction_items', '{transaction_id}', 'transaction_id', 'items', true),
    ('transactions', 'customers', '{customer_id}', 'customer_id', 'customer', false)
) as join_rows (endpoint, joined_endpoint, record_key_path, joined_key, target_key, is_many)
inner join cw_global.erp_dialects on erp_dialects.code = 'webshop_csv'
inner join cw_global.erp_endpoint_mappings as endpoint_mappings
    on endpoint_mappings.erp_dialect_id = erp_dialects.id and endpoint_mappings.endpoint = join_rows.endpoint;

insert into cw_global.erp_field_mappings (
    erp_endpoint_mapping_id, staging_column, source_path, is_line_field, data_type, value_format, is_required,
    is_ignored, default_value, cleansing_rule
)
select
    endpoint_mappings.id,
    field.staging_column,
    field.source_path::text [],
    field.is_line_field,
    field.data_type,
    field.value_format,
    field.is_required,
    field.is_ignored,
    field.default_value,
    field.cleansing_rule
from (
    values
    ('products', 'product_id', '{product_id}', false, 'text', null, true, false, null, null),
    ('products', 'name', '{product_name}', false, 'text', null, true, false, null, null),
    ('products', 'category_path', '{category}', false, 'text', null, false, false, null, null),
    ('products', 'brand', '{brand}', false, 'text', null, false, false, null, null),
    ('products', 'price', '{price}', false, 'numeric', null, false, false, null, 'invalid_price'),
    ('products', 'cost', '{cost}', false, 'numeric', null, false, false, null, 'cost_not_below_price'),
    ('products', 'currency', '{currency}', false, 'text', null, false, false, null, null),
    ('products', 'supplier_id', '{supplier_id}', false, 'text', null, false, false, null, null),
    ('products', 'pack_size', '{pack_size}', false, 'numeric', null, false, false, null, null),
    ('products', 'product_type', '{product_type}', false, 'text', null, false, false, null, null),
    ('products', 'status', '{status}', false, 'text', null, false, false, 'active', null),
    ('products', 'updated_at', '{updated_at}', false, 'timestamptz', null, false, false, null, null),
    ('transactions', 'so_id', '{transaction_id}', false, 'text', null, true, false, null, null),
    ('transactions', 'order_date', '{transaction_date}', false, 'date', 'YYYY-MM-DD', false, false, null,
     'invalid_date'),
    ('transactions', 'location_id', '{location_id}', false, 'text', null, true, false, 'WEB', null),
    ('transactions', 'channel', '{channel}', false, 'text', null, false, false, 'online', null),
    ('transactions', 'customer_id', '{customer_id}', false, 'text', null, false, false, null, null),
    ('transactions', 'customer_first_name', '{customer,first_name}', false, 'text', null, false, false, null, null),
    ('transactions', 'customer_last_name', '{customer,last_name}', false, 'text', null, false, false, null, null),
    ('transactions', 'customer_email', '{customer,email}', false, 'text', null, false, false, null, null),
    ('transactions', 'customer_city', '{customer,city}', false, 'text', null, false, false, null, null),
    ('transactions', 'payment_method', '{payment_method}', false, 'text', null, false, false, null,
     'invalid_payment_method'),
    ('transactions', 'status', '{status}', false, 'text', null, false, false, null, null),
    ('transactions', 'document_type', '{transaction_type}', false, 'text', null, false, false, null, null),
    ('transactions', 'original_so_id', '{original_transaction_id}', false, 'text', null, false, false, null, null),
    ('transactions', 'currency', '{currency}', false, 'text', null, false, false, null, null),
    ('transactions', 'updated_at', '{updated_at}', false, 'text', null, false, true, null, null),
    ('transactions', 'product_id', '{product_id}', true, 'text', null, true, false, null, null),
    ('transactions', 'qty', '{quantity}', true, 'numeric', null, true, false, null, 'invalid_quantity'),
    ('transactions', 'unit_price', '{unit_price}', true, 'numeric', null, false, false, null, 'invalid_unit_price'),
    ('transactions', 'discount', '{discount}', true, 'numeric', null, false, false, null, 'discount_range'),
    ('transactions', 'revenue', '{line_total}', true, 'numeric', null, false, false, null, 'line_total_recalculated'),
    ('transactions', 'line_status', '{status}', true, 'text', null, false, false, null, null),
    ('transactions', 'transaction_item_id', '{transaction_item_id}', true, 'text', null, false, true, null, null),
    ('transactions', 'transaction_id', '{transaction_id}', true, 'text', null, false, true, null, null),
    ('transaction_items', 'transaction_item_id', '{transaction_item_id}', false, 'text', null, false, true, null,
     null),
    ('transaction_items', 'transaction_id', '{transaction_id}', false, 'text', null, false, true, null, null),
    ('transaction_items', 'product_id', '{product_id}', false, 'text', null, false, true, null, null),
    ('transaction_items', 'quantity', '{quantity}', false, 'text', null, false, true, null, null),
    ('transaction_items', 'unit_price', '{unit_price}', false, 'text', null, false, true, null, null),
    ('transaction_items', 'discount', '{discount}', false, 'text', null, false, true, null, null),
    ('transaction_items', 'line_total', '{line_total}', false, 'text', null, false, true, null, null),
    ('transaction_items', 'status', '{status}', false, 'text', null, false, true, null, null),
    ('customers', 'customer_id', '{customer_id}', false, 'text', null, false, true, null, null),
    ('customers', 'first_name', '{first_name}', false, 'text', null, false, true, null, null),
    ('customers', 'last_name', '{last_name}', false, 'text', null, false, true, null, null),
    ('customers', 'email', '{email}', false, 'text', null, false, true, null, null),
    ('customers', 'phone', '{phone}', false, 'text', null, false, true, null, null),
    ('customers', 'city', '{city}', false, 'text', null, false, true, null, null),
    ('customers', 'country', '{country}', false, 'text', null, false, true, null, null),
    ('customers', 'signup_date', '{signup_date}', false, 'text', null, false, true, null, null),
    ('customers', 'updated_at', '{updated_at}', false, 'text', null, false, true, null, null)
) as field (
    endpoint, staging_column, source_path, is_line_field, data_type, value_format, is_required, is_ignored,
    default_value, cleansing_rule
)
inner join cw_global.erp_dialects on erp_dialects.code = 'webshop_csv'
inner join cw_global.erp_endpoint_mappings as endpoint_mappings
    on endpoint_mappings.erp_dialect_id = erp_dialects.id and endpoint_mappings.endpoint = field.endpoint;

-- Words: a sale is an order; the payment methods the dialect accepts (anything else is stored as unknown).
insert into cw_global.erp_value_mappings (erp_dialect_id, endpoint, staging_column, erp_value, canonical_value)
select
    erp_dialects.id,
    words.endpoint,
    words.staging_column,
    words.erp_value,
    words.canonical_value
from (
    values
    ('sales_orders', 'document_type', 'sale', 'order'),
    ('sales_orders', 'document_type', 'refund', 'return'),
    ('sales_orders', 'status', 'complete', 'completed'),
    ('sales_orders', 'status', 'canceled', 'cancelled'),
    ('sales_orders', 'line_status', 'canceled', 'cancelled'),
    ('sales_orders', 'payment_method', 'card', 'card'),
    ('sales_orders', 'payment_method', 'invoice', 'invoice'),
    ('sales_orders', 'payment_method', 'credit_card', 'credit_card'),
    ('sales_orders', 'payment_method', 'creditcard', 'credit_card'),
    ('sales_orders', 'payment_method', 'visa', 'credit_card'),
    ('sales_orders', 'payment_method', 'mastercard', 'credit_card'),
    ('sales_orders', 'payment_method', 'debit_card', 'debit_card'),
    ('sales_orders', 'payment_method', 'paypal', 'paypal'),
    ('sales_orders', 'payment_method', 'bank_transfer', 'bank_transfer'),
    ('sales_orders', 'payment_method', 'wire_transfer', 'bank_transfer'),
    ('sales_orders', 'payment_method', 'cash_on_delivery', 'cash_on_delivery'),
    ('sales_orders', 'payment_method', 'cod', 'cash_on_delivery'),
    ('sales_orders', 'payment_method', 'gift_card', 'gift_card'),
    ('sales_orders', 'payment_method', 'apple_pay', 'apple_pay'),
    ('sales_orders', 'payment_method', 'google_pay', 'google_pay'),
    ('sales_orders', 'payment_method', 'klarna', 'klarna'),
    ('products', 'status', 'inactive', 'discontinued')
) as words (endpoint, staging_column, erp_value, canonical_value)
inner join cw_global.erp_dialects on erp_dialects.code = 'webshop_csv';

-- What the gate judges on the web shop's documents (the rules are per endpoint name).
insert into cw_global.quality_rules (endpoint, rule_type, columns, ref_endpoint, ref_column)
values
('transactions', 'key', '{so_id,line_no}', null, null),
('transactions', 'reference', '{product_id}', 'products', 'product_id'),
('transactions', 'quantity', '{qty}', null, null),
('transactions', 'amount', '{unit_price,revenue}', null, null);

alter table cw_global.quality_check_definitions
add column reads_staging_rows boolean not null default true;
comment on column cw_global.quality_check_definitions.reads_staging_rows is
'The check judges the typed staging rows of an endpoint; such checks skip endpoints joined into another one '
'(erp_endpoint_mappings.joined_into), whose rows they judge through that endpoint. False: file-level checks.';
update cw_global.quality_check_definitions
set reads_staging_rows = false
where check_name in ('file_present', 'file_parsable', 'raw_immutable', 'unknown_endpoint', 'unexpected_fields',
                     'stale_snapshot');

insert into cw_global.quality_check_definitions (
    check_name, category, severity, description, fix_instructions, check_function, run_order, endpoints,
    reads_staging_rows
)
values (
    'malformed_rows', 'completeness', 'warning',
    'Every row of a CSV file could be read (balanced quotes, the header''s column count, UTF-8).',
    'The listed lines of the CSV file were not loaded (reason per line): fix the export (quote values that contain '
    || 'commas, quotes or line breaks; one value per column; save as UTF-8) and deliver the rows in the next day''s '
    || 'file.',
    'quality_check_malformed_rows', 25, null, false
), (
    'cleansing', 'consistency', 'warning',
    'Values the dialect''s load rules fix or remove (invalid prices, cost not below price, invalid quantities, '
    || 'discounts outside 0..1, recalculated line totals, unknown payment methods, invalid transaction dates).',
    'Load corrects these values as listed (docs/quality.md "Cleansing rules"); correct them in the shop system so '
    || 'that the figures agree with the source.',
    'quality_check_cleansing', 178, null, true
);

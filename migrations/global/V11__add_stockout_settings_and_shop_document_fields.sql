-- Issue 22 point 4: stockout inference without stock data must not invent demand. A sales stop is judged by the
-- pair's selling frequency after a minimum run of regular selling, for a bounded number of open days, and imputes at
-- most its regular pattern (frequency x robust size, outlier days excluded). docs/demand.md.
insert into cw_global.setting_definitions (
    setting_key, section, value_type, default_value, min_value, is_min_exclusive, max_value, is_max_exclusive,
    below_key, allowed_values, unit, description
) values
('demand_history.stop_min_selling_days', 'demand_history', 'integer', '5', 1, false, 3650, false, null, null, 'days',
 'Selling days a pair needs in the rate window ending on its last sale before a stop of its sales can be called a '
 'stockout (no stock reported).'),
('demand_history.stop_max_open_days', 'demand_history', 'integer', '7', 1, false, 3650, false, null, null, 'days',
 'Open days after a pair''s last sale during which a stop of its sales can be called a stockout and imputed (no '
 'stock reported); a longer silence is not a stockout.'),
('demand_history.outlier_factor', 'demand_history', 'numeric', '3', 1, false, null, false, null, null, 'ratio',
 'Selling days above this multiple of the median day quantity are outliers (wholesale or bulk orders), left out of '
 'the robust size a sales stop imputes.');

-- Judged by the selling frequency instead of the unit rate, 0.01 flags about one quiet run in a hundred of a regular
-- seller: with the generated worlds' few true stockouts that is mostly invented demand.
update cw_global.setting_definitions
set default_value = '0.001',
    description
    = 'A run of k open days without a sale is called a stockout when (1 - selling frequency)^k is at most this (no '
    || 'stock reported).'
where setting_key = 'demand_history.sales_stop_probability';

-- Issue 22 point 1: cancellations and returns. A sales document says what it is (an order, or a return / credit note
-- referencing the original order) and each line whether it was cancelled; the order status already carries
-- "cancelled". docs/production.md "Cancellations and returns".
insert into cw_global.erp_field_mappings (
    erp_endpoint_mapping_id, staging_column, source_path, is_line_field, data_type, value_format, is_required,
    is_ignored
)
select
    endpoint_mappings.id as erp_endpoint_mapping_id,
    field.staging_column,
    field.source_path::text [] as source_path,
    field.is_line_field,
    'text' as data_type,
    null as value_format,
    false as is_required,
    false as is_ignored
from (
    values
    ('catwing', 'document_type', '{document_type}', false),
    ('catwing', 'original_so_id', '{original_order_id}', false),
    ('catwing', 'line_status', '{status}', true),
    ('navision', 'document_type', '{Header,DocumentType}', false),
    ('navision', 'original_so_id', '{Header,AppliesToDocNo}', false),
    ('navision', 'line_status', '{Status}', true)
) as field (dialect, staging_column, source_path, is_line_field)
inner join cw_global.erp_dialects on erp_dialects.code = field.dialect
inner join cw_global.erp_endpoint_mappings as endpoint_mappings
    on endpoint_mappings.erp_dialect_id = erp_dialects.id and endpoint_mappings.endpoint = 'sales_orders';

insert into cw_global.erp_value_mappings (erp_dialect_id, endpoint, staging_column, erp_value, canonical_value)
select
    erp_dialects.id as erp_dialect_id,
    'sales_orders' as endpoint,
    value_words.staging_column,
    value_words.erp_value,
    value_words.canonical_value
from (
    values
    ('document_type', 'credit_memo', 'return'),
    ('document_type', 'return_order', 'return'),
    ('line_status', 'posted', 'completed')
) as value_words (staging_column, erp_value, canonical_value)
inner join cw_global.erp_dialects on erp_dialects.code = 'navision';

-- Issue 22 point 3: the product type, as the ERP sends it (navision Item Type: Inventory, Service, Non-Inventory).
insert into cw_global.erp_field_mappings (
    erp_endpoint_mapping_id, staging_column, source_path, is_line_field, data_type, value_format, is_required,
    is_ignored
)
select
    endpoint_mappings.id as erp_endpoint_mapping_id,
    'product_type' as staging_column,
    field.source_path::text [] as source_path,
    false as is_line_field,
    'text' as data_type,
    null as value_format,
    false as is_required,
    false as is_ignored
from (
    values ('catwing', '{product_type}'), ('navision', '{Type}')
) as field (dialect, source_path)
inner join cw_global.erp_dialects on erp_dialects.code = field.dialect
inner join cw_global.erp_endpoint_mappings as endpoint_mappings
    on endpoint_mappings.erp_dialect_id = erp_dialects.id and endpoint_mappings.endpoint = 'products';

insert into cw_global.erp_value_mappings (erp_dialect_id, endpoint, staging_column, erp_value, canonical_value)
select
    erp_dialects.id as erp_dialect_id,
    'products' as endpoint,
    'product_type' as staging_column,
    value_words.erp_value,
    value_words.canonical_value
from (
    values ('inventory', 'merchandise'), ('non-inventory', 'service')
) as value_words (erp_value, canonical_value)
inner join cw_global.erp_dialects on erp_dialects.code = 'navision';

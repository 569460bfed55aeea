-- The load protocol as data: which entities step load loads, from which staging table, by which key, into which
-- production table and in which order (load_entities); which pre-check stands for each CHECK constraint of the
-- tables the load writes (load_pre_checks); and the dialect differences the load used to branch on in code.

create table cw_global.load_entities (
    entity text not null,
    load_order smallint not null,
    staging_table text not null,
    erp_key_column text,
    target_table text not null,
    line_entity text,
    batch_counts_lines boolean not null default false,
    side_tables text [] not null default '{}',
    procedure_name text not null,
    description text not null,
    constraint load_entities_pkey primary key (entity),
    constraint load_entities_load_order_key unique (load_order),
    constraint load_entities_staging_table_key unique (staging_table),
    constraint load_entity_name_check check (entity ~ '^[a-z][a-z_]{1,40}$'),
    constraint load_entity_staging_table_check check (staging_table ~ '^staging_[a-z_]+$'),
    constraint load_entity_procedure_name_check check (procedure_name = 'load_' || entity),
    constraint load_entity_batch_lines_check check (not batch_counts_lines or line_entity is not null)
);
comment on table cw_global.load_entities is
'The load entity catalog: step_load (step 3) loops over it in load_order, as run_pipeline loops over '
'pipeline_steps. For each entity it groups the staging records into batch_<entity> (load_batch_records, by '
'erp_key_column, skipping records whose raw hash is that of target_table), calls cw_nnnnnn.load_<entity>(date), '
'which types, pre-checks and writes the changed records, then records load_entity_stats for the entity and its line '
'entity. Adding an entity is a row here plus its procedures (docs/architecture.md, "How to add a load entity").';
comment on column cw_global.load_entities.entity is
'Name of the entity as it appears in load_entity_stats, load_rejects and the work tables batch_<entity> and '
'src_<entity> of the load.';
comment on column cw_global.load_entities.load_order is
'Position in the load: references resolve against entities loaded earlier (locations before orders).';
comment on column cw_global.load_entities.staging_table is
'Staging table (in cw_nnnnnn_staging) that holds the entity''s records of the run date; the one list of the '
'staging tables the load reads.';
comment on column cw_global.load_entities.erp_key_column is
'Staging column with the ERP key of a record (a document''s number for documents with lines). Null: the entity '
'prepares its own batch (inventory balances are grouped by balance date, not by record).';
comment on column cw_global.load_entities.target_table is
'Production table (in cw_nnnnnn) keyed by erp_id that holds the entity; its raw_hash decides which staging records '
'are unchanged.';
comment on column cw_global.load_entities.line_entity is
'Entity and production table of the lines of a document entity (sales_order_lines), null for a flat entity. The '
'driver records its load_entity_stats too.';
comment on column cw_global.load_entities.batch_counts_lines is
'True when a document''s lines are skipped with it (one raw hash for the record and its lines): the unchanged '
'lines are counted by load_batch_records. False for price lists, whose lines are hashed and counted one by one.';
comment on column cw_global.load_entities.side_tables is
'Other production tables the entity''s procedure writes (brands, customers, location_lanes ...): their CHECK '
'constraints need a pre-check too (load_pre_checks).';
comment on column cw_global.load_entities.procedure_name is
'Procedure cw_nnnnnn.load_<entity>(date) that prepares src_<entity> from the changed records and writes them.';
comment on column cw_global.load_entities.description is 'What the entity is and where its rules are documented.';

insert into cw_global.load_entities (
    entity, load_order, staging_table, erp_key_column, target_table, line_entity, batch_counts_lines, side_tables,
    procedure_name, description
) values
('suppliers', 10, 'staging_suppliers', 'supplier_id', 'suppliers', null, false, '{}', 'load_suppliers',
 'Suppliers, a full snapshot: absent suppliers are deactivated.'),
('locations', 20, 'staging_locations', 'location_id', 'locations', null, false, '{location_lanes}',
 'load_locations', 'Stores, DCs and warehouses, a full snapshot; the replenish-from links become location_lanes.'),
('products', 30, 'staging_products', 'product_id', 'products', null, false,
 '{brands,product_categories,product_suppliers}', 'load_products',
 'The catalogue, a full snapshot, with brands, the category tree and the primary supplier links.'),
('price_lists', 40, 'staging_prices', 'price_list_id', 'price_lists', 'prices', false, '{}', 'load_price_lists',
 'Price lists and their prices, a full snapshot; each price line is hashed on its own.'),
('sales_orders', 50, 'staging_sales_orders', 'so_id', 'sales_orders', 'sales_order_lines', true,
 '{customers,payment_methods}', 'load_sales_orders', 'Sales and returns of the day with their lines.'),
('purchase_orders', 60, 'staging_purchase_orders', 'po_id', 'purchase_orders', 'purchase_order_lines', true, '{}',
 'load_purchase_orders', 'Purchase orders to suppliers with their lines.'),
('store_orders', 70, 'staging_store_orders', 'store_order_id', 'store_orders', 'store_order_lines', true, '{}',
 'load_store_orders', 'Replenishment requests of stores with their lines.'),
('transfer_orders', 80, 'staging_transfer_orders', 'transfer_id', 'transfer_orders', 'transfer_order_lines', true,
 '{}', 'load_transfer_orders', 'Transfers between locations with their lines (after the store orders they answer).'),
('receiving_orders', 90, 'staging_receiving_orders', 'receipt_id', 'receiving_orders', 'receiving_order_lines',
 true, '{}', 'load_receiving_orders', 'Goods receipts with their lines (after the POs and transfers they receive).'),
('inventory_balances', 100, 'staging_inventory_balances', null, 'inventory_balances', null, false,
 '{inventory_snapshots}', 'load_inventory_balances',
 'Stock balances per product, location and date; skipped per balance date, never deactivated.');

create table cw_global.load_pre_checks (
    table_name text not null,
    constraint_name text not null,
    entity text not null,
    reject_code text,
    why_no_pre_check text,
    constraint load_pre_checks_pkey primary key (table_name, constraint_name),
    constraint load_pre_checks_entity_fkey foreign key (entity) references cw_global.load_entities (entity),
    constraint load_pre_check_reject_code_check check (reject_code ~ '^[a-z][a-z0-9_]*$'),
    constraint load_pre_check_reason_check check ((reject_code is null) = (why_no_pre_check is not null))
);
comment on table cw_global.load_pre_checks is
'The pre-check registry of step load: one row per CHECK constraint of a production table the load writes '
'(load_entities target_table, line_entity and side_tables) with the reject code under which the entity''s '
'procedure refuses a row that would break it, before the set-based write. A test compares it with pg_constraint: a '
'new CHECK constraint on such a table needs its row here (and its pre-check in load_<entity>), or the write of a '
'whole entity falls back to row-by-row.';
comment on column cw_global.load_pre_checks.table_name is 'Production table (in cw_nnnnnn) of the constraint.';
comment on column cw_global.load_pre_checks.constraint_name is 'Name of the CHECK constraint.';
comment on column cw_global.load_pre_checks.entity is 'Load entity whose procedure holds the pre-check.';
comment on column cw_global.load_pre_checks.reject_code is
'reason_code the pre-check writes to load_rejects (the constraint''s own name, or unknown_value for a vocabulary '
'check, missing_fields for a required value); null when no staged value can break the constraint.';
comment on column cw_global.load_pre_checks.why_no_pre_check is
'Why the constraint needs no pre-check (the load sets the column itself, or the UI owns it); null when it has one.';

insert into cw_global.load_pre_checks (table_name, constraint_name, entity, reject_code, why_no_pre_check) values
('suppliers', 'supplier_deactivated_check', 'suppliers', null, 'is_active and deactivated_on are set by the load.'),
('suppliers', 'supplier_erp_status_check', 'suppliers', 'unknown_value', null),
('suppliers', 'supplier_lead_time_check', 'suppliers', 'supplier_lead_time_check', null),
('suppliers', 'supplier_lead_time_override_check', 'suppliers', null, 'UI-owned column, never written by the load.'),
('suppliers', 'supplier_min_order_value_check', 'suppliers', null, 'UI-owned column, never written by the load.'),
('suppliers', 'supplier_moq_check', 'suppliers', 'supplier_moq_check', null),
('suppliers', 'supplier_review_cycle_check', 'suppliers', null, 'UI-owned column, never written by the load.'),
('locations', 'location_dates_check', 'locations', 'location_dates_check', null),
('locations', 'location_deactivated_check', 'locations', null, 'is_active and deactivated_on are set by the load.'),
('locations', 'location_echelon_check', 'locations', 'location_echelon_check', null),
('locations', 'location_erp_status_check', 'locations', 'unknown_value', null),
('locations', 'location_parent_check', 'locations', 'location_parent_check', null),
('locations', 'location_type_check', 'locations', 'unknown_value', null),
('location_lanes', 'location_lane_distinct_check', 'locations', 'location_parent_check', null),
('location_lanes', 'location_lane_transit_check', 'locations', null, 'UI-owned column, never written by the load.'),
('products', 'product_assortment_override_check', 'products', null, 'UI-owned column, never written by the load.'),
('products', 'product_cost_check', 'products', 'product_cost_check', null),
('products', 'product_dates_check', 'products', 'product_dates_check', null),
('products', 'product_deactivated_check', 'products', null, 'is_active and deactivated_on are set by the load.'),
('products', 'product_erp_status_check', 'products', 'unknown_value', null),
('products', 'product_name_check', 'products', 'product_name_check', null),
('products', 'product_pack_size_check', 'products', 'product_pack_size_check', null),
('products', 'product_price_check', 'products', 'product_price_check', null),
('brands', 'brand_name_check', 'products', null,
 'the load writes a brand''s name trimmed and only when it is not blank.'),
('product_categories', 'product_category_level_check', 'products', null,
 'the load builds at most five levels and sets the level itself.'),
('product_categories', 'product_category_name_check', 'products', null,
 'the load splits the path at " > " and drops blank levels, so a level name is never blank and holds no " > ".'),
('product_categories', 'product_category_root_check', 'products', null,
 'the load sets level and parent_id together, level by level.'),
('product_suppliers', 'product_supplier_lead_time_check', 'products', null,
 'UI-owned column, never written by the load.'),
('product_suppliers', 'product_supplier_moq_check', 'products', null, 'UI-owned column, never written by the load.'),
('product_suppliers', 'product_supplier_pack_size_check', 'products', 'product_pack_size_check', null),
('price_lists', 'price_list_channel_check', 'price_lists', 'unknown_value', null),
('price_lists', 'price_list_deactivated_check', 'price_lists', null,
 'is_active and deactivated_on are set by the load.'),
('price_lists', 'price_list_validity_check', 'price_lists', 'price_list_validity_check', null),
('prices', 'price_amount_check', 'price_lists', 'price_amount_check', null),
('prices', 'price_promo_check', 'price_lists', 'price_promo_check', null),
('sales_orders', 'sales_order_channel_check', 'sales_orders', 'unknown_value', null),
('sales_orders', 'sales_order_document_type_check', 'sales_orders', 'unknown_value', null),
('sales_orders', 'sales_order_fx_rate_check', 'sales_orders', 'no_fx_rate', null),
('sales_orders', 'sales_order_original_check', 'sales_orders', null,
 'the load keeps the original order number only on a return.'),
('sales_orders', 'sales_order_status_check', 'sales_orders', 'unknown_value', null),
('sales_order_lines', 'sales_order_line_amount_check', 'sales_orders', 'sales_order_line_amount_check', null),
('sales_order_lines', 'sales_order_line_no_check', 'sales_orders', 'sales_order_line_no_check', null),
('sales_order_lines', 'sales_order_line_qty_check', 'sales_orders', 'sales_order_line_qty_check', null),
('customers', 'customer_order_dates_check', 'sales_orders', null,
 'the load computes the first and last order dates itself (least and greatest).'),
('payment_methods', 'payment_method_code_check', 'sales_orders', 'unknown_value', null),
('purchase_orders', 'purchase_order_dates_check', 'purchase_orders', 'purchase_order_dates_check', null),
('purchase_orders', 'purchase_order_fx_rate_check', 'purchase_orders', 'no_fx_rate', null),
('purchase_orders', 'purchase_order_status_check', 'purchase_orders', 'unknown_value', null),
('purchase_order_lines', 'purchase_order_line_confirmed_check', 'purchase_orders',
 'purchase_order_line_confirmed_check', null),
('purchase_order_lines', 'purchase_order_line_cost_check', 'purchase_orders', 'purchase_order_line_cost_check',
 null),
('purchase_order_lines', 'purchase_order_line_no_check', 'purchase_orders', 'purchase_order_line_no_check', null),
('purchase_order_lines', 'purchase_order_line_qty_check', 'purchase_orders', 'purchase_order_line_qty_check', null),
('store_orders', 'store_order_dates_check', 'store_orders', 'store_order_dates_check', null),
('store_orders', 'store_order_locations_check', 'store_orders', 'store_order_locations_check', null),
('store_order_lines', 'store_order_line_no_check', 'store_orders', 'store_order_line_no_check', null),
('store_order_lines', 'store_order_line_qty_check', 'store_orders', 'store_order_line_qty_check', null),
('transfer_orders', 'transfer_order_dates_check', 'transfer_orders', 'transfer_order_dates_check', null),
('transfer_orders', 'transfer_order_locations_check', 'transfer_orders', 'transfer_order_locations_check', null),
('transfer_orders', 'transfer_order_reason_check', 'transfer_orders', 'unknown_value', null),
('transfer_orders', 'transfer_order_status_check', 'transfer_orders', 'unknown_value', null),
('transfer_order_lines', 'transfer_order_line_no_check', 'transfer_orders', 'transfer_order_line_no_check', null),
('transfer_order_lines', 'transfer_order_line_qty_check', 'transfer_orders', 'transfer_order_line_qty_check', null),
('receiving_orders', 'receiving_order_source_check', 'receiving_orders', null,
 'the load resolves a receipt''s source against purchase orders or transfers by its source type, never both.'),
('receiving_orders', 'receiving_order_source_type_check', 'receiving_orders', 'unknown_value', null),
('receiving_order_lines', 'receiving_order_line_blocked_check', 'receiving_orders',
 'receiving_order_line_blocked_check', null),
('receiving_order_lines', 'receiving_order_line_no_check', 'receiving_orders', 'receiving_order_line_no_check',
 null),
('receiving_order_lines', 'receiving_order_line_qty_check', 'receiving_orders', 'receiving_order_line_qty_check',
 null),
('inventory_balances', 'inventory_balance_qty_check', 'inventory_balances', 'inventory_balance_qty_check', null),
('inventory_snapshots', 'inventory_snapshot_rows_check', 'inventory_balances', null,
 'the load counts the rows itself.'),
('inventory_snapshots', 'inventory_snapshot_type_check', 'inventory_balances', null,
 'the load writes full or delta itself: a snapshot is full when any of its balances says so.');

-- Dialect differences the load used to branch on by dialect code, now configuration.
alter table cw_global.erp_dialects add column blank_currency_code text;
alter table cw_global.erp_dialects add constraint erp_dialects_blank_currency_code_fkey
foreign key (blank_currency_code) references cw_global.currencies (code);
comment on column cw_global.erp_dialects.blank_currency_code is
'Currency of an amount the dialect sends with a blank currency code (navision writes none for its local currency, '
'EUR); null: the client''s own currency.';
update cw_global.erp_dialects set blank_currency_code = 'EUR' where erp_dialects.code = 'navision';

comment on table cw_global.erp_value_mappings is
'Status and type words of an ERP dialect that differ from the canonical vocabulary (e.g. navision location status '
'Open = active). Load normalises a value to lower case with blanks as underscores, then maps it here; a value '
'without a row is already canonical. On a reference column (a customer or store order number) a row marks a '
'placeholder that references nothing: sales_orders.customer_id cash = anonymous (no customer), '
'transfer_orders.store_order_id store_closure = no store order, the transfer''s reason is store_closure.';
insert into cw_global.erp_value_mappings (erp_dialect_id, endpoint, staging_column, erp_value, canonical_value)
select
    erp_dialects.id,
    placeholders.endpoint,
    placeholders.staging_column,
    placeholders.erp_value,
    placeholders.canonical_value
from (
    values
    ('navision', 'sales_orders', 'customer_id', 'cash', 'anonymous'),
    ('navision', 'transfer_orders', 'store_order_id', 'store_closure', 'store_closure'),
    ('catwing', 'transfer_orders', 'store_order_id', 'store_closure', 'store_closure')
) as placeholders (dialect, endpoint, staging_column, erp_value, canonical_value)
inner join cw_global.erp_dialects on erp_dialects.code = placeholders.dialect;

grant select on cw_global.load_entities, cw_global.load_pre_checks to cw_tenant;

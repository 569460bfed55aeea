-- Every column of a client's tables explained in the catalog (\d+): the run log, the quality gate's tables, the raw
-- landing and the typed staging tables, every identity key; the constraints and indexes whose purpose their name does
-- not tell; and the table comments that cited documents outside the repository, rewritten to say what they meant.
-- Comments only: no table, row or privilege changes.

-- Run log (written by run_pipeline).
comment on column ${schema}.pipeline_runs.id is
'Identity key of the run; referenced by pipeline_step_runs.pipeline_run_id and by a later run''s '
'resumed_from_run_id.';
comment on column ${schema}.pipeline_runs.started_at is 'When run_pipeline opened the run (clock time, UTC).';
comment on column ${schema}.pipeline_runs.finished_at is
'When the run ended, whatever its status (for an abandoned run: when the next run found it); null exactly while '
'status is running (pipeline_run_finished_check).';
comment on column ${schema}.pipeline_step_runs.id is 'Identity key of the step run (nothing references it).';
comment on column ${schema}.pipeline_step_runs.pipeline_run_id is
'The run (pipeline_runs) the step belongs to; deleting the run deletes its steps.';
comment on column ${schema}.pipeline_step_runs.step_no is
'Position of the step in the catalog (cw_global.pipeline_steps.step_no), unique within a run.';
comment on column ${schema}.pipeline_step_runs.step_name is
'Name of the step (cw_global.pipeline_steps.name), e.g. quality_gate; the procedure run was step_<name>.';
comment on column ${schema}.pipeline_step_runs.started_at is 'When the step began (clock time, UTC).';
comment on column ${schema}.pipeline_step_runs.finished_at is
'When the step ended, whatever its status (for an abandoned step: when the next run found it); null while it '
'runs.';

-- DataQualityGateway (written by step quality_gate; trend rows also by step health).
comment on column ${schema}.data_quality_run_statuses.id is
'Fixed id written by the gate code: 1 running, 2 passed, 3 failed, 4 error (reserved: an error rolls the gateway '
'run back, so no row keeps it).';
comment on column ${schema}.data_quality_run_statuses.name is 'Status word shown in reports.';
comment on column ${schema}.data_quality_check_categories.id is
'Fixed id: 1 completeness, 2 consistency, 3 freshness, 4 statistical_anomaly (matched by name to '
'cw_global.quality_check_definitions.category).';
comment on column ${schema}.data_quality_check_categories.name is 'Category word, as in the check catalog.';
comment on column ${schema}.data_quality_check_severities.id is
'Fixed id written by the gate code: 1 critical (weighs 3 in the score), 2 warning (weighs 1).';
comment on column ${schema}.data_quality_check_severities.name is 'Severity word, as in the check catalog.';
comment on column ${schema}.data_quality_runs.id is
'Identity key of the gateway run; referenced by data_quality_checks.data_quality_run_id. A re-run of the date '
'deletes the row and creates a new one.';
comment on column ${schema}.data_quality_runs.run_date is
'Run date whose raw files were judged (one gateway run per date).';
comment on column ${schema}.data_quality_runs.data_quality_run_status_id is
'running while the checks run, then passed or failed (data_quality_run_statuses).';
comment on column ${schema}.data_quality_runs.checks_total is 'Checks recorded for the run (all endpoints).';
comment on column ${schema}.data_quality_runs.checks_passed is 'Of them, the checks that passed.';
comment on column ${schema}.data_quality_runs.started_at is 'When the gate step began mapping and checking.';
comment on column ${schema}.data_quality_runs.completed_at is 'When the score was written; null while running.';
comment on column ${schema}.data_quality_runs.created_at is 'When the row was inserted (transaction time).';
comment on column ${schema}.data_quality_checks.id is 'Identity key of the check result (nothing references it).';
comment on column ${schema}.data_quality_checks.data_quality_run_id is
'The gateway run (data_quality_runs); deleting the run, as a re-run of the date does, deletes its checks.';
comment on column ${schema}.data_quality_checks.data_quality_check_category_id is
'Category of the check (data_quality_check_categories), from cw_global.quality_check_definitions.';
comment on column ${schema}.data_quality_checks.data_quality_check_severity_id is
'Severity applied to this result (data_quality_check_severities): the catalog default, or raised or lowered for '
'this result (orphan_references above the client''s orphan threshold is critical; a volume spike is a warning).';
comment on column ${schema}.data_quality_checks.check_name is
'Catalog check name (cw_global.quality_check_definitions), with '':column'' for per-column checks, e.g. '
'orphan_references:supplier_id or negative_values:qty.';
comment on column ${schema}.data_quality_checks.passed is 'True when the check found nothing wrong.';
comment on column ${schema}.data_quality_checks.expected_value is
'What a passing check expects, in words or numbers (e.g. ''>= 0'', ''unique keys'', a record range).';
comment on column ${schema}.data_quality_checks.actual_value is
'What the check found (e.g. a record count, ''3 of 1200''); compare with expected_value.';
comment on column ${schema}.data_quality_checks.detail is
'One human-readable sentence about the result (shown in the quality report); null when there is nothing to add.';
comment on column ${schema}.data_quality_check_reports.id is 'Identity key of the metric row (nothing references it).';
comment on column ${schema}.data_quality_check_reports.endpoint is
'Endpoint (gateway) or load entity (health) the metric is about; ''*'' for the gateway''s overall_score.';
comment on column ${schema}.data_quality_check_reports.check_name is
'Metric name: record_count and overall_score (gateway), the health check names such as rows_in or '
'null_rate_pct:brand_id (health).';
comment on column ${schema}.data_quality_check_reports.run_date is 'Run date the metric was measured for.';
comment on column ${schema}.data_quality_check_reports.source is
'gateway (written by step quality_gate) or health (step health); each step replaces its own rows of a date.';
comment on column ${schema}.data_quality_check_reports.metric_value is
'The measured value: records of the endpoint, the 0-100 score, or the health metric (a count or a percentage).';
comment on column ${schema}.data_quality_check_reports.baseline is
'What the value was compared with: the gateway''s record_count takes the mean of the eligible values of the 30 days '
'before; health takes the mean of the last 30 eligible health runs before the date. Null without history.';
comment on column ${schema}.data_quality_check_reports.created_at is 'When the row was inserted.';

-- Raw landing (written by the loader, cw load).
comment on column ${staging_schema}.raw_files.id is
'Identity key of the raw file; referenced by raw_records.file_id (checked per statement by trigger, not by a '
'foreign key), staged_files.raw_file_id and the raw_file_id of the staging tables and load_rejects.';
comment on column ${staging_schema}.raw_files.size_bytes is
'Size of the S3 object in bytes as listed (compressed size for .gz); with the ETag, the identity of a delivery.';
comment on column ${staging_schema}.raw_files.started_at is
'When the loader inserted the registry row: the start of landing for a loaded file, the moment the failure was '
'recorded for a failed one.';
comment on column ${staging_schema}.raw_files.loaded_at is
'When the last record of a loaded file landed; null for a failed file.';
comment on table ${staging_schema}.raw_load_conflicts is
'Critical: an object under an already loaded key had different content (raw data must be immutable); one row each '
'time the loader meets it. The loaded version stays; the quality gate of the object''s date fails (raw_immutable) '
'while a row names its key.';
comment on column ${staging_schema}.raw_load_conflicts.id is 'Identity key of the conflict (nothing references it).';
comment on column ${staging_schema}.raw_load_conflicts.object_key is
'S3 key of the re-delivered object; the raw_files row with this key keeps the loaded version.';
comment on column ${staging_schema}.raw_load_conflicts.loaded_etag is 'ETag of the version that was loaded.';
comment on column ${staging_schema}.raw_load_conflicts.offered_etag is
'ETag of the different object found under the same key (refused, not loaded).';
comment on column ${staging_schema}.raw_load_conflicts.offered_size_bytes is 'Size in bytes of the refused object.';
comment on column ${staging_schema}.raw_load_conflicts.detected_at is
'When the loader saw the differing object; every load that sees it again adds a row.';
comment on column ${staging_schema}.raw_records.endpoint is
'Endpoint of the file (raw_files.endpoint), repeated on every record so that a record says what it holds without a '
'join to raw_files.';

-- Typed staging (written by the Quality Mapper: map_file_to_staging / map_to_staging). Every row comes from one raw
-- record (raw_file_id, record_no) or, for documents, one element of its lines array. cw_global.erp_field_mappings
-- says which JSON field of each dialect fills a column; the names below are those of the catwing and navision
-- dialects. A column a dialect does not map stays null; a value that does not cast is null and named in cast_errors.
comment on column ${staging_schema}.staging_products.product_id is
'The ERP''s product number (required; catwing product_id, navision No): the business key, products.erp_id.';
comment on column ${staging_schema}.staging_products.sku is
'Stock-keeping unit code of the client (catwing sku, navision No2); products.sku.';
comment on column ${staging_schema}.staging_products.vendor_sku is
'The primary supplier''s own item number (catwing vendor_sku, navision VendorItemNo); product_suppliers.vendor_sku.';
comment on column ${staging_schema}.staging_products.name is
'Product name (required; catwing name, navision Description); products.name.';
comment on column ${staging_schema}.staging_products.brand is 'Brand name (catwing brand, navision Brand); brands.';
comment on column ${staging_schema}.staging_products.category_path is
'Category path ''Level 1 > Level 2 > Level 3'' (catwing category_path); builds product_categories.';
comment on column ${staging_schema}.staging_products.supplier_id is
'ERP number of the primary supplier (catwing supplier_id, navision VendorNo); products.primary_supplier_id when it '
'resolves, else null.';
comment on column ${staging_schema}.staging_products.cost is
'Purchase cost per unit in the product''s currency (required; catwing cost, navision UnitCost); products.erp_cost, '
'converted into products.cost.';
comment on column ${staging_schema}.staging_products.price is
'Regular selling price per unit in the product''s currency (required; catwing price, navision UnitPrice); '
'products.erp_price, converted into products.price.';
comment on column ${staging_schema}.staging_products.currency is
'ISO currency of cost and price (catwing currency, navision CurrencyCode); blank means the dialect''s default '
'currency (erp_default_currency()).';
comment on column ${staging_schema}.staging_products.pack_size is
'Units per purchase pack (catwing pack_size, navision UnitsPerParcel); products.pack_size_qty.';
comment on column ${staging_schema}.staging_products.is_dropship is
'True when the supplier ships to the customer directly (catwing is_dropship, navision DropShipment Yes/No).';
comment on column ${staging_schema}.staging_products.status is
'Lifecycle word as the ERP writes it (required; catwing status, navision LifecycleStatus); mapped to '
'products.erp_status through cw_global.erp_value_mappings.';
comment on column ${staging_schema}.staging_products.launch_date is
'First day the product is sold (catwing launch_date, navision LaunchDate).';
comment on column ${staging_schema}.staging_products.updated_at is
'When the ERP last changed the product (catwing updated_at); products.erp_updated_at.';
comment on column ${staging_schema}.staging_products.ean is 'EAN-13 / GTIN barcode (catwing ean, navision GTIN).';
comment on column ${staging_schema}.staging_products.category_code is
'The ERP''s code of the leaf category (catwing category_id, navision ItemCategory.Code); '
'product_categories.erp_code.';
comment on column ${staging_schema}.staging_products.category_level1 is
'Top category name (navision ItemCategory.Level1); with levels 2 and 3 it builds the category path.';
comment on column ${staging_schema}.staging_products.category_level2 is
'Second category level name (navision ItemCategory.Level2).';
comment on column ${staging_schema}.staging_products.category_level3 is
'Third category level name (navision ItemCategory.Level3).';
comment on column ${staging_schema}.staging_products.discontinue_date is
'Day the product stops being sold; null while active (catwing discontinue_date, navision DiscontinuedDate).';

comment on column ${staging_schema}.staging_locations.location_id is
'The ERP''s location code (required; catwing location_id, navision Code): the business key, locations.erp_id.';
comment on column ${staging_schema}.staging_locations.name is
'Location name (required; catwing name, navision Name).';
comment on column ${staging_schema}.staging_locations.type is
'Location type word (required; catwing type, navision LocationType): store, online, dc, warehouse or central after '
'mapping (navision WEBSHOP = online).';
comment on column ${staging_schema}.staging_locations.echelon is
'Level in the supply network: 1 store or webshop, 2 DC, 3 warehouse, 4 central (catwing echelon, navision '
'Echelon); when absent, load derives it from the type.';
comment on column ${staging_schema}.staging_locations.parent_location_id is
'Code of the location that replenishes this one (catwing parent_location_id, navision ReplenishFromCode); blank for '
'the top of the network. Builds locations.parent_location_id and location_lanes.';
comment on column ${staging_schema}.staging_locations.city is
'City name (catwing city, navision Address.City); locations.city_name, and city_id when cw_global.cities knows it.';
comment on column ${staging_schema}.staging_locations.country is
'ISO 3166-1 alpha-2 country (catwing country, navision Address.CountryRegionCode).';
comment on column ${staging_schema}.staging_locations.currency is
'ISO currency the location sells in (catwing currency, navision CurrencyCode); blank = the dialect''s default.';
comment on column ${staging_schema}.staging_locations.timezone is
'IANA time zone of the location (catwing timezone, navision TimeZone).';
comment on column ${staging_schema}.staging_locations.status is
'Status word (required; catwing status, navision Status): planned, active or closed after mapping (navision Open = '
'active).';
comment on column ${staging_schema}.staging_locations.open_date is
'Opening day (catwing open_date, navision OpeningDate).';
comment on column ${staging_schema}.staging_locations.close_date is
'Closing day; null while open (catwing close_date, navision ClosingDate).';

comment on column ${staging_schema}.staging_suppliers.supplier_id is
'The ERP''s vendor number (required; catwing supplier_id, navision No): the business key, suppliers.erp_id.';
comment on column ${staging_schema}.staging_suppliers.name is 'Supplier name (required; catwing name, navision Name).';
comment on column ${staging_schema}.staging_suppliers.country is
'ISO 3166-1 alpha-2 country of the supplier (catwing country, navision CountryRegionCode).';
comment on column ${staging_schema}.staging_suppliers.currency is
'ISO currency the supplier invoices in (catwing currency, navision CurrencyCode); blank = the dialect''s default.';
comment on column ${staging_schema}.staging_suppliers.lead_time_days is
'Nominal days from order to delivery (catwing lead_time_days, navision LeadTimeCalculation such as ''14D''); '
'suppliers.lead_time_days.';
comment on column ${staging_schema}.staging_suppliers.moq is
'Minimum order quantity in units per purchase order line (catwing moq, navision MinimumOrderQty); '
'suppliers.moq_qty.';
comment on column ${staging_schema}.staging_suppliers.status is
'Status word (catwing status, navision Blocked): active, blocked or inactive after mapping; absent or blank = '
'active, navision All, Yes, Purchase or Payment = blocked.';

comment on column ${staging_schema}.staging_prices.price_list_id is
'The ERP''s price list code (required, header; catwing price_list_id, navision Code): price_lists.erp_id.';
comment on column ${staging_schema}.staging_prices.line_no is
'Position of the line in the list''s lines array, from 1: the Quality Mapper fills it because neither dialect maps '
'a line number for prices.';
comment on column ${staging_schema}.staging_prices.location_id is
'Location a list applies to; mapped by neither dialect today, so null (lists apply by channel and country).';
comment on column ${staging_schema}.staging_prices.channel is
'Sales channel word of the list (header; catwing channel, navision SalesType): store or online after mapping.';
comment on column ${staging_schema}.staging_prices.currency is
'ISO currency of the list''s prices (header; catwing currency, navision CurrencyCode); blank = the dialect''s '
'default.';
comment on column ${staging_schema}.staging_prices.valid_from is
'First day the list applies (header; catwing valid_from, navision StartingDate).';
comment on column ${staging_schema}.staging_prices.valid_to is
'Last day the list applies; null for open-ended (header; catwing valid_to, navision EndingDate).';
comment on column ${staging_schema}.staging_prices.product_id is
'ERP number of the priced product (required, line; catwing product_id, navision ItemNo).';
comment on column ${staging_schema}.staging_prices.price is
'List price per unit in the list''s currency (required, line; catwing price, navision UnitPrice); prices.erp_price.';
comment on column ${staging_schema}.staging_prices.promo_price is
'Promotional price per unit, absent or 0 without a promotion (line; catwing promo_price, navision PromoUnitPrice); '
'prices.erp_promo_price.';
comment on column ${staging_schema}.staging_prices.name is
'Price list name (header; catwing name, navision Description).';
comment on column ${staging_schema}.staging_prices.country is
'ISO country the list applies to; null for the webshop (header; catwing country, not sent by navision).';

comment on column ${staging_schema}.staging_sales_orders.so_id is
'The ERP''s order number (required, header; catwing order_id, navision Header.No): sales_orders.erp_id.';
comment on column ${staging_schema}.staging_sales_orders.line_no is
'Line number within the order (line; catwing line_no, navision LineNo such as 10000).';
comment on column ${staging_schema}.staging_sales_orders.order_date is
'Day of the sale (required, header; catwing order_date, navision Header.OrderDate).';
comment on column ${staging_schema}.staging_sales_orders.location_id is
'Code of the selling store or webshop (required, header; catwing location_id, navision Header.LocationCode).';
comment on column ${staging_schema}.staging_sales_orders.customer_id is
'ERP number of the customer; null or CASH for an anonymous sale (header; catwing customer.customer_id, navision '
'Header.SellToCustomer.No).';
comment on column ${staging_schema}.staging_sales_orders.customer_name is
'Customer name (header; catwing customer.name, navision Header.SellToCustomer.Name); customers.name.';
comment on column ${staging_schema}.staging_sales_orders.customer_email is
'Customer e-mail address (header; catwing customer.email, navision Header.SellToCustomer.EMail); customers.email.';
comment on column ${staging_schema}.staging_sales_orders.customer_city is
'Customer city (header; catwing customer.city, navision Header.SellToCustomer.City); customers.city_name.';
comment on column ${staging_schema}.staging_sales_orders.payment_method is
'Payment method code, e.g. card or cash (header; catwing payment_method, navision Header.PaymentMethodCode); '
'payment_methods.';
comment on column ${staging_schema}.staging_sales_orders.product_id is
'ERP number of the product sold (required, line; catwing product_id, navision ItemNo).';
comment on column ${staging_schema}.staging_sales_orders.qty is
'Units sold on the line (required, line; catwing qty, navision Quantity).';
comment on column ${staging_schema}.staging_sales_orders.unit_price is
'List price per unit in the order''s currency (line; catwing unit_price, navision UnitPrice).';
comment on column ${staging_schema}.staging_sales_orders.discount is
'Discount amount of the whole line in the order''s currency (line; catwing discount, navision LineDiscountAmount).';
comment on column ${staging_schema}.staging_sales_orders.revenue is
'Line amount qty x unit_price - discount in the order''s currency (line; catwing revenue, navision LineAmount).';
comment on column ${staging_schema}.staging_sales_orders.channel is
'Channel word (header; catwing channel, navision Header.SalesChannel): store or online after mapping (WEB = '
'online).';
comment on column ${staging_schema}.staging_sales_orders.currency is
'ISO currency of the order''s amounts (header; catwing currency, navision Header.CurrencyCode); blank = the '
'dialect''s default.';
comment on column ${staging_schema}.staging_sales_orders.status is
'Order status word (header; catwing status, navision Header.Status): completed, cancelled or open after mapping '
'(Posted = completed).';

comment on column ${staging_schema}.staging_purchase_orders.po_id is
'The ERP''s purchase order number (required, header; catwing po_id, navision Header.No): purchase_orders.erp_id.';
comment on column ${staging_schema}.staging_purchase_orders.line_no is
'Line number within the order (line; catwing line_no, navision LineNo).';
comment on column ${staging_schema}.staging_purchase_orders.supplier_id is
'ERP number of the supplier ordered from (required, header; catwing supplier_id, navision Header.BuyFromVendorNo).';
comment on column ${staging_schema}.staging_purchase_orders.location_id is
'Code of the receiving location (required, header; catwing location_id, navision Header.LocationCode).';
comment on column ${staging_schema}.staging_purchase_orders.order_date is
'Day the order was placed (required, header; catwing order_date, navision Header.OrderDate).';
comment on column ${staging_schema}.staging_purchase_orders.expected_date is
'Day the delivery is expected (header; catwing expected_date, navision Header.ExpectedReceiptDate).';
comment on column ${staging_schema}.staging_purchase_orders.status is
'Status word (header; catwing status, navision Header.Status): open, confirmed, partially_received, received or '
'cancelled after mapping (Released = confirmed).';
comment on column ${staging_schema}.staging_purchase_orders.product_id is
'ERP number of the product ordered (required, line; catwing product_id, navision ItemNo).';
comment on column ${staging_schema}.staging_purchase_orders.qty_ordered is
'Units ordered (required, line; catwing qty_ordered, navision Quantity).';
comment on column ${staging_schema}.staging_purchase_orders.qty_confirmed is
'Units the supplier confirmed, at most qty_ordered (line; catwing qty_confirmed, navision QtyConfirmed).';
comment on column ${staging_schema}.staging_purchase_orders.qty_delivered is
'Units received so far, cumulative (line; catwing qty_delivered, navision QuantityReceived).';
comment on column ${staging_schema}.staging_purchase_orders.unit_cost is
'Cost per unit in the order''s currency (line; catwing unit_cost, navision DirectUnitCost).';
comment on column ${staging_schema}.staging_purchase_orders.currency is
'ISO currency of the order (header; catwing currency, navision Header.CurrencyCode); blank = the dialect''s '
'default.';

comment on column ${staging_schema}.staging_receiving_orders.receipt_id is
'The ERP''s receipt number (required, header; catwing receipt_id, navision Header.No): receiving_orders.erp_id.';
comment on column ${staging_schema}.staging_receiving_orders.line_no is
'Line number within the receipt (line; catwing line_no, navision LineNo).';
comment on column ${staging_schema}.staging_receiving_orders.po_id is
'Purchase order received, when the receipt is for one (header; catwing po_id; navision sends source_no instead).';
comment on column ${staging_schema}.staging_receiving_orders.transfer_id is
'Transfer order received, when the receipt is for one (header; catwing transfer_id; navision sends source_no).';
comment on column ${staging_schema}.staging_receiving_orders.location_id is
'Code of the receiving location (required, header; catwing location_id, navision Header.LocationCode).';
comment on column ${staging_schema}.staging_receiving_orders.received_date is
'Day the goods were posted as received (required, header; catwing received_date, navision Header.PostingDate).';
comment on column ${staging_schema}.staging_receiving_orders.product_id is
'ERP number of the product received (required, line; catwing product_id, navision ItemNo).';
comment on column ${staging_schema}.staging_receiving_orders.qty_received is
'All units received on the line, blocked ones included (required, line; catwing qty_received, navision Quantity).';
comment on column ${staging_schema}.staging_receiving_orders.source_no is
'Number of the purchase or transfer order received, read with source_type (header; navision Header.SourceNo).';
comment on column ${staging_schema}.staging_receiving_orders.source_type is
'purchase or transfer after mapping (header; catwing source_type, navision Header.SourceType); when absent, load '
'infers it from which of po_id and transfer_id is set.';
comment on column ${staging_schema}.staging_receiving_orders.qty_blocked is
'Of qty_received, the units put on quality hold (line; catwing qty_blocked, navision QtyOnQualityHold).';

comment on column ${staging_schema}.staging_store_orders.store_order_id is
'The ERP''s store order number (required, header; catwing store_order_id, navision Header.No): store_orders.erp_id.';
comment on column ${staging_schema}.staging_store_orders.line_no is
'Line number within the order (line; catwing line_no, navision LineNo).';
comment on column ${staging_schema}.staging_store_orders.location_id is
'Code of the ordering store (required, header; catwing location_id, navision Header.LocationCode).';
comment on column ${staging_schema}.staging_store_orders.source_location_id is
'Code of the location asked to supply, usually the store''s DC (header; catwing source_location_id, navision '
'Header.TransferFromCode).';
comment on column ${staging_schema}.staging_store_orders.order_date is
'Day the store ordered (required, header; catwing order_date, navision Header.OrderDate).';
comment on column ${staging_schema}.staging_store_orders.product_id is
'ERP number of the product requested (required, line; catwing product_id, navision ItemNo).';
comment on column ${staging_schema}.staging_store_orders.qty is
'Units requested (required, line; catwing qty_requested, navision Quantity); store_order_lines.qty_requested.';
comment on column ${staging_schema}.staging_store_orders.requested_date is
'Day the store wants the goods (header; catwing requested_date, navision Header.RequestedDeliveryDate).';
comment on column ${staging_schema}.staging_store_orders.qty_allocated is
'Units the supplying location could give, possibly 0 (line; catwing qty_allocated, navision QtyAllocated).';

comment on column ${staging_schema}.staging_transfer_orders.transfer_id is
'The ERP''s transfer number (required, header; catwing transfer_id, navision Header.No): transfer_orders.erp_id.';
comment on column ${staging_schema}.staging_transfer_orders.line_no is
'Line number within the transfer (line; catwing line_no, navision LineNo).';
comment on column ${staging_schema}.staging_transfer_orders.from_location_id is
'Code of the shipping location (required, header; catwing from_location_id, navision Header.TransferFromCode).';
comment on column ${staging_schema}.staging_transfer_orders.to_location_id is
'Code of the receiving location (required, header; catwing to_location_id, navision Header.TransferToCode).';
comment on column ${staging_schema}.staging_transfer_orders.ship_date is
'Day the goods left (header; catwing ship_date, navision Header.ShipmentDate).';
comment on column ${staging_schema}.staging_transfer_orders.expected_date is
'Day the goods are expected to arrive (header; catwing expected_date, navision Header.ReceiptDate).';
comment on column ${staging_schema}.staging_transfer_orders.status is
'Status word (header; catwing status, navision Header.Status): open, shipped, received or cancelled after mapping.';
comment on column ${staging_schema}.staging_transfer_orders.product_id is
'ERP number of the product moved (required, line; catwing product_id, navision ItemNo).';
comment on column ${staging_schema}.staging_transfer_orders.qty_shipped is
'Units shipped (line; catwing qty_shipped, navision QuantityShipped).';
comment on column ${staging_schema}.staging_transfer_orders.qty_received is
'Units received so far, 0 while in transit (line; catwing qty_received, navision QuantityReceived).';
comment on column ${staging_schema}.staging_transfer_orders.store_order_id is
'Store order the transfer answers; null or blank otherwise (header; catwing store_order_id, navision '
'Header.ExternalDocumentNo, where STORE CLOSURE marks a closing store''s return and is no order number).';
comment on column ${staging_schema}.staging_transfer_orders.reason is
'Why the goods move: replenishment, store_closure or rebalance (header; catwing reason; navision sends none: load '
'takes store_closure for STORE CLOSURE, else replenishment).';
comment on column ${staging_schema}.staging_transfer_orders.received_date is
'Day the goods arrived; null until received (header; catwing received_date, not sent by navision).';

comment on column ${staging_schema}.staging_inventory_balances.product_id is
'ERP number of the product (required; catwing product_id, navision ItemNo).';
comment on column ${staging_schema}.staging_inventory_balances.location_id is
'Code of the stocking location (required; catwing location_id, navision LocationCode).';
comment on column ${staging_schema}.staging_inventory_balances.balance_date is
'Day whose end-of-day balance the record gives (required; catwing date, navision SnapshotDate).';
comment on column ${staging_schema}.staging_inventory_balances.qty_available is
'Units free to sell or ship at the end of the day (required; catwing qty_available, navision Available).';
comment on column ${staging_schema}.staging_inventory_balances.qty_blocked is
'Units on quality hold (catwing qty_blocked, navision Blocked).';
comment on column ${staging_schema}.staging_inventory_balances.qty_reserved is
'Units allocated to outgoing shipments (catwing qty_reserved, navision Reserved).';
comment on column ${staging_schema}.staging_inventory_balances.qty_all is
'All units on hand: available + blocked + reserved (catwing qty_all, navision Inventory).';
comment on column ${staging_schema}.staging_inventory_balances.snapshot_type is
'full (every stocked pair; a pair missing is no longer stocked) or delta (changed pairs only) after mapping; '
'taken as delta when absent (catwing snapshot, navision SnapshotType).';

-- Identity keys of the production tables (the ERP's own id, where there is one, is erp_id).
comment on column ${schema}.brands.id is 'Identity key of the brand; referenced by products.brand_id.';
comment on column ${schema}.product_categories.id is
'Identity key of the category node; referenced by products.product_category_id, product_categories.parent_id and '
'category_behaviors.';
comment on column ${schema}.products.id is
'Identity key of the product, stable across loads (found by erp_id); referenced as product_id by prices, order '
'lines, inventory, demand history, behaviours and versions.';
comment on column ${schema}.product_suppliers.id is 'Identity key of the product x supplier link (nothing references '
'it).';
comment on column ${schema}.product_versions.id is 'Identity key of the product version (nothing references it).';
comment on column ${schema}.suppliers.id is
'Identity key of the supplier, stable across loads (found by erp_id); referenced as supplier_id by purchase orders, '
'product_suppliers, behaviours and versions, and by products.primary_supplier_id.';
comment on column ${schema}.supplier_versions.id is 'Identity key of the supplier version (nothing references it).';
comment on column ${schema}.locations.id is
'Identity key of the location, stable across loads (found by erp_id); referenced by every order, inventory, '
'demand history, behaviour and lane table, and by locations.parent_location_id.';
comment on column ${schema}.location_lanes.id is 'Identity key of the lane (nothing references it).';
comment on column ${schema}.location_versions.id is 'Identity key of the location version (nothing references it).';
comment on column ${schema}.price_lists.id is
'Identity key of the price list, stable across loads (found by erp_id); referenced by prices.price_list_id.';
comment on column ${schema}.prices.id is 'Identity key of the price line (nothing references it).';
comment on column ${schema}.payment_methods.id is 'Identity key of the payment method; referenced by '
'sales_orders.payment_method_id.';
comment on column ${schema}.customers.id is
'Identity key of the customer, stable across loads (found by erp_id); referenced by sales_orders.customer_id and '
'customer_versions.';
comment on column ${schema}.customer_versions.id is 'Identity key of the customer version (nothing references it).';
comment on column ${schema}.client_settings.id is 'Identity key of the setting (settings are found by setting_key).';
comment on column ${schema}.sales_orders.id is
'Identity key of the sales order, stable across loads (found by erp_id); referenced by '
'sales_order_lines.sales_order_id.';
comment on column ${schema}.sales_order_lines.id is 'Identity key of the sales order line (nothing references it).';
comment on column ${schema}.purchase_orders.id is
'Identity key of the purchase order, stable across loads (found by erp_id); referenced by purchase_order_lines and '
'receiving_orders.purchase_order_id.';
comment on column ${schema}.purchase_order_lines.id is
'Identity key of the purchase order line (nothing references it).';
comment on column ${schema}.receiving_orders.id is
'Identity key of the receipt, stable across loads (found by erp_id); referenced by '
'receiving_order_lines.receiving_order_id.';
comment on column ${schema}.receiving_order_lines.id is 'Identity key of the receipt line (nothing references it).';
comment on column ${schema}.store_orders.id is
'Identity key of the store order, stable across loads (found by erp_id); referenced by store_order_lines and '
'transfer_orders.store_order_id.';
comment on column ${schema}.store_order_lines.id is 'Identity key of the store order line (nothing references it).';
comment on column ${schema}.transfer_orders.id is
'Identity key of the transfer, stable across loads (found by erp_id); referenced by transfer_order_lines and '
'receiving_orders.transfer_order_id.';
comment on column ${schema}.transfer_order_lines.id is 'Identity key of the transfer line (nothing references it).';
comment on column ${schema}.inventory_snapshots.id is 'Identity key of the snapshot day (nothing references it).';
comment on column ${schema}.inventory_balances.id is 'Identity key of the balance (nothing references it).';
comment on column ${schema}.load_rejects.id is 'Identity key of the reject (nothing references it).';
comment on column ${schema}.load_entity_stats.id is 'Identity key of the statistics row (nothing references it).';
comment on column ${schema}.data_health_reports.id is 'Identity key of the health report (nothing references it).';

-- Table comments that cited documents outside the repository, now saying what they meant.
comment on table ${schema}.customer_versions is
'SCD type 2 history of customers: a customer whose tracked attributes change (e.g. one who moves to another city) '
'gets a new version, the old one keeps its values. Valid on [valid_from, valid_to). See customer_as_of().';
comment on table ${schema}.demand_source_types is
'Where a demand figure comes from: recorded sales, an imputation blending local and global rates, a global-only '
'imputation, or a product class whose demand is taken as sold (dead, online only, dropship).';
comment on table ${schema}.abc_classes is
'ABC classes by share of revenue: A = the items making up the first abc_a_pct (80) % of revenue, B = the next up to '
'abc_b_pct (95) %, C = the rest and every item without revenue (docs/behaviors.md).';
comment on table ${schema}.xyz_classes is
'XYZ classes by the coefficient of variation of daily demand: X steady (cv <= xyz_x_max_cv, 0.5), Y variable '
'(cv <= xyz_y_max_cv, 1.0), Z erratic or no demand (docs/behaviors.md).';
comment on table ${schema}.fmr_classes is
'FMR classes by the share of listed days with demand: F fast (>= fmr_f_min_pct, 50 %), M medium (>= fmr_m_min_pct, '
'20 %), R rare (docs/behaviors.md).';
comment on table ${schema}.freq_classes is
'Frequency classes by velocity (average demand units a listed day): Frequent (>= freq_frequent_min_qty, 1 a day), '
'Normal (>= freq_normal_min_qty, 1 a week), Rare (docs/behaviors.md).';
comment on table ${schema}.location_behaviors is
'Per location and snapshot date (step behaviors, unscoped runs): revenue, service (fill rate, stockout rate), average '
'stock value and active products over the trailing window (docs/behaviors.md).';
comment on table ${schema}.supplier_behaviors is
'Per supplier and snapshot date (step behaviors, unscoped runs): lead time from purchase order to first receipt '
'(mean, p90), fill rate, on-time rate over the purchase orders of the trailing supplier window, and open orders '
'(docs/behaviors.md).';
comment on table ${schema}.category_behaviors is
'Per product category (its whole subtree) and snapshot date (step behaviors, unscoped runs): products, revenue, stock '
'value, mean hotness and velocity, revenue growth (docs/behaviors.md).';

-- Constraints whose name does not say why.
comment on constraint pipeline_run_finished_check on ${schema}.pipeline_runs is
'finished_at is set exactly when the run leaves running: run_pipeline sets both in one statement.';
comment on constraint pipeline_step_error_check on ${schema}.pipeline_step_runs is
'A failed step always says why, and only a failed step carries an error.';
comment on constraint raw_file_loaded_check on ${staging_schema}.raw_files is
'A loaded file has its record count and landing time; a failed file has neither.';
comment on constraint raw_file_failed_check on ${staging_schema}.raw_files is
'A failed file keeps the reason it failed; a loaded file has none.';
comment on constraint product_deactivated_check on ${schema}.products is
'is_active and deactivated_on move together: a full snapshot without the row deactivates it on that date, its '
'return reactivates it and clears the date.';
comment on constraint location_deactivated_check on ${schema}.locations is
'is_active and deactivated_on move together: a full snapshot without the row deactivates it on that date, its '
'return reactivates it and clears the date.';
comment on constraint supplier_deactivated_check on ${schema}.suppliers is
'is_active and deactivated_on move together: a full snapshot without the row deactivates it on that date, its '
'return reactivates it and clears the date.';
comment on constraint price_list_deactivated_check on ${schema}.price_lists is
'is_active and deactivated_on move together: a full snapshot without the list deactivates it on that date, its '
'return reactivates it and clears the date.';
comment on constraint price_promo_check on ${schema}.prices is
'A promotional price is positive or null: load stores an ERP promotional price of 0 (no promotion) as null.';
comment on constraint product_category_name_check on ${schema}.product_categories is
'A node name is not empty and never contains '' > '', the separator of category paths (path).';
comment on constraint product_category_root_check on ${schema}.product_categories is
'Level-1 nodes are the roots of the tree; every deeper node has a parent.';
comment on constraint location_echelon_check on ${schema}.locations is
'Echelons of the supply network: 1 store or webshop, 2 DC, 3 warehouse, 4 central.';
comment on constraint receiving_order_source_check on ${schema}.receiving_orders is
'A receipt is for a purchase order or a transfer, never both; both are null when the source document is not '
'loaded (its number stays in source_erp_id).';
comment on constraint product_version_current_check on ${schema}.product_versions is
'The current version is the open one (valid_to null); a closed version is never current.';
comment on constraint location_version_current_check on ${schema}.location_versions is
'The current version is the open one (valid_to null); a closed version is never current.';
comment on constraint supplier_version_current_check on ${schema}.supplier_versions is
'The current version is the open one (valid_to null); a closed version is never current.';
comment on constraint customer_version_current_check on ${schema}.customer_versions is
'The current version is the open one (valid_to null); a closed version is never current.';
comment on constraint demand_history_stockout_check on ${schema}.demand_history is
'Demand is what was sold plus what an out-of-stock day is estimated to have missed (stockout_qty, never negative).';
comment on constraint demand_history_imputed_check on ${schema}.demand_history is
'Only an out-of-stock day has imputed demand, and it then records the missed quantity (stockout_qty).';

-- Indexes whose name does not say why.
comment on index ${schema}.pipeline_runs_run_date_idx is
'The latest run of a date first: run_pipeline finds the run to resume by date.';
comment on index ${staging_schema}.raw_files_file_date_endpoint_idx is
'The files of a run date (per endpoint): the quality gate and the Quality Mapper read a date''s files.';
comment on index ${schema}.data_quality_check_reports_endpoint_check_name_idx is
'The history of one metric by date: the 30-day baselines of the gate and of the health monitor.';
comment on index ${schema}.product_versions_product_id_current_idx is
'At most one current version per product; also how record_versions finds it.';
comment on index ${schema}.location_versions_location_id_current_idx is
'At most one current version per location; also how record_versions finds it.';
comment on index ${schema}.supplier_versions_supplier_id_current_idx is
'At most one current version per supplier; also how record_versions finds it.';
comment on index ${schema}.customer_versions_customer_id_current_idx is
'At most one current version per customer; also how record_versions finds it.';
comment on index ${schema}.product_behaviors_snapshot_date_idx is
'Covering (product_id, demand_revenue included): a scoped behaviours run ranks its products against the rest of the '
'snapshot with an index-only scan.';
comment on index ${schema}.product_location_behaviors_snapshot_date_location_id_idx is
'Covering (product_id, demand_revenue included): a scoped behaviours run ranks its product x location rows against '
'the rest of the snapshot with an index-only scan.';
comment on index ${schema}.transfer_orders_to_location_id_idx is
'Transfers into a location by ship date (stock on its way to a location); also serves the to_location_id foreign '
'key. No step reads by this path yet.';

-- Typed staging tables: filled file by file as the loader lands them (V11), not only rebuilt by the gate.
comment on table ${staging_schema}.staging_products is
'Typed staging rows of the products endpoint, one row per product record, all of one run date. '
'The Quality Mapper maps each loaded raw file through the client''s dialect mapping as the loader lands it, the '
'quality gate maps what is missing, and staging of another date or mapping version is truncated first '
'(staged_files lists the files held). UNLOGGED, string keys, no constraints: the gate checks it, step load '
'reads it, it is never a source of truth.';
comment on table ${staging_schema}.staging_locations is
'Typed staging rows of the locations endpoint, one row per location record, all of one run date. '
'The Quality Mapper maps each loaded raw file through the client''s dialect mapping as the loader lands it, the '
'quality gate maps what is missing, and staging of another date or mapping version is truncated first '
'(staged_files lists the files held). UNLOGGED, string keys, no constraints: the gate checks it, step load '
'reads it, it is never a source of truth.';
comment on table ${staging_schema}.staging_suppliers is
'Typed staging rows of the suppliers endpoint, one row per supplier record, all of one run date. '
'The Quality Mapper maps each loaded raw file through the client''s dialect mapping as the loader lands it, the '
'quality gate maps what is missing, and staging of another date or mapping version is truncated first '
'(staged_files lists the files held). UNLOGGED, string keys, no constraints: the gate checks it, step load '
'reads it, it is never a source of truth.';
comment on table ${staging_schema}.staging_prices is
'Typed staging rows of the pricing_lists endpoint, one row per price list line, all of one run date. '
'The Quality Mapper maps each loaded raw file through the client''s dialect mapping as the loader lands it, the '
'quality gate maps what is missing, and staging of another date or mapping version is truncated first '
'(staged_files lists the files held). UNLOGGED, string keys, no constraints: the gate checks it, step load '
'reads it, it is never a source of truth.';
comment on table ${staging_schema}.staging_sales_orders is
'Typed staging rows of the sales_orders endpoint, one row per sales order line, all of one run date. '
'The Quality Mapper maps each loaded raw file through the client''s dialect mapping as the loader lands it, the '
'quality gate maps what is missing, and staging of another date or mapping version is truncated first '
'(staged_files lists the files held). UNLOGGED, string keys, no constraints: the gate checks it, step load '
'reads it, it is never a source of truth.';
comment on table ${staging_schema}.staging_purchase_orders is
'Typed staging rows of the purchase_orders endpoint, one row per purchase order line, all of one run date. '
'The Quality Mapper maps each loaded raw file through the client''s dialect mapping as the loader lands it, the '
'quality gate maps what is missing, and staging of another date or mapping version is truncated first '
'(staged_files lists the files held). UNLOGGED, string keys, no constraints: the gate checks it, step load '
'reads it, it is never a source of truth.';
comment on table ${staging_schema}.staging_receiving_orders is
'Typed staging rows of the receiving_orders endpoint, one row per receipt line, all of one run date. '
'The Quality Mapper maps each loaded raw file through the client''s dialect mapping as the loader lands it, the '
'quality gate maps what is missing, and staging of another date or mapping version is truncated first '
'(staged_files lists the files held). UNLOGGED, string keys, no constraints: the gate checks it, step load '
'reads it, it is never a source of truth.';
comment on table ${staging_schema}.staging_store_orders is
'Typed staging rows of the store_orders endpoint, one row per store order line, all of one run date. '
'The Quality Mapper maps each loaded raw file through the client''s dialect mapping as the loader lands it, the '
'quality gate maps what is missing, and staging of another date or mapping version is truncated first '
'(staged_files lists the files held). UNLOGGED, string keys, no constraints: the gate checks it, step load '
'reads it, it is never a source of truth.';
comment on table ${staging_schema}.staging_transfer_orders is
'Typed staging rows of the transfer_orders endpoint, one row per transfer order line, all of one run date. '
'The Quality Mapper maps each loaded raw file through the client''s dialect mapping as the loader lands it, the '
'quality gate maps what is missing, and staging of another date or mapping version is truncated first '
'(staged_files lists the files held). UNLOGGED, string keys, no constraints: the gate checks it, step load '
'reads it, it is never a source of truth.';
comment on table ${staging_schema}.staging_inventory_balances is
'Typed staging rows of the inventory endpoint, one row per product x location balance, all of one run date. '
'The Quality Mapper maps each loaded raw file through the client''s dialect mapping as the loader lands it, the '
'quality gate maps what is missing, and staging of another date or mapping version is truncated first '
'(staged_files lists the files held). UNLOGGED, string keys, no constraints: the gate checks it, step load '
'reads it, it is never a source of truth.';

-- Production layer, documents and balances: sales, purchase, receiving, store and transfer orders (header + lines)
-- and daily inventory balances. ERP document ids are unique per client; a document re-sent by the ERP (a PO that
-- was confirmed or delivered) updates its rows in place, and only the rows whose values changed are written.
-- Amounts are in the client currency; the header keeps the document currency and the FX rate used.

create table ${schema}.sales_orders (
    id bigint generated always as identity,
    erp_id text not null,
    order_date date not null,
    location_id integer not null,
    customer_id integer,
    customer_erp_id text,
    payment_method_id smallint,
    channel text,
    status text,
    currency_id smallint not null,
    fx_rate numeric(18, 8) not null,
    first_loaded_on date not null,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint sales_orders_pkey primary key (id),
    constraint sales_orders_erp_id_key unique (erp_id),
    constraint sales_orders_location_id_fkey foreign key (location_id) references ${schema}.locations (id),
    constraint sales_orders_customer_id_fkey foreign key (customer_id) references ${schema}.customers (id),
    constraint sales_orders_payment_method_id_fkey foreign key (payment_method_id)
    references ${schema}.payment_methods (id),
    constraint sales_orders_currency_id_fkey foreign key (currency_id) references cw_global.currencies (id),
    constraint sales_order_channel_check check (channel in ('store', 'online')),
    constraint sales_order_status_check check (status in ('completed', 'cancelled', 'open')),
    constraint sales_order_fx_rate_check check (fx_rate > 0)
);
create index sales_orders_order_date_location_id_idx on ${schema}.sales_orders (order_date, location_id);
create index sales_orders_customer_id_idx on ${schema}.sales_orders (customer_id);
comment on table ${schema}.sales_orders is
'Sales documents (store tickets and web orders), one row per ERP order. Lines are in sales_order_lines.';
comment on column ${schema}.sales_orders.erp_id is 'Order number in the ERP (SO00000001 / SO-000000001).';
comment on column ${schema}.sales_orders.order_date is 'Business date of the sale.';
comment on column ${schema}.sales_orders.location_id is 'Store or webshop that sold.';
comment on column ${schema}.sales_orders.customer_id is 'Identified customer; null for an anonymous ticket.';
comment on column ${schema}.sales_orders.customer_erp_id is 'Customer id as sent (kept when it could not be placed).';
comment on column ${schema}.sales_orders.payment_method_id is 'Payment method; null when not sent.';
comment on column ${schema}.sales_orders.channel is 'store or online (navision STORE / WEB).';
comment on column ${schema}.sales_orders.status is 'completed, cancelled or open (navision Posted = completed).';
comment on column ${schema}.sales_orders.currency_id is 'Currency the ERP sent the amounts in.';
comment on column ${schema}.sales_orders.fx_rate is 'Client-currency units per document-currency unit on the order '
'date: line amounts were multiplied by it.';
comment on column ${schema}.sales_orders.first_loaded_on is 'Run date on which the document was first loaded.';
comment on column ${schema}.sales_orders.row_hash is 'MD5 of the header values as sent: load writes only changes.';
comment on column ${schema}.sales_orders.created_at is 'When load inserted the row.';
comment on column ${schema}.sales_orders.updated_at is 'When load last changed the header.';

create table ${schema}.sales_order_lines (
    id bigint generated always as identity,
    sales_order_id bigint not null,
    line_no integer not null,
    product_id integer not null,
    qty numeric(14, 3) not null,
    unit_price numeric(14, 4),
    discount numeric(14, 4),
    revenue numeric(16, 4),
    is_active boolean not null default true,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint sales_order_lines_pkey primary key (id),
    constraint sales_order_lines_sales_order_id_line_no_key unique (sales_order_id, line_no),
    constraint sales_order_lines_sales_order_id_fkey foreign key (sales_order_id)
    references ${schema}.sales_orders (id),
    constraint sales_order_lines_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint sales_order_line_no_check check (line_no > 0),
    constraint sales_order_line_qty_check check (qty >= 0),
    constraint sales_order_line_amount_check check (unit_price >= 0 and discount >= 0)
);
create index sales_order_lines_product_id_idx on ${schema}.sales_order_lines (product_id);
comment on table ${schema}.sales_order_lines is
'Sales order lines: units sold and amounts in the client currency.';
comment on column ${schema}.sales_order_lines.sales_order_id is 'The order.';
comment on column ${schema}.sales_order_lines.line_no is 'Line number as sent (1, 2 / 10000, 20000).';
comment on column ${schema}.sales_order_lines.product_id is 'Product sold.';
comment on column ${schema}.sales_order_lines.qty is 'Units sold.';
comment on column ${schema}.sales_order_lines.unit_price is 'List price per unit, client currency.';
comment on column ${schema}.sales_order_lines.discount is 'Promotion discount of the line (amount), client currency.';
comment on column ${schema}.sales_order_lines.revenue is 'qty x unit_price - discount, client currency.';
comment on column ${schema}.sales_order_lines.is_active is 'False when a re-sent version of the order no longer has '
'the line (kept, never deleted).';
comment on column ${schema}.sales_order_lines.row_hash is 'MD5 of the line values as sent.';
comment on column ${schema}.sales_order_lines.created_at is 'When load inserted the row.';
comment on column ${schema}.sales_order_lines.updated_at is 'When load last changed the row.';

create table ${schema}.purchase_orders (
    id bigint generated always as identity,
    erp_id text not null,
    supplier_id integer not null,
    location_id integer not null,
    order_date date not null,
    expected_date date,
    status text,
    currency_id smallint not null,
    fx_rate numeric(18, 8) not null,
    first_loaded_on date not null,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint purchase_orders_pkey primary key (id),
    constraint purchase_orders_erp_id_key unique (erp_id),
    constraint purchase_orders_supplier_id_fkey foreign key (supplier_id) references ${schema}.suppliers (id),
    constraint purchase_orders_location_id_fkey foreign key (location_id) references ${schema}.locations (id),
    constraint purchase_orders_currency_id_fkey foreign key (currency_id) references cw_global.currencies (id),
    constraint purchase_order_status_check check (
        status in ('open', 'confirmed', 'partially_received', 'received', 'cancelled')
    ),
    constraint purchase_order_dates_check check (expected_date >= order_date),
    constraint purchase_order_fx_rate_check check (fx_rate > 0)
);
create index purchase_orders_supplier_id_idx on ${schema}.purchase_orders (supplier_id);
create index purchase_orders_order_date_idx on ${schema}.purchase_orders (order_date);
comment on table ${schema}.purchase_orders is
'Purchase orders to suppliers. The ERP re-sends a PO whenever it changes (confirmed, partially received ...): the '
'row is updated in place.';
comment on column ${schema}.purchase_orders.erp_id is 'PO number in the ERP (PO0000001 / PO-000001).';
comment on column ${schema}.purchase_orders.supplier_id is 'Supplier ordered from.';
comment on column ${schema}.purchase_orders.location_id is 'Receiving location (the warehouse).';
comment on column ${schema}.purchase_orders.order_date is 'Date the PO was placed.';
comment on column ${schema}.purchase_orders.expected_date is 'Expected receipt date (order date + nominal lead '
'time).';
comment on column ${schema}.purchase_orders.status is 'open, confirmed, partially_received, received or cancelled '
'(navision Released = confirmed).';
comment on column ${schema}.purchase_orders.currency_id is 'Currency of the unit costs as sent (the supplier''s).';
comment on column ${schema}.purchase_orders.fx_rate is 'Client-currency units per document-currency unit on the '
'order date.';
comment on column ${schema}.purchase_orders.first_loaded_on is 'Run date on which the PO was first loaded.';
comment on column ${schema}.purchase_orders.row_hash is 'MD5 of the header values as sent.';
comment on column ${schema}.purchase_orders.created_at is 'When load inserted the row.';
comment on column ${schema}.purchase_orders.updated_at is 'When load last changed the header.';

create table ${schema}.purchase_order_lines (
    id bigint generated always as identity,
    purchase_order_id bigint not null,
    line_no integer not null,
    product_id integer not null,
    qty_ordered numeric(14, 3) not null,
    qty_confirmed numeric(14, 3),
    qty_delivered numeric(14, 3),
    unit_cost numeric(14, 4),
    is_active boolean not null default true,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint purchase_order_lines_pkey primary key (id),
    constraint purchase_order_lines_purchase_order_id_line_no_key unique (purchase_order_id, line_no),
    constraint purchase_order_lines_purchase_order_id_fkey foreign key (purchase_order_id)
    references ${schema}.purchase_orders (id),
    constraint purchase_order_lines_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint purchase_order_line_no_check check (line_no > 0),
    constraint purchase_order_line_qty_check check (qty_ordered >= 0 and qty_confirmed >= 0 and qty_delivered >= 0),
    constraint purchase_order_line_confirmed_check check (qty_confirmed <= qty_ordered),
    constraint purchase_order_line_cost_check check (unit_cost >= 0)
);
create index purchase_order_lines_product_id_idx on ${schema}.purchase_order_lines (product_id);
comment on table ${schema}.purchase_order_lines is
'Purchase order lines: ordered, confirmed and (cumulatively) delivered units; unit cost in the client currency.';
comment on column ${schema}.purchase_order_lines.purchase_order_id is 'The PO.';
comment on column ${schema}.purchase_order_lines.line_no is 'Line number as sent.';
comment on column ${schema}.purchase_order_lines.product_id is 'Product ordered.';
comment on column ${schema}.purchase_order_lines.qty_ordered is 'Units ordered (rounded to packs and MOQ).';
comment on column ${schema}.purchase_order_lines.qty_confirmed is 'Units the supplier confirmed (<= ordered).';
comment on column ${schema}.purchase_order_lines.qty_delivered is 'Units received so far (cumulative; may exceed '
'ordered by a few percent).';
comment on column ${schema}.purchase_order_lines.unit_cost is 'Unit cost, client currency.';
comment on column ${schema}.purchase_order_lines.is_active is 'False when a re-sent PO no longer has the line.';
comment on column ${schema}.purchase_order_lines.row_hash is 'MD5 of the line values as sent.';
comment on column ${schema}.purchase_order_lines.created_at is 'When load inserted the row.';
comment on column ${schema}.purchase_order_lines.updated_at is 'When load last changed the row.';

create table ${schema}.store_orders (
    id bigint generated always as identity,
    erp_id text not null,
    location_id integer not null,
    source_location_id integer,
    order_date date not null,
    requested_date date,
    first_loaded_on date not null,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint store_orders_pkey primary key (id),
    constraint store_orders_erp_id_key unique (erp_id),
    constraint store_orders_location_id_fkey foreign key (location_id) references ${schema}.locations (id),
    constraint store_orders_source_location_id_fkey foreign key (source_location_id)
    references ${schema}.locations (id),
    constraint store_order_dates_check check (requested_date >= order_date),
    constraint store_order_locations_check check (source_location_id <> location_id)
);
create index store_orders_location_id_order_date_idx on ${schema}.store_orders (location_id, order_date);
comment on table ${schema}.store_orders is
'Replenishment requests of a store to its DC; the DC answers with a transfer order.';
comment on column ${schema}.store_orders.erp_id is 'Store order number in the ERP (SR0000001 / RQ-000001).';
comment on column ${schema}.store_orders.location_id is 'Requesting store.';
comment on column ${schema}.store_orders.source_location_id is 'Location asked to supply (the store''s DC).';
comment on column ${schema}.store_orders.order_date is 'Date of the request.';
comment on column ${schema}.store_orders.requested_date is 'Requested delivery date.';
comment on column ${schema}.store_orders.first_loaded_on is 'Run date on which the order was first loaded.';
comment on column ${schema}.store_orders.row_hash is 'MD5 of the header values as sent.';
comment on column ${schema}.store_orders.created_at is 'When load inserted the row.';
comment on column ${schema}.store_orders.updated_at is 'When load last changed the header.';

create table ${schema}.store_order_lines (
    id bigint generated always as identity,
    store_order_id bigint not null,
    line_no integer not null,
    product_id integer not null,
    qty_requested numeric(14, 3) not null,
    qty_allocated numeric(14, 3),
    is_active boolean not null default true,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint store_order_lines_pkey primary key (id),
    constraint store_order_lines_store_order_id_line_no_key unique (store_order_id, line_no),
    constraint store_order_lines_store_order_id_fkey foreign key (store_order_id)
    references ${schema}.store_orders (id),
    constraint store_order_lines_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint store_order_line_no_check check (line_no > 0),
    constraint store_order_line_qty_check check (qty_requested >= 0 and qty_allocated >= 0)
);
create index store_order_lines_product_id_idx on ${schema}.store_order_lines (product_id);
comment on table ${schema}.store_order_lines is 'Store order lines: units requested and units the DC allocated.';
comment on column ${schema}.store_order_lines.store_order_id is 'The store order.';
comment on column ${schema}.store_order_lines.line_no is 'Line number as sent.';
comment on column ${schema}.store_order_lines.product_id is 'Product requested.';
comment on column ${schema}.store_order_lines.qty_requested is 'Units requested (up to the order-up-to level).';
comment on column ${schema}.store_order_lines.qty_allocated is 'Units the DC could allocate (may be 0).';
comment on column ${schema}.store_order_lines.is_active is 'False when a re-sent order no longer has the line.';
comment on column ${schema}.store_order_lines.row_hash is 'MD5 of the line values as sent.';
comment on column ${schema}.store_order_lines.created_at is 'When load inserted the row.';
comment on column ${schema}.store_order_lines.updated_at is 'When load last changed the row.';

create table ${schema}.transfer_orders (
    id bigint generated always as identity,
    erp_id text not null,
    from_location_id integer not null,
    to_location_id integer not null,
    store_order_id bigint,
    store_order_erp_id text,
    reason text not null,
    ship_date date,
    expected_date date,
    received_date date,
    status text,
    first_loaded_on date not null,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint transfer_orders_pkey primary key (id),
    constraint transfer_orders_erp_id_key unique (erp_id),
    constraint transfer_orders_from_location_id_fkey foreign key (from_location_id)
    references ${schema}.locations (id),
    constraint transfer_orders_to_location_id_fkey foreign key (to_location_id) references ${schema}.locations (id),
    constraint transfer_orders_store_order_id_fkey foreign key (store_order_id) references ${schema}.store_orders (id),
    constraint transfer_order_locations_check check (from_location_id <> to_location_id),
    constraint transfer_order_reason_check check (reason in ('replenishment', 'store_closure', 'rebalance')),
    constraint transfer_order_status_check check (status in ('open', 'shipped', 'received', 'cancelled')),
    constraint transfer_order_dates_check check (expected_date >= ship_date and received_date >= ship_date)
);
create index transfer_orders_to_location_id_idx on ${schema}.transfer_orders (to_location_id, ship_date);
comment on table ${schema}.transfer_orders is
'Stock moved between two locations (DC to store, warehouse to DC or webshop, store closure returns). Re-sent when '
'received: updated in place.';
comment on column ${schema}.transfer_orders.erp_id is 'Transfer number in the ERP (TO0000001 / TR-000001).';
comment on column ${schema}.transfer_orders.from_location_id is 'Shipping location.';
comment on column ${schema}.transfer_orders.to_location_id is 'Receiving location.';
comment on column ${schema}.transfer_orders.store_order_id is 'The store order it answers, when known.';
comment on column ${schema}.transfer_orders.store_order_erp_id is 'Store order number as sent.';
comment on column ${schema}.transfer_orders.reason is 'replenishment, store_closure or rebalance (navision: "STORE '
'CLOSURE" in ExternalDocumentNo).';
comment on column ${schema}.transfer_orders.ship_date is 'Shipment date.';
comment on column ${schema}.transfer_orders.expected_date is 'Expected receipt date.';
comment on column ${schema}.transfer_orders.received_date is 'Receipt date; null while in transit.';
comment on column ${schema}.transfer_orders.status is 'open, shipped, received or cancelled.';
comment on column ${schema}.transfer_orders.first_loaded_on is 'Run date on which the transfer was first loaded.';
comment on column ${schema}.transfer_orders.row_hash is 'MD5 of the header values as sent.';
comment on column ${schema}.transfer_orders.created_at is 'When load inserted the row.';
comment on column ${schema}.transfer_orders.updated_at is 'When load last changed the header.';

create table ${schema}.transfer_order_lines (
    id bigint generated always as identity,
    transfer_order_id bigint not null,
    line_no integer not null,
    product_id integer not null,
    qty_shipped numeric(14, 3),
    qty_received numeric(14, 3),
    is_active boolean not null default true,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint transfer_order_lines_pkey primary key (id),
    constraint transfer_order_lines_transfer_order_id_line_no_key unique (transfer_order_id, line_no),
    constraint transfer_order_lines_transfer_order_id_fkey foreign key (transfer_order_id)
    references ${schema}.transfer_orders (id),
    constraint transfer_order_lines_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint transfer_order_line_no_check check (line_no > 0),
    constraint transfer_order_line_qty_check check (qty_shipped >= 0 and qty_received >= 0)
);
create index transfer_order_lines_product_id_idx on ${schema}.transfer_order_lines (product_id);
comment on table ${schema}.transfer_order_lines is 'Transfer order lines: units shipped and received.';
comment on column ${schema}.transfer_order_lines.transfer_order_id is 'The transfer.';
comment on column ${schema}.transfer_order_lines.line_no is 'Line number as sent.';
comment on column ${schema}.transfer_order_lines.product_id is 'Product moved.';
comment on column ${schema}.transfer_order_lines.qty_shipped is 'Units shipped.';
comment on column ${schema}.transfer_order_lines.qty_received is 'Units received (0 while in transit).';
comment on column ${schema}.transfer_order_lines.is_active is 'False when a re-sent transfer no longer has the line.';
comment on column ${schema}.transfer_order_lines.row_hash is 'MD5 of the line values as sent.';
comment on column ${schema}.transfer_order_lines.created_at is 'When load inserted the row.';
comment on column ${schema}.transfer_order_lines.updated_at is 'When load last changed the row.';

create table ${schema}.receiving_orders (
    id bigint generated always as identity,
    erp_id text not null,
    location_id integer not null,
    received_date date not null,
    source_type text,
    purchase_order_id bigint,
    transfer_order_id bigint,
    source_erp_id text,
    first_loaded_on date not null,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint receiving_orders_pkey primary key (id),
    constraint receiving_orders_erp_id_key unique (erp_id),
    constraint receiving_orders_location_id_fkey foreign key (location_id) references ${schema}.locations (id),
    constraint receiving_orders_purchase_order_id_fkey foreign key (purchase_order_id)
    references ${schema}.purchase_orders (id),
    constraint receiving_orders_transfer_order_id_fkey foreign key (transfer_order_id)
    references ${schema}.transfer_orders (id),
    constraint receiving_order_source_type_check check (source_type in ('purchase', 'transfer')),
    constraint receiving_order_source_check check (purchase_order_id is null or transfer_order_id is null)
);
create index receiving_orders_purchase_order_id_idx on ${schema}.receiving_orders (purchase_order_id);
create index receiving_orders_transfer_order_id_idx on ${schema}.receiving_orders (transfer_order_id);
comment on table ${schema}.receiving_orders is
'Goods receipts posted at a location, for a purchase order or a transfer order.';
comment on column ${schema}.receiving_orders.erp_id is 'Receipt number in the ERP (RC0000001 / PR-000001).';
comment on column ${schema}.receiving_orders.location_id is 'Receiving location.';
comment on column ${schema}.receiving_orders.received_date is 'Posting date of the receipt.';
comment on column ${schema}.receiving_orders.source_type is 'purchase or transfer.';
comment on column ${schema}.receiving_orders.purchase_order_id is 'The PO received, when it is loaded.';
comment on column ${schema}.receiving_orders.transfer_order_id is 'The transfer received, when it is loaded.';
comment on column ${schema}.receiving_orders.source_erp_id is 'PO or transfer number as sent (kept when the document '
'is not loaded).';
comment on column ${schema}.receiving_orders.first_loaded_on is 'Run date on which the receipt was first loaded.';
comment on column ${schema}.receiving_orders.row_hash is 'MD5 of the header values as sent.';
comment on column ${schema}.receiving_orders.created_at is 'When load inserted the row.';
comment on column ${schema}.receiving_orders.updated_at is 'When load last changed the header.';

create table ${schema}.receiving_order_lines (
    id bigint generated always as identity,
    receiving_order_id bigint not null,
    line_no integer not null,
    product_id integer not null,
    qty_received numeric(14, 3) not null,
    qty_blocked numeric(14, 3),
    is_active boolean not null default true,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint receiving_order_lines_pkey primary key (id),
    constraint receiving_order_lines_receiving_order_id_line_no_key unique (receiving_order_id, line_no),
    constraint receiving_order_lines_receiving_order_id_fkey foreign key (receiving_order_id)
    references ${schema}.receiving_orders (id),
    constraint receiving_order_lines_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint receiving_order_line_no_check check (line_no > 0),
    constraint receiving_order_line_qty_check check (qty_received >= 0 and qty_blocked >= 0),
    constraint receiving_order_line_blocked_check check (qty_blocked <= qty_received)
);
create index receiving_order_lines_product_id_idx on ${schema}.receiving_order_lines (product_id);
comment on table ${schema}.receiving_order_lines is
'Receipt lines: all units received, of which some on quality hold.';
comment on column ${schema}.receiving_order_lines.receiving_order_id is 'The receipt.';
comment on column ${schema}.receiving_order_lines.line_no is 'Line number as sent.';
comment on column ${schema}.receiving_order_lines.product_id is 'Product received.';
comment on column ${schema}.receiving_order_lines.qty_received is 'All units received, including blocked ones.';
comment on column ${schema}.receiving_order_lines.qty_blocked is 'Units put on quality hold.';
comment on column ${schema}.receiving_order_lines.is_active is 'False when a re-sent receipt no longer has the line.';
comment on column ${schema}.receiving_order_lines.row_hash is 'MD5 of the line values as sent.';
comment on column ${schema}.receiving_order_lines.created_at is 'When load inserted the row.';
comment on column ${schema}.receiving_order_lines.updated_at is 'When load last changed the row.';

create table ${schema}.inventory_snapshots (
    id integer generated always as identity,
    snapshot_date date not null,
    snapshot_type text not null,
    row_count integer not null,
    constraint inventory_snapshots_pkey primary key (id),
    constraint inventory_snapshots_snapshot_date_key unique (snapshot_date),
    constraint inventory_snapshot_type_check check (snapshot_type in ('full', 'delta')),
    constraint inventory_snapshot_rows_check check (row_count >= 0)
);
comment on table ${schema}.inventory_snapshots is
'One row per loaded inventory file: full (every stocked pair) or delta (only the pairs that changed). The balance of '
'a pair on a date is its latest row since the latest full snapshot (inventory_as_of).';
comment on column ${schema}.inventory_snapshots.snapshot_date is 'Balance date of the file.';
comment on column ${schema}.inventory_snapshots.snapshot_type is 'full or delta.';
comment on column ${schema}.inventory_snapshots.row_count is 'Balances the file held after de-duplication.';

create table ${schema}.inventory_balances (
    id bigint generated always as identity,
    product_id integer not null,
    location_id integer not null,
    balance_date date not null,
    qty_available numeric(14, 3) not null,
    qty_blocked numeric(14, 3) not null default 0,
    qty_reserved numeric(14, 3) not null default 0,
    qty_all numeric(14, 3) not null,
    row_hash uuid not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint inventory_balances_pkey primary key (id),
    constraint inventory_balances_product_id_location_id_balance_date_key
    unique (product_id, location_id, balance_date),
    constraint inventory_balances_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint inventory_balances_location_id_fkey foreign key (location_id) references ${schema}.locations (id),
    constraint inventory_balance_qty_check check (
        qty_available >= 0 and qty_blocked >= 0 and qty_reserved >= 0 and qty_all >= 0
    )
);
create index inventory_balances_location_id_balance_date_idx
on ${schema}.inventory_balances (location_id, balance_date);
comment on table ${schema}.inventory_balances is
'End-of-day stock per product x location, as reported: every pair on full-snapshot days, only changed pairs on '
'delta days (a pair not reported keeps its last balance; see inventory_as_of). A delta never removes anything.';
comment on column ${schema}.inventory_balances.product_id is 'The product.';
comment on column ${schema}.inventory_balances.location_id is 'The location holding the stock.';
comment on column ${schema}.inventory_balances.balance_date is 'Date of the end-of-day balance.';
comment on column ${schema}.inventory_balances.qty_available is 'Units free to sell or ship.';
comment on column ${schema}.inventory_balances.qty_blocked is 'Units on quality hold.';
comment on column ${schema}.inventory_balances.qty_reserved is 'Units allocated to tomorrow''s outbound transfers.';
comment on column ${schema}.inventory_balances.qty_all is 'All units on hand (available + blocked + reserved).';
comment on column ${schema}.inventory_balances.row_hash is 'MD5 of the quantities as sent.';
comment on column ${schema}.inventory_balances.created_at is 'When load inserted the row.';
comment on column ${schema}.inventory_balances.updated_at is 'When load last changed the row.';

revoke all on ${schema}.sales_orders, ${schema}.sales_order_lines, ${schema}.purchase_orders,
${schema}.purchase_order_lines, ${schema}.store_orders, ${schema}.store_order_lines, ${schema}.transfer_orders,
${schema}.transfer_order_lines, ${schema}.receiving_orders, ${schema}.receiving_order_lines,
${schema}.inventory_snapshots, ${schema}.inventory_balances from ${ui_role};
grant select on ${schema}.sales_orders, ${schema}.sales_order_lines, ${schema}.purchase_orders,
${schema}.purchase_order_lines, ${schema}.store_orders, ${schema}.store_order_lines, ${schema}.transfer_orders,
${schema}.transfer_order_lines, ${schema}.receiving_orders, ${schema}.receiving_order_lines,
${schema}.inventory_snapshots, ${schema}.inventory_balances to ${ui_role};

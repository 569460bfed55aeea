-- Issue 22 point 1: cancellations and returns. Staging receives the document type, the original order of a return and
-- each line's status; production keeps them; demand_history counts returns apart from demand. docs/production.md
-- "Cancellations and returns", docs/demand.md.
alter table ${staging_schema}.staging_sales_orders
add column document_type text,
add column original_so_id text,
add column line_status text;
comment on column ${staging_schema}.staging_sales_orders.document_type is
'Document type as sent: order (default when absent) or return (catwing return; navision Credit Memo / Return Order).';
comment on column ${staging_schema}.staging_sales_orders.original_so_id is
'ERP id of the order a return refers to (catwing original_order_id, navision AppliesToDocNo).';
comment on column ${staging_schema}.staging_sales_orders.line_status is
'Line status as sent: cancelled marks a cancelled line; absent or anything else is an active line.';

alter table ${schema}.sales_orders
add column document_type text not null default 'order',
add column original_sales_order_id bigint,
add column original_erp_id text,
add constraint sales_order_document_type_check check (document_type in ('order', 'return')),
add constraint sales_orders_original_sales_order_id_fkey foreign key (original_sales_order_id)
references ${schema}.sales_orders (id),
add constraint sales_order_original_check check (document_type = 'return' or original_erp_id is null);
create index sales_orders_original_sales_order_id_idx on ${schema}.sales_orders (original_sales_order_id)
where original_sales_order_id is not null;
comment on column ${schema}.sales_orders.document_type is
'order: a sale (cancelled when status = cancelled: no demand, no revenue); return: a customer return or credit note, '
'its lines are returned units (positive quantities), counted in demand_history.returned_qty, never as negative demand.';
comment on column ${schema}.sales_orders.original_sales_order_id is
'The order a return refers to, when it is loaded (null when the ERP did not say or the order is not known yet).';
comment on column ${schema}.sales_orders.original_erp_id is 'ERP id of the order a return refers to, as sent.';

alter table ${schema}.sales_order_lines
add column is_cancelled boolean not null default false;
comment on column ${schema}.sales_order_lines.is_cancelled is
'The ERP sent the line as cancelled (line status cancelled): no demand, no revenue; the order''s other lines count.';

alter table ${schema}.demand_history
add column returned_qty numeric(14, 3) not null default 0,
add column returned_revenue numeric(16, 4) not null default 0,
add constraint demand_history_returned_check check (returned_qty >= 0);
comment on column ${schema}.demand_history.returned_qty is
'Units customers returned that day at the location (return documents dated that day); not subtracted from demand.';
comment on column ${schema}.demand_history.returned_revenue is
'Client-currency revenue refunded with those returns; revenue is net of it.';

insert into ${schema}.field_ownership (table_name, column_name, owner) values
('sales_orders', 'document_type', 'erp'),
('sales_orders', 'original_erp_id', 'erp'),
('sales_orders', 'original_sales_order_id', 'erp'),
('sales_order_lines', 'is_cancelled', 'erp');

begin;
select plan(10);

-- Day 1: SO1 has two lines, the second cancelled by the ERP (line status cancelled); SO2 sells 5 hammers.
-- Day 2: SO2 is re-sent cancelled (the customer cancelled twelve minutes later); RT1 returns one hammer of SO1.
select tests.stage_hammer_masters(tests.open_load_batch('2024-03-01'));
insert into cw_000901_staging.staging_sales_orders (raw_file_id, record_no, so_id, line_no, order_date, location_id,
                                                    product_id, qty, unit_price, discount, revenue, channel,
                                                    currency, status, document_type, original_so_id, line_status)
select raw_files.id, staged.*
from cw_000901_staging.raw_files
cross join (values
    (1, 'SO1', 1, date '2024-03-01', 'L002', 'P000001', 2, 12.99, 0, 25.98, 'store', 'EUR', 'completed', null, null,
     null),
    (1, 'SO1', 2, date '2024-03-01', 'L002', 'P000001', 3, 12.99, 0, 38.97, 'store', 'EUR', 'completed', null, null,
     'cancelled'),
    (2, 'SO2', 1, date '2024-03-01', 'L002', 'P000001', 5, 12.99, 0, 64.95, 'store', 'EUR', 'completed', 'order',
     null, null)
) as staged
where raw_files.id = (select max(id) from cw_000901_staging.raw_files);
call cw_000901.step_load('2024-03-01', null);

select tests.stage_hammer_masters(tests.open_load_batch('2024-03-02'));
insert into cw_000901_staging.staging_sales_orders (raw_file_id, record_no, so_id, line_no, order_date, location_id,
                                                    product_id, qty, unit_price, discount, revenue, channel,
                                                    currency, status, document_type, original_so_id, line_status)
select raw_files.id, staged.*
from cw_000901_staging.raw_files
cross join (values
    (1, 'SO2', 1, date '2024-03-01', 'L002', 'P000001', 5, 12.99, 0, 64.95, 'store', 'EUR', 'cancelled', 'order',
     null, null),
    (2, 'RT1', 1, date '2024-03-02', 'L002', 'P000001', 1, 12.99, 0, 12.99, 'store', 'EUR', 'completed', 'return',
     'SO1', null)
) as staged
where raw_files.id = (select max(id) from cw_000901_staging.raw_files);
call cw_000901.step_load('2024-03-02', null);
call cw_000901.step_demand_history('2024-03-02', null);

select results_eq(
    $$ select erp_id, document_type, status, original_erp_id from cw_000901.sales_orders order by erp_id $$,
    $$ values ('RT1', 'return', 'completed', 'SO1'), ('SO1', 'order', 'completed', null::text),
              ('SO2', 'order', 'cancelled', null) $$,
    'the document type, the order status and the original order of a return are loaded'
);
select is(
    (select original_sales_order_id from cw_000901.sales_orders where erp_id = 'RT1'),
    (select id from cw_000901.sales_orders where erp_id = 'SO1'),
    'a return is linked to the order it refers to'
);
select results_eq(
    $$ select line_no, is_cancelled from cw_000901.sales_order_lines
       where sales_order_id = (select id from cw_000901.sales_orders where erp_id = 'SO1') order by line_no $$,
    $$ values (1, false), (2, true) $$,
    'a line sent with status cancelled is kept, marked cancelled'
);
select is(
    (select quantity from cw_000901.demand_history where demand_date = '2024-03-01'), 2.000,
    'demand counts only the active line of the open order: no cancelled order, no cancelled line'
);
select is(
    (select revenue from cw_000901.demand_history where demand_date = '2024-03-01'), 25.9800,
    'revenue follows: the 80,995-unit kind of cancelled order brings none'
);
select results_eq(
    $$ select quantity, demand_qty, returned_qty, returned_revenue, revenue from cw_000901.demand_history
       where demand_date = '2024-03-02' $$,
    $$ values (0.000, 0.000, 1.000, 12.9900, -12.9900) $$,
    'a return is recorded as a return on its own date: no negative demand, revenue net of the refund'
);
select throws_ok(
    $$ insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, is_in_stock,
                                             is_oos_imputed, demand_qty, demand_source_type_id, computed_on,
                                             returned_qty)
       values (1, 1, '2020-01-01', 0, 0, true, false, 0, 1, '2020-01-01', -1) $$,
    '23514', null, 'returned units are never negative (demand_history_returned_check)'
);

-- A document type the client's ERP does not know rejects the document, with its reason.
select tests.stage_hammer_masters(tests.open_load_batch('2024-03-03'));
insert into cw_000901_staging.staging_sales_orders (raw_file_id, record_no, so_id, line_no, order_date, location_id,
                                                    product_id, qty, unit_price, discount, revenue, channel,
                                                    currency, status, document_type)
select max(id), 1, 'SO3', 1, date '2024-03-03', 'L002', 'P000001', 1, 12.99, 0, 12.99, 'store', 'EUR', 'completed',
       'layaway'
from cw_000901_staging.raw_files;
call cw_000901.step_load('2024-03-03', null);
select is(
    (select count(*) from cw_000901.sales_orders where erp_id = 'SO3'), 0::bigint,
    'an order of an unknown document type is not loaded'
);

-- The navision dialect says the same with its own words.
select results_eq(
    $$ select mappings.staging_column, mappings.source_path::text from cw_global.erp_field_mappings as mappings
       inner join cw_global.erp_endpoint_mappings as endpoints on endpoints.id = mappings.erp_endpoint_mapping_id
       inner join cw_global.erp_dialects on erp_dialects.id = endpoints.erp_dialect_id
       where erp_dialects.code = 'navision' and endpoints.endpoint = 'sales_orders'
           and mappings.staging_column in ('document_type', 'original_so_id', 'line_status')
       order by 1 $$,
    $$ values ('document_type', '{Header,DocumentType}'), ('line_status', '{Status}'),
              ('original_so_id', '{Header,AppliesToDocNo}') $$,
    'navision sends the document type, the applied-to order and the line status'
);
select results_eq(
    $$ select erp_value, canonical_value from cw_global.erp_value_mappings
       where endpoint = 'sales_orders' and staging_column = 'document_type'
           and erp_dialect_id = (select id from cw_global.erp_dialects where code = 'navision') order by 1 $$,
    $$ values ('credit_memo', 'return'), ('return_order', 'return') $$,
    'a navision Credit Memo or Return Order is a return'
);

select * from finish();
rollback;

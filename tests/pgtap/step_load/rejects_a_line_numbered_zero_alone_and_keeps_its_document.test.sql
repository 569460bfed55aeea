begin;
select plan(3);

-- A purchase order whose second line carries line number 0, which purchase_order_line_no_check refuses: the
-- pre-check registered in cw_global.load_pre_checks rejects that line alone, before the set-based write.
select tests.open_load_batch('2024-03-01') as file_id \gset
select tests.stage_hammer_masters(:file_id);
insert into cw_000901_staging.staging_purchase_orders (raw_file_id, record_no, po_id, line_no, supplier_id,
                                                       location_id, order_date, expected_date, status, currency,
                                                       product_id, qty_ordered, qty_confirmed, qty_delivered,
                                                       unit_cost)
values (:file_id, 20, 'PO1', 1, 'S0001', 'L001', '2024-03-01', '2024-03-08', 'open', 'EUR', 'P000001', 10, 10, 0, 5),
       (:file_id, 20, 'PO1', 0, 'S0001', 'L001', '2024-03-01', '2024-03-08', 'open', 'EUR', 'P000001', 3, 3, 0, 5);

call cw_000901.step_load('2024-03-01', null);

select results_eq(
    $$select load_rejects.entity, load_rejects.erp_key, load_rejects.reason_code
      from cw_000901.load_rejects
      where load_rejects.run_date = '2024-03-01'$$,
    $$values ('purchase_order_lines', 'PO1/0', 'purchase_order_line_no_check')$$,
    'the line numbered 0 is the only reject, under the name of the constraint it would break'
);

select results_eq(
    $$select lines.line_no, lines.qty_ordered
      from cw_000901.purchase_order_lines as lines
      inner join cw_000901.purchase_orders as orders on orders.id = lines.purchase_order_id
      where orders.erp_id = 'PO1'$$,
    $$values (1, 10::numeric)$$,
    'the document and its valid line are written'
);

select is(
    (select load_entity_stats.rows_rejected from cw_000901.load_entity_stats
     where load_entity_stats.run_date = '2024-03-01' and load_entity_stats.entity = 'purchase_orders'),
    0::bigint,
    'the purchase order itself is not rejected'
);

select * from finish();
rollback;

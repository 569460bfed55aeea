begin;
select plan(4);

-- IT-A at IT-DC: 45 on hand, reorder point 50; an open order IT-PO4 of 20 expected on 06-16 (14 days late on 06-30).
select tests.po_overdue_world('2024-06-30', '2024-06-10', '2024-06-16');

-- IT-SUP's measured lead time: p90 21 days. An order expected after 6 days is usually up to 21 - 6 = 15 days late.
insert into cw_000901.supplier_behaviors (supplier_id, snapshot_date, window_days, po_count, received_po_count,
                                          avg_lead_time_days, lead_time_p90, fill_rate, on_time_rate, open_po_count)
select suppliers.id, '2024-06-29', 365, 20, 18, 12, 21, 0.95, 0.4, 2
from cw_000901.suppliers where suppliers.erp_id = 'IT-SUP';

-- IT-PO1 to IT-S1 (6 confirmed) 9 days late.
update cw_000901.purchase_orders set order_date = '2024-06-15', expected_date = '2024-06-21' where erp_id = 'IT-PO1';
call cw_000901.step_po_recommendations('2024-06-30', null);

select is_empty($$ select * from tap_rec where location = 'IT-DC' $$,
                'an order 14 days late from a supplier usually up to 15 days late still covers the position');
select results_eq(
    $$ select on_order_qty, overdue_qty, recommended_qty from tap_rec where location = 'IT-S1' and product = 'IT-A' $$,
    $$ values (6.000, 0.000, 26.000) $$,
    'a late order within the supplier''s usual lateness counts in full');
select matches((select priority_reasons from tap_rec where location = 'IT-S1' and product = 'IT-A'),
               'PO IT-PO1 late by 9 days \(6 units still counted: within the 15 days the supplier is usually late\)',
               'the reasons still warn the buyer that the order is late');

-- Two more days: 16 days late, beyond the supplier's usual 15.
update cw_000901.purchase_orders set order_date = '2024-06-08', expected_date = '2024-06-14' where erp_id = 'IT-PO4';
call cw_000901.step_po_recommendations('2024-06-30', null);
select matches((select priority_reasons from tap_rec where location = 'IT-DC'),
               'PO IT-PO4 overdue by 16 days \(20 units not counted: more than the 15 days the supplier is usually '
               'late\)',
               'later than the supplier usually is, the order is overdue and the DC orders again');

select * from finish();
rollback;

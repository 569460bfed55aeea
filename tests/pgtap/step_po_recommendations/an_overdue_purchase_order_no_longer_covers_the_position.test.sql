begin;
select plan(8);

-- IT-A at IT-DC: 45 on hand, reorder point 50, target 52. An open order of 20, expected tomorrow, lifts the position
-- to 65: nothing to order.
select tests.po_overdue_world('2024-06-30', '2024-06-25', '2024-07-01');
call cw_000901.step_po_recommendations('2024-06-30', null);
select is_empty($$ select * from tap_rec where location = 'IT-DC' $$,
                'an open order not yet due counts in the position: no recommendation');

-- The same order, expected on 06-16 and still open on 06-30: 14 days late, more than the 2 days of grace (the
-- supplier has no behaviours): it no longer counts, the position is 45 <= 50 and the DC orders 7, raised to the MOQ 10.
update cw_000901.purchase_orders set order_date = '2024-06-10', expected_date = '2024-06-16' where erp_id = 'IT-PO4';
call cw_000901.step_po_recommendations('2024-06-30', null);
select results_eq(
    $$ select on_order_qty, overdue_qty, inventory_position_qty, recommended_qty from tap_rec where location = 'IT-DC' $$,
    $$ values (0.000, 20.000, 45.000, 10.000) $$,
    'an order overdue beyond the grace leaves the position (kept in overdue_qty) and a new proposal is made');
select matches((select priority_reasons from tap_rec where location = 'IT-DC'),
               'PO IT-PO4 overdue by 14 days \(20 units not counted: more than the 2 days of grace\)',
               'the priority reasons name the overdue order, how late it is and what is not counted');
select matches((select confidence_reasons from tap_rec where location = 'IT-DC'),
               '10 ordered instead of 0 because 20 units on overdue purchase orders are not counted',
               'where leaving it out changes the quantity, the confidence reasons say so');
-- forecast confidence 0.5 x stale balance 0.7 x overdue 0.8
select is((select confidence from tap_rec where location = 'IT-DC'), 0.280,
          'and the confidence is lowered by overdue_order_factor (the late delivery may still arrive)');

-- IT-A at IT-S1 (position 14 <= 20 with the confirmed 6 of IT-PO1): that order overdue too orders 6 more.
update cw_000901.purchase_orders set order_date = '2024-06-15', expected_date = '2024-06-21' where erp_id = 'IT-PO1';
call cw_000901.step_po_recommendations('2024-06-30', null);
select results_eq(
    $$ select on_order_qty, overdue_qty, inventory_position_qty, recommended_qty from tap_rec where location = 'IT-S1'
       and product = 'IT-A' $$,
    $$ values (0.000, 6.000, 8.000, 32.000) $$,
    'an overdue order of a pair that orders anyway raises the quantity by its open units');

-- A client that tolerates 20 days counts both orders again.
update cw_global.clients set settings = '{"po_recommendations": {"overdue_grace_days": 20}}' where code = 'CW-000901';
call cw_000901.step_po_recommendations('2024-06-30', null);
select results_eq(
    $$ select location, on_order_qty, overdue_qty, recommended_qty from tap_rec order by location, product $$,
    $$ values ('IT-S1', 6.000, 0.000, 26.000), ('IT-S1', 0.000, 0.000, 42.000) $$,
    'within a grace of overdue_grace_days the late orders still count');
update cw_global.clients set settings = '{"po_recommendations": {"overdue_grace_days": -1}}' where code = 'CW-000901';
select throws_ok($$ call cw_000901.step_po_recommendations('2024-06-30', null) $$, 'CW160', null,
                 'a negative grace fails with CW160');

select * from finish();
rollback;

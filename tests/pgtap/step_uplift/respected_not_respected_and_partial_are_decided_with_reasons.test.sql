begin;
select plan(8);

select tests.uplift_world('2024-03-01');
create temporary view tap_decision as
select products.erp_id as product, decisions.*, recommendations.is_respected as flag
from cw_000901.po_recommendation_respect_decisions as decisions
inner join cw_000901.po_recommendations as recommendations on recommendations.id = decisions.po_recommendation_id
inner join cw_000901.products on products.id = recommendations.product_id;

savepoint world;
call cw_000901.step_uplift('2024-03-08', null);

select results_eq(
    $$ select product, match_kind, is_respected, flag, ordered_qty::text, order_line_count
       from tap_decision order by product $$,
    $$ values ('UP-LATE', 'not_ordered', false, false, '0.000', 0),
              ('UP-LESS', 'ordered_less', false, false, '30.000', 1),
              ('UP-NONE', 'not_ordered', false, false, '0.000', 0),
              ('UP-RESP', 'respected', true, true, '90.000', 1) $$,
    '90 of 100 is within 20 %: respected; 30 of 100 is a partial match; an order 10 days later (window 7), a '
    || 'cancelled order and another supplier''s order are no match; the flag equals the decision');
select is((select reason from tap_decision where product = 'UP-RESP'),
          '90 of 100 recommended units ordered on 1 line(s) dated 2024-03-01 to 2024-03-08 (tolerance 20%): respected',
          'the reason states the quantities, the window and the tolerance');
select matches((select reason from tap_decision where product = 'UP-LESS'),
               'partial: ordered less than recommended$', 'a partial match says so');
select is((select window_end_date from tap_decision where product = 'UP-LATE'), '2024-03-08'::date,
          'the window ends respect_window_days (7) after the recommendation');

-- The tolerance's edges: 80 and 120 of 100 are respected, 79 is ordered_less, 121 ordered_more.
rollback to savepoint world;
update cw_000901.purchase_order_lines set qty_ordered = 80
where purchase_order_id = (select id from cw_000901.purchase_orders where erp_id = 'UP-PO-RESP');
call cw_000901.step_uplift('2024-03-08', null);
select is((select match_kind from tap_decision where product = 'UP-RESP'), 'respected', '80 of 100 is respected');

rollback to savepoint world;
update cw_000901.purchase_order_lines set qty_ordered = 79
where purchase_order_id = (select id from cw_000901.purchase_orders where erp_id = 'UP-PO-RESP');
call cw_000901.step_uplift('2024-03-08', null);
select is((select match_kind from tap_decision where product = 'UP-RESP'), 'ordered_less', '79 of 100 is not');

rollback to savepoint world;
update cw_000901.purchase_order_lines set qty_ordered = 121
where purchase_order_id = (select id from cw_000901.purchase_orders where erp_id = 'UP-PO-RESP');
call cw_000901.step_uplift('2024-03-08', null);
select is((select match_kind from tap_decision where product = 'UP-RESP'), 'ordered_more', '121 of 100 is too much');

-- Two order lines in the window add up: 60 + 40 of 100.
rollback to savepoint world;
update cw_000901.purchase_order_lines set qty_ordered = 60
where purchase_order_id = (select id from cw_000901.purchase_orders where erp_id = 'UP-PO-RESP');
insert into cw_000901.purchase_order_lines (purchase_order_id, line_no, product_id, qty_ordered, row_hash)
select purchase_orders.id, 2, products.id, 40, md5('up-po-less-2')::uuid
from cw_000901.purchase_orders, cw_000901.products
where purchase_orders.erp_id = 'UP-PO-LESS' and products.erp_id = 'UP-RESP';
call cw_000901.step_uplift('2024-03-08', null);
select is((select match_kind || ' ' || ordered_qty || ' on ' || order_line_count from tap_decision
           where product = 'UP-RESP'), 'respected 100.000 on 2', 'split orders in the window are summed');

select * from finish();
rollback;

begin;
select plan(3);

select tests.uplift_world('2024-03-01');
call cw_000901.step_uplift('2024-03-08', null);

-- A purchase order dated inside the window arrives late, and then an earlier date is run again (a replay, a re-run
-- of a stopped date, cw demo on an existing client). The decisions of 2024-03-08 were taken after that date's window
-- ended; the earlier run must neither re-decide them nor fail on them.
insert into cw_000901.purchase_orders (erp_id, supplier_id, location_id, order_date, status, currency_id, fx_rate,
                                       first_loaded_on, row_hash)
select 'UP-PO-NONE-LATE', suppliers.id, locations.id, '2024-03-03', 'open', suppliers.currency_id, 1, '2024-03-10',
       md5('up-po-none-late')::uuid
from cw_000901.suppliers, cw_000901.locations where suppliers.erp_id = 'UP-SUP' and locations.erp_id = 'UP-W';
insert into cw_000901.purchase_order_lines (purchase_order_id, line_no, product_id, qty_ordered, row_hash)
select purchase_orders.id, 1, products.id, 50, md5('up-po-none-late-1')::uuid
from cw_000901.purchase_orders, cw_000901.products
where purchase_orders.erp_id = 'UP-PO-NONE-LATE' and products.erp_id = 'UP-NONE';

select lives_ok($$ call cw_000901.step_uplift('2024-03-07', null) $$,
                'a re-run of an earlier date succeeds although later decisions exist');
select is((select count(*)::integer from cw_000901.po_recommendation_respect_decisions), 4,
          'and records no decision: the window of the later ones had not ended on that date');
select is((select count(*)::integer from cw_000901.po_recommendation_respect_decisions
           where decided_on < window_end_date), 0, 'no decision is dated before its window ends');

select * from finish();
rollback;

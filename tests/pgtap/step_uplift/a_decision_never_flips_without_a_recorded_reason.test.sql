begin;
select plan(8);

select tests.uplift_world('2024-03-01');
call cw_000901.step_uplift('2024-03-08', null);
create temporary view tap_decision as
select products.erp_id as product, decisions.*
from cw_000901.po_recommendation_respect_decisions as decisions
inner join cw_000901.po_recommendations as recommendations on recommendations.id = decisions.po_recommendation_id
inner join cw_000901.products on products.id = recommendations.product_id;

-- A stricter tolerance and a longer window later reopen nothing: decisions keep the rules they were made under.
update cw_global.clients
set settings = jsonb_set(settings, '{uplift}',
                         '{"measurement_window_days": 7, "qty_tolerance_pct": 0, "respect_window_days": 30}')
where schema_name = 'cw_000901';
call cw_000901.step_uplift('2024-03-09', null);
select is((select count(*)::integer from tap_decision), 4, 'changed settings record no new decision');
select is((select is_respected from cw_000901.po_recommendations
           where product_id = (select id from cw_000901.products where erp_id = 'UP-RESP')), true,
          'and flip no flag (90 of 100 stays respected under a 0 % tolerance)');

-- A purchase order dated inside the window arrives late: the decision changes, with its reason.
insert into cw_000901.purchase_orders (erp_id, supplier_id, location_id, order_date, status, currency_id, fx_rate,
                                       first_loaded_on, row_hash)
select 'UP-PO-NONE-LATE', suppliers.id, locations.id, '2024-03-03', 'open', suppliers.currency_id, 1, '2024-03-10',
       md5('up-po-none-late')::uuid
from cw_000901.suppliers, cw_000901.locations where suppliers.erp_id = 'UP-SUP' and locations.erp_id = 'UP-W';
insert into cw_000901.purchase_order_lines (purchase_order_id, line_no, product_id, qty_ordered, row_hash)
select purchase_orders.id, 1, products.id, 50, md5('up-po-none-late-1')::uuid
from cw_000901.purchase_orders, cw_000901.products
where purchase_orders.erp_id = 'UP-PO-NONE-LATE' and products.erp_id = 'UP-NONE';
call cw_000901.step_uplift('2024-03-10', null);
select results_eq(
    $$ select match_kind, is_respected, decided_on, previous_decision_id is not null from tap_decision
       where product = 'UP-NONE' order by id $$,
    $$ values ('not_ordered', false, '2024-03-08'::date, false), ('respected', true, '2024-03-10'::date, true) $$,
    'a late order dated in the window adds a decision that points at the one it replaces');
select is((select reason from tap_decision where product = 'UP-NONE' and is_respected),
          'changed since the decision of 2024-03-08; ordered quantity in the window 0 -> 50 (a late or corrected '
          || 'purchase order); not_ordered -> respected; 50 of 50 recommended units ordered on 1 line(s) dated '
          || '2024-03-01 to 2024-03-08 (tolerance 20%): respected',
          'its reason says what changed; the window and tolerance are those of the first decision');
select is((select is_respected from cw_000901.po_recommendations
           where product_id = (select id from cw_000901.products where erp_id = 'UP-NONE')), true,
          'the flag follows the new decision');

-- Nobody sets the flag by hand.
select throws_ok(
    $$ update cw_000901.po_recommendations set is_respected = false
       where product_id = (select id from cw_000901.products where erp_id = 'UP-RESP') $$,
    'CW191', null, 'changing is_respected without a matching decision fails with CW191');
select throws_ok(
    $$ update cw_000901.po_recommendations set is_respected = null
       where product_id = (select id from cw_000901.products where erp_id = 'UP-RESP') $$,
    'CW191', null, 'so does resetting it to null');

-- Past remeasure_days the decision is no longer re-checked by nightly runs (a scoped run still does).
update cw_000901.purchase_order_lines set qty_ordered = 10
where purchase_order_id = (select id from cw_000901.purchase_orders where erp_id = 'UP-PO-RESP');
call cw_000901.step_uplift('2024-04-30', null);
select is((select count(*)::integer from tap_decision where product = 'UP-RESP'), 1,
          'a correction older than remeasure_days (14) is not re-checked by a nightly run');

select * from finish();
rollback;

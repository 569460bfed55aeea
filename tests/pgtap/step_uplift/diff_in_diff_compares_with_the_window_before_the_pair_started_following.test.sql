begin;
select plan(4);

-- The uplift world (7-day windows, lead time 2.5 -> after window from + 3): UP-RESP is respected on 03-01 (100 asked,
-- 90 ordered on 03-03). It is recommended again on 03-05 (a new episode: 4 days later), 20 units, ordered 20 on 03-06:
-- respected too, so the pair has followed since 03-01. The 03-05 recommendation's before window for pre_post is
-- 02-27 .. 03-04 (half of it already following); diff_in_diff compares with 02-23 .. 02-29, the week before the pair
-- started following, and so does its control UP-NONE (class A / Frequent, not respected on 03-01).
-- inventory_optimization (stock value a day, cost 6): UP-RESP 02-23 .. 02-29: (10 at UP-W + 5 at UP-S) x 6 = 90;
-- after window 03-08 .. 03-14: stock on 03-08 .. 03-10 only, (150 + 5) x 6 x 3 / 7 = 398.5714. UP-NONE: 20 x 6 = 120
-- before, 2 x 6 x 3 / 7 = 5.1429 after. Counterfactual = 90 + (5.1429 - 120) = -24.8571.
select tests.uplift_world('2024-03-01');
insert into cw_000901.po_recommendations (
    product_id, supplier_id, location_id, recommendation_date, recommended_qty, predicted_qty, order_buffer,
    unit_cost, currency_id, confidence, confidence_reasons, po_recommendation_priority_id, priority_reasons,
    on_hand_qty, on_order_qty, in_transit_qty, reserved_qty, inventory_position_qty, lead_time_demand_qty,
    reorder_point, target_stock, lead_time_days, cover_days, pack_size_qty, moq_qty
)
select first.product_id, first.supplier_id, first.location_id, '2024-03-05', 20, 20, 0, first.unit_cost,
       first.currency_id, 0.8, 'fixture', 3, 'fixture', 0, 0, 0, 0, 0, 0, 10, first.target_stock, 2.5, null, 1, 0
from cw_000901.po_recommendations as first
inner join cw_000901.products on products.id = first.product_id
where products.erp_id = 'UP-RESP' and first.recommendation_date = '2024-03-01';
insert into cw_000901.purchase_orders (erp_id, supplier_id, location_id, order_date, status, currency_id, fx_rate,
                                       first_loaded_on, row_hash)
select 'UP-PO-RESP2', suppliers.id, (select id from cw_000901.locations where erp_id = 'UP-W'), '2024-03-06', 'open',
       suppliers.currency_id, 1, '2024-03-06', md5('UP-PO-RESP2')::uuid
from cw_000901.suppliers where suppliers.erp_id = 'UP-SUP';
insert into cw_000901.purchase_order_lines (purchase_order_id, line_no, product_id, qty_ordered, row_hash)
select purchase_orders.id, 1, (select id from cw_000901.products where erp_id = 'UP-RESP'), 20,
       md5('UP-PO-RESP2-1')::uuid
from cw_000901.purchase_orders where purchase_orders.erp_id = 'UP-PO-RESP2';

create temporary view tap_impact as
select recommendations.recommendation_date, methods.name as method, types.name as impact_type,
       impacts.baseline_start_date, impacts.baseline_end_date, impacts.baseline_value::text as baseline_value,
       impacts.actual_value::text as actual_value, impacts.control_count,
       impacts.control_baseline_value::text as control_baseline_value
from cw_000901.purchase_order_recommendation_impacts as impacts
inner join cw_000901.po_recommendations as recommendations on recommendations.id = impacts.po_recommendation_id
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.measurement_methods as methods on methods.id = impacts.measurement_method_id
inner join cw_000901.purchase_order_recommendation_impact_types as types
    on types.id = impacts.purchase_order_recommendation_impact_type_id
where products.erp_id = 'UP-RESP';

savepoint world;
call cw_000901.step_uplift('2024-03-16', null);

select results_eq(
    $$ select method, baseline_start_date, baseline_end_date from tap_impact
       where recommendation_date = '2024-03-05' and impact_type = 'inventory_optimization' order by method $$,
    $$ values ('diff_in_diff', '2024-02-23'::date, '2024-02-29'::date),
              ('pre_post', '2024-02-27', '2024-03-04') $$,
    'diff_in_diff takes the week before the pair started following; pre_post the week before the recommendation');
select results_eq(
    $$ select baseline_value, actual_value, control_count, control_baseline_value from tap_impact
       where recommendation_date = '2024-03-05' and impact_type = 'inventory_optimization'
           and method = 'diff_in_diff' $$,
    $$ values ('-24.8571', '398.5714', 1, '120.0000') $$,
    'the counterfactual is the pre-following level moved like the controls over the same calendar days');
select is((select count(*)::integer from tap_impact
           where recommendation_date = '2024-03-01' and method = 'diff_in_diff'
               and baseline_start_date = '2024-02-23'),
          6, 'the first followed recommendation starts the spell: its two before windows are the same');

-- UP-RESP ignores a recommendation on 03-09, inside the 03-05 one's after window (03-08 .. 03-14): the pair did
-- not follow throughout, so that recommendation gets no diff_in_diff (pre_post stays).
rollback to savepoint world;
insert into cw_000901.po_recommendations (
    product_id, supplier_id, location_id, recommendation_date, recommended_qty, predicted_qty, order_buffer,
    unit_cost, currency_id, confidence, confidence_reasons, po_recommendation_priority_id, priority_reasons,
    on_hand_qty, on_order_qty, in_transit_qty, reserved_qty, inventory_position_qty, lead_time_demand_qty,
    reorder_point, target_stock, lead_time_days, cover_days, pack_size_qty, moq_qty
)
select first.product_id, first.supplier_id, first.location_id, '2024-03-09', 30, 30, 0, first.unit_cost,
       first.currency_id, 0.8, 'fixture', 3, 'fixture', 0, 0, 0, 0, 0, 0, 10, first.target_stock, 2.5, null, 1, 0
from cw_000901.po_recommendations as first
inner join cw_000901.products on products.id = first.product_id
where products.erp_id = 'UP-RESP' and first.recommendation_date = '2024-03-01';
call cw_000901.step_uplift('2024-03-16', null);
select results_eq(
    $$ select distinct method from tap_impact where recommendation_date = '2024-03-05' $$,
    $$ values ('pre_post') $$,
    'a recommendation whose pair stopped following during its after window has no diff_in_diff');

select * from finish();
rollback;

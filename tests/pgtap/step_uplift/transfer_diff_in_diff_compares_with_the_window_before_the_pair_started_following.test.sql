begin;
select plan(3);

-- The uplift world (7-day windows) with transfer-order recommendations UP-W -> UP-S, transit 1 day: UP-RESP 20 units
-- on 03-01, shipped 18 on 03-02 (respected), and again 10 units on 03-05 (a new episode: 4 days later), shipped 10
-- on 03-06 (respected): the pair UP-RESP x UP-S has followed since 03-01. UP-NONE 10 units on 03-01, never shipped
-- (not respected: the control, class A / Frequent like UP-RESP). The 03-05 recommendation's pre_post before window
-- is 02-27 .. 03-04 (half of it already following); its diff_in_diff compares with 02-23 .. 02-29, the week before
-- the pair started following, like the purchase side (uplift_measure is one procedure for both sides).
select tests.uplift_world('2024-03-01');
insert into cw_000901.to_recommendations (
    product_id, from_location_id, to_location_id, recommendation_date, recommended_qty, requested_qty,
    to_recommendation_reason_id, po_recommendation_priority_id, priority_reasons, confidence, confidence_reasons,
    to_on_hand_qty, to_in_transit_qty, to_on_order_qty, to_reserved_qty, to_position_qty, to_reorder_point,
    to_target_stock, from_available_qty, from_spare_qty, transit_days, pack_size_qty
)
select products.id, (select id from cw_000901.locations where erp_id = 'UP-W'),
       (select id from cw_000901.locations where erp_id = 'UP-S'), rec.rec_date, rec.qty, rec.qty, 1, 3, 'fixture',
       0.8, 'fixture', 0, 0, 0, 0, 0, 2, 4, 100, 100, 1.0, 1
from (values ('UP-RESP', '2024-03-01'::date, 20), ('UP-RESP', '2024-03-05', 10), ('UP-NONE', '2024-03-01', 10))
    as rec (erp_id, rec_date, qty)
inner join cw_000901.products on products.erp_id = rec.erp_id;
insert into cw_000901.transfer_orders (erp_id, from_location_id, to_location_id, reason, ship_date, expected_date,
                                       status, first_loaded_on, row_hash)
select transfer.erp_id, (select id from cw_000901.locations where erp_id = 'UP-W'),
       (select id from cw_000901.locations where erp_id = 'UP-S'), 'replenishment', transfer.ship_date,
       transfer.ship_date + 1, 'shipped', transfer.ship_date, md5(transfer.erp_id)::uuid
from (values ('UP-TO-RESP', '2024-03-02'::date), ('UP-TO-RESP2', '2024-03-06')) as transfer (erp_id, ship_date);
insert into cw_000901.transfer_order_lines (transfer_order_id, line_no, product_id, qty_shipped, row_hash)
select transfer_orders.id, 1, products.id, line.qty, md5(line.transfer || '-1')::uuid
from (values ('UP-TO-RESP', 'UP-RESP', 18), ('UP-TO-RESP2', 'UP-RESP', 10)) as line (transfer, product, qty)
inner join cw_000901.transfer_orders on transfer_orders.erp_id = line.transfer
inner join cw_000901.products on products.erp_id = line.product;

create temporary view tap_to_impact as
select recommendations.recommendation_date, recommendations.is_respected, methods.name as method,
       impacts.baseline_start_date, impacts.baseline_end_date, impacts.control_count
from cw_000901.transfer_order_recommendation_impacts as impacts
inner join cw_000901.to_recommendations as recommendations on recommendations.id = impacts.to_recommendation_id
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.transfer_order_recommendation_impact_types as types
    on types.id = impacts.transfer_order_recommendation_impact_type_id
inner join cw_000901.measurement_methods as methods on methods.id = impacts.measurement_method_id
where products.erp_id = 'UP-RESP' and types.name = 'inventory_optimization';

call cw_000901.step_uplift('2024-03-16', null);

select results_eq(
    $$ select is_respected, method, baseline_start_date, baseline_end_date from tap_to_impact
       where recommendation_date = '2024-03-05' order by method $$,
    $$ values (true, 'diff_in_diff', '2024-02-23'::date, '2024-02-29'::date),
              (true, 'pre_post', '2024-02-27', '2024-03-04') $$,
    'a transfer''s diff_in_diff takes the week before the pair started following; pre_post the week before it');
select results_eq(
    $$ select method, baseline_start_date, baseline_end_date from tap_to_impact
       where recommendation_date = '2024-03-01' order by method $$,
    $$ values ('diff_in_diff', '2024-02-23'::date, '2024-02-29'::date),
              ('pre_post', '2024-02-23', '2024-02-29') $$,
    'the first followed transfer recommendation starts the spell: its two before windows are the same');
select is((select control_count from tap_to_impact
           where recommendation_date = '2024-03-05' and method = 'diff_in_diff'),
          1, 'the control is the not followed transfer recommendation of a product of the same class');

select * from finish();
rollback;

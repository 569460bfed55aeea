begin;
select plan(2);

-- Transfer side, same rule as purchase orders (uplift_respect('to', ...)): the lane UP-W -> UP-S re-proposes UP-RESP
-- 20, 6 and 4 units on 03-01 .. 03-03 (net of what is already in transit), and the warehouse ships each the next day
-- (20 on 03-02, 6 on 03-03, 4 on 03-04): asked = 4 (last re-proposal) + 26 (shipped 03-01 .. 03-03) = 30, shipped
-- 30 -> respected. Compared with the first quantity, 20, it was "transferred more".
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
from (values ('2024-03-01'::date, 20), ('2024-03-02', 6), ('2024-03-03', 4)) as rec (rec_date, qty)
cross join cw_000901.products where products.erp_id = 'UP-RESP';
insert into cw_000901.transfer_orders (erp_id, from_location_id, to_location_id, reason, ship_date, expected_date,
                                       status, first_loaded_on, row_hash)
select 'UP-TO-' || transfer.ship_date, (select id from cw_000901.locations where erp_id = 'UP-W'),
       (select id from cw_000901.locations where erp_id = 'UP-S'), 'replenishment', transfer.ship_date,
       transfer.ship_date + 1, 'shipped', transfer.ship_date, md5('UP-TO-' || transfer.ship_date)::uuid
from (values ('2024-03-02'::date), ('2024-03-03'), ('2024-03-04')) as transfer (ship_date);
insert into cw_000901.transfer_order_lines (transfer_order_id, line_no, product_id, qty_shipped, row_hash)
select transfer_orders.id, 1, (select id from cw_000901.products where erp_id = 'UP-RESP'), line.qty,
       md5(transfer_orders.erp_id || '-1')::uuid
from (values ('2024-03-02'::date, 20), ('2024-03-03', 6), ('2024-03-04', 4)) as line (ship_date, qty)
inner join cw_000901.transfer_orders on transfer_orders.erp_id = 'UP-TO-' || line.ship_date;

call cw_000901.step_uplift('2024-03-10', null);
select results_eq(
    $$ select distinct decisions.match_kind, decisions.recommended_qty::text, decisions.transferred_qty::text,
              decisions.episode_size
       from cw_000901.to_recommendation_respect_decisions as decisions $$,
    $$ values ('respected', '30.000', '30.000', 3) $$,
    'a lane whose every daily re-proposal was shipped is respected: asked = last re-proposal + shipped until then');
select throws_ok(
    $$ call cw_000901.uplift_respect('xx', '2024-03-10', null, null, '{}') $$,
    'CW196', null, 'uplift_respect refuses an unknown side with CW196');

select * from finish();
rollback;

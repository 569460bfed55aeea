begin;
select plan(4);

-- The uplift world's purchase-order recommendations (2024-03-01 at UP-W, measured on 03-10) plus one followed
-- transfer-order recommendation UP-W -> UP-S of UP-RESP on 03-01 (shipped 18 of 20 on 03-02, measured on 03-08).
-- uplift_monthly holds both sides; po_uplift_monthly and to_uplift_monthly are its two sides.
select tests.uplift_world('2024-03-01');
insert into cw_000901.to_recommendations (
    product_id, from_location_id, to_location_id, recommendation_date, recommended_qty, requested_qty,
    to_recommendation_reason_id, po_recommendation_priority_id, priority_reasons, confidence, confidence_reasons,
    to_on_hand_qty, to_in_transit_qty, to_on_order_qty, to_reserved_qty, to_position_qty, to_reorder_point,
    to_target_stock, from_available_qty, from_spare_qty, transit_days, pack_size_qty
)
select products.id, (select id from cw_000901.locations where erp_id = 'UP-W'),
       (select id from cw_000901.locations where erp_id = 'UP-S'), '2024-03-01', 20, 20, 1, 3, 'fixture',
       0.8, 'fixture', 0, 0, 0, 0, 0, 2, 4, 100, 100, 1.0, 1
from cw_000901.products where products.erp_id = 'UP-RESP';
insert into cw_000901.transfer_orders (erp_id, from_location_id, to_location_id, reason, ship_date, expected_date,
                                       status, first_loaded_on, row_hash)
select 'UP-TO-RESP', (select id from cw_000901.locations where erp_id = 'UP-W'),
       (select id from cw_000901.locations where erp_id = 'UP-S'), 'replenishment', '2024-03-02', '2024-03-03',
       'shipped', '2024-03-02', md5('UP-TO-RESP')::uuid;
insert into cw_000901.transfer_order_lines (transfer_order_id, line_no, product_id, qty_shipped, row_hash)
select transfer_orders.id, 1, (select id from cw_000901.products where erp_id = 'UP-RESP'), 18,
       md5('UP-TO-RESP-1')::uuid
from cw_000901.transfer_orders where transfer_orders.erp_id = 'UP-TO-RESP';

call cw_000901.step_uplift('2024-03-10', null);

select results_eq(
    $$ select side, count(*)::integer, sum(recommendation_count)::integer, sum(impact_sum)
       from cw_000901_stats.uplift_monthly group by side order by side $$,
    $$ select 'po'::text, count(*)::integer, sum(recommendation_count)::integer, sum(impact_sum)
       from cw_000901_stats.po_uplift_monthly
       union all
       select 'to', count(*)::integer, sum(recommendation_count)::integer, sum(impact_sum)
       from cw_000901_stats.to_uplift_monthly $$,
    'each side of uplift_monthly is exactly its per-side view');
select is(
    (select sum(impact_sum) from cw_000901_stats.uplift_monthly where side = 'po'),
    (select sum(impact_value) from cw_000901.purchase_order_recommendation_impacts),
    'the purchase side sums every purchase-order impact');
select is(
    (select sum(impact_sum) from cw_000901_stats.uplift_monthly where side = 'to'),
    (select sum(impact_value) from cw_000901.transfer_order_recommendation_impacts),
    'the transfer side sums every transfer-order impact');
select is_empty(
    $$ select from cw_000901_stats.uplift_monthly
       where (side = 'po') <> (supplier_id is not null and from_location_id is null and to_location_id is null) $$,
    'a purchase row has a supplier and no route, a transfer row a route and no supplier');

select * from finish();
rollback;

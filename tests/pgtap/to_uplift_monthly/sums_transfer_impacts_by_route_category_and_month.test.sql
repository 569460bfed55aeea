begin;
select plan(4);

-- The transfer side of the uplift world (as in step_uplift/transfer_recommendations_are_decided_against_transfer_
-- orders_and_measured): recommendations UP-W -> UP-S dated 2024-03-01; UP-RESP followed (18 of 20 shipped), UP-LESS
-- partly (5 of 20), UP-NONE not at all. UP-RESP's revenue went from 100 / 7 to 150 / 7 a day; its control UP-NONE
-- sold 1 a day in both windows, so its diff_in_diff equals its pre_post.
-- 03-02 (respected); UP-LESS 20, shipped 5 on 03-03 (partial); UP-NONE 10, whose only transfer (10 units) was
-- cancelled, and a transfer of 10 UP-NONE into another location does not count either (not respected).
select tests.uplift_world('2024-03-01');
insert into cw_000901.locations (erp_id, name, location_type, echelon, parent_location_id, erp_status,
                                 first_seen_date, row_hash)
select 'UP-S2', 'UP store 2', 'store', 1, locations.id, 'active', '2023-01-01', md5('up-s2')::uuid
from cw_000901.locations where locations.erp_id = 'UP-W';
insert into cw_000901.to_recommendations (
    product_id, from_location_id, to_location_id, recommendation_date, recommended_qty, requested_qty,
    to_recommendation_reason_id, po_recommendation_priority_id, priority_reasons, confidence, confidence_reasons,
    to_on_hand_qty, to_in_transit_qty, to_on_order_qty, to_reserved_qty, to_position_qty, to_reorder_point,
    to_target_stock, from_available_qty, from_spare_qty, transit_days, pack_size_qty
)
select products.id, (select id from cw_000901.locations where erp_id = 'UP-W'),
       (select id from cw_000901.locations where erp_id = 'UP-S'), '2024-03-01', rec.qty, rec.qty, 1, 3, 'fixture',
       0.8, 'fixture', 0, 0, 0, 0, 0, 2, 4, 100, 100, 1.0, 1
from (values ('UP-RESP', 20), ('UP-LESS', 20), ('UP-NONE', 10)) as rec (erp_id, qty)
inner join cw_000901.products on products.erp_id = rec.erp_id;
insert into cw_000901.transfer_orders (erp_id, from_location_id, to_location_id, reason, ship_date, expected_date,
                                       status, first_loaded_on, row_hash)
select transfer.erp_id, (select id from cw_000901.locations where erp_id = 'UP-W'), locations.id, 'replenishment',
       transfer.ship_date, transfer.ship_date + 1, transfer.status, transfer.ship_date, md5(transfer.erp_id)::uuid
from (values ('UP-TO-RESP', 'UP-S', '2024-03-02'::date, 'shipped'), ('UP-TO-LESS', 'UP-S', '2024-03-03', 'shipped'),
             ('UP-TO-CANC', 'UP-S', '2024-03-02', 'cancelled'), ('UP-TO-ELSE', 'UP-S2', '2024-03-02', 'shipped'))
    as transfer (erp_id, location, ship_date, status)
inner join cw_000901.locations on locations.erp_id = transfer.location;
insert into cw_000901.transfer_order_lines (transfer_order_id, line_no, product_id, qty_shipped, row_hash)
select transfer_orders.id, 1, products.id, line.qty, md5(line.transfer || '-1')::uuid
from (values ('UP-TO-RESP', 'UP-RESP', 18), ('UP-TO-LESS', 'UP-LESS', 5), ('UP-TO-CANC', 'UP-NONE', 10),
             ('UP-TO-ELSE', 'UP-NONE', 10)) as line (transfer, product, qty)
inner join cw_000901.transfer_orders on transfer_orders.erp_id = line.transfer
inner join cw_000901.products on products.erp_id = line.product;

call cw_000901.step_uplift('2024-03-08', null);

select results_eq(
    $$ select month_start, from_locations.erp_id, to_locations.erp_id, measurement_method, is_respected,
              recommendation_count::integer, impact_sum, improved_count::integer
       from cw_000901_stats.to_uplift_monthly
       inner join cw_000901.locations as from_locations on from_locations.id = to_uplift_monthly.from_location_id
       inner join cw_000901.locations as to_locations on to_locations.id = to_uplift_monthly.to_location_id
       where impact_type = 'revenue_uplift' and is_respected order by measurement_method $$,
    $$ values ('2024-03-01'::date, 'UP-W', 'UP-S', 'diff_in_diff', true, 1, 7.1429, 1),
              ('2024-03-01'::date, 'UP-W', 'UP-S', 'pre_post', true, 1, 7.1429, 1) $$,
    'a followed transfer recommendation is one row per method on its route and month: 21.4286 - 14.2857 a day');
select is(
    (select sum(recommendation_count)::integer from cw_000901_stats.to_uplift_monthly
     where impact_type = 'revenue_uplift' and measurement_method = 'pre_post' and not is_respected),
    2, 'the partial and the ignored recommendation are counted apart, as not followed');
select is(
    (select count(distinct product_category_id)::integer from cw_000901_stats.to_uplift_monthly), 1,
    'the fixture''s products share one category: one category per route, month, type and method');
select is(
    (select sum(impact_sum) from cw_000901_stats.to_uplift_monthly),
    (select sum(impact_value) from cw_000901.transfer_order_recommendation_impacts),
    'the sums are additive: over every row they equal the sum of all transfer impacts');

select * from finish();
rollback;

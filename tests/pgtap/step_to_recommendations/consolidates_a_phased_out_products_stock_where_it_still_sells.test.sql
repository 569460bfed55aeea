begin;
select plan(7);

-- The transfer world (tests.transfer_world, 2024-06-30) under IT-DC: IT-S6 holds 50 of IT-A and, here, 17 of IT-B
-- (packs of 6); IT-S2 holds 2 of IT-A and 5 of IT-B, IT-S3 10 of IT-B. Step 9 phased IT-A and IT-B out at IT-S6
-- (pipeline NOT-STOCK, reason phase_out), so step 8 gave those pairs no target. IT-S6 sold neither in the last 28
-- days. IT-A sold 56 at IT-S2 and 66 at IT-S3 in the 28 days up to the run date; IT-B sold nothing at the siblings.
select tests.transfer_world('2024-06-30');
select tests.assortment_row('IT-A', 'IT-S6', 'NOT-STOCK');
select tests.assortment_row('IT-B', 'IT-S6', 'NOT-STOCK');
update cw_000901.inventory_targets set target_stock = 0, reorder_point = 0, zero_reason = 'not_stocked'
where product_id = (select id from cw_000901.products where erp_id = 'IT-A')
    and location_id = (select id from cw_000901.locations where erp_id = 'IT-S6');
insert into cw_000901.inventory_balances (product_id, location_id, balance_date, qty_available, qty_blocked,
                                          qty_reserved, qty_all, row_hash)
values ((select id from cw_000901.products where erp_id = 'IT-B'),
        (select id from cw_000901.locations where erp_id = 'IT-S6'), '2024-06-30', 17, 0, 0, 17,
        md5('tap-consolidation-b')::uuid);
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
values ((select id from cw_000901.products where erp_id = 'IT-A'),
        (select id from cw_000901.locations where erp_id = 'IT-S3'), '2024-06-29', 10, 100, 60, true, null, false, 10,
        1, '2024-06-30');

call cw_000901.step_to_recommendations('2024-06-30', null);

create temporary view tap_consolidation as
select products.erp_id as product, senders.erp_id as sender, receivers.erp_id as receiver, priorities.name as priority,
       recommendations.*
from cw_000901.to_recommendations as recommendations
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.locations as senders on senders.id = recommendations.from_location_id
inner join cw_000901.locations as receivers on receivers.id = recommendations.to_location_id
inner join cw_000901.po_recommendation_priorities as priorities
    on priorities.id = recommendations.po_recommendation_priority_id
where recommendations.to_recommendation_reason_id
    = (select id from cw_000901.to_recommendation_reasons where name = 'phase_out_consolidation');

-- IT-A: IT-S3 sells it best; its room below the rebalancing line is 20 x 1.5 - position 0 - the 8 its DC ships today
-- = 22. The other 28 go back to IT-DC.
select results_eq(
    $$ select product, sender, receiver, recommended_qty, requested_qty, priority from tap_consolidation
       where product = 'IT-A' order by receiver $$,
    $$ values ('IT-A', 'IT-S6', 'IT-DC', 28.000, 50.000, 'low'), ('IT-A', 'IT-S6', 'IT-S3', 22.000, 50.000, 'medium') $$,
    'a phased-out product''s stock goes to the sibling that sells it best up to its room, the rest back to the source'
);
select ok(
    (select priority_reasons = 'IT-A is NOT-STOCK at IT-S6 (phase out); 50 of its 50 usable units would not sell within '
                               '28 days there (sold 0 in the last 28 days) and 2 locations of the same source hold it: '
                               '22 to IT-S3, which sold 66 in the same days (the most of the siblings that stock it), '
                               'up to its room below 50 % over its target 20'
     from tap_consolidation where product = 'IT-A' and receiver = 'IT-S3'),
    'the reasons say why the stock moves and why there'
);

-- IT-B: no sibling sold it, so back to IT-DC, in whole packs of 6 (12 of the 17; 5 stay and sell through).
select results_eq(
    $$ select sender, receiver, recommended_qty, pack_size_qty from tap_consolidation where product = 'IT-B' $$,
    $$ values ('IT-S6', 'IT-DC', 12.000, 6.000) $$,
    'without a sibling that sells it the stock goes back to the source, in whole packs'
);

-- Never to a NOT-STOCK location: the client says NOT-STOCK for IT-A at IT-S3, so IT-S2 (sold 56) is the destination:
-- room 30 - position 2 - the 7 its DC ships = 21.
select tests.assortment_row('IT-A', 'IT-S3', 'STOCK', 'NOT-STOCK');
call cw_000901.step_to_recommendations('2024-06-30', null);
select results_eq(
    $$ select receiver, recommended_qty from tap_consolidation where product = 'IT-A' order by receiver $$,
    $$ values ('IT-DC', 29.000), ('IT-S2', 21.000) $$,
    'a location where the product is NOT-STOCK never receives it'
);

-- A location that still sells the product keeps what it sells within phase_out_sell_through_days: 14 sold in 28
-- days at IT-S6 = 14 kept, 36 move.
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
values ((select id from cw_000901.products where erp_id = 'IT-A'),
        (select id from cw_000901.locations where erp_id = 'IT-S6'), '2024-06-20', 14, 140, 84, true, null, false, 14,
        1, '2024-06-30');
call cw_000901.step_to_recommendations('2024-06-30', null);
select is(
    (select sum(recommended_qty) from tap_consolidation where product = 'IT-A'), 36.000,
    'the phasing-out location keeps what it sells within the sell-through days'
);

-- Step 8 runs before step 9: on the night a product is phased out its pair still has a regular target, and the stock
-- follows replenishment and rebalancing until step 8 zeroes the target.
update cw_000901.inventory_targets set target_stock = 20, reorder_point = 10, zero_reason = null
where product_id = (select id from cw_000901.products where erp_id = 'IT-A')
    and location_id = (select id from cw_000901.locations where erp_id = 'IT-S6');
call cw_000901.step_to_recommendations('2024-06-30', null);
select is_empty(
    $$ select * from tap_consolidation where product = 'IT-A' $$,
    'a phased-out pair that still has a regular target of step 8 is not consolidated yet'
);

-- Stock at one location only is not spread: nothing to consolidate.
delete from cw_000901.inventory_balances
where product_id = (select id from cw_000901.products where erp_id = 'IT-B')
    and location_id in (select id from cw_000901.locations where erp_id in ('IT-S2', 'IT-S3'));
call cw_000901.step_to_recommendations('2024-06-30', null);
select is_empty(
    $$ select * from tap_consolidation where product = 'IT-B' $$,
    'stock held at a single location is not consolidated'
);

select * from finish();
rollback;

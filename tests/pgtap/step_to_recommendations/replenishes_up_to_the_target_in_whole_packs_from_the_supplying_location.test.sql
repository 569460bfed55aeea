begin;
select plan(8);

select tests.transfer_world('2024-06-30');
call cw_000901.step_to_recommendations('2024-06-30', null);

create temporary view tap_rec as
select products.erp_id as product, senders.erp_id as sender, receivers.erp_id as receiver, reasons.name as reason,
       priorities.name as priority, statuses.name as status, recommendations.*
from cw_000901.to_recommendations as recommendations
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.locations as senders on senders.id = recommendations.from_location_id
inner join cw_000901.locations as receivers on receivers.id = recommendations.to_location_id
inner join cw_000901.to_recommendation_reasons as reasons on reasons.id = recommendations.to_recommendation_reason_id
inner join cw_000901.po_recommendation_priorities as priorities
    on priorities.id = recommendations.po_recommendation_priority_id
inner join cw_000901.to_recommendation_statuses as statuses
    on statuses.id = recommendations.to_recommendation_status_id;

select results_eq(
    $$ select sender, receiver, reason, status, to_on_hand_qty, to_in_transit_qty, to_position_qty, requested_qty,
              recommended_qty, from_available_qty, from_spare_qty
       from tap_rec where product = 'IT-B' and reason = 'replenishment' order by receiver $$,
    $$ values ('IT-DC', 'IT-S2', 'replenishment', 'pending', 5.000, 0.000, 5.000, 30.000, 30.000, 100.000, 100.000),
              ('IT-DC', 'IT-S3', 'replenishment', 'pending', 10.000, 2.000, 12.000, 18.000, 18.000, 100.000,
               100.000) $$,
    'position = on hand + in transit - reserved at or below the reorder point: up to the target in whole packs '
    '(25 needed = 5 packs of 6, 18 = 3 packs) from the supplying DC, which has enough'
);
select is(
    (select priority || ': ' || priority_reasons from tap_rec where product = 'IT-B' and receiver = 'IT-S2'),
    'critical: 1.7 days of cover, transfer lead time 2 days, no class; position 5 (on hand 5, in transit 0, on order '
    '0, reserved 0) at or below reorder point 12, target 30',
    'less cover than the transfer lead time is critical, and the reasons say so in words'
);
select is(
    (select priority || ' ' || cover_days from tap_rec where product = 'IT-B' and receiver = 'IT-S3'),
    'low 4.0', 'more cover than lead time + margin (2 + 2 days) on an unclassified pair is low'
);
select is_empty(
    $$ select product from tap_rec where product in ('IT-NS', 'IT-DISC') $$,
    'NOT-STOCK products and zero targets get no transfer (both are out of stock at IT-S2)'
);
select is_empty(
    $$ select receiver from tap_rec where receiver in ('IT-DC', 'IT-S1') and reason <> 'store_closure' $$,
    'a location nobody supplies (the DC, IT-S1) is replenished by purchase order, never by transfer'
);
select is(
    (select confidence || ' ' || confidence_reasons from tap_rec where product = 'IT-B' and receiver = 'IT-S2'),
    '1.000 stock balances of both locations are current', 'current balances at both ends: full confidence'
);

-- The planner's transit time on the lane IT-DC -> IT-S3 (5 days) makes its 4 days of cover critical; a disabled lane
-- carries no transfer.
insert into cw_000901.location_lanes (from_location_id, to_location_id, transit_days_override, first_seen_date)
values ((select id from cw_000901.locations where erp_id = 'IT-DC'),
        (select id from cw_000901.locations where erp_id = 'IT-S3'), 5, '2024-01-01'),
       ((select id from cw_000901.locations where erp_id = 'IT-DC'),
        (select id from cw_000901.locations where erp_id = 'IT-S2'), null, '2024-01-01');
update cw_000901.location_lanes set is_enabled = false
where to_location_id = (select id from cw_000901.locations where erp_id = 'IT-S2');
call cw_000901.step_to_recommendations('2024-06-30', null);
select is(
    (select priority || ' ' || transit_days || ' ' || cover_days from tap_rec
     where product = 'IT-B' and receiver = 'IT-S3'),
    'critical 5.00 4.0', 'the lane''s transit time is the transfer lead time'
);
select is_empty($$ select * from tap_rec where sender = 'IT-DC' and receiver = 'IT-S2' $$,
                'a lane the planner disabled carries no transfer');

select * from finish();
rollback;

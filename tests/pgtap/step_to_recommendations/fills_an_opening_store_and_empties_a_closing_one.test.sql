begin;
select plan(8);

select tests.transfer_world('2024-06-30');
call cw_000901.step_to_recommendations('2024-06-30', null);

create temporary view tap_rec as
select products.erp_id as product, senders.erp_id as sender, receivers.erp_id as receiver, reasons.name as reason,
       priorities.name as priority, recommendations.*
from cw_000901.to_recommendations as recommendations
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.locations as senders on senders.id = recommendations.from_location_id
inner join cw_000901.locations as receivers on receivers.id = recommendations.to_location_id
inner join cw_000901.to_recommendation_reasons as reasons on reasons.id = recommendations.to_recommendation_reason_id
inner join cw_000901.po_recommendation_priorities as priorities
    on priorities.id = recommendations.po_recommendation_priority_id;

select is(
    (select reason || ' ' || recommended_qty || ' ' || priority_reasons from tap_rec where receiver = 'IT-S4'),
    'store_opening 5.000 opens on 2024-07-05 (in 5 days), initial fill up to target 12; 0 days of cover, transfer '
    'lead time 2 days, no class; position 0 (on hand 0, in transit 0, on order 0, reserved 0), target 12; IT-DC can '
    'spare 20 of the 50 its locations request (fair share by need)',
    'a store opening within opening_fill_days gets its initial fill (its share of a short DC) before it opens'
);
select results_eq(
    $$ select product, receiver, reason, priority, recommended_qty, priority_reasons from tap_rec
       where sender = 'IT-S5' order by product $$,
    $$ values ('IT-A', 'IT-DC', 'store_closure', 'high', 6.000,
               'IT-S5 closes on 2024-07-02 (in 2 days): its 6 usable units go back to IT-DC'),
              ('IT-B', 'IT-DC', 'store_closure', 'high', 4.000,
               'IT-S5 closes on 2024-07-02 (in 2 days): its 4 usable units go back to IT-DC') $$,
    'a store closing within closure_notice_days sends every usable unit (reserved excluded) back to its source'
);
select is_empty($$ select * from tap_rec where receiver = 'IT-S5' $$,
                'a closing store gets no replenishment, though it is below its reorder point');

-- After the closing date the leftover stock still has to go, and it is urgent.
call cw_000901.step_to_recommendations('2024-07-04', null);
select is(
    (select priority || ' ' || priority_reasons from tap_rec where sender = 'IT-S5' and product = 'IT-B'
         and recommendation_date = '2024-07-04'),
    'critical IT-S5 closes on 2024-07-02 (2 days ago): its 4 usable units go back to IT-DC',
    'stock left at a closed store is critical'
);

-- An opening store without a target of its own (no sales yet, so no forecast and no step 8 target) is filled to the
-- median of the targets of the stores of its source that stock the product (IT-S2, IT-S3 and IT-S6; the closing
-- IT-S5 does not count): IT-A 20 (short at IT-DC: 20 spare against 18 + 20 + 20, so 6, 7 and 7) and IT-B 30 (2 of 3
-- stores stock it).
delete from cw_000901.inventory_targets
where location_id = (select id from cw_000901.locations where erp_id = 'IT-S4');
call cw_000901.step_to_recommendations('2024-06-30', null);
select results_eq(
    $$ select product, reason, to_target_stock, requested_qty, recommended_qty from tap_rec
       where receiver = 'IT-S4' and recommendation_date = '2024-06-30' order by product $$,
    $$ values ('IT-A', 'store_opening', 20.000, 20.000, 7.000), ('IT-B', 'store_opening', 30.000, 30.000, 30.000) $$,
    'an opening store without targets is filled to the median target of the stores of its source'
);
select ok(
    (select priority_reasons like 'opens on 2024-07-05 (in 5 days), initial fill up to target 30 (no target of its '
                                  'own yet: the median of the 2 locations of its source that stock it);%'
     from tap_rec where receiver = 'IT-S4' and product = 'IT-B' and recommendation_date = '2024-06-30'),
    'and says where its target comes from'
);

-- Too early for the opening fill, or the closure notice.
update cw_global.clients set settings = jsonb_set(settings, '{to_recommendations}',
                                                  '{"opening_fill_days": 3, "closure_notice_days": 1}')
where code = 'CW-000901';
call cw_000901.step_to_recommendations('2024-06-30', null);
select is_empty($$ select * from tap_rec where recommendation_date = '2024-06-30' and receiver = 'IT-S4' $$,
                'a store opening later than opening_fill_days gets nothing yet');
select is_empty($$ select * from tap_rec where recommendation_date = '2024-06-30' and sender = 'IT-S5' $$,
                'a store closing later than closure_notice_days keeps its stock');

select * from finish();
rollback;

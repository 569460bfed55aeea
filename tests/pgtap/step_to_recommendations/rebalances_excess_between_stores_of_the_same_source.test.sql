begin;
select plan(5);

select tests.transfer_world('2024-06-30');
call cw_000901.step_to_recommendations('2024-06-30', null);

create temporary view tap_rebalance as
select senders.erp_id as sender, receivers.erp_id as receiver, recommendations.*
from cw_000901.to_recommendations as recommendations
inner join cw_000901.locations as senders on senders.id = recommendations.from_location_id
inner join cw_000901.locations as receivers on receivers.id = recommendations.to_location_id
where recommendations.to_recommendation_reason_id
    = (select id from cw_000901.to_recommendation_reasons where name = 'rebalance_excess');

-- IT-S6 holds 50 of IT-A against a target of 20 (more than 50 % over): 30 can go. IT-DC ships only 8 of the 20 IT-S3
-- needs and 7 of the 18 IT-S2 needs, and needs 6 days to be restocked: IT-S3 (4 days of cover after that) comes
-- first, then IT-S2 (4.5 days).
select results_eq(
    $$ select sender, receiver, requested_qty, recommended_qty, from_available_qty, from_spare_qty from tap_rebalance
       order by receiver $$,
    $$ values ('IT-S6', 'IT-S2', 11.000, 11.000, 50.000, 30.000), ('IT-S6', 'IT-S3', 12.000, 12.000, 50.000,
               30.000) $$,
    'excess above target x 1.5 at a store goes to the stores of the same source that their source cannot fill'
);
select ok(
    (select 50 - sum(recommended_qty) >= 20 from tap_rebalance where sender = 'IT-S6'),
    'the sending store keeps at least its target'
);
select ok(
    (select priority_reasons like '%IT-S6 holds 30 above its target 20 (more than 50 % over); IT-DC can ship 8 of the '
                                  '20 requested and needs 6 days to be restocked'
     from tap_rebalance where receiver = 'IT-S3'),
    'the reasons name the sender''s excess and why waiting for the source is worse'
);

-- With a 200 % margin IT-S6 (50 against 20 x 3 = 60) holds no excess.
update cw_global.clients set settings = jsonb_set(settings, '{to_recommendations}',
                                                  '{"rebalance_excess_pct": 200}')
where code = 'CW-000901';
call cw_000901.step_to_recommendations('2024-06-30', null);
select is_empty($$ select * from tap_rebalance $$, 'stock within the rebalance margin stays where it is');

-- When the DC can fill every request, waiting for it is cheaper than a store-to-store move.
update cw_global.clients set settings = settings - 'to_recommendations' where code = 'CW-000901';
update cw_000901.inventory_balances set qty_all = 200, qty_available = 195
where product_id = (select id from cw_000901.products where erp_id = 'IT-A')
    and location_id = (select id from cw_000901.locations where erp_id = 'IT-DC');
call cw_000901.step_to_recommendations('2024-06-30', null);
select is_empty($$ select * from tap_rebalance $$, 'no rebalancing when the source can ship everything requested');

select * from finish();
rollback;

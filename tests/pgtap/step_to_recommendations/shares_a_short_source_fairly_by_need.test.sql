begin;
select plan(4);

select tests.transfer_world('2024-06-30');
-- Without IT-S6's excess, so that only the DC's allocation is seen.
update cw_000901.inventory_balances set qty_all = 20, qty_available = 20
where product_id = (select id from cw_000901.products where erp_id = 'IT-A')
    and location_id = (select id from cw_000901.locations where erp_id = 'IT-S6');
call cw_000901.step_to_recommendations('2024-06-30', null);

create temporary view tap_rec as
select receivers.erp_id as receiver, recommendations.*
from cw_000901.to_recommendations as recommendations
inner join cw_000901.locations as senders on senders.id = recommendations.from_location_id
inner join cw_000901.locations as receivers on receivers.id = recommendations.to_location_id
where recommendations.product_id = (select id from cw_000901.products where erp_id = 'IT-A')
    and senders.erp_id = 'IT-DC';

-- IT-DC has 25 on hand, 5 reserved: 20 to give against 18 + 20 + 12 = 50 requested. Shares 7.2, 8, 4.8: 7, 8 and 4
-- in whole units, the one left over to the largest remainder (IT-S4).
select results_eq(
    $$ select receiver, requested_qty, recommended_qty, from_available_qty, from_spare_qty from tap_rec
       order by receiver $$,
    $$ values ('IT-S2', 18.000, 7.000, 20.000, 20.000), ('IT-S3', 20.000, 8.000, 20.000, 20.000),
              ('IT-S4', 12.000, 5.000, 20.000, 20.000) $$,
    'a short source gives each location a fair share by need (spare x request / all requests, whole packs, the '
    'packs left over to the largest remainders)'
);
select is((select sum(recommended_qty) from tap_rec), 20.000, 'exactly what the source can spare is allocated');
select ok(
    (select bool_and(priority_reasons like '%IT-DC can spare 20 of the 50 its locations request (fair share by need)')
     from tap_rec),
    'the reasons say the source is short and how it was shared'
);
select is(
    (select confidence || ' ' || confidence_reasons from tap_rec where receiver = 'IT-S2'),
    '0.700 sender''s stock balance 10 days old', 'a stale balance at the source lowers the confidence and says so'
);

select * from finish();
rollback;

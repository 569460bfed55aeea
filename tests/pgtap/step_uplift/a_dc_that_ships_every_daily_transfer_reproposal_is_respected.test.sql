begin;
select plan(2);

-- Transfer side, same rule as purchase orders (uplift_respect('to', ...)): the lane UP-W -> UP-S re-proposes UP-RESP
-- 20, 6 and 4 units on 03-01 .. 03-03 (net of what is already in transit), and the warehouse ships each the next day
-- (20 on 03-02, 6 on 03-03, 4 on 03-04): asked = 4 (last re-proposal) + 26 (shipped 03-01 .. 03-03) = 30, shipped
-- 30 -> respected. Compared with the first quantity, 20, it was "transferred more".
select tests.uplift_world('2024-03-01');
select tests.uplift_to_recommendation('UP-RESP', rec.rec_date, rec.qty)
from (values ('2024-03-01'::date, 20), ('2024-03-02', 6), ('2024-03-03', 4)) as rec (rec_date, qty);
select tests.uplift_transfer_order('UP-TO-' || transfer.ship_date, 'UP-S', transfer.ship_date, 'shipped', 'UP-RESP',
                                   transfer.qty)
from (values ('2024-03-02'::date, 20), ('2024-03-03', 6), ('2024-03-04', 4)) as transfer (ship_date, qty);

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

begin;
select plan(6);

-- Hand computation (replay: demand 2 every day, s = 4, S = 10, lead time 4 days, daily review, start 10 on hand):
-- day      1  2  3  4  5  6  7  8  9 10
-- arrives  .  .  .  .  .  .  6  .  .  .      (order of 6 placed on day 3, when the position reached s = 4)
-- served   2  2  2  2  2  0  2  2  2  0      day 6 and day 10: nothing on hand, 2 units lost each
-- closing  8  6  4  2  0  0  4  2  0  0      day 7: position 4 <= s again, order 6 due day 11
-- fill rate 16 / 20 = 0.8; closing stock 0 on 4 days; one cycle ended (the arrival of day 7) and it had a stockout;
-- average stock on hand 26 / 10 = 2.6.
create temporary table inventory_simulation_input as
select 1 as product_id, 1 as location_id, 4.0 as reorder_point, 10.0 as order_up_to, 1 as review_days,
       4.0 as lead_time_days, 0.0 as lead_time_sd_days, 1.0 as pack_size_qty, 0.0 as moq_qty, 2.0 as demand_per_day,
       0.0 as demand_sd_per_day, 0 as warmup_days, 10.0 as on_hand_start;
create temporary table inventory_simulation_demand as
select 1 as product_id, 1 as location_id, day_no, 2.0 as mean_qty, 2.0 as actual_qty
from generate_series(1, 10) as days (day_no);

call cw_000901.inventory_policy_simulate(0, 10, 1);
select results_eq($$ select demand_qty, served_qty, fill_rate from inventory_simulation_results $$,
                  $$ values (20::float8, 16::float8, 0.8::float8) $$,
                  'replayed demand: 16 of 20 units served, fill rate 0.8 as computed by hand');
select is((select stockout_days from inventory_simulation_results), 4::float8,
          'four days end with nothing on hand');
select is((select (cycles, stockout_cycles) from inventory_simulation_results), (1, 1),
          'one replenishment cycle ended, and it had a stockout');
select is((select avg_on_hand_qty from inventory_simulation_results), 2.6::float8,
          'average closing stock 26 / 10 = 2.6');

-- A pack of 4 rounds the order of 6 up to 8: day 7 receives 8, closing 6 4 2 0 on days 7-10, only day 6 short.
update inventory_simulation_input set pack_size_qty = 4;
call cw_000901.inventory_policy_simulate(0, 10, 1);
select is((select served_qty from inventory_simulation_results), 18::float8,
          'orders are rounded up to whole packs (8 units arrive, only day 6 is short)');

-- A wrong call says what to fix.
select throws_ok($$ call cw_000901.inventory_policy_simulate(-1, 10, 1) $$, 'CW220', null,
                 'negative paths fail with CW220');

select * from finish();
rollback;

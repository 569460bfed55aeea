begin;
select plan(4);

-- Hand computation (replay: demand 2 every day, s = 4, S = 10, lead time 4 days, daily review, start 10 on hand), with
-- a supplying location that never ships at once (supply_fill_rate 0): every order arrives 2 days later than its lead
-- time.
-- day      1  2  3  4  5  6  7  8  9 10
-- arrives  .  .  .  .  .  .  .  .  6  .      (order of 6 placed on day 3, due on day 3 + 4 + 2 = 9)
-- served   2  2  2  2  2  0  0  0  2  2      days 6-8: nothing on hand, 6 units lost
-- fill rate 14 / 20 = 0.7 (0.8 when the order ships at once: replayed_demand_gives_the_hand_computed_fill_rate).
create temporary table inventory_simulation_input as
select 1 as product_id, 1 as location_id, 4.0 as reorder_point, 10.0 as order_up_to, 1 as review_days,
       4.0 as lead_time_days, 0.0 as lead_time_sd_days, 1.0 as pack_size_qty, 0.0 as moq_qty, 2.0 as demand_per_day,
       0.0 as demand_sd_per_day, 0 as warmup_days, 10.0 as on_hand_start;
create temporary table inventory_simulation_demand as
select 1 as product_id, 1 as location_id, day_no, 2.0 as mean_qty, 2.0 as actual_qty
from generate_series(1, 10) as days (day_no);

call cw_000901.inventory_policy_simulate(0, 10, 1);
create temporary table tap_full_supply as select * from inventory_simulation_results;

create temporary table inventory_simulation_supply as
select 1 as product_id, 1 as location_id, 0.0::float8 as supply_fill_rate, 2 as supply_delay_days;
call cw_000901.inventory_policy_simulate(0, 10, 1);
select results_eq($$ select demand_qty, served_qty, fill_rate from inventory_simulation_results $$,
                  $$ values (20::float8, 14::float8, 0.7::float8) $$,
                  'an order the supplying location cannot ship arrives 2 days late: 14 of 20 units served, by hand');

-- A supplying location that always ships (fill rate 1) is the same simulation as none: same key, same result.
update inventory_simulation_supply set supply_fill_rate = 1;
call cw_000901.inventory_policy_simulate(0, 10, 1);
select results_eq($$ select fill_rate, simulation_key from inventory_simulation_results $$,
                  $$ select fill_rate, simulation_key from tap_full_supply $$,
                  'a supply fill rate of 1 gives the result and the simulation key of full supply');

-- Drawn demand: a supplying location short on half of the orders lowers the simulated fill rate.
update inventory_simulation_input set demand_sd_per_day = sqrt(2.0), on_hand_start = null, warmup_days = 10;
delete from inventory_simulation_demand;
insert into inventory_simulation_demand
select 1, 1, day_no, 2.0, null from generate_series(1, 70) as days (day_no);
drop table inventory_simulation_supply;
call cw_000901.inventory_policy_simulate(100, 70, 42);
create temporary table tap_drawn_full as select * from inventory_simulation_results;
create temporary table inventory_simulation_supply as
select 1 as product_id, 1 as location_id, 0.5::float8 as supply_fill_rate, 3 as supply_delay_days;
call cw_000901.inventory_policy_simulate(100, 70, 42);
select cmp_ok((select fill_rate from inventory_simulation_results), '<',
              (select fill_rate - 0.02 from tap_drawn_full),
              'half of the orders 3 days late: the simulated fill rate drops by more than 2 points');
select isnt((select simulation_key from inventory_simulation_results), (select simulation_key from tap_drawn_full),
            'the supply is part of the simulation key (the cache never mixes the two)');

select * from finish();
rollback;

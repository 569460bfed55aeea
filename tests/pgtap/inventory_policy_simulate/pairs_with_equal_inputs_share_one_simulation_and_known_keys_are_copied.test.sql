begin;
select plan(7);

-- Products 1 and 2: the same policy and Poisson demand of 2 a day (2.0004 rounds to 2.00 at 3 digits); product 3: a
-- lower reorder point.
create temporary table inventory_simulation_input as
select pair.product_id, 1 as location_id, pair.reorder_point, 22.0 as order_up_to, 1 as review_days,
       4.0 as lead_time_days, 1.0 as lead_time_sd_days, 1.0 as pack_size_qty, 0.0 as moq_qty, 2.0 as demand_per_day,
       sqrt(2.0) as demand_sd_per_day, 10 as warmup_days, null::float8 as on_hand_start
from (values (1, 10.0), (2, 10.0), (3, 6.0)) as pair (product_id, reorder_point);
create temporary table inventory_simulation_demand as
select input.product_id, input.location_id, day_no,
       case when input.product_id = 2 then 2.0004 else 2.0 end as mean_qty, null::float8 as actual_qty
from inventory_simulation_input as input cross join generate_series(1, 60) as days (day_no);

call cw_000901.inventory_policy_simulate(40, 60, 42, 40, null, 3, null);
create temporary table tap_shared as select * from inventory_simulation_results;

select is((select count(distinct simulation_key)::integer from tap_shared), 2,
          'two distinct inputs among three pairs: two simulations');
select results_eq($$ select fill_rate, avg_on_hand_qty, simulation_key from tap_shared where product_id = 2 $$,
                  $$ select fill_rate, avg_on_hand_qty, simulation_key from tap_shared where product_id = 1 $$,
                  'pairs with the same rounded inputs share the result');

-- The same result as simulating the pair alone (the random numbers are keyed by the inputs, not by the pair).
delete from inventory_simulation_input where product_id <> 1;
call cw_000901.inventory_policy_simulate(40, 60, 42, 40, null, 3, null);
select results_eq($$ select fill_rate, avg_on_hand_qty, stockout_days from inventory_simulation_results $$,
                  $$ select fill_rate, avg_on_hand_qty, stockout_days from tap_shared where product_id = 1 $$,
                  'a shared result equals the full simulation of the pair alone');

-- Known results (the step's cache) are copied, not simulated; a key not known is simulated.
insert into inventory_simulation_input
select 3, 1, 6.0, 22.0, 1, 4.0, 1.0, 1.0, 0.0, 2.0, sqrt(2.0), 10, null::float8;
create temporary table tap_known as
select simulation_key, paths, demand_qty, served_qty, 0.1234::float8 as fill_rate, fill_rate_se, cycles,
       stockout_cycles, cycle_service_level, stockout_days, avg_on_hand_qty
from tap_shared where product_id = 3;
call cw_000901.inventory_policy_simulate(40, 60, 42, 40, null, 3, 'pg_temp.tap_known'::regclass);
select results_eq($$ select product_id, fill_rate, is_known from inventory_simulation_results order by product_id $$,
                  $$ select product_id, case when product_id = 3 then 0.1234 else fill_rate end, product_id = 3
                     from tap_shared where product_id in (1, 3) order by product_id $$,
                  'a known key is copied; the other pair is simulated as before');

-- Adaptive paths: a loose standard-error target stops after the minimum, a target of 0 runs them all.
call cw_000901.inventory_policy_simulate(40, 60, 42, 8, 1.0, 3, null);
select is((select min(paths) || '-' || max(paths) from inventory_simulation_results), '8-8',
          'a standard error already under the target stops at the minimum paths');
call cw_000901.inventory_policy_simulate(40, 60, 42, 8, 0, 3, null);
select is((select min(paths) || '-' || max(paths) from inventory_simulation_results), '40-40',
          'a target of 0 runs every path');
select ok((select bool_and(fill_rate_se > 0 and fill_rate_se < 0.05) from inventory_simulation_results),
          'the standard error of the fill rate is reported per pair');

select * from finish();
rollback;

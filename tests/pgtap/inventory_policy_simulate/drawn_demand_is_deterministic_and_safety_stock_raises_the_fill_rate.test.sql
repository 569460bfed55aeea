begin;
select plan(5);

-- Two policies for the same Poisson demand of 2 a day, lead time 4 +- 1 days: without safety stock (s = lead-time
-- demand 8, S = 8 + 14) and with it (s = 8 + 2 sigma_L, sigma_L = sqrt(4 x 2 + 2^2 x 1) = 3.46, S = s + 14); a third,
-- over-dispersed series (daily sd 3, negative binomial) with the same mean.
create temporary table inventory_simulation_input as
select pair.product_id, 1 as location_id, pair.reorder_point, pair.reorder_point + 14 as order_up_to, 1 as review_days,
       4.0 as lead_time_days, 1.0 as lead_time_sd_days, 1.0 as pack_size_qty, 0.0 as moq_qty, 2.0 as demand_per_day,
       pair.demand_sd_per_day, 10 as warmup_days, null::float8 as on_hand_start
from (values (1, 8.0, sqrt(2.0)), (2, 15.0, sqrt(2.0)), (3, 8.0, 3.0))
    as pair (product_id, reorder_point, demand_sd_per_day);
create temporary table inventory_simulation_demand as
select input.product_id, input.location_id, day_no, 2.0 as mean_qty, null::float8 as actual_qty
from inventory_simulation_input as input cross join generate_series(1, 70) as days (day_no);

call cw_000901.inventory_policy_simulate(200, 70, 42);
create temporary table tap_first as select * from inventory_simulation_results;

select ok((select abs(demand_qty / (200 * 60) - 2) < 0.05 from tap_first where product_id = 1),
          'the drawn daily demand has the forecast mean 2 (within 2.5 %)');
select ok((select fill_rate from tap_first where product_id = 1) < (select fill_rate from tap_first where product_id = 2),
          'zero safety stock gives a lower fill rate than s raised by two lead-time deviations');
select ok((select fill_rate from tap_first where product_id = 3) < (select fill_rate from tap_first where product_id = 1),
          'over-dispersed (negative binomial) demand with the same mean is served worse by the same policy');
select ok((select fill_rate > 0.98 from tap_first where product_id = 2),
          'the policy with safety stock serves over 98 % of demanded units');

call cw_000901.inventory_policy_simulate(200, 70, 42);
select set_eq($$ select * from inventory_simulation_results $$, $$ select * from tap_first $$,
              'the same seed and inputs give identical results (re-run identity)');

select * from finish();
rollback;

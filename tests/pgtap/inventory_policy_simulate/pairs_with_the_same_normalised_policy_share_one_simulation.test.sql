begin;
select plan(7);

-- The scale-free key (threshold 20 units of lead-time demand). Pairs 1 and 2: the same policy relative to demand —
-- pair 2 is pair 1 with every quantity x 3 (daily demand 20 and 60, CV 0.4, lead time 2 days, reorder point about
-- 0.97 lead-time deviations above lead-time demand, order size 7 days of demand, pack 0.05 days). Pairs 3 and 4: slow
-- movers (2 and 2.02 a day, index of dispersion about 1.2: lead-time demand 4, below the threshold) with the same
-- units. Pair 5: pair 1 scaled down by 10 (lead-time demand 4): the same ratios, but small.
create temporary table inventory_simulation_input as
select pair.product_id, 1 as location_id, pair.reorder_point, pair.order_up_to, 1 as review_days,
       2.0 as lead_time_days, 0.0 as lead_time_sd_days, pair.pack_size_qty, 0.0 as moq_qty,
       pair.demand_per_day, pair.demand_sd_per_day, 7 as warmup_days, null::float8 as on_hand_start
from (values (1, 51.0, 191.0, 1.0, 20.0, 8.0), (2, 153.0, 573.0, 3.0, 60.0, 24.0),
             (3, 5.0, 19.0, 1.0, 2.0, 1.5556), (4, 5.0, 19.0, 1.0, 2.02, 1.5556),
             (5, 5.1, 19.1, 0.1, 2.0, 0.8))
    as pair (product_id, reorder_point, order_up_to, pack_size_qty, demand_per_day, demand_sd_per_day);
create temporary table inventory_simulation_demand as
select input.product_id, input.location_id, days.day_no, input.demand_per_day as mean_qty, null::float8 as actual_qty
from inventory_simulation_input as input cross join generate_series(1, 56) as days (day_no);

call cw_000901.inventory_policy_simulate(40, 56, 42, 40, null, 3, null, 20);
create temporary table tap_scale_free as select * from inventory_simulation_results;

select is((select count(distinct simulation_key)::integer from tap_scale_free where product_id in (1, 2)), 1,
          'two pairs with the same policy relative to demand share one simulation key');
select ok((select a.fill_rate = b.fill_rate and abs(b.avg_on_hand_qty / a.avg_on_hand_qty - 3) < 1e-9
           from tap_scale_free as a, tap_scale_free as b where a.product_id = 1 and b.product_id = 2),
          'they share the fill rate; the average stock is in each pair''s own units (3 x)');
select is((select count(distinct simulation_key)::integer from tap_scale_free where product_id in (3, 4)), 1,
          'slow movers with the same units and demand within one 10 % step share one simulation key');
select isnt((select simulation_key from tap_scale_free where product_id = 5),
            (select simulation_key from tap_scale_free where product_id = 1),
            'a pair whose lead-time demand is below the threshold does not share with a larger one of the same ratios');
select is((select count(distinct simulation_key)::integer from tap_scale_free), 3,
          'five pairs, three simulations');

-- The key's error: the canonical policy's fill rate against each pair simulated with its exact inputs (40 paths;
-- the Monte-Carlo standard error of each is about 1 point).
call cw_000901.inventory_policy_simulate(40, 56, 42, 40, null, 3, null, 0);
select is((select count(distinct simulation_key)::integer from inventory_simulation_results), 5,
          'threshold 0 keys every pair by its exact inputs');
select ok((select bool_and(abs(exact.fill_rate - scale_free.fill_rate) < 0.03)
           from inventory_simulation_results as exact
           inner join tap_scale_free as scale_free using (product_id, location_id)),
          'the scale-free fill rate is within 3 points of the exact simulation of each pair');

select * from finish();
rollback;

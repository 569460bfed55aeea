begin;
select plan(9);

-- The jump (docs/inventory.md, "Set-based and event-driven"): an event whose demand neither exhausts the stock on
-- hand nor brings the position to s, before the next arrival, is applied in closed form instead of being simulated
-- as a day. 90 varied policies -- fast and slow movers, packs, MOQ, review every 1 or 3 days, crossing lead times,
-- supply shortfalls, given and drawn start stock, warm-up -- drawn (the scale-free key, as step 8 runs it, and the
-- exact key) and replayed, with the jump (default) and without it (p_jump = false, every event simulated as a day,
-- the previous rule): the same results. Counts are equal exactly; sums of stock equal to float rounding (the jump
-- adds a run of demand at once, the day loop one by one), and exactly when the stock is in whole units.
create temporary table inventory_simulation_input as
select pair_no as product_id, 1 as location_id,
       mean_qty * lead_days * (0.6 + (pair_no % 7) * 0.15) + (pair_no % 3) * 0.37 as reorder_point,
       mean_qty * lead_days * (0.6 + (pair_no % 7) * 0.15) + (pair_no % 3) * 0.37
       + mean_qty * (1 + pair_no % 9) + (pair_no % 2) * 0.5 as order_up_to,
       case when pair_no % 5 = 0 then 3 else 1 end as review_days,
       lead_days::float8 as lead_time_days, (pair_no % 4) * 0.6 as lead_time_sd_days,
       case when pair_no % 6 = 0 then ceil(mean_qty * 2) else 1 end::float8 as pack_size_qty,
       case when pair_no % 8 = 0 then ceil(mean_qty * 3) else 0 end::float8 as moq_qty,
       mean_qty as demand_per_day, sqrt(mean_qty) * (1 + (pair_no % 5) * 0.4) as demand_sd_per_day,
       (pair_no % 4) * 4 as warmup_days,
       case when pair_no % 10 = 0 then mean_qty * 3 end as on_hand_start
from (select pair_no, (array[0.2, 1.0, 3.0, 12.0, 40.0, 150.0])[1 + pair_no % 6]::float8 as mean_qty,
             1 + pair_no % 11 as lead_days
      from generate_series(1, 90) as pairs (pair_no)) as pairs;
create temporary table inventory_simulation_demand as
select input.product_id, input.location_id, days.day_no,
       input.demand_per_day * (0.7 + 0.6 * ((input.product_id * 7 + days.day_no) % 5) / 4.0) as mean_qty,
       floor(input.demand_per_day * 2 * (((input.product_id * 13 + days.day_no * 7) % 11) / 10.0))::float8
       as actual_qty
from inventory_simulation_input as input cross join generate_series(1, 42) as days (day_no);
create temporary table inventory_simulation_supply as
select input.product_id, input.location_id, 0.8 as supply_fill_rate, 3 as supply_delay_days
from inventory_simulation_input as input where input.product_id % 9 = 0;

create temporary table tap_runs (run text, jump boolean, product_id integer, paths integer, demand_qty float8,
                                 served_qty float8, fill_rate float8, cycles integer, stockout_cycles integer,
                                 stockout_days float8, avg_on_hand_qty float8, fill_rate_se float8,
                                 simulation_key bigint);
create temporary table tap_rounds (run text, jump boolean, events bigint, simulated_events bigint);
create procedure pg_temp.tap_run(p_run text, p_jump boolean, p_paths integer, p_scale_free float8)
language plpgsql as $$
begin
    call cw_000901.inventory_policy_simulate(p_paths, 42, 7, 3, 0.01, 3, null, p_scale_free, p_jump);
    insert into tap_runs
    select p_run, p_jump, results.product_id, results.paths, results.demand_qty, results.served_qty,
           results.fill_rate, results.cycles, results.stockout_cycles, results.stockout_days,
           results.avg_on_hand_qty, results.fill_rate_se, results.simulation_key
    from inventory_simulation_results as results;
    insert into tap_rounds
    select p_run, p_jump, sum(rounds.events), sum(rounds.simulated_events) from inventory_simulation_rounds as rounds;
end
$$;
call pg_temp.tap_run('drawn, scale-free key', true, 6, 20);
call pg_temp.tap_run('drawn, scale-free key', false, 6, 20);
call pg_temp.tap_run('drawn, exact key', true, 6, 0);
call pg_temp.tap_run('drawn, exact key', false, 6, 0);
call pg_temp.tap_run('replayed', true, 0, null);
call pg_temp.tap_run('replayed', false, 0, null);

create temporary table tap_pairs as
select jump.run, jump.product_id, jump.paths = day.paths as same_paths,
       jump.cycles = day.cycles and jump.stockout_cycles = day.stockout_cycles
       and jump.stockout_days = day.stockout_days as same_counts,
       jump.demand_qty = day.demand_qty as same_demand,
       abs(jump.served_qty - day.served_qty) <= 1e-9 * greatest(day.served_qty, 1)
       and abs(jump.fill_rate - day.fill_rate) <= 1e-12 as same_served,
       abs(jump.avg_on_hand_qty - day.avg_on_hand_qty) <= 1e-9 * greatest(day.avg_on_hand_qty, 1) as same_stock,
       round(jump.fill_rate::numeric, 4) = round(day.fill_rate::numeric, 4)
       and round(jump.avg_on_hand_qty::numeric, 4) = round(day.avg_on_hand_qty::numeric, 4)
       and coalesce(round(jump.fill_rate_se::numeric, 4) = round(day.fill_rate_se::numeric, 4),
                    jump.fill_rate_se is null and day.fill_rate_se is null) as same_stored,
       (jump.served_qty, jump.avg_on_hand_qty, jump.fill_rate_se)
       is not distinct from (day.served_qty, day.avg_on_hand_qty, day.fill_rate_se) as identical
from tap_runs as jump
inner join tap_runs as day on day.run = jump.run and day.product_id = jump.product_id and not day.jump
where jump.jump;

select is((select count(*) from tap_pairs), 270::bigint, 'every pair ran with and without the jump in all three runs');
select is((select count(*) from tap_pairs where not same_paths or not same_counts or not same_demand), 0::bigint,
          'paths, replenishment cycles, stockout cycles, stockout days and demand are identical');
select is((select count(*) from tap_pairs where not same_served), 0::bigint,
          'served units and the fill rate are equal (to float rounding)');
select is((select count(*) from tap_pairs where not same_stock), 0::bigint,
          'the average stock on hand is equal (to float rounding)');
select is((select count(*) from tap_pairs where not same_stored), 0::bigint,
          'the values step 8 stores (fill rate, its standard error, stock, to 4 decimals) are identical');
select is((select count(*) from tap_pairs as pairs
           inner join inventory_simulation_input as input on input.product_id = pairs.product_id
           where not pairs.identical and input.on_hand_start is not null and input.demand_per_day >= 1
               and pairs.run = 'replayed'), 0::bigint,
          'a whole-unit replay (whole start stock, packs and demand) is identical to the bit');
select ok((select bool_and(day.simulated_events = day.events) from tap_rounds as day where not day.jump),
          'without the jump every event is simulated as a day');
select ok((select bool_and(jump.simulated_events < 0.8 * jump.events) from tap_rounds as jump where jump.jump),
          'with the jump over a fifth of the events are applied in closed form in every run');
select ok((select bool_and(jump.simulation_key = day.simulation_key) from tap_runs as jump
           inner join tap_runs as day on day.run = jump.run and day.product_id = jump.product_id and not day.jump
           where jump.jump),
          'the jump does not change the simulation keys (the cache and the random numbers stay)');

select * from finish();
rollback;

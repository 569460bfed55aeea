-- The inventory simulator: runs (s, S) / (R, s, S) policies with lost sales, lead-time draws, pack rounding and
-- orders in the pipeline over daily demand. Pairs with identical inputs (policy, lead time, pack, MOQ, warm-up and the
-- daily demand means and dispersion rounded to p_demand_digits significant digits) share one simulation: the
-- simulation_key, a hash of those inputs, keys the random numbers, so a key's result does not depend on which pair
-- or which run asked for it. Keys found in p_known (earlier results) are not simulated again. Paths run in two
-- rounds: p_min_paths for every key, the rest up to p_paths only for keys whose fill-rate standard error is still
-- above p_target_se. One PL/pgSQL loop over event numbers per round; each is one set-based statement over all keys
-- and paths, which also jumps over the plain events that follow (docs/inventory.md, "The jump over plain events").
-- Used by step 8 (fill_rate_simulated, demand drawn from the forecast's distribution) and by cw bench targets
-- (ground-truth demand replayed). Definitions: docs/inventory.md, "Simulated fill rate".
drop procedure if exists ${schema}.inventory_policy_simulate(integer, integer, bigint);
drop procedure if exists ${schema}.inventory_policy_simulate(
    integer, integer, bigint, integer, float8, integer, regclass
);
drop procedure if exists ${schema}.inventory_policy_simulate(
    integer, integer, bigint, integer, float8, integer, regclass, float8
);
create or replace procedure ${schema}.inventory_policy_simulate(
    p_paths integer, p_days integer, p_seed bigint, p_min_paths integer default null,
    p_target_se float8 default null, p_demand_digits integer default null, p_known regclass default null,
    p_scale_free_demand float8 default null, p_jump boolean default null
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
-- The day statements are short but costed high (the inverse normal's sub-selects): JIT compiling them every day
-- cost more than running them (measured: about 0.3 s a day).
set jit = off
as $$
declare
    v_day         integer;
    v_round       integer;
    v_current     text;
    v_next        text;
    v_swap        text;
    v_current_orders text;
    v_next_orders text;
    v_event       integer;
    v_rows        bigint;
    v_events      bigint;
    v_own_supply  boolean := false;
    v_replay      boolean := p_paths = 0;
    v_paths       integer := greatest(p_paths, 1);
    v_min_paths   integer := least(greatest(coalesce(p_min_paths, p_paths), 1), greatest(p_paths, 1));
    v_target_se   float8 := coalesce(p_target_se, 0);
    v_scale_free  boolean := coalesce(p_scale_free_demand, 0) > 0;
    v_jump        boolean := coalesce(p_jump, true);
    v_first_path  integer;
    v_last_path   integer;
    v_keys        integer;
    v_started     timestamptz := clock_timestamp();
    v_nestloop    text;
begin
    if p_paths is null or p_paths < 0 or p_days is null or p_days < 1 then
        raise exception 'inventory simulation needs paths >= 0 and days >= 1, got paths % and days %', p_paths, p_days
            using errcode = 'CW220',
                  hint = 'set inventory_targets.simulation_paths (0 = replay the given demand) and simulation_days';
    end if;
    if p_demand_digits is not null and p_demand_digits < 1 then
        raise exception 'inventory simulation needs demand digits >= 1, got %', p_demand_digits
            using errcode = 'CW220',
                  hint = 'set inventory_targets.simulation_demand_digits to 1 or more (or pass null: no rounding)';
    end if;
    if p_scale_free_demand is not null and (p_scale_free_demand < 0 or p_scale_free_demand = 'NaN') then
        raise exception 'inventory simulation needs a scale-free lead-time demand threshold >= 0, got %',
            p_scale_free_demand
            using errcode = 'CW220',
                  hint = 'set inventory_targets.simulation_scale_free_demand_qty to 0 (exact keys) or more';
    end if;
    if to_regclass('pg_temp.inventory_simulation_input') is null
        or to_regclass('pg_temp.inventory_simulation_demand') is null then
        raise exception 'inventory simulation called without its input tables'
            using errcode = 'CW221',
                  hint = 'create temp tables inventory_simulation_input and inventory_simulation_demand first '
                         '(columns: docs/inventory.md, "Simulated fill rate")';
    end if;
    if v_replay then
        v_min_paths := 1;
    end if;

    -- Optional input: the supply of a pair (docs/inventory.md, "Upstream supply"); none = always delivered in full.
    -- (Created empty when absent and dropped again at the end: the caller may create it before a later call.)
    if to_regclass('pg_temp.inventory_simulation_supply') is null then
        create temp table inventory_simulation_supply (
            product_id integer, location_id integer, supply_fill_rate float8, supply_delay_days integer
        ) on commit drop;
        v_own_supply := true;
    end if;

    drop table if exists pg_temp.inventory_simulation_pairs, pg_temp.inventory_simulation_keys,
        pg_temp.inventory_simulation_state_a, pg_temp.inventory_simulation_state_b,
        pg_temp.inventory_simulation_orders_a, pg_temp.inventory_simulation_orders_b,
        pg_temp.inventory_simulation_events, pg_temp.inventory_simulation_day,
        pg_temp.inventory_simulation_path_results, pg_temp.inventory_simulation_key_results,
        pg_temp.inventory_simulation_estimates, pg_temp.inventory_simulation_rounds,
        pg_temp.inventory_simulation_results;

    -- One row per input pair: its policy, its daily demand means (rounded) and the negative binomial size r of its
    -- daily demand (variance = mean + mean^2 / r; null = Poisson, when the measured variance is not above the mean),
    -- and the simulation_key hashing all of it with the paths, days and seed. With p_scale_free_demand (docs/
    -- inventory.md, "The scale-free key") a drawn pair is simulated as its key's canonical policy instead: flat daily
    -- demand, and either its own units quantised (lead-time demand below the threshold: discreteness matters) or the
    -- policy relative to demand on grids, rebuilt at 100 units a day (above it). The columns below are
    -- then the canonical ones; unit_scale converts the canonical stock and demand back to the pair's units.
    create temp table inventory_simulation_pairs on commit drop as
    with policies as (
        select input.product_id, input.location_id,
               input.reorder_point::float8 as reorder_point, input.order_up_to::float8 as order_up_to,
               greatest(input.review_days, 1) as review_days,
               greatest(input.lead_time_days::float8, 0) as lead_time_days,
               greatest(coalesce(input.lead_time_sd_days::float8, 0), 0) as lead_time_sd_days,
               greatest(coalesce(input.pack_size_qty::float8, 1), 0.001) as pack_size_qty,
               greatest(coalesce(input.moq_qty::float8, 0), 0) as moq_qty,
               ${schema}.round_significant(
                   case when input.demand_sd_per_day ^ 2 > input.demand_per_day * 1.0001 and input.demand_per_day > 0
                        then input.demand_per_day ^ 2 / (input.demand_sd_per_day ^ 2 - input.demand_per_day) end,
                   p_demand_digits) as dispersion_size,
               -- the excess dispersion 1 / r, unrounded (0 = Poisson), for the scale-free key
               case when input.demand_sd_per_day ^ 2 > input.demand_per_day * 1.0001 and input.demand_per_day > 0
                    then (input.demand_sd_per_day ^ 2 - input.demand_per_day) / input.demand_per_day ^ 2
                    else 0 end as excess_dispersion,
               least(greatest(coalesce(input.warmup_days, 0), 0), p_days - 1) as warmup_days,
               input.on_hand_start::float8 as on_hand_start,
               -- the supplying location ships an order at once with this probability, else supply_delay_days later
               case when supply.supply_fill_rate < 1 and supply.supply_delay_days > 0
                    then case when v_scale_free
                              then round(greatest(supply.supply_fill_rate, 0)::numeric * 50) / 50
                              else round(greatest(supply.supply_fill_rate, 0)::numeric, 3) end::float8
               end as supply_fill_rate,
               case when supply.supply_fill_rate < 1 and supply.supply_delay_days > 0
                    then supply.supply_delay_days end as supply_delay_days
        from inventory_simulation_input as input
        left join inventory_simulation_supply as supply
            on supply.product_id = input.product_id and supply.location_id = input.location_id
    ),

    vectors as (
        select input.product_id, input.location_id,
               -- unrounded: only an exact key (below) uses the means day by day, and rounds them there
               array_agg(greatest(coalesce(demand.mean_qty::float8, 0), 0) order by days.day_no) as raw_mean_qtys,
               case when v_replay then array_agg(demand.actual_qty::float8 order by days.day_no) end as actual_qtys,
               avg(greatest(coalesce(demand.mean_qty::float8, 0), 0)) as mean_per_day,
               var_pop(greatest(coalesce(demand.mean_qty::float8, 0), 0)) as mean_var_per_day
        from inventory_simulation_input as input
        cross join generate_series(1, p_days) as days (day_no)
        left join inventory_simulation_demand as demand
            on demand.product_id = input.product_id and demand.location_id = input.location_id
            and demand.day_no = days.day_no
        group by input.product_id, input.location_id
    ),

    -- The scale-free key's quantities (null when the pair keeps its exact key: no threshold, a replay, a given start
    -- stock, or no demand). Lead time: whole days when it does not vary (the simulator rounds it anyway), else on a
    -- quarter-day grid with its deviation. mu: the mean daily demand over the horizon (flat); its variance
    -- mu + mu^2 / r plus the variance of the daily means (weekday profile, weekly changes: a day drawn at random from
    -- the horizon has the mixture's variance), so that flattening the means does not make demand look steadier.
    measured as (
        select policies.*, vectors.raw_mean_qtys, vectors.actual_qtys, vectors.mean_per_day,
               v_scale_free and not v_replay and policies.on_hand_start is null and vectors.mean_per_day > 0
               as is_scale_free,
               round(policies.lead_time_sd_days * 4) / 4 as lead_sd_key,
               case when round(policies.lead_time_sd_days * 4) = 0 then greatest(1, round(policies.lead_time_days))
                    else round(policies.lead_time_days * 4) / 4 end as lead_key,
               vectors.mean_per_day + vectors.mean_per_day ^ 2 * policies.excess_dispersion
               + coalesce(vectors.mean_var_per_day, 0) as var_per_day
        from policies
        inner join vectors on vectors.product_id = policies.product_id and vectors.location_id = policies.location_id
    ),

    regimes as (
        select measured.*,
               case when not measured.is_scale_free then null
                    when measured.mean_per_day * greatest(measured.lead_time_days, 1) < p_scale_free_demand
                        then 'units'
                    else 'relative' end as key_regime,
               -- lead-time demand deviation (demand and lead-time variability), the unit of the reorder point's grid
               sqrt(greatest(measured.lead_time_days, 1) * measured.var_per_day
                    + measured.mean_per_day ^ 2 * measured.lead_time_sd_days ^ 2) as lead_demand_sd
        from measured
    ),

    -- Grids (docs/inventory.md, "The scale-free key"). Below the threshold ('units'): mu on a log grid of 10 % steps,
    -- the index of dispersion var / mu on a log grid of 10 % steps (below 1.1: Poisson), s (whole units: floor(s)), S,
    -- pack and MOQ as they are. Above ('relative'): the daily CV on a log grid of 10 % steps, z = (s - mu L) / sd of
    -- lead-time demand in steps of 0.05, (S - s) / mu, pack / mu and MOQ / mu (days of demand) on log grids of 10 %
    -- steps (pack and MOQ below 0.02 days: none), rebuilt at 100 units a day. The supplier's fill rate in steps of
    -- 0.02.
    keyed as (
        select regimes.*,
               case regimes.key_regime
                   when 'units' then exp(round(ln(regimes.mean_per_day) / ln(1.1)) * ln(1.1))
                   when 'relative' then 100.0::float8
               end as key_mean,
               case when regimes.key_regime = 'units' and regimes.var_per_day / regimes.mean_per_day >= 1.1
                        then exp(round(ln(regimes.var_per_day / regimes.mean_per_day) / ln(1.1)) * ln(1.1))
                    when regimes.key_regime = 'units' then 1.0::float8
               end as key_dispersion_index,
               case when regimes.key_regime = 'relative'
                        then exp(round(ln(sqrt(regimes.var_per_day) / regimes.mean_per_day) / ln(1.1)) * ln(1.1))
               end as key_cv,
               case when regimes.key_regime = 'relative'
                        then round((regimes.reorder_point - regimes.mean_per_day * greatest(regimes.lead_time_days, 1))
                                   / regimes.lead_demand_sd * 20) / 20
               end as key_reorder_z,
               case when regimes.key_regime = 'relative' and regimes.order_up_to > regimes.reorder_point
                        then exp(round(ln((regimes.order_up_to - regimes.reorder_point) / regimes.mean_per_day)
                                       / ln(1.1)) * ln(1.1))
                    when regimes.key_regime = 'relative' then 0.0::float8
               end as key_order_days,
               case when regimes.key_regime = 'relative' and regimes.pack_size_qty / regimes.mean_per_day >= 0.02
                        then exp(round(ln(regimes.pack_size_qty / regimes.mean_per_day) / ln(1.1)) * ln(1.1))
                    when regimes.key_regime = 'relative' then 0.0::float8
               end as key_pack_days,
               case when regimes.key_regime = 'relative' and regimes.moq_qty > regimes.pack_size_qty
                         and regimes.moq_qty / regimes.mean_per_day >= 0.02
                        then exp(round(ln(regimes.moq_qty / regimes.mean_per_day) / ln(1.1)) * ln(1.1))
                    when regimes.key_regime = 'relative' then 0.0::float8
               end as key_moq_days
        from regimes
    ),

    -- The key's canonical policy, built from the grid values only (so every pair of a key simulates the same policy).
    canonical as (
        select keyed.product_id, keyed.location_id, keyed.key_regime, keyed.review_days, keyed.warmup_days,
               keyed.on_hand_start, keyed.supply_fill_rate, keyed.supply_delay_days, keyed.actual_qtys,
               -- in units, a whole-unit position (S, pack and MOQ whole) reorders at s exactly when it does at
               -- floor(s)
               case keyed.key_regime
                   when 'units' then case when keyed.order_up_to = floor(keyed.order_up_to)
                                               and keyed.pack_size_qty = floor(keyed.pack_size_qty)
                                               and keyed.moq_qty = floor(keyed.moq_qty)
                                          then floor(keyed.reorder_point) else keyed.reorder_point end
                   when 'relative' then keyed.key_mean * keyed.lead_key
                                        + keyed.key_reorder_z * keyed.key_sd_lead
                   else keyed.reorder_point end as reorder_point,
               case keyed.key_regime
                   when 'units' then keyed.order_up_to
                   when 'relative' then keyed.key_mean * keyed.lead_key + keyed.key_reorder_z * keyed.key_sd_lead
                                        + keyed.key_order_days * keyed.key_mean
                   else keyed.order_up_to end as order_up_to,
               case when keyed.key_regime is null then keyed.lead_time_days else keyed.lead_key end as lead_time_days,
               case when keyed.key_regime is null then keyed.lead_time_sd_days
                    else keyed.lead_sd_key end as lead_time_sd_days,
               case keyed.key_regime
                   when 'relative' then greatest(keyed.key_pack_days * keyed.key_mean, 0.001)
                   else keyed.pack_size_qty end as pack_size_qty,
               case keyed.key_regime
                   when 'relative' then keyed.key_moq_days * keyed.key_mean
                   else keyed.moq_qty end as moq_qty,
               case keyed.key_regime
                   when 'units' then case when keyed.key_dispersion_index > 1
                                          then keyed.key_mean / (keyed.key_dispersion_index - 1) end
                   when 'relative' then case when (keyed.key_cv * keyed.key_mean) ^ 2 > keyed.key_mean * 1.0001
                                             then keyed.key_mean ^ 2
                                                  / ((keyed.key_cv * keyed.key_mean) ^ 2 - keyed.key_mean) end
                   else keyed.dispersion_size end as dispersion_size,
               -- The daily means rounded to p_demand_digits only for an exact key: a scale-free key's demand is
               -- flat (most pairs of step 8: rounding their 56 means each was thrown away, about 1.2 us of CPU a value)
               case when keyed.key_regime is null
                        then (select array_agg(${schema}.round_significant(raw.mean_qty, p_demand_digits)
                                               order by raw.day_no)
                              from unnest(keyed.raw_mean_qtys) with ordinality as raw (mean_qty, day_no))
                    else array_fill(keyed.key_mean, array[p_days]) end as mean_qtys,
               case when keyed.key_regime = 'relative' then keyed.mean_per_day / keyed.key_mean
                    else 1.0::float8 end as unit_scale
        from (select keyed.*,
                     -- the canonical lead-time demand deviation, the unit the reorder point's z is rebuilt with
                     sqrt(keyed.lead_key * greatest((keyed.key_cv * keyed.key_mean) ^ 2, keyed.key_mean)
                          + keyed.key_mean ^ 2 * keyed.lead_sd_key ^ 2) as key_sd_lead
              from keyed) as keyed
    ),

    final as (
        select canonical.*,
               -- The first field versions the simulator: change it with the simulation's rules, or the step's cache
               -- (inventory_simulation_cache) would hand out results of the old rules.
               hashtextextended(('simulator 4'::text, canonical.key_regime, canonical.reorder_point,
                                 canonical.order_up_to, canonical.review_days, canonical.lead_time_days,
                                 canonical.lead_time_sd_days, canonical.pack_size_qty, canonical.moq_qty,
                                 canonical.dispersion_size, canonical.warmup_days, canonical.on_hand_start,
                                 canonical.mean_qtys, canonical.actual_qtys, p_days, p_paths, v_min_paths,
                                 v_target_se)::text
                                -- appended only when set: keys of pairs supplied in full are those of earlier runs
                                || coalesce(' supply ' || canonical.supply_fill_rate || ' '
                                            || canonical.supply_delay_days, ''), p_seed) as simulation_key
        from canonical
    )

    select * from final;
    analyze inventory_simulation_pairs;

    -- One row per distinct key; keys with a known result are not simulated.
    create temp table inventory_simulation_keys (
        key_no integer primary key, simulation_key bigint not null, reorder_point float8, order_up_to float8,
        review_days integer, lead_time_days float8, lead_time_sd_days float8, pack_size_qty float8, moq_qty float8,
        dispersion_size float8, warmup_days integer, on_hand_start float8, supply_fill_rate float8,
        supply_delay_days integer, mean_qtys float8 [], actual_qtys float8 [], lead_first_days integer,
        lead_cdf float8 []
    ) on commit drop;
    create temp table inventory_simulation_key_results (
        simulation_key bigint primary key, paths integer not null, demand_qty float8 not null,
        served_qty float8 not null, fill_rate float8, fill_rate_se float8, cycles integer not null,
        stockout_cycles integer not null, cycle_service_level float8, stockout_days float8 not null,
        avg_on_hand_qty float8 not null, is_known boolean not null
    ) on commit drop;
    if p_known is not null then
        execute format($sql$
            insert into inventory_simulation_key_results
            select known.simulation_key, known.paths, known.demand_qty, known.served_qty, known.fill_rate,
                   known.fill_rate_se, known.cycles, known.stockout_cycles, known.cycle_service_level,
                   known.stockout_days, known.avg_on_hand_qty, true
            from %s as known
            where known.simulation_key in (select pairs.simulation_key from inventory_simulation_pairs as pairs)
            $sql$, p_known);
    end if;
    -- The lead time of an order, round(normal(mean, sd)) and at least 1 day, as a discrete distribution per key:
    -- lead_first_days and the cumulative probabilities of lead_first_days, lead_first_days + 1, ... (for width_bucket,
    -- as the demand draws; an inverse normal per order cost more than the rest of the day's statement).
    insert into inventory_simulation_keys
    select row_number() over (order by distinct_keys.simulation_key)::integer, distinct_keys.*,
           lead_times.first_days, lead_times.cdf
    from (select distinct on (pairs.simulation_key)
              pairs.simulation_key, pairs.reorder_point, pairs.order_up_to, pairs.review_days, pairs.lead_time_days,
              pairs.lead_time_sd_days, pairs.pack_size_qty, pairs.moq_qty, pairs.dispersion_size, pairs.warmup_days,
              pairs.on_hand_start, pairs.supply_fill_rate, pairs.supply_delay_days, pairs.mean_qtys,
              pairs.actual_qtys
          from inventory_simulation_pairs as pairs
          where not exists (select from inventory_simulation_key_results as known
                            where known.simulation_key = pairs.simulation_key)
          order by pairs.simulation_key) as distinct_keys
    cross join lateral (
        select greatest(1, floor(distinct_keys.lead_time_days - 6 * distinct_keys.lead_time_sd_days))::integer
               as first_days,
               case when distinct_keys.lead_time_sd_days > 0 then (
                   select array_agg(normal_cdf((lead_days.days + 0.5 - distinct_keys.lead_time_days)
                                               / distinct_keys.lead_time_sd_days) order by lead_days.days)
                   from generate_series(
                       greatest(1, floor(distinct_keys.lead_time_days - 6 * distinct_keys.lead_time_sd_days))::integer,
                       greatest(ceil(distinct_keys.lead_time_days + 6 * distinct_keys.lead_time_sd_days)::integer,
                                greatest(1, floor(distinct_keys.lead_time_days
                                                  - 6 * distinct_keys.lead_time_sd_days))::integer)
                   ) as lead_days (days)
               ) end as cdf
    ) as lead_times;
    get diagnostics v_keys = row_count;
    analyze inventory_simulation_keys;
    raise debug 'inventory simulation: % pairs, % keys to simulate, % known, % s',
        (select count(*) from inventory_simulation_pairs), v_keys,
        (select count(*) from inventory_simulation_key_results),
        round(extract(epoch from clock_timestamp() - v_started)::numeric, 1);

    create temp table inventory_simulation_path_results (
        key_no integer not null, path_no integer not null, demand_qty float8 not null, served_qty float8 not null,
        on_hand_sum_qty float8 not null, stockout_days integer not null, cycles integer not null,
        stockout_cycles integer not null, simulated_events integer not null
    ) on commit drop;
    -- Per round: key-paths, events and the events simulated as a day (the rest were jumped over), for profiling.
    create temp table inventory_simulation_rounds (
        round_no integer primary key, key_paths bigint not null, events bigint not null,
        simulated_events bigint not null
    ) on commit drop;
    -- State per key x path after its last event (last_day; 0 before the first): stock on hand at the end of that day,
    -- on order, and the running tallies measured after the warm-up.
    create temp table inventory_simulation_state_a (
        key_no integer not null, path_no integer not null, last_day integer not null, on_hand_qty float8 not null,
        on_order_qty float8 not null, demand_qty float8 not null, served_qty float8 not null,
        on_hand_sum_qty float8 not null, stockout_days integer not null, cycles integer not null,
        stockout_cycles integer not null, is_short boolean not null, next_event_no integer not null,
        simulated_events integer not null
    ) on commit drop;
    create temp table inventory_simulation_state_b (like inventory_simulation_state_a) on commit drop;
    -- Outstanding orders (not yet arrived), rewritten with the state at every event.
    create temp table inventory_simulation_orders_a (
        key_no integer not null, path_no integer not null, due_day integer not null, qty float8 not null
    ) on commit drop;
    create temp table inventory_simulation_orders_b (like inventory_simulation_orders_a) on commit drop;
    -- The days on which something can happen to a key x path, numbered per key x path (event_no): days with demand,
    -- day 1, review days of keys reviewed less often than daily, and day p_days + 1 (closes the path). Between two
    -- events only orders arrive, and their effect on the tallies has a closed form (see the event statement).
    -- For the jump over plain events (see the event statement): cum_qty, the path's demand from day 1 through the
    -- event; area_qty, the sum over days 1 .. day_no of the cumulative demand at the end of each day; the same three of
    -- the previous event (prev_*) and of the next (next_*); is_forced, an event that is always simulated as a day.
    create temp table inventory_simulation_events (
        key_no integer not null, path_no integer not null, event_no integer not null, day_no integer not null,
        demand_qty float8 not null, cum_qty float8 not null, area_qty float8 not null, is_forced boolean not null,
        prev_day_no integer not null, prev_cum_qty float8 not null, prev_area_qty float8 not null,
        next_day_no integer, next_cum_qty float8, next_is_forced boolean
    ) on commit drop;

    -- Each day's demand distribution per key: the cumulative probabilities of 0, 1, ... K units of a negative
    -- binomial (Poisson when r is null) with the day's mean, for width_bucket; a normal with the same mean and
    -- variance when K would exceed 60 units (a fast mover: the normal is close there). Computed once per distinct
    -- (rounded mean, rounded r): keys and days with the same rounded demand share the distribution.
    create temp table inventory_simulation_day on commit drop as
    with day_means as (
        select days.day_no, keys.key_no, keys.dispersion_size,
               coalesce(keys.mean_qtys[days.day_no], 0) as mean_qty,
               keys.actual_qtys[days.day_no] as actual_qty
        from inventory_simulation_keys as keys
        cross join generate_series(1, p_days) as days (day_no)
    ),

    distributions as (
        select distinct_means.mean_qty, distinct_means.dispersion_size,
               distinct_means.mean_qty + coalesce(distinct_means.mean_qty ^ 2 / distinct_means.dispersion_size, 0)
               as var_qty,
               ceil(distinct_means.mean_qty + 6 * sqrt(distinct_means.mean_qty
                                                      + coalesce(distinct_means.mean_qty ^ 2
                                                                 / distinct_means.dispersion_size, 0)) + 3)::integer
               as max_qty
        from (select distinct day_means.mean_qty, day_means.dispersion_size
              from day_means
              where not v_replay and day_means.mean_qty > 0) as distinct_means
    ),

    log_probabilities as (
        -- log P(k) of the negative binomial by its recursion P(k) = P(k-1) (k - 1 + r) / k x mean / (r + mean)
        -- (Poisson: P(k) = P(k-1) mean / k), summed as logarithms: PostgreSQL 15 has no lgamma.
        select distributions.mean_qty, distributions.dispersion_size, units.k,
               case when distributions.dispersion_size is null then -distributions.mean_qty
                    else distributions.dispersion_size
                         * ln(distributions.dispersion_size / (distributions.dispersion_size + distributions.mean_qty))
               end
               + sum(case when units.k = 0 then 0
                          when distributions.dispersion_size is null
                              then ln(distributions.mean_qty) - ln(units.k::float8)
                          else ln(units.k - 1 + distributions.dispersion_size) - ln(units.k::float8)
                               + ln(distributions.mean_qty / (distributions.dispersion_size + distributions.mean_qty))
                     end)
                     over (partition by distributions.mean_qty, distributions.dispersion_size order by units.k)
               as log_probability
        from distributions
        cross join lateral generate_series(0, distributions.max_qty - 1) as units (k)
        where distributions.max_qty <= 60
    ),

    probabilities as (
        select log_probabilities.mean_qty, log_probabilities.dispersion_size, log_probabilities.k,
               sum(exp(log_probabilities.log_probability))
                   over (partition by log_probabilities.mean_qty, log_probabilities.dispersion_size
                         order by log_probabilities.k) as cdf
        from log_probabilities
    ),

    cdfs as (
        select probabilities.mean_qty, coalesce(probabilities.dispersion_size, -1) as dispersion_key,
               array_agg(probabilities.cdf order by probabilities.k) as cdf
        from probabilities
        group by probabilities.mean_qty, coalesce(probabilities.dispersion_size, -1)
    ),

    normals as (
        select distributions.mean_qty, coalesce(distributions.dispersion_size, -1) as dispersion_key,
               sqrt(distributions.var_qty) as normal_sd_qty
        from distributions
        where distributions.max_qty > 60
    ),

    final as (
        select day_means.day_no, day_means.key_no, day_means.mean_qty, day_means.actual_qty, normals.normal_sd_qty,
               cdfs.cdf
        from day_means
        left join cdfs
            on cdfs.mean_qty = day_means.mean_qty and cdfs.dispersion_key = coalesce(day_means.dispersion_size, -1)
        left join normals
            on normals.mean_qty = day_means.mean_qty
            and normals.dispersion_key = coalesce(day_means.dispersion_size, -1)
    )

    select * from final;
    alter table inventory_simulation_day add primary key (day_no, key_no);
    analyze inventory_simulation_day;

    create temp table inventory_simulation_estimates (
        key_no integer primary key, paths integer not null, demand_qty float8 not null, served_qty float8 not null,
        fill_rate float8, fill_rate_se float8, cycles integer not null, stockout_cycles integer not null,
        stockout_days float8 not null, on_hand_sum_qty float8 not null
    ) on commit drop;

    for v_round in 1 .. 2 loop
        if v_round = 1 then
            v_first_path := 1;
            v_last_path := v_min_paths;
        else
            exit when v_min_paths >= v_paths or v_replay;
            v_first_path := v_min_paths + 1;
            v_last_path := v_paths;
        end if;
        v_current := 'inventory_simulation_state_a';
        v_next := 'inventory_simulation_state_b';
        v_current_orders := 'inventory_simulation_orders_a';
        v_next_orders := 'inventory_simulation_orders_b';
        truncate inventory_simulation_state_a, inventory_simulation_state_b, inventory_simulation_orders_a,
            inventory_simulation_orders_b, inventory_simulation_events;

        -- State per key x path: stock on hand at the end of the day, on order, and the running tallies measured after
        -- the warm-up. Start: the given stock, else a uniform draw over (s, S] with nothing on order. The second round
        -- runs the remaining paths of the keys whose fill-rate standard error after the first is above the target
        -- (ratio estimator: SE = sqrt(sum (served - R demand)^2 / (n (n - 1))) / mean demand, R = served / demand).
        insert into inventory_simulation_state_a
        select keys.key_no, paths.path_no, 0,
               coalesce(keys.on_hand_start,
                        greatest(keys.order_up_to
                                 - floor(((hashint8extended(keys.simulation_key # (paths.path_no::bigint << 24 | 3),
                                                            p_seed)
                                           & 9007199254740991)::float8 / 9007199254740992)
                                         * greatest(keys.order_up_to - keys.reorder_point, 0)), 0)),
               0, 0, 0, 0, 0, 0, 0, false, 1, 0
        from inventory_simulation_keys as keys
        cross join generate_series(v_first_path, v_last_path) as paths (path_no)
        where v_round = 1
            or keys.key_no in (
                select first_round.key_no
                from inventory_simulation_estimates as first_round
                where first_round.fill_rate_se is null or first_round.fill_rate_se > v_target_se
            );
        get diagnostics v_keys = row_count;
        continue when v_keys = 0;
        analyze inventory_simulation_state_a;

        -- Every day's demand of every key x path at once (the same random numbers as a day-by-day run: a hash of key,
        -- path and day), kept only on the days that can change the state: demand above 0, day 1, review days of
        -- keys not reviewed daily; plus day p_days + 1, which closes the path. A day without demand, on which no
        -- review can order (reviewed daily, the position is unchanged since the last event's review), only receives
        -- arrivals.
        -- The uniform number and the draw are each computed in a subquery fenced by offset 0, so that each is
        -- evaluated once a row: inlined, simulation_normal_quantile repeats its argument (the hash) about 25 times,
        -- and the filter of event_days would compute the draw a second time (measured at M-scale, docs/benchmarks.md
        -- "target13"). The same expressions, so the same numbers.
        insert into inventory_simulation_events
        with uniforms as (
            select state.key_no, state.path_no, day.day_no, keys.review_days, keys.warmup_days, day.actual_qty,
                   day.mean_qty, day.normal_sd_qty, day.cdf,
                   ((hashint8extended(
                       keys.simulation_key # (state.path_no::bigint << 24 | day.day_no::bigint << 2), p_seed)
                     & 9007199254740991)::float8 + 0.5) / 9007199254740992 as uniform
            from inventory_simulation_state_a as state
            inner join inventory_simulation_keys as keys on keys.key_no = state.key_no
            inner join inventory_simulation_day as day on day.key_no = state.key_no
            offset 0
        ),

        drawn as (
            select uniforms.key_no, uniforms.path_no, uniforms.day_no, uniforms.review_days, uniforms.warmup_days,
                   case
                       when v_replay then coalesce(uniforms.actual_qty, 0)
                       when uniforms.mean_qty <= 0 then 0
                       when uniforms.normal_sd_qty is not null then greatest(0, round(uniforms.mean_qty
                           + uniforms.normal_sd_qty * simulation_normal_quantile(uniforms.uniform)))
                       else coalesce(width_bucket(uniforms.uniform, uniforms.cdf), 0)
                   end::float8 as demand_qty
            from uniforms
            offset 0
        ),

        event_days as (
            select drawn.key_no, drawn.path_no, drawn.day_no, drawn.demand_qty, drawn.review_days, drawn.warmup_days
            from drawn
            where drawn.demand_qty > 0 or drawn.day_no = 1
                or (drawn.review_days > 1 and (drawn.day_no - 1) % drawn.review_days = 0)
            union all
            select state.key_no, state.path_no, p_days + 1, 0, keys.review_days, keys.warmup_days
            from inventory_simulation_state_a as state
            inner join inventory_simulation_keys as keys on keys.key_no = state.key_no
        ),

        numbered as (
            select event_days.key_no, event_days.path_no,
                   row_number() over path_events::integer as event_no,
                   event_days.day_no, event_days.demand_qty,
                   sum(event_days.demand_qty) over path_events as cum_qty,
                   lead(event_days.day_no) over path_events - event_days.day_no as gap_days,
                   -- always simulated: day 1, review days of keys not reviewed daily, the first event after the
                   -- warm-up (so that a jump never straddles it) and the closing event
                   event_days.day_no = 1 or event_days.day_no > p_days
                   or (event_days.review_days > 1 and (event_days.day_no - 1) % event_days.review_days = 0)
                   or (event_days.day_no > event_days.warmup_days
                       and coalesce(lag(event_days.day_no) over path_events, 0) <= event_days.warmup_days)
                   as is_forced
            from event_days
            window path_events as (partition by event_days.key_no, event_days.path_no order by event_days.day_no)
        ),

        areas as (
            select numbered.*,
                   coalesce(sum(numbered.cum_qty * numbered.gap_days) over (
                       partition by numbered.key_no, numbered.path_no order by numbered.day_no
                       rows between unbounded preceding and 1 preceding), 0) + numbered.cum_qty as area_qty
            from numbered
        ),

        final as (
            select areas.key_no, areas.path_no, areas.event_no, areas.day_no, areas.demand_qty, areas.cum_qty,
                   areas.area_qty, areas.is_forced,
                   coalesce(lag(areas.day_no) over path_events, 0) as prev_day_no,
                   coalesce(lag(areas.cum_qty) over path_events, 0) as prev_cum_qty,
                   coalesce(lag(areas.area_qty) over path_events, 0) as prev_area_qty,
                   lead(areas.day_no) over path_events as next_day_no,
                   lead(areas.cum_qty) over path_events as next_cum_qty,
                   lead(areas.is_forced) over path_events as next_is_forced
            from areas
            window path_events as (partition by areas.key_no, areas.path_no order by areas.day_no)
        )

        select * from final
        order by final.event_no;
        -- counted here, once: a count(*) of the events table for the debug line and the round's row cost a seq scan
        -- of millions of rows each at M-scale (a raise's arguments are evaluated whether or not the line is shown)
        get diagnostics v_events = row_count;
        create index on inventory_simulation_events (event_no);
        if v_jump then
            create index on inventory_simulation_events (key_no, path_no, event_no);
        end if;
        analyze inventory_simulation_events;
        raise debug 'inventory simulation: round %, paths % to %, % key-paths, % events, % s', v_round, v_first_path,
            v_last_path, v_keys, v_events,
            round(extract(epoch from clock_timestamp() - v_started)::numeric, 1);

        -- The event statements read the state and order tables just truncated and refilled, never analysed: the
        -- planner takes them for a row or two and joined the orders' aggregate to every key x path as a nested loop,
        -- quadratic in the key-paths (1,000 x 20: most of a first run). Hash joins instead, for the loop only (the
        -- jump's lateral probe stays a nested loop, the only way to run it); restored after it.
        v_nestloop := current_setting('enable_nestloop');
        perform set_config('enable_nestloop', 'off', true);
        v_event := 0;
        loop
            v_event := v_event + 1;
            -- One statement per event number: every key x path moves from its last event (day p) to its next one
            -- (day d). Days p + 1 .. d - 1 have no demand and no order, only arrivals: their closing stock is the
            -- stock of day p plus what arrived so far, so they add (stock of day p) x (measured days) + each arrival x
            -- (its measured days until d - 1) to the stock sum, a stockout day each while nothing is on hand (before
            -- the first arrival, when day p closed empty), and a replenishment cycle per arrival day. Day d is then
            -- simulated as a day: arrivals, sales (the rest lost), review and order. After the closing event (day
            -- p_days + 1) the state is the path's result. Orders not yet arrived are carried over.
            execute format($sql$
                with at_event as materialized (
                    select state.*, events.day_no, events.demand_qty as day_demand_qty, events.cum_qty,
                           events.area_qty, events.next_day_no, events.next_cum_qty, events.next_is_forced,
                           events.day_no <= $2 as is_day,
                           events.day_no <= $2 and events.day_no > keys.warmup_days as is_measured,
                           keys.reorder_point, keys.order_up_to, keys.review_days, keys.pack_size_qty, keys.moq_qty,
                           keys.warmup_days
                    from %1$I as state
                    inner join inventory_simulation_events as events
                        on events.event_no = $1 and events.key_no = state.key_no and events.path_no = state.path_no
                    inner join inventory_simulation_keys as keys on keys.key_no = state.key_no
                    where state.next_event_no = $1
                ),

                arrival_days as (
                    select orders.key_no, orders.path_no, orders.due_day, at_event.day_no, at_event.warmup_days,
                           sum(orders.qty) as qty
                    from %3$I as orders
                    inner join at_event on at_event.key_no = orders.key_no and at_event.path_no = orders.path_no
                    where orders.due_day <= at_event.day_no
                    group by orders.key_no, orders.path_no, orders.due_day, at_event.day_no, at_event.warmup_days
                ),

                arrivals as (
                    select arrival_days.key_no, arrival_days.path_no, sum(arrival_days.qty) as qty,
                           min(arrival_days.due_day) as first_due_day,
                           count(*) filter (where arrival_days.due_day > arrival_days.warmup_days)::integer
                           as measured_arrival_days,
                           -- each arrival's stock on the measured days from its due day to d - 1
                           sum(arrival_days.qty * greatest(0, arrival_days.day_no
                                                              - greatest(arrival_days.due_day,
                                                                         arrival_days.warmup_days + 1)))
                           as skipped_arrived_sum_qty
                    from arrival_days
                    group by arrival_days.key_no, arrival_days.path_no
                ),

                sold as (
                    select at_event.*, coalesce(arrivals.qty, 0) as arrived_qty, arrivals.first_due_day,
                           coalesce(arrivals.measured_arrival_days, 0) as measured_arrival_days,
                           coalesce(arrivals.skipped_arrived_sum_qty, 0) as skipped_arrived_sum_qty,
                           -- measured days among p + 1 .. d - 1, and among those before the first arrival
                           greatest(0, at_event.day_no - greatest(at_event.last_day + 1, at_event.warmup_days + 1))
                           as skipped_measured_days,
                           greatest(0, coalesce(arrivals.first_due_day, at_event.day_no)
                                       - greatest(at_event.last_day + 1, at_event.warmup_days + 1))
                           as skipped_measured_days_before_arrival,
                           least(at_event.on_hand_qty + coalesce(arrivals.qty, 0), at_event.day_demand_qty)
                           as day_served_qty,
                           at_event.on_hand_qty + coalesce(arrivals.qty, 0)
                           - least(at_event.on_hand_qty + coalesce(arrivals.qty, 0), at_event.day_demand_qty)
                           as closing_qty
                    from at_event
                    left join arrivals on arrivals.key_no = at_event.key_no and arrivals.path_no = at_event.path_no
                ),

                reviewed as (
                    select sold.*,
                           case when sold.is_day and (sold.day_no - 1) %% sold.review_days = 0
                                     and sold.closing_qty + sold.on_order_qty - sold.arrived_qty <= sold.reorder_point
                                     and sold.order_up_to > sold.closing_qty + sold.on_order_qty - sold.arrived_qty
                                then greatest(sold.moq_qty, ceil(round(((sold.order_up_to - sold.closing_qty
                                                                         - sold.on_order_qty + sold.arrived_qty)
                                                                        / sold.pack_size_qty)::numeric, 6))
                                                             * sold.pack_size_qty)
                                else 0 end as new_order_qty
                    from sold
                ),

                next_state as (
                    select reviewed.key_no, reviewed.path_no, reviewed.day_no as last_day,
                           reviewed.closing_qty as on_hand_qty,
                           reviewed.on_order_qty - reviewed.arrived_qty + reviewed.new_order_qty as on_order_qty,
                           reviewed.demand_qty
                           + case when reviewed.is_measured then reviewed.day_demand_qty else 0 end as demand_qty,
                           reviewed.served_qty
                           + case when reviewed.is_measured then reviewed.day_served_qty else 0 end as served_qty,
                           reviewed.on_hand_sum_qty + reviewed.on_hand_qty * reviewed.skipped_measured_days
                           + reviewed.skipped_arrived_sum_qty
                           + case when reviewed.is_measured then reviewed.closing_qty else 0 end as on_hand_sum_qty,
                           reviewed.stockout_days
                           + case when reviewed.on_hand_qty <= 0 then reviewed.skipped_measured_days_before_arrival
                                  else 0 end
                           + (reviewed.is_measured and reviewed.closing_qty <= 0)::integer as stockout_days,
                           -- A replenishment cycle ends when an order arrives; it stocked out when demand went
                           -- unserved.
                           reviewed.cycles + reviewed.measured_arrival_days as cycles,
                           reviewed.stockout_cycles + (reviewed.is_short and reviewed.first_due_day is not null
                                                       and reviewed.first_due_day > reviewed.warmup_days)::integer
                           as stockout_cycles,
                           case when reviewed.arrived_qty > 0 then false else reviewed.is_short end
                           or (reviewed.is_measured and reviewed.day_served_qty < reviewed.day_demand_qty)
                           as is_short,
                           reviewed.simulated_events, reviewed.is_day, reviewed.is_measured, reviewed.cum_qty, reviewed.area_qty,
                           reviewed.next_day_no, reviewed.next_cum_qty, reviewed.next_is_forced,
                           -- a later event is plain while the demand since this one stays below both the stock on
                           -- hand (nothing runs out, nothing is lost) and the position's distance to s (no order)
                           least(reviewed.closing_qty,
                                 reviewed.closing_qty + reviewed.on_order_qty - reviewed.arrived_qty
                                 + reviewed.new_order_qty - reviewed.reorder_point) - 1e-9 as plain_demand_qty
                    from reviewed
                ),

                -- Orders not yet arrived stay; the day's order is due after a lead time drawn from the key's discrete
                -- lead-time distribution (round(normal(mean, sd)), at least one day: an order placed after today's
                -- sales is sold from tomorrow at the earliest); orders due after the last day never matter.
                carried_orders as (
                    insert into %4$I (key_no, path_no, due_day, qty)
                    select orders.key_no, orders.path_no, orders.due_day, orders.qty
                    from %3$I as orders
                    inner join at_event on at_event.key_no = orders.key_no and at_event.path_no = orders.path_no
                    where orders.due_day > at_event.day_no and at_event.is_day
                    union all
                    -- the orders of paths waiting for a later event number
                    select orders.key_no, orders.path_no, orders.due_day, orders.qty
                    from %3$I as orders
                    inner join %1$I as state on state.key_no = orders.key_no and state.path_no = orders.path_no
                    where state.next_event_no > $1
                    union all
                    select ordered.key_no, ordered.path_no, ordered.due_day, ordered.new_order_qty
                    from (select reviewed.key_no, reviewed.path_no, reviewed.new_order_qty,
                                 reviewed.day_no + case when keys.lead_cdf is null
                                           then greatest(1, round(keys.lead_time_days))::integer
                                           else keys.lead_first_days + width_bucket(((hashint8extended(
                                               keys.simulation_key # (reviewed.path_no::bigint << 24
                                                                      | reviewed.day_no::bigint << 2 | 1), $3)
                                               & 9007199254740991)::float8 + 0.5) / 9007199254740992,
                                               keys.lead_cdf)
                                 end
                                 -- the supplying location cannot ship now (probability 1 - supply_fill_rate)
                                 + case when keys.supply_fill_rate is not null
                                             and ((hashint8extended(keys.simulation_key
                                                                    # (reviewed.path_no::bigint << 24
                                                                       | reviewed.day_no::bigint << 2 | 2), $3)
                                                   & 9007199254740991)::float8 + 0.5) / 9007199254740992
                                                 >= keys.supply_fill_rate
                                        then keys.supply_delay_days else 0 end as due_day
                          from reviewed
                          inner join inventory_simulation_keys as keys on keys.key_no = reviewed.key_no
                          where reviewed.new_order_qty > 0) as ordered
                    where ordered.due_day <= $2
                    returning key_no, path_no, due_day
                ),

                next_due as (
                    select carried_orders.key_no, carried_orders.path_no, min(carried_orders.due_day) as due_day
                    from carried_orders
                    group by carried_orders.key_no, carried_orders.path_no
                ),

                -- The jump: the next event that is not plain (forced, the demand since this event reaches
                -- plain_demand_qty, or on or after the next arrival); the events before it are applied here in closed
                -- form. No jump when the very next event is not plain (most slow movers), or with p_jump = false.
                bounded as (
                    select next_state.*, next_due.due_day as next_due_day,
                           $4 and next_state.is_day and not next_state.next_is_forced
                           and next_state.next_cum_qty - next_state.cum_qty < next_state.plain_demand_qty
                           and next_state.next_day_no < coalesce(next_due.due_day, $2 + 1) as is_jump
                    from next_state
                    left join next_due
                        on next_due.key_no = next_state.key_no and next_due.path_no = next_state.path_no
                ),

                jumped as (
                    select bounded.*,
                           coalesce(stop.event_no, $1 + 1) as next_event_no,
                           coalesce(stop.prev_day_no, bounded.last_day) as jump_day,
                           coalesce(stop.prev_cum_qty - bounded.cum_qty, 0) as jump_demand_qty,
                           -- sum over the jumped days of the demand since this event at the end of each day
                           coalesce(stop.prev_area_qty - bounded.area_qty
                                    - bounded.cum_qty * (stop.prev_day_no - bounded.last_day), 0) as jump_area_qty
                    from bounded
                    left join lateral (
                        select events.event_no, events.prev_day_no, events.prev_cum_qty, events.prev_area_qty
                        from inventory_simulation_events as events
                        where bounded.is_jump and events.key_no = bounded.key_no
                            and events.path_no = bounded.path_no and events.event_no > $1
                            and (events.is_forced or events.cum_qty - bounded.cum_qty >= bounded.plain_demand_qty
                                 or events.day_no >= coalesce(bounded.next_due_day, $2 + 1))
                        order by events.event_no
                        limit 1
                    ) as stop on true
                )

                insert into %2$I
                select jumped.key_no, jumped.path_no, jumped.jump_day,
                       jumped.on_hand_qty - jumped.jump_demand_qty, jumped.on_order_qty,
                       jumped.demand_qty + case when jumped.is_measured then jumped.jump_demand_qty else 0 end,
                       jumped.served_qty + case when jumped.is_measured then jumped.jump_demand_qty else 0 end,
                       jumped.on_hand_sum_qty
                       + case when jumped.is_measured
                              then jumped.on_hand_qty * (jumped.jump_day - jumped.last_day) - jumped.jump_area_qty
                              else 0 end,
                       jumped.stockout_days, jumped.cycles, jumped.stockout_cycles, jumped.is_short,
                       jumped.next_event_no, jumped.simulated_events + 1
                from jumped
                union all
                select state.*
                from %1$I as state
                where state.next_event_no > $1
                $sql$, v_current, v_next, v_current_orders, v_next_orders)
            using v_event, p_days, p_seed, v_jump;
            get diagnostics v_rows = row_count;
            -- Paths whose closing event this was: their result (their state row has no next event).
            execute format($sql$
                insert into inventory_simulation_path_results
                select state.key_no, state.path_no, state.demand_qty, state.served_qty, state.on_hand_sum_qty,
                       state.stockout_days, state.cycles, state.stockout_cycles, state.simulated_events
                from %I as state
                where state.last_day > $1
                $sql$, v_next)
            using p_days;

            execute format('truncate %I, %I', v_current, v_current_orders);
            v_swap := v_current;
            v_current := v_next;
            v_next := v_swap;
            v_swap := v_current_orders;
            v_current_orders := v_next_orders;
            v_next_orders := v_swap;
            if v_event % 14 = 0 or v_rows = 0 then
                raise debug 'inventory simulation: round %, event % (% key-paths still running), % s', v_round,
                    v_event, v_rows, round(extract(epoch from clock_timestamp() - v_started)::numeric, 1);
            end if;
            exit when v_rows = 0;
        end loop;
        perform set_config('enable_nestloop', v_nestloop, true);

        insert into inventory_simulation_rounds
        select v_round, v_keys, v_events,
               coalesce((select sum(path_results.simulated_events) from inventory_simulation_path_results
                         as path_results
                         where path_results.path_no between v_first_path and v_last_path), 0);
        raise debug 'inventory simulation: round % done, % of the events simulated as days, % s', v_round,
            (select round(rounds.simulated_events::numeric / nullif(rounds.events, 0), 3)
             from inventory_simulation_rounds as rounds where rounds.round_no = v_round),
            round(extract(epoch from clock_timestamp() - v_started)::numeric, 1);

        -- Per key so far: paths, sums and the fill rate's standard error between paths (ratio estimator:
        -- SE = sqrt(sum (served - R demand)^2 / (n (n - 1))) / mean demand, R = served / demand).
        truncate inventory_simulation_estimates;
        insert into inventory_simulation_estimates
        with sums as (
            select path_results.key_no, count(*)::integer as paths, sum(path_results.demand_qty) as demand_qty,
                   sum(path_results.served_qty) as served_qty, sum(path_results.served_qty ^ 2) as served_sq,
                   sum(path_results.served_qty * path_results.demand_qty) as cross_sum,
                   sum(path_results.demand_qty ^ 2) as demand_sq,
                   sum(path_results.on_hand_sum_qty) as on_hand_sum_qty,
                   sum(path_results.stockout_days)::float8 / count(*) as stockout_days,
                   sum(path_results.cycles)::integer as cycles,
                   sum(path_results.stockout_cycles)::integer as stockout_cycles
            from inventory_simulation_path_results as path_results
            group by path_results.key_no
        ),

        final as (
            select sums.key_no, sums.paths, sums.demand_qty, sums.served_qty,
                   case when sums.demand_qty > 0 then sums.served_qty / sums.demand_qty end as fill_rate,
                   case when sums.demand_qty > 0 and sums.paths > 1
                        then sqrt(greatest(sums.served_sq - 2 * (sums.served_qty / sums.demand_qty) * sums.cross_sum
                                           + (sums.served_qty / sums.demand_qty) ^ 2 * sums.demand_sq, 0)
                                  / (sums.paths * (sums.paths - 1)))
                             / (sums.demand_qty / sums.paths)
                        when sums.demand_qty = 0 then 0
                   end as fill_rate_se,
                   sums.cycles, sums.stockout_cycles, sums.stockout_days, sums.on_hand_sum_qty
            from sums
        )

        select * from final;
        analyze inventory_simulation_estimates;
    end loop;

    -- Per key (simulated now, or known from p_known), then per input pair.
    insert into inventory_simulation_key_results
    select keys.simulation_key, estimates.paths, estimates.demand_qty, estimates.served_qty, estimates.fill_rate,
           estimates.fill_rate_se, estimates.cycles, estimates.stockout_cycles,
           case when estimates.cycles > 0 then 1 - estimates.stockout_cycles::float8 / estimates.cycles end,
           estimates.stockout_days, estimates.on_hand_sum_qty / estimates.paths / (p_days - keys.warmup_days), false
    from inventory_simulation_estimates as estimates
    inner join inventory_simulation_keys as keys on keys.key_no = estimates.key_no;

    -- A scale-free key's stock and demand are in its canonical units: unit_scale brings them back to the pair's.
    create temp table inventory_simulation_results on commit drop as
    select pairs.product_id, pairs.location_id, results.paths, results.demand_qty * pairs.unit_scale as demand_qty,
           results.served_qty * pairs.unit_scale as served_qty,
           results.fill_rate, results.cycles, results.stockout_cycles, results.cycle_service_level,
           results.stockout_days, results.avg_on_hand_qty * pairs.unit_scale as avg_on_hand_qty,
           results.fill_rate_se, pairs.simulation_key, results.is_known
    from inventory_simulation_pairs as pairs
    inner join inventory_simulation_key_results as results on results.simulation_key = pairs.simulation_key;
    if v_own_supply then
        drop table inventory_simulation_supply;
    end if;
    raise debug 'inventory simulation: done in % s',
        round(extract(epoch from clock_timestamp() - v_started)::numeric, 1);
end
$$;
comment on procedure ${schema}.inventory_policy_simulate(
    integer, integer, bigint, integer, float8, integer, regclass, float8, boolean
) is
'Simulates reorder-point / order-up-to policies with lost sales for every row of the temp table '
'inventory_simulation_input over p_days days: p_paths demand paths drawn from the daily means of '
'inventory_simulation_demand (negative binomial with the pair''s measured dispersion, Poisson when not '
'over-dispersed), or with p_paths = 0 the given actual demand replayed once. Review every review_days days, order '
'up to S in whole packs (at least the MOQ) when on hand + on order <= s, lead time drawn per order from a normal '
'(mean, sd), at least 1 day. Pairs with equal inputs (demand means and dispersion rounded to p_demand_digits '
'significant digits; null = exact) share one simulation_key and one simulation; keys in p_known (a table with the '
'columns of inventory_simulation_cache) are copied, not simulated. p_min_paths paths first, the rest up to p_paths '
'only where the fill rate''s standard error exceeds p_target_se (a fraction). Deterministic for a seed: the random '
'numbers are hashes of (simulation_key, path, day). Optional temp table inventory_simulation_supply (product_id, '
'location_id, supply_fill_rate, supply_delay_days): an order of that pair ships at once with probability '
'supply_fill_rate, else supply_delay_days later (the supplying location''s shortfalls). Results (fill rate in '
'units and its standard error, cycle service level, stockout days, average stock on hand, simulation_key, '
'is_known) per pair in the temp table inventory_simulation_results. p_scale_free_demand > 0: drawn pairs are keyed '
'by their policy relative to demand (flat mean demand; below that lead-time demand in units on grids, above it '
'normalised and rebuilt at 100 units a day), so pairs with the same normalised policy share one simulation '
'(docs/inventory.md, "The scale-free key"). p_jump (default true): events that can change nothing but the stock '
'(demand below the stock on hand and the distance to s, before the next arrival) are applied in closed form from '
'prefix sums of demand instead of being simulated as days; results equal to float rounding, false = every event as '
'a day (docs/inventory.md, "The jump over plain events"). Per round the temp table inventory_simulation_rounds '
'counts events and events simulated as days. CW220 invalid paths/days/digits/threshold, CW221 missing input tables. '
'docs/inventory.md.';

-- The inventory simulator: runs (s, S) / (R, s, S) policies with lost sales, lead-time draws, pack rounding and
-- orders in the pipeline over daily demand, for every product x location x demand path at once. One PL/pgSQL loop
-- over DAYS; every day is one set-based statement over all pairs and paths. Used by step 8 (fill_rate_simulated,
-- demand drawn from the forecast's distribution) and by cw bench targets (ground-truth demand replayed).
-- Definitions: docs/inventory.md, "Simulated fill rate".
create or replace procedure ${schema}.inventory_policy_simulate(p_paths integer, p_days integer, p_seed bigint)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
-- The day statements are short but costed high (the inverse normal's sub-selects): JIT compiling them every day
-- cost more than running them (measured: about 0.3 s a day).
set jit = off
as $$
declare
    v_day        integer;
    v_current    text := 'inventory_simulation_state_a';
    v_next       text := 'inventory_simulation_state_b';
    v_swap       text;
    v_replay     boolean := p_paths = 0;
    v_started    timestamptz := clock_timestamp();
begin
    if p_paths is null or p_paths < 0 or p_days is null or p_days < 1 then
        raise exception 'inventory simulation needs paths >= 0 and days >= 1, got paths % and days %', p_paths, p_days
            using errcode = 'CW220',
                  hint = 'set inventory_targets.simulation_paths (0 = replay the given demand) and simulation_days';
    end if;
    if to_regclass('pg_temp.inventory_simulation_input') is null
        or to_regclass('pg_temp.inventory_simulation_demand') is null then
        raise exception 'inventory simulation called without its input tables'
            using errcode = 'CW221',
                  hint = 'create temp tables inventory_simulation_input and inventory_simulation_demand first '
                         '(columns: docs/inventory.md, "Simulated fill rate")';
    end if;

    drop table if exists pg_temp.inventory_simulation_pairs, pg_temp.inventory_simulation_state_a,
        pg_temp.inventory_simulation_state_b, pg_temp.inventory_simulation_orders,
        pg_temp.inventory_simulation_day, pg_temp.inventory_simulation_results;

    -- One row per simulated pair: the policy, a dense number and the negative binomial size r of its daily demand
    -- (variance = mean + mean^2 / r; null = Poisson, when the measured variance is not above the mean).
    create temp table inventory_simulation_pairs on commit drop as
    select row_number() over (order by input.product_id, input.location_id)::integer as pair_no,
           input.product_id, input.location_id,
           input.reorder_point::float8 as reorder_point, input.order_up_to::float8 as order_up_to,
           greatest(input.review_days, 1) as review_days,
           greatest(input.lead_time_days::float8, 0) as lead_time_days,
           greatest(coalesce(input.lead_time_sd_days::float8, 0), 0) as lead_time_sd_days,
           greatest(coalesce(input.pack_size_qty::float8, 1), 0.001) as pack_size_qty,
           greatest(coalesce(input.moq_qty::float8, 0), 0) as moq_qty,
           case when input.demand_sd_per_day ^ 2 > input.demand_per_day * 1.0001 and input.demand_per_day > 0
                then input.demand_per_day ^ 2 / (input.demand_sd_per_day ^ 2 - input.demand_per_day) end
           as dispersion_size,
           least(greatest(coalesce(input.warmup_days, 0), 0), p_days - 1) as warmup_days,
           input.on_hand_start::float8 as on_hand_start,
           hashint8extended((input.product_id::bigint << 32) | input.location_id, p_seed) as pair_key
    from inventory_simulation_input as input;
    create index on inventory_simulation_pairs (pair_no);
    analyze inventory_simulation_pairs;

    -- State per pair x path: stock on hand at the end of the day, on order, and the running tallies measured after
    -- the warm-up. Start: the given stock, else a uniform draw over (s, S] with nothing on order.
    create temp table inventory_simulation_state_a on commit drop as
    select pairs.pair_no, paths.path_no,
           coalesce(pairs.on_hand_start,
                    greatest(pairs.order_up_to
                             - floor(((hashint8extended(pairs.pair_key # (paths.path_no::bigint << 24 | 3), p_seed)
                                       & 9007199254740991)::float8 / 9007199254740992)
                                     * greatest(pairs.order_up_to - pairs.reorder_point, 0)), 0)) as on_hand_qty,
           0::float8 as on_order_qty, 0::float8 as demand_qty, 0::float8 as served_qty, 0::float8 as on_hand_sum_qty,
           0 as stockout_days, 0 as cycles, 0 as stockout_cycles, false as is_short,
           0::float8 as order_qty
    from inventory_simulation_pairs as pairs
    cross join generate_series(1, greatest(p_paths, 1)) as paths (path_no);
    create temp table inventory_simulation_state_b (like inventory_simulation_state_a) on commit drop;
    create temp table inventory_simulation_orders (
        pair_no integer not null, path_no integer not null, due_day integer not null, qty float8 not null
    ) on commit drop;
    create index on inventory_simulation_orders (due_day);
    create temp table inventory_simulation_day (
        day_no integer not null, pair_no integer not null, mean_qty float8, actual_qty float8, normal_sd_qty float8,
        cdf float8 [],
        primary key (day_no, pair_no)
    ) on commit drop;

    -- Each day's demand distribution per pair: the cumulative probabilities of 0, 1, ... K units of a negative
    -- binomial (Poisson when r is null) with the day's mean, for width_bucket; a normal with the same mean and
    -- variance when K would exceed 60 units (a fast mover: the normal is close there).
    insert into inventory_simulation_day
    with day_means as (
        select days.day_no, pairs.pair_no, pairs.dispersion_size,
               greatest(coalesce(demand.mean_qty, 0), 0)::float8 as mean_qty, demand.actual_qty::float8 as actual_qty
        from inventory_simulation_pairs as pairs
        cross join generate_series(1, p_days) as days (day_no)
        left join inventory_simulation_demand as demand
            on demand.product_id = pairs.product_id and demand.location_id = pairs.location_id
            and demand.day_no = days.day_no
    ),

    sized as (
        select day_means.*,
               day_means.mean_qty + coalesce(day_means.mean_qty ^ 2 / day_means.dispersion_size, 0) as var_qty,
               ceil(day_means.mean_qty + 6 * sqrt(day_means.mean_qty + coalesce(day_means.mean_qty ^ 2
                                                   / day_means.dispersion_size, 0)) + 3)::integer as max_qty
        from day_means
    ),

    log_probabilities as (
        -- log P(k) of the negative binomial by its recursion P(k) = P(k-1) (k - 1 + r) / k x mean / (r + mean)
        -- (Poisson: P(k) = P(k-1) mean / k), summed as logarithms: PostgreSQL 15 has no lgamma.
        select sized.day_no, sized.pair_no, units.k,
               case when sized.dispersion_size is null then -sized.mean_qty
                    else sized.dispersion_size * ln(sized.dispersion_size / (sized.dispersion_size + sized.mean_qty))
               end
               + sum(case when units.k = 0 then 0
                          when sized.dispersion_size is null then ln(sized.mean_qty) - ln(units.k::float8)
                          else ln(units.k - 1 + sized.dispersion_size) - ln(units.k::float8)
                               + ln(sized.mean_qty / (sized.dispersion_size + sized.mean_qty)) end)
                     over (partition by sized.day_no, sized.pair_no order by units.k) as log_probability
        from sized
        cross join lateral generate_series(0, sized.max_qty - 1) as units (k)
        where not v_replay and sized.mean_qty > 0 and sized.max_qty <= 60
    ),

    probabilities as (
        select log_probabilities.day_no, log_probabilities.pair_no, log_probabilities.k,
               sum(exp(log_probabilities.log_probability))
                   over (partition by log_probabilities.day_no, log_probabilities.pair_no
                         order by log_probabilities.k) as cdf
        from log_probabilities
    ),

    cdfs as (
        select probabilities.day_no, probabilities.pair_no, array_agg(probabilities.cdf order by probabilities.k) as cdf
        from probabilities
        group by probabilities.day_no, probabilities.pair_no
    ),

    final as (
        select sized.day_no, sized.pair_no, sized.mean_qty, sized.actual_qty,
               case when sized.max_qty > 60 then sqrt(sized.var_qty) end as normal_sd_qty,
               cdfs.cdf
        from sized
        left join cdfs on cdfs.day_no = sized.day_no and cdfs.pair_no = sized.pair_no
    )

    select * from final;

    analyze inventory_simulation_day;

    for v_day in 1 .. p_days loop
        execute format($sql$
            insert into %1$I
            with arrivals as (
                select orders.pair_no, orders.path_no, sum(orders.qty) as qty
                from inventory_simulation_orders as orders
                where orders.due_day = $1
                group by orders.pair_no, orders.path_no
            ),

            drawn as (
                select state.*, pairs.reorder_point, pairs.order_up_to, pairs.review_days, pairs.pack_size_qty,
                       pairs.moq_qty, pairs.lead_time_days, pairs.lead_time_sd_days, pairs.warmup_days, pairs.pair_key,
                       coalesce(arrivals.qty, 0) as arrived_qty,
                       case
                           when $3 then coalesce(day.actual_qty, 0)
                           when day.mean_qty <= 0 then 0
                           when day.normal_sd_qty is not null then greatest(0, round(day.mean_qty + day.normal_sd_qty
                               * normal_quantile(((hashint8extended(pairs.pair_key
                                   # (state.path_no::bigint << 24 | $1::bigint << 2), $2)
                                   & 9007199254740991)::float8 + 0.5) / 9007199254740992)))
                           else coalesce(width_bucket(((hashint8extended(pairs.pair_key
                                   # (state.path_no::bigint << 24 | $1::bigint << 2), $2)
                                   & 9007199254740991)::float8 + 0.5) / 9007199254740992, day.cdf),
                               0)
                       end::float8 as day_demand_qty
                from %2$I as state
                inner join inventory_simulation_pairs as pairs on pairs.pair_no = state.pair_no
                left join inventory_simulation_day as day on day.day_no = $1 and day.pair_no = state.pair_no
                left join arrivals on arrivals.pair_no = state.pair_no and arrivals.path_no = state.path_no
            ),

            sold as (
                select drawn.*,
                       least(drawn.on_hand_qty + drawn.arrived_qty, drawn.day_demand_qty) as day_served_qty,
                       drawn.on_hand_qty + drawn.arrived_qty
                       - least(drawn.on_hand_qty + drawn.arrived_qty, drawn.day_demand_qty) as closing_qty,
                       $1 > drawn.warmup_days as is_measured
                from drawn
            ),

            reviewed as (
                select sold.*,
                       case when ($1 - 1) %% sold.review_days = 0
                                 and sold.closing_qty + sold.on_order_qty - sold.arrived_qty <= sold.reorder_point
                                 and sold.order_up_to > sold.closing_qty + sold.on_order_qty - sold.arrived_qty
                            then greatest(sold.moq_qty, ceil(round(((sold.order_up_to - sold.closing_qty
                                                                     - sold.on_order_qty + sold.arrived_qty)
                                                                    / sold.pack_size_qty)::numeric, 6))
                                                         * sold.pack_size_qty)
                            else 0 end as new_order_qty
                from sold
            )

            select reviewed.pair_no, reviewed.path_no, reviewed.closing_qty,
                   reviewed.on_order_qty - reviewed.arrived_qty + reviewed.new_order_qty,
                   reviewed.demand_qty + case when reviewed.is_measured then reviewed.day_demand_qty else 0 end,
                   reviewed.served_qty + case when reviewed.is_measured then reviewed.day_served_qty else 0 end,
                   reviewed.on_hand_sum_qty + case when reviewed.is_measured then reviewed.closing_qty else 0 end,
                   reviewed.stockout_days + (reviewed.is_measured and reviewed.closing_qty <= 0)::integer,
                   -- A replenishment cycle ends when an order arrives; it stocked out when demand went unserved.
                   reviewed.cycles + (reviewed.is_measured and reviewed.arrived_qty > 0)::integer,
                   reviewed.stockout_cycles + (reviewed.is_measured and reviewed.arrived_qty > 0
                                               and reviewed.is_short)::integer,
                   case when reviewed.arrived_qty > 0 then false else reviewed.is_short end
                   or (reviewed.is_measured and reviewed.day_served_qty < reviewed.day_demand_qty),
                   reviewed.new_order_qty
            from reviewed
            $sql$, v_next, v_current)
        using v_day, p_seed, v_replay;

        -- Orders of the day: due after a lead time drawn from a normal with the pair's mean and deviation, at least
        -- one day (an order placed after today's sales is sold from tomorrow at the earliest).
        execute format($sql$
            insert into inventory_simulation_orders (pair_no, path_no, due_day, qty)
            select next_state.pair_no, next_state.path_no,
                   $1 + greatest(1, round(pairs.lead_time_days + case when pairs.lead_time_sd_days > 0
                       then pairs.lead_time_sd_days * normal_quantile(((hashint8extended(pairs.pair_key
                                # (next_state.path_no::bigint << 24 | $1::bigint << 2 | 1), $2)
                                & 9007199254740991)::float8 + 0.5) / 9007199254740992) else 0 end))::integer,
                   next_state.order_qty
            from %1$I as next_state
            inner join inventory_simulation_pairs as pairs on pairs.pair_no = next_state.pair_no
            where next_state.order_qty > 0
            $sql$, v_next)
        using v_day, p_seed;
        delete from inventory_simulation_orders where due_day <= v_day;

        execute format('truncate %I', v_current);
        v_swap := v_current;
        v_current := v_next;
        v_next := v_swap;
        if v_day % 7 = 0 or v_day = p_days then
            raise debug 'inventory simulation: day % of %, % s', v_day, p_days,
                round(extract(epoch from clock_timestamp() - v_started)::numeric, 1);
        end if;
    end loop;

    execute format($sql$
        create temp table inventory_simulation_results on commit drop as
        select pairs.product_id, pairs.location_id, count(*)::integer as paths,
               sum(state.demand_qty) as demand_qty, sum(state.served_qty) as served_qty,
               case when sum(state.demand_qty) > 0 then sum(state.served_qty) / sum(state.demand_qty) end
               as fill_rate,
               sum(state.cycles)::integer as cycles, sum(state.stockout_cycles)::integer as stockout_cycles,
               case when sum(state.cycles) > 0 then 1 - sum(state.stockout_cycles)::float8 / sum(state.cycles) end
               as cycle_service_level,
               sum(state.stockout_days)::float8 / count(*) as stockout_days,
               sum(state.on_hand_sum_qty) / count(*) / ($1 - max(pairs.warmup_days)) as avg_on_hand_qty
        from %I as state
        inner join inventory_simulation_pairs as pairs on pairs.pair_no = state.pair_no
        group by pairs.product_id, pairs.location_id
        $sql$, v_current) using p_days;
end
$$;
comment on procedure ${schema}.inventory_policy_simulate(integer, integer, bigint) is
'Simulates reorder-point / order-up-to policies with lost sales for every row of the temp table '
'inventory_simulation_input over p_days days: p_paths demand paths drawn from the daily means of '
'inventory_simulation_demand (negative binomial with the pair''s measured dispersion, Poisson when not '
'over-dispersed), or with p_paths = 0 the given actual demand replayed once. Review every review_days days, order '
'up to S in whole packs (at least the MOQ) when on hand + on order <= s, lead time drawn per order from a normal '
'(mean, sd), at least 1 day. Deterministic for a seed: the random numbers are hashes of (product, location, path, '
'day). Results (fill rate in units, cycle service level, stockout days, average stock on hand) in the temp table '
'inventory_simulation_results. CW220 invalid paths/days, CW221 missing input tables. docs/inventory.md.';

-- Step 8, the simulated fill rate: runs every computed target (inventory_targets_computed) through the inventory
-- simulator against demand paths drawn from the active forecast and sets fill_rate_simulated; the analytic expected
-- fill rate stays as the parameter fill_rate_analytic. Definitions: docs/inventory.md, "Simulated fill rate".
drop procedure if exists ${schema}.inventory_targets_simulate(date);
create or replace procedure ${schema}.inventory_targets_simulate(p_run_date date, p_is_full boolean default true)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_settings       jsonb := ${schema}.settings('inventory_targets');
    v_paths          integer := (v_settings ->> 'simulation_paths')::integer;
    v_days           integer := (v_settings ->> 'simulation_days')::integer;
    v_seed           bigint := (v_settings ->> 'simulation_seed')::bigint;
    v_min_paths      integer := (v_settings ->> 'simulation_min_paths')::integer;
    v_target_se      float8 := (v_settings ->> 'simulation_target_se_pct')::float8 / 100;
    v_digits         integer := (v_settings ->> 'simulation_demand_digits')::integer;
    v_scale_free     float8 := (v_settings ->> 'simulation_scale_free_demand_qty')::float8;
    v_is_full        boolean := p_is_full;
    v_stats          record;
    v_forecast_id    bigint;
    v_forecast_date  date;
    v_phase          integer;
begin
    -- The analytic value is kept for comparison whether or not the simulation runs.
    update inventory_targets_computed as computed
    set params = computed.params || jsonb_build_object('fill_rate_analytic', computed.fill_rate_simulated)
    where computed.fill_rate_simulated is not null;
    if v_paths = 0 or not exists (select from inventory_targets_computed where zero_reason is null) then
        return;
    end if;
    select active.id, active.forecast_date into v_forecast_id, v_forecast_date
    from ${schema}.active_demand_forecast as active;

    drop table if exists pg_temp.inventory_simulation_input, pg_temp.inventory_simulation_demand,
        pg_temp.inventory_simulation_all_input, pg_temp.inventory_simulation_supply;
    create temp table inventory_simulation_all_input on commit drop as
    select computed.product_id, computed.location_id, locations.echelon >= 2 as is_upper_echelon,
           computed.reorder_point::float8 as reorder_point, computed.target_stock::float8 as order_up_to,
           -- Reviewed every day: step 10 recommends an order on any night the position is at or below s; the review
           -- cycle R is in S - s (an order covers about a cycle's demand), not in when orders may be placed.
           1 as review_days,
           (computed.params ->> 'lead_time_days')::float8 as lead_time_days,
           coalesce((computed.params ->> 'lead_time_sd_days')::float8, 0) as lead_time_sd_days,
           coalesce((computed.params ->> 'pack_size_qty')::float8, 1) as pack_size_qty,
           coalesce((computed.params ->> 'moq_qty')::float8, 0) as moq_qty,
           (computed.params ->> 'demand_per_day')::float8 as demand_per_day,
           (computed.params ->> 'demand_sd_per_day')::float8 as demand_sd_per_day,
           -- Measured after the first protection period: the start (stock in (s, S], nothing on order) is forgotten.
           least(coalesce((computed.params ->> 'protection_days')::integer,
                          ceil((computed.params ->> 'lead_time_days')::float8)::integer
                          + (computed.params ->> 'review_days')::integer), v_days / 2) as warmup_days,
           null::float8 as on_hand_start
    from inventory_targets_computed as computed
    inner join ${schema}.locations on locations.id = computed.location_id
    where computed.zero_reason is null;

    -- Daily means: the forecast week's predicted_qty times the series' weekday share of the day (the same profile
    -- forecast_accumulate pro-rates with); a pair without forecast rows (an upper echelon: its pooled demand) keeps
    -- its flat demand_per_day.
    analyze inventory_simulation_all_input;
    create temp table inventory_simulation_demand on commit drop as
    -- The pair's forecast weeks first, then the days: joining the forecast per day with the week as an expression
    -- made the planner re-read all 16 horizons of the pair for every day (1.3 s on the 300 x 8 bench world).
    with days as materialized (
        select day_numbers.day_no, 7 * ceil(day_numbers.day_no / 7.0)::integer as horizon_days
        from generate_series(1, v_days) as day_numbers (day_no)
    ),

    forecast_weeks as materialized (
        select forecast.product_id, forecast.location_id, forecast.horizon_days,
               forecast.predicted_qty::float8 as predicted_qty
        from inventory_simulation_all_input as input
        inner join ${schema}.demand_forecast_products as forecast
            on forecast.demand_forecast_id = v_forecast_id and forecast.forecast_date = v_forecast_date
            and forecast.product_id = input.product_id and forecast.location_id = input.location_id
        where forecast.horizon_days <= 7 * ceil(v_days / 7.0)
    )

    select input.product_id, input.location_id, days.day_no,
           coalesce(forecast_weeks.predicted_qty
                    * coalesce(series.weekday_shares[extract(isodow from v_forecast_date + days.day_no)::integer]::float8,
                               1.0 / 7),
                    input.demand_per_day) as mean_qty,
           null::float8 as actual_qty
    from inventory_simulation_all_input as input
    cross join days
    left join forecast_weeks
        on forecast_weeks.product_id = input.product_id and forecast_weeks.location_id = input.location_id
        and forecast_weeks.horizon_days = days.horizon_days
    left join ${schema}.demand_forecast_series as series
        on series.demand_forecast_id = v_forecast_id and series.forecast_date = v_forecast_date
        and series.product_id = input.product_id and series.location_id = input.location_id;
    create index on inventory_simulation_demand (day_no);
    analyze inventory_simulation_demand;

    -- Two phases: upper echelons first, then stores and the webshop, whose orders their supplying location ships at
    -- once with the probability of its simulated fill rate (phase 1 of this run, else the stored target of the run
    -- date for a location-scoped run), else its lead time later (docs/inventory.md, "Upstream supply").
    for v_phase in 1 .. 2 loop
        drop table if exists pg_temp.inventory_simulation_input;
        create temp table inventory_simulation_input on commit drop as
        select all_input.product_id, all_input.location_id, all_input.reorder_point, all_input.order_up_to,
               all_input.review_days, all_input.lead_time_days, all_input.lead_time_sd_days, all_input.pack_size_qty,
               all_input.moq_qty, all_input.demand_per_day, all_input.demand_sd_per_day, all_input.warmup_days,
               all_input.on_hand_start
        from inventory_simulation_all_input as all_input
        where all_input.is_upper_echelon = (v_phase = 1);
        continue when not exists (select from inventory_simulation_input);
        analyze inventory_simulation_input;
        if v_phase = 2 then
            drop table if exists pg_temp.inventory_simulation_supply;
            create temp table inventory_simulation_supply on commit drop as
            with sources as (
                select inputs.product_id, inputs.location_id, inputs.source_location_id
                from inventory_store_inputs as inputs
                inner join inventory_simulation_input as input
                    on input.product_id = inputs.product_id and input.location_id = inputs.location_id
                where inputs.source_location_id is not null
            ),

            supplying as (
                -- a supplying location with a zero target (or none) is not modelled: full supply
                select sources.product_id, sources.location_id,
                       case when computed.product_id is not null
                            then case when computed.zero_reason is null then computed.fill_rate_simulated end
                            else stored.fill_rate_simulated end::float8 as supply_fill_rate,
                       ceil(coalesce((computed.params ->> 'lead_time_days')::float8, (
                           select params.param_value::float8
                           from ${schema}.inventory_target_params as params
                           where params.inventory_target_id = stored.id and params.param_name = 'lead_time_days'
                       )))::integer as supply_delay_days
                from sources
                left join inventory_targets_computed as computed
                    on computed.product_id = sources.product_id and computed.location_id = sources.source_location_id
                left join ${schema}.inventory_targets as stored
                    on computed.product_id is null and stored.product_id = sources.product_id
                    and stored.location_id = sources.source_location_id and stored.snapshot_date = p_run_date
                    and stored.zero_reason is null
            )

            select * from supplying
            where supplying.supply_fill_rate < 1 and supplying.supply_delay_days > 0;
        end if;

        -- Pairs with the same rounded inputs share one simulation; keys simulated by an earlier run (the cache) are
        -- copied: the result is a deterministic function of the key.
        call ${schema}.inventory_policy_simulate(v_paths, v_days, v_seed, v_min_paths, v_target_se, v_digits,
                                                 '${schema}.inventory_simulation_cache'::regclass, v_scale_free);

        insert into ${schema}.inventory_simulation_cache as cache (
            simulation_key, paths, demand_qty, served_qty, fill_rate, fill_rate_se, cycles, stockout_cycles,
            cycle_service_level, stockout_days, avg_on_hand_qty, first_used_date, last_used_date
        )
        select distinct on (results.simulation_key)
            results.simulation_key, results.paths, results.demand_qty, results.served_qty, results.fill_rate,
            results.fill_rate_se, results.cycles, results.stockout_cycles, results.cycle_service_level,
            results.stockout_days, results.avg_on_hand_qty, p_run_date, p_run_date
        from inventory_simulation_results as results
        order by results.simulation_key
        on conflict (simulation_key) do update
        set last_used_date = greatest(cache.last_used_date, excluded.last_used_date),
            first_used_date = least(cache.first_used_date, excluded.first_used_date)
        where cache.last_used_date < excluded.last_used_date or cache.first_used_date > excluded.first_used_date;
        if v_is_full then
            delete from ${schema}.inventory_simulation_cache as cache where cache.last_used_date < p_run_date - 91;
        end if;
        select count(*) as pairs, count(distinct results.simulation_key) as keys,
               count(distinct results.simulation_key) filter (where results.is_known) as known_keys,
               coalesce(sum(results.paths) filter (where not results.is_known), 0) as paths
        into v_stats
        from inventory_simulation_results as results;
        raise notice 'inventory targets: simulated fill rate of % % pairs: % distinct inputs, % copied from earlier '
                     'runs, % paths simulated', case when v_phase = 1 then 'upper-echelon' else 'store' end,
                     v_stats.pairs, v_stats.keys, v_stats.known_keys, v_stats.paths;

        update inventory_targets_computed as computed
        set fill_rate_simulated = coalesce(results.fill_rate, computed.fill_rate_simulated, 1)::numeric(6, 4),
            params = computed.params || jsonb_strip_nulls(jsonb_build_object(
                'simulation_paths', v_paths, 'simulation_paths_used', results.paths, 'simulation_days', v_days,
                'fill_rate_simulated_se', round(results.fill_rate_se::numeric, 4),
                'simulated_cycle_service_level', round(results.cycle_service_level::numeric, 4),
                'simulated_avg_on_hand_qty', round(results.avg_on_hand_qty::numeric, 4)))
        from inventory_simulation_results as results
        where results.product_id = computed.product_id and results.location_id = computed.location_id;
    end loop;
end
$$;
comment on procedure ${schema}.inventory_targets_simulate(date, boolean) is
'Simulated fill rate of step 8: runs every non-zero target of the temp table inventory_targets_computed through '
'inventory_policy_simulate against simulation_paths demand paths of simulation_days days drawn from the active '
'forecast (daily means: weekly predicted_qty x weekday share; negative binomial with the target''s demand deviation) '
'and writes fill_rate_simulated, keeping the analytic value as parameter fill_rate_analytic. Upper echelons first; '
'then stores and the webshop, whose orders their supplying location ships at once with the probability of its '
'simulated fill rate, else its lead time (whole days) later. Pairs with equal '
'rounded inputs share one simulation; inputs simulated by an earlier run are copied from inventory_simulation_cache '
'(p_is_full: also delete cache rows unused for 91 days); simulation_min_paths paths first, up to simulation_paths '
'where the standard error exceeds simulation_target_se_pct. simulation_paths = 0 keeps the analytic value. '
'docs/inventory.md.';

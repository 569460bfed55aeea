-- Step 6 helper (issue 21 point 4): the per-pair and per-product sums over the trailing windows of demand_history
-- from which behaviors_measure computes every windowed measure. An unscoped run keeps them in behavior_window_sums
-- and moves them from the last run date to this one by the days entering and leaving each window, recomputing only
-- the products whose older rows changed (behavior_changed_pairs); a scoped run sums its products from scratch.
create or replace procedure ${schema}.behaviors_window_sums(
    p_run_date date, p_settings jsonb, p_products integer [], inout p_mode text default null
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_window_days integer := (p_settings ->> 'window_days')::integer;
    v_recent_days integer := least((p_settings ->> 'hot_recent_days')::integer,
                                   (p_settings ->> 'window_days')::integer);
    v_growth_days integer := least((p_settings ->> 'growth_days')::integer,
                                   (p_settings ->> 'window_days')::integer / 2);
    v_key         jsonb;
    v_state_end   date;
    v_state_key   jsonb;
    v_previous    date;
    v_edges       date [];
    v_work_mem    text;
begin
    v_key := jsonb_build_object('window_days', v_window_days, 'hot_recent_days', v_recent_days,
                                'growth_days', v_growth_days);
    select state.window_end, state.settings into v_state_end, v_state_key
    from ${schema}.behavior_window_state as state;

    if p_products is not null then
        p_mode := 'scoped';
    elsif v_state_end is null or v_state_key is distinct from v_key or v_state_end > p_run_date
        or p_run_date - v_state_end >= v_window_days then
        p_mode := 'rebuild';
    else
        p_mode := 'incremental';
        v_previous := v_state_end;
    end if;
    -- Products summed from scratch over the whole window: the scoped ones, or those with a changed older row.
    call ${schema}.load_drop_temp('behavior_rebuilt');
    create temp table behavior_rebuilt on commit drop as
    select distinct scoped.product_id
    from unnest(p_products) as scoped (product_id)
    where p_mode = 'scoped'
    union
    select changed.product_id
    from ${schema}.behavior_changed_pairs as changed
    where p_mode = 'incremental';
    alter table behavior_rebuilt add primary key (product_id);
    analyze behavior_rebuilt;
    -- When more than half of the products must be summed again (a late file that corrected most pairs), one read of
    -- the window by date is cheaper than the per-product probes (measured at 1,000 x 20: 22.7 s against 14.8 s for
    -- every product), and gives the same sums.
    if p_mode = 'incremental' and (select count(*) from behavior_rebuilt) * 2 > (
        select count(*) from ${schema}.behavior_window_sums as sums where sums.location_id is null
    ) then
        p_mode := 'rebuild';
    end if;
    -- step_behaviors reports the mode (pipeline_step_runs.detail.window_sums).
    perform set_config('cw.behavior_window_sums_mode', p_mode, true);

    -- The days whose membership of some window differs between the previous and this run date: for each window
    -- (offset, length) the days entering (previous - offset, run date - offset] and leaving it.
    if p_mode = 'incremental' then
        select coalesce(array_agg(distinct day::date), '{}') into v_edges
        from (values (0, v_window_days), (0, v_recent_days), (0, v_growth_days),
                     (v_growth_days, v_growth_days)) as windows (offset_days, length_days)
        cross join lateral (
            select generate_series(v_previous - windows.offset_days + 1, p_run_date - windows.offset_days,
                                   interval '1 day') as day
            union all
            select generate_series(v_previous - windows.offset_days - windows.length_days + 1,
                                   p_run_date - windows.offset_days - windows.length_days, interval '1 day')
        ) as edge_days;
    end if;

    call ${schema}.load_drop_temp('behavior_sum_deltas');
    -- A rebuild aggregates the whole window (18.6 M rows at 10k x 50 x 100 days: the day rows kept for both levels,
    -- ~1M product-day groups, ~206k pair and product groups of 20 sums) and spilled more than 2.9 GB of temporary
    -- files with the cluster's work_mem of 64 MB (log_temp_files, docs/benchmarks.md "n21d"). That one statement gets
    -- work_mem 512MB, raised only (never lowered), transaction-local and restored right after it: the bound on what
    -- one rebuild may hold per sort, hash or store node (hash nodes hash_mem_multiplier times it).
    if p_mode = 'rebuild' and pg_size_bytes(current_setting('work_mem')) < pg_size_bytes('512MB') then
        v_work_mem := current_setting('work_mem');
        perform set_config('work_mem', '512MB', true);
    end if;
    create temp table behavior_sum_deltas on commit drop as
    -- Three branches with exclusive conditions, never one filter with an OR over a sub-select: that OR made the
    -- planner read the whole window by date (17.6 M rows at 10k x 50) to keep one scoped product's rows. The rebuilt
    -- products drive an index scan of the (product_id, location_id, demand_date) key instead.
    with source_rows as (
        select history.product_id, history.location_id, history.demand_date, true as is_rebuilt,
               history.demand_qty, history.quantity, history.revenue, history.cost, history.is_in_stock,
               history.is_oos_imputed, coalesce(history.stockout_qty, 0) as stockout_qty
        from ${schema}.demand_history as history
        where p_mode = 'rebuild' and history.demand_date between p_run_date - v_window_days + 1 and p_run_date
        union all
        select history.product_id, history.location_id, history.demand_date, true,
               history.demand_qty, history.quantity, history.revenue, history.cost, history.is_in_stock,
               history.is_oos_imputed, coalesce(history.stockout_qty, 0)
        from behavior_rebuilt
        -- Every location, so that each probe bounds the whole key (product, location, window): by product alone the
        -- scan walked the product's whole history in the index, not only its window.
        cross join ${schema}.locations
        inner join ${schema}.demand_history as history
            on history.product_id = behavior_rebuilt.product_id and history.location_id = locations.id
        where p_mode <> 'rebuild' and history.demand_date between p_run_date - v_window_days + 1 and p_run_date
        union all
        select history.product_id, history.location_id, history.demand_date, false,
               history.demand_qty, history.quantity, history.revenue, history.cost, history.is_in_stock,
               history.is_oos_imputed, coalesce(history.stockout_qty, 0)
        from ${schema}.demand_history as history
        where p_mode = 'incremental' and history.demand_date = any(v_edges)
            and not exists (select from behavior_rebuilt where behavior_rebuilt.product_id = history.product_id)
    ),

    -- A pair's series is its rows; a product's series is its daily demand summed over locations.
    level_rows as (
        select source_rows.product_id, source_rows.location_id, source_rows.demand_date, source_rows.is_rebuilt,
               source_rows.demand_qty, source_rows.quantity, source_rows.revenue, source_rows.cost,
               (not source_rows.is_in_stock)::integer as oos_days, source_rows.is_oos_imputed::integer as imputed,
               source_rows.stockout_qty
        from source_rows
        union all
        select source_rows.product_id, null, source_rows.demand_date, source_rows.is_rebuilt,
               sum(source_rows.demand_qty), sum(source_rows.quantity), sum(source_rows.revenue), sum(source_rows.cost),
               count(*) filter (where not source_rows.is_in_stock), max(source_rows.is_oos_imputed::integer),
               sum(source_rows.stockout_qty)
        from source_rows
        group by source_rows.product_id, source_rows.demand_date, source_rows.is_rebuilt
    ),

    -- Weight of a day in each window: in the window ending on the run date, minus (for the moving sums) in the
    -- window ending on the previous run date. Materialised: inlined, each weight's expression was computed again in
    -- every sum that multiplies by it (14 sums by the main weight): 12.1-13.2 s of backend CPU for an M night's
    -- 979,360 edge rows (10k x 50), 11.3-11.8 s materialised, the same sums (docs/benchmarks.md "n21e").
    weighted as materialized (
        select level_rows.*, level_rows.demand_date - date '2000-01-01' as day_no,
               (level_rows.demand_date > p_run_date - v_window_days)::integer
               - case when level_rows.is_rebuilt then 0
                      else (level_rows.demand_date between v_previous - v_window_days + 1 and v_previous)::integer
                 end as main_weight,
               (level_rows.demand_date > p_run_date - v_recent_days)::integer
               - case when level_rows.is_rebuilt then 0
                      else (level_rows.demand_date between v_previous - v_recent_days + 1 and v_previous)::integer
                 end as recent_weight,
               (level_rows.demand_date > p_run_date - v_growth_days and level_rows.demand_date <= p_run_date)::integer
               - case when level_rows.is_rebuilt then 0
                      else (level_rows.demand_date between v_previous - v_growth_days + 1 and v_previous)::integer
                 end as growth_recent_weight,
               (level_rows.demand_date between p_run_date - 2 * v_growth_days + 1
                and p_run_date - v_growth_days)::integer
               - case when level_rows.is_rebuilt then 0
                      else (level_rows.demand_date between v_previous - 2 * v_growth_days + 1
                            and v_previous - v_growth_days)::integer
                 end as growth_prior_weight
        from level_rows
    )

    select weighted.product_id, weighted.location_id,
           sum(weighted.main_weight)::integer as listed_days,
           sum(weighted.main_weight * (weighted.demand_qty > 0)::integer)::integer as demand_days,
           sum(weighted.main_weight * weighted.oos_days)::integer as oos_days,
           sum(weighted.main_weight * weighted.imputed)::integer as imputed_days,
           sum(weighted.main_weight * (weighted.cost is not null)::integer)::integer as cost_days,
           sum(weighted.main_weight * weighted.demand_qty) as demand_qty,
           sum(weighted.main_weight * weighted.demand_qty * weighted.demand_qty) as demand_qty_sq,
           sum(weighted.main_weight * weighted.quantity) as sold_qty,
           sum(weighted.main_weight * weighted.revenue) as demand_revenue,
           sum(weighted.main_weight * coalesce(weighted.cost, 0)) as demand_cost,
           sum(weighted.main_weight * weighted.stockout_qty) as stockout_qty,
           sum(weighted.main_weight * weighted.day_no)::bigint as day_sum,
           sum(weighted.main_weight * weighted.day_no::bigint * weighted.day_no)::bigint as day_sq_sum,
           sum(weighted.main_weight * weighted.day_no * weighted.demand_qty) as day_demand_sum,
           sum(weighted.recent_weight)::integer as recent_days,
           sum(weighted.recent_weight * weighted.demand_qty) as recent_demand_qty,
           sum(weighted.growth_recent_weight)::integer as growth_recent_days,
           sum(weighted.growth_recent_weight * weighted.revenue) as growth_recent_revenue,
           sum(weighted.growth_prior_weight)::integer as growth_prior_days,
           sum(weighted.growth_prior_weight * weighted.revenue) as growth_prior_revenue
    from weighted
    group by weighted.product_id, weighted.location_id;
    if v_work_mem is not null then
        perform set_config('work_mem', v_work_mem, true);
    end if;

    if p_mode = 'scoped' then
        call ${schema}.load_drop_temp('behavior_sums');
        create temp table behavior_sums on commit drop as
        select * from behavior_sum_deltas where behavior_sum_deltas.listed_days > 0;
        return;
    end if;

    if p_mode = 'rebuild' then
        delete from ${schema}.behavior_window_sums;
    else
        delete from ${schema}.behavior_window_sums as sums
        using behavior_rebuilt
        where sums.product_id = behavior_rebuilt.product_id;
    end if;

    insert into ${schema}.behavior_window_sums as sums
    select deltas.product_id, deltas.location_id, deltas.listed_days, deltas.demand_days, deltas.oos_days,
           deltas.imputed_days, deltas.cost_days, deltas.demand_qty, deltas.demand_qty_sq, deltas.sold_qty,
           deltas.demand_revenue, deltas.demand_cost, deltas.stockout_qty, deltas.day_sum, deltas.day_sq_sum,
           deltas.day_demand_sum, deltas.recent_days, deltas.recent_demand_qty, deltas.growth_recent_days,
           deltas.growth_recent_revenue, deltas.growth_prior_days, deltas.growth_prior_revenue
    from behavior_sum_deltas as deltas
    on conflict (product_id, coalesce(location_id, 0)) do update
    set listed_days = sums.listed_days + excluded.listed_days,
        demand_days = sums.demand_days + excluded.demand_days,
        oos_days = sums.oos_days + excluded.oos_days,
        imputed_days = sums.imputed_days + excluded.imputed_days,
        cost_days = sums.cost_days + excluded.cost_days,
        demand_qty = sums.demand_qty + excluded.demand_qty,
        demand_qty_sq = sums.demand_qty_sq + excluded.demand_qty_sq,
        sold_qty = sums.sold_qty + excluded.sold_qty,
        demand_revenue = sums.demand_revenue + excluded.demand_revenue,
        demand_cost = sums.demand_cost + excluded.demand_cost,
        stockout_qty = sums.stockout_qty + excluded.stockout_qty,
        day_sum = sums.day_sum + excluded.day_sum,
        day_sq_sum = sums.day_sq_sum + excluded.day_sq_sum,
        day_demand_sum = sums.day_demand_sum + excluded.day_demand_sum,
        recent_days = sums.recent_days + excluded.recent_days,
        recent_demand_qty = sums.recent_demand_qty + excluded.recent_demand_qty,
        growth_recent_days = sums.growth_recent_days + excluded.growth_recent_days,
        growth_recent_revenue = sums.growth_recent_revenue + excluded.growth_recent_revenue,
        growth_prior_days = sums.growth_prior_days + excluded.growth_prior_days,
        growth_prior_revenue = sums.growth_prior_revenue + excluded.growth_prior_revenue;

    delete from ${schema}.behavior_window_sums as sums
    using behavior_sum_deltas as deltas
    where sums.listed_days = 0 and sums.product_id = deltas.product_id
        and sums.location_id is not distinct from deltas.location_id;

    insert into ${schema}.behavior_window_state as state (id, window_end, settings)
    values (true, p_run_date, v_key)
    on conflict on constraint behavior_window_state_pkey do update
    set window_end = excluded.window_end, settings = excluded.settings, updated_at = now();
    delete from ${schema}.behavior_changed_pairs;

    call ${schema}.load_drop_temp('behavior_sums');
    create temp table behavior_sums on commit drop as
    select * from ${schema}.behavior_window_sums;
end
$$;
comment on procedure ${schema}.behaviors_window_sums(date, jsonb, integer [], text) is
'Step 6 helper: the window sums of every pair and product (p_products null) or of the given products into the '
'temporary table behavior_sums. Unscoped, behavior_window_sums is moved from behavior_window_state.window_end to '
'p_run_date by the days entering and leaving the windows (mode incremental; products with changed older rows, '
'behavior_changed_pairs, summed again), or rebuilt from demand_history (mode rebuild: first run, an earlier date, a '
'gap of window_days or more, other window settings, more than half of the products to be summed again). p_mode '
'returns scoped, rebuild or incremental. A rebuild''s aggregate runs with work_mem raised to 512MB (transaction-local, '
'restored after that statement; never lowered): with 64 MB it spilled gigabytes of temporary files at M-scale.';

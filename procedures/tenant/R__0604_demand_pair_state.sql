-- Step 5's nightly path (issue 21 point 4): one new day per pair computed from demand_pair_state (each pair's
-- trailing window), instead of a grid of rate_window_days + 2 x stop_max_open_days days of every pair; and the
-- upkeep of that state (moved by the day, or rebuilt from a grid). Both paths end in demand_history_finish.
create or replace procedure ${schema}.demand_history_compute_day(p_day date, p_settings jsonb)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_outlier_factor numeric := (p_settings ->> 'outlier_factor')::numeric;
begin
    call ${schema}.demand_history_base(p_day, p_day);

    -- demand_pair_state holds the rate_window_days days ending on p_day - 1 (element 1 = the day leaving the
    -- window). The day's own windows are those days (the own rate: the day itself excluded), the recent counts are
    -- those days without the first plus the day, and a pair that sells today gets its pattern measured on today.
    call ${schema}.load_drop_temp('demand_windows');
    create temp table demand_windows on commit drop as
    with base as (
        select demand_base.*,
               ${schema}.demand_is_rate_day(demand_base.is_location_open, demand_base.is_delisted,
                                            demand_base.qty_available) as is_rate_day
        from demand_base
    ),

    -- A pair without state (its first evidence is today) starts from an empty window.
    joined as (
        select base.*, coalesce(state.rate_qty, 0) as state_rate_qty,
               coalesce(state.rate_day_count, 0) as state_rate_days,
               coalesce(state.rate_sale_days, 0) as state_sale_days,
               coalesce(state.window_qty, 0) as state_window_qty,
               coalesce(state.qty_days[1], 0) as leaving_qty, coalesce(state.rate_days[1], false) as leaving_rate,
               coalesce(state.has_sale, false) as state_has_sale,
               coalesce(state.open_days_since_sale, 0) as state_open_days,
               state.regular_sale_days as state_regular_sale_days,
               state.regular_frequency as state_regular_frequency,
               state.regular_size_qty as state_regular_size_qty,
               coalesce(state.qty_days[2:], '{}') || base.qty as recent_qty_days
        from base
        left join ${schema}.demand_pair_state as state
            on state.product_id = base.product_id and state.location_id = base.location_id
    ),

    recent as (
        select joined.*,
               joined.state_rate_days - joined.leaving_rate::integer + joined.is_rate_day::integer
               as recent_open_days,
               joined.state_sale_days - (joined.leaving_rate and joined.leaving_qty > 0)::integer
               + (joined.is_rate_day and joined.qty > 0)::integer as recent_sale_days
        from joined
    ),

    -- The robust size of a selling day, on the selling days of the window ending today (same rule as the grid's
    -- demand_regular): mean of the quantities at most outlier_factor x their median. Only for pairs that sell today.
    regular as (
        select recent.product_id, recent.location_id, sizes.regular_size_qty
        from recent
        cross join lateral (
            select percentile_cont(0.5) within group (order by days.qty) as median_qty
            from unnest(recent.recent_qty_days) as days (qty)
            where days.qty > 0
        ) as medians
        cross join lateral (
            select avg(days.qty) filter (where days.qty <= v_outlier_factor * medians.median_qty) as regular_size_qty
            from unnest(recent.recent_qty_days) as days (qty)
            where days.qty > 0
        ) as sizes
        where recent.qty > 0
    )

    select recent.product_id, recent.location_id, recent.demand_date, recent.product_category_id,
           recent.is_dropship, recent.is_merchandise, recent.unit_cost, recent.is_online, recent.qty, recent.revenue,
           recent.returned_qty, recent.returned_revenue, recent.qty_available, recent.is_location_open,
           recent.is_trading_day, recent.is_delisted, recent.is_rate_day,
           -- the grid's coalesce(sum, 0): a window without a rate day sums to 0, not 0.000
           case when recent.state_rate_days = 0 then 0 else recent.state_rate_qty end as own_qty,
           recent.state_rate_days as own_days,
           recent.state_window_qty + recent.qty as recent_all_qty,
           recent.state_has_sale or recent.qty > 0 as has_sale,
           case
               when recent.qty > 0 then 0
               else recent.state_open_days + recent.is_location_open::integer
           end as open_days_since_sale,
           case
               when recent.qty > 0 then recent.recent_sale_days else recent.state_regular_sale_days
           end as regular_sale_days,
           case
               when recent.qty > 0 then recent.recent_sale_days::numeric / (recent.recent_open_days + 1)
               else recent.state_regular_frequency
           end as regular_frequency,
           case when recent.qty > 0 then regular.regular_size_qty else recent.state_regular_size_qty end
           as regular_size_qty
    from recent
    left join regular on regular.product_id = recent.product_id and regular.location_id = recent.location_id;

    call ${schema}.demand_history_finish(p_settings);
end
$$;
comment on procedure ${schema}.demand_history_compute_day(date, jsonb) is
'Step 5 helper, the nightly path: the demand facts of p_day for every product x store/webshop pair into '
'demand_computed, with each pair''s own rate window, recent counts and sales-stop pattern read from '
'demand_pair_state (which must describe p_day - 1 with the same settings: step_demand_history checks it) and moved '
'by the day, and the pooled priors summed over the pairs (demand_history_finish). One row of state and one base row '
'per pair; medians only for the pairs that sell on p_day. Equals the grid''s result (demand_history_compute).';

create or replace procedure ${schema}.demand_pair_state_save(p_end date, p_settings jsonb, p_built_by text)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_window_days integer := (p_settings ->> 'rate_window_days')::integer;
    v_pairs       integer;
begin
    if p_built_by not in ('grid', 'day') then
        raise exception 'demand_pair_state_save: unknown way % (expected grid or day)', p_built_by
            using errcode = 'CW231', hint = 'grid after demand_history_compute, day after demand_history_compute_day';
    end if;
    call ${schema}.load_drop_temp('demand_next_state');
    if p_built_by = 'day' then
        -- Move each pair's window by p_end: the first day leaves, p_end enters.
        create temp table demand_next_state on commit drop as
        select windows.product_id, windows.location_id,
               coalesce(state.qty_days[2:], array_fill(0::numeric, array[v_window_days - 1])) || windows.qty
               as qty_days,
               coalesce(state.rate_days[2:], array_fill(false, array[v_window_days - 1])) || windows.is_rate_day
               as rate_days,
               coalesce(state.rate_qty, 0)
               - case when state.rate_days[1] then state.qty_days[1] else 0 end
               + case when windows.is_rate_day then windows.qty else 0 end as rate_qty,
               coalesce(state.rate_day_count, 0) - coalesce(state.rate_days[1], false)::integer
               + windows.is_rate_day::integer as rate_day_count,
               coalesce(state.rate_sale_days, 0)
               - coalesce(state.rate_days[1] and state.qty_days[1] > 0, false)::integer
               + (windows.is_rate_day and windows.qty > 0)::integer as rate_sale_days,
               coalesce(state.window_qty, 0) - coalesce(state.qty_days[1], 0) + windows.qty as window_qty,
               windows.has_sale, windows.open_days_since_sale, windows.regular_sale_days, windows.regular_frequency,
               windows.regular_size_qty
        from demand_windows as windows
        left join ${schema}.demand_pair_state as state
            on state.product_id = windows.product_id and state.location_id = windows.location_id
        where windows.demand_date = p_end;
    else
        -- Rebuild from the grid's windows: the last v_window_days days of each pair (zeros before its first
        -- evidence) and its pattern on p_end.
        create temp table demand_next_state on commit drop as
        with recent as (
            select windows.product_id, windows.location_id,
                   array_fill(0::numeric, array[min(windows.demand_date) - (p_end - v_window_days + 1)])
                   || array_agg(windows.qty order by windows.demand_date) as qty_days,
                   array_fill(false, array[min(windows.demand_date) - (p_end - v_window_days + 1)])
                   || array_agg(windows.is_rate_day order by windows.demand_date) as rate_days,
                   coalesce(sum(windows.qty) filter (where windows.is_rate_day), 0) as rate_qty,
                   count(*) filter (where windows.is_rate_day)::integer as rate_day_count,
                   count(*) filter (where windows.is_rate_day and windows.qty > 0)::integer as rate_sale_days,
                   sum(windows.qty) as window_qty
            from demand_windows as windows
            where windows.demand_date between p_end - v_window_days + 1 and p_end
            group by windows.product_id, windows.location_id
        )

        select recent.product_id, recent.location_id, recent.qty_days, recent.rate_days, recent.rate_qty,
               recent.rate_day_count, recent.rate_sale_days, recent.window_qty, last_day.has_sale,
               last_day.open_days_since_sale, last_day.regular_sale_days, last_day.regular_frequency,
               last_day.regular_size_qty
        from recent
        inner join demand_windows as last_day
            on last_day.product_id = recent.product_id and last_day.location_id = recent.location_id
            and last_day.demand_date = p_end;
    end if;

    -- Every row changes every night: replace the table rather than update it row by row (no dead rows to vacuum).
    truncate ${schema}.demand_pair_state;
    insert into ${schema}.demand_pair_state (
        product_id, location_id, qty_days, rate_days, rate_qty, rate_day_count, rate_sale_days, window_qty, has_sale,
        open_days_since_sale, regular_sale_days, regular_frequency, regular_size_qty
    )
    select next_state.product_id, next_state.location_id, next_state.qty_days, next_state.rate_days,
           next_state.rate_qty, next_state.rate_day_count, next_state.rate_sale_days, next_state.window_qty,
           next_state.has_sale, next_state.open_days_since_sale, next_state.regular_sale_days,
           next_state.regular_frequency, next_state.regular_size_qty
    from demand_next_state as next_state;
    get diagnostics v_pairs = row_count;

    insert into ${schema}.demand_rate_state as state (id, window_end, settings, pair_count, built_by, updated_at)
    values (true, p_end, p_settings, v_pairs, p_built_by, now())
    on conflict on constraint demand_rate_state_pkey do update
    set window_end = excluded.window_end, settings = excluded.settings, pair_count = excluded.pair_count,
        built_by = excluded.built_by, updated_at = excluded.updated_at;
end
$$;
comment on procedure ${schema}.demand_pair_state_save(date, jsonb, text) is
'Step 5 helper: brings demand_pair_state to p_end from the temporary table demand_windows: p_built_by = day moves '
'every pair''s window by the one day demand_history_compute_day computed; grid rebuilds every row from the last '
'rate_window_days days of a grid (demand_history_compute). Records p_end and the settings in demand_rate_state. '
'CW231: another p_built_by.';

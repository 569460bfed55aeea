-- Step 6 (behaviors): the measures and classes of a snapshot into the temporary table behavior_stats (level 'pair' =
-- product x location, 'product' = all locations), and the time-weighted stock of each pair into behavior_inventory.
-- Set-based, one pass over the window of demand_history. Definitions: docs/behaviors.md.
create or replace procedure ${schema}.behaviors_measure(p_run_date date, p_settings jsonb, p_products integer [])
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_window_days integer := (p_settings ->> 'window_days')::integer;
    v_from        date := p_run_date - ((p_settings ->> 'window_days')::integer - 1);
    v_abc_a_pct   numeric := (p_settings ->> 'abc_a_pct')::numeric;
    v_abc_b_pct   numeric := (p_settings ->> 'abc_b_pct')::numeric;
    v_xyz_x_cv    numeric := (p_settings ->> 'xyz_x_max_cv')::numeric;
    v_xyz_y_cv    numeric := (p_settings ->> 'xyz_y_max_cv')::numeric;
    v_fmr_f_pct   numeric := (p_settings ->> 'fmr_f_min_pct')::numeric;
    v_fmr_m_pct   numeric := (p_settings ->> 'fmr_m_min_pct')::numeric;
    v_freq_f_qty  numeric := (p_settings ->> 'freq_frequent_min_qty')::numeric;
    v_freq_n_qty  numeric := (p_settings ->> 'freq_normal_min_qty')::numeric;
    v_adi_cut     numeric := (p_settings ->> 'adi_cutoff_days')::numeric;
    v_cv2_cut     numeric := (p_settings ->> 'cv2_cutoff')::numeric;
    v_min_t       numeric := (p_settings ->> 'trend_min_t')::numeric;
    v_season_min  integer := (p_settings ->> 'seasonality_min_weeks')::integer;
    v_inv_from    date;
    v_sums_mode   text;
    -- Scoped runs over more products than this rank set-based (see the ABC ranks below); measured bulkscope.
    v_probe_products constant integer := 8;
begin
    -- Stock: each reading holds until the pair's next reading, or until the next full snapshot (a pair missing from
    -- a full snapshot is no longer stocked: inventory_as_of), whichever comes first. Readings start at the latest
    -- full snapshot on or before the window start (a year before it when there is none).
    select coalesce(max(snapshots.snapshot_date), v_from - 366) into v_inv_from
    from ${schema}.inventory_snapshots as snapshots
    where snapshots.snapshot_type = 'full' and snapshots.snapshot_date <= v_from;

    call ${schema}.load_drop_temp('behavior_inventory');
    create temp table behavior_inventory on commit drop as
    -- Materialized: inlined, the next full snapshot was looked up once per reading (93k at 7.6k pairs: 6-7 s of a
    -- night) instead of once per day.
    with days as materialized (
        select day::date as day,
               (select min(snapshots.snapshot_date) from ${schema}.inventory_snapshots as snapshots
                where snapshots.snapshot_type = 'full' and snapshots.snapshot_date > day::date) as next_full
        from generate_series(v_inv_from, p_run_date, interval '1 day') as day
    ),

    readings as (
        select balances.product_id, balances.location_id, balances.balance_date, balances.qty_available,
               least(
                   coalesce(lead(balances.balance_date) over (
                       partition by balances.product_id, balances.location_id order by balances.balance_date
                   ), p_run_date + 1),
                   coalesce(days.next_full, p_run_date + 1)
               ) as held_until
        from ${schema}.inventory_balances as balances
        inner join days on days.day = balances.balance_date
        where balances.balance_date between v_inv_from and p_run_date
            and (p_products is null or balances.product_id = any(p_products))
    )

    select readings.product_id, readings.location_id,
           sum(readings.qty_available * greatest(readings.held_until - greatest(readings.balance_date, v_from), 0))
           / v_window_days as avg_qty,
           bool_or(readings.qty_available > 0 and readings.held_until > v_from) as is_stocked
    from readings
    group by readings.product_id, readings.location_id;

    -- Seasonality: the last 104 weeks of each measured product's demand (all locations), week 0 ending on the run date;
    -- each year's weekly profile is divided by that year's mean and the two years are correlated week by week.
    -- Seasonality needs seasonality_min_weeks weeks of last year's season (weeks 52-103): while no demand_history row
    -- is old enough for that, every strength is null and nothing is read (a young client's nightly stays flat).
    call ${schema}.load_drop_temp('behavior_seasonality');
    create temp table behavior_seasonality on commit drop as
    with weekly as (
        select history.product_id, (p_run_date - history.demand_date) / 7 as week_ago,
               sum(history.demand_qty) as demand_qty
        from ${schema}.demand_history as history
        where history.demand_date between p_run_date - 727 and p_run_date
            and (p_products is null or history.product_id = any(p_products))
            and exists (select from ${schema}.demand_history as oldest
                        where oldest.demand_date <= p_run_date - 7 * (51 + v_season_min))
        group by history.product_id, (p_run_date - history.demand_date) / 7
    ),

    profiled as (
        select weekly.product_id, weekly.week_ago / 52 as year_ago, weekly.week_ago % 52 as week_of_season,
               weekly.demand_qty / nullif(avg(weekly.demand_qty) over (
                   partition by weekly.product_id, weekly.week_ago / 52
               ), 0) as profile
        from weekly
    )

    select this_year.product_id,
           case
               when count(*) < v_season_min then null
               else round(greatest(coalesce(corr(this_year.profile, last_year.profile), 0), 0)::numeric, 4)
           end as seasonality_strength
    from profiled as this_year
    inner join profiled as last_year
        on last_year.product_id = this_year.product_id
            and last_year.week_of_season = this_year.week_of_season
            and last_year.year_ago = 1
    where this_year.year_ago = 0
    group by this_year.product_id;

    -- The windowed measures come from the sums of behaviors_window_sums (moved by the day's edges on a nightly run).
    call ${schema}.behaviors_window_sums(p_run_date, p_settings, p_products, v_sums_mode);
    -- Statistics for the statement below: without them the planner guessed a few hundred rows and one product per
    -- group, put the product_locations aggregate on the inner side of a nested loop and ran it again for every
    -- measured row (quadratic in the pairs: 374-517 s instead of ~30 s for a full run at 1,000 x 20 x 730).
    analyze behavior_sums;

    call ${schema}.load_drop_temp('behavior_stats');
    create temp table behavior_stats on commit drop as
    with product_locations as materialized (
        -- Materialised: computed once even where the planner nests it under the measured rows (see the analyze above).
        -- n_stores: one probe of the full (product_id, location_id, demand_date) key per pair; a probe by product
        -- and date alone walked the product's whole history in that index (0.6 ms a product at 400 days, growing).
        -- A scoped run always probes the key, the date written as a one-key range of row comparisons that only that
        -- index can take (the pair's equalities keep the planner from a sequential scan for the first row): with the
        -- run date newer than demand_history's statistics (the days loaded since its last analyze are estimated at
        -- one row; at M-scale about ten nights stay under autovacuum's threshold) the plain equalities hashed the
        -- whole day (196k rows at 10k x 50, 210-250 ms of a one-product run) or, kept from hashing, scanned the day
        -- through the date index once per pair (3.3 s; session scoped16b). An unscoped run keeps the planner's
        -- choice (hashing the day suits every pair).
        select sums.product_id, count(*) as location_count,
               count(*) filter (where (p_products is null and exists (
                   select from ${schema}.demand_history as history
                   where history.product_id = sums.product_id and history.location_id = sums.location_id
                       and history.demand_date = p_run_date
               )) or (p_products is not null and exists (
                   select from ${schema}.demand_history as history
                   where history.product_id = sums.product_id and history.location_id = sums.location_id
                       and (history.product_id, history.location_id, history.demand_date)
                       >= (sums.product_id, sums.location_id, p_run_date)
                       and (history.product_id, history.location_id, history.demand_date)
                       <= (sums.product_id, sums.location_id, p_run_date)
               ))) as n_stores
        from behavior_sums as sums
        where sums.location_id is not null
        group by sums.product_id
    ),

    -- stats, regressed and measured are materialised: inlined, each measure's expression was copied into every
    -- place that reads it (trend_t_stat repeats r2 and trend, the classes and the outputs repeat the CV, the trend and
    -- the t statistic, each a numeric sqrt or division) and computed again there: 11.5-14.5 s of backend CPU for the
    -- 205,872 rows of an M night (10k x 50), 4.5-5.1 s materialised, the same rows (docs/benchmarks.md "n21e").
    stats as materialized (
        select case when sums.location_id is null then 'product' else 'pair' end as level, sums.product_id,
               sums.location_id, sums.listed_days, sums.demand_days, sums.oos_days, sums.demand_qty, sums.sold_qty,
               sums.demand_revenue,
               case when sums.cost_days > 0 then sums.demand_cost end as demand_cost,
               case when sums.growth_recent_days > 0 then sums.growth_recent_revenue end as revenue_recent,
               case when sums.growth_prior_days > 0 then sums.growth_prior_revenue end as revenue_prior,
               sums.stockout_qty, sums.imputed_days > 0 as is_oos_imputed,
               sums.demand_qty / sums.listed_days as velocity,
               coalesce(sums.recent_demand_qty / nullif(sums.recent_days, 0), 0) as recent_velocity,
               sqrt(greatest(sums.listed_days * sums.demand_qty_sq - sums.demand_qty * sums.demand_qty, 0)
                    / (sums.listed_days::numeric * sums.listed_days))
               / nullif(sums.demand_qty / sums.listed_days, 0) as demand_cv,
               sums.listed_days::numeric / nullif(sums.demand_days, 0) as adi_days,
               case when sums.demand_days > 0 and sums.demand_qty <> 0 then
                   greatest(sums.demand_days * sums.demand_qty_sq - sums.demand_qty * sums.demand_qty, 0)
                   / (sums.demand_qty * sums.demand_qty)
               end as demand_size_cv2,
               -- Least squares on the day number: slope = Sxy / Sxx, r² = Sxy² / (Sxx Syy) (all scaled by n).
               (sums.listed_days * sums.day_demand_sum - sums.day_sum * sums.demand_qty) as sxy,
               (sums.listed_days::numeric * sums.day_sq_sum - sums.day_sum::numeric * sums.day_sum) as sxx,
               (sums.listed_days * sums.demand_qty_sq - sums.demand_qty * sums.demand_qty) as syy
        from behavior_sums as sums
        where sums.listed_days > 0
    ),

    regressed as materialized (
        select stats.*,
               (stats.sxy / nullif(stats.sxx, 0))::double precision as trend,
               case
                   when stats.sxx = 0 then null
                   when stats.syy = 0 then 1
                   else (stats.sxy * stats.sxy / (stats.sxx * stats.syy))::double precision
               end as r2,
               stats.syy as demand_var
        from stats
    ),

    measured as materialized (
        select regressed.*,
               case
                   when regressed.listed_days < 3 then null
                   when regressed.demand_var = 0 or regressed.trend = 0 then 0
                   when regressed.r2 >= 1 then sign(regressed.trend) * 999999
                   else least(sign(regressed.trend)
                              * sqrt(regressed.r2 * (regressed.listed_days - 2) / (1 - regressed.r2)), 999999)
               end as trend_t_stat
        from regressed
    )

    select measured.level, measured.product_id, measured.location_id,
           case when measured.level = 'pair' then 1 else product_locations.location_count end as location_count,
           case when measured.level = 'product' then product_locations.n_stores end as n_stores,
           measured.listed_days, measured.demand_days, measured.oos_days, measured.demand_qty, measured.sold_qty,
           measured.demand_revenue, measured.demand_cost, measured.revenue_recent, measured.revenue_prior,
           measured.stockout_qty, measured.is_oos_imputed, measured.velocity,
           round(measured.recent_velocity, 4) as recent_velocity,
           round(measured.demand_cv, 4) as demand_cv,
           round(measured.adi_days, 4) as adi_days, round(measured.demand_size_cv2, 4) as demand_size_cv2,
           case
               when measured.demand_days = 0 then null
               when measured.adi_days < v_adi_cut and measured.demand_size_cv2 < v_cv2_cut then 'smooth'
               when measured.adi_days < v_adi_cut then 'erratic'
               when measured.demand_size_cv2 < v_cv2_cut then 'intermittent'
               else 'lumpy'
           end as demand_pattern,
           round(measured.trend::numeric, 6) as trend,
           round(measured.trend_t_stat::numeric, 3) as trend_t_stat,
           abs(measured.trend_t_stat) >= v_min_t as is_trend_significant,
           case
               when measured.velocity > 0
                   then round(100 * measured.recent_velocity / (measured.recent_velocity + measured.velocity), 2)
               else 0
           end as hotness_score,
           xyz_classes.id as xyz_class_id, fmr_classes.id as fmr_class_id, freq_classes.id as freq_class_id,
           null::numeric as revenue_share_pct,
           null::smallint as abc_class_id,
           product_types.is_merchandise
    from measured
    inner join product_locations on product_locations.product_id = measured.product_id
    inner join ${schema}.products on products.id = measured.product_id
    inner join ${schema}.product_types
        on product_types.id = coalesce(products.product_type_override, products.product_type_id)
    inner join ${schema}.xyz_classes on xyz_classes.code = case
        when measured.demand_cv is null then 'Z'
        when measured.demand_cv <= v_xyz_x_cv then 'X'
        when measured.demand_cv <= v_xyz_y_cv then 'Y'
        else 'Z'
    end
    inner join ${schema}.fmr_classes on fmr_classes.code = case
        when measured.demand_days * 100 >= v_fmr_f_pct * measured.listed_days then 'F'
        when measured.demand_days * 100 >= v_fmr_m_pct * measured.listed_days then 'M'
        else 'R'
    end
    inner join ${schema}.freq_classes on freq_classes.code = case
        when measured.velocity >= v_freq_f_qty then 'Frequent'
        when measured.velocity >= v_freq_n_qty then 'Normal'
        else 'Rare'
    end;
    -- Statistics for the ranks below (the key comes with the classed table at the end).
    analyze behavior_stats;

    -- ABC within the group (the location for pairs, the client for products), among merchandise only: a fee or a
    -- postage item is in revenue statistics, never in a class. An unscoped run ranks the measured rows with a running
    -- sum. A scoped run (p_products) ranks each measured row against the other products' rows of the same snapshot
    -- and the other measured rows:
    -- - up to v_probe_products products, with two sums per measured row over its group's rows (an index probe of
    --   the stored snapshot by location; no sort of the whole location);
    -- - above that, set-based: the stored rows of every group a measured row is in, minus the scoped products, plus
    --   the measured rows, ranked once by the unscoped run's running sum. The per-row sums cost (measured rows) x
    --   (group size) and re-scanned the measured rows per measured row: 1,000 products at 10k x 50 took 1.36 s a
    --   product against 0.5-0.7 s alone, and 1.7 x the full run (docs/benchmarks.md#changes, bulkscope).
    -- Both give the same ranks: the same rows in each group, the same order (revenue descending, then product id).
    call ${schema}.load_drop_temp('behavior_ranks');
    if p_products is null then
        create temp table behavior_ranks on commit drop as
        select stats.level, stats.product_id, stats.location_id, stats.demand_revenue,
               sum(stats.demand_revenue) over (partition by stats.level, stats.location_id) as group_revenue,
               coalesce(sum(stats.demand_revenue) over (
                   partition by stats.level, stats.location_id
                   order by stats.demand_revenue desc, stats.product_id
                   rows between unbounded preceding and 1 preceding
               ), 0) as revenue_before
        from behavior_stats as stats
        where stats.is_merchandise;
    elsif cardinality(p_products) > v_probe_products then
        create temp table behavior_ranks on commit drop as
        with grouped as (
            select peers.product_id, peers.location_id, peers.demand_revenue, false as is_measured, 'pair' as level
            from ${schema}.product_location_behaviors as peers
            where peers.snapshot_date = p_run_date and peers.product_id <> all(p_products)
                and peers.location_id in (select stats.location_id from behavior_stats as stats
                                          where stats.level = 'pair' and stats.is_merchandise)
            union all
            select peers.product_id, null, peers.demand_revenue, false, 'product'
            from ${schema}.product_behaviors as peers
            where peers.snapshot_date = p_run_date and peers.product_id <> all(p_products)
                and exists (select from behavior_stats as stats where stats.level = 'product' and stats.is_merchandise)
            union all
            select stats.product_id, stats.location_id, stats.demand_revenue, true, stats.level
            from behavior_stats as stats
            where stats.is_merchandise
        ),

        ranked as (
            select grouped.level, grouped.product_id, grouped.location_id, grouped.demand_revenue,
                   grouped.is_measured,
                   sum(grouped.demand_revenue) over (partition by grouped.level, grouped.location_id) as group_revenue,
                   coalesce(sum(grouped.demand_revenue) over (
                       partition by grouped.level, grouped.location_id
                       order by grouped.demand_revenue desc, grouped.product_id
                       rows between unbounded preceding and 1 preceding
                   ), 0) as revenue_before
            from grouped
        )

        select ranked.level, ranked.product_id, ranked.location_id, ranked.demand_revenue, ranked.group_revenue,
               ranked.revenue_before
        from ranked
        where ranked.is_measured;
    else
        create temp table behavior_ranks on commit drop as
        select stats.level, stats.product_id, stats.location_id, stats.demand_revenue, sums.group_revenue,
               sums.revenue_before
        from behavior_stats as stats
        cross join lateral (
            select sum(others.demand_revenue) as group_revenue,
                   coalesce(sum(others.demand_revenue) filter (
                       where others.demand_revenue > stats.demand_revenue
                       or (others.demand_revenue = stats.demand_revenue and others.product_id < stats.product_id)
                   ), 0) as revenue_before
            from (
                select peers.product_id, peers.demand_revenue
                from ${schema}.product_location_behaviors as peers
                where stats.level = 'pair' and peers.snapshot_date = p_run_date
                    and peers.location_id = stats.location_id and peers.product_id <> all(p_products)
                union all
                select peers.product_id, peers.demand_revenue
                from ${schema}.product_behaviors as peers
                where stats.level = 'product' and peers.snapshot_date = p_run_date
                    and peers.product_id <> all(p_products)
                union all
                select measured.product_id, measured.demand_revenue
                from behavior_stats as measured
                where measured.level = stats.level and measured.is_merchandise
                    and coalesce(measured.location_id, 0) = coalesce(stats.location_id, 0)
            ) as others
        ) as sums
        where stats.is_merchandise;
    end if;
    -- step_behaviors reports how the ranks were taken (pipeline_step_runs.detail.ranks).
    perform set_config('cw.behavior_ranks_mode', case
        when p_products is null then 'running sum'
        when cardinality(p_products) > v_probe_products then 'scoped, running sum'
        else 'scoped, probes'
    end, true);
    analyze behavior_ranks;

    -- The classes and shares joined in one hashed pass into a new table that replaces behavior_stats, not an update
    -- of it. An update probed the key per ranked row by product_id alone (the location is compared through coalesce)
    -- and maintained it per row: 140.7 s of an M night's step 6 (205,872 rows, 10k x 50; the update without the key
    -- 15 s). Nor can the key be built after an update: the update leaves HOT chains, and an index built over them is
    -- not used until its transaction ends (pg_index.indcheckxmin), so behaviors_write's removal, in the same
    -- transaction, would scan the table once per snapshot row again.
    call ${schema}.load_drop_temp('behavior_stats_classed');
    create temp table behavior_stats_classed on commit drop as
    select stats.level, stats.product_id, stats.location_id, stats.location_count, stats.n_stores, stats.listed_days,
           stats.demand_days, stats.oos_days, stats.demand_qty, stats.sold_qty, stats.demand_revenue, stats.demand_cost,
           stats.revenue_recent, stats.revenue_prior, stats.stockout_qty, stats.is_oos_imputed, stats.velocity,
           stats.recent_velocity, stats.demand_cv, stats.adi_days, stats.demand_size_cv2, stats.demand_pattern,
           stats.trend, stats.trend_t_stat, stats.is_trend_significant, stats.hotness_score, stats.xyz_class_id,
           stats.fmr_class_id, stats.freq_class_id,
           round(100 * ranked.demand_revenue / nullif(ranked.group_revenue, 0), 3)::numeric as revenue_share_pct,
           abc_classes.id::smallint as abc_class_id,
           stats.is_merchandise
    from behavior_stats as stats
    left join behavior_ranks as ranked
        on ranked.level = stats.level and ranked.product_id = stats.product_id
            and coalesce(ranked.location_id, 0) = coalesce(stats.location_id, 0)
    left join ${schema}.abc_classes on abc_classes.code = case
        when ranked.product_id is null then null
        when ranked.demand_revenue <= 0 or ranked.group_revenue <= 0 then 'C'
        when ranked.revenue_before < v_abc_a_pct / 100 * ranked.group_revenue then 'A'
        when ranked.revenue_before < v_abc_b_pct / 100 * ranked.group_revenue then 'B'
        else 'C'
    end;
    drop table behavior_stats;
    alter table behavior_stats_classed rename to behavior_stats;
    -- A key and statistics for the temporary table: behaviors_write removes the rows of the date that are not in it
    -- (an anti join per row of the snapshot). Without them the planner saw ~13 rows here and ~1 row of a new snapshot
    -- date, and chose a nested loop that scanned the whole table once per snapshot row: quadratic in the pairs
    -- (61 s of a 75 s nightly at 7,591 pairs; hours at 196k). Now one index probe per row.
    create index on behavior_stats (product_id, location_id);
    analyze behavior_stats;
end
$$;
comment on procedure ${schema}.behaviors_measure(date, jsonb, integer []) is
'Step 6 (behaviors): measures and classifies the snapshot of a run date into temporary tables (on commit drop): '
'behavior_stats (pairs and products over the trailing window of demand_history: velocity, CV, ADI/CV² pattern, '
'trend and its t statistic, hotness, ABC/XYZ/FMR/frequency classes), behavior_inventory (time-weighted stock per '
'pair) and behavior_seasonality (per product). With p_products only those products are measured and ABC ranks them '
'against the other products'' rows of the same snapshot (per measured row up to 8 products, by one running sum '
'over the groups they are in above that; cw.behavior_ranks_mode says which). p_settings: the resolved behaviors '
'settings.';

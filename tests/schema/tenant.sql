CREATE SCHEMA cw_nnnnnn;

ALTER SCHEMA cw_nnnnnn OWNER TO cw_nnnnnn_owner;

COMMENT ON SCHEMA cw_nnnnnn IS 'Client CW-nnnnnn production schema: core, orders, behaviours, forecasts, recommendations, quality and the pipeline procedures.';

CREATE SCHEMA cw_nnnnnn_staging;

ALTER SCHEMA cw_nnnnnn_staging OWNER TO cw_nnnnnn_owner;

COMMENT ON SCHEMA cw_nnnnnn_staging IS 'Client CW-nnnnnn raw landing rows, file registry and typed staging tables.';

CREATE SCHEMA cw_nnnnnn_stats;

ALTER SCHEMA cw_nnnnnn_stats OWNER TO cw_nnnnnn_owner;

COMMENT ON SCHEMA cw_nnnnnn_stats IS 'Client CW-nnnnnn UI statistics and warehouse star schema.';

CREATE FUNCTION cw_nnnnnn.apply_ui_edit(p_edit_uuid uuid, p_edited_at timestamp with time zone, p_edited_by text, p_table_name text, p_row_key jsonb, p_changes jsonb, p_after_run_date date, p_object_key text) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $_$
declare
    v_columns text;
    v_where   text;
    v_rows    integer;
begin
    if exists (select from cw_nnnnnn.ui_edits where ui_edits.edit_uuid = p_edit_uuid) then
        return 0;
    end if;
    select string_agg(format('%I = edit.%I', changed.key, changed.key), ', ' order by changed.key)
    into v_columns
    from jsonb_object_keys(p_changes) as changed (key)
    where exists (select from cw_nnnnnn.field_ownership
                  where field_ownership.table_name = p_table_name
                    and field_ownership.column_name = changed.key
                    and field_ownership.owner = 'ui');
    if v_columns is null or (select count(*) from jsonb_object_keys(p_changes))
        <> (select count(*) from cw_nnnnnn.field_ownership
            where field_ownership.table_name = p_table_name and field_ownership.owner = 'ui'
              and p_changes ? field_ownership.column_name) then
        raise exception 'UI edit % of % changes % which are not all UI-owned columns', p_edit_uuid, p_table_name,
            p_changes
            using errcode = 'CW136', hint = 'UI-owned columns are listed in field_ownership (owner = ui); '
                                            'the journal entry is corrupt or from another schema version';
    end if;
    v_where := case p_table_name
        when 'product_suppliers' then
            'target.product_id = (select products.id from products where products.erp_id = $2 ->> ''product_erp_id'') '
            'and target.supplier_id = (select suppliers.id from suppliers '
            'where suppliers.erp_id = $2 ->> ''supplier_erp_id'')'
        when 'location_lanes' then
            'target.from_location_id = (select locations.id from locations where locations.erp_id = $2 ->> ''from_erp_id'') '
            'and target.to_location_id = (select locations.id from locations where locations.erp_id = $2 ->> ''to_erp_id'')'
        when 'client_settings' then 'target.setting_key = $2 ->> ''setting_key'''
        else 'target.erp_id = $2 ->> ''erp_id'''
    end;
    perform set_config('cw.replaying_ui_edit', 'on', true);
    execute format('update %I.%I as target set %s from jsonb_populate_record(null::%I.%I, $1) as edit where %s',
                   'cw_nnnnnn', p_table_name, v_columns, 'cw_nnnnnn', p_table_name, v_where)
        using p_changes, p_row_key;
    get diagnostics v_rows = row_count;
    perform set_config('cw.replaying_ui_edit', 'off', true);
    if v_rows <> 1 then
        raise exception 'UI edit % of % could not be replayed: % rows match the key %', p_edit_uuid, p_table_name,
            v_rows, p_row_key
            using errcode = 'CW137', hint = 'the row the edit changed does not exist at this point of the replay '
                                            '(raw files missing or replayed out of order)';
    end if;
    insert into cw_nnnnnn.ui_edits (edit_uuid, edited_at, edited_by, table_name, row_key, changes, after_run_date,
                                    object_key, exported_at)
    select p_edit_uuid, p_edited_at, p_edited_by, p_table_name, p_row_key, p_changes, p_after_run_date,
           p_object_key, case when p_object_key is not null then clock_timestamp() end;
    return v_rows;
end
$_$;

ALTER FUNCTION cw_nnnnnn.apply_ui_edit(p_edit_uuid uuid, p_edited_at timestamp with time zone, p_edited_by text, p_table_name text, p_row_key jsonb, p_changes jsonb, p_after_run_date date, p_object_key text) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.apply_ui_edit(p_edit_uuid uuid, p_edited_at timestamp with time zone, p_edited_by text, p_table_name text, p_row_key jsonb, p_changes jsonb, p_after_run_date date, p_object_key text) IS 'Replays one journaled UI edit: updates the UI-owned columns of the row found by its business key and records the edit in ui_edits under its original uuid (already in S3). Returns 0 when the edit is already there. Errors: CW136 a change of a column that is not UI-owned, CW137 no row for the key.';

CREATE PROCEDURE cw_nnnnnn.behaviors_measure(IN p_run_date date, IN p_settings jsonb, IN p_products integer[])
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_window_days integer := (p_settings ->> 'window_days')::integer;
    v_from        date := p_run_date - ((p_settings ->> 'window_days')::integer - 1);
    v_recent_from date := p_run_date - ((p_settings ->> 'hot_recent_days')::integer - 1);
    v_growth_days integer := least((p_settings ->> 'growth_days')::integer,
                                   (p_settings ->> 'window_days')::integer / 2);
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
begin
    -- Stock: each reading holds until the pair's next reading, or until the next full snapshot (a pair missing from
    -- a full snapshot is no longer stocked: inventory_as_of), whichever comes first. Readings start at the latest
    -- full snapshot on or before the window start (a year before it when there is none).
    select coalesce(max(snapshots.snapshot_date), v_from - 366) into v_inv_from
    from cw_nnnnnn.inventory_snapshots as snapshots
    where snapshots.snapshot_type = 'full' and snapshots.snapshot_date <= v_from;

    call cw_nnnnnn.load_drop_temp('behavior_inventory');
    create temp table behavior_inventory on commit drop as
    with days as (
        select day::date as day,
               (select min(snapshots.snapshot_date) from cw_nnnnnn.inventory_snapshots as snapshots
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
        from cw_nnnnnn.inventory_balances as balances
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
    call cw_nnnnnn.load_drop_temp('behavior_seasonality');
    create temp table behavior_seasonality on commit drop as
    with weekly as (
        select history.product_id, (p_run_date - history.demand_date) / 7 as week_ago,
               sum(history.demand_qty) as demand_qty
        from cw_nnnnnn.demand_history as history
        where history.demand_date between p_run_date - 727 and p_run_date
            and (p_products is null or history.product_id = any(p_products))
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

    call cw_nnnnnn.load_drop_temp('behavior_stats');
    create temp table behavior_stats on commit drop as
    with window_rows as (
        select history.product_id, history.location_id, history.demand_date, history.demand_qty, history.quantity,
               history.revenue, history.cost, history.is_in_stock,
               coalesce(history.stockout_qty, 0) as stockout_qty, history.is_oos_imputed
        from cw_nnnnnn.demand_history as history
        where history.demand_date between v_from and p_run_date
            and (p_products is null or history.product_id = any(p_products))
    ),

    series as (
        select 'pair' as level, window_rows.product_id, window_rows.location_id, window_rows.demand_date,
               window_rows.demand_qty, window_rows.quantity, window_rows.revenue, window_rows.cost,
               window_rows.stockout_qty, window_rows.is_oos_imputed, (not window_rows.is_in_stock)::integer as oos_days
        from window_rows
        union all
        select 'product', window_rows.product_id, null, window_rows.demand_date, sum(window_rows.demand_qty),
               sum(window_rows.quantity), sum(window_rows.revenue), sum(window_rows.cost),
               sum(window_rows.stockout_qty), bool_or(window_rows.is_oos_imputed),
               count(*) filter (where not window_rows.is_in_stock)
        from window_rows
        group by window_rows.product_id, window_rows.demand_date
    ),

    product_locations as (
        select window_rows.product_id, count(distinct window_rows.location_id) as location_count,
               count(*) filter (where window_rows.demand_date = p_run_date) as n_stores
        from window_rows
        group by window_rows.product_id
    ),

    stats as (
        select series.level, series.product_id, series.location_id,
               count(*) as listed_days,
               count(*) filter (where series.demand_qty > 0) as demand_days,
               sum(series.oos_days) as oos_days,
               sum(series.demand_qty) as demand_qty,
               sum(series.quantity) as sold_qty,
               sum(series.revenue) as demand_revenue,
               sum(series.cost) as demand_cost,
               sum(series.revenue) filter (where series.demand_date > p_run_date - v_growth_days) as revenue_recent,
               sum(series.revenue) filter (
                   where series.demand_date between p_run_date - 2 * v_growth_days + 1 and p_run_date - v_growth_days
               ) as revenue_prior,
               sum(series.stockout_qty) as stockout_qty,
               bool_or(series.is_oos_imputed) as is_oos_imputed,
               avg(series.demand_qty) as velocity,
               coalesce(avg(series.demand_qty) filter (where series.demand_date >= v_recent_from), 0)
               as recent_velocity,
               stddev_pop(series.demand_qty) / nullif(avg(series.demand_qty), 0) as demand_cv,
               count(*)::numeric / nullif(count(*) filter (where series.demand_qty > 0), 0) as adi_days,
               power(stddev_pop(series.demand_qty) filter (where series.demand_qty > 0)
                     / nullif(avg(series.demand_qty) filter (where series.demand_qty > 0), 0), 2) as demand_size_cv2,
               regr_slope(series.demand_qty::double precision, (series.demand_date - v_from)::double precision)
               as trend,
               regr_r2(series.demand_qty::double precision, (series.demand_date - v_from)::double precision) as r2,
               var_pop(series.demand_qty) as demand_var
        from series
        group by series.level, series.product_id, series.location_id
    ),

    measured as (
        select stats.*,
               case
                   when stats.listed_days < 3 then null
                   when stats.demand_var = 0 or stats.trend = 0 then 0
                   when stats.r2 >= 1 then sign(stats.trend) * 999999
                   else least(sign(stats.trend) * sqrt(stats.r2 * (stats.listed_days - 2) / (1 - stats.r2)), 999999)
               end as trend_t_stat
        from stats
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
           null::smallint as abc_class_id
    from measured
    inner join product_locations on product_locations.product_id = measured.product_id
    inner join cw_nnnnnn.xyz_classes on xyz_classes.code = case
        when measured.demand_cv is null then 'Z'
        when measured.demand_cv <= v_xyz_x_cv then 'X'
        when measured.demand_cv <= v_xyz_y_cv then 'Y'
        else 'Z'
    end
    inner join cw_nnnnnn.fmr_classes on fmr_classes.code = case
        when measured.demand_days * 100 >= v_fmr_f_pct * measured.listed_days then 'F'
        when measured.demand_days * 100 >= v_fmr_m_pct * measured.listed_days then 'M'
        else 'R'
    end
    inner join cw_nnnnnn.freq_classes on freq_classes.code = case
        when measured.velocity >= v_freq_f_qty then 'Frequent'
        when measured.velocity >= v_freq_n_qty then 'Normal'
        else 'Rare'
    end;

    -- ABC within the group (the location for pairs, the client for products). An unscoped run ranks the measured rows
    -- with a running sum; a scoped run (p_products) ranks each measured row against the other products' rows of the
    -- same snapshot and the other measured rows with two sums per row (no sort of the whole location).
    call cw_nnnnnn.load_drop_temp('behavior_ranks');
    if p_products is null then
        create temp table behavior_ranks on commit drop as
        select stats.level, stats.product_id, stats.location_id, stats.demand_revenue,
               sum(stats.demand_revenue) over (partition by stats.level, stats.location_id) as group_revenue,
               coalesce(sum(stats.demand_revenue) over (
                   partition by stats.level, stats.location_id
                   order by stats.demand_revenue desc, stats.product_id
                   rows between unbounded preceding and 1 preceding
               ), 0) as revenue_before
        from behavior_stats as stats;
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
                from cw_nnnnnn.product_location_behaviors as peers
                where stats.level = 'pair' and peers.snapshot_date = p_run_date
                    and peers.location_id = stats.location_id and peers.product_id <> all(p_products)
                union all
                select peers.product_id, peers.demand_revenue
                from cw_nnnnnn.product_behaviors as peers
                where stats.level = 'product' and peers.snapshot_date = p_run_date
                    and peers.product_id <> all(p_products)
                union all
                select measured.product_id, measured.demand_revenue
                from behavior_stats as measured
                where measured.level = stats.level
                    and coalesce(measured.location_id, 0) = coalesce(stats.location_id, 0)
            ) as others
        ) as sums;
    end if;

    update behavior_stats as stats
    set revenue_share_pct = round(100 * ranked.demand_revenue / nullif(ranked.group_revenue, 0), 3),
        abc_class_id = abc_classes.id
    from behavior_ranks as ranked
    inner join cw_nnnnnn.abc_classes on abc_classes.code = case
        when ranked.demand_revenue <= 0 or ranked.group_revenue <= 0 then 'C'
        when ranked.revenue_before < v_abc_a_pct / 100 * ranked.group_revenue then 'A'
        when ranked.revenue_before < v_abc_b_pct / 100 * ranked.group_revenue then 'B'
        else 'C'
    end
    where ranked.level = stats.level and ranked.product_id = stats.product_id
        and coalesce(ranked.location_id, 0) = coalesce(stats.location_id, 0);
end
$$;

ALTER PROCEDURE cw_nnnnnn.behaviors_measure(IN p_run_date date, IN p_settings jsonb, IN p_products integer[]) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.behaviors_measure(IN p_run_date date, IN p_settings jsonb, IN p_products integer[]) IS 'Step 6 (behaviors): measures and classifies the snapshot of a run date into temporary tables (on commit drop): behavior_stats (pairs and products over the trailing window of demand_history: velocity, CV, ADI/CV² pattern, trend and its t statistic, hotness, ABC/XYZ/FMR/frequency classes), behavior_inventory (time-weighted stock per pair) and behavior_seasonality (per product). With p_products only those products are measured and ABC ranks them against the other products'' rows of the same snapshot. p_settings: the resolved behaviors settings.';

CREATE PROCEDURE cw_nnnnnn.behaviors_write(IN p_run_date date, IN p_window_days integer, IN p_products integer[], IN p_locations integer[], INOUT p_counts jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_pairs    bigint;
    v_products bigint;
    v_deleted  bigint;
    v_more     bigint;
begin
    insert into cw_nnnnnn.product_location_behaviors as behaviors (
        product_id, location_id, snapshot_date, window_days, listed_days, demand_days, demand_qty, demand_revenue,
        demand_cost, stockout_qty, is_oos_imputed, velocity, recent_velocity, demand_cv, adi_days, demand_size_cv2,
        demand_pattern, trend, trend_t_stat, is_trend_significant, hotness_score, revenue_share_pct, abc_class_id,
        xyz_class_id, fmr_class_id, freq_class_id
    )
    select stats.product_id, stats.location_id, p_run_date, p_window_days, stats.listed_days, stats.demand_days,
           stats.demand_qty, stats.demand_revenue, stats.demand_cost, stats.stockout_qty, stats.is_oos_imputed,
           round(stats.velocity, 4), stats.recent_velocity, stats.demand_cv, stats.adi_days, stats.demand_size_cv2,
           stats.demand_pattern, stats.trend, stats.trend_t_stat, stats.is_trend_significant, stats.hotness_score,
           stats.revenue_share_pct, stats.abc_class_id, stats.xyz_class_id, stats.fmr_class_id, stats.freq_class_id
    from behavior_stats as stats
    where stats.level = 'pair'
        and (p_products is null or stats.product_id = any(p_products))
        and (p_locations is null or stats.location_id = any(p_locations))
    on conflict on constraint product_location_behaviors_product_location_snapshot_key do update
    set window_days = excluded.window_days, listed_days = excluded.listed_days, demand_days = excluded.demand_days,
        demand_qty = excluded.demand_qty, demand_revenue = excluded.demand_revenue,
        demand_cost = excluded.demand_cost, stockout_qty = excluded.stockout_qty,
        is_oos_imputed = excluded.is_oos_imputed, velocity = excluded.velocity,
        recent_velocity = excluded.recent_velocity, demand_cv = excluded.demand_cv, adi_days = excluded.adi_days,
        demand_size_cv2 = excluded.demand_size_cv2, demand_pattern = excluded.demand_pattern,
        trend = excluded.trend, trend_t_stat = excluded.trend_t_stat,
        is_trend_significant = excluded.is_trend_significant, hotness_score = excluded.hotness_score,
        revenue_share_pct = excluded.revenue_share_pct, abc_class_id = excluded.abc_class_id,
        xyz_class_id = excluded.xyz_class_id, fmr_class_id = excluded.fmr_class_id,
        freq_class_id = excluded.freq_class_id, updated_at = now()
    where (behaviors.window_days, behaviors.listed_days, behaviors.demand_days, behaviors.demand_qty,
           behaviors.demand_revenue, behaviors.demand_cost, behaviors.stockout_qty, behaviors.is_oos_imputed,
           behaviors.velocity, behaviors.recent_velocity, behaviors.demand_cv, behaviors.adi_days,
           behaviors.demand_size_cv2, behaviors.demand_pattern, behaviors.trend, behaviors.trend_t_stat,
           behaviors.is_trend_significant, behaviors.hotness_score, behaviors.revenue_share_pct,
           behaviors.abc_class_id, behaviors.xyz_class_id, behaviors.fmr_class_id, behaviors.freq_class_id)
        is distinct from
        (excluded.window_days, excluded.listed_days, excluded.demand_days, excluded.demand_qty,
         excluded.demand_revenue, excluded.demand_cost, excluded.stockout_qty, excluded.is_oos_imputed,
         excluded.velocity, excluded.recent_velocity, excluded.demand_cv, excluded.adi_days,
         excluded.demand_size_cv2, excluded.demand_pattern, excluded.trend, excluded.trend_t_stat,
         excluded.is_trend_significant, excluded.hotness_score, excluded.revenue_share_pct,
         excluded.abc_class_id, excluded.xyz_class_id, excluded.fmr_class_id, excluded.freq_class_id);
    get diagnostics v_pairs = row_count;

    delete from cw_nnnnnn.product_location_behaviors as behaviors
    where behaviors.snapshot_date = p_run_date
        and (p_products is null or behaviors.product_id = any(p_products))
        and (p_locations is null or behaviors.location_id = any(p_locations))
        and not exists (
            select from behavior_stats as stats
            where stats.level = 'pair' and stats.product_id = behaviors.product_id
                and stats.location_id = behaviors.location_id
        );
    get diagnostics v_deleted = row_count;

    -- Products: stock over the stores and webshop (the locations demand is measured at), shelf time, seasonality.
    insert into cw_nnnnnn.product_behaviors as behaviors (
        product_id, snapshot_date, window_days, listed_days, location_count, n_stores, demand_days, demand_qty,
        demand_revenue, demand_cost, stockout_qty, is_oos_imputed, velocity, recent_velocity, demand_cv, adi_days,
        demand_size_cv2, demand_pattern, trend, trend_t_stat, is_trend_significant, hotness_score,
        seasonality_strength, avg_inventory_qty, shelf_time_days, revenue_share_pct, abc_class_id, xyz_class_id,
        fmr_class_id, freq_class_id
    )
    select stats.product_id, p_run_date, p_window_days, stats.listed_days, stats.location_count, stats.n_stores,
           stats.demand_days, stats.demand_qty, stats.demand_revenue, stats.demand_cost, stats.stockout_qty,
           stats.is_oos_imputed, round(stats.velocity, 4), stats.recent_velocity, stats.demand_cv, stats.adi_days,
           stats.demand_size_cv2, stats.demand_pattern, stats.trend, stats.trend_t_stat, stats.is_trend_significant,
           stats.hotness_score, seasonality.seasonality_strength, round(coalesce(stock.avg_qty, 0), 3),
           round(coalesce(stock.avg_qty, 0) / nullif(stats.velocity, 0), 2), stats.revenue_share_pct,
           stats.abc_class_id, stats.xyz_class_id, stats.fmr_class_id, stats.freq_class_id
    from behavior_stats as stats
    left join behavior_seasonality as seasonality on seasonality.product_id = stats.product_id
    left join (
        select inventory.product_id, sum(inventory.avg_qty) as avg_qty
        from behavior_inventory as inventory
        inner join cw_nnnnnn.locations on locations.id = inventory.location_id
        where locations.location_type in ('store', 'online')
        group by inventory.product_id
    ) as stock on stock.product_id = stats.product_id
    where stats.level = 'product' and (p_products is null or stats.product_id = any(p_products))
    on conflict on constraint product_behaviors_product_id_snapshot_date_key do update
    set window_days = excluded.window_days, listed_days = excluded.listed_days,
        location_count = excluded.location_count, n_stores = excluded.n_stores,
        demand_days = excluded.demand_days, demand_qty = excluded.demand_qty,
        demand_revenue = excluded.demand_revenue, demand_cost = excluded.demand_cost,
        stockout_qty = excluded.stockout_qty, is_oos_imputed = excluded.is_oos_imputed,
        velocity = excluded.velocity, recent_velocity = excluded.recent_velocity, demand_cv = excluded.demand_cv,
        adi_days = excluded.adi_days, demand_size_cv2 = excluded.demand_size_cv2,
        demand_pattern = excluded.demand_pattern, trend = excluded.trend, trend_t_stat = excluded.trend_t_stat,
        is_trend_significant = excluded.is_trend_significant, hotness_score = excluded.hotness_score,
        seasonality_strength = excluded.seasonality_strength, avg_inventory_qty = excluded.avg_inventory_qty,
        shelf_time_days = excluded.shelf_time_days, revenue_share_pct = excluded.revenue_share_pct,
        abc_class_id = excluded.abc_class_id, xyz_class_id = excluded.xyz_class_id,
        fmr_class_id = excluded.fmr_class_id, freq_class_id = excluded.freq_class_id, updated_at = now()
    where (behaviors.window_days, behaviors.listed_days, behaviors.location_count, behaviors.n_stores,
           behaviors.demand_days, behaviors.demand_qty, behaviors.demand_revenue, behaviors.demand_cost,
           behaviors.stockout_qty, behaviors.is_oos_imputed, behaviors.velocity, behaviors.recent_velocity,
           behaviors.demand_cv, behaviors.adi_days, behaviors.demand_size_cv2, behaviors.demand_pattern,
           behaviors.trend, behaviors.trend_t_stat, behaviors.is_trend_significant, behaviors.hotness_score,
           behaviors.seasonality_strength, behaviors.avg_inventory_qty, behaviors.shelf_time_days,
           behaviors.revenue_share_pct, behaviors.abc_class_id, behaviors.xyz_class_id, behaviors.fmr_class_id,
           behaviors.freq_class_id)
        is distinct from
        (excluded.window_days, excluded.listed_days, excluded.location_count, excluded.n_stores,
         excluded.demand_days, excluded.demand_qty, excluded.demand_revenue, excluded.demand_cost,
         excluded.stockout_qty, excluded.is_oos_imputed, excluded.velocity, excluded.recent_velocity,
         excluded.demand_cv, excluded.adi_days, excluded.demand_size_cv2, excluded.demand_pattern,
         excluded.trend, excluded.trend_t_stat, excluded.is_trend_significant, excluded.hotness_score,
         excluded.seasonality_strength, excluded.avg_inventory_qty, excluded.shelf_time_days,
         excluded.revenue_share_pct, excluded.abc_class_id, excluded.xyz_class_id, excluded.fmr_class_id,
         excluded.freq_class_id);
    get diagnostics v_products = row_count;

    delete from cw_nnnnnn.product_behaviors as behaviors
    where behaviors.snapshot_date = p_run_date
        and (p_products is null or behaviors.product_id = any(p_products))
        and not exists (
            select from behavior_stats as stats
            where stats.level = 'product' and stats.product_id = behaviors.product_id
        );
    get diagnostics v_more = row_count;

    p_counts := coalesce(p_counts, '{}') || jsonb_build_object(
        'pairs_written', v_pairs, 'products_written', v_products, 'rows_deleted', v_deleted + v_more
    );
end
$$;

ALTER PROCEDURE cw_nnnnnn.behaviors_write(IN p_run_date date, IN p_window_days integer, IN p_products integer[], IN p_locations integer[], INOUT p_counts jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.behaviors_write(IN p_run_date date, IN p_window_days integer, IN p_products integer[], IN p_locations integer[], INOUT p_counts jsonb) IS 'Step 6 (behaviors): upserts the measured snapshot (behaviors_measure''s temporary tables) into product_location_behaviors (the pairs within p_products x p_locations, null = all) and product_behaviors (the products within p_products), rewriting only changed rows and removing rows of the date without demand in the window. Adds pairs_written, products_written and rows_deleted to p_counts.';

CREATE PROCEDURE cw_nnnnnn.behaviors_write_aggregates(IN p_run_date date, IN p_window_days integer, INOUT p_counts jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_currency_id smallint;
    v_locations   bigint;
    v_categories  bigint;
    v_deleted     bigint;
    v_more        bigint;
begin
    select clients.currency_id into v_currency_id from cw_global.clients where clients.schema_name = 'cw_nnnnnn';

    call cw_nnnnnn.load_drop_temp('behavior_locations');
    create temp table behavior_locations on commit drop as
    with pairs as (
        select stats.location_id, sum(stats.demand_revenue) as revenue, sum(stats.sold_qty) as sold_qty,
               sum(stats.demand_qty) as demand_qty, sum(stats.oos_days) as oos_days,
               sum(stats.listed_days) as listed_days
        from behavior_stats as stats
        where stats.level = 'pair'
        group by stats.location_id
    ),

    stock as (
        select inventory.location_id, sum(inventory.avg_qty * products.cost) as inventory_value
        from behavior_inventory as inventory
        inner join cw_nnnnnn.products on products.id = inventory.product_id
        group by inventory.location_id
    ),

    active as (
        select active_pairs.location_id, count(*) as active_products
        from (
            select stats.product_id, stats.location_id from behavior_stats as stats
            where stats.level = 'pair' and stats.demand_qty > 0
            union
            select inventory.product_id, inventory.location_id from behavior_inventory as inventory
            where inventory.is_stocked
        ) as active_pairs
        group by active_pairs.location_id
    )

    select locations.id as location_id, coalesce(pairs.revenue, 0) as revenue,
           coalesce(pairs.sold_qty, 0) as sold_qty, coalesce(pairs.demand_qty, 0) as demand_qty,
           round(pairs.sold_qty / nullif(pairs.demand_qty, 0), 4) as fill_rate,
           round(pairs.oos_days::numeric / nullif(pairs.listed_days, 0), 4) as stockout_rate,
           round(stock.inventory_value, 4) as avg_inventory_value,
           coalesce(active.active_products, 0) as active_products
    from cw_nnnnnn.locations
    left join pairs on pairs.location_id = locations.id
    left join stock on stock.location_id = locations.id
    left join active on active.location_id = locations.id
    where pairs.location_id is not null or stock.location_id is not null;

    insert into cw_nnnnnn.location_behaviors as behaviors (
        location_id, snapshot_date, window_days, currency_id, revenue, sold_qty, demand_qty, fill_rate,
        stockout_rate, avg_inventory_value, active_products
    )
    select measured.location_id, p_run_date, p_window_days, v_currency_id, measured.revenue, measured.sold_qty,
           measured.demand_qty, measured.fill_rate, measured.stockout_rate, measured.avg_inventory_value,
           measured.active_products
    from behavior_locations as measured
    on conflict on constraint location_behaviors_location_id_snapshot_date_key do update
    set window_days = excluded.window_days, currency_id = excluded.currency_id, revenue = excluded.revenue,
        sold_qty = excluded.sold_qty, demand_qty = excluded.demand_qty, fill_rate = excluded.fill_rate,
        stockout_rate = excluded.stockout_rate, avg_inventory_value = excluded.avg_inventory_value,
        active_products = excluded.active_products, updated_at = now()
    where (behaviors.window_days, behaviors.currency_id, behaviors.revenue, behaviors.sold_qty, behaviors.demand_qty,
           behaviors.fill_rate, behaviors.stockout_rate, behaviors.avg_inventory_value, behaviors.active_products)
        is distinct from
        (excluded.window_days, excluded.currency_id, excluded.revenue, excluded.sold_qty, excluded.demand_qty,
         excluded.fill_rate, excluded.stockout_rate, excluded.avg_inventory_value, excluded.active_products);
    get diagnostics v_locations = row_count;

    delete from cw_nnnnnn.location_behaviors as behaviors
    where behaviors.snapshot_date = p_run_date
        and not exists (select from behavior_locations as measured where measured.location_id = behaviors.location_id);
    get diagnostics v_deleted = row_count;

    -- Categories: every category, with the products of its whole subtree.
    call cw_nnnnnn.load_drop_temp('behavior_categories');
    create temp table behavior_categories on commit drop as
    with recursive subtree as (
        select categories.id as category_id, categories.id as ancestor_id, categories.parent_id, 1 as depth
        from cw_nnnnnn.product_categories as categories
        union all
        select subtree.category_id, parent.id, parent.parent_id, subtree.depth + 1
        from subtree
        inner join cw_nnnnnn.product_categories as parent on parent.id = subtree.parent_id
        where subtree.depth < 64
    ),

    store_stock as (
        select inventory.product_id, sum(inventory.avg_qty) as avg_qty
        from behavior_inventory as inventory
        inner join cw_nnnnnn.locations on locations.id = inventory.location_id
        where locations.location_type in ('store', 'online')
        group by inventory.product_id
    ),

    per_product as (
        select products.id as product_id, products.product_category_id, products.is_active,
               stats.product_id is not null as is_listed, stats.demand_revenue, stats.revenue_recent,
               stats.revenue_prior, stats.hotness_score, stats.velocity, store_stock.avg_qty * products.cost as value
        from cw_nnnnnn.products
        left join behavior_stats as stats on stats.level = 'product' and stats.product_id = products.id
        left join store_stock on store_stock.product_id = products.id
        where products.product_category_id is not null
    )

    select subtree.ancestor_id as product_category_id,
           count(*) filter (where per_product.is_active) as product_count,
           count(*) filter (where per_product.is_listed) as active_product_count,
           coalesce(sum(per_product.demand_revenue), 0) as total_revenue,
           round(sum(per_product.value), 4) as total_inventory_value,
           round(avg(per_product.hotness_score), 2) as avg_hotness_score,
           round(avg(per_product.velocity), 4) as avg_velocity,
           round(coalesce(sum(per_product.revenue_recent), 0) / nullif(sum(per_product.revenue_prior), 0) - 1, 4)
           as growth_rate
    from cw_nnnnnn.product_categories as categories
    inner join subtree on subtree.ancestor_id = categories.id
    left join per_product on per_product.product_category_id = subtree.category_id
    group by subtree.ancestor_id;

    insert into cw_nnnnnn.category_behaviors as behaviors (
        product_category_id, snapshot_date, window_days, currency_id, product_count, active_product_count,
        total_revenue, total_inventory_value, avg_hotness_score, avg_velocity, growth_rate
    )
    select measured.product_category_id, p_run_date, p_window_days, v_currency_id, measured.product_count,
           measured.active_product_count, measured.total_revenue, measured.total_inventory_value,
           measured.avg_hotness_score, measured.avg_velocity, measured.growth_rate
    from behavior_categories as measured
    on conflict on constraint category_behaviors_category_snapshot_key do update
    set window_days = excluded.window_days, currency_id = excluded.currency_id,
        product_count = excluded.product_count, active_product_count = excluded.active_product_count,
        total_revenue = excluded.total_revenue, total_inventory_value = excluded.total_inventory_value,
        avg_hotness_score = excluded.avg_hotness_score, avg_velocity = excluded.avg_velocity,
        growth_rate = excluded.growth_rate, updated_at = now()
    where (behaviors.window_days, behaviors.currency_id, behaviors.product_count, behaviors.active_product_count,
           behaviors.total_revenue, behaviors.total_inventory_value, behaviors.avg_hotness_score,
           behaviors.avg_velocity, behaviors.growth_rate)
        is distinct from
        (excluded.window_days, excluded.currency_id, excluded.product_count, excluded.active_product_count,
         excluded.total_revenue, excluded.total_inventory_value, excluded.avg_hotness_score,
         excluded.avg_velocity, excluded.growth_rate);
    get diagnostics v_categories = row_count;

    delete from cw_nnnnnn.category_behaviors as behaviors
    where behaviors.snapshot_date = p_run_date
        and not exists (
            select from behavior_categories as measured
            where measured.product_category_id = behaviors.product_category_id
        );
    get diagnostics v_more = row_count;

    p_counts := coalesce(p_counts, '{}') || jsonb_build_object(
        'locations_written', v_locations, 'categories_written', v_categories,
        'rows_deleted', coalesce((p_counts ->> 'rows_deleted')::bigint, 0) + v_deleted + v_more
    );
end
$$;

ALTER PROCEDURE cw_nnnnnn.behaviors_write_aggregates(IN p_run_date date, IN p_window_days integer, INOUT p_counts jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.behaviors_write_aggregates(IN p_run_date date, IN p_window_days integer, INOUT p_counts jsonb) IS 'Step 6 (behaviors), unscoped runs: location_behaviors (revenue, fill and stockout rates, average stock value, active products per location) and category_behaviors (per category subtree: products, revenue, stock value, mean hotness and velocity, growth) of the snapshot, from behaviors_measure''s temporary tables; only changed rows are written, rows of the date that no longer apply are removed. Adds locations_written and categories_written to p_counts.';

CREATE FUNCTION cw_nnnnnn.client_settings_check() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    if not exists (select from cw_global.setting_definitions
                   inner join cw_global.setting_sections on setting_sections.section = setting_definitions.section
                   where setting_definitions.setting_key = new.setting_key
                       and setting_sections.stored_in = 'client_settings') then
        raise exception 'unknown client setting % of client CW-nnnnnn', quote_literal(new.setting_key)
            using errcode = 'CW050',
                  hint = 'settings kept in client_settings: ' || (
                      select string_agg(setting_definitions.setting_key, ', ' order by setting_definitions.setting_key)
                      from cw_global.setting_definitions
                      inner join cw_global.setting_sections
                          on setting_sections.section = setting_definitions.section
                      where setting_sections.stored_in = 'client_settings');
    end if;
    new.setting_value := cw_global.setting_value(new.setting_key, new.setting_value, 'CW-nnnnnn');
    return new;
end
$$;

ALTER FUNCTION cw_nnnnnn.client_settings_check() OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.client_settings_check() IS 'Trigger of client_settings: a key must be a catalog setting kept in client_settings (CW050) and its value valid (normalised; the section''s SQLSTATE otherwise), whoever writes it — the UI role or a DBA.';

CREATE FUNCTION cw_nnnnnn.client_today() RETURNS date
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
    select (now() at time zone clients.timezone)::date
    from cw_global.clients
    where clients.schema_name = 'cw_nnnnnn'
$$;

ALTER FUNCTION cw_nnnnnn.client_today() OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.client_today() IS 'Today in the client''s time zone: the run date of the nightly pg_cron job.';

CREATE TABLE cw_nnnnnn.customer_versions (
    id bigint NOT NULL,
    customer_id integer NOT NULL,
    valid_from date NOT NULL,
    valid_to date,
    is_current boolean NOT NULL,
    name text,
    email text,
    city_name text,
    version_hash uuid NOT NULL,
    CONSTRAINT customer_version_current_check CHECK ((is_current = (valid_to IS NULL))),
    CONSTRAINT customer_version_validity_check CHECK ((valid_to > valid_from))
);

ALTER TABLE cw_nnnnnn.customer_versions OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.customer_versions IS 'SCD type 2 history of customers (seed 003: a customer who moves gets a new version). Valid on [valid_from, valid_to). See customer_as_of().';

COMMENT ON COLUMN cw_nnnnnn.customer_versions.customer_id IS 'The customer.';

COMMENT ON COLUMN cw_nnnnnn.customer_versions.valid_from IS 'Run date from which the version holds (inclusive).';

COMMENT ON COLUMN cw_nnnnnn.customer_versions.valid_to IS 'Run date of the next version (exclusive); null = current.';

COMMENT ON COLUMN cw_nnnnnn.customer_versions.is_current IS 'True for the version valid today.';

COMMENT ON COLUMN cw_nnnnnn.customer_versions.name IS 'Tracked: name.';

COMMENT ON COLUMN cw_nnnnnn.customer_versions.email IS 'Tracked: e-mail.';

COMMENT ON COLUMN cw_nnnnnn.customer_versions.city_name IS 'Tracked: city.';

COMMENT ON COLUMN cw_nnnnnn.customer_versions.version_hash IS 'MD5 of the tracked attributes.';

CREATE FUNCTION cw_nnnnnn.customer_as_of(p_date date) RETURNS SETOF cw_nnnnnn.customer_versions
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
    select * from cw_nnnnnn.customer_versions
    where customer_versions.valid_from <= p_date
        and (customer_versions.valid_to is null or customer_versions.valid_to > p_date)
$$;

ALTER FUNCTION cw_nnnnnn.customer_as_of(p_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.customer_as_of(p_date date) IS 'Every customer as it was on a date.';

CREATE PROCEDURE cw_nnnnnn.demand_history_compute(IN p_from date, IN p_to date, IN p_window_days integer, IN p_prior_days numeric, IN p_stop_probability numeric)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    call cw_nnnnnn.load_drop_temp('demand_base');
    call cw_nnnnnn.load_drop_temp('demand_computed');

    -- One row per pair and day from the pair's first evidence (a sale or a stock reading) to p_to. A pair dropped
    -- from the latest full snapshot (stocked before, no reading since) that sells nothing is delisted that day: it
    -- keeps its place in the grid (dense windows) but is neither a rate day nor written.
    create temp table demand_base on commit drop as
    with customer_locations as (
        select locations.id as location_id, locations.location_type = 'online' as is_online
        from cw_nnnnnn.locations
        where locations.location_type in ('store', 'online')
    ),

    daily_sales as (
        select lines.product_id, orders.location_id, orders.order_date as demand_date, sum(lines.qty) as qty,
               sum(coalesce(lines.revenue, 0)) as revenue
        from cw_nnnnnn.sales_order_lines as lines
        inner join cw_nnnnnn.sales_orders as orders on orders.id = lines.sales_order_id
        where lines.is_active and orders.status is distinct from 'cancelled'
            and orders.order_date between p_from and p_to
        group by lines.product_id, orders.location_id, orders.order_date
    ),

    open_days as (
        select daily_sales.location_id, daily_sales.demand_date
        from daily_sales
        where daily_sales.qty > 0
        group by daily_sales.location_id, daily_sales.demand_date
    ),

    evidence as (
        select lines.product_id, orders.location_id, min(orders.order_date) as first_date
        from cw_nnnnnn.sales_order_lines as lines
        inner join cw_nnnnnn.sales_orders as orders on orders.id = lines.sales_order_id
        where lines.is_active and orders.status is distinct from 'cancelled' and orders.order_date <= p_to
        group by lines.product_id, orders.location_id
        union all
        select balances.product_id, balances.location_id, min(balances.balance_date)
        from cw_nnnnnn.inventory_balances as balances
        where balances.balance_date <= p_to
        group by balances.product_id, balances.location_id
    ),

    pairs as (
        select evidence.product_id, evidence.location_id, min(evidence.first_date) as first_date
        from evidence
        inner join customer_locations on customer_locations.location_id = evidence.location_id
        group by evidence.product_id, evidence.location_id
    ),

    full_snapshots as (
        select day::date as demand_date,
               coalesce((select max(snapshots.snapshot_date) from cw_nnnnnn.inventory_snapshots as snapshots
                         where snapshots.snapshot_type = 'full' and snapshots.snapshot_date <= day::date),
                        '-infinity') as full_date
        from generate_series(p_from, p_to, interval '1 day') as day
    ),

    grid as (
        select pairs.product_id, pairs.location_id, day::date as demand_date
        from pairs
        cross join lateral generate_series(greatest(pairs.first_date, p_from), p_to, interval '1 day') as day
    )

    select grid.product_id, grid.location_id, grid.demand_date, products.product_category_id, products.is_dropship,
           products.cost as unit_cost, customer_locations.is_online, coalesce(daily_sales.qty, 0) as qty,
           coalesce(daily_sales.revenue, 0) as revenue, stock.qty_available,
           open_days.location_id is not null as is_location_open,
           stock.qty_available is null and daily_sales.qty is null and exists (
               select from cw_nnnnnn.inventory_balances as earlier
               where earlier.product_id = grid.product_id and earlier.location_id = grid.location_id
                   and earlier.balance_date < full_snapshots.full_date
           ) as is_delisted
    from grid
    inner join cw_nnnnnn.products on products.id = grid.product_id
    inner join customer_locations on customer_locations.location_id = grid.location_id
    inner join full_snapshots on full_snapshots.demand_date = grid.demand_date
    left join daily_sales
        on daily_sales.product_id = grid.product_id and daily_sales.location_id = grid.location_id
        and daily_sales.demand_date = grid.demand_date
    left join open_days on open_days.location_id = grid.location_id and open_days.demand_date = grid.demand_date
    left join lateral (
        select balances.qty_available
        from cw_nnnnnn.inventory_balances as balances
        where balances.product_id = grid.product_id and balances.location_id = grid.location_id
            and balances.balance_date <= grid.demand_date and balances.balance_date >= full_snapshots.full_date
        order by balances.balance_date desc
        limit 1
    ) as stock on true;

    -- Rates over the p_window_days days before each day (the day itself excluded): a rate day is a day the location
    -- sold something and the pair was not known to be out of stock.
    create temp table demand_computed on commit drop as
    with base as (
        select demand_base.*,
               demand_base.is_location_open and not demand_base.is_delisted
               and coalesce(demand_base.qty_available > 0, true) as is_rate_day
        from demand_base
    ),

    pair_windows as (
        select base.*,
               coalesce(sum(base.qty) filter (where base.is_rate_day) over pair_window, 0) as own_qty,
               count(*) filter (where base.is_rate_day) over pair_window as own_days,
               count(*) filter (where base.is_location_open) over pair_history as open_day_no
        from base
        window pair_window as (
            partition by base.product_id, base.location_id order by base.demand_date
            rows between p_window_days preceding and 1 preceding
        ),
        pair_history as (
            partition by base.product_id, base.location_id order by base.demand_date rows unbounded preceding
        )
    ),

    pair_last_sale as (
        select pair_windows.*,
               max(pair_windows.open_day_no) filter (where pair_windows.qty > 0) over (
                   partition by pair_windows.product_id, pair_windows.location_id order by pair_windows.demand_date
                   rows unbounded preceding
               ) as last_sale_day_no
        from pair_windows
    ),

    product_days as (
        select base.product_id, base.demand_date, coalesce(sum(base.qty) filter (where base.is_rate_day), 0) as qty,
               count(*) filter (where base.is_rate_day) as rate_days, sum(base.qty) as all_qty
        from base
        group by base.product_id, base.demand_date
    ),

    product_windows as (
        select product_days.product_id, product_days.demand_date,
               coalesce(sum(product_days.qty) over product_window, 0) as product_qty,
               coalesce(sum(product_days.rate_days) over product_window, 0) as product_days,
               sum(product_days.all_qty) over (
                   partition by product_days.product_id order by product_days.demand_date
                   rows between p_window_days preceding and current row
               ) as product_recent_qty
        from product_days
        window product_window as (
            partition by product_days.product_id order by product_days.demand_date
            rows between p_window_days preceding and 1 preceding
        )
    ),

    category_location_days as (
        select base.product_category_id, base.location_id, base.demand_date,
               coalesce(sum(base.qty) filter (where base.is_rate_day), 0) as qty,
               count(*) filter (where base.is_rate_day) as rate_days
        from base
        where base.product_category_id is not null
        group by base.product_category_id, base.location_id, base.demand_date
    ),

    category_location_windows as (
        select category_location_days.product_category_id, category_location_days.location_id,
               category_location_days.demand_date,
               sum(category_location_days.qty) over category_window as category_qty,
               sum(category_location_days.rate_days) over category_window as category_days
        from category_location_days
        window category_window as (
            partition by category_location_days.product_category_id, category_location_days.location_id
            order by category_location_days.demand_date rows between p_window_days preceding and 1 preceding
        )
    ),

    category_days as (
        select base.product_category_id, base.demand_date,
               coalesce(sum(base.qty) filter (where base.is_rate_day), 0) as qty,
               count(*) filter (where base.is_rate_day) as rate_days
        from base
        where base.product_category_id is not null
        group by base.product_category_id, base.demand_date
    ),

    category_windows as (
        select category_days.product_category_id, category_days.demand_date,
               sum(category_days.qty) over category_window as category_qty,
               sum(category_days.rate_days) over category_window as category_days
        from category_days
        window category_window as (
            partition by category_days.product_category_id order by category_days.demand_date
            rows between p_window_days preceding and 1 preceding
        )
    ),

    priors as (
        select pair_last_sale.*, product_windows.product_recent_qty,
               product_windows.product_days - pair_last_sale.own_days as other_days,
               case
                   when product_windows.product_days - pair_last_sale.own_days > 0
                       then (product_windows.product_qty - pair_last_sale.own_qty)
                       / (product_windows.product_days - pair_last_sale.own_days)
                       * coalesce((category_location_windows.category_qty
                                   / nullif(category_location_windows.category_days, 0))
                                  / nullif(category_windows.category_qty
                                           / nullif(category_windows.category_days, 0), 0), 1)
                   when category_location_windows.category_days > 0
                       then category_location_windows.category_qty / category_location_windows.category_days
               end as prior_rate
        from pair_last_sale
        inner join product_windows
            on product_windows.product_id = pair_last_sale.product_id
            and product_windows.demand_date = pair_last_sale.demand_date
        left join category_location_windows
            on category_location_windows.product_category_id = pair_last_sale.product_category_id
            and category_location_windows.location_id = pair_last_sale.location_id
            and category_location_windows.demand_date = pair_last_sale.demand_date
        left join category_windows
            on category_windows.product_category_id = pair_last_sale.product_category_id
            and category_windows.demand_date = pair_last_sale.demand_date
    ),

    rates as (
        select priors.*,
               case
                   when priors.prior_rate is not null and priors.own_days + p_prior_days > 0
                       then (priors.own_qty + p_prior_days * priors.prior_rate) / (priors.own_days + p_prior_days)
                   when priors.prior_rate is not null then priors.prior_rate
                   when priors.own_days > 0 then priors.own_qty / priors.own_days
               end as selling_rate
        from priors
    ),

    flags as (
        select rates.*,
               rates.is_dropship or not (
                   coalesce(rates.qty_available <= 0, false)
                   or (rates.qty_available is null and rates.qty = 0 and rates.last_sale_day_no is not null
                       and rates.selling_rate > 0
                       and rates.selling_rate * (rates.open_day_no - rates.last_sale_day_no) >= -ln(p_stop_probability))
               ) as is_in_stock
        from rates
    ),

    imputed as (
        select flags.*,
               case
                   when not flags.is_in_stock and flags.selling_rate is not null
                       then case when flags.is_location_open then round(greatest(flags.selling_rate - flags.qty, 0), 3)
                           else 0 end
               end as stockout_qty
        from flags
    ),

    final as (
        select imputed.product_id, imputed.location_id, imputed.demand_date, imputed.qty as quantity,
               round(imputed.revenue, 4) as revenue, round(imputed.qty * imputed.unit_cost, 4) as cost,
               imputed.is_in_stock, imputed.stockout_qty, imputed.stockout_qty is not null as is_oos_imputed,
               imputed.qty + coalesce(imputed.stockout_qty, 0) as demand_qty,
               case
                   when imputed.is_dropship then 6
                   when imputed.is_in_stock and imputed.product_recent_qty = 0 then 4
                   when imputed.is_in_stock then 1
                   when imputed.selling_rate is null then 7
                   when imputed.is_online and imputed.other_days = 0 then 5
                   when imputed.own_days > 0 then 2
                   else 3
               end::smallint as demand_source_type_id,
               round(imputed.selling_rate, 4) as selling_rate_qty
        from imputed
        where not imputed.is_delisted
    )

    select * from final;
end
$$;

ALTER PROCEDURE cw_nnnnnn.demand_history_compute(IN p_from date, IN p_to date, IN p_window_days integer, IN p_prior_days numeric, IN p_stop_probability numeric) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.demand_history_compute(IN p_from date, IN p_to date, IN p_window_days integer, IN p_prior_days numeric, IN p_stop_probability numeric) IS 'Step 5 helper: demand facts of every product x store/webshop pair and day between p_from and p_to into the temporary table demand_computed: sales, stock reading, stockout flag (no available stock, or sales stopped for longer than probability p_stop_probability allows at the selling rate), selling rate (own in-stock rate over the p_window_days days before, shrunk with weight p_prior_days days towards the product''s rate at other locations scaled by the category pattern, or the category''s rate at the location), imputed missed demand and its source. Pair-days delisted by a full inventory snapshot (stocked before, no reading since, no sale) are left out.';

CREATE PROCEDURE cw_nnnnnn.demand_history_write(IN p_run_date date, IN p_dates date[], IN p_products integer[], IN p_locations integer[], INOUT p_written bigint DEFAULT NULL::bigint, INOUT p_deleted bigint DEFAULT NULL::bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    insert into cw_nnnnnn.demand_history as history (
        product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock, stockout_qty, is_oos_imputed,
        demand_qty, demand_source_type_id, selling_rate_qty, computed_on
    )
    select targets.product_id, targets.location_id, targets.demand_date, targets.quantity, targets.revenue,
           targets.cost, targets.is_in_stock, targets.stockout_qty, targets.is_oos_imputed, targets.demand_qty,
           targets.demand_source_type_id, targets.selling_rate_qty, p_run_date
    from demand_targets as targets
    on conflict (product_id, location_id, demand_date) do update
    set quantity = excluded.quantity,
        revenue = excluded.revenue,
        cost = excluded.cost,
        is_in_stock = excluded.is_in_stock,
        stockout_qty = excluded.stockout_qty,
        is_oos_imputed = excluded.is_oos_imputed,
        demand_qty = excluded.demand_qty,
        demand_source_type_id = excluded.demand_source_type_id,
        selling_rate_qty = excluded.selling_rate_qty,
        computed_on = excluded.computed_on,
        updated_at = now()
    where (history.quantity, history.revenue, history.cost, history.is_in_stock, history.stockout_qty,
           history.is_oos_imputed, history.demand_qty, history.demand_source_type_id, history.selling_rate_qty)
        is distinct from (excluded.quantity, excluded.revenue, excluded.cost, excluded.is_in_stock,
                          excluded.stockout_qty, excluded.is_oos_imputed, excluded.demand_qty,
                          excluded.demand_source_type_id, excluded.selling_rate_qty);
    get diagnostics p_written = row_count;

    delete from cw_nnnnnn.demand_history as history
    where history.demand_date = any(p_dates)
        and (p_products is null or history.product_id = any(p_products))
        and (p_locations is null or history.location_id = any(p_locations))
        and not exists (select from demand_targets as targets
                        where targets.product_id = history.product_id and targets.location_id = history.location_id
                            and targets.demand_date = history.demand_date);
    get diagnostics p_deleted = row_count;
end
$$;

ALTER PROCEDURE cw_nnnnnn.demand_history_write(IN p_run_date date, IN p_dates date[], IN p_products integer[], IN p_locations integer[], INOUT p_written bigint, INOUT p_deleted bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.demand_history_write(IN p_run_date date, IN p_dates date[], IN p_products integer[], IN p_locations integer[], INOUT p_written bigint, INOUT p_deleted bigint) IS 'Step 5 helper: upserts the temporary table demand_targets into demand_history, writing only rows whose values changed (an unchanged recomputation leaves the row and its updated_at as they were), and deletes rows of the recomputed dates within the product/location filter that were not recomputed. Returns rows written and deleted.';

CREATE PROCEDURE cw_nnnnnn.ensure_raw_partition(IN p_file_date date)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn_staging', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_from date := date_trunc('month', p_file_date)::date;
    v_name text := 'raw_records_' || to_char(p_file_date, 'YYYYMM');
begin
    if to_regclass(format('%I.%I', 'cw_nnnnnn_staging', v_name)) is null then
        execute format('create table %I.%I partition of %I.raw_records for values from (%L) to (%L)',
                       'cw_nnnnnn_staging', v_name, 'cw_nnnnnn_staging', v_from, (v_from + interval '1 month')::date);
        execute format('alter table %I.%I owner to %I', 'cw_nnnnnn_staging', v_name, 'cw_nnnnnn_owner');
        execute format('comment on table %I.%I is %L', 'cw_nnnnnn_staging', v_name,
                       'Raw landing rows of ' || to_char(v_from, 'YYYY-MM') || ' (partition of raw_records).');
        -- Nobody plans on the content of a payload: no statistics for it (they were most of the analyze time).
        execute format('alter table %I.%I alter column payload set statistics 0', 'cw_nnnnnn_staging', v_name);
    end if;
end
$$;

ALTER PROCEDURE cw_nnnnnn.ensure_raw_partition(IN p_file_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.ensure_raw_partition(IN p_file_date date) IS 'Creates the monthly partition of raw_records that holds p_file_date, if missing, owned by the client''s owner role whoever calls it. Called by the loader.';

CREATE FUNCTION cw_nnnnnn.erp_default_currency() RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
    select case when erp_dialects.code = 'navision' then 'EUR' else currencies.code end
    from cw_global.clients
    inner join cw_global.erp_dialects on erp_dialects.id = clients.erp_dialect_id
    inner join cw_global.currencies on currencies.id = clients.currency_id
    where clients.schema_name = 'cw_nnnnnn'
$$;

ALTER FUNCTION cw_nnnnnn.erp_default_currency() OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.erp_default_currency() IS 'Currency of an amount the ERP sends without one: navision writes a blank code for its local currency (EUR); other dialects default to the client currency.';

CREATE FUNCTION cw_nnnnnn.erp_word(p_endpoint text, p_column text, p_value text) RETURNS text
    LANGUAGE sql STABLE
    AS $$
    select case when nullif(pg_catalog.btrim(p_value), '') is null then null
                else coalesce(
                    (select value_mappings.canonical_value
                     from cw_global.erp_value_mappings as value_mappings
                     where value_mappings.erp_dialect_id = (select clients.erp_dialect_id from cw_global.clients
                                                            where clients.schema_name = 'cw_nnnnnn')
                         and value_mappings.endpoint = p_endpoint and value_mappings.staging_column = p_column
                         and value_mappings.erp_value
                             = pg_catalog.lower(pg_catalog.regexp_replace(pg_catalog.btrim(p_value), '\s+', '_', 'g'))),
                    pg_catalog.lower(pg_catalog.regexp_replace(pg_catalog.btrim(p_value), '\s+', '_', 'g')))
           end
$$;

ALTER FUNCTION cw_nnnnnn.erp_word(p_endpoint text, p_column text, p_value text) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.erp_word(p_endpoint text, p_column text, p_value text) IS 'Canonical form of an ERP status or type word for this client''s dialect: lower case, blanks as underscores, then cw_global.erp_value_mappings (navision Open -> active). Null for a null or blank value. No SET search_path (every name is qualified) so that it is inlined into load''s set-based statements.';

CREATE FUNCTION cw_nnnnnn.forecast_accumulate(p_product_ids integer[], p_location_ids integer[], p_from_dates date[], p_to_dates date[], p_prorate text DEFAULT 'weekday_profile'::text) RETURNS TABLE(product_id integer, location_id integer, from_date date, to_date date, demand_qty double precision)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'cw_nnnnnn', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_forecast_id   bigint;
    v_forecast_date date;
    v_last_date     date;
    v_bad           record;
begin
    if p_prorate is null or p_prorate not in ('weekday_profile', 'uniform') then
        raise exception 'unknown pro-rating %, expected weekday_profile or uniform', quote_nullable(p_prorate)
            using errcode = 'CW082',
                  hint = 'weekday_profile (default) spreads a week by the series'' weekday shares, '
                         'uniform by 1/7 a day';
    end if;
    if cardinality(p_product_ids) is distinct from cardinality(p_location_ids)
        or cardinality(p_product_ids) is distinct from cardinality(p_from_dates)
        or cardinality(p_product_ids) is distinct from cardinality(p_to_dates) then
        raise exception 'forecast_accumulate needs arrays of equal length: % products, % locations, % from dates, '
            '% to dates', cardinality(p_product_ids), cardinality(p_location_ids), cardinality(p_from_dates),
            cardinality(p_to_dates)
            using errcode = 'CW083', hint = 'pass one product id, location id, from date and to date per range';
    end if;
    select active.id, active.forecast_date into v_forecast_id, v_forecast_date
    from cw_nnnnnn.active_demand_forecast as active;
    if v_forecast_id is null then
        raise exception 'client CW-nnnnnn has no completed demand forecast to accumulate'
            using errcode = 'CW084', hint = 'run step forecast: cw run CODE --date D --from-step forecast';
    end if;
    select v_forecast_date + max(rows.horizon_days) into v_last_date
    from cw_nnnnnn.demand_forecast_products as rows
    where rows.demand_forecast_id = v_forecast_id and rows.forecast_date = v_forecast_date;
    select ranges.from_date, ranges.to_date into v_bad
    from unnest(p_from_dates, p_to_dates) as ranges (from_date, to_date)
    where ranges.from_date is null or ranges.to_date is null or ranges.from_date > ranges.to_date
       or ranges.to_date > v_last_date
    limit 1;
    if found then
        raise exception 'invalid accumulation range % .. % (the active forecast of % covers % .. %)',
            v_bad.from_date, v_bad.to_date, v_forecast_date, v_forecast_date + 1, v_last_date
            using errcode = 'CW085',
                  hint = 'from <= to, both dates given, to within the horizon (setting forecast.horizon_weeks); '
                         'days up to the forecast date count 0 (they are history, not forecast)';
    end if;

    -- Per range and forecast week: the days of the week inside the range. A whole week counts its predicted_qty;
    -- a partial week the shares of its days (the series' weekday profile) or 1/7 a day (uniform).
    return query
    with ranges as (
        select requested.ordinality, requested.product_id, requested.location_id, requested.from_date,
               requested.to_date
        from unnest(p_product_ids, p_location_ids, p_from_dates, p_to_dates)
            with ordinality as requested (product_id, location_id, from_date, to_date, ordinality)
    ),
    week_parts as (
        select ranges.ordinality, rows.predicted_qty, series.weekday_shares,
               greatest(ranges.from_date, v_forecast_date + rows.horizon_days - 6) as overlap_from,
               least(ranges.to_date, v_forecast_date + rows.horizon_days) as overlap_to
        from ranges
        inner join cw_nnnnnn.demand_forecast_products as rows
            on rows.demand_forecast_id = v_forecast_id and rows.forecast_date = v_forecast_date
            and rows.product_id = ranges.product_id and rows.location_id = ranges.location_id
            and v_forecast_date + rows.horizon_days >= ranges.from_date
            and v_forecast_date + rows.horizon_days - 6 <= ranges.to_date
        left join cw_nnnnnn.demand_forecast_series as series
            on series.demand_forecast_id = v_forecast_id and series.forecast_date = v_forecast_date
            and series.product_id = ranges.product_id and series.location_id = ranges.location_id
    ),
    weighted as (
        select week_parts.ordinality,
               week_parts.predicted_qty * case
                   when week_parts.overlap_to - week_parts.overlap_from + 1 = 7 then 1
                   when p_prorate = 'uniform' or week_parts.weekday_shares is null
                       then (week_parts.overlap_to - week_parts.overlap_from + 1) / 7.0
                   -- the shares of the partial week's days: day k (0 .. days - 1) is ISO weekday (d0 + k - 1) % 7 + 1
                   else (case when week_parts.days > 0 then week_parts.weekday_shares[(week_parts.d0 - 1) % 7 + 1]
                              else 0 end
                         + case when week_parts.days > 1 then week_parts.weekday_shares[week_parts.d0 % 7 + 1]
                                else 0 end
                         + case when week_parts.days > 2 then week_parts.weekday_shares[(week_parts.d0 + 1) % 7 + 1]
                                else 0 end
                         + case when week_parts.days > 3 then week_parts.weekday_shares[(week_parts.d0 + 2) % 7 + 1]
                                else 0 end
                         + case when week_parts.days > 4 then week_parts.weekday_shares[(week_parts.d0 + 3) % 7 + 1]
                                else 0 end
                         + case when week_parts.days > 5 then week_parts.weekday_shares[(week_parts.d0 + 4) % 7 + 1]
                                else 0 end)
               end as demand_qty
        from (select week_parts.*, week_parts.overlap_to - week_parts.overlap_from + 1 as days,
                     extract(isodow from week_parts.overlap_from)::integer as d0
              from week_parts) as week_parts
    )
    select ranges.product_id, ranges.location_id, ranges.from_date, ranges.to_date, sum(weighted.demand_qty)::float8
    from ranges
    left join weighted on weighted.ordinality = ranges.ordinality
    group by ranges.ordinality, ranges.product_id, ranges.location_id, ranges.from_date, ranges.to_date
    order by ranges.ordinality;
end
$$;

ALTER FUNCTION cw_nnnnnn.forecast_accumulate(p_product_ids integer[], p_location_ids integer[], p_from_dates date[], p_to_dates date[], p_prorate text) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.forecast_accumulate(p_product_ids integer[], p_location_ids integer[], p_from_dates date[], p_to_dates date[], p_prorate text) IS 'Forecast demand of the active forecast summed over date ranges, one per (product id, location id, from, to) of the arrays, in their order. Whole forecast weeks count their predicted_qty; partial weeks are pro-rated by the series'' weekday profile (default, weekday_profile) or uniformly (uniform: remaining_days / 7, the seed''s rule). Days up to the forecast date count 0; demand_qty is null for a pair the forecast does not hold. CW082 unknown pro-rating, CW083 arrays of different lengths, CW084 no forecast, CW085 invalid range or beyond the horizon.';

CREATE PROCEDURE cw_nnnnnn.forecast_compute(IN p_forecast_date date, IN p_settings jsonb, IN p_products integer[], IN p_locations integer[], IN p_pool_forecast_id bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_history_weeks   integer := (p_settings ->> 'history_weeks')::integer;
    v_horizon_weeks   integer := (p_settings ->> 'horizon_weeks')::integer;
    v_dead_weeks      integer := (p_settings ->> 'dead_weeks')::integer;
    v_min_weeks       integer := (p_settings ->> 'min_history_weeks')::integer;
    v_hold_pct        float8 := (p_settings ->> 'holding_cost_pct_year')::float8;
    v_season_units    float8 := (p_settings ->> 'season_prior_units')::float8;
    v_weekday_units   float8 := (p_settings ->> 'weekday_prior_units')::float8;
    v_from            date := p_forecast_date - 7 * v_history_weeks + 1;
    v_profile_from    date := p_forecast_date - 7 * 26 + 1;
    v_table           text;
begin
    -- The working tables live until commit; a second call in the same transaction replaces them.
    foreach v_table in array array['fc_neighbours', 'fc_weeks', 'fc_weekdays', 'fc_season_weeks', 'fc_pools',
                                   'fc_season', 'fc_series',
                                   'fc_errors', 'fc_fit', 'fc_out_series', 'fc_out_rows'] loop
        if to_regclass('pg_temp.' || v_table) is not null then
            execute format('drop table pg_temp.%I', v_table);
        end if;
    end loop;

    -- Weekly buckets: week i covers forecast_date - 7i - 6 .. forecast_date - 7i (week 0 ends on the forecast date).
    -- A week counts as observed when the pair was listed on at least 4 of its days (week 0 always); its demand is
    -- scaled to 7 days. Every pair of the scoped products is read (the product-level rules need all locations).
    create temporary table fc_weeks on commit drop as
    select history.product_id, history.location_id, (p_forecast_date - history.demand_date) / 7 as week_index,
           count(*)::integer as listed_days, sum(history.demand_qty)::float8 as demand_qty
    from cw_nnnnnn.demand_history as history
    where history.demand_date between v_from and p_forecast_date
      and (p_products is null or history.product_id = any(p_products))
    group by history.product_id, history.location_id, (p_forecast_date - history.demand_date) / 7;
    analyze fc_weeks;

    create temporary table fc_weekdays on commit drop as
    select history.product_id, history.location_id, extract(isodow from history.demand_date)::integer as weekday,
           sum(history.demand_qty)::float8 as demand_qty
    from cw_nnnnnn.demand_history as history
    where history.demand_date between v_profile_from and p_forecast_date
      and (p_products is null or history.product_id = any(p_products))
    group by history.product_id, history.location_id, extract(isodow from history.demand_date);

    -- Seasonal positions and the neighbours that smooth them (weights 1, 2, 1 over p-1, p, p+1, circular).
    create temporary table fc_neighbours on commit drop as
    select positions.position, (positions.position + neighbours.offset_weeks + 52) % 52 as source_position,
           neighbours.weight
    from generate_series(0, 51) as positions (position)
    cross join (values (-1, 1.0::float8), (0, 2.0::float8), (1, 1.0::float8)) as neighbours (offset_weeks, weight);

    -- Seasonal observations: every observed week of a series with at least 78 observed weeks (a year and a half:
    -- each position seen, and a trend tellable from a season) against its expected demand, the mean of the 52
    -- observed weeks around it (centred where the history allows, else the first or last 52): level and trend are
    -- removed, every position of the year weighs the same in it.
    create temporary table fc_season_weeks on commit drop as
    with observed as (
        select weeks.product_id, weeks.location_id, weeks.week_index % 52 as position,
               weeks.demand_qty * 7 / weeks.listed_days as demand_qty,
               row_number() over series_order as t,
               count(*) over (partition by weeks.product_id, weeks.location_id) as n,
               sum(weeks.demand_qty * 7 / weeks.listed_days) over series_order as running_qty
        from fc_weeks as weeks
        where weeks.listed_days >= 4
        window series_order as (partition by weeks.product_id, weeks.location_id order by weeks.week_index desc)
    ),
    long_enough as (
        select observed.*, greatest(1, least(observed.t - 26, observed.n - 51)) as window_from
        from observed
        where observed.n >= 78
    )
    select long_enough.product_id, long_enough.location_id, long_enough.position, long_enough.demand_qty,
           (window_end.running_qty - coalesce(window_start.running_qty, 0)) / 52 as expected_qty
    from long_enough
    inner join observed as window_end
        on window_end.product_id = long_enough.product_id and window_end.location_id = long_enough.location_id
        and window_end.t = long_enough.window_from + 51
    left join observed as window_start
        on window_start.product_id = long_enough.product_id and window_start.location_id = long_enough.location_id
        and window_start.t = long_enough.window_from - 1;

    -- Pools per category x location: a full run computes them from every series, a scoped run reuses the stored
    -- pools of the forecast it rewrites (so that it reads only its own products' history).
    create temporary table fc_pools (
        location_id integer not null,
        product_category_id integer not null,
        season_index real [] not null,
        weekday_shares real [] not null,
        primary key (location_id, product_category_id)
    ) on commit drop;
    if p_pool_forecast_id is not null then
        insert into fc_pools
        select pools.location_id, pools.product_category_id, pools.season_index, pools.weekday_shares
        from cw_nnnnnn.demand_forecast_pools as pools
        where pools.demand_forecast_id = p_pool_forecast_id;
    else
        insert into fc_pools
        with matched as (
            select coalesce(products.product_category_id, 0) as product_category_id, season_weeks.location_id,
                   season_weeks.position, sum(season_weeks.demand_qty) as demand_qty,
                   sum(season_weeks.expected_qty) as expected_qty
            from fc_season_weeks as season_weeks
            inner join cw_nnnnnn.products on products.id = season_weeks.product_id
            group by coalesce(products.product_category_id, 0), season_weeks.location_id, season_weeks.position
        ),
        cells as (
            select category_locations.product_category_id, category_locations.location_id, positions.position
            from (select distinct coalesce(products.product_category_id, 0) as product_category_id,
                                  weeks.location_id
                  from fc_weeks as weeks
                  inner join cw_nnnnnn.products on products.id = weeks.product_id) as category_locations
            cross join generate_series(0, 51) as positions (position)
        ),
        smoothed_local as (
            select cells.product_category_id, cells.location_id, cells.position,
                   coalesce(sum(neighbours.weight * matched.demand_qty), 0) as demand_qty,
                   coalesce(sum(neighbours.weight * matched.expected_qty), 0) as expected_qty
            from cells
            inner join fc_neighbours as neighbours on neighbours.position = cells.position
            left join matched
                on matched.product_category_id = cells.product_category_id
                and matched.location_id = cells.location_id
                and matched.position = neighbours.source_position
            group by cells.product_category_id, cells.location_id, cells.position
        ),
        category_raw as (
            select smoothed_local.product_category_id, smoothed_local.position,
                   (sum(smoothed_local.demand_qty) + v_season_units)
                   / (sum(smoothed_local.expected_qty) + v_season_units) as season_index
            from smoothed_local
            group by smoothed_local.product_category_id, smoothed_local.position
        ),
        category_index as (
            select category_raw.product_category_id, category_raw.position,
                   category_raw.season_index
                   / avg(category_raw.season_index) over (partition by category_raw.product_category_id)
                   as season_index
            from category_raw
        ),
        local_raw as (
            select smoothed_local.product_category_id, smoothed_local.location_id, smoothed_local.position,
                   (smoothed_local.demand_qty + v_season_units * category_index.season_index)
                   / (smoothed_local.expected_qty + v_season_units) as season_index
            from smoothed_local
            inner join category_index
                on category_index.product_category_id = smoothed_local.product_category_id
                and category_index.position = smoothed_local.position
        ),
        local_normalised as (
            select local_raw.product_category_id, local_raw.location_id, local_raw.position,
                   local_raw.season_index / avg(local_raw.season_index) over (
                       partition by local_raw.product_category_id, local_raw.location_id
                   ) as season_index
            from local_raw
        ),
        local_index as (
            select local_normalised.product_category_id, local_normalised.location_id,
                   array_agg(local_normalised.season_index::real order by local_normalised.position) as season_index
            from local_normalised
            group by local_normalised.product_category_id, local_normalised.location_id
        ),
        location_weekdays as (
            select fc_weekdays.location_id, fc_weekdays.weekday, sum(fc_weekdays.demand_qty) as demand_qty
            from fc_weekdays
            group by fc_weekdays.location_id, fc_weekdays.weekday
        ),
        location_shares as (
            select location_weekdays.location_id, days.weekday,
                   coalesce(location_weekdays.demand_qty, 0)
                   / nullif(sum(location_weekdays.demand_qty) over (partition by location_weekdays.location_id), 0)
                   as share
            from location_weekdays
            right join generate_series(1, 7) as days (weekday) on location_weekdays.weekday = days.weekday
        ),
        category_weekdays as (
            select coalesce(products.product_category_id, 0) as product_category_id, fc_weekdays.location_id,
                   fc_weekdays.weekday, sum(fc_weekdays.demand_qty) as demand_qty
            from fc_weekdays
            inner join cw_nnnnnn.products on products.id = fc_weekdays.product_id
            group by coalesce(products.product_category_id, 0), fc_weekdays.location_id, fc_weekdays.weekday
        ),
        category_shares as (
            select local_index.product_category_id, local_index.location_id,
                   array_agg(((coalesce(category_weekdays.demand_qty, 0)
                               + v_weekday_units * coalesce(location_shares.share, 1.0::float8 / 7))
                              / (coalesce(category_totals.demand_qty, 0) + v_weekday_units))::real
                             order by days.weekday) as weekday_shares
            from local_index
            cross join generate_series(1, 7) as days (weekday)
            left join location_shares
                on location_shares.location_id = local_index.location_id and location_shares.weekday = days.weekday
            left join category_weekdays
                on category_weekdays.product_category_id = local_index.product_category_id
                and category_weekdays.location_id = local_index.location_id
                and category_weekdays.weekday = days.weekday
            left join (
                select category_weekdays.product_category_id, category_weekdays.location_id,
                       sum(category_weekdays.demand_qty) as demand_qty
                from category_weekdays
                group by category_weekdays.product_category_id, category_weekdays.location_id
            ) as category_totals
                on category_totals.product_category_id = local_index.product_category_id
                and category_totals.location_id = local_index.location_id
            group by local_index.product_category_id, local_index.location_id
        )
        select local_index.location_id, local_index.product_category_id, local_index.season_index,
               category_shares.weekday_shares
        from local_index
        inner join category_shares
            on category_shares.product_category_id = local_index.product_category_id
            and category_shares.location_id = local_index.location_id;
    end if;

    -- The series' own seasonal index: its matched-week demand shrunk towards the pool with season_prior_units.
    create temporary table fc_season on commit drop as
    with matched as (
        select season_weeks.product_id, season_weeks.location_id, season_weeks.position,
               sum(season_weeks.demand_qty) as demand_qty, sum(season_weeks.expected_qty) as expected_qty
        from fc_season_weeks as season_weeks
        group by season_weeks.product_id, season_weeks.location_id, season_weeks.position
    ),
    series as (
        select distinct weeks.product_id, weeks.location_id, coalesce(products.product_category_id, 0)
                        as product_category_id
        from fc_weeks as weeks
        inner join cw_nnnnnn.products on products.id = weeks.product_id
        where weeks.week_index = 0
          and (p_locations is null or weeks.location_id = any(p_locations))
    ),
    shrunk_sums as (
        select series.product_id, series.location_id, neighbours.position,
               coalesce(sum(neighbours.weight * matched.demand_qty), 0) as demand_qty,
               coalesce(sum(neighbours.weight * matched.expected_qty), 0) as expected_qty
        from series
        cross join fc_neighbours as neighbours
        left join matched
            on matched.product_id = series.product_id
            and matched.location_id = series.location_id
            and matched.position = neighbours.source_position
        group by series.product_id, series.location_id, neighbours.position
    ),
    with_pool as (
        select shrunk_sums.product_id, shrunk_sums.location_id, shrunk_sums.position,
               (shrunk_sums.demand_qty + v_season_units * coalesce(fc_pools.season_index[shrunk_sums.position + 1], 1))
               / (shrunk_sums.expected_qty + v_season_units) as season_index,
               shrunk_sums.expected_qty / (shrunk_sums.expected_qty + v_season_units) as own_weight
        from shrunk_sums
        inner join series
            on series.product_id = shrunk_sums.product_id and series.location_id = shrunk_sums.location_id
        left join fc_pools
            on fc_pools.location_id = series.location_id
            and fc_pools.product_category_id = series.product_category_id
    )
    select with_pool.product_id, with_pool.location_id, with_pool.position,
           greatest(with_pool.season_index / avg(with_pool.season_index) over (
               partition by with_pool.product_id, with_pool.location_id
           ), 0.1) as season_index,
           avg(with_pool.own_weight) over (partition by with_pool.product_id, with_pool.location_id) as own_weight
    from with_pool;
    create index on fc_season (product_id, location_id, position);
    analyze fc_season;

    -- The observed weeks of every series listed in week 0, oldest first (t = 1 ..), deseasonalised.
    create temporary table fc_series on commit drop as
    with observed as (
        select weeks.product_id, weeks.location_id, weeks.week_index,
               weeks.demand_qty * 7 / weeks.listed_days as demand_qty, fc_season.season_index
        from fc_weeks as weeks
        inner join fc_season
            on fc_season.product_id = weeks.product_id
            and fc_season.location_id = weeks.location_id
            and fc_season.position = weeks.week_index % 52
        where weeks.listed_days >= 4 or weeks.week_index = 0
    ),
    numbered as (
        select observed.*, observed.demand_qty / observed.season_index as deseasonalised_qty,
               row_number() over series_order as t,
               count(*) filter (where observed.demand_qty > 0) over series_order as demand_count
        from observed
        window series_order as (partition by observed.product_id, observed.location_id
                                order by observed.week_index desc)
    ),
    initial as (
        -- Start values: means of the first (up to) 8 observed weeks, of the first (up to) 8 demand sizes.
        select numbered.product_id, numbered.location_id,
               avg(numbered.deseasonalised_qty) filter (where numbered.t <= 8) as level0,
               avg((numbered.demand_qty > 0)::integer::float8) filter (where numbered.t <= 8) as occurrence0,
               coalesce(avg(numbered.deseasonalised_qty) filter (where numbered.demand_qty > 0
                                                                  and numbered.demand_count <= 8), 0) as size0
        from numbered
        group by numbered.product_id, numbered.location_id
    ),
    -- Exponential smoothing in closed form: L_t = a L_(t-1) + (1-a) x_t with weight alpha = 1 - a is
    -- alpha a^t sum_(j<=t) a^(-j) x_j + a^t L_0, a running sum (exact in double precision for the history lengths
    -- used here: a^-156 <= 1.3e15 for alpha = 0.2).
    smoothed as (
        select numbered.product_id, numbered.location_id, numbered.t, numbered.week_index, numbered.demand_qty,
               numbered.season_index, numbered.deseasonalised_qty, numbered.demand_count,
               0.05 * power(0.95::float8, numbered.t)
               * sum(numbered.deseasonalised_qty * power(0.95::float8, -numbered.t))
               over series_order + power(0.95::float8, numbered.t) * initial.level0 as level_slow,
               0.2 * power(0.8::float8, numbered.t) * sum(numbered.deseasonalised_qty * power(0.8::float8, -numbered.t))
               over series_order + power(0.8::float8, numbered.t) * initial.level0 as level,
               0.1 * power(0.9::float8, numbered.t)
               * sum((numbered.demand_qty > 0)::integer * power(0.9::float8, -numbered.t))
               over series_order + power(0.9::float8, numbered.t) * initial.occurrence0 as occurrence,
               0.1 * power(0.9::float8, numbered.demand_count)
               * sum(case when numbered.demand_qty > 0
                     then numbered.deseasonalised_qty * power(0.9::float8, -numbered.demand_count) else 0 end)
               over series_order + power(0.9::float8, numbered.demand_count) * initial.size0 as size,
               initial.level0
        from numbered
        inner join initial
            on initial.product_id = numbered.product_id and initial.location_id = numbered.location_id
        window series_order as (partition by numbered.product_id, numbered.location_id order by numbered.t)
    ),
    differenced as (
        select smoothed.*,
               smoothed.level - coalesce(lag(smoothed.level) over series_order, smoothed.level0) as level_change
        from smoothed
        window series_order as (partition by smoothed.product_id, smoothed.location_id order by smoothed.t)
    )
    -- Trend: the level's weekly change smoothed with beta 0.1 (start 0).
    select differenced.product_id, differenced.location_id, differenced.t, differenced.week_index,
           differenced.demand_qty, differenced.season_index, differenced.deseasonalised_qty, differenced.level_slow,
           differenced.level, differenced.occurrence, differenced.size,
           0.1 * power(0.9::float8, differenced.t) * sum(differenced.level_change * power(0.9::float8, -differenced.t))
           over (partition by differenced.product_id, differenced.location_id order by differenced.t) as trend
    from differenced;
    create index on fc_series (product_id, location_id, t);
    analyze fc_series;

    -- Rolling-origin backtest: every target week among the last 26 observed, forecast from the origin 1 and 4
    -- observed weeks before it with the states at that origin. Errors on the original scale.
    create temporary table fc_errors on commit drop as
    with lagged as (
        select fc_series.product_id, fc_series.location_id, fc_series.t, fc_series.demand_qty,
               fc_series.season_index, max(fc_series.t) over (partition by fc_series.product_id,
                                                               fc_series.location_id) as n,
               horizons.h,
               lag(fc_series.level_slow, horizons.h) over series_order as level_slow,
               lag(fc_series.level, horizons.h) over series_order as level,
               lag(fc_series.trend, horizons.h) over series_order as trend,
               lag(fc_series.occurrence * fc_series.size, horizons.h) over series_order as tsb
        from fc_series
        cross join (values (1), (4)) as horizons (h)
        window series_order as (partition by fc_series.product_id, fc_series.location_id, horizons.h
                                order by fc_series.t)
    )
    select lagged.product_id, lagged.location_id, lagged.t, lagged.h,
           lagged.demand_qty - lagged.season_index * lagged.level_slow as error_ses_slow,
           lagged.demand_qty - lagged.season_index * lagged.level as error_ses,
           lagged.demand_qty - lagged.season_index * greatest(
               lagged.level + lagged.trend * (4 + 0.9 * (1 - power(0.9::float8, lagged.h)) / 0.1), 0
           ) as error_damped_trend,
           lagged.demand_qty - lagged.season_index * lagged.tsb as error_tsb
    from lagged
    where lagged.t > lagged.n - 26 and lagged.t - lagged.h >= 2;

    -- Weights: Akaike-style weights of the backtest, w_m proportional to (MSE_min / MSE_m)^(n/2), n = the targets
    -- (errors / 2: two horizons per target): the relative likelihood of each candidate under Gaussian errors. With
    -- few targets the weights stay near equal, with many the best candidate dominates. Scale of the RMSSE: the
    -- in-sample mean squared one-week change (M5).
    create temporary table fc_fit on commit drop as
    with mse as (
        select fc_errors.product_id, fc_errors.location_id, count(*) as errors,
               avg(fc_errors.error_ses_slow ^ 2) as ses_slow, avg(fc_errors.error_ses ^ 2) as ses,
               avg(fc_errors.error_damped_trend ^ 2) as damped_trend, avg(fc_errors.error_tsb ^ 2) as tsb
        from fc_errors
        group by fc_errors.product_id, fc_errors.location_id
    ),
    likelihood as (
        select mse.product_id, mse.location_id, mse.errors,
               exp(greatest(-700, mse.errors / 4.0 * ln((best.mse + 1e-9) / (mse.ses_slow + 1e-9)))) as ses_slow,
               exp(greatest(-700, mse.errors / 4.0 * ln((best.mse + 1e-9) / (mse.ses + 1e-9)))) as ses,
               exp(greatest(-700, mse.errors / 4.0 * ln((best.mse + 1e-9) / (mse.damped_trend + 1e-9))))
               as damped_trend,
               exp(greatest(-700, mse.errors / 4.0 * ln((best.mse + 1e-9) / (mse.tsb + 1e-9)))) as tsb
        from mse
        cross join lateral (select least(mse.ses_slow, mse.ses, mse.damped_trend, mse.tsb) as mse) as best
    ),
    weights as (
        select likelihood.product_id, likelihood.location_id, likelihood.errors,
               likelihood.ses_slow / total.likelihood_sum as ses_slow, likelihood.ses / total.likelihood_sum as ses,
               likelihood.damped_trend / total.likelihood_sum as damped_trend,
               likelihood.tsb / total.likelihood_sum as tsb
        from likelihood
        cross join lateral (select likelihood.ses_slow + likelihood.ses + likelihood.damped_trend + likelihood.tsb
                            as likelihood_sum) as total
    ),
    combined as (
        select fc_errors.product_id, fc_errors.location_id,
               avg((weights.ses_slow * fc_errors.error_ses_slow + weights.ses * fc_errors.error_ses
                    + weights.damped_trend * fc_errors.error_damped_trend + weights.tsb * fc_errors.error_tsb) ^ 2)
               as mse
        from fc_errors
        inner join weights
            on weights.product_id = fc_errors.product_id and weights.location_id = fc_errors.location_id
        group by fc_errors.product_id, fc_errors.location_id
    ),
    scales as (
        select changes.product_id, changes.location_id, avg(changes.change ^ 2) as scale
        from (select fc_series.product_id, fc_series.location_id,
                     fc_series.demand_qty - lag(fc_series.demand_qty) over (
                         partition by fc_series.product_id, fc_series.location_id order by fc_series.t
                     ) as change
              from fc_series) as changes
        where changes.change is not null
        group by changes.product_id, changes.location_id
    )
    select last_state.product_id, last_state.location_id, last_state.t as history_weeks,
           last_state.level_slow, last_state.level, last_state.trend, last_state.occurrence, last_state.size,
           counts.demand_weeks,
           coalesce(weights.ses_slow, 0.25) as weight_ses_slow, coalesce(weights.ses, 0.25) as weight_ses,
           coalesce(weights.damped_trend, 0.25) as weight_damped_trend, coalesce(weights.tsb, 0.25) as weight_tsb,
           case when combined.mse = 0 then 0 else sqrt(combined.mse / nullif(scales.scale, 0)) end
           as backtest_rmsse
    from (select distinct on (fc_series.product_id, fc_series.location_id) fc_series.*
          from fc_series
          order by fc_series.product_id, fc_series.location_id, fc_series.t desc) as last_state
    inner join (select fc_series.product_id, fc_series.location_id,
                       count(*) filter (where fc_series.demand_qty > 0)::integer as demand_weeks
                from fc_series group by fc_series.product_id, fc_series.location_id) as counts
        on counts.product_id = last_state.product_id and counts.location_id = last_state.location_id
    left join weights
        on weights.product_id = last_state.product_id and weights.location_id = last_state.location_id
    left join combined
        on combined.product_id = last_state.product_id and combined.location_id = last_state.location_id
    left join scales
        on scales.product_id = last_state.product_id and scales.location_id = last_state.location_id
    where p_locations is null or last_state.location_id = any(p_locations);

    -- Per series: source type, the level prior of a short series, the weekday shares, critical ratio, confidence.
    create temporary table fc_out_series on commit drop as
    with product_facts as (
        select weeks.product_id,
               coalesce(sum(weeks.demand_qty) filter (where weeks.week_index < v_dead_weeks), 0) as recent_qty,
               max(weeks.week_index) as oldest_week,
               bool_and(locations.location_type = 'online') as is_online_only
        from fc_weeks as weeks
        inner join cw_nnnnnn.locations on locations.id = weeks.location_id
        group by weeks.product_id
    ),
    established as (
        -- Mean level of the product's series with enough history (the prior of its new locations).
        select fc_fit.product_id, avg(fc_fit.weight_ses_slow * fc_fit.level_slow + fc_fit.weight_ses * fc_fit.level
                                      + fc_fit.weight_damped_trend * fc_fit.level
                                      + fc_fit.weight_tsb * fc_fit.occurrence * fc_fit.size) as level_qty
        from fc_fit
        where fc_fit.history_weeks >= v_min_weeks
        group by fc_fit.product_id
    ),
    category_levels as (
        select coalesce(products.product_category_id, 0) as product_category_id, fc_fit.location_id,
               avg(fc_fit.weight_ses_slow * fc_fit.level_slow + fc_fit.weight_ses * fc_fit.level
                   + fc_fit.weight_damped_trend * fc_fit.level + fc_fit.weight_tsb * fc_fit.occurrence * fc_fit.size)
               as level_qty
        from fc_fit
        inner join cw_nnnnnn.products on products.id = fc_fit.product_id
        where fc_fit.history_weeks >= v_min_weeks
        group by coalesce(products.product_category_id, 0), fc_fit.location_id
    ),
    pair_weekdays as (
        select fc_fit.product_id, fc_fit.location_id,
               array_agg(((coalesce(fc_weekdays.demand_qty, 0)
                           + v_weekday_units * coalesce(fc_pools.weekday_shares[days.weekday], 1.0::float8 / 7))
                          / (coalesce(totals.demand_qty, 0) + v_weekday_units))::real
                         order by days.weekday) as weekday_shares
        from fc_fit
        inner join cw_nnnnnn.products on products.id = fc_fit.product_id
        cross join generate_series(1, 7) as days (weekday)
        left join fc_pools
            on fc_pools.location_id = fc_fit.location_id
            and fc_pools.product_category_id = coalesce(products.product_category_id, 0)
        left join fc_weekdays
            on fc_weekdays.product_id = fc_fit.product_id and fc_weekdays.location_id = fc_fit.location_id
            and fc_weekdays.weekday = days.weekday
        left join (select fc_weekdays.product_id, fc_weekdays.location_id, sum(fc_weekdays.demand_qty) as demand_qty
                   from fc_weekdays group by fc_weekdays.product_id, fc_weekdays.location_id) as totals
            on totals.product_id = fc_fit.product_id and totals.location_id = fc_fit.location_id
        group by fc_fit.product_id, fc_fit.location_id
    )
    select fc_fit.*, products.is_dropship, products.launch_date,
           case when products.is_discontinued then products.discontinue_date end as phase_out_date,
           case
               when product_facts.recent_qty = 0 and product_facts.oldest_week >= v_dead_weeks then 'dead_product'
               when products.is_dropship then 'dropship'
               when product_facts.is_online_only then 'online_only'
               when fc_fit.history_weeks < v_min_weeks and established.level_qty is not null
                   then 'imputed_local_global'
               when fc_fit.history_weeks < v_min_weeks then 'imputed_global_only'
               else 'actual'
           end as source_type,
           coalesce(established.level_qty, category_levels.level_qty, 0) as prior_level_qty,
           case
               when products.price is null or products.cost is null then null
               when products.price <= products.cost then 0
               else (products.price - products.cost)
                    / ((products.price - products.cost) + products.cost * v_hold_pct / 100 * 7 / 365)
           end::float8 as critical_ratio,
           (fc_fit.history_weeks::float8 / (fc_fit.history_weeks + 13)) / (1 + coalesce(fc_fit.backtest_rmsse, 1))
           as confidence,
           pair_weekdays.weekday_shares,
           (select max(fc_season.own_weight) from fc_season
            where fc_season.product_id = fc_fit.product_id and fc_season.location_id = fc_fit.location_id
              and fc_season.position = 0) as season_own_weight
    from fc_fit
    inner join cw_nnnnnn.products on products.id = fc_fit.product_id
    inner join product_facts on product_facts.product_id = fc_fit.product_id
    inner join pair_weekdays
        on pair_weekdays.product_id = fc_fit.product_id and pair_weekdays.location_id = fc_fit.location_id
    left join established on established.product_id = fc_fit.product_id
    left join category_levels
        on category_levels.product_category_id = coalesce(products.product_category_id, 0)
        and category_levels.location_id = fc_fit.location_id;

    -- The forecast per horizon week h: seasonal index of the week a year earlier (position (52 - h % 52) % 52)
    -- x the weighted candidates; a short series is shrunk towards its prior level (4 weeks of weight); zero for dead
    -- products, before a launch and after a phase-out date.
    create temporary table fc_out_rows on commit drop as
    with horizons as (
        select fc_out_series.*, horizon.h,
               p_forecast_date + 7 * (horizon.h - 1) + 1 as week_start, p_forecast_date + 7 * horizon.h as week_end,
               fc_season.season_index,
               greatest(fc_out_series.weight_ses_slow * fc_out_series.level_slow
                        + fc_out_series.weight_ses * fc_out_series.level
                        + fc_out_series.weight_damped_trend * greatest(
                            fc_out_series.level
                            + fc_out_series.trend * (4 + 0.9 * (1 - power(0.9::float8, horizon.h)) / 0.1), 0)
                        + fc_out_series.weight_tsb * fc_out_series.occurrence * fc_out_series.size, 0)
               as deseasonalised_qty,
               greatest(fc_out_series.weight_ses_slow * fc_out_series.level_slow
                        + fc_out_series.weight_ses * fc_out_series.level
                        + fc_out_series.weight_damped_trend * greatest(
                            fc_out_series.level + fc_out_series.trend * (4 + 0.9), 0)
                        + fc_out_series.weight_tsb * fc_out_series.occurrence * fc_out_series.size, 0)
               as reference_qty
        from fc_out_series
        cross join generate_series(1, v_horizon_weeks) as horizon (h)
        inner join fc_season
            on fc_season.product_id = fc_out_series.product_id
            and fc_season.location_id = fc_out_series.location_id
            and fc_season.position = (52 - horizon.h % 52) % 52
    ),
    shrunk as (
        select horizons.*,
               case when horizons.history_weeks < v_min_weeks
                    then (horizons.history_weeks * horizons.deseasonalised_qty + 4 * horizons.prior_level_qty)
                         / (horizons.history_weeks + 4)
                    else horizons.deseasonalised_qty end as adjusted_qty,
               case when horizons.history_weeks < v_min_weeks
                    then (horizons.history_weeks * horizons.reference_qty + 4 * horizons.prior_level_qty)
                         / (horizons.history_weeks + 4)
                    else horizons.reference_qty end as adjusted_reference_qty
        from horizons
    ),
    predicted as (
        select shrunk.product_id, shrunk.location_id, shrunk.h, shrunk.source_type, shrunk.critical_ratio,
               shrunk.confidence, shrunk.occurrence, shrunk.adjusted_reference_qty,
               case
                   when shrunk.source_type = 'dead_product' then 0
                   when shrunk.launch_date > shrunk.week_end then 0
                   when shrunk.phase_out_date < shrunk.week_start then 0
                   when shrunk.season_index * shrunk.adjusted_qty < 1e-6 then 0
                   else shrunk.season_index * shrunk.adjusted_qty
               end as predicted_qty
        from shrunk
    )
    select predicted.product_id, predicted.location_id, predicted.h * 7 as horizon_days,
           demand_source_types.id as demand_source_type_id,
           -- Occurrence as a Poisson process: P(any demand) = 1 - exp(-lambda), lambda = -ln(1 - p) at the
           -- reference level, scaled with the week's expected demand relative to it.
           case when predicted.predicted_qty <= 0 or predicted.adjusted_reference_qty <= 0 then 0
                else least(1 - exp(ln(1 - least(greatest(predicted.occurrence, 0.001), 0.999))
                                   * predicted.predicted_qty / predicted.adjusted_reference_qty), 1)
           end as prob_demand,
           predicted.predicted_qty,
           predicted.critical_ratio,
           case when predicted.source_type = 'dead_product' then 0 else predicted.confidence end as confidence
    from predicted
    inner join cw_nnnnnn.demand_source_types on demand_source_types.name = predicted.source_type;
end
$$;

ALTER PROCEDURE cw_nnnnnn.forecast_compute(IN p_forecast_date date, IN p_settings jsonb, IN p_products integer[], IN p_locations integer[], IN p_pool_forecast_id bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.forecast_compute(IN p_forecast_date date, IN p_settings jsonb, IN p_products integer[], IN p_locations integer[], IN p_pool_forecast_id bigint) IS 'The forecast method of step forecast (docs/forecast.md), set-based over every series at once: weekly buckets of demand_history.demand_qty, yearly seasonal index (own history shrunk towards the category at the location), four candidates (SES 0.05, SES 0.2, damped trend, TSB) in closed form with window functions, weights from a rolling-origin backtest, the weekly forecast per horizon. Writes temporary tables fc_pools, fc_out_series, fc_out_rows (dropped at commit). p_products null = every product; p_locations null = every location; p_pool_forecast_id: reuse the pools of that forecast (scoped runs) instead of computing them.';

CREATE FUNCTION cw_nnnnnn.forecast_demand_between(p_product_id integer, p_location_id integer, p_from date, p_to date, p_prorate text DEFAULT 'weekday_profile'::text) RETURNS double precision
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'pg_catalog', 'pg_temp'
    AS $$
    select accumulated.demand_qty
    from cw_nnnnnn.forecast_accumulate(array[p_product_id], array[p_location_id], array[p_from], array[p_to],
                                       p_prorate) as accumulated
$$;

ALTER FUNCTION cw_nnnnnn.forecast_demand_between(p_product_id integer, p_location_id integer, p_from date, p_to date, p_prorate text) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.forecast_demand_between(p_product_id integer, p_location_id integer, p_from date, p_to date, p_prorate text) IS 'Forecast demand of one product x location from p_from to p_to (inclusive) in the active forecast; partial weeks pro-rated by the weekday profile (default) or uniformly. See forecast_accumulate.';

CREATE FUNCTION cw_nnnnnn.forecast_demand_between_many(p_product_ids integer[], p_location_ids integer[], p_from date, p_to date, p_prorate text DEFAULT 'weekday_profile'::text) RETURNS TABLE(product_id integer, location_id integer, demand_qty double precision)
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'pg_catalog', 'pg_temp'
    AS $$
    select accumulated.product_id, accumulated.location_id, accumulated.demand_qty
    from cw_nnnnnn.forecast_accumulate(
        p_product_ids, p_location_ids, array_fill(p_from, array[cardinality(p_product_ids)]),
        array_fill(p_to, array[cardinality(p_product_ids)]), p_prorate
    ) as accumulated
$$;

ALTER FUNCTION cw_nnnnnn.forecast_demand_between_many(p_product_ids integer[], p_location_ids integer[], p_from date, p_to date, p_prorate text) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.forecast_demand_between_many(p_product_ids integer[], p_location_ids integer[], p_from date, p_to date, p_prorate text) IS 'Forecast demand from p_from to p_to of many product x location pairs at once (p_product_ids[i] at p_location_ids[i]), one row per pair in the order given. See forecast_accumulate.';

CREATE PROCEDURE cw_nnnnnn.forecast_drop_expired(IN p_run_date date, IN p_keep_daily_days integer, IN p_keep_weekly_weeks integer, INOUT p_dropped date[] DEFAULT NULL::date[])
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'pg_catalog', 'pg_temp'
    AS $_$
declare
    v_date  date;
    v_table text;
begin
    p_dropped := '{}';
    -- Partition dates: every forecast of the last p_keep_daily_days days is kept; older ones only the first date of
    -- each ISO week for p_keep_weekly_weeks weeks (what accuracy scoring over the horizon needs); the partition of
    -- the active forecast and dates after the run date (a re-run of an old date) are never dropped.
    for v_date in
        with partitions as (
            select to_date(right(child.relname, 8), 'YYYYMMDD') as forecast_date
            from pg_catalog.pg_inherits as inherits
            inner join pg_catalog.pg_class as child on child.oid = inherits.inhrelid
            where inherits.inhparent = format('%I.%I', 'cw_nnnnnn', 'demand_forecast_products')::regclass
              and child.relname ~ '_p[0-9]{8}$'
        ),
        ranked as (
            select partitions.forecast_date,
                   row_number() over (partition by date_trunc('week', partitions.forecast_date)
                                      order by partitions.forecast_date) as rank_in_week
            from partitions
        )
        select ranked.forecast_date
        from ranked
        where ranked.forecast_date <= p_run_date - p_keep_daily_days
          and (ranked.rank_in_week > 1 or ranked.forecast_date <= p_run_date - 7 * p_keep_weekly_weeks)
          and ranked.forecast_date is distinct from (select active.forecast_date
                                                     from cw_nnnnnn.active_demand_forecast as active)
        order by ranked.forecast_date
    loop
        foreach v_table in array array['demand_forecast_products', 'demand_forecast_series'] loop
            execute format('drop table if exists %I.%I', 'cw_nnnnnn', v_table || '_p' || to_char(v_date, 'YYYYMMDD'));
        end loop;
        delete from cw_nnnnnn.demand_forecasts where demand_forecasts.forecast_date = v_date;
        p_dropped := p_dropped || v_date;
    end loop;
end
$_$;

ALTER PROCEDURE cw_nnnnnn.forecast_drop_expired(IN p_run_date date, IN p_keep_daily_days integer, IN p_keep_weekly_weeks integer, INOUT p_dropped date[]) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.forecast_drop_expired(IN p_run_date date, IN p_keep_daily_days integer, IN p_keep_weekly_weeks integer, INOUT p_dropped date[]) IS 'Retention of demand forecasts (settings forecast.keep_daily_days, forecast.keep_weekly_weeks): drops the daily partitions of demand_forecast_products and demand_forecast_series older than keep_daily_days except the first date of each ISO week younger than keep_weekly_weeks, and the headers of the dropped dates (pools go with them). Never the active forecast''s date. Returns the dropped dates. Called by unscoped runs of step_forecast.';

CREATE PROCEDURE cw_nnnnnn.forecast_ensure_partition(IN p_forecast_date date)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_table text;
    v_name  text;
begin
    foreach v_table in array array['demand_forecast_products', 'demand_forecast_series'] loop
        v_name := v_table || '_p' || to_char(p_forecast_date, 'YYYYMMDD');
        if to_regclass(format('%I.%I', 'cw_nnnnnn', v_name)) is null then
            execute format('create table %I.%I partition of %I.%I for values from (%L) to (%L)',
                           'cw_nnnnnn', v_name, 'cw_nnnnnn', v_table, p_forecast_date, p_forecast_date + 1);
            execute format('alter table %I.%I owner to %I', 'cw_nnnnnn', v_name, 'cw_nnnnnn_owner');
            execute format('comment on table %I.%I is %L', 'cw_nnnnnn', v_name,
                           'Rows of the forecasts dated ' || p_forecast_date || ' (partition of ' || v_table
                           || '; dropped whole by forecast_drop_expired).');
        end if;
    end loop;
end
$$;

ALTER PROCEDURE cw_nnnnnn.forecast_ensure_partition(IN p_forecast_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.forecast_ensure_partition(IN p_forecast_date date) IS 'Creates the partitions of demand_forecast_products and demand_forecast_series for one forecast date (<table>_pYYYYMMDD), if missing, owned by the client''s owner role. Called by step_forecast.';

CREATE FUNCTION cw_nnnnnn.forecast_method() RETURNS jsonb
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'cw_nnnnnn', 'pg_catalog', 'pg_temp'
    AS $$
    select jsonb_build_object(
        'version', 'weekly-combination-2',
        'bucket', 'week ending on the forecast date',
        'candidates', jsonb_build_object(
            'ses_slow', jsonb_build_object('alpha', 0.05),
            'ses', jsonb_build_object('alpha', 0.2),
            'damped_trend', jsonb_build_object('alpha', 0.2, 'beta', 0.1, 'phi', 0.9, 'lag_correction_weeks', 4),
            'tsb', jsonb_build_object('alpha_occurrence', 0.1, 'alpha_size', 0.1)
        ),
        'backtest', jsonb_build_object('targets', 'last 26 observed weeks', 'horizons_weeks', jsonb_build_array(1, 4),
                                       'weights', 'Akaike-style: (MSE_min / MSE)^(targets / 2)'),
        'seasonality', jsonb_build_object('positions', 52, 'neighbour_weights', jsonb_build_array(1, 2, 1),
                                          'min_observed_weeks', 78,
                                          'expected', 'mean of the 52 observed weeks around the week',
                                          'floor', 0.1),
        'new_series', jsonb_build_object('prior_weight_weeks', 4),
        'weekday_profile_weeks', 26
    )
$$;

ALTER FUNCTION cw_nnnnnn.forecast_method() OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.forecast_method() IS 'Version and fixed constants of the forecast method (docs/forecast.md); stored in demand_forecasts.metadata and part of the input watermark, so a new method version forecasts again.';

CREATE FUNCTION cw_nnnnnn.forecast_reorder_time_demand(p_product_id integer, p_location_id integer, p_prorate text DEFAULT 'weekday_profile'::text) RETURNS double precision
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'pg_catalog', 'pg_temp'
    AS $$
    select accumulated.demand_qty
    from cw_nnnnnn.forecast_reorder_time_demand_many(array[p_product_id], array[p_location_id], p_prorate)
        as accumulated
$$;

ALTER FUNCTION cw_nnnnnn.forecast_reorder_time_demand(p_product_id integer, p_location_id integer, p_prorate text) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.forecast_reorder_time_demand(p_product_id integer, p_location_id integer, p_prorate text) IS 'Forecast demand of one product x location over its reorder time (lead time + review cycle). See forecast_reorder_time_demand_many.';

CREATE FUNCTION cw_nnnnnn.forecast_reorder_time_demand_many(p_product_ids integer[], p_location_ids integer[], p_prorate text DEFAULT 'weekday_profile'::text) RETURNS TABLE(product_id integer, location_id integer, reorder_days integer, demand_qty double precision)
    LANGUAGE plpgsql STABLE
    SET search_path TO 'cw_nnnnnn', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_forecast_date date := (select active.forecast_date from cw_nnnnnn.active_demand_forecast as active);
begin
    -- Reorder time: the primary supplier's lead time (the product's override, else the supplier's override, else
    -- the ERP's) + its review cycle (1 day when not set: daily review); null without a primary supplier lead time.
    return query
    with pairs as (
        select requested.ordinality, requested.product_id, requested.location_id,
               coalesce(product_suppliers.lead_time_days_override, suppliers.lead_time_days_override,
                        suppliers.lead_time_days) + coalesce(suppliers.review_cycle_days, 1) as reorder_days
        from unnest(p_product_ids, p_location_ids) with ordinality as requested (product_id, location_id, ordinality)
        left join cw_nnnnnn.products on products.id = requested.product_id
        left join cw_nnnnnn.suppliers on suppliers.id = products.primary_supplier_id
        left join cw_nnnnnn.product_suppliers
            on product_suppliers.product_id = products.id and product_suppliers.supplier_id = suppliers.id
    ),
    known as (
        select pairs.* from pairs where pairs.reorder_days is not null
    ),
    accumulated as (
        select known.ordinality, sums.demand_qty
        from cw_nnnnnn.forecast_accumulate(
            array(select known.product_id from known order by known.ordinality),
            array(select known.location_id from known order by known.ordinality),
            array(select v_forecast_date + 1 from known order by known.ordinality),
            array(select v_forecast_date + known.reorder_days from known order by known.ordinality),
            p_prorate
        ) with ordinality as sums (product_id, location_id, from_date, to_date, demand_qty, position)
        inner join (select known.ordinality, row_number() over (order by known.ordinality) as position
                    from known) as known
            on known.position = sums.position
    )
    select pairs.product_id, pairs.location_id, pairs.reorder_days, accumulated.demand_qty
    from pairs
    left join accumulated on accumulated.ordinality = pairs.ordinality
    order by pairs.ordinality;
end
$$;

ALTER FUNCTION cw_nnnnnn.forecast_reorder_time_demand_many(p_product_ids integer[], p_location_ids integer[], p_prorate text) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.forecast_reorder_time_demand_many(p_product_ids integer[], p_location_ids integer[], p_prorate text) IS 'Forecast demand over the reorder time (primary supplier lead time + review cycle, from the day after the active forecast''s date) of many product x location pairs, one row per pair in the order given; reorder_days and demand_qty null without a lead time. Partial weeks pro-rated by the weekday profile (default) or uniformly.';

CREATE PROCEDURE cw_nnnnnn.forecast_write_series(IN p_forecast_date date, IN p_forecast_id bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'pg_catalog', 'pg_temp'
    AS $$
begin
    insert into cw_nnnnnn.demand_forecast_series (
        forecast_date, demand_forecast_id, product_id, location_id, history_weeks, demand_weeks, level_qty, trend_qty,
        occurrence_prob, weight_ses_slow, weight_ses, weight_damped_trend, weight_tsb, backtest_rmsse,
        season_own_weight, weekday_shares
    )
    select p_forecast_date, p_forecast_id, fc_out_series.product_id, fc_out_series.location_id,
           fc_out_series.history_weeks, fc_out_series.demand_weeks, fc_out_series.level, fc_out_series.trend,
           fc_out_series.occurrence, fc_out_series.weight_ses_slow, fc_out_series.weight_ses,
           fc_out_series.weight_damped_trend, fc_out_series.weight_tsb, fc_out_series.backtest_rmsse,
           coalesce(fc_out_series.season_own_weight, 0), fc_out_series.weekday_shares
    from fc_out_series;
end
$$;

ALTER PROCEDURE cw_nnnnnn.forecast_write_series(IN p_forecast_date date, IN p_forecast_id bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.forecast_write_series(IN p_forecast_date date, IN p_forecast_id bigint) IS 'Inserts the rows of the temporary table fc_out_series (forecast_compute) into demand_forecast_series for a forecast.';

CREATE FUNCTION cw_nnnnnn.fx_factor(p_currency_id smallint, p_on date) RETURNS numeric
    LANGUAGE sql STABLE
    AS $$
    select case when p_currency_id is null then null
                when p_currency_id = (select clients.currency_id from cw_global.clients
                                      where clients.schema_name = 'cw_nnnnnn') then 1::numeric
                else pg_catalog.round(
                    (select fx_rates.rate_to_eur from cw_global.fx_rates
                     where fx_rates.currency_id = p_currency_id
                     order by fx_rates.rate_date > p_on, pg_catalog.abs(fx_rates.rate_date - p_on)
                     limit 1)
                    / nullif((select fx_rates.rate_to_eur from cw_global.fx_rates
                              where fx_rates.currency_id = (select clients.currency_id from cw_global.clients
                                                            where clients.schema_name = 'cw_nnnnnn')
                              order by fx_rates.rate_date > p_on, pg_catalog.abs(fx_rates.rate_date - p_on)
                              limit 1), 0), 8)
           end
$$;

ALTER FUNCTION cw_nnnnnn.fx_factor(p_currency_id smallint, p_on date) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.fx_factor(p_currency_id smallint, p_on date) IS 'Client-currency units per unit of the given currency on a date, through the EUR rates of cw_global.fx_rates: the latest rate on or before the date, else the earliest after it. 1 for the client currency; null when either currency has no rate at all. No SET search_path (every name is qualified) so that it is inlined.';

CREATE FUNCTION cw_nnnnnn.inventory_as_of(p_date date) RETURNS TABLE(product_id integer, location_id integer, balance_date date, qty_available numeric, qty_blocked numeric, qty_reserved numeric, qty_all numeric)
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
    select distinct on (balances.product_id, balances.location_id)
           balances.product_id, balances.location_id, balances.balance_date, balances.qty_available,
           balances.qty_blocked, balances.qty_reserved, balances.qty_all
    from cw_nnnnnn.inventory_balances as balances
    where balances.balance_date <= p_date
        and balances.balance_date >= coalesce(
            (select max(snapshots.snapshot_date) from cw_nnnnnn.inventory_snapshots as snapshots
             where snapshots.snapshot_type = 'full' and snapshots.snapshot_date <= p_date),
            '-infinity')
    order by balances.product_id, balances.location_id, balances.balance_date desc
$$;

ALTER FUNCTION cw_nnnnnn.inventory_as_of(p_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.inventory_as_of(p_date date) IS 'End-of-day stock of every pair on a date: its latest reported balance since the latest full snapshot on or before the date (a pair missing from that full snapshot is no longer stocked). Delta days only update the pairs they list.';

CREATE PROCEDURE cw_nnnnnn.inventory_targets_compute(IN p_run_date date, IN p_product_ids integer[], IN p_location_ids integer[])
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_settings       jsonb := cw_nnnnnn.settings('inventory_targets');
    v_planning       jsonb := cw_nnnnnn.settings('planning');
    v_forecast_id    bigint;
    v_forecast_date  date;
    v_volatility     integer := (v_settings ->> 'volatility_days')::integer;
    v_recent         integer := (v_settings ->> 'recent_volatility_days')::integer;
    v_moving         integer := (v_settings ->> 'moving_average_days')::integer;
begin
    select active.id, active.forecast_date into v_forecast_id, v_forecast_date
    from cw_nnnnnn.active_demand_forecast as active;

    drop table if exists pg_temp.inventory_targets_computed, pg_temp.inventory_store_inputs,
        pg_temp.inventory_store_forecast, pg_temp.inventory_store_volatility, pg_temp.inventory_store_moving;
    create temp table inventory_targets_computed (
        product_id integer not null,
        location_id integer not null,
        inventory_strategy_id smallint not null,
        target_stock numeric(14, 3) not null,
        reorder_point numeric(14, 3) not null,
        safety_stock numeric(14, 3) not null,
        fill_rate_simulated numeric(6, 4),
        zero_reason text,
        strategy_source text not null,
        params jsonb not null,
        primary key (product_id, location_id)
    ) on commit drop;
    if v_forecast_id is null then
        return;
    end if;

    -- Store pairs with a forecast, their supply (transfer from the parent location, else the primary supplier) and
    -- the protection period P = lead time + review cycle in whole days.
    create temp table inventory_store_inputs on commit drop as
    with forecast_pairs as (
        select distinct on (rows.product_id, rows.location_id)
            rows.product_id, rows.location_id, demand_source_types.name as source_type
        from cw_nnnnnn.demand_forecast_products as rows
        inner join cw_nnnnnn.demand_source_types on demand_source_types.id = rows.demand_source_type_id
        inner join cw_nnnnnn.locations on locations.id = rows.location_id
        where rows.demand_forecast_id = v_forecast_id and rows.forecast_date = v_forecast_date
            and locations.echelon = 1
            and (p_product_ids is null or rows.product_id = any (p_product_ids))
            and (p_location_ids is null or rows.location_id = any (p_location_ids))
        order by rows.product_id, rows.location_id, rows.horizon_days
    ),

    latest_supplier_behaviors as (
        select distinct on (supplier_behaviors.supplier_id)
            supplier_behaviors.supplier_id, supplier_behaviors.avg_lead_time_days, supplier_behaviors.lead_time_p90
        from cw_nnnnnn.supplier_behaviors
        where supplier_behaviors.snapshot_date <= p_run_date
        order by supplier_behaviors.supplier_id, supplier_behaviors.snapshot_date desc
    ),

    supplied as (
        select forecast_pairs.product_id, forecast_pairs.location_id, forecast_pairs.source_type,
               locations.parent_location_id,
               locations.is_enabled and locations.is_active as is_location_enabled,
               products.is_discontinued, products.assortment_override,
               products.price, products.cost,
               greatest(coalesce(product_suppliers.pack_size_qty, products.pack_size_qty, 1), 0.001) as pack_size_qty,
               coalesce(product_suppliers.moq_qty_override, suppliers.moq_qty_override, suppliers.moq_qty, 0) as moq_qty,
               case
                   when locations.parent_location_id is not null
                       then coalesce(location_lanes.transit_days_override,
                                     (v_settings ->> 'transfer_lead_time_days')::integer)::float8
                   else coalesce(product_suppliers.lead_time_days_override, suppliers.lead_time_days_override,
                                 latest_supplier_behaviors.avg_lead_time_days, suppliers.lead_time_days,
                                 (v_settings ->> 'default_lead_time_days')::integer)::float8
               end as lead_time_days,
               case
                   when locations.parent_location_id is null
                       and product_suppliers.lead_time_days_override is null
                       and suppliers.lead_time_days_override is null
                       and latest_supplier_behaviors.lead_time_p90 > latest_supplier_behaviors.avg_lead_time_days
                       -- p90 of a normal lead time is its mean + 1.2816 sigma.
                       then ((latest_supplier_behaviors.lead_time_p90 - latest_supplier_behaviors.avg_lead_time_days)
                             / 1.2816)::float8
                   else 0
               end as lead_time_sd_days,
               case
                   when locations.parent_location_id is not null then (v_planning ->> 'review_cycle_days')::integer
                   else coalesce(suppliers.review_cycle_days, (v_planning ->> 'review_cycle_days')::integer)
               end as review_days
        from forecast_pairs
        inner join cw_nnnnnn.locations on locations.id = forecast_pairs.location_id
        inner join cw_nnnnnn.products on products.id = forecast_pairs.product_id
        left join cw_nnnnnn.suppliers on suppliers.id = products.primary_supplier_id
        left join cw_nnnnnn.product_suppliers
            on product_suppliers.product_id = products.id and product_suppliers.supplier_id = suppliers.id
        left join latest_supplier_behaviors on latest_supplier_behaviors.supplier_id = suppliers.id
        left join cw_nnnnnn.location_lanes
            on location_lanes.from_location_id = locations.parent_location_id
            and location_lanes.to_location_id = locations.id
    ),

    final as (
        select supplied.*,
               ceil(supplied.lead_time_days)::integer + supplied.review_days as protection_days
        from supplied
    )

    select * from final;

    -- Demand over the protection period from the active forecast (pro-rated by the weekday profile).
    create temp table inventory_store_forecast on commit drop as
    select accumulated.product_id, accumulated.location_id, accumulated.demand_qty
    from cw_nnnnnn.forecast_accumulate(
        array(select inputs.product_id from inventory_store_inputs as inputs order by inputs.product_id, inputs.location_id),
        array(select inputs.location_id from inventory_store_inputs as inputs order by inputs.product_id, inputs.location_id),
        array(select v_forecast_date + 1 from inventory_store_inputs as inputs order by inputs.product_id, inputs.location_id),
        array(select v_forecast_date + inputs.protection_days from inventory_store_inputs as inputs
              order by inputs.product_id, inputs.location_id)
    ) as accumulated;

    -- Weekly demand of the trailing windows (weeks without a row are weeks without demand).
    create temp table inventory_store_volatility on commit drop as
    with weeks as (
        select inputs.product_id, inputs.location_id, week.week_no
        from inventory_store_inputs as inputs
        cross join generate_series(0, v_volatility / 7 - 1) as week (week_no)
    ),

    weekly_demand as (
        select demand_history.product_id, demand_history.location_id,
               (p_run_date - demand_history.demand_date) / 7 as week_no,
               sum(demand_history.demand_qty)::float8 as demand_qty
        from cw_nnnnnn.demand_history
        inner join inventory_store_inputs as inputs
            on inputs.product_id = demand_history.product_id and inputs.location_id = demand_history.location_id
        where demand_history.demand_date > p_run_date - (v_volatility / 7) * 7
            and demand_history.demand_date <= p_run_date
        group by 1, 2, 3
    ),

    series as (
        select weeks.product_id, weeks.location_id, weeks.week_no,
               coalesce(weekly_demand.demand_qty, 0) as demand_qty,
               coalesce(weekly_demand.demand_qty, 0) - lead(coalesce(weekly_demand.demand_qty, 0))
                   over (partition by weeks.product_id, weeks.location_id order by weeks.week_no) as change_qty
        from weeks
        left join weekly_demand
            on weekly_demand.product_id = weeks.product_id and weekly_demand.location_id = weeks.location_id
            and weekly_demand.week_no = weeks.week_no
    ),

    final as (
        select series.product_id, series.location_id,
               avg(series.demand_qty) as mean_week_qty,
               coalesce(var_samp(series.demand_qty), 0) as var_week_qty,
               avg(series.demand_qty) filter (where series.week_no < v_recent / 7) as recent_mean_week_qty,
               coalesce(var_samp(series.demand_qty) filter (where series.week_no < v_recent / 7), 0)
               as recent_var_week_qty,
               sqrt(coalesce(avg(series.change_qty * series.change_qty), 0)) as naive_scale_qty
        from series
        group by series.product_id, series.location_id
    )

    select * from final;

    create temp table inventory_store_moving on commit drop as
    select demand_history.product_id, demand_history.location_id,
           sum(demand_history.demand_qty)::float8 / v_moving as demand_per_day
    from cw_nnnnnn.demand_history
    inner join inventory_store_inputs as inputs
        on inputs.product_id = demand_history.product_id and inputs.location_id = demand_history.location_id
    where demand_history.demand_date > p_run_date - v_moving and demand_history.demand_date <= p_run_date
    group by 1, 2;

    insert into inventory_targets_computed
    with classes as (
        select distinct on (behaviors.product_id, behaviors.location_id)
            behaviors.product_id, behaviors.location_id, abc_classes.code as abc, xyz_classes.code as xyz,
            fmr_classes.code as fmr
        from cw_nnnnnn.product_location_behaviors as behaviors
        inner join inventory_store_inputs as inputs
            on inputs.product_id = behaviors.product_id and inputs.location_id = behaviors.location_id
        inner join cw_nnnnnn.abc_classes on abc_classes.id = behaviors.abc_class_id
        inner join cw_nnnnnn.xyz_classes on xyz_classes.id = behaviors.xyz_class_id
        inner join cw_nnnnnn.fmr_classes on fmr_classes.id = behaviors.fmr_class_id
        where behaviors.snapshot_date <= p_run_date
        order by behaviors.product_id, behaviors.location_id, behaviors.snapshot_date desc
    ),

    class_rules as (
        select split_part(rule.value, '=', 1) as class_code, split_part(rule.value, '=', 2) as strategy_name
        from jsonb_array_elements_text(v_settings -> 'class_strategies') as rule (value)
    ),

    chosen as (
        select inputs.*, classes.abc, classes.xyz, classes.fmr,
               coalesce(overridden.name, class_rules.strategy_name, v_settings ->> 'store_strategy') as strategy_name,
               case when overridden.name is not null then 'override'
                    when class_rules.strategy_name is not null then 'class' else 'echelon' end as strategy_source,
               coalesce(forecast.demand_qty, 0) / inputs.protection_days as forecast_per_day,
               coalesce(moving.demand_per_day, 0) as moving_per_day,
               volatility.mean_week_qty / 7 as history_per_day,
               -- Demand counts are at least Poisson-dispersed: variance >= mean.
               sqrt(greatest(volatility.var_week_qty, volatility.mean_week_qty) / 7) as demand_sd_per_day,
               sqrt(greatest(volatility.recent_var_week_qty, volatility.recent_mean_week_qty, 0) / 7)
               as recent_sd_per_day,
               series.backtest_rmsse * volatility.naive_scale_qty / sqrt(7) as forecast_sd_per_day,
               series.backtest_rmsse
        from inventory_store_inputs as inputs
        left join classes on classes.product_id = inputs.product_id and classes.location_id = inputs.location_id
        left join class_rules on class_rules.class_code = classes.abc || classes.xyz
        left join (select overrides.product_id, overrides.location_id, strategies.name
                   from cw_nnnnnn.inventory_strategy_overrides as overrides
                   inner join cw_nnnnnn.inventory_strategies as strategies
                       on strategies.id = overrides.inventory_strategy_id) as overridden
            on overridden.product_id = inputs.product_id and overridden.location_id = inputs.location_id
        left join inventory_store_forecast as forecast
            on forecast.product_id = inputs.product_id and forecast.location_id = inputs.location_id
        left join inventory_store_moving as moving
            on moving.product_id = inputs.product_id and moving.location_id = inputs.location_id
        left join inventory_store_volatility as volatility
            on volatility.product_id = inputs.product_id and volatility.location_id = inputs.location_id
        left join cw_nnnnnn.demand_forecast_series as series
            on series.demand_forecast_id = v_forecast_id and series.forecast_date = v_forecast_date
            and series.product_id = inputs.product_id and series.location_id = inputs.location_id
    ),

    serviced as (
        select chosen.*,
               case chosen.strategy_name
                   when 'abc_xyz_matrix' then
                       coalesce((v_settings ->> ('csl_' || lower(chosen.abc || chosen.xyz) || '_pct'))::float8,
                                (v_planning ->> 'service_level_pct')::float8) / 100
                   when 'fmr_abc_quantile' then
                       coalesce((v_settings ->> ('quantile_' || lower(chosen.fmr || chosen.abc) || '_pct'))::float8,
                                (v_planning ->> 'service_level_pct')::float8) / 100
                   when 'margin_weighted' then
                       ((v_settings ->> 'margin_csl_min_pct')::float8
                        + ((v_settings ->> 'margin_csl_max_pct')::float8 - (v_settings ->> 'margin_csl_min_pct')::float8)
                        * least(1, greatest(0, coalesce((chosen.price - chosen.cost) / nullif(chosen.price, 0), 0)
                                               * 100 / (v_settings ->> 'margin_full_pct')::float8))) / 100
                   when 'newsvendor' then
                       -- Underage: the margin lost per unit short; overage: holding one unit for a review cycle.
                       coalesce((chosen.price - chosen.cost)
                                / nullif((chosen.price - chosen.cost) + chosen.cost
                                         * (v_settings ->> 'holding_cost_pct')::float8 / 100
                                         * chosen.review_days / 365, 0),
                                (v_planning ->> 'service_level_pct')::float8 / 100)
                   else (v_planning ->> 'service_level_pct')::float8 / 100
               end as service_probability,
               case when chosen.strategy_name = 'moving_average' then chosen.moving_per_day
                    else chosen.forecast_per_day end as demand_per_day,
               case chosen.strategy_name
                   when 'dynamic_safety' then sqrt(0.5 * chosen.recent_sd_per_day ^ 2 + 0.5 * chosen.demand_sd_per_day ^ 2)
                   when 'seasonal_trend' then
                       chosen.demand_sd_per_day
                       * coalesce(chosen.forecast_per_day / nullif(chosen.history_per_day, 0), 1)
                   when 'forecast_based' then coalesce(chosen.forecast_sd_per_day, chosen.demand_sd_per_day)
                   else chosen.demand_sd_per_day
               end as used_sd_per_day
        from chosen
    ),

    sized as (
        select serviced.*,
               serviced.demand_per_day * serviced.protection_days as protection_demand_qty,
               sqrt(serviced.protection_days * coalesce(serviced.used_sd_per_day, 0) ^ 2
                    + serviced.demand_per_day ^ 2 * serviced.lead_time_sd_days ^ 2) as protection_sd_qty,
               sqrt(serviced.lead_time_days * coalesce(serviced.used_sd_per_day, 0) ^ 2
                    + serviced.demand_per_day ^ 2 * serviced.lead_time_sd_days ^ 2) as lead_time_sd_qty,
               cw_global.normal_quantile(least(greatest(serviced.service_probability, 0.5), 0.9999)) as z
        from serviced
    ),

    levels as (
        select sized.*,
               case
                   when sized.strategy_name = 'base_stock' then greatest(0, coalesce(
                       cw_global.normal_loss_inverse((1 - (v_settings ->> 'fill_rate_pct')::float8 / 100)
                                                     * sized.demand_per_day * sized.review_days
                                                     / nullif(sized.protection_sd_qty, 0)), 0)) * sized.protection_sd_qty
                   when sized.strategy_name in ('product_level', 'buffer_min_qty') then 0
                   else sized.z * sized.protection_sd_qty
               end as safety_qty
        from sized
    ),

    policies as (
        select levels.*,
               case levels.strategy_name
                   when 'product_level' then
                       levels.demand_per_day * (levels.lead_time_days + (v_settings ->> 'cover_days')::integer)
                   when 'buffer_min_qty' then
                       greatest((v_settings ->> 'buffer_min_qty')::float8, levels.pack_size_qty, levels.moq_qty)
                   else levels.protection_demand_qty + levels.safety_qty
               end as order_up_to_qty,
               case levels.strategy_name
                   when 'product_level' then levels.demand_per_day * levels.lead_time_days
                   when 'buffer_min_qty' then
                       greatest(0, greatest((v_settings ->> 'buffer_min_qty')::float8, levels.pack_size_qty,
                                            levels.moq_qty) - levels.pack_size_qty)
                   when 'periodic_review' then levels.protection_demand_qty + levels.safety_qty
                   when 'base_stock' then levels.demand_per_day * levels.lead_time_days
                       + levels.safety_qty * levels.lead_time_sd_qty / nullif(levels.protection_sd_qty, 0)
                   else levels.demand_per_day * levels.lead_time_days + levels.z * levels.lead_time_sd_qty
               end as reorder_qty,
               case
                   when levels.assortment_override = 'NOT-STOCK' then 'not_stocked'
                   when levels.is_discontinued then 'discontinued'
                   when not levels.is_location_enabled then 'location_disabled'
                   when levels.source_type = 'dead_product' then 'dead_product'
                   when levels.demand_per_day = 0 and levels.strategy_name <> 'buffer_min_qty' then 'no_demand'
               end as zero_reason
        from levels
    ),

    rounded as (
        select policies.*,
               case when policies.zero_reason is null
                    then ceil(round((greatest(policies.order_up_to_qty, 0) / policies.pack_size_qty)::numeric, 6))
                         * policies.pack_size_qty
                    else 0 end as target_qty
        from policies
    ),

    final as (
        select rounded.product_id, rounded.location_id, strategies.id as inventory_strategy_id,
               round(rounded.target_qty::numeric, 3) as target_stock,
               case when rounded.zero_reason is null
                    then least(round(greatest(coalesce(rounded.reorder_qty, 0), 0)::numeric, 3),
                               round(rounded.target_qty::numeric, 3))
                    else 0 end as reorder_point,
               case when rounded.zero_reason is null then round(greatest(rounded.safety_qty, 0)::numeric, 3)
                    else 0 end as safety_stock,
               case
                   when rounded.zero_reason is not null then null
                   when rounded.demand_per_day * rounded.review_days <= 0 then 1
                   when rounded.protection_sd_qty <= 0 then
                       case when rounded.target_qty >= rounded.protection_demand_qty then 1
                            else rounded.target_qty / rounded.protection_demand_qty end
                   -- Expected units short per review cycle of the order-up-to level (normal loss), over the
                   -- demand of a cycle.
                   else greatest(0, least(1, 1 - rounded.protection_sd_qty
                        * cw_global.normal_loss((rounded.target_qty - rounded.protection_demand_qty)
                                                / rounded.protection_sd_qty)
                        / (rounded.demand_per_day * rounded.review_days)))
               end::numeric(6, 4) as fill_rate_simulated,
               rounded.zero_reason,
               rounded.strategy_source,
               jsonb_strip_nulls(jsonb_build_object(
                   'lead_time_days', round(rounded.lead_time_days::numeric, 4),
                   'lead_time_sd_days', round(rounded.lead_time_sd_days::numeric, 4),
                   'review_days', rounded.review_days,
                   'protection_days', rounded.protection_days,
                   'demand_per_day', round(rounded.demand_per_day::numeric, 6),
                   'demand_sd_per_day', round(rounded.used_sd_per_day::numeric, 6),
                   'protection_demand_qty', round(rounded.protection_demand_qty::numeric, 4),
                   'protection_sd_qty', round(rounded.protection_sd_qty::numeric, 4),
                   'pack_size_qty', rounded.pack_size_qty,
                   'moq_qty', rounded.moq_qty,
                   case when rounded.strategy_name = 'base_stock' then 'fill_rate_target'
                        when rounded.strategy_name = 'newsvendor' then 'critical_ratio'
                        when rounded.strategy_name in ('product_level', 'buffer_min_qty') then 'unused_service'
                        else 'cycle_service_level' end,
                   round(case when rounded.strategy_name = 'base_stock'
                              then (v_settings ->> 'fill_rate_pct')::float8 / 100
                              else rounded.service_probability end::numeric, 6),
                   'safety_factor_z', case when rounded.strategy_name not in ('base_stock', 'product_level', 'buffer_min_qty')
                             then round(rounded.z::numeric, 6) end,
                   'safety_factor_k', case when rounded.strategy_name = 'base_stock'
                             then round((rounded.safety_qty / nullif(rounded.protection_sd_qty, 0))::numeric, 6) end,
                   'forecast_rmsse', case when rounded.strategy_name = 'forecast_based'
                                          then round(rounded.backtest_rmsse::numeric, 6) end,
                   'cover_days', case when rounded.strategy_name = 'product_level'
                                      then (v_settings ->> 'cover_days')::integer end,
                   'buffer_min_qty', case when rounded.strategy_name = 'buffer_min_qty'
                                          then (v_settings ->> 'buffer_min_qty')::float8 end
               ) - 'unused_service') as params
        from rounded
        inner join cw_nnnnnn.inventory_strategies as strategies on strategies.name = rounded.strategy_name
    )

    select * from final;

    -- Upper echelons (DC, warehouse, central): the pooled demand of the stores they supply. Means add up; standard
    -- deviations add in quadrature (independent store demand: risk pooling), never as a sum of store targets.
    insert into inventory_targets_computed
    with children as (
        select stores.parent_location_id as location_id, stores.product_id,
               count(*) as store_count,
               sum(stores.forecast_per_day) as demand_per_day,
               sqrt(sum(coalesce(stores.demand_sd_per_day, 0) ^ 2)) as demand_sd_per_day
        from (select inputs.product_id, inputs.parent_location_id,
                     coalesce(forecast.demand_qty, 0) / inputs.protection_days as forecast_per_day,
                     sqrt(greatest(volatility.var_week_qty, volatility.mean_week_qty) / 7) as demand_sd_per_day
              from inventory_store_inputs as inputs
              left join inventory_store_forecast as forecast
                  on forecast.product_id = inputs.product_id and forecast.location_id = inputs.location_id
              left join inventory_store_volatility as volatility
                  on volatility.product_id = inputs.product_id and volatility.location_id = inputs.location_id
              where inputs.parent_location_id is not null
                  and inputs.assortment_override is distinct from 'NOT-STOCK') as stores
        group by stores.parent_location_id, stores.product_id
    ),

    supplied as (
        select children.*, locations.echelon,
               locations.is_enabled and locations.is_active as is_location_enabled, products.is_discontinued,
               greatest(coalesce(product_suppliers.pack_size_qty, products.pack_size_qty, 1), 0.001) as pack_size_qty,
               coalesce(product_suppliers.lead_time_days_override, suppliers.lead_time_days_override,
                        suppliers.lead_time_days, (v_settings ->> 'default_lead_time_days')::integer)::float8
               as lead_time_days,
               coalesce(suppliers.review_cycle_days, (v_planning ->> 'review_cycle_days')::integer) as review_days,
               (v_planning ->> 'service_level_pct')::float8 / 100 as service_probability
        from children
        inner join cw_nnnnnn.locations on locations.id = children.location_id
        inner join cw_nnnnnn.products on products.id = children.product_id
        left join cw_nnnnnn.suppliers on suppliers.id = products.primary_supplier_id
        left join cw_nnnnnn.product_suppliers
            on product_suppliers.product_id = products.id and product_suppliers.supplier_id = suppliers.id
        where locations.echelon >= 2
            and (p_location_ids is null or children.location_id = any (p_location_ids))
    ),

    sized as (
        select supplied.*,
               ceil(supplied.lead_time_days)::integer + supplied.review_days as protection_days,
               cw_global.normal_quantile(supplied.service_probability) as z
        from supplied
    ),

    final as (
        select sized.product_id, sized.location_id, strategies.id,
               case when sized.is_location_enabled and not sized.is_discontinued and sized.demand_per_day > 0
                    then round((ceil(round(((sized.demand_per_day * sized.protection_days
                                             + sized.z * sized.demand_sd_per_day * sqrt(sized.protection_days))
                                            / sized.pack_size_qty)::numeric, 6)) * sized.pack_size_qty)::numeric, 3)
                    else 0 end,
               case when sized.is_location_enabled and not sized.is_discontinued and sized.demand_per_day > 0
                    then round((sized.demand_per_day * sized.lead_time_days
                                + sized.z * sized.demand_sd_per_day * sqrt(sized.lead_time_days))::numeric, 3)
                    else 0 end,
               case when sized.is_location_enabled and not sized.is_discontinued and sized.demand_per_day > 0
                    then round((sized.z * sized.demand_sd_per_day * sqrt(sized.protection_days))::numeric, 3)
                    else 0 end,
               case when sized.is_location_enabled and not sized.is_discontinued and sized.demand_per_day > 0
                    then 1 - least(1, sized.demand_sd_per_day * sqrt(sized.protection_days)
                                  * cw_global.normal_loss(sized.z)
                                  / (sized.demand_per_day * sized.review_days)) end::numeric(6, 4),
               case when not sized.is_location_enabled then 'location_disabled'
                    when sized.is_discontinued then 'discontinued'
                    when sized.demand_per_day = 0 then 'no_demand' end,
               'echelon',
               jsonb_build_object(
                   'lead_time_days', round(sized.lead_time_days::numeric, 4), 'review_days', sized.review_days,
                   'protection_days', sized.protection_days, 'store_count', sized.store_count,
                   'demand_per_day', round(sized.demand_per_day::numeric, 6),
                   'demand_sd_per_day', round(sized.demand_sd_per_day::numeric, 6),
                   'cycle_service_level', round(sized.service_probability::numeric, 6),
                   'safety_factor_z', round(sized.z::numeric, 6), 'pack_size_qty', sized.pack_size_qty)
        from sized
        inner join cw_nnnnnn.inventory_strategies as strategies on strategies.name = 'downstream_aggregate'
    )

    select * from final;
end
$$;

ALTER PROCEDURE cw_nnnnnn.inventory_targets_compute(IN p_run_date date, IN p_product_ids integer[], IN p_location_ids integer[]) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.inventory_targets_compute(IN p_run_date date, IN p_product_ids integer[], IN p_location_ids integer[]) IS 'Computes the inventory targets of p_run_date (optionally only some products/locations) from the active forecast, demand history, classes, supply and settings into the temp table inventory_targets_computed. Called by step_inventory_targets; formulas in docs/inventory.md.';

CREATE FUNCTION cw_nnnnnn.journal_ui_edits() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
begin
    -- A replayed edit (apply_ui_edit) is journaled by the replay itself, under its original uuid.
    if current_setting('cw.replaying_ui_edit', true) = 'on' then
        return null;
    end if;
    insert into cw_nnnnnn.ui_edits (table_name, row_key, changes, after_run_date)
    with ui_columns as (
        select field_ownership.column_name
        from cw_nnnnnn.field_ownership
        where field_ownership.table_name = tg_table_name and field_ownership.owner = 'ui'
    ),

    edited_rows as (
        select to_jsonb(new_rows) as new_row, to_jsonb(old_rows) as old_row
        from new_rows
        inner join old_rows on old_rows.id = new_rows.id
    ),

    row_changes as (
        select
            edited_rows.new_row,
            (select jsonb_object_agg(ui_columns.column_name, edited_rows.new_row -> ui_columns.column_name)
             from ui_columns
             where (edited_rows.new_row -> ui_columns.column_name)
                 is distinct from (edited_rows.old_row -> ui_columns.column_name)) as changes
        from edited_rows
    ),

    keyed as (
        select
            case tg_table_name
                when 'product_suppliers' then jsonb_build_object(
                    'product_erp_id', (select products.erp_id from cw_nnnnnn.products
                                       where products.id = (row_changes.new_row ->> 'product_id')::integer),
                    'supplier_erp_id', (select suppliers.erp_id from cw_nnnnnn.suppliers
                                        where suppliers.id = (row_changes.new_row ->> 'supplier_id')::integer))
                when 'location_lanes' then jsonb_build_object(
                    'from_erp_id', (select locations.erp_id from cw_nnnnnn.locations
                                    where locations.id = (row_changes.new_row ->> 'from_location_id')::integer),
                    'to_erp_id', (select locations.erp_id from cw_nnnnnn.locations
                                  where locations.id = (row_changes.new_row ->> 'to_location_id')::integer))
                when 'client_settings' then jsonb_build_object('setting_key', row_changes.new_row -> 'setting_key')
                else jsonb_build_object('erp_id', row_changes.new_row -> 'erp_id')
            end as row_key,
            row_changes.changes
        from row_changes
        where row_changes.changes is not null
    )

    select tg_table_name, keyed.row_key, keyed.changes,
           (select max(pipeline_runs.run_date) from cw_nnnnnn.pipeline_runs)
    from keyed;
    return null;
end
$$;

ALTER FUNCTION cw_nnnnnn.journal_ui_edits() OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.journal_ui_edits() IS 'Trigger (after update, per statement): appends one ui_edits row per row whose UI-owned columns changed, with the row''s business key, the new values and the latest pipeline run date. Skipped while apply_ui_edit replays an edit.';

CREATE PROCEDURE cw_nnnnnn.load_apply(IN p_entity text, IN p_run_date date)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $_$
declare
    v_row        record;
    v_constraint text;
    v_state      text;
    v_message    text;
    v_failed     bigint := 0;
begin
    -- The set-based write first: the normal path, one statement per table.
    begin
        execute format('call %I.%I($1, null)', 'cw_nnnnnn', 'write_' || p_entity) using p_run_date;
        return;
    exception when integrity_constraint_violation or data_exception then
        get stacked diagnostics v_constraint = constraint_name, v_state = returned_sqlstate, v_message = message_text;
        raise notice 'load %: set-based write refused (% %: %); retrying row by row to isolate the bad rows',
            p_entity, v_state, v_constraint, v_message;
    end;
    -- A row the pre-checks did not foresee broke the statement: write row by row, each in its own subtransaction,
    -- and reject only the rows that fail. Slow, but only on this exceptional path.
    -- (the failed statement's load_counts rows were rolled back with it)
    for v_row in execute format('select src_row, erp_key, raw_file_id, record_no from %I where reject_code is null '
                                'order by src_row', 'src_' || p_entity)
    loop
        begin
            execute format('call %I.%I($1, $2)', 'cw_nnnnnn', 'write_' || p_entity) using p_run_date, v_row.src_row;
        exception when integrity_constraint_violation or data_exception then
            get stacked diagnostics v_constraint = constraint_name, v_state = returned_sqlstate,
                                    v_message = message_text;
            v_failed := v_failed + 1;
            insert into cw_nnnnnn.load_rejects (
                run_date, entity, erp_key, raw_file_id, record_no, line_no, reason_code, reason, detail
            )
            values (
                p_run_date, p_entity, v_row.erp_key, v_row.raw_file_id, v_row.record_no, 0,
                coalesce(nullif(v_constraint, ''), 'sqlstate_' || lower(v_state)),
                cw_nnnnnn.load_reject_reason(coalesce(nullif(v_constraint, ''), 'sqlstate_' || lower(v_state)),
                                             p_entity, v_row.erp_key),
                jsonb_build_object('sqlstate', v_state, 'message', v_message)
            )
            on conflict on constraint load_rejects_run_date_entity_record_reason_key
            do nothing;
            execute format('update %I set reject_code = $1 where src_row = $2', 'src_' || p_entity)
            using coalesce(nullif(v_constraint, ''), 'sqlstate_' || lower(v_state)), v_row.src_row;
        end;
    end loop;
    raise notice 'load %: % row(s) refused by constraints, the others written', p_entity, v_failed;
end
$_$;

ALTER PROCEDURE cw_nnnnnn.load_apply(IN p_entity text, IN p_run_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.load_apply(IN p_entity text, IN p_run_date date) IS 'Runs write_<entity>(run_date, null) on the prepared src_<entity> rows in one statement per table; when a constraint or data error refuses the statement, writes the rows one by one (write_<entity>(run_date, src_row)) in subtransactions and records each refused row in load_rejects with the constraint name: one bad row never loses the others, and never aborts the run.';

CREATE PROCEDURE cw_nnnnnn.load_batch_records(IN p_entity text, IN p_staging text, IN p_key text, IN p_target text, IN p_line_entity text DEFAULT NULL::text)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $_$
declare
    v_values    text;
    v_is_active text;
begin
    -- Every staging column but the record's position in its file: a column added to staging is hashed unasked.
    select string_agg(format('staged.%I', attributes.attname), ', ' order by attributes.attnum)
    into v_values
    from pg_catalog.pg_attribute as attributes
    where attributes.attrelid = format('%I.%I', 'cw_nnnnnn_staging', p_staging)::regclass
        and attributes.attnum > 0 and not attributes.attisdropped
        and attributes.attname not in ('raw_file_id', 'record_no');
    v_is_active := case when exists (select from pg_catalog.pg_attribute as attributes
                                     where attributes.attrelid = format('%I.%I', 'cw_nnnnnn', p_target)::regclass
                                         and attributes.attname = 'is_active' and not attributes.attisdropped)
                        then 'and loaded.is_active' else '' end;
    call cw_nnnnnn.load_drop_temp('batch_' || p_entity);
    execute format($sql$
        create temp table %1$I on commit drop as
        with records as (
            select staged.raw_file_id, staged.record_no, min(staged.%2$I) as erp_key, count(*) as line_count,
                   hash_numeric_extended(sum(hash_record_extended(row(%3$s), $1)), count(*)) as raw_hash
            from %4$I.%5$I as staged
            group by staged.raw_file_id, staged.record_no
        ),

        keys as (
            select records.erp_key, count(*) as copies
            from records
            group by records.erp_key
        )

        select records.raw_file_id, records.record_no, records.erp_key, records.line_count, records.raw_hash,
               coalesce(keys.copies = 1 and loaded.raw_hash = records.raw_hash %8$s, false) as is_unchanged
        from records
        left join keys on keys.erp_key = records.erp_key
        left join %6$I.%7$I as loaded on loaded.erp_id = records.erp_key
        $sql$, 'batch_' || p_entity, p_key, v_values, 'cw_nnnnnn_staging', p_staging, 'cw_nnnnnn', p_target,
        v_is_active)
    using cw_nnnnnn.load_seed();
    execute format('analyze %I', 'batch_' || p_entity);
    execute format($sql$
        insert into load_counts (entity, inserted, updated, unchanged)
        select lines.entity, 0, 0, sum(lines.unchanged)
        from %1$I as batch
        cross join lateral (values ($1, 1::bigint), ($2, batch.line_count)) as lines (entity, unchanged)
        where batch.is_unchanged and lines.entity is not null
        group by lines.entity
        $sql$, 'batch_' || p_entity)
    using p_entity, p_line_entity;
end
$_$;

ALTER PROCEDURE cw_nnnnnn.load_batch_records(IN p_entity text, IN p_staging text, IN p_key text, IN p_target text, IN p_line_entity text) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.load_batch_records(IN p_entity text, IN p_staging text, IN p_key text, IN p_target text, IN p_line_entity text) IS 'First move of step load for a master or document entity: one row per staging record in temp table batch_<entity> with its ERP key, its number of staging lines, its raw hash (every staging column but raw_file_id and record_no, per line, summed over the record, seeded with load_raw_hash_seed()) and is_unchanged: the key occurs once in the batch and the production row (p_target, by erp_id; active, where the table has is_active) holds the same raw hash. Unchanged records are counted in load_counts (lines too, under p_line_entity) and never typed, mapped, resolved or sorted; the loaders prepare only the others.';

CREATE PROCEDURE cw_nnnnnn.load_drop_temp(IN p_table text)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'pg_catalog', 'pg_temp'
    AS $$
begin
    if to_regclass(format('pg_temp.%I', p_table)) is not null then
        execute format('drop table pg_temp.%I', p_table);
    end if;
end
$$;

ALTER PROCEDURE cw_nnnnnn.load_drop_temp(IN p_table text) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.load_drop_temp(IN p_table text) IS 'Drops a temporary work table of step load when the session still has it (a second load in one transaction), quietly.';

CREATE FUNCTION cw_nnnnnn.load_has_unwritten_rows(p_entity text) RETURNS boolean
    LANGUAGE plpgsql STABLE
    SET search_path TO 'cw_nnnnnn', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_accepted bigint;
begin
    execute format('select count(*) from %I where reject_code is null', 'src_' || p_entity) into v_accepted;
    return v_accepted > (select coalesce(sum(load_counts.inserted + load_counts.updated), 0)
                         from load_counts
                         where load_counts.entity = p_entity);
end
$$;

ALTER FUNCTION cw_nnnnnn.load_has_unwritten_rows(p_entity text) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.load_has_unwritten_rows(p_entity text) IS 'True when src_<entity> holds accepted rows that write_<entity> did not write (their typed values were unchanged): only then must their raw_hash be brought up to date. Spares that join on a first load, where every row is written.';

CREATE PROCEDURE cw_nnnnnn.load_inventory(IN p_run_date date)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_started  timestamptz := clock_timestamp();
    v_seed     bigint := cw_nnnnnn.load_seed();
    v_prepared bigint := 0;
begin
    -- Balance dates whose staging balances hash as those of the batch that last touched the date are skipped whole:
    -- their balances, snapshot type and row count are what production already holds.
    call cw_nnnnnn.load_drop_temp('batch_inventory_dates');
    create temp table batch_inventory_dates on commit drop as
    select dates.balance_date, dates.raw_hash, coalesce(snapshots.raw_hash = dates.raw_hash, false) as is_unchanged,
           snapshots.snapshot_date is null as is_new, dates.balance_count
    from (select coalesce(staged.balance_date, p_run_date) as balance_date, count(*) as balance_count,
                 hash_numeric_extended(sum(hash_record_extended(row(staged.product_id, staged.location_id,
                                                                    staged.balance_date, staged.qty_available,
                                                                    staged.qty_blocked, staged.qty_reserved,
                                                                    staged.qty_all, staged.snapshot_type,
                                                                    staged.missing_fields, staged.cast_errors),
                                                                v_seed)), count(*)) as raw_hash
          from cw_nnnnnn_staging.staging_inventory_balances as staged
          group by coalesce(staged.balance_date, p_run_date)) as dates
    left join cw_nnnnnn.inventory_snapshots as snapshots on snapshots.snapshot_date = dates.balance_date;

    call cw_nnnnnn.load_drop_temp('src_inventory_balances');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_inventory_dates where not batch_inventory_dates.is_unchanged) then
        create temp table src_inventory_balances on commit drop as
        -- Each distinct snapshot word is mapped once per batch, not once per row.
        with snapshot_types as (
            select words.erp_value,
                   coalesce(cw_nnnnnn.erp_word('inventory', 'snapshot_type', words.erp_value), 'delta') as snapshot_type
            from (select distinct staged.snapshot_type as erp_value
                  from cw_nnnnnn_staging.staging_inventory_balances as staged) as words
        ),

        -- A balance whose values are those already loaded for its pair and date is counted and left alone, unless the
        -- pair repeats in the batch (its earlier copies are duplicates to reject).
        hashed as (
            select staged.*, batch.is_new,
                   hash_record_extended(row(staged.product_id, staged.location_id, staged.balance_date,
                                            staged.qty_available, staged.qty_blocked, staged.qty_reserved,
                                            staged.qty_all, staged.snapshot_type, staged.missing_fields,
                                            staged.cast_errors), v_seed) as raw_hash
            from cw_nnnnnn_staging.staging_inventory_balances as staged
            inner join batch_inventory_dates as batch
                on batch.balance_date = coalesce(staged.balance_date, p_run_date) and not batch.is_unchanged
        ),

        repeated as (
            select hashed.product_id, hashed.location_id, hashed.balance_date, true as is_repeated
            from hashed
            where not hashed.is_new
            group by hashed.product_id, hashed.location_id, hashed.balance_date
            having count(*) > 1
        ),

        -- A date never loaded has nothing to compare with (the first load, a new day): all of it is prepared. Other
        -- dates are compared per balance, with left joins rather than correlated subqueries: one hash or index
        -- lookup per balance whatever the statistics say.
        changed as (
            select hashed.*
            from hashed
            where hashed.is_new
            union all
            select hashed.*
            from hashed
            left join repeated
                on repeated.product_id = hashed.product_id and repeated.location_id = hashed.location_id
                    and repeated.balance_date is not distinct from hashed.balance_date
            left join cw_nnnnnn.products on products.erp_id = hashed.product_id
            left join cw_nnnnnn.locations on locations.erp_id = hashed.location_id
            left join cw_nnnnnn.inventory_balances as loaded
                on loaded.product_id = products.id and loaded.location_id = locations.id
                    and loaded.balance_date = coalesce(hashed.balance_date, p_run_date)
            where not hashed.is_new and (repeated.is_repeated or loaded.raw_hash is distinct from hashed.raw_hash)
        ),

        typed as (
            select staged.raw_file_id, staged.record_no, staged.product_id as product_erp_id, staged.raw_hash,
                   staged.location_id as location_erp_id, coalesce(staged.balance_date, p_run_date) as balance_date,
                   staged.qty_available, coalesce(staged.qty_blocked, 0) as qty_blocked,
                   coalesce(staged.qty_reserved, 0) as qty_reserved,
                   coalesce(staged.qty_all, staged.qty_available + coalesce(staged.qty_blocked, 0)
                                            + coalesce(staged.qty_reserved, 0)) as qty_all,
                   coalesce(snapshot_types.snapshot_type, 'delta') as snapshot_type,
                   staged.missing_fields, staged.cast_errors,
                   row_number() over (partition by staged.product_id, staged.location_id, staged.balance_date
                                      order by staged.raw_file_id desc, staged.record_no desc) as occurrence
            from changed as staged
            left join snapshot_types on snapshot_types.erp_value = staged.snapshot_type
        )

        select row_number() over (order by typed.product_erp_id, typed.location_erp_id, typed.raw_file_id,
                                           typed.record_no) as src_row,
               coalesce(typed.product_erp_id, '?') || '@' || coalesce(typed.location_erp_id, '?') as erp_key, typed.*,
               case when typed.product_erp_id is null or typed.location_erp_id is null or typed.qty_available is null
                        or cardinality(typed.missing_fields) > 0 then 'missing_fields'
                    when cardinality(typed.cast_errors) > 0 then 'cast_errors'
                    when typed.occurrence > 1 then 'duplicate'
                    when not exists (select from cw_nnnnnn.products where products.erp_id = typed.product_erp_id)
                        then 'orphan_product'
                    when not exists (select from cw_nnnnnn.locations where locations.erp_id = typed.location_erp_id)
                        then 'orphan_location'
                    when typed.qty_available < 0 or typed.qty_blocked < 0 or typed.qty_reserved < 0 or typed.qty_all < 0
                        or greatest(typed.qty_available, typed.qty_blocked, typed.qty_reserved, typed.qty_all) >= 1e11
                        then 'inventory_balance_qty_check'
               end as reject_code,
               md5(row(typed.qty_available, typed.qty_blocked, typed.qty_reserved,
                   typed.qty_all)::text)::uuid as row_hash
        from typed;
        analyze src_inventory_balances;

        call cw_nnnnnn.load_reject_rows('inventory_balances', p_run_date);
        call cw_nnnnnn.load_apply('inventory_balances', p_run_date);

        select count(*) into v_prepared from src_inventory_balances;

        -- What kind of snapshot each balance date was: a full one bounds inventory_as_of; a delta removes nothing. From
        -- the whole batch, skipped balances included: one row per reported pair (earlier duplicates not counted).
        insert into cw_nnnnnn.inventory_snapshots as snapshots (snapshot_date, snapshot_type, row_count, raw_hash)
        select pairs.balance_date, case when bool_or(pairs.is_full) then 'full' else 'delta' end, count(*),
               (select batch.raw_hash from batch_inventory_dates as batch
                where batch.balance_date = pairs.balance_date
                    and not exists (select from src_inventory_balances as src
                                    where src.balance_date = pairs.balance_date and src.reject_code is not null))
        from (select coalesce(staged.balance_date, p_run_date) as balance_date,
                     coalesce(bool_or(snapshot_types.snapshot_type = 'full'), false) as is_full
              from cw_nnnnnn_staging.staging_inventory_balances as staged
              left join (select words.erp_value,
                                cw_nnnnnn.erp_word('inventory', 'snapshot_type', words.erp_value) as snapshot_type
                         from (select distinct batch.snapshot_type as erp_value
                               from cw_nnnnnn_staging.staging_inventory_balances as batch) as words) as snapshot_types
                  on snapshot_types.erp_value = staged.snapshot_type
              inner join batch_inventory_dates as batch
                  on batch.balance_date = coalesce(staged.balance_date, p_run_date) and not batch.is_unchanged
              group by staged.product_id, staged.location_id, staged.balance_date) as pairs
        group by pairs.balance_date
        on conflict on constraint inventory_snapshots_snapshot_date_key do update
        set snapshot_type = excluded.snapshot_type, row_count = excluded.row_count, raw_hash = excluded.raw_hash
        where (snapshots.snapshot_type, snapshots.row_count, snapshots.raw_hash)
            is distinct from (excluded.snapshot_type, excluded.row_count, excluded.raw_hash);
    end if;
    insert into load_counts (entity, inserted, updated, unchanged)
    select 'inventory_balances', 0, 0, (select count(*) from cw_nnnnnn_staging.staging_inventory_balances) - v_prepared;
    call cw_nnnnnn.load_record_stats('inventory_balances', p_run_date, v_started);
end
$$;

ALTER PROCEDURE cw_nnnnnn.load_inventory(IN p_run_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.load_inventory(IN p_run_date date) IS 'Step load, inventory: staging_inventory_balances into inventory_balances (one row per reported pair and date; qty_all defaults to the sum of the three quantities) and inventory_snapshots (full or delta). A delta only adds or corrects the balances it lists: it never deactivates or removes anything.';

CREATE PROCEDURE cw_nnnnnn.load_locations(IN p_run_date date)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_started     timestamptz := clock_timestamp();
    v_default     text := cw_nnnnnn.erp_default_currency();
    v_deactivated bigint := 0;
begin
    call cw_nnnnnn.load_batch_records('locations', 'staging_locations', 'location_id', 'locations');
    call cw_nnnnnn.load_drop_temp('src_locations');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_locations where not batch_locations.is_unchanged) then
        create temp table src_locations on commit drop as
        with staged as (
            select staging_locations.*, batch.raw_hash,
                   row_number() over (partition by staging_locations.location_id
                                      order by staging_locations.raw_file_id desc, staging_locations.record_no desc)
                       as occurrence
            from cw_nnnnnn_staging.staging_locations
            inner join batch_locations as batch
                on batch.raw_file_id = staging_locations.raw_file_id and batch.record_no = staging_locations.record_no
            where not batch.is_unchanged
        ),

        typed as (
            select staged.raw_file_id, staged.record_no, staged.location_id as erp_key, staged.occurrence,
                staged.raw_hash,
                   staged.missing_fields, staged.cast_errors, btrim(staged.name) as name,
                   cw_nnnnnn.erp_word('locations', 'type', staged.type) as location_type,
                   coalesce(staged.echelon, case cw_nnnnnn.erp_word('locations', 'type', staged.type)
                                                when 'store' then 1 when 'online' then 1 when 'dc' then 2
                                                when 'warehouse' then 3 when 'central' then 4 end) as echelon,
                   nullif(btrim(staged.parent_location_id), '') as parent_erp_id, btrim(staged.city) as city_name,
                   cities.id as city_id, staged.country, countries.id as country_id,
                   upper(coalesce(nullif(btrim(staged.currency), ''), v_default)) as currency_code,
                   currencies.id as currency_id, nullif(btrim(staged.timezone), '') as timezone,
                   cw_nnnnnn.erp_word('locations', 'status', staged.status) as erp_status, staged.open_date,
                   staged.close_date
            from staged
            left join cw_global.countries on countries.code = upper(btrim(staged.country))
            left join cw_global.cities on cities.country_id = countries.id
                and lower(cities.name) = lower(btrim(staged.city))
            left join cw_global.currencies
                on currencies.code = upper(coalesce(nullif(btrim(staged.currency), ''), v_default))
        )

        select row_number() over (order by typed.erp_key, typed.raw_file_id, typed.record_no) as src_row, typed.*,
               case when typed.erp_key is null or cardinality(typed.missing_fields) > 0 then 'missing_fields'
                    when cardinality(typed.cast_errors) > 0 then 'cast_errors'
                    when typed.occurrence > 1 then 'duplicate'
                    when typed.currency_id is null then 'unknown_currency'
                    when typed.location_type is null
                        or typed.location_type not in ('store', 'online', 'dc', 'warehouse', 'central')
                        or typed.erp_status is null or typed.erp_status not in ('planned', 'active', 'closed')
                        then 'unknown_value'
                    when typed.echelon not between 1 and 4 then 'location_echelon_check'
                    when typed.close_date < typed.open_date then 'location_dates_check'
                    when typed.parent_erp_id = typed.erp_key then 'location_parent_check'
               end as reject_code,
               md5(row(typed.name, typed.location_type, typed.echelon, typed.parent_erp_id, typed.city_name,
                       typed.country, typed.currency_code, typed.timezone, typed.erp_status, typed.open_date,
                       typed.close_date)::text)::uuid
                   as row_hash
        from typed;

        call cw_nnnnnn.load_reject_rows('locations', p_run_date);
        call cw_nnnnnn.load_apply('locations', p_run_date);
    end if;

    if exists (select from batch_locations) then
        update cw_nnnnnn.locations
        set is_active = false, deactivated_on = p_run_date, updated_at = now()
        where locations.is_active
            and not exists (select from batch_locations where batch_locations.erp_key = locations.erp_id);
        get diagnostics v_deactivated = row_count;

        -- Lanes follow the replenish-from links of active locations; a link that disappears deactivates its lane.
        insert into cw_nnnnnn.location_lanes as lanes (from_location_id, to_location_id, first_seen_date)
        select locations.parent_location_id, locations.id, p_run_date
        from cw_nnnnnn.locations
        where locations.parent_location_id is not null and locations.is_active
        on conflict on constraint location_lanes_from_location_id_to_location_id_key do update
        set is_active = true, updated_at = now()
        where not lanes.is_active;
        update cw_nnnnnn.location_lanes
        set is_active = false, updated_at = now()
        where location_lanes.is_active
            and not exists (select from cw_nnnnnn.locations
                            where locations.id = location_lanes.to_location_id and locations.is_active
                                and locations.parent_location_id = location_lanes.from_location_id);
    end if;
    call cw_nnnnnn.load_record_stats('locations', p_run_date, v_started, v_deactivated);
end
$$;

ALTER PROCEDURE cw_nnnnnn.load_locations(IN p_run_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.load_locations(IN p_run_date date) IS 'Step load, locations: staging_locations (full snapshot) into locations (type and status words per dialect, echelon from the type when not sent), then location_lanes from the replenish-from links; absent locations and vanished links are deactivated, never deleted.';

CREATE PROCEDURE cw_nnnnnn.load_prices(IN p_run_date date)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_started     timestamptz := clock_timestamp();
    v_default     text := cw_nnnnnn.erp_default_currency();
    v_deactivated bigint := 0;
    v_seed        bigint := cw_nnnnnn.load_seed();
    v_prepared    bigint := 0;
begin
    -- A list whose every line is as loaded before is counted and left alone (load_batch_records); its lines are
    -- counted below. A list re-sent twice in the batch: the last record wins, with its own lines only.
    call cw_nnnnnn.load_batch_records('price_lists', 'staging_prices', 'price_list_id', 'price_lists');
    call cw_nnnnnn.load_drop_temp('src_price_lists');
    call cw_nnnnnn.load_drop_temp('src_prices');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_price_lists where not batch_price_lists.is_unchanged) then
        create temp table src_price_lists on commit drop as
        with records as (
            select distinct on (staging_prices.raw_file_id, staging_prices.record_no)
                   staging_prices.raw_file_id, staging_prices.record_no, staging_prices.price_list_id as erp_key,
                   staging_prices.name, staging_prices.channel, staging_prices.country, staging_prices.currency,
                   staging_prices.valid_from, staging_prices.valid_to, staging_prices.missing_fields,
                   staging_prices.cast_errors, batch.raw_hash
            from cw_nnnnnn_staging.staging_prices
            inner join batch_price_lists as batch
                on batch.raw_file_id = staging_prices.raw_file_id and batch.record_no = staging_prices.record_no
            where not batch.is_unchanged
            order by staging_prices.raw_file_id, staging_prices.record_no, staging_prices.line_no
        ),

        typed as (
            select records.raw_file_id, records.record_no, records.erp_key, records.raw_hash,
                   row_number() over (partition by records.erp_key order by records.raw_file_id desc,
                       records.record_no desc)
                       as occurrence,
                   records.missing_fields, records.cast_errors, records.name,
                   cw_nnnnnn.erp_word('pricing_lists', 'channel', records.channel) as channel, records.country,
                   countries.id as country_id,
                   upper(coalesce(nullif(btrim(records.currency), ''), v_default)) as currency_code,
                   currencies.id as currency_id, records.valid_from, records.valid_to
            from records
            left join cw_global.countries on countries.code = upper(btrim(records.country))
            left join cw_global.currencies
                on currencies.code = upper(coalesce(nullif(btrim(records.currency), ''), v_default))
        )

        select row_number() over (order by typed.erp_key, typed.raw_file_id, typed.record_no) as src_row, typed.*,
               cw_nnnnnn.fx_factor(typed.currency_id, p_run_date) as fx_rate,
               case when typed.erp_key is null then 'missing_fields'
                    when typed.occurrence > 1 then 'duplicate'
                    when typed.currency_id is null then 'unknown_currency'
                    when cw_nnnnnn.fx_factor(typed.currency_id, p_run_date) is null then 'no_fx_rate'
                    when typed.channel is null or typed.channel not in ('store', 'online') then 'unknown_value'
                    when typed.valid_to < typed.valid_from then 'price_list_validity_check'
               end as reject_code,
               md5(row(typed.name, typed.channel, typed.country, typed.currency_code, typed.valid_from,
                       typed.valid_to)::text)::uuid as row_hash
        from typed;

        -- Price lines: a line whose values (its list's header values included, its position not) are those of the
        -- active price is counted and left alone, unless its list was rejected or the pair repeats in the batch.
        create temp table src_prices on commit drop as
        with hashed as (
            select staging_prices.*,
                   hash_record_extended(row(staging_prices.price_list_id, staging_prices.location_id,
                                            staging_prices.channel, staging_prices.currency, staging_prices.valid_from,
                                            staging_prices.valid_to, staging_prices.product_id, staging_prices.price,
                                            staging_prices.promo_price, staging_prices.name, staging_prices.country,
                                            staging_prices.missing_fields, staging_prices.cast_errors),
                                                v_seed) as raw_hash
            from cw_nnnnnn_staging.staging_prices
        ),

        repeated as (
            select hashed.price_list_id, hashed.product_id, true as is_repeated
            from hashed
            group by hashed.price_list_id, hashed.product_id
            having count(*) > 1
        ),

        lines as (
            select hashed.raw_file_id, hashed.record_no, hashed.line_no,
                   hashed.price_list_id as price_list_erp_id, hashed.product_id as product_erp_id,
                   hashed.price, nullif(hashed.promo_price, 0) as promo_price, hashed.raw_hash,
                   hashed.missing_fields, hashed.cast_errors, lists.reject_code as list_reject_code,
                   lists.fx_rate,
                   row_number() over (partition by hashed.raw_file_id, hashed.record_no, hashed.product_id
                                      order by hashed.line_no desc) as occurrence
            from hashed
            inner join src_price_lists as lists
                on lists.raw_file_id = hashed.raw_file_id and lists.record_no = hashed.record_no
            left join repeated
                on repeated.price_list_id = hashed.price_list_id and repeated.product_id = hashed.product_id
            left join cw_nnnnnn.price_lists on price_lists.erp_id = hashed.price_list_id
            left join cw_nnnnnn.products on products.erp_id = hashed.product_id
            left join cw_nnnnnn.prices as loaded
                on loaded.price_list_id = price_lists.id and loaded.product_id = products.id and loaded.is_active
            where lists.reject_code is not null or repeated.is_repeated
                or loaded.raw_hash is distinct from hashed.raw_hash
        )

        select row_number() over (order by lines.price_list_erp_id, lines.product_erp_id, lines.line_no) as src_row,
               lines.price_list_erp_id || '/' || coalesce(lines.product_erp_id, '?') as erp_key, lines.*,
               case when lines.list_reject_code is not null then 'orphan_price_list'
                    when lines.product_erp_id is null or cardinality(lines.missing_fields) > 0 then 'missing_fields'
                    when cardinality(lines.cast_errors) > 0 then 'cast_errors'
                    when lines.occurrence > 1 then 'duplicate'
                    when not exists (select from cw_nnnnnn.products where products.erp_id = lines.product_erp_id)
                        then 'orphan_product'
                    when lines.price < 0 or lines.price * lines.fx_rate >= 1e10 then 'price_amount_check'
                    when lines.promo_price < 0 or lines.promo_price * lines.fx_rate >= 1e10 then 'price_promo_check'
               end as reject_code,
               md5(row(lines.price, lines.promo_price)::text)::uuid as row_hash
        from lines;
        analyze src_prices;

        call cw_nnnnnn.load_reject_rows('price_lists', p_run_date);
        call cw_nnnnnn.load_apply('price_lists', p_run_date);
        call cw_nnnnnn.load_reject_rows('prices', p_run_date);
        call cw_nnnnnn.load_apply('prices', p_run_date);

        select count(*) into v_prepared from src_prices;

        -- The list's raw hash (null while a line of it is rejected: prepared again next time).
        update cw_nnnnnn.price_lists
        set raw_hash = lists.raw_hash
        from (select src.erp_key,
                     case when not exists (select from src_prices
                                           where src_prices.raw_file_id = src.raw_file_id
                                               and src_prices.record_no = src.record_no
                                               and src_prices.reject_code is not null) then src.raw_hash end as raw_hash
              from src_price_lists as src
              where src.reject_code is null) as lists
        where lists.erp_key = price_lists.erp_id and price_lists.raw_hash is distinct from lists.raw_hash;

        -- A product that left a list the ERP still sends: its price is deactivated (kept for history). Only lists that
        -- changed can have lost a product.
        update cw_nnnnnn.prices
        set is_active = false, updated_at = now()
        from cw_nnnnnn.price_lists, cw_nnnnnn.products
        where price_lists.id = prices.price_list_id and products.id = prices.product_id and prices.is_active
            and exists (select from src_price_lists as lists
                        where lists.erp_key = price_lists.erp_id and lists.reject_code is null)
            and not exists (select from cw_nnnnnn_staging.staging_prices as staged
                            where staged.price_list_id = price_lists.erp_id and staged.product_id = products.erp_id);
        get diagnostics v_deactivated = row_count;
    end if;
    if exists (select from batch_price_lists) then
        update cw_nnnnnn.price_lists
        set is_active = false, deactivated_on = p_run_date, updated_at = now()
        where price_lists.is_active
            and not exists (select from batch_price_lists where batch_price_lists.erp_key = price_lists.erp_id);
    end if;
    insert into load_counts (entity, inserted, updated, unchanged)
    select 'prices', 0, 0, (select count(*) from cw_nnnnnn_staging.staging_prices) - v_prepared;
    call cw_nnnnnn.load_record_stats('price_lists', p_run_date, v_started, 0);
    call cw_nnnnnn.load_record_stats('prices', p_run_date, v_started, v_deactivated);
end
$$;

ALTER PROCEDURE cw_nnnnnn.load_prices(IN p_run_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.load_prices(IN p_run_date date) IS 'Step load, prices: staging_prices (full snapshot, one row per line) into price_lists and prices (promo 0.00 = no promotion; client-currency amounts at the run date''s rate); prices of products that left a list, and lists that left the snapshot, are deactivated.';

CREATE PROCEDURE cw_nnnnnn.load_products(IN p_run_date date)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_started     timestamptz := clock_timestamp();
    v_default     text := cw_nnnnnn.erp_default_currency();
    v_deactivated bigint := 0;
    v_level       integer;
begin
    call cw_nnnnnn.load_batch_records('products', 'staging_products', 'product_id', 'products');
    call cw_nnnnnn.load_drop_temp('src_products');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_products where not batch_products.is_unchanged) then
        create temp table src_products on commit drop as
        -- Each distinct status word and currency is mapped once per batch, not once per row.
        with statuses as (
            select words.erp_value, cw_nnnnnn.erp_word('products', 'status', words.erp_value) as erp_status
            from (select distinct staging_products.status as erp_value
                  from cw_nnnnnn_staging.staging_products) as words
        ),

        rates as (
            select currencies.id as currency_id, cw_nnnnnn.fx_factor(currencies.id, p_run_date) as fx_rate
            from cw_global.currencies
        ),

        staged as (
            select staging_products.*, batch.raw_hash,
                   row_number() over (partition by staging_products.product_id
                                      order by staging_products.raw_file_id desc, staging_products.record_no desc)
                       as occurrence
            from cw_nnnnnn_staging.staging_products
            inner join batch_products as batch
                on batch.raw_file_id = staging_products.raw_file_id and batch.record_no = staging_products.record_no
            where not batch.is_unchanged
        ),

        typed as (
            select staged.raw_file_id, staged.record_no, staged.product_id as erp_key, staged.occurrence,
                staged.raw_hash,
                   staged.missing_fields, staged.cast_errors, staged.sku, staged.ean, staged.name,
                   nullif(btrim(staged.brand), '') as brand,
                   case when staged.category_level1 is not null
                            then array_remove(array[btrim(staged.category_level1), btrim(staged.category_level2),
                                                    btrim(staged.category_level3)], null)
                        else array_remove(regexp_split_to_array(btrim(staged.category_path), '\s*>\s*'), '')
                   end as category_levels,
                   staged.category_code, nullif(btrim(staged.supplier_id), '') as supplier_erp_id,
                   nullif(btrim(staged.vendor_sku), '') as vendor_sku,
                   upper(coalesce(nullif(btrim(staged.currency), ''), v_default)) as currency_code,
                   currencies.id as currency_id, staged.cost, staged.price, staged.pack_size as pack_size_qty,
                   coalesce(staged.is_dropship, false) as is_dropship,
                   statuses.erp_status, staged.launch_date,
                   staged.discontinue_date, staged.updated_at as erp_updated_at
            from staged
            left join cw_global.currencies
                on currencies.code = upper(coalesce(nullif(btrim(staged.currency), ''), v_default))
            left join statuses on statuses.erp_value = staged.status
        ),

        priced as (
            select typed.*, array_to_string(typed.category_levels, ' > ') as category_path, rates.fx_rate
            from typed
            left join rates on rates.currency_id = typed.currency_id
        )

        select row_number() over (order by priced.erp_key, priced.raw_file_id, priced.record_no) as src_row, priced.*,
               case when priced.erp_key is null or cardinality(priced.missing_fields) > 0 then 'missing_fields'
                    when cardinality(priced.cast_errors) > 0 then 'cast_errors'
                    when priced.occurrence > 1 then 'duplicate'
                    when priced.currency_id is null then 'unknown_currency'
                    when priced.fx_rate is null then 'no_fx_rate'
                    when priced.erp_status is null
                        or priced.erp_status not in ('active', 'discontinued', 'planned', 'blocked')
                        then 'unknown_value'
                    when priced.name = '' then 'product_name_check'
                    when priced.cost < 0 or priced.cost * priced.fx_rate >= 1e10 then 'product_cost_check'
                    when priced.price < 0 or priced.price * priced.fx_rate >= 1e10 then 'product_price_check'
                    when priced.pack_size_qty <= 0 or priced.pack_size_qty >= 1e9 then 'product_pack_size_check'
                    when priced.discontinue_date < priced.launch_date then 'product_dates_check'
               end as reject_code,
               md5(row(priced.sku, priced.ean, priced.name, priced.brand, priced.category_path, priced.supplier_erp_id,
                       priced.currency_code, priced.cost, priced.price, priced.pack_size_qty, priced.is_dropship,
                       priced.erp_status, priced.launch_date, priced.discontinue_date,
                       priced.erp_updated_at)::text)::uuid
                   as row_hash
        from priced;
        analyze src_products;
        call cw_nnnnnn.load_reject_rows('products', p_run_date);

        -- Brands and the category tree first (new names only), so that products can resolve them.
        insert into cw_nnnnnn.brands (name, first_seen_date)
        select distinct src.brand, p_run_date
        from src_products as src
        where src.reject_code is null and src.brand is not null
        on conflict on constraint brands_name_key do nothing;

        for v_level in 1..5 loop
            insert into cw_nnnnnn.product_categories (parent_id, level, name, path, first_seen_date)
            select distinct parent.id, v_level, src.category_levels[v_level],
                   array_to_string(src.category_levels[1:v_level], ' > '), p_run_date
            from src_products as src
            left join cw_nnnnnn.product_categories as parent
                on parent.path = array_to_string(src.category_levels[1:v_level - 1], ' > ')
            where src.reject_code is null and cardinality(src.category_levels) >= v_level
            on conflict on constraint product_categories_path_key do nothing;
        end loop;
        update cw_nnnnnn.product_categories
        set erp_code = leaves.category_code, updated_at = now()
        from (select distinct on (src.category_path) src.category_path, src.category_code
              from src_products as src
              where src.reject_code is null and src.category_code is not null
              order by src.category_path, src.raw_file_id desc, src.record_no desc) as leaves
        where product_categories.path = leaves.category_path
            and product_categories.erp_code is distinct from leaves.category_code;

        call cw_nnnnnn.load_apply('products', p_run_date);

        -- Supplier links: the ERP's current supplier of each product is the primary link; older links stay, inactive.
        insert into cw_nnnnnn.product_suppliers as links (
            product_id, supplier_id, vendor_sku, pack_size_qty, is_primary, first_seen_date, row_hash
        )
        select products.id, products.primary_supplier_id, src.vendor_sku, src.pack_size_qty, true, p_run_date,
               md5(row(src.vendor_sku, src.pack_size_qty)::text)::uuid
        from src_products as src
        inner join cw_nnnnnn.products on products.erp_id = src.erp_key
        where src.reject_code is null and products.primary_supplier_id is not null
        on conflict on constraint product_suppliers_product_id_supplier_id_key do update
        set vendor_sku = excluded.vendor_sku, pack_size_qty = excluded.pack_size_qty, is_primary = true,
            is_active = true, row_hash = excluded.row_hash, updated_at = now()
        where links.row_hash is distinct from excluded.row_hash or not links.is_primary or not links.is_active;
        update cw_nnnnnn.product_suppliers
        set is_primary = false, is_active = false, updated_at = now()
        from cw_nnnnnn.products
        where products.id = product_suppliers.product_id and product_suppliers.is_active
            and products.primary_supplier_id is distinct from product_suppliers.supplier_id
            and exists (select from src_products as src where src.erp_key = products.erp_id
                and src.reject_code is null);
    end if;

    if exists (select from batch_products) then
        update cw_nnnnnn.products
        set is_active = false, deactivated_on = p_run_date, updated_at = now()
        where products.is_active
            and not exists (select from batch_products where batch_products.erp_key = products.erp_id);
        get diagnostics v_deactivated = row_count;
    end if;
    -- Brands and categories are active while an active product uses them (only recomputed after a change).
    if v_deactivated > 0 or exists (select from load_counts
                                    where load_counts.entity = 'products'
                                        and load_counts.inserted + load_counts.updated > 0) then
        update cw_nnnnnn.brands
        set is_active = usage.is_used, updated_at = now()
        from (select brands.id,
                     exists (select from cw_nnnnnn.products
                             where products.brand_id = brands.id and products.is_active) as is_used
              from cw_nnnnnn.brands) as usage
        where usage.id = brands.id and brands.is_active <> usage.is_used;
        update cw_nnnnnn.product_categories
        set is_active = usage.is_used, updated_at = now()
        from (select categories.id,
                     exists (select from cw_nnnnnn.products
                             inner join cw_nnnnnn.product_categories as leaves
                                 on leaves.id = products.product_category_id
                             where products.is_active
                                 and (leaves.path = categories.path or leaves.path like categories.path || ' > %'))
                         as is_used
              from cw_nnnnnn.product_categories as categories) as usage
        where usage.id = product_categories.id and product_categories.is_active <> usage.is_used;
    end if;
    call cw_nnnnnn.load_record_stats('products', p_run_date, v_started, v_deactivated);
end
$$;

ALTER PROCEDURE cw_nnnnnn.load_products(IN p_run_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.load_products(IN p_run_date date) IS 'Step load, catalogue: staging_products (full snapshot) into brands, product_categories (the tree from catwing category_path "A > B > C" or navision Level1..3), products (money in the client currency) and product_suppliers; absent products are deactivated, a supplier change keeps the old link inactive.';

CREATE FUNCTION cw_nnnnnn.load_raw_hash_seed() RETURNS bigint
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
    select pg_catalog.hashtextextended(concat_ws(
        '|', clients.erp_dialect_id, clients.currency_id, cw_nnnnnn.erp_default_currency(),
        (select string_agg(concat_ws('=', mappings.endpoint, mappings.staging_column, mappings.erp_value,
                                     mappings.canonical_value), ';'
                           order by mappings.endpoint, mappings.staging_column, mappings.erp_value)
         from cw_global.erp_value_mappings as mappings
         where mappings.erp_dialect_id = clients.erp_dialect_id),
        (select md5(string_agg(procedures.prosrc, ';' order by procedures.proname, procedures.oid))
         from pg_catalog.pg_proc as procedures
         where procedures.pronamespace = 'cw_nnnnnn'::regnamespace
             and (procedures.proname like 'load\_%' or procedures.proname like 'write\_%'
                  or procedures.proname in ('erp_word', 'erp_default_currency', 'step_load')))
    ), 0)
    from cw_global.clients
    where clients.schema_name = 'cw_nnnnnn'
$$;

ALTER FUNCTION cw_nnnnnn.load_raw_hash_seed() OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.load_raw_hash_seed() IS 'Seed of every raw hash of step load: the client''s dialect and currencies, the dialect''s rows of cw_global.erp_value_mappings and the source of the load procedures. A changed mapping or a redeployed load changes the seed, so every stored raw_hash stops matching and the next load prepares every row once (and re-maps it). FX rates are deliberately not in it: a rate change alone rewrites nothing, as before the raw hashes.';

CREATE PROCEDURE cw_nnnnnn.load_record_stats(IN p_entity text, IN p_run_date date, IN p_started timestamp with time zone, IN p_deactivated bigint DEFAULT 0)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_rows_in  bigint;
    v_inserted bigint;
    v_updated  bigint;
    v_rejected bigint;
    v_skipped  bigint;
begin
    -- Rows in = the rows prepared in src_<entity> + the unchanged ones skipped before preparation.
    -- (no src_<entity> when every record of the entity was unchanged: nothing was prepared)
    v_rows_in := 0;
    if to_regclass(format('pg_temp.%I', 'src_' || p_entity)) is not null then
        execute format('select count(*) from %I', 'src_' || p_entity) into v_rows_in;
    end if;
    select coalesce(sum(load_counts.inserted), 0), coalesce(sum(load_counts.updated), 0),
           coalesce(sum(load_counts.unchanged), 0)
    into v_inserted, v_updated, v_skipped
    from load_counts
    where load_counts.entity = p_entity;
    v_rows_in := v_rows_in + v_skipped;
    select count(*) into v_rejected
    from cw_nnnnnn.load_rejects
    where load_rejects.run_date = p_run_date and load_rejects.entity = p_entity;
    insert into cw_nnnnnn.load_entity_stats (
        run_date, entity, rows_in, rows_inserted, rows_updated, rows_unchanged, rows_rejected, rows_deactivated,
        duration_ms
    )
    values (
        p_run_date, p_entity, v_rows_in, v_inserted, v_updated,
        greatest(v_rows_in - v_inserted - v_updated - v_rejected, 0), v_rejected, coalesce(p_deactivated, 0),
        round((extract(epoch from clock_timestamp() - p_started) * 1000)::numeric, 1)
    )
    on conflict on constraint load_entity_stats_run_date_entity_key do update
    set rows_in = excluded.rows_in, rows_inserted = excluded.rows_inserted, rows_updated = excluded.rows_updated,
        rows_unchanged = excluded.rows_unchanged, rows_rejected = excluded.rows_rejected,
        rows_deactivated = excluded.rows_deactivated, duration_ms = excluded.duration_ms, loaded_at = now();
end
$$;

ALTER PROCEDURE cw_nnnnnn.load_record_stats(IN p_entity text, IN p_run_date date, IN p_started timestamp with time zone, IN p_deactivated bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.load_record_stats(IN p_entity text, IN p_run_date date, IN p_started timestamp with time zone, IN p_deactivated bigint) IS 'Writes the load_entity_stats row of an entity for the run date from src_<entity> (the rows prepared), the load_counts written by write_<entity> and by the unchanged-row skip (rows in = prepared + skipped unchanged) and the entity''s load_rejects.';

CREATE FUNCTION cw_nnnnnn.load_reject_reason(p_code text, p_entity text, p_key text) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'cw_nnnnnn', 'pg_catalog', 'pg_temp'
    AS $$
    select format('%s %s: %s', p_entity, coalesce(p_key, '(no key)'), case p_code
        when 'missing_fields' then 'required fields are missing (the gate reported them)'
        when 'cast_errors' then 'values could not be cast to their type (the gate reported them)'
        when 'duplicate' then 'an earlier duplicate of the same key in the batch; the last occurrence was kept'
        when 'unknown_currency' then 'the currency code is not in cw_global.currencies'
        when 'no_fx_rate' then 'no FX rate exists for the currency: add one to cw_global.fx_rates'
        when 'unknown_value' then 'a status or type word is not in the canonical vocabulary: add it to '
            || 'cw_global.erp_value_mappings'
        when 'orphan_product' then 'the product does not exist in production (not in this or an earlier snapshot)'
        when 'orphan_location' then 'the location does not exist in production'
        when 'orphan_supplier' then 'the supplier does not exist in production'
        when 'orphan_price_list' then 'the price list was rejected'
        when 'orphan_document' then 'the document header was rejected, so its lines cannot be placed'
        else 'refused by constraint or check ' || p_code || ' (values in detail)'
    end)
$$;

ALTER FUNCTION cw_nnnnnn.load_reject_reason(p_code text, p_entity text, p_key text) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.load_reject_reason(p_code text, p_entity text, p_key text) IS 'Human-readable reason of a load reject code, with the entity and the ERP key.';

CREATE PROCEDURE cw_nnnnnn.load_reject_rows(IN p_entity text, IN p_run_date date)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $_$
begin
    execute format($sql$
        insert into %1$I.load_rejects (
            run_date, entity, erp_key, raw_file_id, record_no, line_no, reason_code, reason, detail
        )
        select $1, %2$L, src.erp_key, src.raw_file_id, src.record_no,
               coalesce((to_jsonb(src) ->> 'line_no')::integer, 0), src.reject_code,
               %1$I.load_reject_reason(src.reject_code, %2$L, src.erp_key),
               to_jsonb(src) - 'src_row' - 'reject_code' - 'row_hash' - 'raw_hash'
        from %3$I as src
        where src.reject_code is not null
        on conflict on constraint load_rejects_run_date_entity_record_reason_key
        do nothing
        $sql$, 'cw_nnnnnn', p_entity, 'src_' || p_entity)
    using p_run_date;
end
$_$;

ALTER PROCEDURE cw_nnnnnn.load_reject_rows(IN p_entity text, IN p_run_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.load_reject_rows(IN p_entity text, IN p_run_date date) IS 'Records the rows of src_<entity> that the pre-checks rejected (reject_code set) in load_rejects, with their values.';

CREATE PROCEDURE cw_nnnnnn.load_sales_orders(IN p_run_date date)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $_$
declare
    v_started  timestamptz := clock_timestamp();
    v_default  text := cw_nnnnnn.erp_default_currency();
    v_navision boolean := (select erp_dialects.code = 'navision' from cw_global.clients
                           inner join cw_global.erp_dialects on erp_dialects.id = clients.erp_dialect_id
                           where clients.schema_name = 'cw_nnnnnn');
begin
    -- Documents whose every line is as loaded before are counted and left alone (load_batch_records).
    call cw_nnnnnn.load_batch_records('sales_orders', 'staging_sales_orders', 'so_id', 'sales_orders',
                                      'sales_order_lines');
    call cw_nnnnnn.load_drop_temp('src_sales_orders');
    call cw_nnnnnn.load_drop_temp('src_sales_order_lines');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_sales_orders where not batch_sales_orders.is_unchanged) then
        create temp table src_sales_orders on commit drop as
        -- Each distinct channel and status word, and each currency and order date, is mapped once per batch.
        with channels as (
            select words.erp_value, cw_nnnnnn.erp_word('sales_orders', 'channel', words.erp_value) as channel
            from (select distinct staged.channel as erp_value
                  from cw_nnnnnn_staging.staging_sales_orders as staged) as words
        ),

        statuses as (
            select words.erp_value, cw_nnnnnn.erp_word('sales_orders', 'status', words.erp_value) as status
            from (select distinct staged.status as erp_value
                  from cw_nnnnnn_staging.staging_sales_orders as staged) as words
        ),

        records as (
            select distinct on (staged.raw_file_id, staged.record_no)
                   staged.raw_file_id, staged.record_no, staged.so_id as erp_key, staged.order_date,
                   staged.location_id as location_erp_id,
                   case when v_navision and upper(staged.customer_id) = 'CASH' then null
                        else nullif(btrim(staged.customer_id), '') end as customer_erp_id,
                   staged.customer_name, staged.customer_email, staged.customer_city,
                   lower(nullif(btrim(staged.payment_method), '')) as payment_method,
                   channels.channel, coalesce(statuses.status, 'completed') as status,
                   upper(coalesce(nullif(btrim(staged.currency), ''), v_default)) as currency_code, batch.raw_hash
            from cw_nnnnnn_staging.staging_sales_orders as staged
            inner join batch_sales_orders as batch
                on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
            left join channels on channels.erp_value = staged.channel
            left join statuses on statuses.erp_value = staged.status
            where not batch.is_unchanged
            order by staged.raw_file_id, staged.record_no, staged.line_no
        ),

        typed as (
            select records.*, currencies.id as currency_id,
                   row_number() over (partition by records.erp_key order by records.raw_file_id desc,
                       records.record_no desc)
                       as occurrence
            from records
            left join cw_global.currencies on currencies.code = records.currency_code
        ),

        rates as (
            select pairs.currency_id, pairs.order_date, cw_nnnnnn.fx_factor(pairs.currency_id,
                pairs.order_date) as fx_rate
            from (select distinct typed.currency_id, typed.order_date from typed) as pairs
        ),

        priced as (
            select typed.*, rates.fx_rate
            from typed
            left join rates
                on rates.currency_id = typed.currency_id
                    and coalesce(rates.order_date, '-infinity') = coalesce(typed.order_date, '-infinity')
        )

        select row_number() over (order by priced.erp_key, priced.raw_file_id, priced.record_no) as src_row, priced.*,
               case when priced.erp_key is null or priced.order_date is null or priced.location_erp_id is null
                        then 'missing_fields'
                    when priced.occurrence > 1 then 'duplicate'
                    when not exists (select from cw_nnnnnn.locations where locations.erp_id = priced.location_erp_id)
                        then 'orphan_location'
                    when priced.currency_id is null then 'unknown_currency'
                    when priced.fx_rate is null then 'no_fx_rate'
                    when priced.channel not in ('store', 'online')
                        or priced.status not in ('completed', 'cancelled', 'open')
                        or priced.payment_method !~ '^[a-z0-9_]+$' then 'unknown_value'
               end as reject_code,
               md5(row(priced.order_date, priced.location_erp_id, priced.customer_erp_id, priced.payment_method,
                       priced.channel, priced.status, priced.currency_code)::text)::uuid as row_hash
        from priced;
        analyze src_sales_orders;

        create temp table src_sales_order_lines on commit drop as
        with lines as (
            select headers.src_row as doc_row, staged.raw_file_id, staged.record_no, staged.line_no, headers.erp_key,
                   staged.product_id as product_erp_id, staged.qty, staged.unit_price, staged.discount, staged.revenue,
                   staged.missing_fields, staged.cast_errors, headers.reject_code as header_reject_code,
                       headers.fx_rate,
                   row_number() over (partition by headers.src_row,
                       staged.line_no order by staged.line_no) as occurrence
            from cw_nnnnnn_staging.staging_sales_orders as staged
            inner join src_sales_orders as headers
                on headers.raw_file_id = staged.raw_file_id and headers.record_no = staged.record_no
        )

        select row_number() over (order by lines.doc_row, lines.line_no) as src_row,
               lines.doc_row, lines.raw_file_id, lines.record_no, lines.line_no,
               lines.erp_key || '/' || coalesce(lines.line_no::text, '?') as erp_key, lines.product_erp_id, lines.qty,
               lines.unit_price, lines.discount, lines.revenue,
               case when lines.header_reject_code = 'duplicate' then 'duplicate'
                    when lines.header_reject_code is not null then 'orphan_document'
                    when lines.product_erp_id is null or lines.qty is null or lines.line_no is null
                        or cardinality(lines.missing_fields) > 0 then 'missing_fields'
                    when cardinality(lines.cast_errors) > 0 then 'cast_errors'
                    when lines.occurrence > 1 then 'duplicate'
                    when not exists (select from cw_nnnnnn.products where products.erp_id = lines.product_erp_id)
                        then 'orphan_product'
                    when lines.line_no <= 0 then 'sales_order_line_no_check'
                    when lines.qty < 0 or lines.qty >= 1e11 then 'sales_order_line_qty_check'
                    when lines.unit_price < 0 or lines.discount < 0 or lines.unit_price * lines.fx_rate >= 1e10
                        or lines.discount * lines.fx_rate >= 1e10 or abs(lines.revenue * lines.fx_rate) >= 1e12
                        then 'sales_order_line_amount_check'
               end as reject_code,
               md5(row(lines.product_erp_id, lines.qty, lines.unit_price, lines.discount, lines.revenue)::text)::uuid
                   as row_hash
        from lines;
        analyze src_sales_order_lines;
        call cw_nnnnnn.load_unhash_rejected_documents('sales_orders', 'sales_order_lines');

        call cw_nnnnnn.load_reject_rows('sales_orders', p_run_date);
        call cw_nnnnnn.load_reject_rows('sales_order_lines', p_run_date);

        -- Payment methods and customers named by the accepted orders (customer attributes from their latest order).
        insert into cw_nnnnnn.payment_methods (code, first_seen_date)
        select distinct src.payment_method, p_run_date
        from src_sales_orders as src
        where src.reject_code is null and src.payment_method is not null
        on conflict on constraint payment_methods_code_key do nothing;

        insert into cw_nnnnnn.customers as customers (
            erp_id, name, email, city_name, first_order_date, last_order_date, row_hash
        )
        select latest.customer_erp_id, latest.customer_name, latest.customer_email, latest.customer_city,
               latest.first_order_date, latest.last_order_date,
               md5(row(latest.customer_name, latest.customer_email, latest.customer_city)::text)::uuid
        from (
            select distinct on (src.customer_erp_id) src.customer_erp_id, src.customer_name, src.customer_email,
                   src.customer_city,
                   min(src.order_date) over (partition by src.customer_erp_id) as first_order_date,
                   max(src.order_date) over (partition by src.customer_erp_id) as last_order_date
            from src_sales_orders as src
            where src.reject_code is null and src.customer_erp_id is not null
            order by src.customer_erp_id, src.order_date desc, src.raw_file_id desc, src.record_no desc
        ) as latest
        where not exists (
            select from cw_nnnnnn.customers as existing
            where existing.erp_id = latest.customer_erp_id
                and existing.row_hash
                    = md5(row(latest.customer_name, latest.customer_email, latest.customer_city)::text)::uuid
                and existing.first_order_date <= latest.first_order_date
                and existing.last_order_date >= latest.last_order_date
        )
        on conflict on constraint customers_erp_id_key do update
        set name = case when excluded.last_order_date >= customers.last_order_date
            then excluded.name else customers.name end,
            email = case when excluded.last_order_date >= customers.last_order_date then excluded.email
                         else customers.email end,
            city_name = case when excluded.last_order_date >= customers.last_order_date then excluded.city_name
                             else customers.city_name end,
            row_hash = case when excluded.last_order_date >= customers.last_order_date then excluded.row_hash
                            else customers.row_hash end,
            first_order_date = least(customers.first_order_date, excluded.first_order_date),
            last_order_date = greatest(customers.last_order_date, excluded.last_order_date), updated_at = now()
        where (customers.row_hash is distinct from excluded.row_hash
               and excluded.last_order_date >= customers.last_order_date)
            or excluded.first_order_date < customers.first_order_date
            or excluded.last_order_date > customers.last_order_date;

        call cw_nnnnnn.load_apply('sales_orders', p_run_date);
    end if;
    call cw_nnnnnn.load_record_stats('sales_orders', p_run_date, v_started);
    call cw_nnnnnn.load_record_stats('sales_order_lines', p_run_date, v_started);
end
$_$;

ALTER PROCEDURE cw_nnnnnn.load_sales_orders(IN p_run_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.load_sales_orders(IN p_run_date date) IS 'Step load, sales: staging_sales_orders (that day''s documents, one row per line) into payment_methods, customers (navision CASH and catwing null = anonymous), sales_orders and sales_order_lines (amounts in the client currency at the order date''s rate). An unknown location rejects the document; an unknown product rejects the line.';

CREATE FUNCTION cw_nnnnnn.load_seed() RETURNS bigint
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'pg_catalog', 'pg_temp'
    AS $$
    select coalesce(nullif(pg_catalog.current_setting('cw.load_raw_hash_seed', true), '')::bigint,
                    cw_nnnnnn.load_raw_hash_seed())
$$;

ALTER FUNCTION cw_nnnnnn.load_seed() OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.load_seed() IS 'The raw hash seed of the running load: step_load computes load_raw_hash_seed() once and keeps it in the transaction-local setting cw.load_raw_hash_seed (reset when step_load returns); outside step_load it is computed.';

CREATE PROCEDURE cw_nnnnnn.load_suppliers(IN p_run_date date)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_started     timestamptz := clock_timestamp();
    v_default     text := cw_nnnnnn.erp_default_currency();
    v_deactivated bigint := 0;
begin
    -- Records whose values are those of the active production row are counted and left alone (load_batch_records).
    call cw_nnnnnn.load_batch_records('suppliers', 'staging_suppliers', 'supplier_id', 'suppliers');
    call cw_nnnnnn.load_drop_temp('src_suppliers');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_suppliers where not batch_suppliers.is_unchanged) then
        create temp table src_suppliers on commit drop as
        with staged as (
            select staging_suppliers.*, batch.raw_hash,
                   row_number() over (partition by staging_suppliers.supplier_id
                                      order by staging_suppliers.raw_file_id desc, staging_suppliers.record_no desc)
                       as occurrence
            from cw_nnnnnn_staging.staging_suppliers
            inner join batch_suppliers as batch
                on batch.raw_file_id = staging_suppliers.raw_file_id and batch.record_no = staging_suppliers.record_no
            where not batch.is_unchanged
        ),

        typed as (
            select staged.raw_file_id, staged.record_no, staged.supplier_id as erp_key, staged.occurrence,
                staged.raw_hash,
                   staged.missing_fields, staged.cast_errors, btrim(staged.name) as name, staged.country,
                   countries.id as country_id, upper(coalesce(nullif(btrim(staged.currency), ''), v_default))
                       as currency_code,
                   currencies.id as currency_id, round(staged.lead_time_days) as lead_time_days, staged.moq as moq_qty,
                   coalesce(cw_nnnnnn.erp_word('suppliers', 'status', staged.status), 'active') as erp_status
            from staged
            left join cw_global.countries on countries.code = upper(btrim(staged.country))
            left join cw_global.currencies
                on currencies.code = upper(coalesce(nullif(btrim(staged.currency), ''), v_default))
        )

        select row_number() over (order by typed.erp_key, typed.raw_file_id, typed.record_no) as src_row, typed.*,
               case when typed.erp_key is null or cardinality(typed.missing_fields) > 0 then 'missing_fields'
                    when cardinality(typed.cast_errors) > 0 then 'cast_errors'
                    when typed.occurrence > 1 then 'duplicate'
                    when typed.currency_id is null then 'unknown_currency'
                    when typed.erp_status not in ('active', 'blocked', 'inactive') then 'unknown_value'
                    when typed.lead_time_days not between 0 and 365 then 'supplier_lead_time_check'
                    when typed.moq_qty < 0 or typed.moq_qty >= 1e11 then 'supplier_moq_check'
               end as reject_code,
               md5(row(typed.name, typed.country, typed.currency_code, typed.lead_time_days, typed.moq_qty,
                       typed.erp_status)::text)::uuid as row_hash
        from typed;

        call cw_nnnnnn.load_reject_rows('suppliers', p_run_date);
        call cw_nnnnnn.load_apply('suppliers', p_run_date);
    end if;

    -- Full snapshot: a supplier the ERP no longer sends is deactivated (an empty or missing file deactivates nothing).
    if exists (select from batch_suppliers) then
        update cw_nnnnnn.suppliers
        set is_active = false, deactivated_on = p_run_date, updated_at = now()
        where suppliers.is_active
            and not exists (select from batch_suppliers where batch_suppliers.erp_key = suppliers.erp_id);
        get diagnostics v_deactivated = row_count;
    end if;
    call cw_nnnnnn.load_record_stats('suppliers', p_run_date, v_started, v_deactivated);
end
$$;

ALTER PROCEDURE cw_nnnnnn.load_suppliers(IN p_run_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.load_suppliers(IN p_run_date date) IS 'Step load, suppliers: staging_suppliers (full snapshot) into suppliers. Status words per dialect (navision Blocked blank = active); currency blank = the dialect''s default; absent suppliers are deactivated.';

CREATE PROCEDURE cw_nnnnnn.load_supply_orders(IN p_run_date date)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_started timestamptz;
    v_default text := cw_nnnnnn.erp_default_currency();
begin
    -- Purchase orders.
    v_started := clock_timestamp();
    call cw_nnnnnn.load_batch_records('purchase_orders', 'staging_purchase_orders', 'po_id', 'purchase_orders',
                                      'purchase_order_lines');
    call cw_nnnnnn.load_drop_temp('src_purchase_orders');
    call cw_nnnnnn.load_drop_temp('src_purchase_order_lines');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_purchase_orders where not batch_purchase_orders.is_unchanged) then
        create temp table src_purchase_orders on commit drop as
        -- Each distinct status word is mapped once per batch, not once per line.
        with statuses as (
            select words.erp_value, cw_nnnnnn.erp_word('purchase_orders', 'status', words.erp_value) as canonical_value
            from (select distinct staged.status as erp_value
                  from cw_nnnnnn_staging.staging_purchase_orders as staged) as words
        ),

        records as (
            select distinct on (staged.raw_file_id, staged.record_no)
                   staged.raw_file_id, staged.record_no, staged.po_id as erp_key,
                   staged.supplier_id as supplier_erp_id, staged.location_id as location_erp_id, staged.order_date,
                   staged.expected_date, statuses.canonical_value as status,
                   upper(coalesce(nullif(btrim(staged.currency), ''), v_default)) as currency_code, batch.raw_hash
            from cw_nnnnnn_staging.staging_purchase_orders as staged
            inner join batch_purchase_orders as batch
                on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
            left join statuses on statuses.erp_value = staged.status
            where not batch.is_unchanged
            order by staged.raw_file_id, staged.record_no, staged.line_no
        ),

        typed as (
            select records.*, currencies.id as currency_id,
                   cw_nnnnnn.fx_factor(currencies.id, records.order_date) as fx_rate,
                   row_number() over (partition by records.erp_key order by records.raw_file_id desc,
                       records.record_no desc)
                       as occurrence
            from records
            left join cw_global.currencies on currencies.code = records.currency_code
        )

        select row_number() over (order by typed.erp_key, typed.raw_file_id, typed.record_no) as src_row, typed.*,
               case when typed.erp_key is null or typed.order_date is null or typed.supplier_erp_id is null
                        or typed.location_erp_id is null then 'missing_fields'
                    when typed.occurrence > 1 then 'duplicate'
                    when not exists (select from cw_nnnnnn.suppliers where suppliers.erp_id = typed.supplier_erp_id)
                        then 'orphan_supplier'
                    when not exists (select from cw_nnnnnn.locations where locations.erp_id = typed.location_erp_id)
                        then 'orphan_location'
                    when typed.currency_id is null then 'unknown_currency'
                    when typed.fx_rate is null then 'no_fx_rate'
                    when typed.status not in ('open', 'confirmed', 'partially_received', 'received', 'cancelled')
                        then 'unknown_value'
                    when typed.expected_date < typed.order_date then 'purchase_order_dates_check'
               end as reject_code,
               md5(row(typed.supplier_erp_id, typed.location_erp_id, typed.order_date, typed.expected_date,
                       typed.status, typed.currency_code)::text)::uuid as row_hash
        from typed;
        analyze src_purchase_orders;

        create temp table src_purchase_order_lines on commit drop as
        select row_number() over (order by headers.src_row, staged.line_no) as src_row, headers.src_row as doc_row,
               staged.raw_file_id, staged.record_no, staged.line_no,
               headers.erp_key || '/' || coalesce(staged.line_no::text, '?') as erp_key,
               staged.product_id as product_erp_id, staged.qty_ordered, staged.qty_confirmed, staged.qty_delivered,
               staged.unit_cost,
               case when headers.reject_code = 'duplicate' then 'duplicate'
                    when headers.reject_code is not null then 'orphan_document'
                    when staged.product_id is null or staged.qty_ordered is null or staged.line_no is null
                        or cardinality(staged.missing_fields) > 0 then 'missing_fields'
                    when cardinality(staged.cast_errors) > 0 then 'cast_errors'
                    when not exists (select from cw_nnnnnn.products where products.erp_id = staged.product_id)
                        then 'orphan_product'
                    when staged.qty_ordered < 0 or staged.qty_confirmed < 0 or staged.qty_delivered < 0
                        or greatest(staged.qty_ordered, staged.qty_confirmed, staged.qty_delivered) >= 1e11
                        then 'purchase_order_line_qty_check'
                    when staged.qty_confirmed > staged.qty_ordered then 'purchase_order_line_confirmed_check'
                    when staged.unit_cost < 0 or staged.unit_cost * headers.fx_rate >= 1e10
                        then 'purchase_order_line_cost_check'
               end as reject_code,
               md5(row(staged.product_id, staged.qty_ordered, staged.qty_confirmed, staged.qty_delivered,
                       staged.unit_cost)::text)::uuid as row_hash
        from cw_nnnnnn_staging.staging_purchase_orders as staged
        inner join src_purchase_orders as headers
            on headers.raw_file_id = staged.raw_file_id and headers.record_no = staged.record_no;
        analyze src_purchase_order_lines;
        call cw_nnnnnn.load_unhash_rejected_documents('purchase_orders', 'purchase_order_lines');

        call cw_nnnnnn.load_reject_rows('purchase_orders', p_run_date);
        call cw_nnnnnn.load_reject_rows('purchase_order_lines', p_run_date);
        call cw_nnnnnn.load_apply('purchase_orders', p_run_date);
    end if;
    call cw_nnnnnn.load_record_stats('purchase_orders', p_run_date, v_started);
    call cw_nnnnnn.load_record_stats('purchase_order_lines', p_run_date, v_started);

    -- Store orders.
    v_started := clock_timestamp();
    call cw_nnnnnn.load_batch_records('store_orders', 'staging_store_orders', 'store_order_id', 'store_orders',
                                      'store_order_lines');
    call cw_nnnnnn.load_drop_temp('src_store_orders');
    call cw_nnnnnn.load_drop_temp('src_store_order_lines');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_store_orders where not batch_store_orders.is_unchanged) then
        create temp table src_store_orders on commit drop as
        with records as (
            select distinct on (staged.raw_file_id, staged.record_no)
                   staged.raw_file_id, staged.record_no, staged.store_order_id as erp_key,
                   staged.location_id as location_erp_id,
                   nullif(btrim(staged.source_location_id), '') as source_location_erp_id, staged.order_date,
                   staged.requested_date, batch.raw_hash
            from cw_nnnnnn_staging.staging_store_orders as staged
            inner join batch_store_orders as batch
                on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
            where not batch.is_unchanged
            order by staged.raw_file_id, staged.record_no, staged.line_no
        ),

        typed as (
            select records.*,
                   row_number() over (partition by records.erp_key order by records.raw_file_id desc,
                       records.record_no desc)
                       as occurrence
            from records
        )

        select row_number() over (order by typed.erp_key, typed.raw_file_id, typed.record_no) as src_row, typed.*,
               case when typed.erp_key is null or typed.order_date is null or typed.location_erp_id is null
                        then 'missing_fields'
                    when typed.occurrence > 1 then 'duplicate'
                    when not exists (select from cw_nnnnnn.locations where locations.erp_id = typed.location_erp_id)
                        or (typed.source_location_erp_id is not null
                            and not exists (select from cw_nnnnnn.locations
                                            where locations.erp_id = typed.source_location_erp_id))
                        then 'orphan_location'
                    when typed.requested_date < typed.order_date then 'store_order_dates_check'
                    when typed.source_location_erp_id = typed.location_erp_id then 'store_order_locations_check'
               end as reject_code,
               md5(row(typed.location_erp_id, typed.source_location_erp_id, typed.order_date,
                       typed.requested_date)::text)::uuid as row_hash
        from typed;
        analyze src_store_orders;

        create temp table src_store_order_lines on commit drop as
        select row_number() over (order by headers.src_row, staged.line_no) as src_row, headers.src_row as doc_row,
               staged.raw_file_id, staged.record_no, staged.line_no,
               headers.erp_key || '/' || coalesce(staged.line_no::text, '?') as erp_key,
               staged.product_id as product_erp_id, staged.qty as qty_requested, staged.qty_allocated,
               case when headers.reject_code = 'duplicate' then 'duplicate'
                    when headers.reject_code is not null then 'orphan_document'
                    when staged.product_id is null or staged.qty is null or staged.line_no is null
                        or cardinality(staged.missing_fields) > 0 then 'missing_fields'
                    when cardinality(staged.cast_errors) > 0 then 'cast_errors'
                    when not exists (select from cw_nnnnnn.products where products.erp_id = staged.product_id)
                        then 'orphan_product'
                    when staged.qty < 0 or staged.qty_allocated < 0
                        or greatest(staged.qty, staged.qty_allocated) >= 1e11
                        then 'store_order_line_qty_check'
               end as reject_code,
               md5(row(staged.product_id, staged.qty, staged.qty_allocated)::text)::uuid as row_hash
        from cw_nnnnnn_staging.staging_store_orders as staged
        inner join src_store_orders as headers
            on headers.raw_file_id = staged.raw_file_id and headers.record_no = staged.record_no;
        analyze src_store_order_lines;
        call cw_nnnnnn.load_unhash_rejected_documents('store_orders', 'store_order_lines');

        call cw_nnnnnn.load_reject_rows('store_orders', p_run_date);
        call cw_nnnnnn.load_reject_rows('store_order_lines', p_run_date);
        call cw_nnnnnn.load_apply('store_orders', p_run_date);
    end if;
    call cw_nnnnnn.load_record_stats('store_orders', p_run_date, v_started);
    call cw_nnnnnn.load_record_stats('store_order_lines', p_run_date, v_started);

    -- Transfer orders (after store orders, which they answer).
    v_started := clock_timestamp();
    call cw_nnnnnn.load_batch_records('transfer_orders', 'staging_transfer_orders', 'transfer_id', 'transfer_orders',
                                      'transfer_order_lines');
    call cw_nnnnnn.load_drop_temp('src_transfer_orders');
    call cw_nnnnnn.load_drop_temp('src_transfer_order_lines');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_transfer_orders where not batch_transfer_orders.is_unchanged) then
        create temp table src_transfer_orders on commit drop as
        -- Each distinct reason and status word is mapped once per batch, not once per line.
        with reasons as (
            select words.erp_value, cw_nnnnnn.erp_word('transfer_orders', 'reason', words.erp_value) as canonical_value
            from (select distinct staged.reason as erp_value
                  from cw_nnnnnn_staging.staging_transfer_orders as staged) as words
        ),

        statuses as (
            select words.erp_value, cw_nnnnnn.erp_word('transfer_orders', 'status', words.erp_value) as canonical_value
            from (select distinct staged.status as erp_value
                  from cw_nnnnnn_staging.staging_transfer_orders as staged) as words
        ),

        records as (
            select distinct on (staged.raw_file_id, staged.record_no)
                   staged.raw_file_id, staged.record_no, staged.transfer_id as erp_key,
                   staged.from_location_id as from_location_erp_id, staged.to_location_id as to_location_erp_id,
                   case when upper(btrim(staged.store_order_id)) = 'STORE CLOSURE' then null
                        else nullif(btrim(staged.store_order_id), '') end as store_order_erp_id,
                   coalesce(reasons.canonical_value,
                            case when upper(btrim(staged.store_order_id)) = 'STORE CLOSURE' then 'store_closure' end,
                            'replenishment') as reason,
                   staged.ship_date, staged.expected_date, staged.received_date,
                   statuses.canonical_value as status, batch.raw_hash
            from cw_nnnnnn_staging.staging_transfer_orders as staged
            inner join batch_transfer_orders as batch
                on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
            left join reasons on reasons.erp_value = staged.reason
            left join statuses on statuses.erp_value = staged.status
            where not batch.is_unchanged
            order by staged.raw_file_id, staged.record_no, staged.line_no
        ),

        typed as (
            select records.*,
                   row_number() over (partition by records.erp_key order by records.raw_file_id desc,
                       records.record_no desc)
                       as occurrence
            from records
        )

        select row_number() over (order by typed.erp_key, typed.raw_file_id, typed.record_no) as src_row, typed.*,
               case when typed.erp_key is null or typed.from_location_erp_id is null or typed.to_location_erp_id is null
                        then 'missing_fields'
                    when typed.occurrence > 1 then 'duplicate'
                    when not exists (select from cw_nnnnnn.locations where locations.erp_id
                        = typed.from_location_erp_id)
                        or not exists (select from cw_nnnnnn.locations where locations.erp_id
                            = typed.to_location_erp_id)
                        then 'orphan_location'
                    when typed.from_location_erp_id = typed.to_location_erp_id then 'transfer_order_locations_check'
                    when typed.reason not in ('replenishment', 'store_closure', 'rebalance')
                        or typed.status not in ('open', 'shipped', 'received', 'cancelled') then 'unknown_value'
                    when typed.expected_date < typed.ship_date or typed.received_date < typed.ship_date
                        then 'transfer_order_dates_check'
               end as reject_code,
               md5(row(typed.from_location_erp_id, typed.to_location_erp_id, typed.store_order_erp_id, typed.reason,
                       typed.ship_date, typed.expected_date, typed.received_date, typed.status)::text)::uuid as row_hash
        from typed;
        analyze src_transfer_orders;

        create temp table src_transfer_order_lines on commit drop as
        select row_number() over (order by headers.src_row, staged.line_no) as src_row, headers.src_row as doc_row,
               staged.raw_file_id, staged.record_no, staged.line_no,
               headers.erp_key || '/' || coalesce(staged.line_no::text, '?') as erp_key,
               staged.product_id as product_erp_id, staged.qty_shipped, staged.qty_received,
               case when headers.reject_code = 'duplicate' then 'duplicate'
                    when headers.reject_code is not null then 'orphan_document'
                    when staged.product_id is null or staged.line_no is null
                        or cardinality(staged.missing_fields) > 0 then 'missing_fields'
                    when cardinality(staged.cast_errors) > 0 then 'cast_errors'
                    when not exists (select from cw_nnnnnn.products where products.erp_id = staged.product_id)
                        then 'orphan_product'
                    when staged.qty_shipped < 0 or staged.qty_received < 0
                        or greatest(staged.qty_shipped, staged.qty_received) >= 1e11
                            then 'transfer_order_line_qty_check'
               end as reject_code,
               md5(row(staged.product_id, staged.qty_shipped, staged.qty_received)::text)::uuid as row_hash
        from cw_nnnnnn_staging.staging_transfer_orders as staged
        inner join src_transfer_orders as headers
            on headers.raw_file_id = staged.raw_file_id and headers.record_no = staged.record_no;
        analyze src_transfer_order_lines;
        call cw_nnnnnn.load_unhash_rejected_documents('transfer_orders', 'transfer_order_lines');

        call cw_nnnnnn.load_reject_rows('transfer_orders', p_run_date);
        call cw_nnnnnn.load_reject_rows('transfer_order_lines', p_run_date);
        call cw_nnnnnn.load_apply('transfer_orders', p_run_date);
    end if;
    call cw_nnnnnn.load_record_stats('transfer_orders', p_run_date, v_started);
    call cw_nnnnnn.load_record_stats('transfer_order_lines', p_run_date, v_started);

    -- Receiving orders (after the POs and transfers they receive).
    v_started := clock_timestamp();
    call cw_nnnnnn.load_batch_records('receiving_orders', 'staging_receiving_orders', 'receipt_id', 'receiving_orders',
                                      'receiving_order_lines');
    call cw_nnnnnn.load_drop_temp('src_receiving_orders');
    call cw_nnnnnn.load_drop_temp('src_receiving_order_lines');
    -- Nothing to prepare when every record is unchanged (the fast path of a reload).
    if exists (select from batch_receiving_orders where not batch_receiving_orders.is_unchanged) then
        create temp table src_receiving_orders on commit drop as
        -- Each distinct source type word is mapped once per batch, not once per line.
        with source_types as (
            select words.erp_value,
                   cw_nnnnnn.erp_word('receiving_orders', 'source_type', words.erp_value) as canonical_value
            from (select distinct staged.source_type as erp_value
                  from cw_nnnnnn_staging.staging_receiving_orders as staged) as words
        ),

        records as (
            select distinct on (staged.raw_file_id, staged.record_no)
                   staged.raw_file_id, staged.record_no, staged.receipt_id as erp_key,
                   staged.location_id as location_erp_id, staged.received_date,
                   coalesce(source_types.canonical_value,
                            case when staged.po_id is not null then 'purchase'
                                 when staged.transfer_id is not null then 'transfer' end) as source_type,
                   coalesce(nullif(btrim(staged.po_id), ''), nullif(btrim(staged.transfer_id), ''),
                            nullif(btrim(staged.source_no), '')) as source_erp_id, batch.raw_hash
            from cw_nnnnnn_staging.staging_receiving_orders as staged
            inner join batch_receiving_orders as batch
                on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
            left join source_types on source_types.erp_value = staged.source_type
            where not batch.is_unchanged
            order by staged.raw_file_id, staged.record_no, staged.line_no
        ),

        typed as (
            select records.*,
                   row_number() over (partition by records.erp_key order by records.raw_file_id desc,
                       records.record_no desc)
                       as occurrence
            from records
        )

        select row_number() over (order by typed.erp_key, typed.raw_file_id, typed.record_no) as src_row, typed.*,
               case when typed.erp_key is null or typed.received_date is null or typed.location_erp_id is null
                        then 'missing_fields'
                    when typed.occurrence > 1 then 'duplicate'
                    when not exists (select from cw_nnnnnn.locations where locations.erp_id = typed.location_erp_id)
                        then 'orphan_location'
                    when typed.source_type not in ('purchase', 'transfer') then 'unknown_value'
               end as reject_code,
               md5(row(typed.location_erp_id, typed.received_date, typed.source_type, typed.source_erp_id)::text)::uuid
                   as row_hash
        from typed;
        analyze src_receiving_orders;

        create temp table src_receiving_order_lines on commit drop as
        select row_number() over (order by headers.src_row, staged.line_no) as src_row, headers.src_row as doc_row,
               staged.raw_file_id, staged.record_no, staged.line_no,
               headers.erp_key || '/' || coalesce(staged.line_no::text, '?') as erp_key,
               staged.product_id as product_erp_id, staged.qty_received, coalesce(staged.qty_blocked, 0) as qty_blocked,
               case when headers.reject_code = 'duplicate' then 'duplicate'
                    when headers.reject_code is not null then 'orphan_document'
                    when staged.product_id is null or staged.qty_received is null or staged.line_no is null
                        or cardinality(staged.missing_fields) > 0 then 'missing_fields'
                    when cardinality(staged.cast_errors) > 0 then 'cast_errors'
                    when not exists (select from cw_nnnnnn.products where products.erp_id = staged.product_id)
                        then 'orphan_product'
                    when staged.qty_received < 0 or staged.qty_blocked < 0 or staged.qty_received >= 1e11
                        then 'receiving_order_line_qty_check'
                    when staged.qty_blocked > staged.qty_received then 'receiving_order_line_blocked_check'
               end as reject_code,
               md5(row(staged.product_id, staged.qty_received, staged.qty_blocked)::text)::uuid as row_hash
        from cw_nnnnnn_staging.staging_receiving_orders as staged
        inner join src_receiving_orders as headers
            on headers.raw_file_id = staged.raw_file_id and headers.record_no = staged.record_no;
        analyze src_receiving_order_lines;
        call cw_nnnnnn.load_unhash_rejected_documents('receiving_orders', 'receiving_order_lines');

        call cw_nnnnnn.load_reject_rows('receiving_orders', p_run_date);
        call cw_nnnnnn.load_reject_rows('receiving_order_lines', p_run_date);
        call cw_nnnnnn.load_apply('receiving_orders', p_run_date);
    end if;
    call cw_nnnnnn.load_record_stats('receiving_orders', p_run_date, v_started);
    call cw_nnnnnn.load_record_stats('receiving_order_lines', p_run_date, v_started);
end
$$;

ALTER PROCEDURE cw_nnnnnn.load_supply_orders(IN p_run_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.load_supply_orders(IN p_run_date date) IS 'Step load, supply documents: purchase orders, store orders, transfer orders (navision "STORE CLOSURE" = reason store_closure) and receipts (catwing po_id / transfer_id, navision SourceType + SourceNo), each with its lines, in dependency order.';

CREATE PROCEDURE cw_nnnnnn.load_unhash_rejected_documents(IN p_documents text, IN p_lines text)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'pg_catalog', 'pg_temp'
    AS $$
begin
    execute format(
        'update pg_temp.%I as documents set raw_hash = null '
        'where exists (select from pg_temp.%I as lines '
        'where lines.doc_row = documents.src_row and lines.reject_code is not null)',
        'src_' || p_documents, 'src_' || p_lines
    );
end
$$;

ALTER PROCEDURE cw_nnnnnn.load_unhash_rejected_documents(IN p_documents text, IN p_lines text) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.load_unhash_rejected_documents(IN p_documents text, IN p_lines text) IS 'Step load: clears the raw hash of every document of the work table src_<p_documents> that has a rejected line in src_<p_lines>, so an unchanged copy of it is never skipped and its rejects are recorded on every load.';

CREATE TABLE cw_nnnnnn.location_versions (
    id bigint NOT NULL,
    location_id integer NOT NULL,
    valid_from date NOT NULL,
    valid_to date,
    is_current boolean NOT NULL,
    name text NOT NULL,
    location_type text NOT NULL,
    echelon smallint NOT NULL,
    parent_location_id integer,
    city_name text,
    country_id smallint,
    erp_status text NOT NULL,
    is_enabled boolean NOT NULL,
    is_active boolean NOT NULL,
    version_hash uuid NOT NULL,
    CONSTRAINT location_version_current_check CHECK ((is_current = (valid_to IS NULL))),
    CONSTRAINT location_version_validity_check CHECK ((valid_to > valid_from))
);

ALTER TABLE cw_nnnnnn.location_versions OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.location_versions IS 'SCD type 2 history of locations (ERP attributes and the planner''s is_enabled). Valid on [valid_from, valid_to). See location_as_of().';

COMMENT ON COLUMN cw_nnnnnn.location_versions.location_id IS 'The location.';

COMMENT ON COLUMN cw_nnnnnn.location_versions.valid_from IS 'Run date from which the version holds (inclusive).';

COMMENT ON COLUMN cw_nnnnnn.location_versions.valid_to IS 'Run date of the next version (exclusive); null = current.';

COMMENT ON COLUMN cw_nnnnnn.location_versions.is_current IS 'True for the version valid today.';

COMMENT ON COLUMN cw_nnnnnn.location_versions.name IS 'Tracked: name.';

COMMENT ON COLUMN cw_nnnnnn.location_versions.location_type IS 'Tracked: type.';

COMMENT ON COLUMN cw_nnnnnn.location_versions.echelon IS 'Tracked: echelon.';

COMMENT ON COLUMN cw_nnnnnn.location_versions.parent_location_id IS 'Tracked: replenishing location.';

COMMENT ON COLUMN cw_nnnnnn.location_versions.city_name IS 'Tracked: city.';

COMMENT ON COLUMN cw_nnnnnn.location_versions.country_id IS 'Tracked: country.';

COMMENT ON COLUMN cw_nnnnnn.location_versions.erp_status IS 'Tracked: planned, active or closed.';

COMMENT ON COLUMN cw_nnnnnn.location_versions.is_enabled IS 'Tracked: the planner''s switch.';

COMMENT ON COLUMN cw_nnnnnn.location_versions.is_active IS 'Tracked: present in the ERP snapshot.';

COMMENT ON COLUMN cw_nnnnnn.location_versions.version_hash IS 'MD5 of the tracked attributes.';

CREATE FUNCTION cw_nnnnnn.location_as_of(p_date date) RETURNS SETOF cw_nnnnnn.location_versions
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
    select * from cw_nnnnnn.location_versions
    where location_versions.valid_from <= p_date
        and (location_versions.valid_to is null or location_versions.valid_to > p_date)
$$;

ALTER FUNCTION cw_nnnnnn.location_as_of(p_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.location_as_of(p_date date) IS 'Every location as it was on a date.';

CREATE PROCEDURE cw_nnnnnn.map_file_to_staging(IN p_file_id bigint, INOUT p_rows bigint DEFAULT NULL::bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_version     text := cw_nnnnnn.staging_mapping_version();
    v_file_date   date;
    v_staged_date date;
    v_staged_ok   boolean;
begin
    lock table cw_nnnnnn_staging.staged_files in exclusive mode;
    select raw_files.file_date into v_file_date
    from cw_nnnnnn_staging.raw_files
    where raw_files.id = p_file_id and raw_files.status = 'loaded';
    select staged_files.row_count into p_rows
    from cw_nnnnnn_staging.staged_files
    where staged_files.raw_file_id = p_file_id and staged_files.mapping_version = v_version;
    if v_file_date is null or p_rows is not null then
        return;
    end if;
    select min(staged_files.file_date), bool_and(staged_files.file_date = v_file_date
                                                 and staged_files.mapping_version = v_version)
    into v_staged_date, v_staged_ok
    from cw_nnnnnn_staging.staged_files;
    if v_staged_ok is distinct from true then
        -- Staging holds another batch (or one of another mapping version). Leave it alone while a pipeline run is
        -- in progress or the batch passed its gate and has not been loaded since; the gate maps this date itself.
        if exists (select from pg_locks
                   where pg_locks.locktype = 'advisory' and pg_locks.classid = 17239
                       and pg_locks.objid = <client number> and pg_locks.objsubid = 2 and pg_locks.granted)
            or (v_staged_date is null and exists (
                select from cw_nnnnnn_staging.staging_products
                union all select from cw_nnnnnn_staging.staging_inventory_balances
                union all select from cw_nnnnnn_staging.staging_sales_orders))
            or exists (
                select from cw_nnnnnn.data_quality_runs as gate_runs
                where gate_runs.run_date = v_staged_date and gate_runs.gate_passed
                    and not exists (
                        select from cw_nnnnnn.pipeline_step_runs as step_runs
                        inner join cw_nnnnnn.pipeline_runs as runs on runs.id = step_runs.pipeline_run_id
                        where runs.run_date = gate_runs.run_date and step_runs.step_name = 'load'
                            and step_runs.status = 'succeeded' and step_runs.finished_at >= gate_runs.completed_at
                    )
            ) then
            return;
        end if;
        call cw_nnnnnn.truncate_staging();
    end if;
    call cw_nnnnnn.stage_raw_file(p_file_id, v_version, p_rows);
end
$$;

ALTER PROCEDURE cw_nnnnnn.map_file_to_staging(IN p_file_id bigint, INOUT p_rows bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.map_file_to_staging(IN p_file_id bigint, INOUT p_rows bigint) IS 'Quality Mapper for the loader: maps one loaded raw file into the typed staging tables, so that the quality gate of its date finds it mapped. Staging of another date is replaced, unless a pipeline run is in progress or that batch passed its gate and has not been loaded since: then nothing happens and p_rows is null. Returns the file''s rows.';

CREATE PROCEDURE cw_nnnnnn.map_to_staging(IN p_run_date date, INOUT p_rows bigint DEFAULT NULL::bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_version text := cw_nnnnnn.staging_mapping_version();
    v_file    record;
    v_rows    bigint;
begin
    lock table cw_nnnnnn_staging.staged_files in exclusive mode;
    -- Keep what is staged only when it is exactly a subset of this date's loaded files, mapped with this version.
    if not exists (select from cw_nnnnnn_staging.staged_files)
        or exists (
            select from cw_nnnnnn_staging.staged_files
            where staged_files.file_date <> p_run_date or staged_files.mapping_version <> v_version
                or not exists (select from cw_nnnnnn_staging.raw_files
                               where raw_files.id = staged_files.raw_file_id and raw_files.status = 'loaded')
        ) then
        call cw_nnnnnn.truncate_staging();
    end if;
    for v_file in
        select raw_files.id
        from cw_nnnnnn_staging.raw_files
        where raw_files.file_date = p_run_date and raw_files.status = 'loaded'
            and not exists (select from cw_nnnnnn_staging.staged_files where staged_files.raw_file_id = raw_files.id)
        order by raw_files.endpoint, raw_files.id
    loop
        call cw_nnnnnn.stage_raw_file(v_file.id, v_version, v_rows);
    end loop;
    select coalesce(sum(staged_files.row_count), 0) into p_rows from cw_nnnnnn_staging.staged_files;
end
$$;

ALTER PROCEDURE cw_nnnnnn.map_to_staging(IN p_run_date date, INOUT p_rows bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.map_to_staging(IN p_run_date date, INOUT p_rows bigint) IS 'Quality Mapper for the quality gate: makes the typed staging tables hold exactly the run date''s loaded raw files, mapped through the client''s ERP dialect mapping (files the loader already staged with the current mapping version are kept, the others mapped; staging of another date is truncated first). Returns the number of staging rows in p_rows. Uncastable values become null and are listed in cast_errors; absent required values in missing_fields.';

CREATE PROCEDURE cw_nnnnnn.po_recommendations_compute(IN p_run_date date, IN p_product_ids integer[], IN p_location_ids integer[])
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
declare
    v_settings       jsonb := cw_nnnnnn.settings('po_recommendations');
    v_target_date    date;
    v_forecast_id    bigint;
    v_forecast_date  date;
    v_last_date      date;
    v_stale_days     integer := (v_settings ->> 'stale_inventory_days')::integer;
    v_stale_factor   numeric := (v_settings ->> 'stale_inventory_factor')::numeric;
    v_cost_factor    numeric := (v_settings ->> 'missing_cost_factor')::numeric;
    v_margin_days    numeric := (v_settings ->> 'high_cover_margin_days')::numeric;
begin
    select active.id, active.forecast_date into v_forecast_id, v_forecast_date
    from cw_nnnnnn.active_demand_forecast as active;
    -- The forecast's last day: a lead time beyond the horizon is projected up to it (rather than failing the step).
    select v_forecast_date + max(rows.horizon_days) into v_last_date
    from cw_nnnnnn.demand_forecast_products as rows
    where rows.demand_forecast_id = v_forecast_id and rows.forecast_date = v_forecast_date;
    select max(targets.snapshot_date) into v_target_date
    from cw_nnnnnn.inventory_targets as targets
    where targets.snapshot_date <= p_run_date;
    if v_target_date is null or v_forecast_date is null then
        raise exception 'client CW-nnnnnn has no inventory targets on or before % to recommend orders from',
            p_run_date
            using errcode = 'CW161',
                  hint = 'run the forecast and the targets first: cw run CW-nnnnnn --date ' || p_run_date
                         || ' --from-step forecast';
    end if;

    drop table if exists pg_temp.po_recommendations_computed, pg_temp.po_recommendation_pairs,
        pg_temp.po_recommendation_demand;
    create temp table po_recommendations_computed (
        product_id integer not null,
        location_id integer not null,
        supplier_id integer not null,
        recommended_qty numeric(14, 3) not null,
        predicted_qty numeric(14, 3) not null,
        order_buffer numeric(14, 3) not null,
        unit_cost numeric(14, 4),
        currency_id smallint not null,
        confidence numeric(4, 3) not null,
        confidence_reasons text not null,
        po_recommendation_priority_id smallint not null,
        priority_reasons text not null,
        on_hand_qty numeric(14, 3) not null,
        on_order_qty numeric(14, 3) not null,
        in_transit_qty numeric(14, 3) not null,
        reserved_qty numeric(14, 3) not null,
        inventory_position_qty numeric(14, 3) not null,
        lead_time_demand_qty numeric(14, 3) not null,
        reorder_point numeric(14, 3) not null,
        target_stock numeric(14, 3) not null,
        lead_time_days numeric(8, 2) not null,
        cover_days numeric(10, 1),
        pack_size_qty numeric(12, 3) not null,
        moq_qty numeric(14, 3) not null,
        primary key (product_id, location_id, supplier_id)
    ) on commit drop;

    -- Pairs that buy from a supplier: a regular (non-zero) target of step 8 at a location without a parent location
    -- (a store, DC or warehouse that nobody supplies), a stocked product with an enabled, active primary supplier.
    -- A location with a parent location (a store supplied by a DC, a DC supplied by the warehouse) is replenished by
    -- transfer (step 11), not by purchase order.
    create temp table po_recommendation_pairs on commit drop as
    with targets as (
        select targets.id, targets.product_id, targets.location_id, targets.target_stock, targets.reorder_point,
               locations.echelon,
               (select params.param_value from cw_nnnnnn.inventory_target_params as params
                where params.inventory_target_id = targets.id and params.param_name = 'lead_time_days')
               as lead_time_days,
               (select params.param_value from cw_nnnnnn.inventory_target_params as params
                where params.inventory_target_id = targets.id and params.param_name = 'protection_days')
               as protection_days
        from cw_nnnnnn.inventory_targets as targets
        inner join cw_nnnnnn.locations on locations.id = targets.location_id
        where targets.snapshot_date = v_target_date
            and targets.zero_reason is null and targets.target_stock > 0
            and locations.parent_location_id is null
            and (p_product_ids is null or targets.product_id = any (p_product_ids))
            and (p_location_ids is null or targets.location_id = any (p_location_ids))
    ),

    final as (
        select targets.product_id, targets.location_id, suppliers.id as supplier_id,
               suppliers.currency_id, targets.target_stock, targets.reorder_point, targets.echelon,
               coalesce(targets.lead_time_days, suppliers.lead_time_days, 0)::numeric as lead_time_days,
               coalesce(targets.protection_days, ceil(coalesce(targets.lead_time_days, 0)) + 1)::integer
               as protection_days,
               greatest(coalesce(product_suppliers.pack_size_qty, products.pack_size_qty, 1), 0.001) as pack_size_qty,
               coalesce(product_suppliers.moq_qty_override, suppliers.moq_qty_override, suppliers.moq_qty, 0)
               as moq_qty,
               products.cost as product_cost
        from targets
        inner join cw_nnnnnn.products on products.id = targets.product_id
        inner join cw_nnnnnn.suppliers on suppliers.id = products.primary_supplier_id
        left join cw_nnnnnn.product_suppliers
            on product_suppliers.product_id = products.id and product_suppliers.supplier_id = suppliers.id
        where products.assortment_override is distinct from 'NOT-STOCK'
            and not products.is_discontinued
            and suppliers.is_enabled and suppliers.is_active
    )

    select * from final;

    -- Forecast demand over the lead time and over the protection period (lead time + review cycle): the pair's own
    -- forecast, plus for an upper echelon the forecasts of every location it supplies, directly or through another
    -- (the tree of parent_location_id: a warehouse supplies DCs that supply stores).
    create temp table po_recommendation_demand on commit drop as
    with recursive supplied (root_location_id, location_id, depth) as (
        select distinct pairs.location_id, pairs.location_id, 0
        from po_recommendation_pairs as pairs
        union all
        select supplied.root_location_id, children.id, supplied.depth + 1
        from supplied
        inner join cw_nnnnnn.locations as children on children.parent_location_id = supplied.location_id
        where supplied.depth < 10
    ),

    demand_pairs as (
        select pairs.product_id, pairs.location_id, supplied.location_id as demand_location_id,
               pairs.lead_time_days, pairs.protection_days
        from po_recommendation_pairs as pairs
        inner join supplied on supplied.root_location_id = pairs.location_id
    ),

    numbered as (
        select demand_pairs.*, row_number() over (order by demand_pairs.product_id, demand_pairs.location_id,
                                                           demand_pairs.demand_location_id) as position
        from demand_pairs
    ),

    lead_time as (
        select accumulated.position, accumulated.demand_qty
        from cw_nnnnnn.forecast_accumulate(
            array(select numbered.product_id from numbered order by numbered.position),
            array(select numbered.demand_location_id from numbered order by numbered.position),
            array(select v_forecast_date + 1 from numbered order by numbered.position),
            array(select least(v_forecast_date + greatest(ceil(numbered.lead_time_days)::integer, 1), v_last_date)
                  from numbered order by numbered.position)
        ) with ordinality as accumulated (product_id, location_id, from_date, to_date, demand_qty, position)
    ),

    protection as (
        select accumulated.position, accumulated.demand_qty
        from cw_nnnnnn.forecast_accumulate(
            array(select numbered.product_id from numbered order by numbered.position),
            array(select numbered.demand_location_id from numbered order by numbered.position),
            array(select v_forecast_date + 1 from numbered order by numbered.position),
            array(select least(v_forecast_date + greatest(numbered.protection_days, 1), v_last_date) from numbered
                  order by numbered.position)
        ) with ordinality as accumulated (product_id, location_id, from_date, to_date, demand_qty, position)
    ),

    confidence as (
        select numbered.position, avg(rows.confidence)::numeric as confidence
        from numbered
        inner join cw_nnnnnn.demand_forecast_products as rows
            on rows.demand_forecast_id = v_forecast_id and rows.forecast_date = v_forecast_date
            and rows.product_id = numbered.product_id and rows.location_id = numbered.demand_location_id
            -- weeks that start within the protection period
            and rows.horizon_days - 6 <= greatest(numbered.protection_days, 1)
        group by numbered.position
    ),

    final as (
        select numbered.product_id, numbered.location_id,
               coalesce(sum(lead_time.demand_qty), 0)::numeric as lead_time_demand_qty,
               coalesce(sum(protection.demand_qty), 0)::numeric as protection_demand_qty,
               avg(confidence.confidence) as forecast_confidence
        from numbered
        left join lead_time on lead_time.position = numbered.position
        left join protection on protection.position = numbered.position
        left join confidence on confidence.position = numbered.position
        group by numbered.product_id, numbered.location_id
    )

    select * from final;

    insert into po_recommendations_computed
    with stock as (
        select balances.product_id, balances.location_id, balances.balance_date,
               balances.qty_all - balances.qty_blocked as on_hand_qty, balances.qty_reserved
        from cw_nnnnnn.inventory_as_of(p_run_date) as balances
        inner join po_recommendation_pairs as pairs
            on pairs.product_id = balances.product_id and pairs.location_id = balances.location_id
    ),

    on_order as (
        select purchase_orders.location_id, lines.product_id,
               sum(greatest(coalesce(lines.qty_confirmed, lines.qty_ordered) - coalesce(lines.qty_delivered, 0), 0))
               as on_order_qty
        from cw_nnnnnn.purchase_orders
        inner join cw_nnnnnn.purchase_order_lines as lines on lines.purchase_order_id = purchase_orders.id
        inner join po_recommendation_pairs as pairs
            on pairs.product_id = lines.product_id and pairs.location_id = purchase_orders.location_id
        where purchase_orders.status in ('open', 'confirmed', 'partially_received')
            and purchase_orders.order_date <= p_run_date and lines.is_active
        group by purchase_orders.location_id, lines.product_id
    ),

    in_transit as (
        select transfer_orders.to_location_id as location_id, lines.product_id,
               sum(greatest(coalesce(lines.qty_shipped, 0) - coalesce(lines.qty_received, 0), 0)) as in_transit_qty
        from cw_nnnnnn.transfer_orders
        inner join cw_nnnnnn.transfer_order_lines as lines on lines.transfer_order_id = transfer_orders.id
        inner join po_recommendation_pairs as pairs
            on pairs.product_id = lines.product_id and pairs.location_id = transfer_orders.to_location_id
        where transfer_orders.status in ('open', 'shipped') and transfer_orders.received_date is null
            and transfer_orders.ship_date <= p_run_date and lines.is_active
        group by transfer_orders.to_location_id, lines.product_id
    ),

    -- Unit cost in the client currency: the latest PO line of the product from the supplier, else the product cost.
    last_cost as (
        select distinct on (pairs.product_id, pairs.supplier_id)
            pairs.product_id, pairs.supplier_id, lines.unit_cost
        from po_recommendation_pairs as pairs
        inner join cw_nnnnnn.purchase_order_lines as lines on lines.product_id = pairs.product_id
        inner join cw_nnnnnn.purchase_orders
            on purchase_orders.id = lines.purchase_order_id and purchase_orders.supplier_id = pairs.supplier_id
        where lines.unit_cost is not null and purchase_orders.order_date <= p_run_date
        order by pairs.product_id, pairs.supplier_id, purchase_orders.order_date desc, lines.id desc
    ),

    classes as (
        select pairs.product_id, pairs.location_id,
               coalesce(
                   (select abc_classes.code from cw_nnnnnn.product_location_behaviors as behaviors
                    inner join cw_nnnnnn.abc_classes on abc_classes.id = behaviors.abc_class_id
                    where behaviors.product_id = pairs.product_id and behaviors.location_id = pairs.location_id
                        and behaviors.snapshot_date <= p_run_date
                    order by behaviors.snapshot_date desc limit 1),
                   (select abc_classes.code from cw_nnnnnn.product_behaviors as behaviors
                    inner join cw_nnnnnn.abc_classes on abc_classes.id = behaviors.abc_class_id
                    where behaviors.product_id = pairs.product_id and behaviors.snapshot_date <= p_run_date
                    order by behaviors.snapshot_date desc limit 1)
               ) as abc
        from po_recommendation_pairs as pairs
    ),

    positioned as (
        select pairs.*, classes.abc, stock.balance_date,
               coalesce(stock.on_hand_qty, 0) as on_hand_qty,
               coalesce(on_order.on_order_qty, 0) as on_order_qty,
               coalesce(in_transit.in_transit_qty, 0) as in_transit_qty,
               coalesce(stock.qty_reserved, 0) as reserved_qty,
               coalesce(stock.on_hand_qty, 0) + coalesce(on_order.on_order_qty, 0)
               + coalesce(in_transit.in_transit_qty, 0) - coalesce(stock.qty_reserved, 0) as position_qty,
               demand.lead_time_demand_qty, demand.protection_demand_qty, demand.forecast_confidence,
               round(coalesce(last_cost.unit_cost, pairs.product_cost)
                     / nullif(cw_nnnnnn.fx_factor(pairs.currency_id, p_run_date), 0), 4) as unit_cost
        from po_recommendation_pairs as pairs
        inner join po_recommendation_demand as demand
            on demand.product_id = pairs.product_id and demand.location_id = pairs.location_id
        left join classes on classes.product_id = pairs.product_id and classes.location_id = pairs.location_id
        left join stock on stock.product_id = pairs.product_id and stock.location_id = pairs.location_id
        left join on_order on on_order.product_id = pairs.product_id and on_order.location_id = pairs.location_id
        left join in_transit
            on in_transit.product_id = pairs.product_id and in_transit.location_id = pairs.location_id
        left join last_cost
            on last_cost.product_id = pairs.product_id and last_cost.supplier_id = pairs.supplier_id
    ),

    -- At or below the reorder point: order up to the target, in whole packs, at least the MOQ (itself in packs).
    ordered as (
        select positioned.*,
               greatest(ceil(round((positioned.target_stock - positioned.position_qty) / positioned.pack_size_qty, 6)),
                        ceil(round(positioned.moq_qty / positioned.pack_size_qty, 6)))
               * positioned.pack_size_qty as order_qty,
               positioned.protection_demand_qty / positioned.protection_days as demand_per_day
        from positioned
        where positioned.position_qty <= positioned.reorder_point
            and positioned.position_qty < positioned.target_stock
    ),

    judged as (
        select ordered.*,
               -- capped so that a tiny forecast cannot overflow the column
               round(least(ordered.position_qty / nullif(ordered.demand_per_day, 0), 99999), 1) as cover_days,
               ordered.on_hand_qty - ordered.reserved_qty <= 0 as is_out_of_stock,
               ordered.position_qty - ordered.lead_time_demand_qty < 0 as is_stockout_before_arrival
        from ordered
    ),

    prioritised as (
        select judged.*,
               case
                   when judged.is_out_of_stock or judged.is_stockout_before_arrival then 'critical'
                   when judged.cover_days < judged.lead_time_days + v_margin_days then 'high'
                   when judged.abc in ('A', 'B') then 'medium'
                   else 'low'
               end as priority_name,
               coalesce(judged.forecast_confidence, 0.5)
               * case when judged.balance_date is null then v_stale_factor * v_stale_factor
                      when judged.balance_date < p_run_date - v_stale_days then v_stale_factor
                      else 1 end
               * case when judged.unit_cost is null then v_cost_factor else 1 end as confidence_value
        from judged
    ),

    final as (
        select prioritised.product_id, prioritised.location_id, prioritised.supplier_id,
               prioritised.order_qty, prioritised.protection_demand_qty,
               prioritised.position_qty + prioritised.order_qty - prioritised.protection_demand_qty,
               prioritised.unit_cost, prioritised.currency_id,
               round(least(greatest(prioritised.confidence_value, 0), 1), 3),
               array_to_string(array[
                   format('forecast confidence %s',
                          trim_scale(round(coalesce(prioritised.forecast_confidence, 0.5), 2)))
                   || case when prioritised.forecast_confidence is null then ' (none stored, 0.5 assumed)' else '' end,
                   case when prioritised.balance_date is null
                            then 'no stock balance on record (0 on hand assumed)'
                        when prioritised.balance_date < p_run_date - v_stale_days
                            then format('stock balance %s days old', p_run_date - prioritised.balance_date) end,
                   case when prioritised.unit_cost is null then 'no unit cost known' end
               ], '; '),
               priorities.id,
               array_to_string(array[
                   case when prioritised.is_out_of_stock then 'out of stock now' end,
                   case when prioritised.cover_days is null then 'no demand forecast over the lead time'
                        else format('%s days of cover left', trim_scale(prioritised.cover_days)) end
                   || format(', lead time %s days', trim_scale(round(prioritised.lead_time_days, 1)))
                   || case when prioritised.abc is null then ', no class' else ', class ' || prioritised.abc end,
                   case when prioritised.is_stockout_before_arrival and not prioritised.is_out_of_stock
                            then format('expected to run out %s days before an order placed today arrives',
                                        trim_scale(round(prioritised.lead_time_days - prioritised.cover_days, 1))) end,
                   format('position %s (on hand %s, on order %s, in transit %s, reserved %s) at or below reorder '
                          'point %s, target %s',
                          trim_scale(prioritised.position_qty), trim_scale(prioritised.on_hand_qty),
                          trim_scale(prioritised.on_order_qty), trim_scale(prioritised.in_transit_qty),
                          trim_scale(prioritised.reserved_qty), trim_scale(prioritised.reorder_point),
                          trim_scale(prioritised.target_stock))
               ], '; '),
               prioritised.on_hand_qty, prioritised.on_order_qty, prioritised.in_transit_qty, prioritised.reserved_qty,
               prioritised.position_qty, prioritised.lead_time_demand_qty, prioritised.reorder_point,
               prioritised.target_stock, prioritised.lead_time_days, prioritised.cover_days,
               prioritised.pack_size_qty, prioritised.moq_qty
        from prioritised
        inner join cw_nnnnnn.po_recommendation_priorities as priorities on priorities.name = prioritised.priority_name
    )

    select * from final;
end
$$;

ALTER PROCEDURE cw_nnnnnn.po_recommendations_compute(IN p_run_date date, IN p_product_ids integer[], IN p_location_ids integer[]) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.po_recommendations_compute(IN p_run_date date, IN p_product_ids integer[], IN p_location_ids integer[]) IS 'Computes the purchase-order recommendations of p_run_date (optionally only some products/locations) from the latest inventory targets, the active forecast, stock, open purchase orders and transfers in transit into the temp table po_recommendations_computed. Called by step_po_recommendations; CW161 without targets or forecast. Formulas in docs/recommendations.md.';

CREATE FUNCTION cw_nnnnnn.po_recommendations_stamp_status() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
begin
    new.status_updated_at := now();
    new.status_updated_by := current_user;
    return new;
end
$$;

ALTER FUNCTION cw_nnnnnn.po_recommendations_stamp_status() OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.po_recommendations_stamp_status() IS 'Trigger: records when and by whom the status of a purchase-order recommendation was changed.';

CREATE TABLE cw_nnnnnn.product_versions (
    id bigint NOT NULL,
    product_id integer NOT NULL,
    valid_from date NOT NULL,
    valid_to date,
    is_current boolean NOT NULL,
    name text NOT NULL,
    brand_id integer,
    product_category_id integer,
    primary_supplier_id integer,
    cost numeric(14,4),
    price numeric(14,4),
    pack_size_qty numeric(12,3),
    is_dropship boolean NOT NULL,
    erp_status text NOT NULL,
    is_discontinued boolean NOT NULL,
    is_active boolean NOT NULL,
    version_hash uuid NOT NULL,
    CONSTRAINT product_version_current_check CHECK ((is_current = (valid_to IS NULL))),
    CONSTRAINT product_version_validity_check CHECK ((valid_to > valid_from))
);

ALTER TABLE cw_nnnnnn.product_versions OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.product_versions IS 'SCD type 2 history of products: a new version whenever a tracked attribute changes (ERP values and the effective is_discontinued, which includes the planner''s override). Valid on [valid_from, valid_to). See product_as_of().';

COMMENT ON COLUMN cw_nnnnnn.product_versions.product_id IS 'The product.';

COMMENT ON COLUMN cw_nnnnnn.product_versions.valid_from IS 'Run date from which the version holds (inclusive).';

COMMENT ON COLUMN cw_nnnnnn.product_versions.valid_to IS 'Run date from which the next version holds (exclusive); null for the current version.';

COMMENT ON COLUMN cw_nnnnnn.product_versions.is_current IS 'True for the version valid today.';

COMMENT ON COLUMN cw_nnnnnn.product_versions.name IS 'Tracked: name.';

COMMENT ON COLUMN cw_nnnnnn.product_versions.brand_id IS 'Tracked: brand.';

COMMENT ON COLUMN cw_nnnnnn.product_versions.product_category_id IS 'Tracked: leaf category.';

COMMENT ON COLUMN cw_nnnnnn.product_versions.primary_supplier_id IS 'Tracked: supplier named by the ERP.';

COMMENT ON COLUMN cw_nnnnnn.product_versions.cost IS 'Tracked: unit cost, client currency.';

COMMENT ON COLUMN cw_nnnnnn.product_versions.price IS 'Tracked: unit price, client currency.';

COMMENT ON COLUMN cw_nnnnnn.product_versions.pack_size_qty IS 'Tracked: units per purchase pack.';

COMMENT ON COLUMN cw_nnnnnn.product_versions.is_dropship IS 'Tracked: dropship flag.';

COMMENT ON COLUMN cw_nnnnnn.product_versions.erp_status IS 'Tracked: ERP life-cycle status.';

COMMENT ON COLUMN cw_nnnnnn.product_versions.is_discontinued IS 'Tracked: effective discontinued flag (UI override or ERP).';

COMMENT ON COLUMN cw_nnnnnn.product_versions.is_active IS 'Tracked: present in the ERP snapshot.';

COMMENT ON COLUMN cw_nnnnnn.product_versions.version_hash IS 'MD5 of the tracked attributes.';

CREATE FUNCTION cw_nnnnnn.product_as_of(p_date date) RETURNS SETOF cw_nnnnnn.product_versions
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
    select * from cw_nnnnnn.product_versions
    where product_versions.valid_from <= p_date
        and (product_versions.valid_to is null or product_versions.valid_to > p_date)
$$;

ALTER FUNCTION cw_nnnnnn.product_as_of(p_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.product_as_of(p_date date) IS 'Every product as it was on a date: its version valid that day (none before its first load).';

CREATE FUNCTION cw_nnnnnn.quality_report(p_run_date date, p_trend_days integer DEFAULT 30) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_run_id      bigint;
    v_trend_days  integer := greatest(coalesce(p_trend_days, 30), 1);
    v_known_dates text;
    v_file_keys   jsonb;
    v_report      jsonb;
begin
    select runs.id into v_run_id
    from cw_nnnnnn.data_quality_runs as runs
    where runs.run_date = p_run_date;

    if v_run_id is null then
        select string_agg(recent.run_date::text, ', ' order by recent.run_date desc) into v_known_dates
        from (
            select runs.run_date from cw_nnnnnn.data_quality_runs as runs order by runs.run_date desc limit 5
        ) as recent;
        raise exception 'no quality gateway run for client % on %', 'CW-nnnnnn', coalesce(p_run_date::text, 'null')
            using errcode = 'CW030',
                  hint = case when v_known_dates is null
                              then format('the gateway has not run for this client yet: cw run %s --date D',
                                          'CW-nnnnnn')
                              else format('latest runs: %s; or run the gateway: cw run %s --date %s', v_known_dates,
                                          'CW-nnnnnn', coalesce(p_run_date::text, 'D'))
                         end;
    end if;

    -- Record-level samples name their raw file by id; show its object key to whoever may read the registry (the
    -- owner; the UI role has no access to staging and keeps the ids).
    if has_schema_privilege('cw_nnnnnn_staging', 'usage') then
        if has_table_privilege('cw_nnnnnn_staging.raw_files', 'select') then
            select jsonb_object_agg(files.id::text, files.object_key) into v_file_keys
            from cw_nnnnnn_staging.raw_files as files
            where files.file_date = p_run_date;
        end if;
    end if;

    with run_checks as (
        select checks.endpoint, checks.check_name, checks.passed, checks.expected_value, checks.actual_value,
               checks.failed_count, checks.detail,
               case when v_file_keys is null or jsonb_typeof(checks.sample_records) <> 'array'
                        then checks.sample_records
                    else (
                        select jsonb_agg(
                                   case when v_file_keys ? (samples.sample ->> 'file')
                                            then samples.sample || jsonb_build_object(
                                                'file', v_file_keys ->> (samples.sample ->> 'file'))
                                        else samples.sample
                                   end order by samples.position)
                        from jsonb_array_elements(checks.sample_records) with ordinality as samples (sample, position)
                    )
               end as sample_records,
               -- the catalog's instructions name the delivery folder as raw-data/{client}/{date}/
               replace(replace(checks.fix_instructions, '{client}', 'CW-nnnnnn'), '{date}', p_run_date::text)
               as fix_instructions,
               split_part(checks.check_name, ':', 1) as check_base,
               nullif(split_part(checks.check_name, ':', 2), '') as check_subject,
               severities.name as severity, categories.name as category, definitions.description,
               checks.data_quality_check_severity_id as severity_rank
        from cw_nnnnnn.data_quality_checks as checks
        inner join cw_nnnnnn.data_quality_check_severities as severities
            on severities.id = checks.data_quality_check_severity_id
        inner join cw_nnnnnn.data_quality_check_categories as categories
            on categories.id = checks.data_quality_check_category_id
        left join cw_global.quality_check_definitions as definitions
            on definitions.check_name = split_part(checks.check_name, ':', 1)
        where checks.data_quality_run_id = v_run_id
    ),

    endpoints as (
        select run_checks.endpoint,
               count(*) filter (where run_checks.passed) as checks_passed,
               count(*) filter (where not run_checks.passed) as checks_failed,
               count(*) filter (where not run_checks.passed and run_checks.severity = 'critical') as critical_failed,
               count(*) filter (where not run_checks.passed and run_checks.severity = 'warning') as warning_failed,
               coalesce(jsonb_agg(jsonb_build_object(
                   'check_name', run_checks.check_name,
                   'check', run_checks.check_base,
                   'subject', run_checks.check_subject,
                   'severity', run_checks.severity,
                   'category', run_checks.category,
                   'description', run_checks.description,
                   'expected_value', run_checks.expected_value,
                   'actual_value', run_checks.actual_value,
                   'failed_count', run_checks.failed_count,
                   'detail', run_checks.detail,
                   'fix_instructions', run_checks.fix_instructions,
                   'sample_records', coalesce(run_checks.sample_records, '[]')
               ) order by run_checks.severity_rank, run_checks.check_name) filter (where not run_checks.passed), '[]')
               as failed_checks
        from run_checks
        group by run_checks.endpoint
    ),

    trend as (
        select coalesce(jsonb_agg(jsonb_build_object(
                   'run_date', runs.run_date,
                   'score', runs.overall_score,
                   'gate_passed', runs.gate_passed
               ) order by runs.run_date), '[]') as points
        from cw_nnnnnn.data_quality_runs as runs
        where runs.run_date between p_run_date - (v_trend_days - 1) and p_run_date
    ),

    report as (
        select jsonb_build_object(
                   'client_code', clients.code,
                   'client_name', clients.name,
                   'run_date', runs.run_date,
                   'status', statuses.name,
                   'score', runs.overall_score,
                   'gate_passed', runs.gate_passed,
                   'critical_count', runs.critical_count,
                   'warning_count', runs.warning_count,
                   'checks_total', runs.checks_total,
                   'checks_passed', runs.checks_passed,
                   'started_at', runs.started_at,
                   'completed_at', runs.completed_at,
                   'trend_days', v_trend_days,
                   'endpoints', (
                       select coalesce(jsonb_agg(jsonb_build_object(
                                  'endpoint', endpoints.endpoint,
                                  'checks_passed', endpoints.checks_passed,
                                  'checks_failed', endpoints.checks_failed,
                                  'critical_failed', endpoints.critical_failed,
                                  'warning_failed', endpoints.warning_failed,
                                  'failed_checks', endpoints.failed_checks
                              ) order by endpoints.critical_failed desc, endpoints.warning_failed desc,
                                         endpoints.endpoint), '[]')
                       from endpoints
                   ),
                   'trend', (select trend.points from trend)
               ) as document
        from cw_nnnnnn.data_quality_runs as runs
        inner join cw_nnnnnn.data_quality_run_statuses as statuses
            on statuses.id = runs.data_quality_run_status_id
        inner join cw_global.clients on clients.schema_name = 'cw_nnnnnn'
        where runs.id = v_run_id
    )

    select report.document into v_report from report;
    return v_report;
end
$$;

ALTER FUNCTION cw_nnnnnn.quality_report(p_run_date date, p_trend_days integer) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.quality_report(p_run_date date, p_trend_days integer) IS 'The quality report of the gateway run of a date, as JSON: client, status, 0-100 score, gate result and counts; per endpoint (those with critical failures first) the passed-check count and the failed checks with severity, category, expected and actual values, detail, fix instructions (delivery folder filled in) and up to five offending records (raw file ids shown as object keys when the caller may read the raw registry); and the score trend [{run_date, score, gate_passed}] of the runs in the p_trend_days days up to the date. SQLSTATE CW030 when the gateway has not run for the date. Rendered by cw report quality (json, md, html).';

CREATE PROCEDURE cw_nnnnnn.record_versions(IN p_run_date date, IN p_entity text, IN p_versions text, IN p_key text, IN p_columns text[])
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $_$
declare
    v_list     text := (select string_agg(format('%I', column_name), ', ') from unnest(p_columns) as column_name);
    v_entities text := (select string_agg(format('entities.%I', column_name), ', ')
                        from unnest(p_columns) as column_name);
    v_changes  text := (select string_agg(format('%1$I = changes.%1$I', column_name), ', ')
                        from unnest(p_columns) as column_name);
    v_versions bigint;
begin
    call cw_nnnnnn.load_drop_temp('version_changes');
    execute format($sql$
        create temp table version_changes on commit drop as
        select entities.id as entity_id, %1$s, md5(row(%1$s)::text)::uuid as version_hash
        from %2$I.%3$I as entities
        left join %2$I.%4$I as versions on versions.%5$I = entities.id and versions.is_current
        where versions.id is null or row(%1$s) is distinct from row(%6$s)
        $sql$, v_entities, 'cw_nnnnnn', p_entity, p_versions, p_key,
        (select string_agg(format('versions.%I', column_name), ', ') from unnest(p_columns) as column_name));

    -- Close the current version of a changed row (a version opened today is corrected in place instead).
    execute format($sql$
        update %1$I.%2$I as versions
        set valid_to = $1, is_current = false
        from version_changes as changes
        where versions.%3$I = changes.entity_id and versions.is_current and versions.valid_from < $1
        $sql$, 'cw_nnnnnn', p_versions, p_key)
    using p_run_date;
    execute format($sql$
        update %1$I.%2$I as versions
        set %4$s, version_hash = changes.version_hash
        from version_changes as changes
        where versions.%3$I = changes.entity_id and versions.is_current and versions.valid_from = $1
        $sql$, 'cw_nnnnnn', p_versions, p_key, v_changes)
    using p_run_date;
    execute format($sql$
        insert into %1$I.%2$I (%3$I, valid_from, valid_to, is_current, %4$s, version_hash)
        select changes.entity_id, $1, null, true, %5$s, changes.version_hash
        from version_changes as changes
        where not exists (select from %1$I.%2$I as versions
                          where versions.%3$I = changes.entity_id and versions.is_current)
        $sql$, 'cw_nnnnnn', p_versions, p_key, v_list,
        (select string_agg(format('changes.%I', column_name), ', ') from unnest(p_columns) as column_name))
    using p_run_date;
    get diagnostics v_versions = row_count;
    insert into load_counts (entity, inserted, updated) values (p_versions, v_versions, 0);
end
$_$;

ALTER PROCEDURE cw_nnnnnn.record_versions(IN p_run_date date, IN p_entity text, IN p_versions text, IN p_key text, IN p_columns text[]) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.record_versions(IN p_run_date date, IN p_entity text, IN p_versions text, IN p_key text, IN p_columns text[]) IS 'SCD type 2 for one entity: every row whose tracked columns (p_columns, same names in the entity and its versions table) differ from its current version gets a new version valid from the run date, the old one is closed (valid_to = run date). A second load of the same date corrects that date''s version in place, so re-running a date adds nothing. Versions are never deleted.';

CREATE PROCEDURE cw_nnnnnn.report_step(IN p_rows_in bigint, IN p_rows_out bigint, IN p_detail jsonb DEFAULT NULL::jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_step_run_id bigint := nullif(current_setting('cw.step_run_id', true), '')::bigint;
begin
    if v_step_run_id is null then
        raise notice 'step outside run_pipeline: rows_in=%, rows_out=%, detail=%', p_rows_in, p_rows_out, p_detail;
        return;
    end if;
    update cw_nnnnnn.pipeline_step_runs
    set rows_in = p_rows_in,
        rows_out = p_rows_out,
        detail = coalesce(pipeline_step_runs.detail, '{}') || coalesce(p_detail, '{}')
    where pipeline_step_runs.id = v_step_run_id;
end
$$;

ALTER PROCEDURE cw_nnnnnn.report_step(IN p_rows_in bigint, IN p_rows_out bigint, IN p_detail jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.report_step(IN p_rows_in bigint, IN p_rows_out bigint, IN p_detail jsonb) IS 'Called by a step procedure to record the rows it read and wrote and its details on its pipeline_step_runs row.';

CREATE PROCEDURE cw_nnnnnn.request_stop(IN p_reason text)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    perform set_config('cw.stop_request', p_reason, true);
end
$$;

ALTER PROCEDURE cw_nnnnnn.request_stop(IN p_reason text) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.request_stop(IN p_reason text) IS 'Called by a step that finished its own work but must stop the run (the quality gate when it fails): the step is committed as stopped, later steps do not run, and the next run for the date resumes at this step.';

CREATE PROCEDURE cw_nnnnnn.run_pipeline(IN p_run_date date, IN p_from_step text DEFAULT NULL::text, IN p_to_step text DEFAULT NULL::text, IN p_scope jsonb DEFAULT NULL::jsonb)
    LANGUAGE plpgsql
    AS $_$
declare
    c_lock_class  constant integer := 17239;  -- 'CW': the pipeline lock class; the object is the client number
    c_client_no   constant integer := <client number>;
    v_scope       jsonb := cw_nnnnnn.validate_scope(p_scope);
    v_from_no     smallint;
    v_to_no       smallint;
    v_prev        cw_nnnnnn.pipeline_runs%rowtype;
    v_resumed     bigint;
    v_run_id      bigint;
    v_step        record;
    v_step_run_id bigint;
    v_stop        text;
    v_failed      boolean := false;
    v_failed_step text;
    v_last_step   text;
    v_state       text;
    v_message     text;
    v_detail      text;
    v_context     text;
begin
    if p_run_date is null then
        raise exception 'run date is required for client CW-nnnnnn'
            using errcode = 'CW014', hint = 'CALL cw_nnnnnn.run_pipeline(cw_nnnnnn.client_today())';
    end if;
    if pg_catalog.pg_is_in_recovery() then
        raise notice 'read-only replica: the pipeline runs on the primary only';
        return;
    end if;
    if p_from_step is not null then
        select pipeline_steps.step_no into v_from_no from cw_global.pipeline_steps where pipeline_steps.name = p_from_step;
        if v_from_no is null then
            raise exception 'unknown pipeline step %', pg_catalog.quote_literal(p_from_step)
                using errcode = 'CW011', hint = 'steps: ' || (select pg_catalog.string_agg(name, ', ' order by step_no)
                                                              from cw_global.pipeline_steps);
        end if;
    end if;
    if p_to_step is not null then
        select pipeline_steps.step_no into v_to_no from cw_global.pipeline_steps where pipeline_steps.name = p_to_step;
        if v_to_no is null then
            raise exception 'unknown pipeline step %', pg_catalog.quote_literal(p_to_step)
                using errcode = 'CW011', hint = 'steps: ' || (select pg_catalog.string_agg(name, ', ' order by step_no)
                                                              from cw_global.pipeline_steps);
        end if;
    end if;
    if v_from_no > v_to_no then
        raise exception 'from step % comes after to step %', p_from_step, p_to_step
            using errcode = 'CW011', hint = 'swap them';
    end if;

    if not pg_catalog.pg_try_advisory_lock(c_lock_class, c_client_no) then
        raise exception 'a pipeline run for client CW-nnnnnn is already in progress'
            using errcode = 'CW010',
                  detail = coalesce((select pg_catalog.format('run %s for %s started at %s', id, run_date, started_at)
                                     from cw_nnnnnn.pipeline_runs where status = 'running' order by id desc limit 1), ''),
                  hint = 'wait for it to finish (see cw_nnnnnn.pipeline_runs) or cancel it with pg_cancel_backend()';
    end if;

    -- We hold the lock, so anything still marked running belongs to a session that died.
    update cw_nnnnnn.pipeline_step_runs
    set status = 'abandoned', finished_at = pg_catalog.clock_timestamp()
    where pipeline_step_runs.status = 'running';
    update cw_nnnnnn.pipeline_runs
    set status = 'abandoned', finished_at = pg_catalog.clock_timestamp(),
        error = 'the session running it ended before it finished (server restart, killed session or lost connection)'
    where pipeline_runs.status = 'running';

    if v_from_no is null then
        select * into v_prev
        from cw_nnnnnn.pipeline_runs
        where pipeline_runs.run_date = p_run_date
            and pipeline_runs.scope is not distinct from v_scope
            and pipeline_runs.to_step is not distinct from p_to_step
        order by pipeline_runs.id desc
        limit 1;
        if v_prev.status in ('failed', 'stopped', 'abandoned') then
            select coalesce(min(step_no) filter (where status not in ('succeeded', 'skipped')), max(step_no) + 1)
            into v_from_no
            from cw_nnnnnn.pipeline_step_runs
            where pipeline_step_runs.pipeline_run_id = v_prev.id;
            v_resumed := v_prev.id;
        end if;
    end if;
    v_from_no := coalesce(v_from_no, (select min(step_no) from cw_global.pipeline_steps));
    v_to_no := coalesce(v_to_no, (select max(step_no) from cw_global.pipeline_steps));

    insert into cw_nnnnnn.pipeline_runs (run_date, from_step, to_step, scope, resumed_from_run_id)
    values (p_run_date, p_from_step, p_to_step, v_scope, v_resumed)
    returning id into v_run_id;
    commit;
    if v_resumed is not null then
        raise notice 'run % resumes run % from step %', v_run_id, v_resumed, v_from_no;
    end if;

    for v_step in
        select pipeline_steps.step_no, pipeline_steps.name, pipeline_steps.procedure_name
        from cw_global.pipeline_steps
        where pipeline_steps.step_no between v_from_no and v_to_no
        order by pipeline_steps.step_no
    loop
        v_last_step := v_step.name;
        insert into cw_nnnnnn.pipeline_step_runs (pipeline_run_id, step_no, step_name)
        values (v_run_id, v_step.step_no, v_step.name)
        returning id into v_step_run_id;
        commit;
        perform pg_catalog.set_config('cw.step_run_id', v_step_run_id::text, false);

        if pg_catalog.to_regprocedure(pg_catalog.format('%I.%I(date, jsonb)', 'cw_nnnnnn', v_step.procedure_name)) is null then
            update cw_nnnnnn.pipeline_step_runs
            set status = 'skipped', finished_at = pg_catalog.clock_timestamp(),
                detail = pg_catalog.jsonb_build_object('reason', pg_catalog.format(
                    'procedure %s.%s(date, jsonb) is not installed yet', 'cw_nnnnnn', v_step.procedure_name))
            where pipeline_step_runs.id = v_step_run_id;
            commit;
            continue;
        end if;

        begin
            execute pg_catalog.format('call %I.%I($1, $2)', 'cw_nnnnnn', v_step.procedure_name)
            using p_run_date, v_scope;
            v_stop := nullif(pg_catalog.current_setting('cw.stop_request', true), '');
            update cw_nnnnnn.pipeline_step_runs
            set status = case when v_stop is null then 'succeeded' else 'stopped' end,
                finished_at = pg_catalog.clock_timestamp(),
                detail = case when v_stop is null then detail
                              else coalesce(detail, '{}') || pg_catalog.jsonb_build_object('stop_reason', v_stop) end
            where pipeline_step_runs.id = v_step_run_id;
        exception when others then
            get stacked diagnostics v_state = returned_sqlstate, v_message = message_text,
                                    v_detail = pg_exception_detail, v_context = pg_exception_context;
            v_failed := true;
            v_failed_step := v_step.name;
            update cw_nnnnnn.pipeline_step_runs
            set status = 'failed', finished_at = pg_catalog.clock_timestamp(), error_sqlstate = v_state,
                error = v_message || coalesce(e'\ndetail: ' || nullif(v_detail, ''), '')
                        || coalesce(e'\ncontext: ' || nullif(v_context, ''), '')
            where pipeline_step_runs.id = v_step_run_id;
        end;
        commit;
        exit when v_failed or v_stop is not null;
    end loop;

    update cw_nnnnnn.pipeline_runs
    set status = case when v_failed then 'failed' when v_stop is not null then 'stopped' else 'succeeded' end,
        finished_at = pg_catalog.clock_timestamp(),
        error = case when v_failed then pg_catalog.format('step %s failed: %s [SQLSTATE %s]', v_failed_step, v_message, v_state)
                     when v_stop is not null then pg_catalog.format('stopped after step %s: %s', v_last_step, v_stop) end
    where pipeline_runs.id = v_run_id;
    commit;
    perform pg_catalog.set_config('cw.step_run_id', '', false);
    perform pg_catalog.pg_advisory_unlock(c_lock_class, c_client_no);

    if v_failed then
        raise exception 'pipeline run % for client CW-nnnnnn on % failed in step %: %', v_run_id, p_run_date, v_failed_step, v_message
            using errcode = 'CW012',
                  hint = 'fix the cause, then run the pipeline again for the same date: it resumes from the failed step';
    end if;
    if v_stop is not null then
        raise exception 'pipeline run % for client CW-nnnnnn on % stopped after step %: %', v_run_id, p_run_date, v_last_step, v_stop
            using errcode = 'CW015',
                  hint = 'see the step''s report, fix the source data, then run again: it resumes at that step';
    end if;
end
$_$;

ALTER PROCEDURE cw_nnnnnn.run_pipeline(IN p_run_date date, IN p_from_step text, IN p_to_step text, IN p_scope jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.run_pipeline(IN p_run_date date, IN p_from_step text, IN p_to_step text, IN p_scope jsonb) IS 'Runs the pipeline steps of cw_global.pipeline_steps in order for one date (optionally a step range and an incremental scope), committing after each step and recording it in pipeline_runs / pipeline_step_runs. Holds a per-client advisory lock (CW010 when a run is in progress); a step not installed is recorded as skipped; a failing step is recorded with its SQLSTATE and ends the run (CW012); a step may stop the run (CW015, e.g. the quality gate). Called again for the same date and scope, it resumes a failed, stopped or abandoned run from that step. Must be CALLed outside a transaction block.';

CREATE FUNCTION cw_nnnnnn.setting(p_setting_key text) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
    select cw_global.setting_value(p_setting_key,
                                   cw_nnnnnn.settings(split_part(p_setting_key, '.', 1))
                                   -> substr(p_setting_key, strpos(p_setting_key, '.') + 1),
                                   'CW-nnnnnn')
$$;

ALTER FUNCTION cw_nnnnnn.setting(p_setting_key text) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.setting(p_setting_key text) IS 'One validated setting by its full key (e.g. setting(''quality.max_quantity'')), as JSON; CW050 for an unknown key.';

CREATE FUNCTION cw_nnnnnn.settings(p_section text) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
    select cw_global.section_settings(
        p_section,
        case (select setting_sections.stored_in from cw_global.setting_sections
              where setting_sections.section = p_section)
            when 'client_settings' then
                (select jsonb_object_agg(substr(client_settings.setting_key, length(p_section) + 2),
                                         client_settings.setting_value)
                 from cw_nnnnnn.client_settings
                 where client_settings.setting_key like p_section || '.%')
            else (select clients.settings -> p_section from cw_global.clients
                  where clients.schema_name = 'cw_nnnnnn')
        end,
        'CW-nnnnnn')
$$;

ALTER FUNCTION cw_nnnnnn.settings(p_section text) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.settings(p_section text) IS 'The client''s settings of one section as a JSON object name -> value, validated against cw_global.setting_definitions with the defaults filled in (e.g. settings(''behaviors'') ->> ''window_days''). Raises the section''s SQLSTATE for an unknown key or an invalid value. Values live in cw_global.clients.settings (set with cw settings) or, for the planning section, in client_settings (edited in the UI).';

CREATE PROCEDURE cw_nnnnnn.stage_raw_file(IN p_file_id bigint, IN p_version text, INOUT p_rows bigint)
    LANGUAGE plpgsql
    SET jit TO 'off'
    SET default_statistics_target TO '10'
    SET "DateStyle" TO 'ISO, YMD'
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_file      record;
    v_statement text;
    v_table     text;
begin
    select raw_files.id, raw_files.file_date, raw_files.endpoint into v_file
    from cw_nnnnnn_staging.raw_files
    where raw_files.id = p_file_id and raw_files.status = 'loaded';
    p_rows := 0;
    if not found then
        return;
    end if;
    v_statement := cw_nnnnnn.staging_mapping_statement(v_file.endpoint, true);
    if v_statement is not null then
        begin
            execute v_statement using v_file.file_date, v_file.id;
            get diagnostics p_rows = row_count;
        exception when data_exception then
            -- A value that is no value of its type at all (a word in a quantity, 30 February): the safe variant
            -- maps the file and names the value in cast_errors.
            execute cw_nnnnnn.staging_mapping_statement(v_file.endpoint, false) using v_file.file_date, v_file.id;
            get diagnostics p_rows = row_count;
        end;
        select endpoint_mappings.staging_table into v_table
        from cw_global.erp_endpoint_mappings as endpoint_mappings
        inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
        where clients.schema_name = 'cw_nnnnnn' and endpoint_mappings.endpoint = v_file.endpoint;
        execute format('analyze %I.%I', 'cw_nnnnnn_staging', v_table);
    end if;
    insert into cw_nnnnnn_staging.staged_files (raw_file_id, file_date, endpoint, mapping_version, row_count)
    values (v_file.id, v_file.file_date, v_file.endpoint, p_version, p_rows);
end
$$;

ALTER PROCEDURE cw_nnnnnn.stage_raw_file(IN p_file_id bigint, IN p_version text, INOUT p_rows bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.stage_raw_file(IN p_file_id bigint, IN p_version text, INOUT p_rows bigint) IS 'Maps one loaded raw file into its typed staging table (staging_mapping_statement: the fast variant, or the safe one when the fast one meets a value that is no value of its type), analyzes the table and records the file in staged_files with the given mapping version; returns the rows in p_rows. Callers hold the lock on staged_files and have checked that the file is not staged yet.';

CREATE FUNCTION cw_nnnnnn.staging_mapping_statement(p_endpoint text, p_fast boolean DEFAULT false) RETURNS text
    LANGUAGE plpgsql STABLE
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $_$
declare
    v_mapping     record;
    v_columns     text;
    v_header_from text;
    v_header_cols text;
    v_raw         text;
    v_plain       text;
    v_typed       text;
    v_missing     text;
    v_missing_ok  text;
    v_casts       text;
    v_casts_ok    text;
    v_source      text;
begin
    select endpoint_mappings.id, endpoint_mappings.endpoint, endpoint_mappings.staging_table,
           endpoint_mappings.lines_path
    into v_mapping
    from cw_global.erp_endpoint_mappings as endpoint_mappings
    inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
    where clients.schema_name = 'cw_nnnnnn' and endpoint_mappings.endpoint = p_endpoint;
    if not found then
        return null;
    end if;

    -- Three levels. src: the raw text of every mapped value (r_<col>), by ->> on the record or line object (a JSON
    -- null gives null, a nested object its JSON text); a document's header objects are unpacked once per document
    -- with jsonb_to_record (a large document is stored compressed, and every access would decompress it).
    -- v: in the fast variant, the plain cast of each value (p_<col>), which raises on text that is no value of the
    -- type at all. q: the typed value (t_<col>): the safe cast; in the fast variant the plain cast where a round trip
    -- proves it equal to the safe cast (the cast value prints as the raw text, a shape the safe cast reads the same
    -- way), else the safe cast. Both variants give the same rows; the fast one may raise instead.
    with fields as (
        select field_mappings.staging_column as col, field_mappings.is_line_field as is_line,
               field_mappings.source_path[1:cardinality(field_mappings.source_path) - 1] as parent_path,
               field_mappings.source_path[cardinality(field_mappings.source_path)] as json_key,
               field_mappings.data_type, field_mappings.value_format, field_mappings.is_required
        from cw_global.erp_field_mappings as field_mappings
        where field_mappings.erp_endpoint_mapping_id = v_mapping.id and not field_mappings.is_ignored
    ),

    header_objects as (
        select fields.parent_path,
               'g' || row_number() over (order by fields.parent_path) as alias,
               string_agg(distinct format('%I text', fields.json_key), ', ') as column_list
        from fields
        where v_mapping.lines_path is not null and not fields.is_line
        group by fields.parent_path
    ),

    placed as (
        select fields.*, header_objects.alias,
               case when v_mapping.lines_path is not null and not fields.is_line
                        then format('docs.%I', 'h_' || fields.col)
                    when cardinality(fields.parent_path) = 0
                        then format('%s ->> %L', case when fields.is_line then 'line.value' else 'rec.payload' end,
                                    fields.json_key)
                    else format('(%s #> %L) ->> %L', case when fields.is_line then 'line.value' else 'rec.payload' end,
                                fields.parent_path, fields.json_key)
               end as raw_ref,
               format('v.%I', 'r_' || fields.col) as r,
               format('v.%I', 'p_' || fields.col) as p,
               case fields.data_type
                   when 'numeric' then format('cw_global.try_numeric(v.%I, %L)', 'r_' || fields.col,
                                              fields.value_format)
                   when 'integer' then format('cw_global.try_integer(v.%I)', 'r_' || fields.col)
                   when 'boolean' then format('cw_global.try_boolean(v.%I)', 'r_' || fields.col)
                   when 'date' then format('cw_global.try_date(v.%I, %L)', 'r_' || fields.col,
                                           coalesce(fields.value_format, 'YYYY-MM-DD'))
                   when 'timestamptz' then format('cw_global.try_timestamptz(v.%I)', 'r_' || fields.col)
               end as safe_cast,
               -- The plain cast, and the proof that it equals the safe cast, for the common shapes: a number in
               -- PostgreSQL's own notation (what ->> gives for a JSON number) of up to 40 characters, NaN and
               -- Infinity excluded; an integer of up to 18 characters; a date written exactly as its format says.
               -- An empty string is cast to null (the safe cast decides about it), not refused.
               case when fields.data_type = 'numeric' and fields.value_format is null then 'nullif(%s, '''')::numeric'
                    when fields.data_type = 'integer' then 'nullif(%s, '''')::bigint'
                    when fields.data_type = 'date' and coalesce(fields.value_format, 'YYYY-MM-DD') = 'YYYY-MM-DD'
                        then 'nullif(%s, '''')::date'
                    when fields.data_type = 'date' and fields.value_format = 'DD.MM.YYYY'
                        then 'to_date(nullif(%s, ''''), ''DD.MM.YYYY'')'
               end as plain_cast,
               case when fields.data_type = 'numeric' and fields.value_format is null
                        then '%1$s::text = %2$s and length(%2$s) <= 40 and abs(%1$s) < 1e40'
                    when fields.data_type = 'integer' then '%1$s::text = %2$s and length(%2$s) <= 18'
                    when fields.data_type = 'date' and coalesce(fields.value_format, 'YYYY-MM-DD') = 'YYYY-MM-DD'
                        then 'length(%2$s) = 10 and %1$s::text = %2$s'
                    when fields.data_type = 'date' and fields.value_format = 'DD.MM.YYYY'
                        then 'length(%2$s) = 10 and to_char(%1$s, ''DD.MM.YYYY'') = %2$s'
               end as plain_proof
        from fields
        left join header_objects on not fields.is_line and header_objects.parent_path = fields.parent_path
    ),

    unpack as (
        select string_agg(format(
                   'cross join lateral jsonb_to_record(case when jsonb_typeof(%1$s) = %2$L '
                   'then %1$s else %3$L::jsonb end) as %4$s (%5$s)',
                   case when cardinality(header_objects.parent_path) = 0 then 'rec.payload'
                        else format('rec.payload #> %L', header_objects.parent_path) end,
                   'object', '{}', header_objects.alias, header_objects.column_list), ' '
                   order by header_objects.alias) as lateral_sql
        from header_objects
    )

    select string_agg(format('%I', placed.col), ', ' order by placed.col),
           (select unpack.lateral_sql from unpack),
           string_agg(format('%s.%I as %I', placed.alias, placed.json_key, 'h_' || placed.col), ', '
                      order by placed.col) filter (where v_mapping.lines_path is not null and not placed.is_line),
           string_agg(format('%s as %I', placed.raw_ref, 'r_' || placed.col), ', ' order by placed.col),
           string_agg(format(placed.plain_cast, format('src.%I', 'r_' || placed.col))
                      || format(' as %I', 'p_' || placed.col), ', '
                      order by placed.col) filter (where p_fast and placed.plain_cast is not null),
           string_agg(case when placed.data_type = 'text' then format('nullif(%s, %L)', placed.r, '')
                           when p_fast and placed.plain_cast is not null
                               then format('case when %s then %s else %s end',
                                           format(placed.plain_proof, placed.p, placed.r), placed.p,
                                           placed.safe_cast)
                           else placed.safe_cast
                      end || format(' as %I', 't_' || placed.col), ', ' order by placed.col),
           string_agg(format('case when nullif(trim(q.%I), %L) is null then %L end', 'r_' || placed.col, '',
                             placed.col), ', ' order by placed.col) filter (where placed.is_required),
           -- Most rows have every required value: one cheap test instead of building the array.
           string_agg(case when placed.data_type = 'text' then format('trim(q.%I) <> %L', 'r_' || placed.col, '')
                           else format('q.%I is not null', 't_' || placed.col) end, ' and ' order by placed.col)
           filter (where placed.is_required),
           string_agg(format('case when nullif(trim(q.%I), %L) is not null and q.%I is null then %L end',
                             'r_' || placed.col, '', 't_' || placed.col, placed.col), ', ' order by placed.col)
           filter (where placed.data_type <> 'text'),
           string_agg(format('(q.%I is not null or q.%I is null)', 't_' || placed.col, 'r_' || placed.col), ' and '
                      order by placed.col) filter (where placed.data_type <> 'text')
    into v_columns, v_header_from, v_header_cols, v_raw, v_plain, v_typed, v_missing, v_missing_ok, v_casts,
         v_casts_ok
    from placed;

    if v_columns is null then
        return null;
    end if;

    if v_mapping.lines_path is null then
        v_source := format(
            'select rec.file_id, rec.record_no, null::bigint as line_ordinal, %1$s '
            'from %2$I.raw_records as rec '
            'where rec.file_date = $1 and rec.file_id = $2',
            v_raw, 'cw_nnnnnn_staging');
    else
        v_source := format(
            'select docs.file_id, docs.record_no, line.line_ordinal, %1$s '
            'from (select rec.file_id, rec.record_no, %2$s rec.payload #> %3$L as lines '
            '      from %4$I.raw_records as rec '
            '      %5$s '
            '      where rec.file_date = $1 and rec.file_id = $2 offset 0) as docs '
            'left join lateral jsonb_array_elements(case when jsonb_typeof(docs.lines) = %6$L '
            'then docs.lines else %7$L::jsonb end) with ordinality as line (value, line_ordinal) on true',
            v_raw, coalesce(v_header_cols || ',', ''), v_mapping.lines_path, 'cw_nnnnnn_staging',
            coalesce(v_header_from, ''), 'array', '[]');
    end if;
    if v_mapping.lines_path is not null and v_columns !~ '(^|, )line_no(,|$)' then
        v_columns := v_columns || ', line_no';
        v_typed := v_typed || ', v.line_ordinal::integer as t_line_no';
    end if;

    return format(
        'insert into %1$I.%2$I (raw_file_id, record_no, %3$s, missing_fields, cast_errors) '
        'select q.file_id, q.record_no, %4$s, %5$s, %6$s '
        'from (select v.*, %7$s from (select src.*%8$s from (%9$s) as src offset 0) as v offset 0) as q',
        'cw_nnnnnn_staging', v_mapping.staging_table, v_columns,
        'q.t_' || replace(v_columns, ', ', ', q.t_'),
        case when v_missing is null then '''{}''::text[]'
             else format('case when %s then %L::text[] else array_remove(array[%s]::text[], null) end',
                         v_missing_ok, '{}', v_missing) end,
        case when v_casts is null then '''{}''::text[]'
             else format('case when %s then %L::text[] else array_remove(array[%s]::text[], null) end',
                         v_casts_ok, '{}', v_casts) end,
        v_typed, coalesce(', ' || v_plain, ''), v_source);
end
$_$;

ALTER FUNCTION cw_nnnnnn.staging_mapping_statement(p_endpoint text, p_fast boolean) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.staging_mapping_statement(p_endpoint text, p_fast boolean) IS 'The Quality Mapper''s insert statement for one endpoint of the client''s ERP dialect, built from cw_global.erp_endpoint_mappings and erp_field_mappings: maps the raw records of one file ($1 file_date, $2 file_id) into the endpoint''s staging table with safe casts and the missing_fields / cast_errors arrays. Null when the dialect does not map the endpoint. p_fast: the same rows, with plain casts where a round trip proves them equal to the safe casts; it raises a data exception (SQLSTATE class 22) on a value that is no value of its type at all, and the caller then runs the safe variant. Date casts assume DateStyle ISO.';

CREATE FUNCTION cw_nnnnnn.staging_mapping_version() RETURNS text
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
    select md5(concat_ws(
        '|',
        (select string_agg(concat_ws(',', endpoint_mappings.endpoint, endpoint_mappings.staging_table,
                                     endpoint_mappings.lines_path::text, field_mappings.staging_column,
                                     field_mappings.source_path::text, field_mappings.is_line_field,
                                     field_mappings.data_type, field_mappings.value_format, field_mappings.is_required,
                                     field_mappings.is_ignored), ';'
                           order by endpoint_mappings.endpoint, field_mappings.staging_column)
         from cw_global.erp_endpoint_mappings as endpoint_mappings
         inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
         left join cw_global.erp_field_mappings as field_mappings
             on field_mappings.erp_endpoint_mapping_id = endpoint_mappings.id
         where clients.schema_name = 'cw_nnnnnn'),
        (select string_agg(pg_proc.oid::regprocedure::text || ':' || md5(pg_proc.prosrc), ';'
                           order by pg_proc.oid::regprocedure::text)
         from pg_proc
         where (pg_proc.pronamespace = 'cw_global'::regnamespace
                and (pg_proc.proname like 'try\_%' or pg_proc.proname = 'safe_make_date'))
            or (pg_proc.pronamespace = 'cw_nnnnnn'::regnamespace and pg_proc.proname = 'staging_mapping_statement'))
    ))
$$;

ALTER FUNCTION cw_nnnnnn.staging_mapping_version() OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.staging_mapping_version() IS 'Digest of what the typed staging rows depend on besides the raw records: the client''s dialect mapping and the code of the mapper and the safe casts. Staged files of another version are mapped again.';

CREATE PROCEDURE cw_nnnnnn.step_behaviors(IN p_run_date date, IN p_scope jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_settings     jsonb := cw_nnnnnn.settings('behaviors');
    v_window_days  integer := (v_settings ->> 'window_days')::integer;
    v_abc_a_pct    numeric := (v_settings ->> 'abc_a_pct')::numeric;
    v_abc_b_pct    numeric := (v_settings ->> 'abc_b_pct')::numeric;
    v_xyz_x_cv     numeric := (v_settings ->> 'xyz_x_max_cv')::numeric;
    v_xyz_y_cv     numeric := (v_settings ->> 'xyz_y_max_cv')::numeric;
    v_fmr_f_pct    numeric := (v_settings ->> 'fmr_f_min_pct')::numeric;
    v_fmr_m_pct    numeric := (v_settings ->> 'fmr_m_min_pct')::numeric;
    v_freq_f_qty   numeric := (v_settings ->> 'freq_frequent_min_qty')::numeric;
    v_freq_n_qty   numeric := (v_settings ->> 'freq_normal_min_qty')::numeric;
    v_adi_cut      numeric := (v_settings ->> 'adi_cutoff_days')::numeric;
    v_cv2_cut      numeric := (v_settings ->> 'cv2_cutoff')::numeric;
    v_hot_days     integer := (v_settings ->> 'hot_recent_days')::integer;
    v_min_t        numeric := (v_settings ->> 'trend_min_t')::numeric;
    v_season_min   integer := (v_settings ->> 'seasonality_min_weeks')::integer;
    v_supplier_days integer := (v_settings ->> 'supplier_window_days')::integer;
    v_growth_days  integer := (v_settings ->> 'growth_days')::integer;
    v_scope        jsonb := cw_nnnnnn.validate_scope(p_scope);
    v_products     integer [];
    v_locations    integer [];
    v_measured     integer [];
    v_from         date;
    v_rows_in      bigint;
    v_rows_out     bigint;
    v_counts       jsonb := '{}';
    v_detail       jsonb;
begin
    if v_scope ? 'products' then
        select coalesce(array_agg(products.id), '{}') into v_products
        from cw_nnnnnn.products
        where products.erp_id in (select jsonb_array_elements_text(v_scope -> 'products'));
    end if;
    if v_scope ? 'locations' then
        select coalesce(array_agg(locations.id), '{}') into v_locations
        from cw_nnnnnn.locations
        where locations.erp_id in (select jsonb_array_elements_text(v_scope -> 'locations'));
    end if;
    v_from := p_run_date - (v_window_days - 1);

    -- A scope naming products measures only those products (their pairs at every location), ranked for ABC against
    -- the other products' rows of the snapshot; without such a snapshot (or without products in the scope) every
    -- pair and product is measured, and the scope only limits which rows are written.
    if v_products is not null and exists (
        select from cw_nnnnnn.product_behaviors as behaviors
        where behaviors.snapshot_date = p_run_date and behaviors.product_id <> all(v_products)
    ) then
        v_measured := v_products;
    end if;
    call cw_nnnnnn.behaviors_measure(p_run_date, jsonb_build_object(
        'window_days', v_window_days, 'abc_a_pct', v_abc_a_pct, 'abc_b_pct', v_abc_b_pct,
        'xyz_x_max_cv', v_xyz_x_cv, 'xyz_y_max_cv', v_xyz_y_cv, 'fmr_f_min_pct', v_fmr_f_pct,
        'fmr_m_min_pct', v_fmr_m_pct, 'freq_frequent_min_qty', v_freq_f_qty, 'freq_normal_min_qty', v_freq_n_qty,
        'adi_cutoff_days', v_adi_cut, 'cv2_cutoff', v_cv2_cut, 'hot_recent_days', v_hot_days,
        'trend_min_t', v_min_t, 'seasonality_min_weeks', v_season_min, 'growth_days', v_growth_days
    ), v_measured);
    select coalesce(sum(stats.listed_days), 0) into v_rows_in
    from behavior_stats as stats
    where stats.level = 'pair';

    call cw_nnnnnn.behaviors_write(p_run_date, v_window_days, v_products, v_locations, v_counts);
    -- Locations, categories and suppliers are aggregates over everything: written by unscoped runs only.
    if v_scope is null then
        call cw_nnnnnn.behaviors_write_aggregates(p_run_date, v_window_days, v_counts);
        call cw_nnnnnn.supplier_behaviors_write(p_run_date, v_supplier_days, v_counts);
    end if;

    select jsonb_build_object(
        'window_from', v_from,
        'window_days', v_window_days,
        'measured', case when v_measured is null then 'all' else 'scoped products' end,
        'pairs_by_abc', (select jsonb_object_agg(abc_classes.code, counted.pairs)
                         from (select stats.abc_class_id, count(*) as pairs from behavior_stats as stats
                               where stats.level = 'pair' group by stats.abc_class_id) as counted
                         inner join cw_nnnnnn.abc_classes on abc_classes.id = counted.abc_class_id),
        'scope_products_unknown', jsonb_array_length(coalesce(v_scope -> 'products', '[]'))
        - coalesce(cardinality(v_products), 0),
        'scope_locations_unknown', jsonb_array_length(coalesce(v_scope -> 'locations', '[]'))
        - coalesce(cardinality(v_locations), 0)
    ) || v_counts into v_detail;
    select sum(counted.value::bigint) into v_rows_out
    from jsonb_each_text(v_counts) as counted
    where counted.key like '%\_written';
    call cw_nnnnnn.report_step(v_rows_in, v_rows_out, v_detail);
end
$$;

ALTER PROCEDURE cw_nnnnnn.step_behaviors(IN p_run_date date, IN p_scope jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.step_behaviors(IN p_run_date date, IN p_scope jsonb) IS 'Step 6 (behaviors): the snapshot of the run date over a trailing window of demand_history in product_location_behaviors and product_behaviors (velocity, demand CV, ADI/CV² pattern, trend and its significance, hotness, seasonality, stock and shelf time, ABC by revenue share, XYZ by CV, FMR by share of days with demand, frequency by velocity) and, on unscoped runs, location_behaviors, category_behaviors and supplier_behaviors. Re-running a date rewrites only rows that changed and removes rows that no longer apply; with a scope {"products": [...], "locations": [...]} (ERP ids) only the scoped products are measured (ranked for ABC against the snapshot''s other rows) and only the scoped rows written. Settings: settings(''behaviors''), CW070 when invalid; docs/behaviors.md.';

CREATE PROCEDURE cw_nnnnnn.step_demand_history(IN p_run_date date, IN p_scope jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_settings     jsonb := cw_nnnnnn.settings('demand_history');
    v_window_days  integer := (v_settings ->> 'rate_window_days')::integer;
    v_prior_days   numeric := (v_settings ->> 'prior_weight_days')::numeric;
    v_stop_prob    numeric := (v_settings ->> 'sales_stop_probability')::numeric;
    v_started      timestamptz := transaction_timestamp();
    v_scope        jsonb := cw_nnnnnn.validate_scope(p_scope);
    v_products     integer [];
    v_locations    integer [];
    v_watermark    timestamptz;
    v_last_run     date;
    v_first_date   date;
    v_end          date;
    v_from         date;
    v_dates        date [];
    v_rows_in      bigint;
    v_written      bigint;
    v_deleted      bigint;
    v_detail       jsonb;
begin
    if v_scope ? 'products' then
        select coalesce(array_agg(products.id), '{}') into v_products
        from cw_nnnnnn.products
        where products.erp_id in (select jsonb_array_elements_text(v_scope -> 'products'));
    end if;
    if v_scope ? 'locations' then
        select coalesce(array_agg(locations.id), '{}') into v_locations
        from cw_nnnnnn.locations
        where locations.erp_id in (select jsonb_array_elements_text(v_scope -> 'locations'));
    end if;

    select max(runs.started_at), max(runs.run_date) into v_watermark, v_last_run
    from cw_nnnnnn.demand_history_runs as runs
    where runs.scope is null;
    select least(
        (select min(sales_orders.order_date) from cw_nnnnnn.sales_orders),
        (select min(inventory_balances.balance_date) from cw_nnnnnn.inventory_balances)
    ) into v_first_date;
    v_end := greatest(p_run_date, v_last_run);

    -- Dates to recompute: everything on a first or scoped run; else the dates whose sales or stock changed after the
    -- watermark (a changed balance holds until the pair's next reading), the days since the last run, the run date.
    if v_first_date is null then
        v_dates := '{}';
    elsif v_scope is not null or v_watermark is null then
        select array_agg(day::date order by day) into v_dates
        from generate_series(v_first_date, v_end, interval '1 day') as day;
    else
        -- Two scans, no probe per order: the orders changed since the watermark, and the orders of changed lines.
        with changed_sales as (
            select sales_orders.order_date as touched_date
            from cw_nnnnnn.sales_orders
            where sales_orders.updated_at > v_watermark
            union
            select sales_orders.order_date
            from cw_nnnnnn.sales_order_lines as lines
            inner join cw_nnnnnn.sales_orders on sales_orders.id = lines.sales_order_id
            where lines.updated_at > v_watermark
        ),

        changed_balances as (
            select day::date as touched_date
            from cw_nnnnnn.inventory_balances as balances
            cross join lateral (
                select min(later.balance_date) as next_date
                from cw_nnnnnn.inventory_balances as later
                where later.product_id = balances.product_id and later.location_id = balances.location_id
                    and later.balance_date > balances.balance_date
            ) as readings
            cross join lateral generate_series(
                balances.balance_date, coalesce(readings.next_date - 1, v_end), interval '1 day'
            ) as day
            where balances.updated_at > v_watermark
        ),

        new_days as (
            select day::date as touched_date
            from generate_series(coalesce(v_last_run + 1, p_run_date), v_end, interval '1 day') as day
        ),

        all_touched as (
            select changed_sales.touched_date from changed_sales
            union select changed_balances.touched_date from changed_balances
            union select new_days.touched_date from new_days
            union select p_run_date
        )

        select array_agg(all_touched.touched_date order by all_touched.touched_date) into v_dates
        from all_touched
        where all_touched.touched_date between v_first_date and v_end;
    end if;
    v_dates := coalesce(v_dates, '{}');
    v_from := v_dates[1] - v_window_days;

    call cw_nnnnnn.demand_history_compute(v_from, v_end, v_window_days, v_prior_days, v_stop_prob);

    -- Rows to write: the touched dates of the scoped pairs; the rates come from every pair (global, category).
    call cw_nnnnnn.load_drop_temp('demand_targets');
    create temp table demand_targets on commit drop as
    select * from demand_computed
    where demand_computed.demand_date = any(v_dates)
        and (v_products is null or demand_computed.product_id = any(v_products))
        and (v_locations is null or demand_computed.location_id = any(v_locations));
    get diagnostics v_rows_in = row_count;

    call cw_nnnnnn.demand_history_write(p_run_date, v_dates, v_products, v_locations, v_written, v_deleted);

    insert into cw_nnnnnn.demand_history_runs (run_date, scope, started_at, dates_rewritten, rows_written, rows_deleted)
    values (p_run_date, v_scope, v_started, v_dates, v_written, v_deleted);

    select jsonb_build_object(
        'dates_rewritten', cardinality(v_dates),
        'first_date', v_dates[1],
        'last_date', v_dates[cardinality(v_dates)],
        'rows_deleted', v_deleted,
        'stockout_rows', (select count(*) from demand_history
                          where demand_history.demand_date = any(v_dates) and not demand_history.is_in_stock),
        'imputed_qty', (select coalesce(sum(demand_history.stockout_qty), 0) from demand_history
                        where demand_history.demand_date = any(v_dates)),
        'scope_products_unknown', jsonb_array_length(coalesce(v_scope -> 'products', '[]'))
        - coalesce(cardinality(v_products), 0),
        'scope_locations_unknown', jsonb_array_length(coalesce(v_scope -> 'locations', '[]'))
        - coalesce(cardinality(v_locations), 0)
    ) into v_detail;
    call cw_nnnnnn.report_step(v_rows_in, v_written, v_detail);
end
$$;

ALTER PROCEDURE cw_nnnnnn.step_demand_history(IN p_run_date date, IN p_scope jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.step_demand_history(IN p_run_date date, IN p_scope jsonb) IS 'Step 5 (demand_history): daily demand facts per product x store/webshop with stockout detection and missed-demand imputation into demand_history. Recomputes only the dates touched by data changed since the last unscoped run (and the days up to the run date); with a scope {"products": [...], "locations": [...]} (ERP ids) every date of the scoped pairs and nothing else. Settings {demand_history,...}: rate_window_days (28), prior_weight_days (3), sales_stop_probability (0.01); CW060 when invalid. See docs/demand.md.';

CREATE PROCEDURE cw_nnnnnn.step_forecast(IN p_run_date date, IN p_scope jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_config        jsonb := cw_nnnnnn.settings('forecast');
    v_history_weeks integer := (v_config ->> 'history_weeks')::integer;
    v_horizon_weeks integer := (v_config ->> 'horizon_weeks')::integer;
    v_dead_weeks    integer := (v_config ->> 'dead_weeks')::integer;
    v_min_weeks     integer := (v_config ->> 'min_history_weeks')::integer;
    v_hold_pct      numeric := (v_config ->> 'holding_cost_pct_year')::numeric;
    v_season_units  numeric := (v_config ->> 'season_prior_units')::numeric;
    v_weekday_units numeric := (v_config ->> 'weekday_prior_units')::numeric;
    v_keep_days     integer := (v_config ->> 'keep_daily_days')::integer;
    v_keep_weeks    integer := (v_config ->> 'keep_weekly_weeks')::integer;
    v_scope         jsonb := cw_nnnnnn.validate_scope(p_scope);
    v_settings      jsonb;
    v_watermark     jsonb;
    v_products      integer [];
    v_locations     integer [];
    v_active        record;
    v_forecast_id   bigint;
    v_series        bigint;
    v_written       bigint := 0;
    v_deleted       bigint := 0;
    v_dropped       date [];
    v_rows_in       bigint;
    v_detail        jsonb;
begin
    -- The settings are validated by settings('forecast') against cw_global.setting_definitions (CW080).
    if p_run_date is null then
        raise exception 'step forecast needs a forecast date, got null'
            using errcode = 'CW081', hint = 'call step_forecast(date, scope) with the run date';
    end if;
    if v_scope ? 'products' then
        select coalesce(array_agg(products.id), '{}') into v_products
        from cw_nnnnnn.products
        where products.erp_id in (select jsonb_array_elements_text(v_scope -> 'products'));
    end if;
    if v_scope ? 'locations' then
        select coalesce(array_agg(locations.id), '{}') into v_locations
        from cw_nnnnnn.locations
        where locations.erp_id in (select jsonb_array_elements_text(v_scope -> 'locations'));
    end if;
    v_settings := jsonb_build_object(
        'history_weeks', v_history_weeks, 'horizon_weeks', v_horizon_weeks, 'dead_weeks', v_dead_weeks,
        'min_history_weeks', v_min_weeks, 'holding_cost_pct_year', v_hold_pct, 'season_prior_units', v_season_units,
        'weekday_prior_units', v_weekday_units
    );
    select demand_forecasts.id, demand_forecasts.metadata into v_active
    from cw_nnnnnn.demand_forecasts
    where demand_forecasts.forecast_date = p_run_date
      and demand_forecasts.demand_forecast_status_id = 3
    order by demand_forecasts.created_at desc, demand_forecasts.id desc
    limit 1;

    -- The input watermark: what the forecast reads (the history window: rows, total demand, last change; the product
    -- master data's last change) and how (method version, settings). Not needed by a scoped rewrite (it would cost a
    -- scan of the whole window).
    if v_scope is null or v_active.id is null then
        select jsonb_build_object(
            'method_version', cw_nnnnnn.forecast_method() ->> 'version',
            'settings', v_settings,
            'demand_history_rows', count(*),
            'demand_history_qty', sum(history.demand_qty),
            'demand_history_changed_at', max(history.updated_at),
            'products_changed_at', (select max(products.updated_at) from cw_nnnnnn.products)
        ) into v_watermark
        from cw_nnnnnn.demand_history as history
        where history.demand_date between p_run_date - 7 * v_history_weeks + 1 and p_run_date;
    end if;

    if v_scope is not null and v_active.id is not null then
        -- Scoped: recompute the scoped products (or, with locations only, every product at those locations) with
        -- the stored pools and rewrite only their rows that changed, in place.
        call cw_nnnnnn.forecast_compute(p_run_date, v_settings, v_products, v_locations, v_active.id);
        v_forecast_id := v_active.id;
        delete from cw_nnnnnn.demand_forecast_products as old
        where old.demand_forecast_id = v_forecast_id and old.forecast_date = p_run_date
          and (v_products is null or old.product_id = any(v_products))
          and (v_locations is null or old.location_id = any(v_locations))
          and not exists (
              select from fc_out_rows as new
              where new.product_id = old.product_id and new.location_id = old.location_id
                and new.horizon_days = old.horizon_days
                and new.demand_source_type_id = old.demand_source_type_id
                and new.prob_demand::real = old.prob_demand and new.predicted_qty::real = old.predicted_qty
                and new.critical_ratio::real is not distinct from old.critical_ratio
                and new.confidence::real = old.confidence
          );
        get diagnostics v_deleted = row_count;
        insert into cw_nnnnnn.demand_forecast_products (
            forecast_date, demand_forecast_id, product_id, location_id, demand_source_type_id, horizon_days,
            prob_demand, predicted_qty, critical_ratio, confidence
        )
        select p_run_date, v_forecast_id, new.product_id, new.location_id, new.demand_source_type_id,
               new.horizon_days, new.prob_demand, new.predicted_qty, new.critical_ratio, new.confidence
        from fc_out_rows as new
        where not exists (
            select from cw_nnnnnn.demand_forecast_products as old
            where old.demand_forecast_id = v_forecast_id and old.forecast_date = p_run_date
              and old.product_id = new.product_id and old.location_id = new.location_id
              and old.horizon_days = new.horizon_days
        );
        get diagnostics v_written = row_count;
        delete from cw_nnnnnn.demand_forecast_series as old
        where old.demand_forecast_id = v_forecast_id and old.forecast_date = p_run_date
          and (v_products is null or old.product_id = any(v_products))
          and (v_locations is null or old.location_id = any(v_locations));
        call cw_nnnnnn.forecast_write_series(p_run_date, v_forecast_id);
        select count(*) into v_series from fc_out_series;
        select coalesce(sum(fc_weeks.listed_days), 0) into v_rows_in from fc_weeks;
        update cw_nnnnnn.demand_forecasts
        set metadata = jsonb_set(demand_forecasts.metadata, '{scoped_runs}',
                                 coalesce(demand_forecasts.metadata -> 'scoped_runs', '[]') || jsonb_build_array(
                                     jsonb_build_object('at', clock_timestamp(), 'scope', v_scope,
                                                        'series', v_series, 'rows_written', v_written,
                                                        'rows_deleted', v_deleted))),
            updated_at = clock_timestamp()
        where demand_forecasts.id = v_forecast_id and (v_written > 0 or v_deleted > 0);
        v_detail := jsonb_build_object('forecast_id', v_forecast_id, 'mode', 'scoped rewrite', 'series', v_series);
    elsif v_active.id is not null and v_active.metadata -> 'input_watermark' = v_watermark then
        v_detail := jsonb_build_object('forecast_id', v_active.id, 'mode', 'unchanged inputs: nothing written');
        v_series := 0;
    else
        call cw_nnnnnn.forecast_compute(p_run_date, v_settings, null, null, null);
        insert into cw_nnnnnn.demand_forecasts (forecast_date, demand_forecast_status_id, metadata)
        values (p_run_date, 2, jsonb_build_object('method', cw_nnnnnn.forecast_method(), 'settings', v_settings,
                                                  'input_watermark', v_watermark))
        returning demand_forecasts.id into v_forecast_id;
        call cw_nnnnnn.forecast_ensure_partition(p_run_date);
        insert into cw_nnnnnn.demand_forecast_products (
            forecast_date, demand_forecast_id, product_id, location_id, demand_source_type_id, horizon_days,
            prob_demand, predicted_qty, critical_ratio, confidence
        )
        select p_run_date, v_forecast_id, fc_out_rows.product_id, fc_out_rows.location_id,
               fc_out_rows.demand_source_type_id, fc_out_rows.horizon_days, fc_out_rows.prob_demand,
               fc_out_rows.predicted_qty, fc_out_rows.critical_ratio, fc_out_rows.confidence
        from fc_out_rows
        order by fc_out_rows.product_id, fc_out_rows.location_id, fc_out_rows.horizon_days;
        get diagnostics v_written = row_count;
        call cw_nnnnnn.forecast_write_series(p_run_date, v_forecast_id);
        insert into cw_nnnnnn.demand_forecast_pools (demand_forecast_id, location_id, product_category_id,
                                                     season_index, weekday_shares)
        select v_forecast_id, fc_pools.location_id, fc_pools.product_category_id, fc_pools.season_index,
               fc_pools.weekday_shares
        from fc_pools;
        select count(*) into v_series from fc_out_series;
        update cw_nnnnnn.demand_forecasts
        set demand_forecast_status_id = 3,
            updated_at = clock_timestamp(),
            metadata = demand_forecasts.metadata || jsonb_build_object(
                'series', v_series,
                'rows', v_written,
                'series_by_source_type', (select jsonb_object_agg(counted.source_type, counted.series)
                                          from (select fc_out_series.source_type, count(*) as series
                                                from fc_out_series group by fc_out_series.source_type) as counted),
                'mean_weights', (select jsonb_build_object(
                    'ses_slow', round(avg(fc_out_series.weight_ses_slow)::numeric, 3),
                    'ses', round(avg(fc_out_series.weight_ses)::numeric, 3),
                    'damped_trend', round(avg(fc_out_series.weight_damped_trend)::numeric, 3),
                    'tsb', round(avg(fc_out_series.weight_tsb)::numeric, 3)) from fc_out_series),
                'scope_requested', v_scope
            )
        where demand_forecasts.id = v_forecast_id;
        v_detail := jsonb_build_object('forecast_id', v_forecast_id,
                                       'mode', case when v_scope is null then 'full'
                                                    else 'full (scope given but the date had no forecast yet)' end,
                                       'series', v_series);
    end if;

    if v_scope is null then
        call cw_nnnnnn.forecast_drop_expired(p_run_date, v_keep_days, v_keep_weeks, v_dropped);
    end if;
    v_detail := v_detail || jsonb_build_object(
        'rows_written', v_written, 'rows_deleted', v_deleted, 'partitions_dropped', to_jsonb(coalesce(v_dropped, '{}')),
        'scope_products_unknown', jsonb_array_length(coalesce(v_scope -> 'products', '[]'))
        - coalesce(cardinality(v_products), 0),
        'scope_locations_unknown', jsonb_array_length(coalesce(v_scope -> 'locations', '[]'))
        - coalesce(cardinality(v_locations), 0)
    );
    call cw_nnnnnn.report_step(coalesce((v_watermark ->> 'demand_history_rows')::bigint, v_rows_in), v_written,
                               v_detail);
end
$$;

ALTER PROCEDURE cw_nnnnnn.step_forecast(IN p_run_date date, IN p_scope jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.step_forecast(IN p_run_date date, IN p_scope jsonb) IS 'Step 7 (forecast): a new demand_forecasts row (status completed) with the weekly forecast of every product x store/webshop listed in the last week, horizons 7 .. 7 x forecast.horizon_weeks days, unless the date''s active forecast has the same input watermark (then nothing is written). A scope {"products": [...], "locations": [...]} rewrites only the scoped rows of the date''s forecast in place (changed rows only) and records it in its metadata; without a forecast of the date it computes a full one. Unscoped runs then drop expired partitions. Settings forecast.* (catalog, CW080), CW081: docs/forecast.md.';

CREATE PROCEDURE cw_nnnnnn.step_health(IN p_run_date date, IN p_scope jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_settings     jsonb := cw_nnnnnn.settings('health');
    v_reject_pct   numeric := (v_settings ->> 'reject_rate_pct')::numeric;
    v_orphan_pct   numeric := (v_settings ->> 'orphan_rate_pct')::numeric;
    v_volume_pct   numeric := (v_settings ->> 'volume_drift_pct')::numeric;
    v_null_points  numeric := (v_settings ->> 'null_rate_drift_points')::numeric;
    v_min_baseline numeric := (v_settings ->> 'volume_min_baseline')::numeric;
    v_passed       integer;
    v_failed       integer;
    v_anomalies    jsonb;
    v_checks       jsonb;
begin
    call cw_nnnnnn.load_drop_temp('health_metrics');
    create temp table health_metrics (
        entity text not null, check_name text not null, metric_value numeric, threshold numeric, is_drift boolean,
        detail text
    ) on commit drop;

    -- Reconciliation: every staging row is accounted for (inserted, updated, unchanged or rejected), and the entity
    -- saw as many rows as its staging table holds.
    insert into health_metrics
    with staged as (
        select 'suppliers' as entity, count(*) as n from cw_nnnnnn_staging.staging_suppliers
        union all select 'locations', count(*) from cw_nnnnnn_staging.staging_locations
        union all select 'products', count(*) from cw_nnnnnn_staging.staging_products
        union all select 'prices', count(*) from cw_nnnnnn_staging.staging_prices
        union all select 'sales_order_lines', count(*) from cw_nnnnnn_staging.staging_sales_orders
        union all select 'purchase_order_lines', count(*) from cw_nnnnnn_staging.staging_purchase_orders
        union all select 'store_order_lines', count(*) from cw_nnnnnn_staging.staging_store_orders
        union all select 'transfer_order_lines', count(*) from cw_nnnnnn_staging.staging_transfer_orders
        union all select 'receiving_order_lines', count(*) from cw_nnnnnn_staging.staging_receiving_orders
        union all select 'inventory_balances', count(*) from cw_nnnnnn_staging.staging_inventory_balances
    )

    select stats.entity, 'unreconciled_rows',
           abs(stats.rows_in - stats.rows_inserted - stats.rows_updated - stats.rows_unchanged - stats.rows_rejected)
           + abs(stats.rows_in - coalesce(staged.n, stats.rows_in)), 0, false,
           format('staging %s, in %s = inserted %s + updated %s + unchanged %s + rejected %s',
                  coalesce(staged.n::text, '-'), stats.rows_in, stats.rows_inserted, stats.rows_updated,
                  stats.rows_unchanged, stats.rows_rejected)
    from cw_nnnnnn.load_entity_stats as stats
    left join staged on staged.entity = stats.entity
    where stats.run_date = p_run_date;

    -- Reject and orphan rates per entity.
    insert into health_metrics
    select stats.entity, 'reject_rate_pct', round(100.0 * stats.rows_rejected / greatest(stats.rows_in, 1), 3),
           v_reject_pct, false,
           format('%s of %s rows rejected%s', stats.rows_rejected, stats.rows_in,
                  coalesce(': ' || (select string_agg(format('%s %s', reasons.n, reasons.reason_code), ', ')
                                    from (select load_rejects.reason_code, count(*) as n
                                          from cw_nnnnnn.load_rejects
                                          where load_rejects.run_date = p_run_date
                                              and load_rejects.entity = stats.entity
                                          group by load_rejects.reason_code) as reasons), ''))
    from cw_nnnnnn.load_entity_stats as stats
    where stats.run_date = p_run_date
    union all
    select stats.entity, 'orphan_rate_pct',
           round(100.0 * (select count(*) from cw_nnnnnn.load_rejects
                          where load_rejects.run_date = p_run_date and load_rejects.entity = stats.entity
                              and load_rejects.reason_code like 'orphan\_%') / greatest(stats.rows_in, 1), 3),
           v_orphan_pct, false, 'rows pointing at a product, location, supplier or document that does not exist'
    from cw_nnnnnn.load_entity_stats as stats
    where stats.run_date = p_run_date;

    -- Null rates of optional references among current rows (drift against the baseline, not absolute).
    insert into health_metrics
    select 'products', 'null_rate_pct:' || columns_checked.column_name, columns_checked.pct, v_null_points, true, null
    from (
        select 'brand_id' as column_name,
               round(100.0 * count(*) filter (where products.brand_id is null) / greatest(count(*), 1), 3) as pct
        from cw_nnnnnn.products where products.is_active
        union all
        select 'product_category_id',
               round(100.0 * count(*) filter (where products.product_category_id is null) / greatest(count(*), 1), 3)
        from cw_nnnnnn.products where products.is_active
        union all
        select 'primary_supplier_id',
               round(100.0 * count(*) filter (where products.primary_supplier_id is null) / greatest(count(*), 1), 3)
        from cw_nnnnnn.products where products.is_active
    ) as columns_checked
    union all
    select 'sales_orders', 'null_rate_pct:customer_id',
           round(100.0 * count(*) filter (where sales_orders.customer_id is null) / greatest(count(*), 1), 3),
           v_null_points, true, 'share of anonymous sales documents of the day'
    from cw_nnnnnn.sales_orders
    where sales_orders.order_date = p_run_date
    union all
    select 'receiving_orders', 'null_rate_pct:source_document',
           round(100.0 * count(*) filter (where receiving_orders.purchase_order_id is null
                                              and receiving_orders.transfer_order_id is null)
                 / greatest(count(*), 1), 3),
           v_null_points, true, 'receipts whose PO or transfer is not loaded'
    from cw_nnnnnn.receiving_orders
    where receiving_orders.received_date = p_run_date;

    -- Volume per entity (rows offered by staging): drift against the baseline.
    insert into health_metrics
    select stats.entity, 'rows_in', stats.rows_in, v_volume_pct, true, null
    from cw_nnnnnn.load_entity_stats as stats
    where stats.run_date = p_run_date;

    -- Baselines: mean of the last 30 health runs before this date; trend rows for every metric.
    delete from cw_nnnnnn.data_quality_check_reports
    where data_quality_check_reports.run_date = p_run_date and data_quality_check_reports.source = 'health';
    call cw_nnnnnn.load_drop_temp('health_results');
    create temp table health_results on commit drop as
    with baselines as (
        select health_metrics.entity, health_metrics.check_name,
               (select avg(recent.metric_value) from (
                    select reports.metric_value from cw_nnnnnn.data_quality_check_reports as reports
                    where reports.source = 'health' and reports.endpoint = health_metrics.entity
                        and reports.check_name = health_metrics.check_name and reports.run_date < p_run_date
                        and reports.is_baseline_eligible
                    order by reports.run_date desc
                    limit 30) as recent) as baseline
        from health_metrics
    )

    select health_metrics.*, baselines.baseline,
           round(100 * (health_metrics.metric_value - baselines.baseline) / nullif(baselines.baseline, 0), 2)
               as deviation_pct,
           case when not health_metrics.is_drift then health_metrics.metric_value <= health_metrics.threshold
                when baselines.baseline is null then true
                when health_metrics.check_name = 'rows_in'
                    then baselines.baseline < v_min_baseline
                         or abs(health_metrics.metric_value - baselines.baseline)
                            <= baselines.baseline * health_metrics.threshold / 100
                else abs(health_metrics.metric_value - baselines.baseline) <= health_metrics.threshold
           end as passed,
           coalesce(health_metrics.detail || '; ', '')
           || case when health_metrics.is_drift and baselines.baseline is null then 'no baseline — first run'
                   when health_metrics.is_drift then format('baseline %s over the last 30 runs',
                                                            round(baselines.baseline, 3))
                   else format('threshold %s', health_metrics.threshold) end as note
    from health_metrics
    inner join baselines
        on baselines.entity = health_metrics.entity and baselines.check_name = health_metrics.check_name;

    insert into cw_nnnnnn.data_quality_check_reports (
        endpoint, check_name, run_date, source, metric_value, baseline, deviation_pct, is_baseline_eligible
    )
    select results.entity, results.check_name, p_run_date, 'health', results.metric_value, results.baseline,
           results.deviation_pct, true
    from health_results as results;

    select count(*) filter (where results.passed), count(*) filter (where not results.passed),
           jsonb_agg(jsonb_build_object('check', results.check_name, 'entity', results.entity,
                                        'value', results.metric_value, 'threshold', results.threshold,
                                        'baseline', round(results.baseline, 3), 'detail', results.note)
                     order by results.entity, results.check_name) filter (where not results.passed),
           jsonb_agg(jsonb_build_object('check', results.check_name, 'entity', results.entity,
                                        'value', results.metric_value, 'passed', results.passed,
                                        'detail', results.note)
                     order by results.entity, results.check_name)
    into v_passed, v_failed, v_anomalies, v_checks
    from health_results as results;

    insert into cw_nnnnnn.data_health_reports (
        run_date, step_name, checks_passed, checks_failed, quality_score, anomalies, checks
    )
    values (
        p_run_date, 'load', v_passed, v_failed, round(100.0 * v_passed / greatest(v_passed + v_failed, 1), 2),
        v_anomalies, coalesce(v_checks, '[]')
    )
    on conflict on constraint data_health_reports_run_date_step_name_key do update
    set checks_passed = excluded.checks_passed, checks_failed = excluded.checks_failed,
        quality_score = excluded.quality_score, anomalies = excluded.anomalies, checks = excluded.checks,
        created_at = now();

    call cw_nnnnnn.report_step(v_passed + v_failed, v_failed, jsonb_build_object(
        'checks_passed', v_passed, 'anomalies', coalesce(jsonb_array_length(v_anomalies), 0),
        'score', round(100.0 * v_passed / greatest(v_passed + v_failed, 1), 2)));
end
$$;

ALTER PROCEDURE cw_nnnnnn.step_health(IN p_run_date date, IN p_scope jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.step_health(IN p_run_date date, IN p_scope jsonb) IS 'Step 4 (health), the DataHealthMonitor: advisory checks after load - per entity reconciliation (staging rows = inserted + updated + unchanged + rejected), reject and orphan rates (settings {health,reject_rate_pct}, {health,orphan_rate_pct}), null-rate drift of optional references ({health,null_rate_drift_points}) and volume drift ({health,volume_drift_pct}) against the mean of the last 30 runs. Writes data_health_reports (anomalies) and data_quality_check_reports (source health). Never stops the run; a re-run replaces the date''s report.';

CREATE PROCEDURE cw_nnnnnn.step_ingest(IN p_run_date date, IN p_scope jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_files   bigint;
    v_records bigint;
    v_failed  bigint;
begin
    select count(*) filter (where raw_files.status = 'loaded'),
           coalesce(sum(raw_files.record_count) filter (where raw_files.status = 'loaded'), 0),
           count(*) filter (where raw_files.status = 'failed')
    into v_files, v_records, v_failed
    from cw_nnnnnn_staging.raw_files
    where raw_files.file_date = p_run_date;
    call cw_nnnnnn.report_step(v_files, v_records, jsonb_build_object(
        'files_loaded', v_files, 'files_failed', v_failed, 'records', v_records,
        'note', case when v_files = 0 then 'no raw files loaded for this date: run cw load first' end));
end
$$;

ALTER PROCEDURE cw_nnnnnn.step_ingest(IN p_run_date date, IN p_scope jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.step_ingest(IN p_run_date date, IN p_scope jsonb) IS 'Step 1 (ingest). The bytes are moved by the loader (cw load: S3 -> raw_records with COPY); in the pipeline this step records what landed for the date: files loaded and failed, records. The quality gate judges it.';

CREATE PROCEDURE cw_nnnnnn.step_inventory_targets(IN p_run_date date, IN p_scope jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_scope        jsonb := cw_nnnnnn.validate_scope(p_scope);
    v_products     integer [];
    v_locations    integer [];
    v_computed     bigint;
    v_written      bigint;
    v_deleted      bigint;
    v_zero         jsonb;
begin
    if v_scope ? 'products' then
        select coalesce(array_agg(products.id), '{}') into v_products
        from cw_nnnnnn.products
        where products.erp_id in (select jsonb_array_elements_text(v_scope -> 'products'));
    end if;
    if v_scope ? 'locations' then
        select coalesce(array_agg(locations.id), '{}') into v_locations
        from cw_nnnnnn.locations
        where locations.erp_id in (select jsonb_array_elements_text(v_scope -> 'locations'));
    end if;
    if not exists (select from cw_nnnnnn.active_demand_forecast) then
        raise exception 'client CW-nnnnnn has no completed demand forecast: inventory targets need one'
            using errcode = 'CW151',
                  hint = 'run the forecast first: cw run CW-nnnnnn --date ' || p_run_date || ' --from-step forecast';
    end if;

    call cw_nnnnnn.inventory_targets_compute(p_run_date, v_products, v_locations);
    select count(*) into v_computed from inventory_targets_computed;

    -- The stored rows of the date (in scope) with their parameters, to write only what differs.
    create temp table inventory_targets_stored on commit drop as
    select targets.id, targets.product_id, targets.location_id, targets.inventory_strategy_id, targets.target_stock,
           targets.reorder_point, targets.safety_stock, targets.fill_rate_simulated, targets.zero_reason,
           targets.strategy_source,
           coalesce((select jsonb_object_agg(params.param_name, params.param_value)
                     from cw_nnnnnn.inventory_target_params as params
                     where params.inventory_target_id = targets.id), '{}') as params
    from cw_nnnnnn.inventory_targets as targets
    where targets.snapshot_date = p_run_date
        and (v_products is null or targets.product_id = any (v_products))
        and (v_locations is null or targets.location_id = any (v_locations));

    create temp table inventory_targets_changed on commit drop as
    select computed.*
    from inventory_targets_computed as computed
    left join inventory_targets_stored as stored
        on stored.product_id = computed.product_id and stored.location_id = computed.location_id
    where stored.id is null
        or (stored.inventory_strategy_id, stored.target_stock, stored.reorder_point, stored.safety_stock,
            stored.fill_rate_simulated, stored.zero_reason, stored.strategy_source)
        is distinct from (computed.inventory_strategy_id, computed.target_stock, computed.reorder_point,
                          computed.safety_stock, computed.fill_rate_simulated, computed.zero_reason,
                          computed.strategy_source)
        or stored.params is distinct from (select coalesce(jsonb_object_agg(param.key, (param.value #>> '{}')::float8),
                                                            '{}')
                                           from jsonb_each(computed.params) as param (key, value));

    insert into cw_nnnnnn.inventory_targets as targets (
        product_id, location_id, snapshot_date, inventory_strategy_id, target_stock, reorder_point, safety_stock,
        fill_rate_simulated, zero_reason, strategy_source
    )
    select changed.product_id, changed.location_id, p_run_date, changed.inventory_strategy_id, changed.target_stock,
           changed.reorder_point, changed.safety_stock, changed.fill_rate_simulated, changed.zero_reason,
           changed.strategy_source
    from inventory_targets_changed as changed
    on conflict (product_id, location_id, snapshot_date) do update
    set inventory_strategy_id = excluded.inventory_strategy_id,
        target_stock = excluded.target_stock,
        reorder_point = excluded.reorder_point,
        safety_stock = excluded.safety_stock,
        fill_rate_simulated = excluded.fill_rate_simulated,
        zero_reason = excluded.zero_reason,
        strategy_source = excluded.strategy_source,
        updated_at = now();
    get diagnostics v_written = row_count;

    delete from cw_nnnnnn.inventory_target_params as params
    using cw_nnnnnn.inventory_targets as targets, inventory_targets_changed as changed
    where params.inventory_target_id = targets.id and targets.snapshot_date = p_run_date
        and targets.product_id = changed.product_id and targets.location_id = changed.location_id;
    insert into cw_nnnnnn.inventory_target_params (inventory_target_id, param_name, param_value)
    select targets.id, param.key, (param.value #>> '{}')::float8
    from inventory_targets_changed as changed
    inner join cw_nnnnnn.inventory_targets as targets
        on targets.product_id = changed.product_id and targets.location_id = changed.location_id
        and targets.snapshot_date = p_run_date
    cross join lateral jsonb_each(changed.params) as param (key, value);

    -- Pairs of the date (in scope) that no longer get a target.
    delete from cw_nnnnnn.inventory_targets as targets
    using inventory_targets_stored as stored
    where targets.id = stored.id
        and not exists (select from inventory_targets_computed as computed
                        where computed.product_id = stored.product_id and computed.location_id = stored.location_id);
    get diagnostics v_deleted = row_count;

    select coalesce(jsonb_object_agg(counted.reason, counted.pairs), '{}') into v_zero
    from (select coalesce(computed.zero_reason, 'regular') as reason, count(*) as pairs
          from inventory_targets_computed as computed group by 1) as counted;
    drop table inventory_targets_stored, inventory_targets_changed;
    call cw_nnnnnn.report_step(v_computed, v_written + v_deleted,
                               jsonb_build_object('targets', v_computed, 'written', v_written, 'deleted', v_deleted,
                                                  'by_reason', v_zero));
end
$$;

ALTER PROCEDURE cw_nnnnnn.step_inventory_targets(IN p_run_date date, IN p_scope jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.step_inventory_targets(IN p_run_date date, IN p_scope jsonb) IS 'Step 8: inventory targets (target stock, reorder point, safety stock, expected fill rate and every parameter used) of each product x location for the run date, by the strategy the settings, the pair''s class or a UI override choose. Re-running a date rewrites only rows that changed; a scope {"products": [...], "locations": [...]} recomputes only those pairs. CW151 without a completed forecast. docs/inventory.md.';

CREATE PROCEDURE cw_nnnnnn.step_load(IN p_run_date date, IN p_scope jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
declare
    v_staged_dates date [];
    v_gate_passed  boolean;
    v_last_loaded  date;
    v_rows_in      bigint;
    v_rows_out     bigint;
    v_detail       jsonb;
begin
    -- Staging must hold this date's batch, and that batch must have passed the gate.
    select array_agg(distinct raw_files.file_date order by raw_files.file_date) into v_staged_dates
    from cw_nnnnnn_staging.raw_files
    where raw_files.id in (
        select staging_products.raw_file_id from cw_nnnnnn_staging.staging_products
        union select staging_locations.raw_file_id from cw_nnnnnn_staging.staging_locations
        union select staging_suppliers.raw_file_id from cw_nnnnnn_staging.staging_suppliers
        union select staging_prices.raw_file_id from cw_nnnnnn_staging.staging_prices
        union select staging_sales_orders.raw_file_id from cw_nnnnnn_staging.staging_sales_orders
        union select staging_purchase_orders.raw_file_id from cw_nnnnnn_staging.staging_purchase_orders
        union select staging_receiving_orders.raw_file_id from cw_nnnnnn_staging.staging_receiving_orders
        union select staging_store_orders.raw_file_id from cw_nnnnnn_staging.staging_store_orders
        union select staging_transfer_orders.raw_file_id from cw_nnnnnn_staging.staging_transfer_orders
        union select staging_inventory_balances.raw_file_id from cw_nnnnnn_staging.staging_inventory_balances
    );
    if v_staged_dates is distinct from array[p_run_date] then
        raise exception 'staging of client CW-nnnnnn holds the batch of %, not of %',
            coalesce(array_to_string(v_staged_dates, ', '), 'no date (it is empty)'), p_run_date
            using errcode = 'CW040',
                  hint = format('run the quality gate for the date first: CALL cw_nnnnnn.run_pipeline(%L, '
                                '''quality_gate'', ''load'')', p_run_date);
    end if;
    select data_quality_runs.gate_passed into v_gate_passed
    from cw_nnnnnn.data_quality_runs
    where data_quality_runs.run_date = p_run_date;
    if v_gate_passed is distinct from true then
        raise exception 'the quality gate of client CW-nnnnnn for % %', p_run_date,
            case when v_gate_passed is null then 'has not run' else 'failed' end
            using errcode = 'CW041',
                  hint = format('read the gate''s report (cw report quality CW-nnnnnn --date %s), fix the source '
                                'data, then run from quality_gate', p_run_date);
    end if;
    -- An older batch never overwrites newer data: re-running a past date loads nothing and says so.
    select max(load_entity_stats.run_date) into v_last_loaded from cw_nnnnnn.load_entity_stats;
    if v_last_loaded > p_run_date then
        raise notice 'client CW-nnnnnn is loaded up to %: the older batch of % is not applied', v_last_loaded,
            p_run_date;
        call cw_nnnnnn.report_step(0, 0, jsonb_build_object(
            'note', format('the batch of %s is older than the latest loaded date %s: nothing written (an older '
                           'snapshot never overwrites newer data; replay dates in order to rebuild)', p_run_date,
                           v_last_loaded)));
        return;
    end if;

    -- The seed of every raw hash, once per load (load_seed() reads it back).
    perform set_config('cw.load_raw_hash_seed', cw_nnnnnn.load_raw_hash_seed()::text, true);
    call cw_nnnnnn.load_drop_temp('load_counts');
    create temp table load_counts (
        entity text not null, inserted bigint not null, updated bigint not null, unchanged bigint not null default 0
    )
    on commit drop;
    delete from cw_nnnnnn.load_rejects where load_rejects.run_date = p_run_date;

    call cw_nnnnnn.load_suppliers(p_run_date);
    call cw_nnnnnn.load_locations(p_run_date);
    call cw_nnnnnn.load_products(p_run_date);
    call cw_nnnnnn.load_prices(p_run_date);
    call cw_nnnnnn.load_sales_orders(p_run_date);
    call cw_nnnnnn.load_supply_orders(p_run_date);
    call cw_nnnnnn.load_inventory(p_run_date);

    call cw_nnnnnn.record_versions(p_run_date, 'products', 'product_versions', 'product_id', array[
        'name', 'brand_id', 'product_category_id', 'primary_supplier_id', 'cost', 'price', 'pack_size_qty',
        'is_dropship', 'erp_status', 'is_discontinued', 'is_active']);
    call cw_nnnnnn.record_versions(p_run_date, 'locations', 'location_versions', 'location_id', array[
        'name', 'location_type', 'echelon', 'parent_location_id', 'city_name', 'country_id', 'erp_status',
        'is_enabled', 'is_active']);
    call cw_nnnnnn.record_versions(p_run_date, 'suppliers', 'supplier_versions', 'supplier_id', array[
        'name', 'country_id', 'currency_id', 'lead_time_days', 'moq_qty', 'erp_status', 'is_enabled',
        'lead_time_days_override', 'moq_qty_override', 'is_active']);
    call cw_nnnnnn.record_versions(p_run_date, 'customers', 'customer_versions', 'customer_id', array[
        'name', 'email', 'city_name']);

    select coalesce(sum(stats.rows_in), 0), coalesce(sum(stats.rows_inserted + stats.rows_updated
                                                         + stats.rows_deactivated), 0),
           jsonb_object_agg(stats.entity, jsonb_build_object(
               'in', stats.rows_in, 'inserted', stats.rows_inserted, 'updated', stats.rows_updated,
               'unchanged', stats.rows_unchanged, 'rejected', stats.rows_rejected,
               'deactivated', stats.rows_deactivated, 'ms', stats.duration_ms))
    into v_rows_in, v_rows_out, v_detail
    from cw_nnnnnn.load_entity_stats as stats
    where stats.run_date = p_run_date;
    v_detail := jsonb_build_object(
        'entities', v_detail,
        'rejected', (select count(*) from cw_nnnnnn.load_rejects where load_rejects.run_date = p_run_date),
        'new_versions', (select jsonb_object_agg(load_counts.entity, load_counts.inserted) from load_counts
                         where load_counts.entity like '%\_versions'));
    call cw_nnnnnn.report_step(v_rows_in, v_rows_out, v_detail);
end
$$;

ALTER PROCEDURE cw_nnnnnn.step_load(IN p_run_date date, IN p_scope jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.step_load(IN p_run_date date, IN p_scope jsonb) IS 'Step 3 (load), the Production Mapper: the gate-passed staging batch of the run date into the production tables (suppliers, locations and lanes, brands, categories, products, supplier links, price lists and prices, payment methods, customers, sales, purchase, store, transfer and receiving orders with lines, inventory), then SCD2 versions. Records whose raw hash (V10, load_batch_records) matches their production row are counted and skipped before any preparation; the others go through set-based upserts by ERP id that write only changed rows and never UI-owned columns; unplaceable rows go to load_rejects with their reason; masters absent from a full snapshot are deactivated. Raises CW040 (staging holds another date) and CW041 (gate not passed); a date older than the latest loaded one writes nothing (reported). The scope is ignored: master snapshots are loaded whole.';

CREATE PROCEDURE cw_nnnnnn.step_po_recommendations(IN p_run_date date, IN p_scope jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    SET jit TO 'off'
    AS $$
declare
    v_scope        jsonb := cw_nnnnnn.validate_scope(p_scope);
    v_products     integer [];
    v_locations    integer [];
    v_computed     bigint;
    v_written      bigint;
    v_deleted      bigint;
    v_kept         bigint;
    v_priorities   jsonb;
begin
    if v_scope ? 'products' then
        select coalesce(array_agg(products.id), '{}') into v_products
        from cw_nnnnnn.products
        where products.erp_id in (select jsonb_array_elements_text(v_scope -> 'products'));
    end if;
    if v_scope ? 'locations' then
        select coalesce(array_agg(locations.id), '{}') into v_locations
        from cw_nnnnnn.locations
        where locations.erp_id in (select jsonb_array_elements_text(v_scope -> 'locations'));
    end if;

    call cw_nnnnnn.po_recommendations_compute(p_run_date, v_products, v_locations);
    select count(*) into v_computed from po_recommendations_computed;

    create temp table po_recommendations_stored on commit drop as
    select recommendations.*
    from cw_nnnnnn.po_recommendations as recommendations
    where recommendations.recommendation_date = p_run_date
        and (v_products is null or recommendations.product_id = any (v_products))
        and (v_locations is null or recommendations.location_id = any (v_locations));

    -- New rows, and pending rows whose computed values differ; decided rows are the buyer's and stay as they are.
    insert into cw_nnnnnn.po_recommendations as recommendations (
        product_id, location_id, supplier_id, recommendation_date, recommended_qty, predicted_qty, order_buffer,
        unit_cost, currency_id, confidence, confidence_reasons, po_recommendation_priority_id, priority_reasons,
        on_hand_qty, on_order_qty, in_transit_qty, reserved_qty, inventory_position_qty, lead_time_demand_qty,
        reorder_point, target_stock, lead_time_days, cover_days, pack_size_qty, moq_qty
    )
    select computed.product_id, computed.location_id, computed.supplier_id, p_run_date, computed.recommended_qty,
           computed.predicted_qty, computed.order_buffer, computed.unit_cost, computed.currency_id,
           computed.confidence, computed.confidence_reasons, computed.po_recommendation_priority_id,
           computed.priority_reasons, computed.on_hand_qty, computed.on_order_qty, computed.in_transit_qty,
           computed.reserved_qty, computed.inventory_position_qty, computed.lead_time_demand_qty,
           computed.reorder_point, computed.target_stock, computed.lead_time_days, computed.cover_days,
           computed.pack_size_qty, computed.moq_qty
    from po_recommendations_computed as computed
    left join po_recommendations_stored as stored
        on stored.product_id = computed.product_id and stored.location_id = computed.location_id
        and stored.supplier_id = computed.supplier_id
    where stored.id is null
        or (stored.po_recommendation_status_id = 1
            and (stored.recommended_qty, stored.predicted_qty, stored.order_buffer, stored.unit_cost,
                 stored.currency_id, stored.confidence, stored.confidence_reasons,
                 stored.po_recommendation_priority_id, stored.priority_reasons, stored.on_hand_qty,
                 stored.on_order_qty, stored.in_transit_qty, stored.reserved_qty, stored.inventory_position_qty,
                 stored.lead_time_demand_qty, stored.reorder_point, stored.target_stock, stored.lead_time_days,
                 stored.cover_days, stored.pack_size_qty, stored.moq_qty)
            is distinct from
                (computed.recommended_qty, computed.predicted_qty, computed.order_buffer, computed.unit_cost,
                 computed.currency_id, computed.confidence, computed.confidence_reasons,
                 computed.po_recommendation_priority_id, computed.priority_reasons, computed.on_hand_qty,
                 computed.on_order_qty, computed.in_transit_qty, computed.reserved_qty,
                 computed.inventory_position_qty, computed.lead_time_demand_qty, computed.reorder_point,
                 computed.target_stock, computed.lead_time_days, computed.cover_days, computed.pack_size_qty,
                 computed.moq_qty))
    on conflict (product_id, location_id, supplier_id, recommendation_date) do update
    set recommended_qty = excluded.recommended_qty,
        predicted_qty = excluded.predicted_qty,
        order_buffer = excluded.order_buffer,
        unit_cost = excluded.unit_cost,
        currency_id = excluded.currency_id,
        confidence = excluded.confidence,
        confidence_reasons = excluded.confidence_reasons,
        po_recommendation_priority_id = excluded.po_recommendation_priority_id,
        priority_reasons = excluded.priority_reasons,
        on_hand_qty = excluded.on_hand_qty,
        on_order_qty = excluded.on_order_qty,
        in_transit_qty = excluded.in_transit_qty,
        reserved_qty = excluded.reserved_qty,
        inventory_position_qty = excluded.inventory_position_qty,
        lead_time_demand_qty = excluded.lead_time_demand_qty,
        reorder_point = excluded.reorder_point,
        target_stock = excluded.target_stock,
        lead_time_days = excluded.lead_time_days,
        cover_days = excluded.cover_days,
        pack_size_qty = excluded.pack_size_qty,
        moq_qty = excluded.moq_qty,
        updated_at = now()
    where recommendations.po_recommendation_status_id = 1;
    get diagnostics v_written = row_count;

    -- Pending rows of the date (in scope) that are no longer needed; decided rows are kept.
    delete from cw_nnnnnn.po_recommendations as recommendations
    using po_recommendations_stored as stored
    where recommendations.id = stored.id and stored.po_recommendation_status_id = 1
        and not exists (select from po_recommendations_computed as computed
                        where computed.product_id = stored.product_id and computed.location_id = stored.location_id
                            and computed.supplier_id = stored.supplier_id);
    get diagnostics v_deleted = row_count;
    select count(*) into v_kept from po_recommendations_stored as stored where stored.po_recommendation_status_id <> 1;

    select coalesce(jsonb_object_agg(counted.name, counted.lines), '{}') into v_priorities
    from (select priorities.name, count(*) as lines
          from po_recommendations_computed as computed
          inner join cw_nnnnnn.po_recommendation_priorities as priorities
              on priorities.id = computed.po_recommendation_priority_id
          group by priorities.name) as counted;
    drop table po_recommendations_stored;
    call cw_nnnnnn.report_step(v_computed, v_written + v_deleted,
                               jsonb_build_object('recommendations', v_computed, 'written', v_written,
                                                  'deleted', v_deleted, 'decided_kept', v_kept,
                                                  'by_priority', v_priorities));
end
$$;

ALTER PROCEDURE cw_nnnnnn.step_po_recommendations(IN p_run_date date, IN p_scope jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.step_po_recommendations(IN p_run_date date, IN p_scope jsonb) IS 'Step 10: purchase-order recommendations of the run date for every product x location that buys from a supplier: inventory position against the reorder point of step 8, quantity up to the target in packs and at least the MOQ, unit cost in the supplier''s currency, priority and confidence with reasons. Re-running a date writes only pending rows that changed and never touches a status the buyer set; a scope {"products": [...], "locations": [...]} recomputes only those pairs. CW160 invalid settings, CW161 without targets. docs/recommendations.md.';

CREATE PROCEDURE cw_nnnnnn.step_quality_gate(IN p_run_date date, IN p_scope jsonb)
    LANGUAGE plpgsql
    SET jit TO 'off'
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $_$
declare
    v_run_id           bigint;
    v_started          timestamptz := clock_timestamp();
    v_staged           bigint;
    v_raw              bigint;
    v_rule             record;
    v_endpoint         record;
    v_settings         jsonb := cw_nnnnnn.settings('quality');
    v_orphan_pct       numeric := (v_settings ->> 'orphan_critical_pct')::numeric;
    v_max_quantity     numeric := (v_settings ->> 'max_quantity')::numeric;
    v_max_amount       numeric := (v_settings ->> 'max_amount')::numeric;
    v_future_days      integer := (v_settings ->> 'max_future_days')::integer;
    v_oldest_date      date := (v_settings ->> 'oldest_event_date')::date;
    v_max_text         integer := (v_settings ->> 'max_text_length')::integer;
    v_drop_pct         numeric := (v_settings ->> 'volume_drop_pct')::numeric;
    v_spike_pct        numeric := (v_settings ->> 'volume_spike_pct')::numeric;
    v_stale_endpoints  text [] := array(select jsonb_array_elements_text(v_settings -> 'stale_endpoints'));
    v_volume_skip      text [] := array(select jsonb_array_elements_text(v_settings -> 'volume_excluded_endpoints'));
    v_min_baseline     numeric := (v_settings ->> 'volume_min_baseline')::numeric;
    v_total            integer;
    v_passed           integer;
    v_critical         integer;
    v_warning          integer;
    v_score            numeric;
begin
    call cw_nnnnnn.map_to_staging(p_run_date, v_staged);
    select count(*) into v_raw from cw_nnnnnn_staging.raw_records where raw_records.file_date = p_run_date;

    delete from cw_nnnnnn.data_quality_runs where data_quality_runs.run_date = p_run_date;
    delete from cw_nnnnnn.data_quality_check_reports
    where data_quality_check_reports.run_date = p_run_date and data_quality_check_reports.source = 'gateway';
    insert into cw_nnnnnn.data_quality_runs (run_date, data_quality_run_status_id, started_at)
    values (p_run_date, 1, v_started)
    returning id into v_run_id;

    create temp table if not exists quality_results (
        endpoint text, check_name text, severity text, passed boolean, expected_value text, actual_value text,
        failed_count bigint, detail text, sample_records jsonb
    ) on commit drop;
    truncate quality_results;

    -- The endpoints of this client's dialect, with their staging table.
    create temp table if not exists quality_endpoints on commit drop as
    select endpoint_mappings.endpoint, endpoint_mappings.staging_table
    from cw_global.erp_endpoint_mappings as endpoint_mappings
    inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
    where clients.schema_name = 'cw_nnnnnn';

    -- Files: present, parsable, immutable, known.
    insert into quality_results
    select quality_endpoints.endpoint, 'file_present', null, count(delivered.id) > 0, 'file delivered',
           case when count(delivered.id) = 0 then 'no file' else count(delivered.id) || ' file(s) delivered' end,
           (count(delivered.id) = 0)::int,
           case when count(delivered.id) = 0 then format('no %s file was delivered for %s',
                                                         quality_endpoints.endpoint, p_run_date) end, null
    from quality_endpoints
    left join cw_nnnnnn_staging.raw_files as delivered
        on delivered.endpoint = quality_endpoints.endpoint and delivered.file_date = p_run_date
    group by quality_endpoints.endpoint;

    insert into quality_results
    select quality_endpoints.endpoint, 'file_parsable', null, count(failed.id) = 0, '0 failed files',
           count(failed.id)::text, count(failed.id),
           string_agg(format('%s failed at byte %s: %s', failed.object_key, coalesce(failed.error_offset::text, '?'),
                             failed.error), '; '),
           jsonb_agg(jsonb_build_object('file', failed.object_key, 'byte_offset', failed.error_offset,
                                        'error', failed.error)) filter (where failed.id is not null)
    from quality_endpoints
    left join cw_nnnnnn_staging.raw_files as failed
        on failed.endpoint = quality_endpoints.endpoint and failed.file_date = p_run_date and failed.status = 'failed'
    group by quality_endpoints.endpoint;

    insert into quality_results
    select quality_endpoints.endpoint, 'raw_immutable', null, count(conflicts.id) = 0, '0 conflicting re-deliveries',
           count(conflicts.id)::text, count(conflicts.id),
           string_agg(distinct format('%s re-delivered with ETag %s (loaded: %s)', conflicts.object_key,
                                      conflicts.offered_etag, conflicts.loaded_etag), '; '),
           null
    from quality_endpoints
    left join cw_nnnnnn_staging.raw_files as files
        on files.endpoint = quality_endpoints.endpoint and files.file_date = p_run_date
    left join cw_nnnnnn_staging.raw_load_conflicts as conflicts on conflicts.object_key = files.object_key
    group by quality_endpoints.endpoint;

    insert into quality_results
    select files.endpoint, 'unknown_endpoint', null, false, 'a mapped endpoint', files.endpoint, count(*),
           format('%s is not an endpoint of this client''s ERP mapping', string_agg(files.object_key, ', ')),
           jsonb_agg(jsonb_build_object('file', files.object_key))
    from cw_nnnnnn_staging.raw_files as files
    where files.file_date = p_run_date
        and not exists (select from quality_endpoints where quality_endpoints.endpoint = files.endpoint)
    group by files.endpoint;

    -- Records: counts, required fields, casts, schema drift, volume, staleness.
    for v_endpoint in select * from quality_endpoints order by endpoint loop
        execute format($sql$
            insert into quality_results
            with staged as (select * from %1$I.%2$I),

            missing as (
                select field, count(*) as n from staged cross join unnest(staged.missing_fields) as field group by field
            ),

            uncastable as (
                select field, count(*) as n from staged cross join unnest(staged.cast_errors) as field group by field
            )

            select %3$L, 'record_count', null, %4$L::boolean is false or count(*) > 0, '> 0 records',
                   count(*)::text, (count(*) = 0)::int,
                   case when count(*) = 0 then 'the snapshot is empty' end, null
            from staged
            where %4$L::boolean
            union all
            select %3$L, 'required_fields', null, count(*) filter (where cardinality(missing_fields) > 0) = 0,
                   '0 records with missing required fields',
                   (count(*) filter (where cardinality(missing_fields) > 0))::text,
                   count(*) filter (where cardinality(missing_fields) > 0),
                   (select 'missing: ' || string_agg(format('%%s in %%s record(s)', field, n), ', ' order by field)
                    from missing),
                   (select jsonb_agg(sample) from (
                        select jsonb_build_object('file', raw_file_id, 'record', record_no, 'missing', missing_fields)
                               as sample
                        from staged where cardinality(missing_fields) > 0 order by raw_file_id, record_no limit 5
                    ) as samples)
            from staged
            union all
            select %3$L, 'type_casts', null, count(*) filter (where cardinality(cast_errors) > 0) = 0,
                   '0 uncastable values', (count(*) filter (where cardinality(cast_errors) > 0))::text,
                   count(*) filter (where cardinality(cast_errors) > 0),
                   (select 'not castable: ' || string_agg(format('%%s in %%s record(s)', field, n), ', '
                                                           order by field)
                    from uncastable),
                   (select jsonb_agg(sample) from (
                        select jsonb_build_object('file', raw_file_id, 'record', record_no, 'fields', cast_errors)
                               as sample
                        from staged where cardinality(cast_errors) > 0 order by raw_file_id, record_no limit 5
                    ) as samples)
            from staged
            $sql$, 'cw_nnnnnn_staging', v_endpoint.staging_table, v_endpoint.endpoint,
            v_endpoint.endpoint in ('products', 'locations', 'suppliers', 'pricing_lists', 'inventory'));
    end loop;

    -- Schema drift: keys the mapping does not know, at every object level the mapping reads.
    insert into quality_results
    with mapped_paths as (
        select endpoint_mappings.endpoint, field_mappings.is_line_field, field_mappings.source_path as path
        from cw_global.erp_field_mappings as field_mappings
        inner join cw_global.erp_endpoint_mappings as endpoint_mappings
            on endpoint_mappings.id = field_mappings.erp_endpoint_mapping_id
        inner join quality_endpoints on quality_endpoints.endpoint = endpoint_mappings.endpoint
        inner join cw_global.clients
            on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id and clients.schema_name = 'cw_nnnnnn'
        union all
        select endpoint_mappings.endpoint, false, endpoint_mappings.lines_path
        from cw_global.erp_endpoint_mappings as endpoint_mappings
        inner join quality_endpoints on quality_endpoints.endpoint = endpoint_mappings.endpoint
        inner join cw_global.clients
            on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id and clients.schema_name = 'cw_nnnnnn'
        where endpoint_mappings.lines_path is not null
    ),

    -- Every prefix of a mapped path is a known key at its parent level ({customer,name} makes "customer" known).
    known as (
        select distinct mapped_paths.endpoint, mapped_paths.is_line_field,
               mapped_paths.path[1:depth - 1] as parent_path, mapped_paths.path[depth] as key_name
        from mapped_paths
        cross join lateral generate_series(1, cardinality(mapped_paths.path)) as depth
    ),

    parents as (
        select distinct known.endpoint, known.is_line_field, known.parent_path from known
    ),

    lines_paths as (
        select endpoint_mappings.endpoint, endpoint_mappings.lines_path
        from cw_global.erp_endpoint_mappings as endpoint_mappings
        inner join quality_endpoints on quality_endpoints.endpoint = endpoint_mappings.endpoint
        inner join cw_global.clients
            on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id and clients.schema_name = 'cw_nnnnnn'
    ),

    objects as (
        select rec.endpoint, rec.file_id, rec.record_no, parents.is_line_field, parents.parent_path,
               case when parents.is_line_field then line.value #> parents.parent_path
                    else rec.payload #> parents.parent_path end as object
        from cw_nnnnnn_staging.raw_records as rec
        inner join parents on parents.endpoint = rec.endpoint
        inner join lines_paths on lines_paths.endpoint = rec.endpoint
        left join lateral jsonb_array_elements(
            case when parents.is_line_field and jsonb_typeof(rec.payload #> lines_paths.lines_path) = 'array'
                     then rec.payload #> lines_paths.lines_path end
        ) as line (value) on parents.is_line_field
        where rec.file_date = p_run_date
    ),

    unknown as (
        select objects.endpoint, objects.file_id, objects.record_no,
               array_to_string(objects.parent_path || object_keys.key_name, '.') as key_path
        from objects
        cross join lateral jsonb_object_keys(
            case when jsonb_typeof(objects.object) = 'object' then objects.object else '{}' end
        ) as object_keys (key_name)
        where not exists (
            select from known
            where known.endpoint = objects.endpoint and known.is_line_field = objects.is_line_field
                and known.parent_path = objects.parent_path and known.key_name = object_keys.key_name
        )
    )

    select quality_endpoints.endpoint, 'unexpected_fields', null, count(unknown.key_path) = 0,
           'only mapped fields', count(distinct (unknown.file_id, unknown.record_no))
                                     filter (where unknown.key_path is not null)::text || ' record(s)',
           count(distinct (unknown.file_id, unknown.record_no)) filter (where unknown.key_path is not null),
           'unknown fields: ' || string_agg(distinct unknown.key_path, ', '),
           (jsonb_agg(distinct jsonb_build_object('field', unknown.key_path)) filter (where unknown.key_path is not null))
    from quality_endpoints
    left join unknown on unknown.endpoint = quality_endpoints.endpoint
    group by quality_endpoints.endpoint;

    -- Rules on the staging tables: keys, references, amounts, dates, text.
    for v_rule in
        select quality_rules.*, quality_endpoints.staging_table,
               (select ref_endpoints.staging_table from quality_endpoints as ref_endpoints
                where ref_endpoints.endpoint = quality_rules.ref_endpoint) as ref_table
        from cw_global.quality_rules
        inner join quality_endpoints on quality_endpoints.endpoint = quality_rules.endpoint
        order by quality_rules.id
    loop
        if v_rule.rule_type = 'key' then
            execute format($sql$
                insert into quality_results
                with keyed as (
                    select raw_file_id, record_no, %3$s as business_key,
                           count(*) over (partition by %3$s) as occurrences
                    from %1$I.%2$I
                )
                select %4$L, 'duplicate_keys', null, count(*) filter (where occurrences > 1) = 0, 'unique keys',
                       (count(*) filter (where occurrences > 1))::text || ' record(s)',
                       count(*) filter (where occurrences > 1),
                       format('%%s records share %%s key(s) (%%s)', count(*) filter (where occurrences > 1),
                              count(distinct business_key) filter (where occurrences > 1), %5$L),
                       (select jsonb_agg(sample) from (
                            select jsonb_build_object('file', raw_file_id, 'record', record_no, 'key', business_key)
                                   as sample
                            from keyed where occurrences > 1 order by business_key, record_no limit 5
                        ) as samples)
                from keyed
                $sql$, 'cw_nnnnnn_staging', v_rule.staging_table,
                (select string_agg(format('%I::text', column_name), ' || ''/'' || ') from unnest(v_rule.columns) as column_name),
                v_rule.endpoint, array_to_string(v_rule.columns, ', '));
        elsif v_rule.rule_type = 'reference' and v_rule.ref_table is not null then
            execute format($sql$
                insert into quality_results
                with checked as (
                    select raw_file_id, record_no, %3$I as reference,
                           not exists (select from %1$I.%4$I as target where target.%5$I = source.%3$I) as is_orphan
                    from %1$I.%2$I as source
                    where %3$I is not null
                )
                select %6$L, 'orphan_references:' || %3$L,
                       case when 100.0 * count(*) filter (where is_orphan) / greatest(count(*), 1) > %7$s
                            then 'critical' end,
                       count(*) filter (where is_orphan) = 0, %3$L || ' found in ' || %8$L,
                       (count(*) filter (where is_orphan))::text || ' of ' || count(*),
                       count(*) filter (where is_orphan),
                       format('%%s record(s) reference %%s %%s missing from %%s (%%s%%%%)', count(*) filter (where is_orphan),
                              count(distinct reference) filter (where is_orphan), %3$L, %8$L,
                              round(100.0 * count(*) filter (where is_orphan) / greatest(count(*), 1), 2)),
                       (select jsonb_agg(sample) from (
                            select jsonb_build_object('file', raw_file_id, 'record', record_no, %3$L, reference)
                                   as sample
                            from checked where is_orphan order by raw_file_id, record_no limit 5
                        ) as samples)
                from checked
                having exists (select from %1$I.%4$I)  -- a missing master file is its own failure, not orphans
                $sql$, 'cw_nnnnnn_staging', v_rule.staging_table, v_rule.columns[1], v_rule.ref_table,
                v_rule.ref_column, v_rule.endpoint, v_orphan_pct, v_rule.ref_endpoint);
        elsif v_rule.rule_type in ('quantity', 'amount') then
            execute format($sql$
                insert into quality_results
                with values_checked as (
                    select raw_file_id, record_no, column_name, value
                    from %1$I.%2$I
                    cross join lateral (values %3$s) as checked_values (column_name, value)
                    where value is not null
                )
                select %4$L, 'negative_values:' || %6$L, null, count(*) filter (where value < 0) = 0, '>= 0',
                       (count(*) filter (where value < 0))::text || ' value(s)', count(*) filter (where value < 0),
                       (select 'negative: ' || string_agg(format('%%s (min %%s)', column_name, min_value), ', ')
                        from (select column_name, min(value) as min_value from values_checked where value < 0
                              group by column_name) as negatives),
                       (select jsonb_agg(sample) from (
                            select jsonb_build_object('file', raw_file_id, 'record', record_no, column_name, value)
                                   as sample
                            from values_checked where value < 0 order by raw_file_id, record_no limit 5
                        ) as samples)
                from values_checked
                union all
                select %4$L, 'absurd_values:' || %6$L, null, count(*) filter (where value > %5$s) = 0, '<= ' || %5$s,
                       (count(*) filter (where value > %5$s))::text || ' value(s)', count(*) filter (where value > %5$s),
                       (select 'too large: ' || string_agg(format('%%s (max %%s)', column_name, max_value), ', ')
                        from (select column_name, max(value) as max_value from values_checked where value > %5$s
                              group by column_name) as absurd),
                       (select jsonb_agg(sample) from (
                            select jsonb_build_object('file', raw_file_id, 'record', record_no, column_name, value)
                                   as sample
                            from values_checked where value > %5$s order by raw_file_id, record_no limit 5
                        ) as samples)
                from values_checked
                $sql$, 'cw_nnnnnn_staging', v_rule.staging_table,
                (select string_agg(format('(%L, %I::numeric)', column_name, column_name), ', ')
                 from unnest(v_rule.columns) as column_name),
                v_rule.endpoint, case when v_rule.rule_type = 'quantity' then v_max_quantity else v_max_amount end,
                v_rule.rule_type);
        elsif v_rule.rule_type = 'event_date' then
            execute format($sql$
                insert into quality_results
                select %3$L, 'future_dates', null, count(*) filter (where %4$I > %5$L::date) = 0, '<= ' || %5$L,
                       (count(*) filter (where %4$I > %5$L::date))::text || ' record(s)',
                       count(*) filter (where %4$I > %5$L::date),
                       format('%%s after %%s (latest %%s)', %4$L, %5$L, max(%4$I) filter (where %4$I > %5$L::date)),
                       (select jsonb_agg(sample) from (
                            select jsonb_build_object('file', raw_file_id, 'record', record_no, %4$L, %4$I) as sample
                            from %1$I.%2$I where %4$I > %5$L::date order by raw_file_id, record_no limit 5
                        ) as samples)
                from %1$I.%2$I
                union all
                select %3$L, 'ancient_dates', null, count(*) filter (where %4$I < %6$L::date) = 0, '>= ' || %6$L,
                       (count(*) filter (where %4$I < %6$L::date))::text || ' record(s)',
                       count(*) filter (where %4$I < %6$L::date),
                       format('%%s before %%s (earliest %%s)', %4$L, %6$L, min(%4$I) filter (where %4$I < %6$L::date)),
                       (select jsonb_agg(sample) from (
                            select jsonb_build_object('file', raw_file_id, 'record', record_no, %4$L, %4$I) as sample
                            from %1$I.%2$I where %4$I < %6$L::date order by raw_file_id, record_no limit 5
                        ) as samples)
                from %1$I.%2$I
                $sql$, 'cw_nnnnnn_staging', v_rule.staging_table, v_rule.endpoint, v_rule.columns[1],
                p_run_date + v_future_days, v_oldest_date);
        elsif v_rule.rule_type = 'text' then
            execute format($sql$
                insert into quality_results
                with texts as (
                    select raw_file_id, record_no, column_name, value
                    from %1$I.%2$I
                    cross join lateral (values %3$s) as checked_values (column_name, value)
                    where value is not null
                ),

                suspicious as (
                    select *,
                           case when value ~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]' then 'control characters'
                                when value ~ '[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]'
                                    then 'invisible or bidirectional-override characters'
                                when length(value) > %5$s then 'longer than ' || %5$s || ' characters'
                                when value ~* '(;|'')\s*(drop|delete|insert|update|alter|truncate|select)\s'
                                    or value ~ '--|/\*' then 'SQL fragment'
                                when value ~* '<\s*(script|iframe|img|svg)' then 'markup'
                                when value ~ '\\' then 'backslash escapes'
                           end as reason
                    from texts
                )

                select %4$L, 'suspicious_text', null, count(*) filter (where reason is not null) = 0,
                       'plain text', (count(*) filter (where reason is not null))::text || ' value(s)',
                       count(*) filter (where reason is not null),
                       (select string_agg(format('%%s: %%s', column_name, reasons), '; ') from (
                            select column_name, string_agg(distinct reason, ', ') as reasons
                            from suspicious where reason is not null group by column_name
                        ) as by_column),
                       (select jsonb_agg(sample) from (
                            select jsonb_build_object('file', raw_file_id, 'record', record_no, 'field', column_name,
                                                      'reason', reason, 'value', left(value, 80)) as sample
                            from suspicious where reason is not null order by raw_file_id, record_no limit 5
                        ) as samples)
                from suspicious
                $sql$, 'cw_nnnnnn_staging', v_rule.staging_table,
                (select string_agg(format('(%L, %I)', column_name, column_name), ', ')
                 from unnest(v_rule.columns) as column_name),
                v_rule.endpoint, v_max_text);
        end if;
    end loop;

    -- Staleness: a daily snapshot byte-identical to the previous day's.
    insert into quality_results
    select today.endpoint, 'stale_snapshot', null, count(previous.id) = 0, 'differs from ' || (p_run_date - 1),
           case when count(previous.id) = 0 then 'differs' else 'identical' end, count(previous.id),
           string_agg(format('%s is byte-identical to %s', today.object_key, previous.object_key), '; '), null
    from cw_nnnnnn_staging.raw_files as today
    left join cw_nnnnnn_staging.raw_files as previous
        on previous.endpoint = today.endpoint and previous.file_date = p_run_date - 1 and previous.status = 'loaded'
            and previous.sha256 = today.sha256
    where today.file_date = p_run_date and today.status = 'loaded' and today.endpoint = any(v_stale_endpoints)
    group by today.endpoint;

    -- Volume against the 30-day baseline of gate-passing runs.
    insert into quality_results
    with volumes as (
        select quality_endpoints.endpoint, coalesce(sum(files.record_count), 0) as records
        from quality_endpoints
        left join cw_nnnnnn_staging.raw_files as files
            on files.endpoint = quality_endpoints.endpoint and files.file_date = p_run_date and files.status = 'loaded'
        group by quality_endpoints.endpoint
    ),

    history as (
        select reports.endpoint, reports.run_date, reports.metric_value
        from cw_nnnnnn.data_quality_check_reports as reports
        where reports.source = 'gateway' and reports.check_name = 'record_count' and reports.is_baseline_eligible
            and reports.run_date between p_run_date - 35 and p_run_date - 1
    ),

    -- Same weekday over five weeks when there are two such days (weekly seasonality), else the last 30 days.
    baselines as (
        select history.endpoint,
               case when count(*) filter (where extract(isodow from history.run_date)
                                              = extract(isodow from p_run_date)) >= 2
                    then avg(history.metric_value) filter (where extract(isodow from history.run_date)
                                                              = extract(isodow from p_run_date))
                    else avg(history.metric_value) filter (where history.run_date >= p_run_date - 30) end as baseline,
               case when count(*) filter (where extract(isodow from history.run_date)
                                              = extract(isodow from p_run_date)) >= 2
                    then 'same weekday' else '30-day' end as basis,
               count(*) as samples
        from history
        group by history.endpoint
    )

    select volumes.endpoint, 'volume_change',
           case when baselines.baseline > 0 and volumes.records > baselines.baseline * (1 + v_spike_pct / 100)
                then 'warning' end,
           baselines.baseline is null or baselines.baseline < v_min_baseline
               or volumes.records between baselines.baseline * (1 - v_drop_pct / 100)
                                      and baselines.baseline * (1 + v_spike_pct / 100),
           case when baselines.baseline is null then 'a baseline'
                else format('%s to %s records', round(baselines.baseline * (1 - v_drop_pct / 100)),
                            round(baselines.baseline * (1 + v_spike_pct / 100))) end,
           volumes.records::text,
           0,
           case when baselines.baseline is null then 'no baseline — first run'
                when baselines.baseline < v_min_baseline
                    then format('%s records; baseline %s is below %s records: too small to judge', volumes.records,
                                round(baselines.baseline, 1), v_min_baseline)
                else format('%s records against a %s baseline of %s (%s%%)', volumes.records, baselines.basis,
                            round(baselines.baseline, 1),
                            round(100 * (volumes.records - baselines.baseline) / nullif(baselines.baseline, 0), 1))
           end,
           null
    from volumes
    left join baselines on baselines.endpoint = volumes.endpoint
    where volumes.endpoint <> all(v_volume_skip);

    -- One cause, one failure: an endpoint whose file failed to parse is reported by file_parsable alone, not again
    -- as an empty snapshot or a volume collapse.
    delete from quality_results
    where quality_results.check_name in ('record_count', 'volume_change')
        and exists (select from cw_nnnnnn_staging.raw_files as failed
                    where failed.endpoint = quality_results.endpoint and failed.file_date = p_run_date
                        and failed.status = 'failed');

    -- Results, with category, severity and fix instructions from the catalog.
    insert into cw_nnnnnn.data_quality_checks (
        data_quality_run_id, data_quality_check_category_id, data_quality_check_severity_id, endpoint, check_name,
        passed, expected_value, actual_value, failed_count, detail, fix_instructions, sample_records
    )
    select v_run_id, categories.id, severities.id, results.endpoint, results.check_name, results.passed,
           results.expected_value, results.actual_value, coalesce(results.failed_count, 0), results.detail,
           definitions.fix_instructions, results.sample_records
    from quality_results as results
    inner join cw_global.quality_check_definitions as definitions
        on definitions.check_name = split_part(results.check_name, ':', 1)
    inner join cw_nnnnnn.data_quality_check_categories as categories on categories.name = definitions.category
    inner join cw_nnnnnn.data_quality_check_severities as severities
        on severities.name = coalesce(results.severity, definitions.severity);

    select count(*), count(*) filter (where checks.passed),
           count(*) filter (where not checks.passed and checks.data_quality_check_severity_id = 1),
           count(*) filter (where not checks.passed and checks.data_quality_check_severity_id = 2),
           round(100 * (1 - coalesce(sum(case when checks.data_quality_check_severity_id = 1 then 3 else 1 end)
                                         filter (where not checks.passed), 0)::numeric
                        / greatest(sum(case when checks.data_quality_check_severity_id = 1 then 3 else 1 end), 1)), 2)
    into v_total, v_passed, v_critical, v_warning, v_score
    from cw_nnnnnn.data_quality_checks as checks
    where checks.data_quality_run_id = v_run_id;

    update cw_nnnnnn.data_quality_runs
    set data_quality_run_status_id = case when v_critical = 0 then 2 else 3 end,
        gate_passed = v_critical = 0, overall_score = v_score, critical_count = v_critical,
        warning_count = v_warning, checks_total = v_total, checks_passed = v_passed, completed_at = clock_timestamp()
    where data_quality_runs.id = v_run_id;

    insert into cw_nnnnnn.data_quality_check_reports (
        endpoint, check_name, run_date, source, metric_value, baseline, deviation_pct, is_baseline_eligible
    )
    select checks.endpoint, 'record_count', p_run_date, 'gateway', checks.actual_value::numeric,
           baselines.baseline, round(100 * (checks.actual_value::numeric - baselines.baseline)
                                     / nullif(baselines.baseline, 0), 2), v_critical = 0
    from cw_nnnnnn.data_quality_checks as checks
    left join lateral (
        select avg(reports.metric_value) as baseline
        from cw_nnnnnn.data_quality_check_reports as reports
        where reports.source = 'gateway' and reports.check_name = 'record_count' and reports.is_baseline_eligible
            and reports.endpoint = checks.endpoint and reports.run_date between p_run_date - 30 and p_run_date - 1
    ) as baselines on true
    where checks.data_quality_run_id = v_run_id and checks.check_name = 'volume_change'
    union all
    select '*', 'overall_score', p_run_date, 'gateway', v_score, null, null, v_critical = 0;

    call cw_nnnnnn.report_step(v_raw, v_staged, jsonb_build_object(
        'quality_run_id', v_run_id, 'score', v_score, 'gate_passed', v_critical = 0,
        'critical_failed', v_critical, 'warnings_failed', v_warning, 'checks', v_total));
    if v_critical > 0 then
        call cw_nnnnnn.request_stop(format('quality gate failed: %s critical check(s) failed, score %s '
                                           '(cw report quality %s --date %s)', v_critical, v_score, 'CW-nnnnnn',
                                           p_run_date));
    end if;
end
$_$;

ALTER PROCEDURE cw_nnnnnn.step_quality_gate(IN p_run_date date, IN p_scope jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.step_quality_gate(IN p_run_date date, IN p_scope jsonb) IS 'Step 2: Quality Mapper to staging, then the DataQualityGateway: every check of cw_global.quality_check_definitions per endpoint into data_quality_checks, the 0-100 score into data_quality_runs, record counts into data_quality_check_reports (the 30-day baseline). Stops the pipeline (request_stop) when a critical check fails. Re-running a date replaces its gateway run. The scope is ignored: the gate always judges the whole batch.';

CREATE TABLE cw_nnnnnn.supplier_versions (
    id bigint NOT NULL,
    supplier_id integer NOT NULL,
    valid_from date NOT NULL,
    valid_to date,
    is_current boolean NOT NULL,
    name text NOT NULL,
    country_id smallint,
    currency_id smallint NOT NULL,
    lead_time_days integer,
    moq_qty numeric(14,3),
    erp_status text NOT NULL,
    is_enabled boolean NOT NULL,
    lead_time_days_override integer,
    moq_qty_override numeric(14,3),
    is_active boolean NOT NULL,
    version_hash uuid NOT NULL,
    CONSTRAINT supplier_version_current_check CHECK ((is_current = (valid_to IS NULL))),
    CONSTRAINT supplier_version_validity_check CHECK ((valid_to > valid_from))
);

ALTER TABLE cw_nnnnnn.supplier_versions OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.supplier_versions IS 'SCD type 2 history of suppliers (ERP values and the planner''s settings). Valid on [valid_from, valid_to). See supplier_as_of().';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.supplier_id IS 'The supplier.';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.valid_from IS 'Run date from which the version holds (inclusive).';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.valid_to IS 'Run date of the next version (exclusive); null = current.';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.is_current IS 'True for the version valid today.';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.name IS 'Tracked: name.';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.country_id IS 'Tracked: country.';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.currency_id IS 'Tracked: purchase currency.';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.lead_time_days IS 'Tracked: ERP lead time.';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.moq_qty IS 'Tracked: ERP minimum order quantity.';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.erp_status IS 'Tracked: ERP status.';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.is_enabled IS 'Tracked: the planner''s switch.';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.lead_time_days_override IS 'Tracked: the planner''s lead time.';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.moq_qty_override IS 'Tracked: the planner''s MOQ.';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.is_active IS 'Tracked: present in the ERP snapshot.';

COMMENT ON COLUMN cw_nnnnnn.supplier_versions.version_hash IS 'MD5 of the tracked attributes.';

CREATE FUNCTION cw_nnnnnn.supplier_as_of(p_date date) RETURNS SETOF cw_nnnnnn.supplier_versions
    LANGUAGE sql STABLE
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
    select * from cw_nnnnnn.supplier_versions
    where supplier_versions.valid_from <= p_date
        and (supplier_versions.valid_to is null or supplier_versions.valid_to > p_date)
$$;

ALTER FUNCTION cw_nnnnnn.supplier_as_of(p_date date) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.supplier_as_of(p_date date) IS 'Every supplier as it was on a date.';

CREATE PROCEDURE cw_nnnnnn.supplier_behaviors_write(IN p_run_date date, IN p_window_days integer, INOUT p_counts jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_written bigint;
    v_deleted bigint;
begin
    call cw_nnnnnn.load_drop_temp('behavior_suppliers');
    create temp table behavior_suppliers on commit drop as
    with orders as (
        select orders.id, orders.supplier_id, orders.order_date, orders.expected_date,
               coalesce(orders.expected_date,
                        orders.order_date + coalesce(suppliers.lead_time_days_override, suppliers.lead_time_days, 0))
               as due_date
        from cw_nnnnnn.purchase_orders as orders
        inner join cw_nnnnnn.suppliers on suppliers.id = orders.supplier_id
        where orders.order_date between p_run_date - (p_window_days - 1) and p_run_date
            and orders.status is distinct from 'cancelled'
    ),

    receipts as (
        select receiving.purchase_order_id, lines.product_id, min(receiving.received_date) as first_receipt,
               sum(lines.qty_received) as qty_received
        from cw_nnnnnn.receiving_orders as receiving
        inner join cw_nnnnnn.receiving_order_lines as lines on lines.receiving_order_id = receiving.id
        where receiving.purchase_order_id in (select orders.id from orders)
            and receiving.received_date <= p_run_date and lines.is_active
        group by receiving.purchase_order_id, lines.product_id
    ),

    per_order as (
        select orders.id, orders.supplier_id, orders.order_date, orders.expected_date, orders.due_date,
               first_receipts.first_receipt
        from orders
        left join (
            select receipts.purchase_order_id, min(receipts.first_receipt) as first_receipt
            from receipts
            group by receipts.purchase_order_id
        ) as first_receipts on first_receipts.purchase_order_id = orders.id
    ),

    filled as (
        select orders.supplier_id, sum(lines.qty_ordered) as qty_ordered,
               sum(coalesce(lines.qty_delivered, receipts.qty_received, 0)) as qty_delivered
        from orders
        inner join cw_nnnnnn.purchase_order_lines as lines on lines.purchase_order_id = orders.id
        left join receipts on receipts.purchase_order_id = orders.id and receipts.product_id = lines.product_id
        where orders.due_date <= p_run_date and lines.is_active
        group by orders.supplier_id
    ),

    measured as (
        select per_order.supplier_id, count(*) as po_count,
               count(per_order.first_receipt) as received_po_count,
               round(avg(per_order.first_receipt - per_order.order_date), 2) as avg_lead_time_days,
               round(percentile_cont(0.9) within group (
                   order by per_order.first_receipt - per_order.order_date
               )::numeric, 2) as lead_time_p90,
               round(avg((per_order.first_receipt <= per_order.expected_date)::integer) filter (
                   where per_order.first_receipt is not null and per_order.expected_date is not null
               ), 4) as on_time_rate
        from per_order
        group by per_order.supplier_id
    ),

    open_orders as (
        select orders.supplier_id, count(*) as open_po_count
        from cw_nnnnnn.purchase_orders as orders
        where orders.status in ('open', 'confirmed', 'partially_received') and orders.order_date <= p_run_date
        group by orders.supplier_id
    )

    select suppliers.id as supplier_id, coalesce(measured.po_count, 0) as po_count,
           coalesce(measured.received_po_count, 0) as received_po_count, measured.avg_lead_time_days,
           measured.lead_time_p90, round(filled.qty_delivered / nullif(filled.qty_ordered, 0), 4) as fill_rate,
           measured.on_time_rate, coalesce(open_orders.open_po_count, 0) as open_po_count
    from cw_nnnnnn.suppliers
    left join measured on measured.supplier_id = suppliers.id
    left join filled on filled.supplier_id = suppliers.id
    left join open_orders on open_orders.supplier_id = suppliers.id
    where measured.supplier_id is not null or open_orders.supplier_id is not null;

    insert into cw_nnnnnn.supplier_behaviors as behaviors (
        supplier_id, snapshot_date, window_days, po_count, received_po_count, avg_lead_time_days, lead_time_p90,
        fill_rate, on_time_rate, open_po_count
    )
    select measured.supplier_id, p_run_date, p_window_days, measured.po_count, measured.received_po_count,
           measured.avg_lead_time_days, measured.lead_time_p90, measured.fill_rate, measured.on_time_rate,
           measured.open_po_count
    from behavior_suppliers as measured
    on conflict on constraint supplier_behaviors_supplier_id_snapshot_date_key do update
    set window_days = excluded.window_days, po_count = excluded.po_count,
        received_po_count = excluded.received_po_count, avg_lead_time_days = excluded.avg_lead_time_days,
        lead_time_p90 = excluded.lead_time_p90, fill_rate = excluded.fill_rate,
        on_time_rate = excluded.on_time_rate, open_po_count = excluded.open_po_count, updated_at = now()
    where (behaviors.window_days, behaviors.po_count, behaviors.received_po_count, behaviors.avg_lead_time_days,
           behaviors.lead_time_p90, behaviors.fill_rate, behaviors.on_time_rate, behaviors.open_po_count)
        is distinct from
        (excluded.window_days, excluded.po_count, excluded.received_po_count, excluded.avg_lead_time_days,
         excluded.lead_time_p90, excluded.fill_rate, excluded.on_time_rate, excluded.open_po_count);
    get diagnostics v_written = row_count;

    delete from cw_nnnnnn.supplier_behaviors as behaviors
    where behaviors.snapshot_date = p_run_date
        and not exists (select from behavior_suppliers as measured where measured.supplier_id = behaviors.supplier_id);
    get diagnostics v_deleted = row_count;

    p_counts := coalesce(p_counts, '{}') || jsonb_build_object(
        'suppliers_written', v_written,
        'rows_deleted', coalesce((p_counts ->> 'rows_deleted')::bigint, 0) + v_deleted
    );
end
$$;

ALTER PROCEDURE cw_nnnnnn.supplier_behaviors_write(IN p_run_date date, IN p_window_days integer, INOUT p_counts jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.supplier_behaviors_write(IN p_run_date date, IN p_window_days integer, INOUT p_counts jsonb) IS 'Step 6 (behaviors), unscoped runs: supplier_behaviors of the snapshot over the purchase orders (not cancelled) dated in the trailing supplier window: lead time order -> first receipt (mean, p90), fill rate of the due orders, on-time rate against the expected date, and open orders on the date. Only changed rows are written; suppliers without orders lose their row of the date. Adds suppliers_written to p_counts.';

CREATE PROCEDURE cw_nnnnnn.truncate_staging()
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'pg_catalog', 'pg_temp'
    AS $$
begin
    truncate cw_nnnnnn_staging.staging_products, cw_nnnnnn_staging.staging_locations,
        cw_nnnnnn_staging.staging_suppliers, cw_nnnnnn_staging.staging_sales_orders,
        cw_nnnnnn_staging.staging_purchase_orders, cw_nnnnnn_staging.staging_receiving_orders,
        cw_nnnnnn_staging.staging_store_orders, cw_nnnnnn_staging.staging_transfer_orders,
        cw_nnnnnn_staging.staging_inventory_balances, cw_nnnnnn_staging.staging_prices,
        cw_nnnnnn_staging.staged_files;
end
$$;

ALTER PROCEDURE cw_nnnnnn.truncate_staging() OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.truncate_staging() IS 'Empties the ten typed staging tables and staged_files together.';

CREATE FUNCTION cw_nnnnnn.validate_scope(p_scope jsonb) RETURNS jsonb
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'cw_nnnnnn', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_key text;
begin
    if p_scope is null then
        return null;
    end if;
    if jsonb_typeof(p_scope) <> 'object' then
        raise exception 'invalid pipeline scope % (expected a JSON object)', p_scope
            using errcode = 'CW013', hint = 'e.g. {"products": ["P000123"], "locations": ["L001"]}';
    end if;
    for v_key in select jsonb_object_keys(p_scope) loop
        if v_key not in ('products', 'locations') then
            raise exception 'invalid pipeline scope key % in %', quote_literal(v_key), p_scope
                using errcode = 'CW013', hint = 'allowed keys: products, locations (arrays of ERP ids)';
        end if;
        if jsonb_typeof(p_scope -> v_key) <> 'array'
            or exists (select from jsonb_array_elements(p_scope -> v_key) as element (value)
                       where jsonb_typeof(element.value) not in ('string', 'number')) then
            raise exception 'invalid pipeline scope: % must be an array of ERP ids, got %', v_key, p_scope -> v_key
                using errcode = 'CW013', hint = 'e.g. {"products": ["P000123", "P000124"]}';
        end if;
    end loop;
    return p_scope;
end
$$;

ALTER FUNCTION cw_nnnnnn.validate_scope(p_scope jsonb) OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn.validate_scope(p_scope jsonb) IS 'Checks an incremental scope {"products": [...], "locations": [...]} and returns it; SQLSTATE CW013 when malformed.';

CREATE PROCEDURE cw_nnnnnn.write_inventory_balances(IN p_run_date date, IN p_src_row bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    with written as (
        insert into cw_nnnnnn.inventory_balances as balances (
            product_id, location_id, balance_date, qty_available, qty_blocked, qty_reserved, qty_all, row_hash,
            raw_hash
        )
        select products.id, locations.id, src.balance_date, src.qty_available, src.qty_blocked, src.qty_reserved,
               src.qty_all, src.row_hash, src.raw_hash
        from src_inventory_balances as src
        inner join cw_nnnnnn.products on products.erp_id = src.product_erp_id
        inner join cw_nnnnnn.locations on locations.erp_id = src.location_erp_id
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.inventory_balances as existing
                            where existing.product_id = products.id and existing.location_id = locations.id
                                and existing.balance_date = src.balance_date and existing.row_hash = src.row_hash)
        on conflict on constraint inventory_balances_product_id_location_id_balance_date_key do update
        set qty_available = excluded.qty_available, qty_blocked = excluded.qty_blocked,
            qty_reserved = excluded.qty_reserved, qty_all = excluded.qty_all, row_hash = excluded.row_hash,
            raw_hash = excluded.raw_hash, updated_at = now()
        where balances.row_hash is distinct from excluded.row_hash
        returning (balances.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'inventory_balances', count(*) filter (where written.is_insert),
           count(*) filter (where not written.is_insert)
    from written;

    if p_src_row is not null or cw_nnnnnn.load_has_unwritten_rows('inventory_balances') then
        update cw_nnnnnn.inventory_balances
        set raw_hash = src.raw_hash
        from src_inventory_balances as src
        inner join cw_nnnnnn.products on products.erp_id = src.product_erp_id
        inner join cw_nnnnnn.locations on locations.erp_id = src.location_erp_id
        where inventory_balances.product_id = products.id and inventory_balances.location_id = locations.id
            and inventory_balances.balance_date = src.balance_date and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
                and inventory_balances.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;

ALTER PROCEDURE cw_nnnnnn.write_inventory_balances(IN p_run_date date, IN p_src_row bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.write_inventory_balances(IN p_run_date date, IN p_src_row bigint) IS 'Upserts the accepted balances of src_inventory_balances by (product, location, balance date), only when a quantity changed.';

CREATE PROCEDURE cw_nnnnnn.write_locations(IN p_run_date date, IN p_src_row bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    with written as (
        insert into cw_nnnnnn.locations as locations (
            erp_id, name, location_type, echelon, parent_location_id, city_name, city_id, country_id, currency_id,
            timezone, erp_status, open_date, close_date, first_seen_date, row_hash, raw_hash
        )
        select src.erp_key, src.name, src.location_type, src.echelon::smallint,
               (select parent.id from cw_nnnnnn.locations as parent where parent.erp_id = src.parent_erp_id),
               src.city_name, src.city_id, src.country_id, src.currency_id, src.timezone, src.erp_status,
               src.open_date, src.close_date, p_run_date, src.row_hash, src.raw_hash
        from src_locations as src
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.locations as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash
                                and existing.is_active)
        on conflict on constraint locations_erp_id_key do update
        set name = excluded.name, location_type = excluded.location_type, echelon = excluded.echelon,
            parent_location_id = excluded.parent_location_id, city_name = excluded.city_name,
            city_id = excluded.city_id, country_id = excluded.country_id, currency_id = excluded.currency_id,
            timezone = excluded.timezone, erp_status = excluded.erp_status, open_date = excluded.open_date,
            close_date = excluded.close_date, row_hash = excluded.row_hash, raw_hash = excluded.raw_hash,
            is_active = true, deactivated_on = null, updated_at = now()
        where locations.row_hash is distinct from excluded.row_hash or not locations.is_active
        returning (locations.xmax = 0) as is_insert
    )
    insert into load_counts (entity, inserted, updated)
    select 'locations', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    if p_src_row is not null or cw_nnnnnn.load_has_unwritten_rows('locations') then
        update cw_nnnnnn.locations
        set raw_hash = src.raw_hash
        from src_locations as src
        where src.erp_key = locations.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and locations.raw_hash is distinct from src.raw_hash;
    end if;

    -- Parents that arrived in the same snapshot are resolved once every location has its id; so are the parents of
    -- unchanged locations that were skipped (a parent may arrive after its child).
    update cw_nnnnnn.locations
    set parent_location_id = parent.id
    from (select src.erp_key, src.parent_erp_id
          from src_locations as src
          where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
          union all
          select staged.location_id, nullif(btrim(staged.parent_location_id), '')
          from cw_nnnnnn_staging.staging_locations as staged
          inner join batch_locations as batch
              on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
          where batch.is_unchanged and p_src_row is null) as accepted
    inner join cw_nnnnnn.locations as parent on parent.erp_id = accepted.parent_erp_id
    where accepted.erp_key = locations.erp_id and locations.parent_location_id is distinct from parent.id;
end
$$;

ALTER PROCEDURE cw_nnnnnn.write_locations(IN p_run_date date, IN p_src_row bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.write_locations(IN p_run_date date, IN p_src_row bigint) IS 'Upserts the accepted rows of src_locations by ERP id (only changed rows), then resolves replenish-from parents by ERP id. is_enabled and planner_note (UI) are never written.';

CREATE PROCEDURE cw_nnnnnn.write_price_lists(IN p_run_date date, IN p_src_row bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    with written as (
        insert into cw_nnnnnn.price_lists as price_lists (
            erp_id, name, channel, country_id, currency_id, valid_from, valid_to, first_seen_date, row_hash
        )
        select src.erp_key, src.name, src.channel, src.country_id, src.currency_id, src.valid_from, src.valid_to,
               p_run_date, src.row_hash
        from src_price_lists as src
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.price_lists as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash
                                and existing.is_active)
        on conflict on constraint price_lists_erp_id_key do update
        set name = excluded.name, channel = excluded.channel, country_id = excluded.country_id,
            currency_id = excluded.currency_id, valid_from = excluded.valid_from, valid_to = excluded.valid_to,
            row_hash = excluded.row_hash, is_active = true, deactivated_on = null, updated_at = now()
        where price_lists.row_hash is distinct from excluded.row_hash or not price_lists.is_active
        returning (price_lists.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'price_lists', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;
end
$$;

ALTER PROCEDURE cw_nnnnnn.write_price_lists(IN p_run_date date, IN p_src_row bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.write_price_lists(IN p_run_date date, IN p_src_row bigint) IS 'Upserts the accepted rows of src_price_lists by ERP id, writing only changed rows.';

CREATE PROCEDURE cw_nnnnnn.write_prices(IN p_run_date date, IN p_src_row bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    with written as (
        insert into cw_nnnnnn.prices as prices (
            price_list_id, product_id, erp_price, erp_promo_price, price, promo_price, first_seen_date, row_hash,
            raw_hash
        )
        select price_lists.id, products.id, src.price, src.promo_price, round(src.price * src.fx_rate, 4),
               round(src.promo_price * src.fx_rate, 4), p_run_date, src.row_hash, src.raw_hash
        from src_prices as src
        inner join cw_nnnnnn.price_lists on price_lists.erp_id = src.price_list_erp_id
        inner join cw_nnnnnn.products on products.erp_id = src.product_erp_id
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.prices as existing
                            where existing.price_list_id = price_lists.id and existing.product_id = products.id
                                and existing.row_hash = src.row_hash and existing.is_active)
        on conflict on constraint prices_price_list_id_product_id_key do update
        set erp_price = excluded.erp_price, erp_promo_price = excluded.erp_promo_price, price = excluded.price,
            promo_price = excluded.promo_price, row_hash = excluded.row_hash, raw_hash = excluded.raw_hash,
            is_active = true, updated_at = now()
        where prices.row_hash is distinct from excluded.row_hash or not prices.is_active
        returning (prices.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'prices', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    if p_src_row is not null or cw_nnnnnn.load_has_unwritten_rows('prices') then
        update cw_nnnnnn.prices
        set raw_hash = src.raw_hash
        from src_prices as src
        inner join cw_nnnnnn.price_lists on price_lists.erp_id = src.price_list_erp_id
        inner join cw_nnnnnn.products on products.erp_id = src.product_erp_id
        where prices.price_list_id = price_lists.id and prices.product_id = products.id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row) and prices.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;

ALTER PROCEDURE cw_nnnnnn.write_prices(IN p_run_date date, IN p_src_row bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.write_prices(IN p_run_date date, IN p_src_row bigint) IS 'Upserts the accepted rows of src_prices by (price list, product): list-currency prices as sent and client-currency prices, written only when changed.';

CREATE PROCEDURE cw_nnnnnn.write_products(IN p_run_date date, IN p_src_row bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    with resolved as (
        select src.*, brands.id as brand_id, categories.id as product_category_id, suppliers.id as supplier_id
        from src_products as src
        left join cw_nnnnnn.brands on brands.name = src.brand
        left join cw_nnnnnn.product_categories as categories on categories.path = src.category_path
        left join cw_nnnnnn.suppliers on suppliers.erp_id = src.supplier_erp_id
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.products as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash
                                and existing.is_active)
    ),

    written as (
        insert into cw_nnnnnn.products as products (
            erp_id, sku, ean, name, brand_id, product_category_id, primary_supplier_id, erp_currency_id, erp_cost,
            erp_price, cost, price, pack_size_qty, is_dropship, erp_status, launch_date, discontinue_date,
            erp_updated_at, first_seen_date, row_hash, raw_hash
        )
        select resolved.erp_key, resolved.sku, resolved.ean, resolved.name, resolved.brand_id,
               resolved.product_category_id, resolved.supplier_id, resolved.currency_id, resolved.cost,
               resolved.price, round(resolved.cost * resolved.fx_rate, 4), round(resolved.price * resolved.fx_rate, 4),
               resolved.pack_size_qty, resolved.is_dropship, resolved.erp_status, resolved.launch_date,
               resolved.discontinue_date, resolved.erp_updated_at, p_run_date, resolved.row_hash, resolved.raw_hash
        from resolved
        on conflict on constraint products_erp_id_key do update
        set sku = excluded.sku, ean = excluded.ean, name = excluded.name, brand_id = excluded.brand_id,
            product_category_id = excluded.product_category_id, primary_supplier_id = excluded.primary_supplier_id,
            erp_currency_id = excluded.erp_currency_id, erp_cost = excluded.erp_cost, erp_price = excluded.erp_price,
            cost = excluded.cost, price = excluded.price, pack_size_qty = excluded.pack_size_qty,
            is_dropship = excluded.is_dropship, erp_status = excluded.erp_status, launch_date = excluded.launch_date,
            discontinue_date = excluded.discontinue_date, erp_updated_at = excluded.erp_updated_at,
            row_hash = excluded.row_hash, raw_hash = excluded.raw_hash, is_active = true, deactivated_on = null,
            updated_at = now()
        where products.row_hash is distinct from excluded.row_hash or not products.is_active
        returning (products.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'products', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    if p_src_row is not null or cw_nnnnnn.load_has_unwritten_rows('products') then
        update cw_nnnnnn.products
        set raw_hash = src.raw_hash
        from src_products as src
        where src.erp_key = products.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and products.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;

ALTER PROCEDURE cw_nnnnnn.write_products(IN p_run_date date, IN p_src_row bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.write_products(IN p_run_date date, IN p_src_row bigint) IS 'Upserts the accepted rows of src_products by ERP id (only changed rows): brand, leaf category and supplier resolved by business key, money converted to the client currency. The UI-owned discontinued_override, assortment_override and planner_note are never written: the ERP''s status lands in erp_status beside them.';

CREATE PROCEDURE cw_nnnnnn.write_purchase_orders(IN p_run_date date, IN p_src_row bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    with written as (
        insert into cw_nnnnnn.purchase_orders as orders (
            erp_id, supplier_id, location_id, order_date, expected_date, status, currency_id, fx_rate,
            first_loaded_on, row_hash, raw_hash
        )
        select src.erp_key, suppliers.id, locations.id, src.order_date, src.expected_date, src.status,
               src.currency_id, src.fx_rate, p_run_date, src.row_hash, src.raw_hash
        from src_purchase_orders as src
        inner join cw_nnnnnn.suppliers on suppliers.erp_id = src.supplier_erp_id
        inner join cw_nnnnnn.locations on locations.erp_id = src.location_erp_id
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.purchase_orders as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash)
        on conflict on constraint purchase_orders_erp_id_key do update
        set supplier_id = excluded.supplier_id, location_id = excluded.location_id, order_date = excluded.order_date,
            expected_date = excluded.expected_date, status = excluded.status, currency_id = excluded.currency_id,
            fx_rate = excluded.fx_rate, row_hash = excluded.row_hash, raw_hash = excluded.raw_hash, updated_at = now()
        where orders.row_hash is distinct from excluded.row_hash
        returning (orders.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'purchase_orders', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    with written as (
        insert into cw_nnnnnn.purchase_order_lines as lines (
            purchase_order_id, line_no, product_id, qty_ordered, qty_confirmed, qty_delivered, unit_cost, row_hash
        )
        select orders.id, src_lines.line_no, products.id, src_lines.qty_ordered, src_lines.qty_confirmed,
               src_lines.qty_delivered, round(src_lines.unit_cost * headers.fx_rate, 4), src_lines.row_hash
        from src_purchase_order_lines as src_lines
        inner join src_purchase_orders as headers on headers.src_row = src_lines.doc_row
        inner join cw_nnnnnn.purchase_orders as orders on orders.erp_id = headers.erp_key
        inner join cw_nnnnnn.products on products.erp_id = src_lines.product_erp_id
        where src_lines.reject_code is null and (p_src_row is null or headers.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.purchase_order_lines as existing
                            where existing.purchase_order_id = orders.id and existing.line_no = src_lines.line_no
                                and existing.row_hash = src_lines.row_hash and existing.is_active)
        on conflict on constraint purchase_order_lines_purchase_order_id_line_no_key do update
        set product_id = excluded.product_id, qty_ordered = excluded.qty_ordered,
            qty_confirmed = excluded.qty_confirmed, qty_delivered = excluded.qty_delivered,
            unit_cost = excluded.unit_cost, row_hash = excluded.row_hash, is_active = true, updated_at = now()
        where lines.row_hash is distinct from excluded.row_hash or not lines.is_active
        returning (lines.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'purchase_order_lines', count(*) filter (where written.is_insert),
           count(*) filter (where not written.is_insert)
    from written;

    -- The document's raw hash, also when only a line changed (null while a line is rejected: prepared again).
    if p_src_row is not null or cw_nnnnnn.load_has_unwritten_rows('purchase_orders') then
        update cw_nnnnnn.purchase_orders
        set raw_hash = src.raw_hash
        from src_purchase_orders as src
        where src.erp_key = purchase_orders.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and purchase_orders.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;

ALTER PROCEDURE cw_nnnnnn.write_purchase_orders(IN p_run_date date, IN p_src_row bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.write_purchase_orders(IN p_run_date date, IN p_src_row bigint) IS 'Upserts accepted purchase order headers and lines (all, or one document), only rows whose hash changed: a PO re-sent with new confirmed or delivered quantities updates just those lines.';

CREATE PROCEDURE cw_nnnnnn.write_receiving_orders(IN p_run_date date, IN p_src_row bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    with written as (
        insert into cw_nnnnnn.receiving_orders as orders (
            erp_id, location_id, received_date, source_type, purchase_order_id, transfer_order_id, source_erp_id,
            first_loaded_on, row_hash, raw_hash
        )
        select src.erp_key, locations.id, src.received_date, src.source_type, purchase_orders.id,
               transfer_orders.id, src.source_erp_id, p_run_date, src.row_hash, src.raw_hash
        from src_receiving_orders as src
        inner join cw_nnnnnn.locations on locations.erp_id = src.location_erp_id
        left join cw_nnnnnn.purchase_orders
            on purchase_orders.erp_id = src.source_erp_id and src.source_type = 'purchase'
        left join cw_nnnnnn.transfer_orders
            on transfer_orders.erp_id = src.source_erp_id and src.source_type = 'transfer'
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.receiving_orders as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash)
        on conflict on constraint receiving_orders_erp_id_key do update
        set location_id = excluded.location_id, received_date = excluded.received_date,
            source_type = excluded.source_type, purchase_order_id = excluded.purchase_order_id,
            transfer_order_id = excluded.transfer_order_id, source_erp_id = excluded.source_erp_id,
            row_hash = excluded.row_hash, raw_hash = excluded.raw_hash, updated_at = now()
        where orders.row_hash is distinct from excluded.row_hash
        returning (orders.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'receiving_orders', count(*) filter (where written.is_insert),
           count(*) filter (where not written.is_insert)
    from written;

    with written as (
        insert into cw_nnnnnn.receiving_order_lines as lines (
            receiving_order_id, line_no, product_id, qty_received, qty_blocked, row_hash
        )
        select orders.id, src_lines.line_no, products.id, src_lines.qty_received, src_lines.qty_blocked,
               src_lines.row_hash
        from src_receiving_order_lines as src_lines
        inner join src_receiving_orders as headers on headers.src_row = src_lines.doc_row
        inner join cw_nnnnnn.receiving_orders as orders on orders.erp_id = headers.erp_key
        inner join cw_nnnnnn.products on products.erp_id = src_lines.product_erp_id
        where src_lines.reject_code is null and (p_src_row is null or headers.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.receiving_order_lines as existing
                            where existing.receiving_order_id = orders.id and existing.line_no = src_lines.line_no
                                and existing.row_hash = src_lines.row_hash and existing.is_active)
        on conflict on constraint receiving_order_lines_receiving_order_id_line_no_key do update
        set product_id = excluded.product_id, qty_received = excluded.qty_received,
            qty_blocked = excluded.qty_blocked, row_hash = excluded.row_hash, is_active = true, updated_at = now()
        where lines.row_hash is distinct from excluded.row_hash or not lines.is_active
        returning (lines.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'receiving_order_lines', count(*) filter (where written.is_insert),
           count(*) filter (where not written.is_insert)
    from written;

    -- The document's raw hash, also when only a line changed (null while a line is rejected: prepared again).
    if p_src_row is not null or cw_nnnnnn.load_has_unwritten_rows('receiving_orders') then
        update cw_nnnnnn.receiving_orders
        set raw_hash = src.raw_hash
        from src_receiving_orders as src
        where src.erp_key = receiving_orders.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and receiving_orders.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;

ALTER PROCEDURE cw_nnnnnn.write_receiving_orders(IN p_run_date date, IN p_src_row bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.write_receiving_orders(IN p_run_date date, IN p_src_row bigint) IS 'Upserts accepted receipt headers and lines (all, or one document), only rows whose hash changed; the PO or transfer received is resolved when it is loaded, its ERP number kept either way.';

CREATE PROCEDURE cw_nnnnnn.write_sales_orders(IN p_run_date date, IN p_src_row bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    with written as (
        insert into cw_nnnnnn.sales_orders as orders (
            erp_id, order_date, location_id, customer_id, customer_erp_id, payment_method_id, channel, status,
            currency_id, fx_rate, first_loaded_on, row_hash, raw_hash
        )
        select src.erp_key, src.order_date, locations.id, customers.id, src.customer_erp_id, payment_methods.id,
               src.channel, src.status, src.currency_id, src.fx_rate, p_run_date, src.row_hash, src.raw_hash
        from src_sales_orders as src
        inner join cw_nnnnnn.locations on locations.erp_id = src.location_erp_id
        left join cw_nnnnnn.customers on customers.erp_id = src.customer_erp_id
        left join cw_nnnnnn.payment_methods on payment_methods.code = src.payment_method
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.sales_orders as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash)
        on conflict on constraint sales_orders_erp_id_key do update
        set order_date = excluded.order_date, location_id = excluded.location_id, customer_id = excluded.customer_id,
            customer_erp_id = excluded.customer_erp_id, payment_method_id = excluded.payment_method_id,
            channel = excluded.channel, status = excluded.status, currency_id = excluded.currency_id,
            fx_rate = excluded.fx_rate, row_hash = excluded.row_hash, raw_hash = excluded.raw_hash, updated_at = now()
        where orders.row_hash is distinct from excluded.row_hash
        returning (orders.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'sales_orders', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    with written as (
        insert into cw_nnnnnn.sales_order_lines as lines (
            sales_order_id, line_no, product_id, qty, unit_price, discount, revenue, row_hash
        )
        select orders.id, src_lines.line_no, products.id, src_lines.qty,
               round(src_lines.unit_price * headers.fx_rate, 4),
               round(src_lines.discount * headers.fx_rate, 4), round(src_lines.revenue * headers.fx_rate, 4),
               src_lines.row_hash
        from src_sales_order_lines as src_lines
        inner join src_sales_orders as headers on headers.src_row = src_lines.doc_row
        inner join cw_nnnnnn.sales_orders as orders on orders.erp_id = headers.erp_key
        inner join cw_nnnnnn.products on products.erp_id = src_lines.product_erp_id
        where src_lines.reject_code is null and (p_src_row is null or headers.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.sales_order_lines as existing
                            where existing.sales_order_id = orders.id and existing.line_no = src_lines.line_no
                                and existing.row_hash = src_lines.row_hash and existing.is_active)
        on conflict on constraint sales_order_lines_sales_order_id_line_no_key do update
        set product_id = excluded.product_id, qty = excluded.qty, unit_price = excluded.unit_price,
            discount = excluded.discount, revenue = excluded.revenue, row_hash = excluded.row_hash, is_active = true,
            updated_at = now()
        where lines.row_hash is distinct from excluded.row_hash or not lines.is_active
        returning (lines.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'sales_order_lines', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    -- Lines a re-sent order no longer has are kept, inactive.
    update cw_nnnnnn.sales_order_lines
    set is_active = false, updated_at = now()
    from src_sales_orders as headers
    inner join cw_nnnnnn.sales_orders as orders on orders.erp_id = headers.erp_key
    where sales_order_lines.sales_order_id = orders.id and sales_order_lines.is_active and headers.reject_code is null
        and (p_src_row is null or headers.src_row = p_src_row)
        and not exists (select from src_sales_order_lines as src_lines
                        where src_lines.doc_row = headers.src_row and src_lines.line_no = sales_order_lines.line_no);

    -- The document's raw hash, also when only a line changed (null while a line is rejected: prepared again).
    if p_src_row is not null or cw_nnnnnn.load_has_unwritten_rows('sales_orders') then
        update cw_nnnnnn.sales_orders
        set raw_hash = src.raw_hash
        from src_sales_orders as src
        where src.erp_key = sales_orders.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and sales_orders.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;

ALTER PROCEDURE cw_nnnnnn.write_sales_orders(IN p_run_date date, IN p_src_row bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.write_sales_orders(IN p_run_date date, IN p_src_row bigint) IS 'Upserts the accepted sales order headers of src_sales_orders (all, or one document) and their accepted lines, writing only rows whose hash changed; lines missing from a re-sent order are marked inactive.';

CREATE PROCEDURE cw_nnnnnn.write_store_orders(IN p_run_date date, IN p_src_row bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    with written as (
        insert into cw_nnnnnn.store_orders as orders (
            erp_id, location_id, source_location_id, order_date, requested_date, first_loaded_on, row_hash, raw_hash
        )
        select src.erp_key, locations.id, sources.id, src.order_date, src.requested_date, p_run_date, src.row_hash,
               src.raw_hash
        from src_store_orders as src
        inner join cw_nnnnnn.locations on locations.erp_id = src.location_erp_id
        left join cw_nnnnnn.locations as sources on sources.erp_id = src.source_location_erp_id
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.store_orders as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash)
        on conflict on constraint store_orders_erp_id_key do update
        set location_id = excluded.location_id, source_location_id = excluded.source_location_id,
            order_date = excluded.order_date, requested_date = excluded.requested_date, row_hash = excluded.row_hash,
            raw_hash = excluded.raw_hash, updated_at = now()
        where orders.row_hash is distinct from excluded.row_hash
        returning (orders.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'store_orders', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    with written as (
        insert into cw_nnnnnn.store_order_lines as lines (
            store_order_id, line_no, product_id, qty_requested, qty_allocated, row_hash
        )
        select orders.id, src_lines.line_no, products.id, src_lines.qty_requested, src_lines.qty_allocated,
               src_lines.row_hash
        from src_store_order_lines as src_lines
        inner join src_store_orders as headers on headers.src_row = src_lines.doc_row
        inner join cw_nnnnnn.store_orders as orders on orders.erp_id = headers.erp_key
        inner join cw_nnnnnn.products on products.erp_id = src_lines.product_erp_id
        where src_lines.reject_code is null and (p_src_row is null or headers.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.store_order_lines as existing
                            where existing.store_order_id = orders.id and existing.line_no = src_lines.line_no
                                and existing.row_hash = src_lines.row_hash and existing.is_active)
        on conflict on constraint store_order_lines_store_order_id_line_no_key do update
        set product_id = excluded.product_id, qty_requested = excluded.qty_requested,
            qty_allocated = excluded.qty_allocated, row_hash = excluded.row_hash, is_active = true, updated_at = now()
        where lines.row_hash is distinct from excluded.row_hash or not lines.is_active
        returning (lines.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'store_order_lines', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    -- The document's raw hash, also when only a line changed (null while a line is rejected: prepared again).
    if p_src_row is not null or cw_nnnnnn.load_has_unwritten_rows('store_orders') then
        update cw_nnnnnn.store_orders
        set raw_hash = src.raw_hash
        from src_store_orders as src
        where src.erp_key = store_orders.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and store_orders.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;

ALTER PROCEDURE cw_nnnnnn.write_store_orders(IN p_run_date date, IN p_src_row bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.write_store_orders(IN p_run_date date, IN p_src_row bigint) IS 'Upserts accepted store order headers and lines (all, or one document), only rows whose hash changed.';

CREATE PROCEDURE cw_nnnnnn.write_suppliers(IN p_run_date date, IN p_src_row bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    with written as (
        insert into cw_nnnnnn.suppliers as suppliers (
            erp_id, name, country_id, currency_id, lead_time_days, moq_qty, erp_status, first_seen_date, row_hash,
            raw_hash
        )
        select src.erp_key, src.name, src.country_id, src.currency_id, src.lead_time_days::integer, src.moq_qty,
               src.erp_status, p_run_date, src.row_hash, src.raw_hash
        from src_suppliers as src
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.suppliers as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash
                                and existing.is_active)
        on conflict on constraint suppliers_erp_id_key do update
        set name = excluded.name, country_id = excluded.country_id, currency_id = excluded.currency_id,
            lead_time_days = excluded.lead_time_days, moq_qty = excluded.moq_qty, erp_status = excluded.erp_status,
            row_hash = excluded.row_hash, raw_hash = excluded.raw_hash, is_active = true, deactivated_on = null,
            updated_at = now()
        where suppliers.row_hash is distinct from excluded.row_hash or not suppliers.is_active
        returning (suppliers.xmax = 0) as is_insert
    )
    insert into load_counts (entity, inserted, updated)
    select 'suppliers', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    -- Values as sent changed, typed values did not (a blank trimmed away): only the raw hash is brought up to date.
    if p_src_row is not null or cw_nnnnnn.load_has_unwritten_rows('suppliers') then
        update cw_nnnnnn.suppliers
        set raw_hash = src.raw_hash
        from src_suppliers as src
        where src.erp_key = suppliers.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and suppliers.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;

ALTER PROCEDURE cw_nnnnnn.write_suppliers(IN p_run_date date, IN p_src_row bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.write_suppliers(IN p_run_date date, IN p_src_row bigint) IS 'Upserts the accepted rows of src_suppliers (all, or one src_row) by ERP id, writing only rows whose hash changed; UI-owned columns are never in the update list.';

CREATE PROCEDURE cw_nnnnnn.write_transfer_orders(IN p_run_date date, IN p_src_row bigint)
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn', 'cw_nnnnnn_staging', 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
begin
    with written as (
        insert into cw_nnnnnn.transfer_orders as orders (
            erp_id, from_location_id, to_location_id, store_order_id, store_order_erp_id, reason, ship_date,
            expected_date, received_date, status, first_loaded_on, row_hash, raw_hash
        )
        select src.erp_key, from_locations.id, to_locations.id, store_orders.id, src.store_order_erp_id, src.reason,
               src.ship_date, src.expected_date, src.received_date, src.status, p_run_date, src.row_hash,
               src.raw_hash
        from src_transfer_orders as src
        inner join cw_nnnnnn.locations as from_locations on from_locations.erp_id = src.from_location_erp_id
        inner join cw_nnnnnn.locations as to_locations on to_locations.erp_id = src.to_location_erp_id
        left join cw_nnnnnn.store_orders on store_orders.erp_id = src.store_order_erp_id
        where src.reject_code is null and (p_src_row is null or src.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.transfer_orders as existing
                            where existing.erp_id = src.erp_key and existing.row_hash = src.row_hash)
        on conflict on constraint transfer_orders_erp_id_key do update
        set from_location_id = excluded.from_location_id, to_location_id = excluded.to_location_id,
            store_order_id = excluded.store_order_id, store_order_erp_id = excluded.store_order_erp_id,
            reason = excluded.reason, ship_date = excluded.ship_date, expected_date = excluded.expected_date,
            received_date = excluded.received_date, status = excluded.status, row_hash = excluded.row_hash,
            raw_hash = excluded.raw_hash, updated_at = now()
        where orders.row_hash is distinct from excluded.row_hash
        returning (orders.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'transfer_orders', count(*) filter (where written.is_insert), count(*) filter (where not written.is_insert)
    from written;

    with written as (
        insert into cw_nnnnnn.transfer_order_lines as lines (
            transfer_order_id, line_no, product_id, qty_shipped, qty_received, row_hash
        )
        select orders.id, src_lines.line_no, products.id, src_lines.qty_shipped, src_lines.qty_received,
               src_lines.row_hash
        from src_transfer_order_lines as src_lines
        inner join src_transfer_orders as headers on headers.src_row = src_lines.doc_row
        inner join cw_nnnnnn.transfer_orders as orders on orders.erp_id = headers.erp_key
        inner join cw_nnnnnn.products on products.erp_id = src_lines.product_erp_id
        where src_lines.reject_code is null and (p_src_row is null or headers.src_row = p_src_row)
            and not exists (select from cw_nnnnnn.transfer_order_lines as existing
                            where existing.transfer_order_id = orders.id and existing.line_no = src_lines.line_no
                                and existing.row_hash = src_lines.row_hash and existing.is_active)
        on conflict on constraint transfer_order_lines_transfer_order_id_line_no_key do update
        set product_id = excluded.product_id, qty_shipped = excluded.qty_shipped,
            qty_received = excluded.qty_received, row_hash = excluded.row_hash, is_active = true, updated_at = now()
        where lines.row_hash is distinct from excluded.row_hash or not lines.is_active
        returning (lines.xmax = 0) as is_insert
    )

    insert into load_counts (entity, inserted, updated)
    select 'transfer_order_lines', count(*) filter (where written.is_insert),
           count(*) filter (where not written.is_insert)
    from written;

    -- The document's raw hash, also when only a line changed (null while a line is rejected: prepared again).
    if p_src_row is not null or cw_nnnnnn.load_has_unwritten_rows('transfer_orders') then
        update cw_nnnnnn.transfer_orders
        set raw_hash = src.raw_hash
        from src_transfer_orders as src
        where src.erp_key = transfer_orders.erp_id and src.reject_code is null
            and (p_src_row is null or src.src_row = p_src_row)
            and transfer_orders.raw_hash is distinct from src.raw_hash;
    end if;
end
$$;

ALTER PROCEDURE cw_nnnnnn.write_transfer_orders(IN p_run_date date, IN p_src_row bigint) OWNER TO cw_nnnnnn_owner;

COMMENT ON PROCEDURE cw_nnnnnn.write_transfer_orders(IN p_run_date date, IN p_src_row bigint) IS 'Upserts accepted transfer order headers and lines (all, or one document), only rows whose hash changed: a transfer re-sent on receipt updates its status, receipt date and received quantities.';

CREATE FUNCTION cw_nnnnnn_staging.raw_files_check_no_records() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn_staging', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_file_id bigint;
begin
    select old_files.id into v_file_id
    from old_files
    where not exists (select from cw_nnnnnn_staging.raw_files where raw_files.id = old_files.id)
        and exists (
            select from cw_nnnnnn_staging.raw_records
            where raw_records.file_date = old_files.file_date and raw_records.file_id = old_files.id
        )
    limit 1;
    if found then
        raise exception 'raw_files row % still has raw records', v_file_id
            using errcode = 'foreign_key_violation',
            hint = 'drop the raw records first (their monthly raw_records partition, or delete them by file_id)';
    end if;
    return null;
end
$$;

ALTER FUNCTION cw_nnnnnn_staging.raw_files_check_no_records() OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn_staging.raw_files_check_no_records() IS 'Trigger (after delete or update, per statement): a raw_files row that goes away must not leave raw_records rows behind; raises foreign_key_violation (23503) otherwise.';

CREATE FUNCTION cw_nnnnnn_staging.raw_records_check_file_ids() RETURNS trigger
    LANGUAGE plpgsql
    SET search_path TO 'cw_nnnnnn_staging', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_file_id bigint;
begin
    with offered as (
        select distinct new_records.file_id from new_records
    )

    select offered.file_id into v_file_id
    from offered
    where not exists (select from cw_nnnnnn_staging.raw_files where raw_files.id = offered.file_id)
    limit 1;
    if found then
        raise exception 'raw record of file_id % has no raw_files row', v_file_id
            using errcode = 'foreign_key_violation',
            hint = 'register the object in raw_files in the same transaction before its records (cw load does)';
    end if;
    return null;
end
$$;

ALTER FUNCTION cw_nnnnnn_staging.raw_records_check_file_ids() OWNER TO cw_nnnnnn_owner;

COMMENT ON FUNCTION cw_nnnnnn_staging.raw_records_check_file_ids() IS 'Trigger (after insert, per statement): every inserted raw_records row references an existing raw_files row; raises foreign_key_violation (23503) otherwise. Replaces a per-row foreign key.';

CREATE TABLE cw_nnnnnn.abc_classes (
    id smallint NOT NULL,
    code text NOT NULL,
    name text NOT NULL
);

ALTER TABLE cw_nnnnnn.abc_classes OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.abc_classes IS 'ABC classes by share of revenue (seed 004): A = the items making up the first abc_a_pct (80) % of revenue, B = the next up to abc_b_pct (95) %, C = the rest and every item without revenue (docs/behaviors.md).';

COMMENT ON COLUMN cw_nnnnnn.abc_classes.id IS 'Small fixed id (1-3), stable across clients.';

COMMENT ON COLUMN cw_nnnnnn.abc_classes.code IS 'Class code: A, B or C.';

COMMENT ON COLUMN cw_nnnnnn.abc_classes.name IS 'What the class means.';

CREATE TABLE cw_nnnnnn.demand_forecast_statuses (
    id smallint NOT NULL,
    name text NOT NULL,
    description text NOT NULL
);

ALTER TABLE cw_nnnnnn.demand_forecast_statuses OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.demand_forecast_statuses IS 'Life cycle of a demand forecast (seed 004 vocabulary): pending, running, completed, failed. The active forecast is the latest completed one (view active_demand_forecast).';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_statuses.id IS 'Small fixed id (1-4), stable across clients.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_statuses.name IS 'Vocabulary word: pending, running, completed, failed.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_statuses.description IS 'What the status means.';

CREATE TABLE cw_nnnnnn.demand_forecasts (
    id bigint NOT NULL,
    forecast_date date NOT NULL,
    demand_forecast_status_id smallint NOT NULL,
    metadata jsonb,
    created_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    updated_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT demand_forecast_metadata_check CHECK (((metadata IS NULL) OR (jsonb_typeof(metadata) = 'object'::text)))
);

ALTER TABLE cw_nnnnnn.demand_forecasts OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.demand_forecasts IS 'One row per forecast computed by step forecast (seed 004): usually one a day per client; a re-run after a failure or after its inputs changed adds another for the same date and the older one stays for audit (until retention drops its date). A re-run with unchanged inputs (same input watermark in metadata) adds nothing. The active forecast is the latest completed one: view active_demand_forecast (docs/forecast.md).';

COMMENT ON COLUMN cw_nnnnnn.demand_forecasts.id IS 'Surrogate key.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecasts.forecast_date IS 'Run date: the last day of demand the forecast saw; horizon week h covers forecast_date + 7(h-1) + 1 .. forecast_date + 7h.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecasts.demand_forecast_status_id IS 'pending, running, completed or failed (demand_forecast_statuses).';

COMMENT ON COLUMN cw_nnnnnn.demand_forecasts.metadata IS 'What the forecast was computed from: method and its version and constants, the settings used, the input watermark (demand_history rows and last change, products last change: a re-run with the same watermark writes nothing), series counts by source type and method, and the scoped runs that rewrote some products in place.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecasts.created_at IS 'When the forecast was created.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecasts.updated_at IS 'When the header last changed (status, a scoped rewrite).';

CREATE VIEW cw_nnnnnn.active_demand_forecast AS
 SELECT demand_forecasts.id,
    demand_forecasts.forecast_date,
    demand_forecasts.metadata,
    demand_forecasts.created_at
   FROM (cw_nnnnnn.demand_forecasts
     JOIN cw_nnnnnn.demand_forecast_statuses ON ((demand_forecast_statuses.id = demand_forecasts.demand_forecast_status_id)))
  WHERE (demand_forecast_statuses.name = 'completed'::text)
  ORDER BY demand_forecasts.created_at DESC, demand_forecasts.id DESC
 LIMIT 1;

ALTER TABLE cw_nnnnnn.active_demand_forecast OWNER TO cw_nnnnnn_owner;

COMMENT ON VIEW cw_nnnnnn.active_demand_forecast IS 'The active demand forecast (seed 004 convention): the latest completed demand_forecasts row by created_at. At most one row.';

CREATE TABLE cw_nnnnnn.demand_forecast_products (
    id bigint NOT NULL,
    forecast_date date NOT NULL,
    demand_forecast_id bigint NOT NULL,
    product_id integer NOT NULL,
    location_id integer NOT NULL,
    demand_source_type_id smallint NOT NULL,
    horizon_days smallint NOT NULL,
    prob_demand real NOT NULL,
    predicted_qty real NOT NULL,
    critical_ratio real,
    confidence real NOT NULL,
    CONSTRAINT demand_forecast_product_confidence_check CHECK (((confidence >= (0)::double precision) AND (confidence <= (1)::double precision))),
    CONSTRAINT demand_forecast_product_critical_ratio_check CHECK (((critical_ratio >= (0)::double precision) AND (critical_ratio <= (1)::double precision))),
    CONSTRAINT demand_forecast_product_horizon_check CHECK (((horizon_days > 0) AND (((horizon_days)::integer % 7) = 0))),
    CONSTRAINT demand_forecast_product_prob_check CHECK (((prob_demand >= (0)::double precision) AND (prob_demand <= (1)::double precision))),
    CONSTRAINT demand_forecast_product_qty_check CHECK (((predicted_qty >= (0)::double precision) AND ((predicted_qty > (0)::double precision) OR (prob_demand = (0)::double precision))))
)
PARTITION BY RANGE (forecast_date);

ALTER TABLE cw_nnnnnn.demand_forecast_products OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.demand_forecast_products IS 'The forecast (seed 004): one row per product x store/webshop x weekly horizon of a demand_forecasts row. Partitioned by forecast_date, one partition a day (demand_forecast_products_pYYYYMMDD, created by the step); retention drops whole partitions (forecast_drop_expired). The unique key leads with demand_forecast_id: it is the index the seed asks for. Method and definitions: docs/forecast.md.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_products.id IS 'Surrogate key (with forecast_date, the partition key).';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_products.forecast_date IS 'The forecast''s date (copied from demand_forecasts): the partition key.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_products.demand_forecast_id IS 'The forecast (demand_forecasts).';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_products.product_id IS 'The product.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_products.location_id IS 'The store or webshop.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_products.demand_source_type_id IS 'Where the forecast comes from: actual (own history), imputed_local_global (too little own history, level borrowed from the product''s category at this location while the product sells at other locations), imputed_global_only (the same, the product sells nowhere yet), dead_product (sold nowhere for forecast.dead_weeks: zero), online_only, dropship (demand_source_types).';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_products.horizon_days IS 'End of the forecast week in days after forecast_date: 7, 14, ... 7 x forecast.horizon_weeks.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_products.prob_demand IS 'Probability of any demand in that week (0-1): the smoothed weekly occurrence probability (TSB) scaled with the week''s seasonal and trend factor under a Poisson occurrence model.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_products.predicted_qty IS 'Expected demand (units) in that week: seasonal index x the backtest-weighted combination of smoothing methods.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_products.critical_ratio IS 'Newsvendor critical ratio Cu / (Cu + Co) with underage Cu = price - cost and overage Co = cost x forecast.holding_cost_pct_year / 100 x 7 / 365 (holding one unit for the week); null without price or cost; 0 when the price does not exceed the cost.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_products.confidence IS 'Trust in the series'' forecast, 0-1: n / (n + 13) / (1 + backtest RMSSE), n = weeks of own history; 0 for dead products (docs/forecast.md).';

CREATE TABLE cw_nnnnnn.demand_source_types (
    id smallint NOT NULL,
    name text NOT NULL,
    description text NOT NULL
);

ALTER TABLE cw_nnnnnn.demand_source_types OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.demand_source_types IS 'Where a demand figure comes from (seed 004 vocabulary): recorded sales, an imputation blending local and global rates, a global-only imputation, or a product class whose demand is taken as sold (dead, online only, dropship).';

COMMENT ON COLUMN cw_nnnnnn.demand_source_types.id IS 'Small fixed id (1-7), stable across clients.';

COMMENT ON COLUMN cw_nnnnnn.demand_source_types.name IS 'Vocabulary word: actual, imputed_local_global, imputed_global_only, dead_product, online_only, dropship, unknown.';

COMMENT ON COLUMN cw_nnnnnn.demand_source_types.description IS 'What the word means for demand_history (docs/demand.md).';

CREATE VIEW cw_nnnnnn.active_demand_forecast_products AS
 SELECT demand_forecast_products.demand_forecast_id,
    demand_forecast_products.forecast_date,
    demand_forecast_products.product_id,
    demand_forecast_products.location_id,
    demand_source_types.name AS demand_source_type,
    demand_forecast_products.horizon_days,
    demand_forecast_products.prob_demand,
    demand_forecast_products.predicted_qty,
    demand_forecast_products.critical_ratio,
    demand_forecast_products.confidence,
    ((demand_forecast_products.forecast_date + (demand_forecast_products.horizon_days)::integer) - 6) AS week_start_date,
    (demand_forecast_products.forecast_date + (demand_forecast_products.horizon_days)::integer) AS week_end_date
   FROM ((cw_nnnnnn.active_demand_forecast
     JOIN cw_nnnnnn.demand_forecast_products ON (((demand_forecast_products.demand_forecast_id = active_demand_forecast.id) AND (demand_forecast_products.forecast_date = active_demand_forecast.forecast_date))))
     JOIN cw_nnnnnn.demand_source_types ON ((demand_source_types.id = demand_forecast_products.demand_source_type_id)));

ALTER TABLE cw_nnnnnn.active_demand_forecast_products OWNER TO cw_nnnnnn_owner;

COMMENT ON VIEW cw_nnnnnn.active_demand_forecast_products IS 'Rows of the active demand forecast with the source type''s name and the dates of each horizon week (week_start_date .. week_end_date).';

CREATE TABLE cw_nnnnnn.brands (
    id integer NOT NULL,
    name text NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    first_seen_date date NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT brand_name_check CHECK (((name <> ''::text) AND (name = btrim(name))))
);

ALTER TABLE cw_nnnnnn.brands OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.brands IS 'Product brands, keyed by the name the ERP sends (trimmed). A corrected brand name is a new brand; the old one is deactivated once no active product uses it.';

COMMENT ON COLUMN cw_nnnnnn.brands.name IS 'Brand name as sent by the ERP, trimmed (business key).';

COMMENT ON COLUMN cw_nnnnnn.brands.is_active IS 'True while at least one active product carries the brand.';

COMMENT ON COLUMN cw_nnnnnn.brands.first_seen_date IS 'Run date of the first snapshot that named the brand.';

COMMENT ON COLUMN cw_nnnnnn.brands.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.brands.updated_at IS 'When load last changed the row.';

ALTER TABLE cw_nnnnnn.brands ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.brands_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.category_behaviors (
    id bigint NOT NULL,
    product_category_id integer NOT NULL,
    snapshot_date date NOT NULL,
    window_days integer NOT NULL,
    currency_id smallint NOT NULL,
    product_count integer NOT NULL,
    active_product_count integer NOT NULL,
    total_revenue numeric(18,4) NOT NULL,
    total_inventory_value numeric(18,4),
    avg_hotness_score numeric(5,2),
    avg_velocity numeric(14,4),
    growth_rate numeric(12,4),
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT category_behaviors_counts_check CHECK (((product_count >= 0) AND (active_product_count >= 0) AND (growth_rate >= ('-1'::integer)::numeric)))
);

ALTER TABLE cw_nnnnnn.category_behaviors OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.category_behaviors IS 'Per product category (its whole subtree) and snapshot date (step behaviors, unscoped runs): products, revenue, stock value, mean hotness and velocity, revenue growth (seed 004; docs/behaviors.md).';

COMMENT ON COLUMN cw_nnnnnn.category_behaviors.id IS 'Surrogate key.';

COMMENT ON COLUMN cw_nnnnnn.category_behaviors.product_category_id IS 'The category; figures include its subtree.';

COMMENT ON COLUMN cw_nnnnnn.category_behaviors.snapshot_date IS 'Run date the snapshot describes (window end).';

COMMENT ON COLUMN cw_nnnnnn.category_behaviors.window_days IS 'Length of the trailing window in days.';

COMMENT ON COLUMN cw_nnnnnn.category_behaviors.currency_id IS 'Currency of the money columns: the client currency.';

COMMENT ON COLUMN cw_nnnnnn.category_behaviors.product_count IS 'Active products (products.is_active) in the subtree.';

COMMENT ON COLUMN cw_nnnnnn.category_behaviors.active_product_count IS 'Products of the subtree with a product_behaviors row of the snapshot (listed in the window).';

COMMENT ON COLUMN cw_nnnnnn.category_behaviors.total_revenue IS 'Revenue of the subtree in the window.';

COMMENT ON COLUMN cw_nnnnnn.category_behaviors.total_inventory_value IS 'Time-weighted mean stock value of the subtree at the stores and webshop (avg_inventory_qty x products.cost); null when no product has a cost.';

COMMENT ON COLUMN cw_nnnnnn.category_behaviors.avg_hotness_score IS 'Mean hotness_score of the listed products.';

COMMENT ON COLUMN cw_nnnnnn.category_behaviors.avg_velocity IS 'Mean velocity of the listed products (units a day).';

COMMENT ON COLUMN cw_nnnnnn.category_behaviors.growth_rate IS 'Revenue of the last g days / revenue of the g days before - 1, g = least(setting growth_days (default 28), window_days / 2); null when the earlier period has no revenue.';

COMMENT ON COLUMN cw_nnnnnn.category_behaviors.created_at IS 'When the row was first written.';

COMMENT ON COLUMN cw_nnnnnn.category_behaviors.updated_at IS 'When a re-run last changed the row.';

ALTER TABLE cw_nnnnnn.category_behaviors ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.category_behaviors_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.client_settings (
    id integer NOT NULL,
    setting_key text NOT NULL,
    setting_value jsonb NOT NULL,
    description text NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by text DEFAULT CURRENT_USER NOT NULL,
    CONSTRAINT client_setting_key_check CHECK ((setting_key ~ '^[a-z][a-z0-9_.]{1,62}$'::text))
);

ALTER TABLE cw_nnnnnn.client_settings OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.client_settings IS 'The client''s own planning settings, edited in the UI (e.g. default service level, default review cycle). CatWing''s pipeline thresholds live in cw_global.clients.settings (client_setting()).';

COMMENT ON COLUMN cw_nnnnnn.client_settings.setting_key IS 'Setting name, e.g. planning.service_level_pct.';

COMMENT ON COLUMN cw_nnnnnn.client_settings.setting_value IS 'UI: the value, as JSON.';

COMMENT ON COLUMN cw_nnnnnn.client_settings.description IS 'What the setting means and its unit.';

COMMENT ON COLUMN cw_nnnnnn.client_settings.updated_at IS 'UI: when the value was last changed.';

COMMENT ON COLUMN cw_nnnnnn.client_settings.updated_by IS 'UI: database role that last changed it.';

ALTER TABLE cw_nnnnnn.client_settings ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.client_settings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE cw_nnnnnn.customer_versions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.customer_versions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.customers (
    id integer NOT NULL,
    erp_id text NOT NULL,
    name text,
    email text,
    city_name text,
    first_order_date date NOT NULL,
    last_order_date date NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT customer_order_dates_check CHECK ((last_order_date >= first_order_date))
);

ALTER TABLE cw_nnnnnn.customers OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.customers IS 'Identified customers (loyalty card or web account) as named on sales orders; anonymous tickets (catwing null, navision CASH) have no customer. Attributes come from the customer''s latest order; changes are versioned in customer_versions.';

COMMENT ON COLUMN cw_nnnnnn.customers.erp_id IS 'Customer id in the ERP (C0000123 / CU-000123).';

COMMENT ON COLUMN cw_nnnnnn.customers.name IS 'Name as on the latest order, verbatim.';

COMMENT ON COLUMN cw_nnnnnn.customers.email IS 'E-mail as on the latest order.';

COMMENT ON COLUMN cw_nnnnnn.customers.city_name IS 'City as on the latest order.';

COMMENT ON COLUMN cw_nnnnnn.customers.first_order_date IS 'Date of the customer''s first loaded order.';

COMMENT ON COLUMN cw_nnnnnn.customers.last_order_date IS 'Date of the customer''s latest loaded order.';

COMMENT ON COLUMN cw_nnnnnn.customers.row_hash IS 'MD5 of name, e-mail and city.';

COMMENT ON COLUMN cw_nnnnnn.customers.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.customers.updated_at IS 'When load last changed the row.';

ALTER TABLE cw_nnnnnn.customers ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.customers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.data_health_reports (
    id bigint NOT NULL,
    run_date date NOT NULL,
    step_name text NOT NULL,
    checks_passed integer NOT NULL,
    checks_failed integer NOT NULL,
    quality_score numeric(5,2) NOT NULL,
    anomalies jsonb,
    checks jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT data_health_report_anomalies_check CHECK (((anomalies IS NULL) OR (jsonb_typeof(anomalies) = 'array'::text))),
    CONSTRAINT data_health_report_counts_check CHECK (((checks_passed >= 0) AND (checks_failed >= 0))),
    CONSTRAINT data_health_report_score_check CHECK (((quality_score >= (0)::numeric) AND (quality_score <= (100)::numeric)))
);

ALTER TABLE cw_nnnnnn.data_health_reports OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.data_health_reports IS 'DataHealthMonitor (step health) output per run date and checked step: the advisory post-load checks (reconciliation staging to production, orphan and reject rates, null-rate and volume drift against the last 30 runs). Never blocks the run; a re-run replaces the date''s report.';

COMMENT ON COLUMN cw_nnnnnn.data_health_reports.run_date IS 'Run date checked.';

COMMENT ON COLUMN cw_nnnnnn.data_health_reports.step_name IS 'Step whose output was checked (load).';

COMMENT ON COLUMN cw_nnnnnn.data_health_reports.checks_passed IS 'Checks within their thresholds.';

COMMENT ON COLUMN cw_nnnnnn.data_health_reports.checks_failed IS 'Checks outside their thresholds (anomalies).';

COMMENT ON COLUMN cw_nnnnnn.data_health_reports.quality_score IS '100 x passed / all checks.';

COMMENT ON COLUMN cw_nnnnnn.data_health_reports.anomalies IS 'The failed checks: [{check, entity, value, threshold, baseline, detail}]; null when none.';

COMMENT ON COLUMN cw_nnnnnn.data_health_reports.checks IS 'Every check with its value, threshold and outcome.';

COMMENT ON COLUMN cw_nnnnnn.data_health_reports.created_at IS 'When the report was written.';

ALTER TABLE cw_nnnnnn.data_health_reports ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.data_health_reports_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.data_quality_check_categories (
    id smallint NOT NULL,
    name text NOT NULL
);

ALTER TABLE cw_nnnnnn.data_quality_check_categories OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.data_quality_check_categories IS 'Lookup: completeness, consistency, freshness, statistical_anomaly.';

CREATE TABLE cw_nnnnnn.data_quality_check_reports (
    id bigint NOT NULL,
    endpoint text NOT NULL,
    check_name text NOT NULL,
    run_date date NOT NULL,
    source text NOT NULL,
    metric_value numeric,
    baseline numeric,
    deviation_pct numeric,
    is_baseline_eligible boolean NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT data_quality_check_report_source_check CHECK ((source = ANY (ARRAY['gateway'::text, 'health'::text])))
);

ALTER TABLE cw_nnnnnn.data_quality_check_reports OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.data_quality_check_reports IS 'Trend metrics of the gateway and the health monitor, one row per run date and metric: the value, the 30-day baseline it was compared with, and the deviation. Rows of a gate-failed run are not baseline-eligible.';

COMMENT ON COLUMN cw_nnnnnn.data_quality_check_reports.baseline IS 'Mean of the eligible values of the 30 days before.';

COMMENT ON COLUMN cw_nnnnnn.data_quality_check_reports.deviation_pct IS '100 x (value - baseline) / baseline.';

COMMENT ON COLUMN cw_nnnnnn.data_quality_check_reports.is_baseline_eligible IS 'False for a run that failed the gate: such runs never enter the baseline.';

ALTER TABLE cw_nnnnnn.data_quality_check_reports ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.data_quality_check_reports_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.data_quality_check_severities (
    id smallint NOT NULL,
    name text NOT NULL
);

ALTER TABLE cw_nnnnnn.data_quality_check_severities OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.data_quality_check_severities IS 'Lookup: critical (fails the gate) and warning (reported, does not block).';

CREATE TABLE cw_nnnnnn.data_quality_checks (
    id bigint NOT NULL,
    data_quality_run_id bigint NOT NULL,
    data_quality_check_category_id smallint NOT NULL,
    data_quality_check_severity_id smallint NOT NULL,
    endpoint text NOT NULL,
    check_name text NOT NULL,
    passed boolean NOT NULL,
    expected_value text,
    actual_value text,
    failed_count bigint DEFAULT 0 NOT NULL,
    detail text,
    fix_instructions text,
    sample_records jsonb,
    CONSTRAINT data_quality_check_failed_count_check CHECK ((failed_count >= 0))
);

ALTER TABLE cw_nnnnnn.data_quality_checks OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.data_quality_checks IS 'Every check of a gateway run, per endpoint: passed or not, expected and actual values, a human-readable detail, client-facing fix instructions and a few offending records.';

COMMENT ON COLUMN cw_nnnnnn.data_quality_checks.endpoint IS 'ERP endpoint checked (products, sales_orders, ...).';

COMMENT ON COLUMN cw_nnnnnn.data_quality_checks.failed_count IS 'Offending records (or files) found.';

COMMENT ON COLUMN cw_nnnnnn.data_quality_checks.fix_instructions IS 'What the client''s ERP administrator should fix.';

COMMENT ON COLUMN cw_nnnnnn.data_quality_checks.sample_records IS 'Up to five offending records: raw file, record number and the offending values.';

ALTER TABLE cw_nnnnnn.data_quality_checks ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.data_quality_checks_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.data_quality_run_statuses (
    id smallint NOT NULL,
    name text NOT NULL
);

ALTER TABLE cw_nnnnnn.data_quality_run_statuses OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.data_quality_run_statuses IS 'Lookup: running, passed, failed, error.';

CREATE TABLE cw_nnnnnn.data_quality_runs (
    id bigint NOT NULL,
    run_date date NOT NULL,
    data_quality_run_status_id smallint NOT NULL,
    gate_passed boolean,
    overall_score numeric(5,2),
    critical_count integer,
    warning_count integer,
    checks_total integer,
    checks_passed integer,
    started_at timestamp with time zone NOT NULL,
    completed_at timestamp with time zone,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT data_quality_run_counts_check CHECK ((checks_passed <= checks_total)),
    CONSTRAINT data_quality_run_score_check CHECK (((overall_score >= (0)::numeric) AND (overall_score <= (100)::numeric)))
);

ALTER TABLE cw_nnnnnn.data_quality_runs OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.data_quality_runs IS 'One DataQualityGateway run per run date (a re-run replaces it): status, whether the gate passed, the 0-100 score and the counts of failed critical and warning checks.';

COMMENT ON COLUMN cw_nnnnnn.data_quality_runs.gate_passed IS 'True when no critical check failed: load may proceed.';

COMMENT ON COLUMN cw_nnnnnn.data_quality_runs.overall_score IS '100 x (1 - weight of failed checks / weight of all checks); critical checks weigh 3, warnings 1.';

COMMENT ON COLUMN cw_nnnnnn.data_quality_runs.critical_count IS 'Failed critical checks.';

COMMENT ON COLUMN cw_nnnnnn.data_quality_runs.warning_count IS 'Failed warning checks.';

ALTER TABLE cw_nnnnnn.data_quality_runs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.data_quality_runs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.demand_forecast_pools (
    demand_forecast_id bigint NOT NULL,
    location_id integer NOT NULL,
    product_category_id integer NOT NULL,
    season_index real[] NOT NULL,
    weekday_shares real[] NOT NULL,
    CONSTRAINT demand_forecast_pool_season_check CHECK ((cardinality(season_index) = 52)),
    CONSTRAINT demand_forecast_pool_weekday_check CHECK ((cardinality(weekday_shares) = 7))
);

ALTER TABLE cw_nnnnnn.demand_forecast_pools OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.demand_forecast_pools IS 'The pooled profiles of a full forecast, per category (0 = products without a category) x location: the yearly seasonal index (52 weeks, position 0 = the week ending on the forecast date, mean 1) and the weekday shares. A series shrinks towards them; a scoped run reuses them instead of re-reading every series.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_pools.demand_forecast_id IS 'The forecast (demand_forecasts).';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_pools.location_id IS 'The store or webshop.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_pools.product_category_id IS 'The product''s category (its own, not the parent); 0 for products without a category.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_pools.season_index IS 'Seasonal index by week position p = 0..51 (the week ending 7p days before the forecast date, and the same week of earlier years): the category''s demand at the location relative to its yearly mean, shrunk towards the category everywhere and then towards 1.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_pools.weekday_shares IS 'Share of demand on each weekday (Monday first) of the category at the location, shrunk towards the location.';

ALTER TABLE cw_nnnnnn.demand_forecast_products ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.demand_forecast_products_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.demand_forecast_series (
    forecast_date date NOT NULL,
    demand_forecast_id bigint NOT NULL,
    product_id integer NOT NULL,
    location_id integer NOT NULL,
    history_weeks smallint NOT NULL,
    demand_weeks smallint NOT NULL,
    level_qty real NOT NULL,
    trend_qty real NOT NULL,
    occurrence_prob real NOT NULL,
    weight_ses_slow real NOT NULL,
    weight_ses real NOT NULL,
    weight_damped_trend real NOT NULL,
    weight_tsb real NOT NULL,
    backtest_rmsse real,
    season_own_weight real NOT NULL,
    weekday_shares real[] NOT NULL,
    CONSTRAINT demand_forecast_series_weekday_check CHECK ((cardinality(weekday_shares) = 7)),
    CONSTRAINT demand_forecast_series_weight_check CHECK ((abs(((((weight_ses_slow + weight_ses) + weight_damped_trend) + weight_tsb) - (1)::double precision)) < (0.001)::double precision))
)
PARTITION BY RANGE (forecast_date);

ALTER TABLE cw_nnnnnn.demand_forecast_series OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.demand_forecast_series IS 'Per product x location of a forecast: how it was made (history, smoothed level and trend, TSB occurrence probability, the backtest weights of the four candidate methods, the backtest RMSSE, how much of the seasonal index is the series'' own) and its weekday profile, which the accumulation functions use to pro-rate partial weeks. Partitioned like demand_forecast_products and dropped with it.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.forecast_date IS 'The forecast''s date: the partition key.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.demand_forecast_id IS 'The forecast (demand_forecasts).';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.product_id IS 'The product.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.location_id IS 'The store or webshop.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.history_weeks IS 'Weeks of own history used (weeks with a demand_history row, at most forecast.history_weeks).';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.demand_weeks IS 'Of those, weeks with demand.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.level_qty IS 'Deseasonalised weekly level at the forecast date (SES, alpha 0.2), units a week.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.trend_qty IS 'Smoothed weekly change of that level (units a week per week, before damping).';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.occurrence_prob IS 'TSB probability of demand in a week at the forecast date (before seasonal scaling).';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.weight_ses_slow IS 'Weight of SES alpha 0.05 in the combination (Akaike-style backtest weight (MSE_min / MSE)^(targets / 2)).';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.weight_ses IS 'Weight of SES alpha 0.2.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.weight_damped_trend IS 'Weight of the damped-trend method (SES level + damped smoothed trend).';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.weight_tsb IS 'Weight of TSB (occurrence x size).';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.backtest_rmsse IS 'RMSSE of the combination in the rolling-origin backtest (last 26 weeks, horizons 1 and 4 weeks), scaled by the in-sample one-week naive error; null without enough history.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.season_own_weight IS 'Share of the seasonal index that comes from the series'' own history (the rest is pooled from its category at the location): E / (E + forecast.season_prior_units), E = own units in the matched weeks.';

COMMENT ON COLUMN cw_nnnnnn.demand_forecast_series.weekday_shares IS 'Share of a week''s demand on each weekday, Monday first (sums to 1): own demand of the last 26 weeks shrunk towards the category''s profile at the location (a weekday the location never trades gets 0).';

ALTER TABLE cw_nnnnnn.demand_forecasts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.demand_forecasts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.demand_history (
    id bigint NOT NULL,
    product_id integer NOT NULL,
    location_id integer NOT NULL,
    demand_date date NOT NULL,
    quantity numeric(14,3) NOT NULL,
    revenue numeric(16,4) NOT NULL,
    cost numeric(16,4),
    is_in_stock boolean NOT NULL,
    stockout_qty numeric(14,3),
    is_oos_imputed boolean NOT NULL,
    demand_qty numeric(14,3) NOT NULL,
    demand_source_type_id smallint NOT NULL,
    selling_rate_qty numeric(14,4),
    computed_on date NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT demand_history_imputed_check CHECK (((NOT is_oos_imputed) OR ((NOT is_in_stock) AND (stockout_qty IS NOT NULL)))),
    CONSTRAINT demand_history_qty_check CHECK (((quantity >= (0)::numeric) AND (demand_qty >= quantity))),
    CONSTRAINT demand_history_stockout_check CHECK (((stockout_qty >= (0)::numeric) AND (demand_qty = (quantity + COALESCE(stockout_qty, (0)::numeric)))))
);

ALTER TABLE cw_nnnnnn.demand_history OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.demand_history IS 'Daily demand facts per product x customer-facing location (store, webshop), built by step demand_history: what was sold, whether the pair was in stock, and on stockout days the imputed missed demand (stockout_qty), so that demand_qty = quantity + stockout_qty estimates true demand. Rewritten only for dates touched by new data (docs/demand.md).';

COMMENT ON COLUMN cw_nnnnnn.demand_history.id IS 'Surrogate key.';

COMMENT ON COLUMN cw_nnnnnn.demand_history.product_id IS 'The product.';

COMMENT ON COLUMN cw_nnnnnn.demand_history.location_id IS 'The store or webshop.';

COMMENT ON COLUMN cw_nnnnnn.demand_history.demand_date IS 'Business date (sales order date).';

COMMENT ON COLUMN cw_nnnnnn.demand_history.quantity IS 'Units sold that day (active lines of orders not cancelled).';

COMMENT ON COLUMN cw_nnnnnn.demand_history.revenue IS 'Revenue of those lines in the client currency.';

COMMENT ON COLUMN cw_nnnnnn.demand_history.cost IS 'Units sold x the product''s current unit cost (client currency); null when the cost is unknown.';

COMMENT ON COLUMN cw_nnnnnn.demand_history.is_in_stock IS 'False on a stockout day: end-of-day available stock was zero, or (no stock reading) sales stopped for longer than the selling rate makes plausible.';

COMMENT ON COLUMN cw_nnnnnn.demand_history.stockout_qty IS 'Imputed missed demand on a stockout day (rate - sold, never negative; 0 when the location sold nothing at all that day, i.e. was closed); null when in stock or when no rate exists.';

COMMENT ON COLUMN cw_nnnnnn.demand_history.is_oos_imputed IS 'True when stockout_qty was imputed (stockout day with a selling rate).';

COMMENT ON COLUMN cw_nnnnnn.demand_history.demand_qty IS 'Estimated true demand: quantity + stockout_qty.';

COMMENT ON COLUMN cw_nnnnnn.demand_history.demand_source_type_id IS 'Where demand_qty comes from (demand_source_types).';

COMMENT ON COLUMN cw_nnnnnn.demand_history.selling_rate_qty IS 'Blended expected units a day used for stockout detection and imputation (own in-stock rate shrunk towards the global/category prior); null without history.';

COMMENT ON COLUMN cw_nnnnnn.demand_history.computed_on IS 'Run date of the step run that last wrote the row.';

COMMENT ON COLUMN cw_nnnnnn.demand_history.created_at IS 'When the row was first written.';

COMMENT ON COLUMN cw_nnnnnn.demand_history.updated_at IS 'When the row last changed (unchanged recomputations do not write).';

ALTER TABLE cw_nnnnnn.demand_history ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.demand_history_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.demand_history_runs (
    id bigint NOT NULL,
    run_date date NOT NULL,
    scope jsonb,
    started_at timestamp with time zone NOT NULL,
    dates_rewritten date[] NOT NULL,
    rows_written bigint NOT NULL,
    rows_deleted bigint NOT NULL,
    CONSTRAINT demand_history_run_rows_check CHECK (((rows_written >= 0) AND (rows_deleted >= 0)))
);

ALTER TABLE cw_nnnnnn.demand_history_runs OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.demand_history_runs IS 'One row per run of step demand_history: the incremental watermark (started_at of the latest unscoped run: data changed after it touches its dates) and what the run rewrote.';

COMMENT ON COLUMN cw_nnnnnn.demand_history_runs.id IS 'Surrogate key.';

COMMENT ON COLUMN cw_nnnnnn.demand_history_runs.run_date IS 'Run date of the pipeline run.';

COMMENT ON COLUMN cw_nnnnnn.demand_history_runs.scope IS 'Incremental scope of the run; null = every pair.';

COMMENT ON COLUMN cw_nnnnnn.demand_history_runs.started_at IS 'Transaction start of the step (the watermark).';

COMMENT ON COLUMN cw_nnnnnn.demand_history_runs.dates_rewritten IS 'Demand dates recomputed by the run.';

COMMENT ON COLUMN cw_nnnnnn.demand_history_runs.rows_written IS 'Rows inserted or changed.';

COMMENT ON COLUMN cw_nnnnnn.demand_history_runs.rows_deleted IS 'Rows of recomputed dates that no longer had a pair.';

ALTER TABLE cw_nnnnnn.demand_history_runs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.demand_history_runs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.field_ownership (
    table_name text NOT NULL,
    column_name text NOT NULL,
    owner text NOT NULL,
    CONSTRAINT field_ownership_owner_check CHECK ((owner = ANY (ARRAY['erp'::text, 'ui'::text, 'pipeline'::text])))
);

ALTER TABLE cw_nnnnnn.field_ownership OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.field_ownership IS 'Who owns each column of the production tables: erp (written by step load from the ERP snapshot), ui (written by people through the client''s UI role; load never overwrites it) or pipeline (keys, hashes, timestamps and derived values). The UI role''s column-level UPDATE grants are exactly the ui rows (tested).';

COMMENT ON COLUMN cw_nnnnnn.field_ownership.table_name IS 'Production table in this schema.';

COMMENT ON COLUMN cw_nnnnnn.field_ownership.column_name IS 'Column of the table.';

COMMENT ON COLUMN cw_nnnnnn.field_ownership.owner IS 'erp, ui or pipeline.';

CREATE TABLE cw_nnnnnn.flyway_schema_history (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);

ALTER TABLE cw_nnnnnn.flyway_schema_history OWNER TO cw_nnnnnn_owner;

CREATE TABLE cw_nnnnnn.fmr_classes (
    id smallint NOT NULL,
    code text NOT NULL,
    name text NOT NULL
);

ALTER TABLE cw_nnnnnn.fmr_classes OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.fmr_classes IS 'FMR classes by the share of listed days with demand (seed 004): F fast (>= fmr_f_min_pct, 50 %), M medium (>= fmr_m_min_pct, 20 %), R rare (docs/behaviors.md).';

COMMENT ON COLUMN cw_nnnnnn.fmr_classes.id IS 'Small fixed id (1-3), stable across clients.';

COMMENT ON COLUMN cw_nnnnnn.fmr_classes.code IS 'Class code: F, M or R.';

COMMENT ON COLUMN cw_nnnnnn.fmr_classes.name IS 'What the class means.';

CREATE TABLE cw_nnnnnn.freq_classes (
    id smallint NOT NULL,
    code text NOT NULL,
    name text NOT NULL
);

ALTER TABLE cw_nnnnnn.freq_classes OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.freq_classes IS 'Frequency classes by velocity (average demand units a listed day; seed 004): Frequent (>= freq_frequent_min_qty, 1 a day), Normal (>= freq_normal_min_qty, 1 a week), Rare (docs/behaviors.md).';

COMMENT ON COLUMN cw_nnnnnn.freq_classes.id IS 'Small fixed id (1-3), stable across clients.';

COMMENT ON COLUMN cw_nnnnnn.freq_classes.code IS 'Class code: Frequent, Normal or Rare.';

COMMENT ON COLUMN cw_nnnnnn.freq_classes.name IS 'What the class means.';

CREATE TABLE cw_nnnnnn.inventory_balances (
    id bigint NOT NULL,
    product_id integer NOT NULL,
    location_id integer NOT NULL,
    balance_date date NOT NULL,
    qty_available numeric(14,3) NOT NULL,
    qty_blocked numeric(14,3) DEFAULT 0 NOT NULL,
    qty_reserved numeric(14,3) DEFAULT 0 NOT NULL,
    qty_all numeric(14,3) NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    raw_hash bigint,
    CONSTRAINT inventory_balance_qty_check CHECK (((qty_available >= (0)::numeric) AND (qty_blocked >= (0)::numeric) AND (qty_reserved >= (0)::numeric) AND (qty_all >= (0)::numeric)))
);

ALTER TABLE cw_nnnnnn.inventory_balances OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.inventory_balances IS 'End-of-day stock per product x location, as reported: every pair on full-snapshot days, only changed pairs on delta days (a pair not reported keeps its last balance; see inventory_as_of). A delta never removes anything.';

COMMENT ON COLUMN cw_nnnnnn.inventory_balances.product_id IS 'The product.';

COMMENT ON COLUMN cw_nnnnnn.inventory_balances.location_id IS 'The location holding the stock.';

COMMENT ON COLUMN cw_nnnnnn.inventory_balances.balance_date IS 'Date of the end-of-day balance.';

COMMENT ON COLUMN cw_nnnnnn.inventory_balances.qty_available IS 'Units free to sell or ship.';

COMMENT ON COLUMN cw_nnnnnn.inventory_balances.qty_blocked IS 'Units on quality hold.';

COMMENT ON COLUMN cw_nnnnnn.inventory_balances.qty_reserved IS 'Units allocated to tomorrow''s outbound transfers.';

COMMENT ON COLUMN cw_nnnnnn.inventory_balances.qty_all IS 'All units on hand (available + blocked + reserved).';

COMMENT ON COLUMN cw_nnnnnn.inventory_balances.row_hash IS 'MD5 of the quantities as sent.';

COMMENT ON COLUMN cw_nnnnnn.inventory_balances.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.inventory_balances.updated_at IS 'When load last changed the row.';

COMMENT ON COLUMN cw_nnnnnn.inventory_balances.raw_hash IS '64-bit hash of the staging balance the row was last loaded from (seeded with load_raw_hash_seed()): a balance of the same pair and date with the same hash is skipped by load before any typing.';

ALTER TABLE cw_nnnnnn.inventory_balances ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.inventory_balances_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.inventory_snapshots (
    id integer NOT NULL,
    snapshot_date date NOT NULL,
    snapshot_type text NOT NULL,
    row_count integer NOT NULL,
    raw_hash bigint,
    CONSTRAINT inventory_snapshot_rows_check CHECK ((row_count >= 0)),
    CONSTRAINT inventory_snapshot_type_check CHECK ((snapshot_type = ANY (ARRAY['full'::text, 'delta'::text])))
);

ALTER TABLE cw_nnnnnn.inventory_snapshots OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.inventory_snapshots IS 'One row per loaded inventory file: full (every stocked pair) or delta (only the pairs that changed). The balance of a pair on a date is its latest row since the latest full snapshot (inventory_as_of).';

COMMENT ON COLUMN cw_nnnnnn.inventory_snapshots.snapshot_date IS 'Balance date of the file.';

COMMENT ON COLUMN cw_nnnnnn.inventory_snapshots.snapshot_type IS 'full or delta.';

COMMENT ON COLUMN cw_nnnnnn.inventory_snapshots.row_count IS 'Balances the file held after de-duplication.';

COMMENT ON COLUMN cw_nnnnnn.inventory_snapshots.raw_hash IS '64-bit hash of every staging balance of the date in the batch that last touched it (their number and the sum of their hashes, seeded with load_raw_hash_seed()); null while one of them is rejected. A batch whose balances of the date hash the same is skipped by load for that date.';

ALTER TABLE cw_nnnnnn.inventory_snapshots ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.inventory_snapshots_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.inventory_strategies (
    id smallint NOT NULL,
    name text NOT NULL,
    echelon smallint NOT NULL,
    service_measure text NOT NULL,
    description text NOT NULL,
    CONSTRAINT inventory_strategy_echelon_check CHECK (((echelon >= 1) AND (echelon <= 4))),
    CONSTRAINT inventory_strategy_service_measure_check CHECK ((service_measure = ANY (ARRAY['cycle_service_level'::text, 'fill_rate'::text, 'critical_ratio'::text, 'days_of_cover'::text, 'minimum_qty'::text])))
);

ALTER TABLE cw_nnnnnn.inventory_strategies OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.inventory_strategies IS 'The 14 inventory strategies of step 8: how a target stock, reorder point and safety stock are set. Each is a documented formula (docs/inventory.md).';

COMMENT ON COLUMN cw_nnnnnn.inventory_strategies.id IS 'Stable id (referenced by inventory_targets).';

COMMENT ON COLUMN cw_nnnnnn.inventory_strategies.name IS 'Strategy name, as settings and overrides use it.';

COMMENT ON COLUMN cw_nnnnnn.inventory_strategies.echelon IS 'Echelon the strategy is designed for: 1 store, 2 DC, 3 warehouse, 4 central.';

COMMENT ON COLUMN cw_nnnnnn.inventory_strategies.service_measure IS 'What its service parameter means: cycle_service_level (probability of no stockout per replenishment cycle), fill_rate (share of demanded units served from stock), critical_ratio (newsvendor), days_of_cover or minimum_qty.';

COMMENT ON COLUMN cw_nnnnnn.inventory_strategies.description IS 'The formula in words.';

CREATE TABLE cw_nnnnnn.inventory_strategy_overrides (
    product_id integer NOT NULL,
    location_id integer NOT NULL,
    inventory_strategy_id smallint NOT NULL,
    note text,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_by text DEFAULT CURRENT_USER NOT NULL,
    CONSTRAINT inventory_strategy_override_note_check CHECK ((length(note) <= 1000))
);

ALTER TABLE cw_nnnnnn.inventory_strategy_overrides OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.inventory_strategy_overrides IS 'UI-owned: the planner''s choice of strategy for one product x location, which wins over the configured strategy. Neither the load nor the pipeline writes it.';

COMMENT ON COLUMN cw_nnnnnn.inventory_strategy_overrides.product_id IS 'UI: the product.';

COMMENT ON COLUMN cw_nnnnnn.inventory_strategy_overrides.location_id IS 'UI: the location.';

COMMENT ON COLUMN cw_nnnnnn.inventory_strategy_overrides.inventory_strategy_id IS 'UI: the strategy to use.';

COMMENT ON COLUMN cw_nnnnnn.inventory_strategy_overrides.note IS 'UI: why the planner chose it.';

COMMENT ON COLUMN cw_nnnnnn.inventory_strategy_overrides.updated_at IS 'UI: when it was last changed.';

COMMENT ON COLUMN cw_nnnnnn.inventory_strategy_overrides.updated_by IS 'UI: database role that last changed it.';

CREATE TABLE cw_nnnnnn.inventory_target_params (
    id bigint NOT NULL,
    inventory_target_id bigint NOT NULL,
    param_name text NOT NULL,
    param_value double precision,
    CONSTRAINT inventory_target_param_name_check CHECK ((param_name ~ '^[a-z][a-z0-9_]{1,62}$'::text))
);

ALTER TABLE cw_nnnnnn.inventory_target_params OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.inventory_target_params IS 'Every parameter a strategy used for one target, by name (lead_time_days, review_days, demand_per_day, demand_sd_per_day, cycle_service_level or fill_rate_target, z or k, pack_size_qty, ...; listed in docs/inventory.md), so that a planner can recompute the target by hand.';

COMMENT ON COLUMN cw_nnnnnn.inventory_target_params.inventory_target_id IS 'The target the parameter belongs to.';

COMMENT ON COLUMN cw_nnnnnn.inventory_target_params.param_name IS 'Parameter name (docs/inventory.md).';

COMMENT ON COLUMN cw_nnnnnn.inventory_target_params.param_value IS 'Its value; null when the input was missing.';

ALTER TABLE cw_nnnnnn.inventory_target_params ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.inventory_target_params_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.inventory_targets (
    id bigint NOT NULL,
    product_id integer NOT NULL,
    location_id integer NOT NULL,
    snapshot_date date NOT NULL,
    inventory_strategy_id smallint NOT NULL,
    target_stock numeric(14,3) NOT NULL,
    reorder_point numeric(14,3) NOT NULL,
    safety_stock numeric(14,3) NOT NULL,
    fill_rate_simulated numeric(6,4),
    zero_reason text,
    strategy_source text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT inventory_target_fill_rate_check CHECK (((fill_rate_simulated >= (0)::numeric) AND (fill_rate_simulated <= (1)::numeric))),
    CONSTRAINT inventory_target_quantities_check CHECK (((target_stock >= (0)::numeric) AND (reorder_point >= (0)::numeric) AND (safety_stock >= (0)::numeric) AND (reorder_point <= target_stock))),
    CONSTRAINT inventory_target_strategy_source_check CHECK ((strategy_source = ANY (ARRAY['override'::text, 'class'::text, 'echelon'::text]))),
    CONSTRAINT inventory_target_zero_check CHECK (((zero_reason IS NULL) OR ((target_stock = (0)::numeric) AND (reorder_point = (0)::numeric)))),
    CONSTRAINT inventory_target_zero_reason_check CHECK ((zero_reason = ANY (ARRAY['not_stocked'::text, 'discontinued'::text, 'dead_product'::text, 'location_disabled'::text, 'no_demand'::text])))
);

ALTER TABLE cw_nnnnnn.inventory_targets OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.inventory_targets IS 'Inventory targets per product x location x snapshot (run) date: the strategy used, the order-up-to level (target_stock), reorder point and safety stock in units, and the policy''s expected fill rate. Written by step 8 (step_inventory_targets); a re-run of a date rewrites only rows that changed.';

COMMENT ON COLUMN cw_nnnnnn.inventory_targets.product_id IS 'The product.';

COMMENT ON COLUMN cw_nnnnnn.inventory_targets.location_id IS 'The location (store, DC, warehouse).';

COMMENT ON COLUMN cw_nnnnnn.inventory_targets.snapshot_date IS 'Run date the target was computed for.';

COMMENT ON COLUMN cw_nnnnnn.inventory_targets.inventory_strategy_id IS 'Strategy that set the target.';

COMMENT ON COLUMN cw_nnnnnn.inventory_targets.target_stock IS 'Order-up-to level S in units, rounded up to the pack size: stock on hand + on order is raised to it at a review.';

COMMENT ON COLUMN cw_nnnnnn.inventory_targets.reorder_point IS 'Reorder point s in units: an order is due when stock on hand + on order falls to or below it.';

COMMENT ON COLUMN cw_nnnnnn.inventory_targets.safety_stock IS 'Units held above expected demand over lead time + review cycle against demand and lead-time variability.';

COMMENT ON COLUMN cw_nnnnnn.inventory_targets.fill_rate_simulated IS 'Expected fill rate (share of demanded units served from stock) of the (s, S) policy with review period R under the forecast demand distribution (docs/inventory.md says how it is computed); null for zero targets.';

COMMENT ON COLUMN cw_nnnnnn.inventory_targets.zero_reason IS 'Why the target is zero: not_stocked (assortment NOT-STOCK), discontinued, dead_product (forecast), location_disabled, no_demand; null for a regular target.';

COMMENT ON COLUMN cw_nnnnnn.inventory_targets.strategy_source IS 'Why this strategy: override (the planner''s inventory_strategy_overrides row), class (the class_strategies setting) or echelon (the echelon''s default strategy).';

COMMENT ON COLUMN cw_nnnnnn.inventory_targets.created_at IS 'When the row was first written.';

COMMENT ON COLUMN cw_nnnnnn.inventory_targets.updated_at IS 'When a value of the row last changed.';

ALTER TABLE cw_nnnnnn.inventory_targets ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.inventory_targets_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.pipeline_runs (
    id bigint NOT NULL,
    run_date date NOT NULL,
    from_step text,
    to_step text,
    scope jsonb,
    status text DEFAULT 'running'::text NOT NULL,
    resumed_from_run_id bigint,
    triggered_by text DEFAULT CURRENT_USER NOT NULL,
    started_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    finished_at timestamp with time zone,
    error text,
    CONSTRAINT pipeline_run_finished_check CHECK (((status = 'running'::text) = (finished_at IS NULL))),
    CONSTRAINT pipeline_run_scope_check CHECK (((scope IS NULL) OR (jsonb_typeof(scope) = 'object'::text))),
    CONSTRAINT pipeline_run_status_check CHECK ((status = ANY (ARRAY['running'::text, 'succeeded'::text, 'failed'::text, 'stopped'::text, 'abandoned'::text])))
);

ALTER TABLE cw_nnnnnn.pipeline_runs OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.pipeline_runs IS 'One row per call of run_pipeline: the date it ran for, the step range and scope, its status and error. A failed, stopped or abandoned run is resumed by the next call for the same date and scope.';

COMMENT ON COLUMN cw_nnnnnn.pipeline_runs.run_date IS 'Business date the run computes (the client''s local date for nightly runs).';

COMMENT ON COLUMN cw_nnnnnn.pipeline_runs.from_step IS 'First step asked for (null: the first step, or the resume point).';

COMMENT ON COLUMN cw_nnnnnn.pipeline_runs.to_step IS 'Last step asked for (null: the last step of the catalog).';

COMMENT ON COLUMN cw_nnnnnn.pipeline_runs.scope IS 'Incremental scope {"products": [...], "locations": [...]}; null for a full run.';

COMMENT ON COLUMN cw_nnnnnn.pipeline_runs.status IS 'running; succeeded; failed (a step raised an error); stopped (a step asked to stop, e.g. the quality gate); abandoned (the session died mid-run: found by the next run).';

COMMENT ON COLUMN cw_nnnnnn.pipeline_runs.resumed_from_run_id IS 'The failed, stopped or abandoned run this run resumed.';

COMMENT ON COLUMN cw_nnnnnn.pipeline_runs.triggered_by IS 'Database role that called run_pipeline (the owner role for pg_cron jobs).';

COMMENT ON COLUMN cw_nnnnnn.pipeline_runs.error IS 'Why the run did not succeed, with the failing step and SQLSTATE.';

CREATE TABLE cw_nnnnnn.pipeline_step_runs (
    id bigint NOT NULL,
    pipeline_run_id bigint NOT NULL,
    step_no smallint NOT NULL,
    step_name text NOT NULL,
    status text DEFAULT 'running'::text NOT NULL,
    started_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    finished_at timestamp with time zone,
    rows_in bigint,
    rows_out bigint,
    detail jsonb,
    error_sqlstate text,
    error text,
    CONSTRAINT pipeline_step_error_check CHECK (((status = 'failed'::text) = (error IS NOT NULL))),
    CONSTRAINT pipeline_step_rows_check CHECK (((rows_in >= 0) AND (rows_out >= 0))),
    CONSTRAINT pipeline_step_status_check CHECK ((status = ANY (ARRAY['running'::text, 'succeeded'::text, 'failed'::text, 'skipped'::text, 'stopped'::text, 'abandoned'::text])))
);

ALTER TABLE cw_nnnnnn.pipeline_step_runs OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.pipeline_step_runs IS 'One row per step of a pipeline run: status, timings, rows read and written, details and the error if it failed.';

COMMENT ON COLUMN cw_nnnnnn.pipeline_step_runs.status IS 'running; succeeded; failed (error and error_sqlstate set; the step''s work was rolled back); skipped (procedure not installed, reason in detail); stopped (the step finished and asked the run to stop); abandoned (session died).';

COMMENT ON COLUMN cw_nnnnnn.pipeline_step_runs.rows_in IS 'Rows the step read, as reported by the step.';

COMMENT ON COLUMN cw_nnnnnn.pipeline_step_runs.rows_out IS 'Rows the step wrote, as reported by the step.';

COMMENT ON COLUMN cw_nnnnnn.pipeline_step_runs.detail IS 'Step-specific facts (counts per table, scores, skip reason) as JSON.';

COMMENT ON COLUMN cw_nnnnnn.pipeline_step_runs.error_sqlstate IS 'SQLSTATE of the error that failed the step.';

COMMENT ON COLUMN cw_nnnnnn.pipeline_step_runs.error IS 'Message, detail and context of the error that failed the step.';

CREATE VIEW cw_nnnnnn.latest_run_steps AS
 WITH latest_runs AS (
         SELECT DISTINCT ON (pipeline_runs.run_date) pipeline_runs.run_date,
            pipeline_runs.id AS pipeline_run_id,
            pipeline_runs.status AS run_status
           FROM cw_nnnnnn.pipeline_runs
          ORDER BY pipeline_runs.run_date, pipeline_runs.id DESC
        ), final AS (
         SELECT latest_runs.run_date,
            latest_runs.pipeline_run_id,
            latest_runs.run_status,
            pipeline_step_runs.step_no,
            pipeline_step_runs.step_name,
            pipeline_step_runs.status,
            pipeline_step_runs.rows_in,
            pipeline_step_runs.rows_out,
            round(EXTRACT(epoch FROM (pipeline_step_runs.finished_at - pipeline_step_runs.started_at)), 2) AS seconds,
            COALESCE(((pipeline_step_runs.error_sqlstate || ' '::text) || split_part(pipeline_step_runs.error, chr(10), 1)), (pipeline_step_runs.detail ->> 'reason'::text), (pipeline_step_runs.detail ->> 'stop_reason'::text), ''::text) AS note
           FROM (latest_runs
             JOIN cw_nnnnnn.pipeline_step_runs ON ((pipeline_step_runs.pipeline_run_id = latest_runs.pipeline_run_id)))
        )
 SELECT final.run_date,
    final.pipeline_run_id,
    final.run_status,
    final.step_no,
    final.step_name,
    final.status,
    final.rows_in,
    final.rows_out,
    final.seconds,
    final.note
   FROM final;

ALTER TABLE cw_nnnnnn.latest_run_steps OWNER TO cw_nnnnnn_owner;

COMMENT ON VIEW cw_nnnnnn.latest_run_steps IS 'The steps of the latest pipeline run of each date, in order, with their time, rows and a one-line note (the error with its SQLSTATE, the reason a step was skipped, or why it stopped the run). cw run prints it; e.g. select * from latest_run_steps where run_date = current_date order by step_no.';

COMMENT ON COLUMN cw_nnnnnn.latest_run_steps.run_date IS 'The date the pipeline ran for.';

COMMENT ON COLUMN cw_nnnnnn.latest_run_steps.pipeline_run_id IS 'The latest run of that date.';

COMMENT ON COLUMN cw_nnnnnn.latest_run_steps.run_status IS 'Outcome of the whole run.';

COMMENT ON COLUMN cw_nnnnnn.latest_run_steps.step_no IS 'Position of the step in cw_global.pipeline_steps.';

COMMENT ON COLUMN cw_nnnnnn.latest_run_steps.step_name IS 'Step name (ingest, quality_gate, load, ...).';

COMMENT ON COLUMN cw_nnnnnn.latest_run_steps.status IS 'running, succeeded, failed, stopped, skipped or abandoned.';

COMMENT ON COLUMN cw_nnnnnn.latest_run_steps.rows_in IS 'Rows the step read, as it reported them.';

COMMENT ON COLUMN cw_nnnnnn.latest_run_steps.rows_out IS 'Rows the step wrote, as it reported them.';

COMMENT ON COLUMN cw_nnnnnn.latest_run_steps.seconds IS 'Wall time of the step in seconds.';

COMMENT ON COLUMN cw_nnnnnn.latest_run_steps.note IS 'First line of the error with its SQLSTATE, or the skip or stop reason; empty when none.';

CREATE TABLE cw_nnnnnn.load_entity_stats (
    id bigint NOT NULL,
    run_date date NOT NULL,
    entity text NOT NULL,
    rows_in bigint NOT NULL,
    rows_inserted bigint NOT NULL,
    rows_updated bigint NOT NULL,
    rows_unchanged bigint NOT NULL,
    rows_rejected bigint NOT NULL,
    rows_deactivated bigint DEFAULT 0 NOT NULL,
    duration_ms numeric(12,1) NOT NULL,
    loaded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT load_entity_stats_rows_check CHECK (((rows_in >= 0) AND (rows_inserted >= 0) AND (rows_updated >= 0) AND (rows_unchanged >= 0) AND (rows_rejected >= 0) AND (rows_deactivated >= 0)))
);

ALTER TABLE cw_nnnnnn.load_entity_stats OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.load_entity_stats IS 'What step load did per entity and run date (the last load of the date): rows in (staging, after parsing documents into headers or lines), inserted, updated (an ERP value changed), unchanged (same row hash: not written), rejected (load_rejects) and deactivated. The DataHealthMonitor reconciles them.';

COMMENT ON COLUMN cw_nnnnnn.load_entity_stats.run_date IS 'Run date of the load.';

COMMENT ON COLUMN cw_nnnnnn.load_entity_stats.entity IS 'Production entity (table name).';

COMMENT ON COLUMN cw_nnnnnn.load_entity_stats.rows_in IS 'Distinct rows offered by staging (before dedup rejects).';

COMMENT ON COLUMN cw_nnnnnn.load_entity_stats.rows_inserted IS 'New rows written.';

COMMENT ON COLUMN cw_nnnnnn.load_entity_stats.rows_updated IS 'Existing rows rewritten because a value changed.';

COMMENT ON COLUMN cw_nnnnnn.load_entity_stats.rows_unchanged IS 'Rows whose hash matched: not written.';

COMMENT ON COLUMN cw_nnnnnn.load_entity_stats.rows_rejected IS 'Rows recorded in load_rejects.';

COMMENT ON COLUMN cw_nnnnnn.load_entity_stats.rows_deactivated IS 'Master rows absent from the snapshot, deactivated.';

COMMENT ON COLUMN cw_nnnnnn.load_entity_stats.duration_ms IS 'Wall time of the entity''s load, milliseconds.';

COMMENT ON COLUMN cw_nnnnnn.load_entity_stats.loaded_at IS 'When the statistics were written.';

ALTER TABLE cw_nnnnnn.load_entity_stats ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.load_entity_stats_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.load_rejects (
    id bigint NOT NULL,
    run_date date NOT NULL,
    entity text NOT NULL,
    erp_key text,
    raw_file_id bigint NOT NULL,
    record_no integer NOT NULL,
    line_no integer DEFAULT 0 NOT NULL,
    reason_code text NOT NULL,
    reason text NOT NULL,
    detail jsonb,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT load_reject_reason_code_check CHECK ((reason_code ~ '^[a-z][a-z0-9_]*$'::text))
);

ALTER TABLE cw_nnnnnn.load_rejects OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.load_rejects IS 'Staging rows step load could not place, with the reason: orphans (a product, location or supplier that does not exist), values a constraint refuses, unknown currencies or codes, records the gate let through with missing or uncastable fields, and duplicates that lost to a later record. Never silently dropped; a re-run of a date replaces that date''s rejects.';

COMMENT ON COLUMN cw_nnnnnn.load_rejects.run_date IS 'Run date of the load.';

COMMENT ON COLUMN cw_nnnnnn.load_rejects.entity IS 'Production entity: products, sales_order_lines, ...';

COMMENT ON COLUMN cw_nnnnnn.load_rejects.erp_key IS 'ERP business key of the row (document id, product id, product@location).';

COMMENT ON COLUMN cw_nnnnnn.load_rejects.raw_file_id IS 'raw_files row the record came from.';

COMMENT ON COLUMN cw_nnnnnn.load_rejects.record_no IS 'Record position in the raw file.';

COMMENT ON COLUMN cw_nnnnnn.load_rejects.line_no IS 'Document line number for a line reject; 0 for a whole record.';

COMMENT ON COLUMN cw_nnnnnn.load_rejects.reason_code IS 'Stable code: orphan_product, orphan_location, orphan_supplier, duplicate, missing_fields, cast_errors, unknown_currency, no_fx_rate, unknown_value, or the name of the constraint that refused the row.';

COMMENT ON COLUMN cw_nnnnnn.load_rejects.reason IS 'Human-readable reason with the offending value.';

COMMENT ON COLUMN cw_nnnnnn.load_rejects.detail IS 'The offending values, or the SQLSTATE and message of a refused write.';

COMMENT ON COLUMN cw_nnnnnn.load_rejects.created_at IS 'When the reject was recorded.';

ALTER TABLE cw_nnnnnn.load_rejects ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.load_rejects_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.location_behaviors (
    id bigint NOT NULL,
    location_id integer NOT NULL,
    snapshot_date date NOT NULL,
    window_days integer NOT NULL,
    currency_id smallint NOT NULL,
    revenue numeric(18,4) NOT NULL,
    sold_qty numeric(16,3) NOT NULL,
    demand_qty numeric(16,3) NOT NULL,
    fill_rate numeric(7,4),
    stockout_rate numeric(7,4),
    avg_inventory_value numeric(18,4),
    active_products integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT location_behaviors_rates_check CHECK ((((fill_rate >= (0)::numeric) AND (fill_rate <= (1)::numeric)) AND ((stockout_rate >= (0)::numeric) AND (stockout_rate <= (1)::numeric)) AND (active_products >= 0) AND (sold_qty <= demand_qty)))
);

ALTER TABLE cw_nnnnnn.location_behaviors OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.location_behaviors IS 'Per location and snapshot date (step behaviors, unscoped runs): revenue, service (fill rate, stockout rate), average stock value and active products over the trailing window (seed 004; docs/behaviors.md).';

COMMENT ON COLUMN cw_nnnnnn.location_behaviors.id IS 'Surrogate key.';

COMMENT ON COLUMN cw_nnnnnn.location_behaviors.location_id IS 'The location (every type: stores, webshop, DCs).';

COMMENT ON COLUMN cw_nnnnnn.location_behaviors.snapshot_date IS 'Run date the snapshot describes (window end).';

COMMENT ON COLUMN cw_nnnnnn.location_behaviors.window_days IS 'Length of the trailing window in days.';

COMMENT ON COLUMN cw_nnnnnn.location_behaviors.currency_id IS 'Currency of the money columns: the client currency.';

COMMENT ON COLUMN cw_nnnnnn.location_behaviors.revenue IS 'Revenue of the units sold in the window (0 for DCs).';

COMMENT ON COLUMN cw_nnnnnn.location_behaviors.sold_qty IS 'Units sold in the window.';

COMMENT ON COLUMN cw_nnnnnn.location_behaviors.demand_qty IS 'Estimated true demand in the window (sales + imputed).';

COMMENT ON COLUMN cw_nnnnnn.location_behaviors.fill_rate IS 'Share of demand served: sold_qty / demand_qty; null without demand.';

COMMENT ON COLUMN cw_nnnnnn.location_behaviors.stockout_rate IS 'Share of listed product-days out of stock (demand_history.is_in_stock false); null without listed days.';

COMMENT ON COLUMN cw_nnnnnn.location_behaviors.avg_inventory_value IS 'Time-weighted mean stock value over the window: qty_available x products.cost summed over products; null when no stocked product has a cost.';

COMMENT ON COLUMN cw_nnnnnn.location_behaviors.active_products IS 'Products with demand in the window or stock on some day of it.';

COMMENT ON COLUMN cw_nnnnnn.location_behaviors.created_at IS 'When the row was first written.';

COMMENT ON COLUMN cw_nnnnnn.location_behaviors.updated_at IS 'When a re-run last changed the row.';

ALTER TABLE cw_nnnnnn.location_behaviors ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.location_behaviors_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.location_lanes (
    id integer NOT NULL,
    from_location_id integer NOT NULL,
    to_location_id integer NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    is_enabled boolean DEFAULT true NOT NULL,
    transit_days_override integer,
    first_seen_date date NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT location_lane_distinct_check CHECK ((from_location_id <> to_location_id)),
    CONSTRAINT location_lane_transit_check CHECK (((transit_days_override >= 0) AND (transit_days_override <= 90)))
);

ALTER TABLE cw_nnnnnn.location_lanes OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.location_lanes IS 'Which location supplies which: one row per (from, to) pair, derived by load from the ERP''s replenish-from links. A lane whose link disappears is deactivated, never deleted.';

COMMENT ON COLUMN cw_nnnnnn.location_lanes.from_location_id IS 'Supplying location (e.g. the DC).';

COMMENT ON COLUMN cw_nnnnnn.location_lanes.to_location_id IS 'Supplied location (e.g. the store).';

COMMENT ON COLUMN cw_nnnnnn.location_lanes.is_active IS 'True while the ERP names from_location as the replenishment source of to_location.';

COMMENT ON COLUMN cw_nnnnnn.location_lanes.is_enabled IS 'UI: false when the planner forbids transfers on this lane.';

COMMENT ON COLUMN cw_nnnnnn.location_lanes.transit_days_override IS 'UI: planner''s transit time in days; null = measured from transfers.';

COMMENT ON COLUMN cw_nnnnnn.location_lanes.first_seen_date IS 'Run date of the first snapshot with the link.';

COMMENT ON COLUMN cw_nnnnnn.location_lanes.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.location_lanes.updated_at IS 'When load last changed is_active.';

ALTER TABLE cw_nnnnnn.location_lanes ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.location_lanes_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE cw_nnnnnn.location_versions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.location_versions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.locations (
    id integer NOT NULL,
    erp_id text NOT NULL,
    name text NOT NULL,
    location_type text NOT NULL,
    echelon smallint NOT NULL,
    parent_location_id integer,
    city_name text,
    city_id integer,
    country_id smallint,
    currency_id smallint,
    timezone text,
    erp_status text NOT NULL,
    open_date date,
    close_date date,
    is_enabled boolean DEFAULT true NOT NULL,
    planner_note text,
    is_active boolean DEFAULT true NOT NULL,
    deactivated_on date,
    first_seen_date date NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    raw_hash bigint,
    CONSTRAINT location_dates_check CHECK ((close_date >= open_date)),
    CONSTRAINT location_deactivated_check CHECK ((is_active = (deactivated_on IS NULL))),
    CONSTRAINT location_echelon_check CHECK (((echelon >= 1) AND (echelon <= 4))),
    CONSTRAINT location_erp_status_check CHECK ((erp_status = ANY (ARRAY['planned'::text, 'active'::text, 'closed'::text]))),
    CONSTRAINT location_parent_check CHECK ((parent_location_id <> id)),
    CONSTRAINT location_type_check CHECK ((location_type = ANY (ARRAY['store'::text, 'online'::text, 'dc'::text, 'warehouse'::text, 'central'::text])))
);

ALTER TABLE cw_nnnnnn.locations OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.locations IS 'Stores, webshop, distribution centres, warehouse and central entity from the ERP''s daily full snapshot. Echelon 1 store/online, 2 DC, 3 warehouse, 4 central. is_enabled is the planner''s switch (UI); erp_status is the ERP''s.';

COMMENT ON COLUMN cw_nnnnnn.locations.erp_id IS 'Location code in the ERP (L001 / ST-004): unique per client.';

COMMENT ON COLUMN cw_nnnnnn.locations.name IS 'Location name (ERP).';

COMMENT ON COLUMN cw_nnnnnn.locations.location_type IS 'store, online, dc, warehouse or central (ERP; navision WEBSHOP = online).';

COMMENT ON COLUMN cw_nnnnnn.locations.echelon IS 'Supply-chain level: 1 store/online, 2 DC, 3 warehouse, 4 central.';

COMMENT ON COLUMN cw_nnnnnn.locations.parent_location_id IS 'Location that replenishes this one (ERP); see location_lanes.';

COMMENT ON COLUMN cw_nnnnnn.locations.city_name IS 'City as sent by the ERP.';

COMMENT ON COLUMN cw_nnnnnn.locations.city_id IS 'The city in cw_global.cities when it is known there (weather key).';

COMMENT ON COLUMN cw_nnnnnn.locations.country_id IS 'Country (ERP, ISO alpha-2 resolved to cw_global.countries).';

COMMENT ON COLUMN cw_nnnnnn.locations.currency_id IS 'Selling currency of the location (ERP).';

COMMENT ON COLUMN cw_nnnnnn.locations.timezone IS 'IANA time zone of the location (ERP).';

COMMENT ON COLUMN cw_nnnnnn.locations.erp_status IS 'planned, active or closed as the ERP says (navision Open = active).';

COMMENT ON COLUMN cw_nnnnnn.locations.open_date IS 'Opening date (ERP).';

COMMENT ON COLUMN cw_nnnnnn.locations.close_date IS 'Closing date (ERP); null while open.';

COMMENT ON COLUMN cw_nnnnnn.locations.is_enabled IS 'UI: false when the planner disables the location; the pipeline then stops recommending for it. Load never changes it.';

COMMENT ON COLUMN cw_nnnnnn.locations.planner_note IS 'UI: free text of the planner.';

COMMENT ON COLUMN cw_nnnnnn.locations.is_active IS 'False once the location left the ERP snapshot (never deleted).';

COMMENT ON COLUMN cw_nnnnnn.locations.deactivated_on IS 'Run date of the first snapshot without the location.';

COMMENT ON COLUMN cw_nnnnnn.locations.first_seen_date IS 'Run date of the first snapshot with the location.';

COMMENT ON COLUMN cw_nnnnnn.locations.row_hash IS 'MD5 of the ERP-owned values: load writes the row only when it changes.';

COMMENT ON COLUMN cw_nnnnnn.locations.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.locations.updated_at IS 'When load last changed an ERP-owned value.';

COMMENT ON COLUMN cw_nnnnnn.locations.raw_hash IS '64-bit hash of the staging values the row was last loaded from (every staging column but the file and record number, seeded with load_raw_hash_seed()): an active row with the same hash is skipped by load before any typing.';

ALTER TABLE cw_nnnnnn.locations ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.locations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.payment_methods (
    id smallint NOT NULL,
    code text NOT NULL,
    first_seen_date date NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT payment_method_code_check CHECK ((code ~ '^[a-z0-9_]+$'::text))
);

ALTER TABLE cw_nnnnnn.payment_methods OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.payment_methods IS 'Payment methods named on sales orders (card, cash, paypal ...), normalised to lower case.';

COMMENT ON COLUMN cw_nnnnnn.payment_methods.code IS 'Normalised code (navision upper-case codes in lower case).';

COMMENT ON COLUMN cw_nnnnnn.payment_methods.first_seen_date IS 'Run date of the first order with the method.';

COMMENT ON COLUMN cw_nnnnnn.payment_methods.created_at IS 'When load inserted the row.';

ALTER TABLE cw_nnnnnn.payment_methods ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.payment_methods_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE cw_nnnnnn.pipeline_runs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.pipeline_runs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE cw_nnnnnn.pipeline_step_runs ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.pipeline_step_runs_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.po_recommendation_priorities (
    id smallint NOT NULL,
    name text NOT NULL,
    description text NOT NULL
);

ALTER TABLE cw_nnnnnn.po_recommendation_priorities OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.po_recommendation_priorities IS 'Urgency of a purchase-order recommendation, most urgent first (id 1 = critical). docs/recommendations.md.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_priorities.id IS 'Stable id; a lower id is more urgent.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_priorities.name IS 'critical, high, medium or low.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_priorities.description IS 'When the pipeline gives this priority.';

CREATE TABLE cw_nnnnnn.po_recommendation_statuses (
    id smallint NOT NULL,
    name text NOT NULL,
    description text NOT NULL
);

ALTER TABLE cw_nnnnnn.po_recommendation_statuses OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.po_recommendation_statuses IS 'Workflow statuses of a purchase-order recommendation. The pipeline writes pending; the buyer (UI role) moves it to accepted, rejected or ordered, and a re-run never resets that.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_statuses.id IS 'Stable id (referenced by po_recommendations).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_statuses.name IS 'pending, accepted, rejected or ordered.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_statuses.description IS 'What the status means for the buyer.';

CREATE TABLE cw_nnnnnn.po_recommendations (
    id bigint NOT NULL,
    product_id integer NOT NULL,
    supplier_id integer NOT NULL,
    location_id integer NOT NULL,
    recommendation_date date NOT NULL,
    recommended_qty numeric(14,3) NOT NULL,
    predicted_qty numeric(14,3) NOT NULL,
    order_buffer numeric(14,3) NOT NULL,
    unit_cost numeric(14,4),
    currency_id smallint NOT NULL,
    confidence numeric(4,3) NOT NULL,
    confidence_reasons text NOT NULL,
    po_recommendation_priority_id smallint NOT NULL,
    priority_reasons text NOT NULL,
    po_recommendation_status_id smallint DEFAULT 1 NOT NULL,
    is_respected boolean,
    on_hand_qty numeric(14,3) NOT NULL,
    on_order_qty numeric(14,3) NOT NULL,
    in_transit_qty numeric(14,3) NOT NULL,
    reserved_qty numeric(14,3) NOT NULL,
    inventory_position_qty numeric(14,3) NOT NULL,
    lead_time_demand_qty numeric(14,3) NOT NULL,
    reorder_point numeric(14,3) NOT NULL,
    target_stock numeric(14,3) NOT NULL,
    lead_time_days numeric(8,2) NOT NULL,
    cover_days numeric(10,1),
    pack_size_qty numeric(12,3) NOT NULL,
    moq_qty numeric(14,3) NOT NULL,
    status_updated_at timestamp with time zone,
    status_updated_by text,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT po_recommendation_confidence_check CHECK (((confidence >= (0)::numeric) AND (confidence <= (1)::numeric))),
    CONSTRAINT po_recommendation_pack_moq_check CHECK (((pack_size_qty > (0)::numeric) AND (moq_qty >= (0)::numeric) AND (recommended_qty >= moq_qty))),
    CONSTRAINT po_recommendation_qty_check CHECK (((recommended_qty > (0)::numeric) AND (predicted_qty >= (0)::numeric))),
    CONSTRAINT po_recommendation_status_by_check CHECK ((length(status_updated_by) <= 200)),
    CONSTRAINT po_recommendation_stock_check CHECK (((on_hand_qty >= (0)::numeric) AND (on_order_qty >= (0)::numeric) AND (in_transit_qty >= (0)::numeric) AND (reserved_qty >= (0)::numeric))),
    CONSTRAINT po_recommendation_unit_cost_check CHECK ((unit_cost >= (0)::numeric))
);

ALTER TABLE cw_nnnnnn.po_recommendations OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.po_recommendations IS 'Purchase-order recommendations of step 10 (step_po_recommendations): per product x buying location x supplier and run date, how many units to order now, why, how urgent and how sure. Pipeline-owned except the status columns, which the buyer sets (UI role); a re-run of the date changes only pending rows and only where an input changed. Formulas: docs/recommendations.md.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.id IS 'Identity of the recommendation (step 13 measures it by id).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.product_id IS 'The product to order.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.supplier_id IS 'The supplier to order from (the primary supplier).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.location_id IS 'The receiving location: a location without a parent location (a store, DC or warehouse nobody supplies).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.recommendation_date IS 'Run date the recommendation was computed for.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.recommended_qty IS 'Units to order: target_stock - inventory_position_qty, rounded up to whole packs, at least the MOQ.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.predicted_qty IS 'Forecast demand over the protection period (lead time + review cycle) that the order has to cover (step 7).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.order_buffer IS 'Units expected left when the next order arrives if the forecast is exact: inventory_position_qty + recommended_qty - predicted_qty (safety stock plus pack/MOQ rounding; negative when the target does not cover the period).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.unit_cost IS 'Unit cost assumed at recommendation time, in currency_id (the supplier''s): the latest purchase-order line cost of the product from the supplier, else the product cost, converted at the run date''s rate; null when unknown.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.currency_id IS 'Currency of unit_cost: the supplier''s currency.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.confidence IS 'How far the recommendation can be trusted, 0-1: the forecast''s confidence lowered for stale or missing stock figures and a missing cost (confidence_reasons says which).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.confidence_reasons IS 'Why the confidence is what it is, in words.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.po_recommendation_priority_id IS 'Urgency (critical, high, medium, low).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.priority_reasons IS 'Why this priority, for the buyer: days of cover left, lead time, class, stock figures.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.po_recommendation_status_id IS 'UI: workflow status. The pipeline inserts pending; the buyer sets accepted, rejected or ordered, which freezes the row against re-runs.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.is_respected IS 'Whether the buyer followed the recommendation; null until step 13 (uplift) measures it.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.on_hand_qty IS 'Usable units on hand at the run date: the latest balance on or before it (available + reserved, blocked excluded).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.on_order_qty IS 'Units on open purchase orders to this location not yet received (confirmed, else ordered, minus delivered).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.in_transit_qty IS 'Units shipped to this location by transfer, not yet received.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.reserved_qty IS 'Units on hand already allocated to outbound transfers.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.inventory_position_qty IS 'on_hand_qty + on_order_qty + in_transit_qty - reserved_qty: what the reorder point is compared with.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.lead_time_demand_qty IS 'Forecast demand over the lead time (step 7 accumulation): inventory_position_qty minus it is the stock expected when an order placed today arrives.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.reorder_point IS 'Reorder point of step 8 used (inventory_targets).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.target_stock IS 'Order-up-to level of step 8 used (inventory_targets).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.lead_time_days IS 'Supplier lead time used, days (step 8''s parameter).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.cover_days IS 'Days the inventory position lasts at the forecast demand per day; null when no demand is forecast.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.pack_size_qty IS 'Pack size the quantity was rounded up to.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.moq_qty IS 'Minimum order quantity applied (product, else supplier).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.status_updated_at IS 'UI: when the status last changed (set by a trigger).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.status_updated_by IS 'UI: database role that last changed the status (set by a trigger).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.created_at IS 'When the row was first written.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendations.updated_at IS 'When a pipeline value of the row last changed.';

CREATE TABLE cw_nnnnnn.suppliers (
    id integer NOT NULL,
    erp_id text NOT NULL,
    name text NOT NULL,
    country_id smallint,
    currency_id smallint NOT NULL,
    lead_time_days integer,
    moq_qty numeric(14,3),
    erp_status text NOT NULL,
    is_enabled boolean DEFAULT true NOT NULL,
    lead_time_days_override integer,
    moq_qty_override numeric(14,3),
    review_cycle_days integer,
    is_active boolean DEFAULT true NOT NULL,
    deactivated_on date,
    first_seen_date date NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    raw_hash bigint,
    min_order_value numeric(14,2),
    CONSTRAINT supplier_deactivated_check CHECK ((is_active = (deactivated_on IS NULL))),
    CONSTRAINT supplier_erp_status_check CHECK ((erp_status = ANY (ARRAY['active'::text, 'blocked'::text, 'inactive'::text]))),
    CONSTRAINT supplier_lead_time_check CHECK (((lead_time_days >= 0) AND (lead_time_days <= 365))),
    CONSTRAINT supplier_lead_time_override_check CHECK (((lead_time_days_override >= 0) AND (lead_time_days_override <= 365))),
    CONSTRAINT supplier_min_order_value_check CHECK ((min_order_value >= (0)::numeric)),
    CONSTRAINT supplier_moq_check CHECK (((moq_qty >= (0)::numeric) AND (moq_qty_override >= (0)::numeric))),
    CONSTRAINT supplier_review_cycle_check CHECK (((review_cycle_days >= 1) AND (review_cycle_days <= 365)))
);

ALTER TABLE cw_nnnnnn.suppliers OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.suppliers IS 'Suppliers (vendors) from the ERP''s daily full snapshot, with the planner''s settings beside the ERP values: the pipeline uses coalesce(override, ERP value).';

COMMENT ON COLUMN cw_nnnnnn.suppliers.erp_id IS 'Supplier id in the ERP (S0001 / V10001): unique per client.';

COMMENT ON COLUMN cw_nnnnnn.suppliers.name IS 'Supplier name (ERP).';

COMMENT ON COLUMN cw_nnnnnn.suppliers.country_id IS 'Supplier country (ERP), cw_global.countries.';

COMMENT ON COLUMN cw_nnnnnn.suppliers.currency_id IS 'Purchase currency (ERP), cw_global.currencies.';

COMMENT ON COLUMN cw_nnnnnn.suppliers.lead_time_days IS 'Nominal lead time in days (ERP; navision "14D").';

COMMENT ON COLUMN cw_nnnnnn.suppliers.moq_qty IS 'Minimum order quantity per PO line in units (ERP).';

COMMENT ON COLUMN cw_nnnnnn.suppliers.erp_status IS 'active, blocked or inactive as the ERP says (navision Blocked).';

COMMENT ON COLUMN cw_nnnnnn.suppliers.is_enabled IS 'UI: false when the planner excludes the supplier from recommendations.';

COMMENT ON COLUMN cw_nnnnnn.suppliers.lead_time_days_override IS 'UI: planner''s lead time; null = use the ERP''s.';

COMMENT ON COLUMN cw_nnnnnn.suppliers.moq_qty_override IS 'UI: planner''s minimum order quantity; null = ERP''s.';

COMMENT ON COLUMN cw_nnnnnn.suppliers.review_cycle_days IS 'UI: days between two orders to this supplier; null = daily review.';

COMMENT ON COLUMN cw_nnnnnn.suppliers.is_active IS 'False once the supplier left the ERP snapshot (never deleted).';

COMMENT ON COLUMN cw_nnnnnn.suppliers.deactivated_on IS 'Run date of the first snapshot without the supplier.';

COMMENT ON COLUMN cw_nnnnnn.suppliers.first_seen_date IS 'Run date of the first snapshot with the supplier.';

COMMENT ON COLUMN cw_nnnnnn.suppliers.row_hash IS 'MD5 of the ERP-owned values: load writes the row only when it changes.';

COMMENT ON COLUMN cw_nnnnnn.suppliers.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.suppliers.updated_at IS 'When load last changed an ERP-owned value.';

COMMENT ON COLUMN cw_nnnnnn.suppliers.raw_hash IS '64-bit hash of the staging values the row was last loaded from (every staging column but the file and record number, seeded with load_raw_hash_seed()): an active row with the same hash is skipped by load before any typing.';

COMMENT ON COLUMN cw_nnnnnn.suppliers.min_order_value IS 'UI: the supplier''s minimum order value in its own currency (currency_id); null = none. The per-supplier summary of purchase-order recommendations checks it.';

CREATE VIEW cw_nnnnnn.po_recommendation_supplier_summary AS
 WITH lines AS (
         SELECT po_recommendations.recommendation_date,
            po_recommendations.supplier_id,
            po_recommendations.currency_id,
            po_recommendation_priorities.name AS priority_name,
            po_recommendation_statuses.name AS status_name,
            (po_recommendations.recommended_qty * po_recommendations.unit_cost) AS line_value
           FROM ((cw_nnnnnn.po_recommendations
             JOIN cw_nnnnnn.po_recommendation_priorities ON ((po_recommendations.po_recommendation_priority_id = po_recommendation_priorities.id)))
             JOIN cw_nnnnnn.po_recommendation_statuses ON ((po_recommendations.po_recommendation_status_id = po_recommendation_statuses.id)))
          WHERE (po_recommendation_statuses.name <> 'rejected'::text)
        ), per_supplier AS (
         SELECT lines.recommendation_date,
            lines.supplier_id,
            lines.currency_id,
            count(*) AS line_count,
            count(*) FILTER (WHERE (lines.status_name = 'pending'::text)) AS pending_lines,
            count(*) FILTER (WHERE (lines.priority_name = 'critical'::text)) AS critical_lines,
            count(*) FILTER (WHERE (lines.line_value IS NULL)) AS lines_without_cost,
            round(COALESCE(sum(lines.line_value), (0)::numeric), 2) AS order_value
           FROM lines
          GROUP BY lines.recommendation_date, lines.supplier_id, lines.currency_id
        ), final AS (
         SELECT per_supplier.recommendation_date,
            per_supplier.supplier_id,
            suppliers.erp_id AS supplier_erp_id,
            suppliers.name AS supplier_name,
            currencies.code AS currency_code,
            per_supplier.line_count,
            per_supplier.pending_lines,
            per_supplier.critical_lines,
            per_supplier.lines_without_cost,
            per_supplier.order_value,
            round((per_supplier.order_value * cw_nnnnnn.fx_factor(per_supplier.currency_id, per_supplier.recommendation_date)), 2) AS order_value_client_currency,
            suppliers.min_order_value,
            COALESCE((per_supplier.order_value >= suppliers.min_order_value), true) AS meets_min_order_value
           FROM ((per_supplier
             JOIN cw_nnnnnn.suppliers ON ((per_supplier.supplier_id = suppliers.id)))
             JOIN cw_global.currencies ON ((per_supplier.currency_id = currencies.id)))
        )
 SELECT final.recommendation_date,
    final.supplier_id,
    final.supplier_erp_id,
    final.supplier_name,
    final.currency_code,
    final.line_count,
    final.pending_lines,
    final.critical_lines,
    final.lines_without_cost,
    final.order_value,
    final.order_value_client_currency,
    final.min_order_value,
    final.meets_min_order_value
   FROM final;

ALTER TABLE cw_nnnnnn.po_recommendation_supplier_summary OWNER TO cw_nnnnnn_owner;

COMMENT ON VIEW cw_nnnnnn.po_recommendation_supplier_summary IS 'Per run date and supplier: the proposed purchase order of step 10 (recommendations not rejected): lines, pending and critical lines, order value in the supplier''s currency and in the client''s, and whether it reaches the supplier''s minimum order value (suppliers.min_order_value, UI-set; true when none is set). Lines without a unit cost count 0 in the value (lines_without_cost says how many).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_supplier_summary.recommendation_date IS 'Run date of the recommendations.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_supplier_summary.supplier_id IS 'The supplier.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_supplier_summary.supplier_erp_id IS 'The supplier''s ERP id.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_supplier_summary.supplier_name IS 'The supplier''s name.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_supplier_summary.currency_code IS 'The supplier''s currency (ISO 4217).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_supplier_summary.line_count IS 'Recommendations not rejected.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_supplier_summary.pending_lines IS 'Of which still pending.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_supplier_summary.critical_lines IS 'Of which critical.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_supplier_summary.lines_without_cost IS 'Lines without a unit cost (counted 0 in order_value).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_supplier_summary.order_value IS 'Sum of recommended_qty x unit_cost, supplier currency.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_supplier_summary.order_value_client_currency IS 'order_value in the client currency at the run date''s rate (null without a rate).';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_supplier_summary.min_order_value IS 'The supplier''s minimum order value (UI-set), supplier currency; null = none.';

COMMENT ON COLUMN cw_nnnnnn.po_recommendation_supplier_summary.meets_min_order_value IS 'order_value reaches min_order_value (true when the supplier has none).';

ALTER TABLE cw_nnnnnn.po_recommendations ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.po_recommendations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.price_lists (
    id integer NOT NULL,
    erp_id text NOT NULL,
    name text,
    channel text NOT NULL,
    country_id smallint,
    currency_id smallint NOT NULL,
    valid_from date,
    valid_to date,
    is_active boolean DEFAULT true NOT NULL,
    deactivated_on date,
    first_seen_date date NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    raw_hash bigint,
    CONSTRAINT price_list_channel_check CHECK ((channel = ANY (ARRAY['store'::text, 'online'::text]))),
    CONSTRAINT price_list_deactivated_check CHECK ((is_active = (deactivated_on IS NULL))),
    CONSTRAINT price_list_validity_check CHECK ((valid_to >= valid_from))
);

ALTER TABLE cw_nnnnnn.price_lists OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.price_lists IS 'Selling price lists (one per store country and one for the webshop) from the ERP''s daily full snapshot.';

COMMENT ON COLUMN cw_nnnnnn.price_lists.erp_id IS 'Price list code in the ERP (PL-DE / DE-STORE).';

COMMENT ON COLUMN cw_nnnnnn.price_lists.name IS 'Description (ERP).';

COMMENT ON COLUMN cw_nnnnnn.price_lists.channel IS 'store or online (navision Customer Price Group / Campaign).';

COMMENT ON COLUMN cw_nnnnnn.price_lists.country_id IS 'Country of the stores the list applies to; null for the webshop.';

COMMENT ON COLUMN cw_nnnnnn.price_lists.currency_id IS 'Currency of the list''s prices.';

COMMENT ON COLUMN cw_nnnnnn.price_lists.valid_from IS 'First day the list applies (ERP).';

COMMENT ON COLUMN cw_nnnnnn.price_lists.valid_to IS 'Last day the list applies (ERP); null = open-ended.';

COMMENT ON COLUMN cw_nnnnnn.price_lists.is_active IS 'False once the list left the ERP snapshot.';

COMMENT ON COLUMN cw_nnnnnn.price_lists.deactivated_on IS 'Run date of the first snapshot without the list.';

COMMENT ON COLUMN cw_nnnnnn.price_lists.first_seen_date IS 'Run date of the first snapshot with the list.';

COMMENT ON COLUMN cw_nnnnnn.price_lists.row_hash IS 'MD5 of the ERP-owned values.';

COMMENT ON COLUMN cw_nnnnnn.price_lists.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.price_lists.updated_at IS 'When load last changed an ERP-owned value.';

COMMENT ON COLUMN cw_nnnnnn.price_lists.raw_hash IS '64-bit hash of the whole list as last loaded (the number of staging lines and the sum of the hashes of every line''s values, seeded with load_raw_hash_seed()); null while a line of it is rejected. A list with the same hash is skipped by load, prices included.';

ALTER TABLE cw_nnnnnn.price_lists ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.price_lists_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.prices (
    id bigint NOT NULL,
    price_list_id integer NOT NULL,
    product_id integer NOT NULL,
    erp_price numeric(14,4) NOT NULL,
    erp_promo_price numeric(14,4),
    price numeric(14,4) NOT NULL,
    promo_price numeric(14,4),
    is_active boolean DEFAULT true NOT NULL,
    first_seen_date date NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    raw_hash bigint,
    CONSTRAINT price_amount_check CHECK (((erp_price >= (0)::numeric) AND (price >= (0)::numeric))),
    CONSTRAINT price_promo_check CHECK (((erp_promo_price > (0)::numeric) AND (promo_price > (0)::numeric)))
);

ALTER TABLE cw_nnnnnn.prices OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.prices IS 'Current price of each product on each price list: as sent (erp_price, in the list currency) and in the client currency (price, at the FX rate of the run date on which it last changed). No promotion = null promo price (navision sends 0.00).';

COMMENT ON COLUMN cw_nnnnnn.prices.price_list_id IS 'The price list.';

COMMENT ON COLUMN cw_nnnnnn.prices.product_id IS 'The product.';

COMMENT ON COLUMN cw_nnnnnn.prices.erp_price IS 'List price in the list currency, as sent.';

COMMENT ON COLUMN cw_nnnnnn.prices.erp_promo_price IS 'Promotion price in the list currency; null without a promotion.';

COMMENT ON COLUMN cw_nnnnnn.prices.price IS 'List price in the client currency.';

COMMENT ON COLUMN cw_nnnnnn.prices.promo_price IS 'Promotion price in the client currency.';

COMMENT ON COLUMN cw_nnnnnn.prices.is_active IS 'False once the product left the list.';

COMMENT ON COLUMN cw_nnnnnn.prices.first_seen_date IS 'Run date of the first snapshot with the price.';

COMMENT ON COLUMN cw_nnnnnn.prices.row_hash IS 'MD5 of the ERP-owned values.';

COMMENT ON COLUMN cw_nnnnnn.prices.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.prices.updated_at IS 'When load last changed the price.';

COMMENT ON COLUMN cw_nnnnnn.prices.raw_hash IS '64-bit hash of the staging price line the row was last loaded from (its list''s header values included, the line number not, seeded with load_raw_hash_seed()): an active price with the same hash is skipped by load.';

ALTER TABLE cw_nnnnnn.prices ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.prices_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.product_behaviors (
    id bigint NOT NULL,
    product_id integer NOT NULL,
    snapshot_date date NOT NULL,
    window_days integer NOT NULL,
    listed_days integer NOT NULL,
    location_count integer NOT NULL,
    demand_days integer NOT NULL,
    demand_qty numeric(14,3) NOT NULL,
    demand_revenue numeric(16,4) NOT NULL,
    stockout_qty numeric(14,3) NOT NULL,
    is_oos_imputed boolean NOT NULL,
    velocity numeric(14,4) NOT NULL,
    demand_cv numeric(12,4),
    adi_days numeric(12,4),
    demand_size_cv2 numeric(12,4),
    demand_pattern text,
    trend numeric(14,6),
    revenue_share_pct numeric(7,3),
    abc_class_id smallint NOT NULL,
    xyz_class_id smallint NOT NULL,
    fmr_class_id smallint NOT NULL,
    freq_class_id smallint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    demand_cost numeric(16,4),
    recent_velocity numeric(14,4),
    trend_t_stat numeric(10,3),
    is_trend_significant boolean,
    hotness_score numeric(5,2),
    seasonality_strength numeric(5,4),
    avg_inventory_qty numeric(16,3),
    shelf_time_days numeric(12,2),
    n_stores integer,
    CONSTRAINT product_behaviors_days_check CHECK (((window_days >= 1) AND ((listed_days >= 1) AND (listed_days <= window_days)) AND ((demand_days >= 0) AND (demand_days <= listed_days)) AND (location_count >= 1))),
    CONSTRAINT product_behaviors_demand_pattern_check CHECK ((((demand_pattern IS NOT NULL) = (demand_days > 0)) AND COALESCE((demand_pattern = ANY (ARRAY['smooth'::text, 'erratic'::text, 'intermittent'::text, 'lumpy'::text])), true))),
    CONSTRAINT product_behaviors_hotness_check CHECK (((hotness_score >= (0)::numeric) AND (hotness_score <= (100)::numeric))),
    CONSTRAINT product_behaviors_seasonality_check CHECK (((seasonality_strength >= (0)::numeric) AND (seasonality_strength <= (1)::numeric))),
    CONSTRAINT product_behaviors_stock_check CHECK (((avg_inventory_qty >= (0)::numeric) AND (shelf_time_days >= (0)::numeric) AND (n_stores >= 0)))
);

ALTER TABLE cw_nnnnnn.product_behaviors OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.product_behaviors IS 'Step 6 (behaviors): one row per product with demand_history in the trailing window, per snapshot date: the same measures as product_location_behaviors on the product''s daily demand summed over its stores and webshop, with the classes computed across all products of the client (independent of the per-location classes). Re-running a date replaces its snapshot (docs/behaviors.md).';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.id IS 'Surrogate key.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.product_id IS 'The product.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.snapshot_date IS 'Run date of the snapshot: the last day of the trailing window.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.window_days IS 'Length of the trailing window in days (setting behaviors.window_days, 90).';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.listed_days IS 'Days of the window on which the product has a demand_history row at any location.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.location_count IS 'Stores and webshops with a demand_history row of the product in the window.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.demand_days IS 'Listed days with total demand_qty > 0.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.demand_qty IS 'Estimated true demand over the window, all locations.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.demand_revenue IS 'Revenue of the units sold over the window, all locations (client currency); the basis of ABC.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.stockout_qty IS 'Imputed missed demand over the window, all locations.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.is_oos_imputed IS 'True when any location had imputed missed demand in the window.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.velocity IS 'Average demand units a listed day (all locations): demand_qty / listed_days.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.demand_cv IS 'Coefficient of variation of the daily total demand over the listed days; null without demand. The basis of XYZ.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.adi_days IS 'Average demand interval: listed_days / demand_days; null without demand.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.demand_size_cv2 IS 'Squared coefficient of variation of the non-zero daily total demands (CV²); null without demand.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.demand_pattern IS 'Syntetos-Boylan pattern: smooth, erratic, intermittent or lumpy; null without demand.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.trend IS 'Least-squares slope of the daily total demand (units a day, per day); null with fewer than 2 listed days.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.revenue_share_pct IS 'demand_revenue as a percentage of the client''s revenue over the window; null when there was none.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.abc_class_id IS 'ABC class across all products by revenue share (abc_classes).';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.xyz_class_id IS 'XYZ class by demand_cv (xyz_classes).';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.fmr_class_id IS 'FMR class by the share of listed days with demand (fmr_classes).';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.freq_class_id IS 'Frequency class by velocity (freq_classes).';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.created_at IS 'When the row was first written.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.updated_at IS 'When the row last changed (unchanged recomputations do not write).';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.demand_cost IS 'Cost of the units sold in the window over all locations; null when no day has a known cost.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.recent_velocity IS 'Mean daily demand (all locations) over the listed days of the last hot_recent_days days of the window.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.trend_t_stat IS 't statistic of the trend slope of the product''s daily demand (see product_location_behaviors.trend_t_stat).';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.is_trend_significant IS 'abs(trend_t_stat) >= trend_min_t (default 1.96); null with fewer than 3 listed days.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.hotness_score IS '0-100: 100 * lift / (1 + lift), lift = recent_velocity / velocity, over all locations.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.seasonality_strength IS '0-1: year-over-year correlation of the weekly demand profile (each year''s 52 weeks divided by that year''s mean, floored at 0) over the last 104 weeks; null with fewer than seasonality_min_weeks (default 26) weeks in each year.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.avg_inventory_qty IS 'Time-weighted mean end-of-day stock (qty_available, inventory_as_of semantics) summed over the stores and webshop over the window; 0 without readings.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.shelf_time_days IS 'Days a unit stays on the shelf: avg_inventory_qty / velocity; null without demand.';

COMMENT ON COLUMN cw_nnnnnn.product_behaviors.n_stores IS 'Stores and webshop where the product is listed on the snapshot date (a demand_history row that day).';

ALTER TABLE cw_nnnnnn.product_behaviors ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.product_behaviors_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.product_categories (
    id integer NOT NULL,
    parent_id integer,
    level smallint NOT NULL,
    name text NOT NULL,
    path text NOT NULL,
    erp_code text,
    is_active boolean DEFAULT true NOT NULL,
    first_seen_date date NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT product_category_level_check CHECK (((level >= 1) AND (level <= 5))),
    CONSTRAINT product_category_name_check CHECK (((name <> ''::text) AND (POSITION((' > '::text) IN (name)) = 0))),
    CONSTRAINT product_category_root_check CHECK (((level = 1) = (parent_id IS NULL)))
);

ALTER TABLE cw_nnnnnn.product_categories OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.product_categories IS 'The category tree (catwing category_path "A > B > C", navision ItemCategory Level1..3), one row per node, keyed by its full path. Products hang on leaves.';

COMMENT ON COLUMN cw_nnnnnn.product_categories.parent_id IS 'Parent node; null for a top-level category.';

COMMENT ON COLUMN cw_nnnnnn.product_categories.level IS 'Depth in the tree: 1 for a top-level category.';

COMMENT ON COLUMN cw_nnnnnn.product_categories.name IS 'Name of this node (the last path element).';

COMMENT ON COLUMN cw_nnnnnn.product_categories.path IS 'Full path from the root, elements joined by " > " (business key).';

COMMENT ON COLUMN cw_nnnnnn.product_categories.erp_code IS 'The ERP''s category code of a leaf (C010203 / 010203).';

COMMENT ON COLUMN cw_nnnnnn.product_categories.is_active IS 'True while an active product sits in the node or below.';

COMMENT ON COLUMN cw_nnnnnn.product_categories.first_seen_date IS 'Run date of the first snapshot with the node.';

COMMENT ON COLUMN cw_nnnnnn.product_categories.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.product_categories.updated_at IS 'When load last changed the row.';

ALTER TABLE cw_nnnnnn.product_categories ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.product_categories_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.product_location_behaviors (
    id bigint NOT NULL,
    product_id integer NOT NULL,
    location_id integer NOT NULL,
    snapshot_date date NOT NULL,
    window_days integer NOT NULL,
    listed_days integer NOT NULL,
    demand_days integer NOT NULL,
    demand_qty numeric(14,3) NOT NULL,
    demand_revenue numeric(16,4) NOT NULL,
    stockout_qty numeric(14,3) NOT NULL,
    is_oos_imputed boolean NOT NULL,
    velocity numeric(14,4) NOT NULL,
    demand_cv numeric(12,4),
    adi_days numeric(12,4),
    demand_size_cv2 numeric(12,4),
    demand_pattern text,
    trend numeric(14,6),
    revenue_share_pct numeric(7,3),
    abc_class_id smallint NOT NULL,
    xyz_class_id smallint NOT NULL,
    fmr_class_id smallint NOT NULL,
    freq_class_id smallint NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    demand_cost numeric(16,4),
    recent_velocity numeric(14,4),
    trend_t_stat numeric(10,3),
    is_trend_significant boolean,
    hotness_score numeric(5,2),
    CONSTRAINT product_location_behaviors_days_check CHECK (((window_days >= 1) AND ((listed_days >= 1) AND (listed_days <= window_days)) AND ((demand_days >= 0) AND (demand_days <= listed_days)))),
    CONSTRAINT product_location_behaviors_demand_pattern_check CHECK ((((demand_pattern IS NOT NULL) = (demand_days > 0)) AND COALESCE((demand_pattern = ANY (ARRAY['smooth'::text, 'erratic'::text, 'intermittent'::text, 'lumpy'::text])), true))),
    CONSTRAINT product_location_behaviors_hotness_check CHECK (((hotness_score >= (0)::numeric) AND (hotness_score <= (100)::numeric)))
);

ALTER TABLE cw_nnnnnn.product_location_behaviors OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.product_location_behaviors IS 'Step 6 (behaviors): one row per product x store/webshop with demand in the trailing window, per snapshot date (the run date): demand summary, velocity, variability, trend, demand pattern and the ABC/XYZ/FMR/frequency classes computed within the location (ABC = share of the location''s revenue). Re-running a date replaces its snapshot; a scoped run rewrites only the scoped pairs (docs/behaviors.md).';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.id IS 'Surrogate key.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.product_id IS 'The product.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.location_id IS 'The store or webshop.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.snapshot_date IS 'Run date of the snapshot: the last day of the trailing window.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.window_days IS 'Length of the trailing window in days (setting behaviors.window_days, 90).';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.listed_days IS 'Days of the window the pair has a demand_history row (listed: after its first evidence, not delisted).';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.demand_days IS 'Listed days with demand_qty > 0.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.demand_qty IS 'Estimated true demand over the window: sum of demand_history.demand_qty (sales + imputed missed demand).';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.demand_revenue IS 'Revenue of the units sold over the window (client currency); the basis of ABC.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.stockout_qty IS 'Imputed missed demand over the window (sum of demand_history.stockout_qty, 0 without stockouts).';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.is_oos_imputed IS 'True when any day of the window had imputed missed demand.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.velocity IS 'Average demand units a listed day: demand_qty / listed_days.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.demand_cv IS 'Coefficient of variation of daily demand over the listed days (population standard deviation / mean); null without demand. The basis of XYZ.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.adi_days IS 'Average demand interval: listed_days / demand_days (1 = demand every day); null without demand.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.demand_size_cv2 IS 'Squared coefficient of variation of the non-zero daily demands (CV²); null without demand.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.demand_pattern IS 'Syntetos-Boylan pattern from adi_days and demand_size_cv2 (cut-offs 1.32 and 0.49): smooth, erratic, intermittent or lumpy; null without demand.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.trend IS 'Least-squares slope of daily demand over the listed days (units a day, per day); null with fewer than 2 days.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.revenue_share_pct IS 'demand_revenue as a percentage of the location''s revenue over the window; null when the location had none.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.abc_class_id IS 'ABC class within the location by revenue share (abc_classes).';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.xyz_class_id IS 'XYZ class by demand_cv (xyz_classes).';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.fmr_class_id IS 'FMR class by the share of listed days with demand (fmr_classes).';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.freq_class_id IS 'Frequency class by velocity (freq_classes).';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.created_at IS 'When the row was first written.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.updated_at IS 'When the row last changed (unchanged recomputations do not write).';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.demand_cost IS 'Cost of the units sold in the window (demand_history.cost); null when no day has a known cost.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.recent_velocity IS 'Mean daily demand over the listed days of the last hot_recent_days (default 14) days of the window; 0 when none.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.trend_t_stat IS 't statistic of the trend slope, r * sqrt((n - 2) / (1 - r^2)) over the listed days; 0 for flat demand; null with fewer than 3 listed days.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.is_trend_significant IS 'abs(trend_t_stat) >= trend_min_t (default 1.96, about 95 %); null with fewer than 3 listed days.';

COMMENT ON COLUMN cw_nnnnnn.product_location_behaviors.hotness_score IS '0-100: 100 * lift / (1 + lift), lift = recent_velocity / velocity. 50 = selling as usual, above 50 accelerating, 0 = no demand recently (or none in the window).';

ALTER TABLE cw_nnnnnn.product_location_behaviors ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.product_location_behaviors_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.product_suppliers (
    id integer NOT NULL,
    product_id integer NOT NULL,
    supplier_id integer NOT NULL,
    vendor_sku text,
    pack_size_qty numeric(12,3),
    is_primary boolean NOT NULL,
    moq_qty_override numeric(14,3),
    lead_time_days_override integer,
    is_active boolean DEFAULT true NOT NULL,
    first_seen_date date NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT product_supplier_lead_time_check CHECK (((lead_time_days_override >= 0) AND (lead_time_days_override <= 365))),
    CONSTRAINT product_supplier_moq_check CHECK ((moq_qty_override >= (0)::numeric)),
    CONSTRAINT product_supplier_pack_size_check CHECK ((pack_size_qty > (0)::numeric))
);

ALTER TABLE cw_nnnnnn.product_suppliers OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.product_suppliers IS 'Which supplier sells which product: vendor SKU and pack size from the ERP, MOQ and lead time per product from the planner (null = the supplier''s). A supplier change deactivates the old link (is_primary false, kept).';

COMMENT ON COLUMN cw_nnnnnn.product_suppliers.product_id IS 'The product.';

COMMENT ON COLUMN cw_nnnnnn.product_suppliers.supplier_id IS 'The supplier.';

COMMENT ON COLUMN cw_nnnnnn.product_suppliers.vendor_sku IS 'The supplier''s item number (ERP).';

COMMENT ON COLUMN cw_nnnnnn.product_suppliers.pack_size_qty IS 'Units per purchase pack (ERP).';

COMMENT ON COLUMN cw_nnnnnn.product_suppliers.is_primary IS 'True while the ERP names this supplier for the product.';

COMMENT ON COLUMN cw_nnnnnn.product_suppliers.moq_qty_override IS 'UI: minimum order quantity for this product; null = the supplier''s.';

COMMENT ON COLUMN cw_nnnnnn.product_suppliers.lead_time_days_override IS 'UI: lead time for this product; null = the supplier''s.';

COMMENT ON COLUMN cw_nnnnnn.product_suppliers.is_active IS 'True while the link is current in the ERP.';

COMMENT ON COLUMN cw_nnnnnn.product_suppliers.first_seen_date IS 'Run date of the first snapshot with the link.';

COMMENT ON COLUMN cw_nnnnnn.product_suppliers.row_hash IS 'MD5 of the ERP-owned values.';

COMMENT ON COLUMN cw_nnnnnn.product_suppliers.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.product_suppliers.updated_at IS 'When load last changed an ERP-owned value.';

ALTER TABLE cw_nnnnnn.product_suppliers ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.product_suppliers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE cw_nnnnnn.product_versions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.product_versions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.products (
    id integer NOT NULL,
    erp_id text NOT NULL,
    sku text,
    ean text,
    name text NOT NULL,
    brand_id integer,
    product_category_id integer,
    primary_supplier_id integer,
    erp_currency_id smallint NOT NULL,
    erp_cost numeric(14,4),
    erp_price numeric(14,4),
    cost numeric(14,4),
    price numeric(14,4),
    pack_size_qty numeric(12,3),
    is_dropship boolean DEFAULT false NOT NULL,
    erp_status text NOT NULL,
    launch_date date,
    discontinue_date date,
    erp_updated_at timestamp with time zone,
    discontinued_override boolean,
    assortment_override text,
    planner_note text,
    is_discontinued boolean GENERATED ALWAYS AS (COALESCE(discontinued_override, (erp_status = 'discontinued'::text))) STORED,
    is_active boolean DEFAULT true NOT NULL,
    deactivated_on date,
    first_seen_date date NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    raw_hash bigint,
    CONSTRAINT product_assortment_override_check CHECK ((assortment_override = ANY (ARRAY['STOCK'::text, 'NOT-STOCK'::text]))),
    CONSTRAINT product_cost_check CHECK (((erp_cost >= (0)::numeric) AND (cost >= (0)::numeric))),
    CONSTRAINT product_dates_check CHECK ((discontinue_date >= launch_date)),
    CONSTRAINT product_deactivated_check CHECK ((is_active = (deactivated_on IS NULL))),
    CONSTRAINT product_erp_status_check CHECK ((erp_status = ANY (ARRAY['active'::text, 'discontinued'::text, 'planned'::text, 'blocked'::text]))),
    CONSTRAINT product_name_check CHECK ((name <> ''::text)),
    CONSTRAINT product_pack_size_check CHECK ((pack_size_qty > (0)::numeric)),
    CONSTRAINT product_price_check CHECK (((erp_price >= (0)::numeric) AND (price >= (0)::numeric)))
);

ALTER TABLE cw_nnnnnn.products OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.products IS 'The catalogue from the ERP''s daily full snapshot. ERP facts (erp_status, erp_cost ...) and the planner''s decisions (discontinued_override, assortment_override) are kept side by side; is_discontinued is the effective value. Money is kept as sent (erp_cost, erp_price in erp_currency_id) and in the client currency (cost, price) at the FX rate of the run date on which the ERP value last changed.';

COMMENT ON COLUMN cw_nnnnnn.products.erp_id IS 'Product id in the ERP (P000123 / 100123): unique per client.';

COMMENT ON COLUMN cw_nnnnnn.products.sku IS 'Internal SKU (ERP; navision No2).';

COMMENT ON COLUMN cw_nnnnnn.products.ean IS 'EAN-13 / GTIN (ERP).';

COMMENT ON COLUMN cw_nnnnnn.products.name IS 'Product name (ERP), stored verbatim.';

COMMENT ON COLUMN cw_nnnnnn.products.brand_id IS 'Brand (ERP brand name resolved to brands).';

COMMENT ON COLUMN cw_nnnnnn.products.product_category_id IS 'Leaf category (ERP category path resolved to product_categories).';

COMMENT ON COLUMN cw_nnnnnn.products.primary_supplier_id IS 'The supplier the ERP names for the product; all supplier links are in product_suppliers.';

COMMENT ON COLUMN cw_nnnnnn.products.erp_currency_id IS 'Currency of erp_cost and erp_price as sent (navision blank = EUR).';

COMMENT ON COLUMN cw_nnnnnn.products.erp_cost IS 'Unit cost as sent by the ERP, in erp_currency_id.';

COMMENT ON COLUMN cw_nnnnnn.products.erp_price IS 'Unit selling price incl. VAT as sent by the ERP, in erp_currency_id.';

COMMENT ON COLUMN cw_nnnnnn.products.cost IS 'Unit cost in the client currency.';

COMMENT ON COLUMN cw_nnnnnn.products.price IS 'Unit selling price incl. VAT in the client currency.';

COMMENT ON COLUMN cw_nnnnnn.products.pack_size_qty IS 'Units per purchase pack (ERP).';

COMMENT ON COLUMN cw_nnnnnn.products.is_dropship IS 'Delivered by the supplier to the customer, never stocked (ERP).';

COMMENT ON COLUMN cw_nnnnnn.products.erp_status IS 'Life-cycle status the ERP sends: active, discontinued, planned, blocked.';

COMMENT ON COLUMN cw_nnnnnn.products.launch_date IS 'Launch date (ERP).';

COMMENT ON COLUMN cw_nnnnnn.products.discontinue_date IS 'Discontinuation date (ERP).';

COMMENT ON COLUMN cw_nnnnnn.products.erp_updated_at IS 'Last attribute change in the ERP (catwing updated_at).';

COMMENT ON COLUMN cw_nnnnnn.products.discontinued_override IS 'UI: the planner''s decision (true = discontinued, false = keep active); null follows the ERP. Load never writes it.';

COMMENT ON COLUMN cw_nnnnnn.products.assortment_override IS 'UI: STOCK or NOT-STOCK forced by the planner for every location; null = follow the recommendation.';

COMMENT ON COLUMN cw_nnnnnn.products.planner_note IS 'UI: free text of the planner.';

COMMENT ON COLUMN cw_nnnnnn.products.is_discontinued IS 'Effective value: discontinued_override when set, else erp_status = discontinued.';

COMMENT ON COLUMN cw_nnnnnn.products.is_active IS 'False once the product left the ERP snapshot (never deleted).';

COMMENT ON COLUMN cw_nnnnnn.products.deactivated_on IS 'Run date of the first snapshot without the product.';

COMMENT ON COLUMN cw_nnnnnn.products.first_seen_date IS 'Run date of the first snapshot with the product.';

COMMENT ON COLUMN cw_nnnnnn.products.row_hash IS 'MD5 of the ERP-owned values as sent: load writes the row only when it changes.';

COMMENT ON COLUMN cw_nnnnnn.products.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.products.updated_at IS 'When load last changed an ERP-owned value.';

COMMENT ON COLUMN cw_nnnnnn.products.raw_hash IS '64-bit hash of the staging values the row was last loaded from (every staging column but the file and record number, seeded with load_raw_hash_seed()): an active row with the same hash is skipped by load before any typing.';

ALTER TABLE cw_nnnnnn.products ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.products_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.purchase_order_lines (
    id bigint NOT NULL,
    purchase_order_id bigint NOT NULL,
    line_no integer NOT NULL,
    product_id integer NOT NULL,
    qty_ordered numeric(14,3) NOT NULL,
    qty_confirmed numeric(14,3),
    qty_delivered numeric(14,3),
    unit_cost numeric(14,4),
    is_active boolean DEFAULT true NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT purchase_order_line_confirmed_check CHECK ((qty_confirmed <= qty_ordered)),
    CONSTRAINT purchase_order_line_cost_check CHECK ((unit_cost >= (0)::numeric)),
    CONSTRAINT purchase_order_line_no_check CHECK ((line_no > 0)),
    CONSTRAINT purchase_order_line_qty_check CHECK (((qty_ordered >= (0)::numeric) AND (qty_confirmed >= (0)::numeric) AND (qty_delivered >= (0)::numeric)))
);

ALTER TABLE cw_nnnnnn.purchase_order_lines OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.purchase_order_lines IS 'Purchase order lines: ordered, confirmed and (cumulatively) delivered units; unit cost in the client currency.';

COMMENT ON COLUMN cw_nnnnnn.purchase_order_lines.purchase_order_id IS 'The PO.';

COMMENT ON COLUMN cw_nnnnnn.purchase_order_lines.line_no IS 'Line number as sent.';

COMMENT ON COLUMN cw_nnnnnn.purchase_order_lines.product_id IS 'Product ordered.';

COMMENT ON COLUMN cw_nnnnnn.purchase_order_lines.qty_ordered IS 'Units ordered (rounded to packs and MOQ).';

COMMENT ON COLUMN cw_nnnnnn.purchase_order_lines.qty_confirmed IS 'Units the supplier confirmed (<= ordered).';

COMMENT ON COLUMN cw_nnnnnn.purchase_order_lines.qty_delivered IS 'Units received so far (cumulative; may exceed ordered by a few percent).';

COMMENT ON COLUMN cw_nnnnnn.purchase_order_lines.unit_cost IS 'Unit cost, client currency.';

COMMENT ON COLUMN cw_nnnnnn.purchase_order_lines.is_active IS 'False when a re-sent PO no longer has the line.';

COMMENT ON COLUMN cw_nnnnnn.purchase_order_lines.row_hash IS 'MD5 of the line values as sent.';

COMMENT ON COLUMN cw_nnnnnn.purchase_order_lines.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.purchase_order_lines.updated_at IS 'When load last changed the row.';

ALTER TABLE cw_nnnnnn.purchase_order_lines ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.purchase_order_lines_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.purchase_orders (
    id bigint NOT NULL,
    erp_id text NOT NULL,
    supplier_id integer NOT NULL,
    location_id integer NOT NULL,
    order_date date NOT NULL,
    expected_date date,
    status text,
    currency_id smallint NOT NULL,
    fx_rate numeric(18,8) NOT NULL,
    first_loaded_on date NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    raw_hash bigint,
    CONSTRAINT purchase_order_dates_check CHECK ((expected_date >= order_date)),
    CONSTRAINT purchase_order_fx_rate_check CHECK ((fx_rate > (0)::numeric)),
    CONSTRAINT purchase_order_status_check CHECK ((status = ANY (ARRAY['open'::text, 'confirmed'::text, 'partially_received'::text, 'received'::text, 'cancelled'::text])))
);

ALTER TABLE cw_nnnnnn.purchase_orders OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.purchase_orders IS 'Purchase orders to suppliers. The ERP re-sends a PO whenever it changes (confirmed, partially received ...): the row is updated in place.';

COMMENT ON COLUMN cw_nnnnnn.purchase_orders.erp_id IS 'PO number in the ERP (PO0000001 / PO-000001).';

COMMENT ON COLUMN cw_nnnnnn.purchase_orders.supplier_id IS 'Supplier ordered from.';

COMMENT ON COLUMN cw_nnnnnn.purchase_orders.location_id IS 'Receiving location (the warehouse).';

COMMENT ON COLUMN cw_nnnnnn.purchase_orders.order_date IS 'Date the PO was placed.';

COMMENT ON COLUMN cw_nnnnnn.purchase_orders.expected_date IS 'Expected receipt date (order date + nominal lead time).';

COMMENT ON COLUMN cw_nnnnnn.purchase_orders.status IS 'open, confirmed, partially_received, received or cancelled (navision Released = confirmed).';

COMMENT ON COLUMN cw_nnnnnn.purchase_orders.currency_id IS 'Currency of the unit costs as sent (the supplier''s).';

COMMENT ON COLUMN cw_nnnnnn.purchase_orders.fx_rate IS 'Client-currency units per document-currency unit on the order date.';

COMMENT ON COLUMN cw_nnnnnn.purchase_orders.first_loaded_on IS 'Run date on which the PO was first loaded.';

COMMENT ON COLUMN cw_nnnnnn.purchase_orders.row_hash IS 'MD5 of the header values as sent.';

COMMENT ON COLUMN cw_nnnnnn.purchase_orders.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.purchase_orders.updated_at IS 'When load last changed the header.';

COMMENT ON COLUMN cw_nnnnnn.purchase_orders.raw_hash IS '64-bit hash of the whole document as last loaded (the number of staging lines and the sum of the hashes of every line''s values, seeded with load_raw_hash_seed()); null while a line of it is rejected. A document with the same hash is skipped by load, lines included.';

ALTER TABLE cw_nnnnnn.purchase_orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.purchase_orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.receiving_order_lines (
    id bigint NOT NULL,
    receiving_order_id bigint NOT NULL,
    line_no integer NOT NULL,
    product_id integer NOT NULL,
    qty_received numeric(14,3) NOT NULL,
    qty_blocked numeric(14,3),
    is_active boolean DEFAULT true NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT receiving_order_line_blocked_check CHECK ((qty_blocked <= qty_received)),
    CONSTRAINT receiving_order_line_no_check CHECK ((line_no > 0)),
    CONSTRAINT receiving_order_line_qty_check CHECK (((qty_received >= (0)::numeric) AND (qty_blocked >= (0)::numeric)))
);

ALTER TABLE cw_nnnnnn.receiving_order_lines OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.receiving_order_lines IS 'Receipt lines: all units received, of which some on quality hold.';

COMMENT ON COLUMN cw_nnnnnn.receiving_order_lines.receiving_order_id IS 'The receipt.';

COMMENT ON COLUMN cw_nnnnnn.receiving_order_lines.line_no IS 'Line number as sent.';

COMMENT ON COLUMN cw_nnnnnn.receiving_order_lines.product_id IS 'Product received.';

COMMENT ON COLUMN cw_nnnnnn.receiving_order_lines.qty_received IS 'All units received, including blocked ones.';

COMMENT ON COLUMN cw_nnnnnn.receiving_order_lines.qty_blocked IS 'Units put on quality hold.';

COMMENT ON COLUMN cw_nnnnnn.receiving_order_lines.is_active IS 'False when a re-sent receipt no longer has the line.';

COMMENT ON COLUMN cw_nnnnnn.receiving_order_lines.row_hash IS 'MD5 of the line values as sent.';

COMMENT ON COLUMN cw_nnnnnn.receiving_order_lines.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.receiving_order_lines.updated_at IS 'When load last changed the row.';

ALTER TABLE cw_nnnnnn.receiving_order_lines ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.receiving_order_lines_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.receiving_orders (
    id bigint NOT NULL,
    erp_id text NOT NULL,
    location_id integer NOT NULL,
    received_date date NOT NULL,
    source_type text,
    purchase_order_id bigint,
    transfer_order_id bigint,
    source_erp_id text,
    first_loaded_on date NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    raw_hash bigint,
    CONSTRAINT receiving_order_source_check CHECK (((purchase_order_id IS NULL) OR (transfer_order_id IS NULL))),
    CONSTRAINT receiving_order_source_type_check CHECK ((source_type = ANY (ARRAY['purchase'::text, 'transfer'::text])))
);

ALTER TABLE cw_nnnnnn.receiving_orders OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.receiving_orders IS 'Goods receipts posted at a location, for a purchase order or a transfer order.';

COMMENT ON COLUMN cw_nnnnnn.receiving_orders.erp_id IS 'Receipt number in the ERP (RC0000001 / PR-000001).';

COMMENT ON COLUMN cw_nnnnnn.receiving_orders.location_id IS 'Receiving location.';

COMMENT ON COLUMN cw_nnnnnn.receiving_orders.received_date IS 'Posting date of the receipt.';

COMMENT ON COLUMN cw_nnnnnn.receiving_orders.source_type IS 'purchase or transfer.';

COMMENT ON COLUMN cw_nnnnnn.receiving_orders.purchase_order_id IS 'The PO received, when it is loaded.';

COMMENT ON COLUMN cw_nnnnnn.receiving_orders.transfer_order_id IS 'The transfer received, when it is loaded.';

COMMENT ON COLUMN cw_nnnnnn.receiving_orders.source_erp_id IS 'PO or transfer number as sent (kept when the document is not loaded).';

COMMENT ON COLUMN cw_nnnnnn.receiving_orders.first_loaded_on IS 'Run date on which the receipt was first loaded.';

COMMENT ON COLUMN cw_nnnnnn.receiving_orders.row_hash IS 'MD5 of the header values as sent.';

COMMENT ON COLUMN cw_nnnnnn.receiving_orders.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.receiving_orders.updated_at IS 'When load last changed the header.';

COMMENT ON COLUMN cw_nnnnnn.receiving_orders.raw_hash IS '64-bit hash of the whole document as last loaded (the number of staging lines and the sum of the hashes of every line''s values, seeded with load_raw_hash_seed()); null while a line of it is rejected. A document with the same hash is skipped by load, lines included.';

ALTER TABLE cw_nnnnnn.receiving_orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.receiving_orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE VIEW cw_nnnnnn.run_days AS
 WITH latest_runs AS (
         SELECT DISTINCT ON (pipeline_runs.run_date) pipeline_runs.run_date,
            pipeline_runs.id AS pipeline_run_id,
            pipeline_runs.status AS run_status
           FROM cw_nnnnnn.pipeline_runs
          ORDER BY pipeline_runs.run_date, pipeline_runs.id DESC
        ), final AS (
         SELECT latest_runs.run_date,
            latest_runs.pipeline_run_id,
            latest_runs.run_status,
            data_quality_runs.gate_passed,
            data_quality_runs.overall_score,
            data_quality_runs.critical_count,
            data_quality_runs.warning_count
           FROM (latest_runs
             LEFT JOIN cw_nnnnnn.data_quality_runs ON ((data_quality_runs.run_date = latest_runs.run_date)))
        )
 SELECT final.run_date,
    final.pipeline_run_id,
    final.run_status,
    final.gate_passed,
    final.overall_score,
    final.critical_count,
    final.warning_count
   FROM final;

ALTER TABLE cw_nnnnnn.run_days OWNER TO cw_nnnnnn_owner;

COMMENT ON VIEW cw_nnnnnn.run_days IS 'One row per run date: its latest pipeline run and the outcome of its quality gate (null when the gate did not run). cw demo prints it; e.g. select * from run_days order by run_date desc limit 14.';

COMMENT ON COLUMN cw_nnnnnn.run_days.run_date IS 'The date the pipeline ran for.';

COMMENT ON COLUMN cw_nnnnnn.run_days.pipeline_run_id IS 'The latest run of that date (pipeline_runs.id).';

COMMENT ON COLUMN cw_nnnnnn.run_days.run_status IS 'Outcome of that run: running, succeeded, failed, stopped, abandoned.';

COMMENT ON COLUMN cw_nnnnnn.run_days.gate_passed IS 'False when a critical quality check failed and stopped the run.';

COMMENT ON COLUMN cw_nnnnnn.run_days.overall_score IS 'Quality score of the gateway run, 0-100.';

COMMENT ON COLUMN cw_nnnnnn.run_days.critical_count IS 'Critical quality checks that failed.';

COMMENT ON COLUMN cw_nnnnnn.run_days.warning_count IS 'Warning quality checks that failed.';

CREATE TABLE cw_nnnnnn.sales_order_lines (
    id bigint NOT NULL,
    sales_order_id bigint NOT NULL,
    line_no integer NOT NULL,
    product_id integer NOT NULL,
    qty numeric(14,3) NOT NULL,
    unit_price numeric(14,4),
    discount numeric(14,4),
    revenue numeric(16,4),
    is_active boolean DEFAULT true NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT sales_order_line_amount_check CHECK (((unit_price >= (0)::numeric) AND (discount >= (0)::numeric))),
    CONSTRAINT sales_order_line_no_check CHECK ((line_no > 0)),
    CONSTRAINT sales_order_line_qty_check CHECK ((qty >= (0)::numeric))
);

ALTER TABLE cw_nnnnnn.sales_order_lines OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.sales_order_lines IS 'Sales order lines: units sold and amounts in the client currency.';

COMMENT ON COLUMN cw_nnnnnn.sales_order_lines.sales_order_id IS 'The order.';

COMMENT ON COLUMN cw_nnnnnn.sales_order_lines.line_no IS 'Line number as sent (1, 2 / 10000, 20000).';

COMMENT ON COLUMN cw_nnnnnn.sales_order_lines.product_id IS 'Product sold.';

COMMENT ON COLUMN cw_nnnnnn.sales_order_lines.qty IS 'Units sold.';

COMMENT ON COLUMN cw_nnnnnn.sales_order_lines.unit_price IS 'List price per unit, client currency.';

COMMENT ON COLUMN cw_nnnnnn.sales_order_lines.discount IS 'Promotion discount of the line (amount), client currency.';

COMMENT ON COLUMN cw_nnnnnn.sales_order_lines.revenue IS 'qty x unit_price - discount, client currency.';

COMMENT ON COLUMN cw_nnnnnn.sales_order_lines.is_active IS 'False when a re-sent version of the order no longer has the line (kept, never deleted).';

COMMENT ON COLUMN cw_nnnnnn.sales_order_lines.row_hash IS 'MD5 of the line values as sent.';

COMMENT ON COLUMN cw_nnnnnn.sales_order_lines.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.sales_order_lines.updated_at IS 'When load last changed the row.';

ALTER TABLE cw_nnnnnn.sales_order_lines ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.sales_order_lines_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.sales_orders (
    id bigint NOT NULL,
    erp_id text NOT NULL,
    order_date date NOT NULL,
    location_id integer NOT NULL,
    customer_id integer,
    customer_erp_id text,
    payment_method_id smallint,
    channel text,
    status text,
    currency_id smallint NOT NULL,
    fx_rate numeric(18,8) NOT NULL,
    first_loaded_on date NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    raw_hash bigint,
    CONSTRAINT sales_order_channel_check CHECK ((channel = ANY (ARRAY['store'::text, 'online'::text]))),
    CONSTRAINT sales_order_fx_rate_check CHECK ((fx_rate > (0)::numeric)),
    CONSTRAINT sales_order_status_check CHECK ((status = ANY (ARRAY['completed'::text, 'cancelled'::text, 'open'::text])))
);

ALTER TABLE cw_nnnnnn.sales_orders OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.sales_orders IS 'Sales documents (store tickets and web orders), one row per ERP order. Lines are in sales_order_lines.';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.erp_id IS 'Order number in the ERP (SO00000001 / SO-000000001).';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.order_date IS 'Business date of the sale.';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.location_id IS 'Store or webshop that sold.';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.customer_id IS 'Identified customer; null for an anonymous ticket.';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.customer_erp_id IS 'Customer id as sent (kept when it could not be placed).';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.payment_method_id IS 'Payment method; null when not sent.';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.channel IS 'store or online (navision STORE / WEB).';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.status IS 'completed, cancelled or open (navision Posted = completed).';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.currency_id IS 'Currency the ERP sent the amounts in.';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.fx_rate IS 'Client-currency units per document-currency unit on the order date: line amounts were multiplied by it.';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.first_loaded_on IS 'Run date on which the document was first loaded.';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.row_hash IS 'MD5 of the header values as sent: load writes only changes.';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.updated_at IS 'When load last changed the header.';

COMMENT ON COLUMN cw_nnnnnn.sales_orders.raw_hash IS '64-bit hash of the whole document as last loaded (the number of staging lines and the sum of the hashes of every line''s values, seeded with load_raw_hash_seed()); null while a line of it is rejected. A document with the same hash is skipped by load, lines included.';

ALTER TABLE cw_nnnnnn.sales_orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.sales_orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE VIEW cw_nnnnnn.setting_values AS
 WITH client_registry_values AS (
         SELECT setting.key AS setting_key_name,
            setting.value AS setting_value,
            sections.key AS section
           FROM ((cw_global.clients
             CROSS JOIN LATERAL jsonb_each(clients.settings) sections(key, value))
             CROSS JOIN LATERAL jsonb_each(
                CASE
                    WHEN (jsonb_typeof(sections.value) = 'object'::text) THEN sections.value
                    ELSE NULL::jsonb
                END) setting(key, value))
          WHERE (clients.schema_name = 'cw_nnnnnn'::text)
        ), client_values AS (
         SELECT ((client_registry_values.section || '.'::text) || client_registry_values.setting_key_name) AS setting_key,
            client_registry_values.setting_value
           FROM (client_registry_values
             JOIN cw_global.setting_sections ON ((setting_sections.section = client_registry_values.section)))
          WHERE (setting_sections.stored_in = 'client_registry'::text)
        UNION ALL
         SELECT client_settings.setting_key,
            client_settings.setting_value
           FROM cw_nnnnnn.client_settings
        ), final AS (
         SELECT setting_definitions.setting_key,
            setting_definitions.section,
            setting_definitions.default_value,
            setting_definitions.value_type,
            setting_definitions.unit,
            setting_sections.stored_in,
            setting_definitions.description,
            COALESCE(client_values.setting_value, setting_definitions.default_value) AS setting_value,
            ((client_values.setting_value IS NULL) OR (client_values.setting_value = setting_definitions.default_value)) AS is_default,
            cw_global.setting_allowed(setting_definitions.*) AS allowed
           FROM ((cw_global.setting_definitions
             JOIN cw_global.setting_sections ON ((setting_sections.section = setting_definitions.section)))
             LEFT JOIN client_values ON ((client_values.setting_key = setting_definitions.setting_key)))
        )
 SELECT final.setting_key,
    final.section,
    final.default_value,
    final.value_type,
    final.unit,
    final.stored_in,
    final.description,
    final.setting_value,
    final.is_default,
    final.allowed
   FROM final;

ALTER TABLE cw_nnnnnn.setting_values OWNER TO cw_nnnnnn_owner;

COMMENT ON VIEW cw_nnnnnn.setting_values IS 'Every setting of the catalog (cw_global.setting_definitions) with this client''s value in force: its own value when set, else the default. Values are shown as stored, not validated: settings(section) validates them when a step reads them. Change them with cw settings <client> --set key=value.';

COMMENT ON COLUMN cw_nnnnnn.setting_values.setting_key IS 'section.name of the setting.';

COMMENT ON COLUMN cw_nnnnnn.setting_values.section IS 'Settings section (step or concern).';

COMMENT ON COLUMN cw_nnnnnn.setting_values.default_value IS 'The catalog default (JSON).';

COMMENT ON COLUMN cw_nnnnnn.setting_values.value_type IS 'integer, numeric, boolean, date, text or text[].';

COMMENT ON COLUMN cw_nnnnnn.setting_values.unit IS 'Unit of the value.';

COMMENT ON COLUMN cw_nnnnnn.setting_values.stored_in IS 'client_registry (cw_global.clients.settings) or client_settings (the UI-edited table).';

COMMENT ON COLUMN cw_nnnnnn.setting_values.description IS 'What the setting changes.';

COMMENT ON COLUMN cw_nnnnnn.setting_values.setting_value IS 'The value in force (JSON).';

COMMENT ON COLUMN cw_nnnnnn.setting_values.is_default IS 'True when the client has not changed the default.';

COMMENT ON COLUMN cw_nnnnnn.setting_values.allowed IS 'The allowed values in words.';

CREATE TABLE cw_nnnnnn.store_order_lines (
    id bigint NOT NULL,
    store_order_id bigint NOT NULL,
    line_no integer NOT NULL,
    product_id integer NOT NULL,
    qty_requested numeric(14,3) NOT NULL,
    qty_allocated numeric(14,3),
    is_active boolean DEFAULT true NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT store_order_line_no_check CHECK ((line_no > 0)),
    CONSTRAINT store_order_line_qty_check CHECK (((qty_requested >= (0)::numeric) AND (qty_allocated >= (0)::numeric)))
);

ALTER TABLE cw_nnnnnn.store_order_lines OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.store_order_lines IS 'Store order lines: units requested and units the DC allocated.';

COMMENT ON COLUMN cw_nnnnnn.store_order_lines.store_order_id IS 'The store order.';

COMMENT ON COLUMN cw_nnnnnn.store_order_lines.line_no IS 'Line number as sent.';

COMMENT ON COLUMN cw_nnnnnn.store_order_lines.product_id IS 'Product requested.';

COMMENT ON COLUMN cw_nnnnnn.store_order_lines.qty_requested IS 'Units requested (up to the order-up-to level).';

COMMENT ON COLUMN cw_nnnnnn.store_order_lines.qty_allocated IS 'Units the DC could allocate (may be 0).';

COMMENT ON COLUMN cw_nnnnnn.store_order_lines.is_active IS 'False when a re-sent order no longer has the line.';

COMMENT ON COLUMN cw_nnnnnn.store_order_lines.row_hash IS 'MD5 of the line values as sent.';

COMMENT ON COLUMN cw_nnnnnn.store_order_lines.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.store_order_lines.updated_at IS 'When load last changed the row.';

ALTER TABLE cw_nnnnnn.store_order_lines ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.store_order_lines_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.store_orders (
    id bigint NOT NULL,
    erp_id text NOT NULL,
    location_id integer NOT NULL,
    source_location_id integer,
    order_date date NOT NULL,
    requested_date date,
    first_loaded_on date NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    raw_hash bigint,
    CONSTRAINT store_order_dates_check CHECK ((requested_date >= order_date)),
    CONSTRAINT store_order_locations_check CHECK ((source_location_id <> location_id))
);

ALTER TABLE cw_nnnnnn.store_orders OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.store_orders IS 'Replenishment requests of a store to its DC; the DC answers with a transfer order.';

COMMENT ON COLUMN cw_nnnnnn.store_orders.erp_id IS 'Store order number in the ERP (SR0000001 / RQ-000001).';

COMMENT ON COLUMN cw_nnnnnn.store_orders.location_id IS 'Requesting store.';

COMMENT ON COLUMN cw_nnnnnn.store_orders.source_location_id IS 'Location asked to supply (the store''s DC).';

COMMENT ON COLUMN cw_nnnnnn.store_orders.order_date IS 'Date of the request.';

COMMENT ON COLUMN cw_nnnnnn.store_orders.requested_date IS 'Requested delivery date.';

COMMENT ON COLUMN cw_nnnnnn.store_orders.first_loaded_on IS 'Run date on which the order was first loaded.';

COMMENT ON COLUMN cw_nnnnnn.store_orders.row_hash IS 'MD5 of the header values as sent.';

COMMENT ON COLUMN cw_nnnnnn.store_orders.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.store_orders.updated_at IS 'When load last changed the header.';

COMMENT ON COLUMN cw_nnnnnn.store_orders.raw_hash IS '64-bit hash of the whole document as last loaded (the number of staging lines and the sum of the hashes of every line''s values, seeded with load_raw_hash_seed()); null while a line of it is rejected. A document with the same hash is skipped by load, lines included.';

ALTER TABLE cw_nnnnnn.store_orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.store_orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.supplier_behaviors (
    id bigint NOT NULL,
    supplier_id integer NOT NULL,
    snapshot_date date NOT NULL,
    window_days integer NOT NULL,
    po_count integer NOT NULL,
    received_po_count integer NOT NULL,
    avg_lead_time_days numeric(8,2),
    lead_time_p90 numeric(8,2),
    fill_rate numeric(7,4),
    on_time_rate numeric(7,4),
    open_po_count integer NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT supplier_behaviors_rates_check CHECK (((fill_rate >= (0)::numeric) AND ((on_time_rate >= (0)::numeric) AND (on_time_rate <= (1)::numeric)) AND (avg_lead_time_days >= (0)::numeric) AND (lead_time_p90 >= (0)::numeric) AND ((received_po_count >= 0) AND (received_po_count <= po_count)) AND (open_po_count >= 0)))
);

ALTER TABLE cw_nnnnnn.supplier_behaviors OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.supplier_behaviors IS 'Per supplier and snapshot date (step behaviors, unscoped runs): lead time from purchase order to first receipt (mean, p90), fill rate, on-time rate over the purchase orders of the trailing supplier window, and open orders (seed 004; docs/behaviors.md).';

COMMENT ON COLUMN cw_nnnnnn.supplier_behaviors.id IS 'Surrogate key.';

COMMENT ON COLUMN cw_nnnnnn.supplier_behaviors.supplier_id IS 'The supplier.';

COMMENT ON COLUMN cw_nnnnnn.supplier_behaviors.snapshot_date IS 'Run date the snapshot describes (window end).';

COMMENT ON COLUMN cw_nnnnnn.supplier_behaviors.window_days IS 'Length of the supplier window (setting supplier_window_days, default 365): orders dated in it are measured.';

COMMENT ON COLUMN cw_nnnnnn.supplier_behaviors.po_count IS 'Purchase orders (not cancelled) dated in the window.';

COMMENT ON COLUMN cw_nnnnnn.supplier_behaviors.received_po_count IS 'Of those, orders with at least one receipt.';

COMMENT ON COLUMN cw_nnnnnn.supplier_behaviors.avg_lead_time_days IS 'Mean days from order date to first receipt over the received orders; null without any.';

COMMENT ON COLUMN cw_nnnnnn.supplier_behaviors.lead_time_p90 IS '90th percentile (continuous) of those lead times; null without any.';

COMMENT ON COLUMN cw_nnnnnn.supplier_behaviors.fill_rate IS 'Units delivered / units ordered over the due orders (expected date, or order date + supplier lead time, on or before the snapshot date); delivered = purchase line qty_delivered, else the receipts of the order''s product; null without due orders.';

COMMENT ON COLUMN cw_nnnnnn.supplier_behaviors.on_time_rate IS 'Share of the received orders with an expected date whose first receipt was on or before it; null without any.';

COMMENT ON COLUMN cw_nnnnnn.supplier_behaviors.open_po_count IS 'Orders open on the snapshot date (open, confirmed or partially received; dated on or before it).';

COMMENT ON COLUMN cw_nnnnnn.supplier_behaviors.created_at IS 'When the row was first written.';

COMMENT ON COLUMN cw_nnnnnn.supplier_behaviors.updated_at IS 'When a re-run last changed the row.';

ALTER TABLE cw_nnnnnn.supplier_behaviors ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.supplier_behaviors_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE cw_nnnnnn.supplier_versions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.supplier_versions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE cw_nnnnnn.suppliers ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.suppliers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.xyz_classes (
    id smallint NOT NULL,
    code text NOT NULL,
    name text NOT NULL
);

ALTER TABLE cw_nnnnnn.xyz_classes OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.xyz_classes IS 'XYZ classes by the coefficient of variation of daily demand (seed 004): X steady (cv <= xyz_x_max_cv, 0.5), Y variable (cv <= xyz_y_max_cv, 1.0), Z erratic or no demand (docs/behaviors.md).';

COMMENT ON COLUMN cw_nnnnnn.xyz_classes.id IS 'Small fixed id (1-3), stable across clients.';

COMMENT ON COLUMN cw_nnnnnn.xyz_classes.code IS 'Class code: X, Y or Z.';

COMMENT ON COLUMN cw_nnnnnn.xyz_classes.name IS 'What the class means.';

CREATE VIEW cw_nnnnnn.top_products_by_class AS
 WITH ranked AS (
         SELECT product_behaviors.snapshot_date,
            abc_classes.code AS abc_class,
            xyz_classes.code AS xyz_class,
            fmr_classes.code AS fmr_class,
            freq_classes.code AS freq_class,
            products.erp_id,
            products.name,
            product_behaviors.demand_revenue,
            product_behaviors.velocity,
            product_behaviors.demand_pattern,
            product_behaviors.hotness_score,
            product_behaviors.n_stores,
            count(*) OVER (PARTITION BY product_behaviors.snapshot_date, abc_classes.code) AS products_in_class,
            row_number() OVER (PARTITION BY product_behaviors.snapshot_date, abc_classes.code ORDER BY product_behaviors.demand_revenue DESC, products.id) AS class_rank
           FROM (((((cw_nnnnnn.product_behaviors
             JOIN cw_nnnnnn.products ON ((products.id = product_behaviors.product_id)))
             JOIN cw_nnnnnn.abc_classes ON ((abc_classes.id = product_behaviors.abc_class_id)))
             JOIN cw_nnnnnn.xyz_classes ON ((xyz_classes.id = product_behaviors.xyz_class_id)))
             JOIN cw_nnnnnn.fmr_classes ON ((fmr_classes.id = product_behaviors.fmr_class_id)))
             JOIN cw_nnnnnn.freq_classes ON ((freq_classes.id = product_behaviors.freq_class_id)))
        )
 SELECT ranked.snapshot_date,
    ranked.abc_class,
    ranked.xyz_class,
    ranked.fmr_class,
    ranked.freq_class,
    ranked.erp_id,
    ranked.name,
    ranked.demand_revenue,
    ranked.velocity,
    ranked.demand_pattern,
    ranked.hotness_score,
    ranked.n_stores,
    ranked.products_in_class,
    ranked.class_rank
   FROM ranked;

ALTER TABLE cw_nnnnnn.top_products_by_class OWNER TO cw_nnnnnn_owner;

COMMENT ON VIEW cw_nnnnnn.top_products_by_class IS 'Every product of each behaviour snapshot with its classes, ranked by window revenue within its ABC class (class_rank 1 = highest revenue). e.g. select * from top_products_by_class where snapshot_date = ''2024-03-31'' and class_rank <= 3 order by abc_class, class_rank.';

COMMENT ON COLUMN cw_nnnnnn.top_products_by_class.snapshot_date IS 'Behaviour snapshot (run) date.';

COMMENT ON COLUMN cw_nnnnnn.top_products_by_class.abc_class IS 'A, B or C by cumulative revenue share.';

COMMENT ON COLUMN cw_nnnnnn.top_products_by_class.xyz_class IS 'X, Y or Z by weekly demand variability.';

COMMENT ON COLUMN cw_nnnnnn.top_products_by_class.fmr_class IS 'F, M or R by share of days with demand.';

COMMENT ON COLUMN cw_nnnnnn.top_products_by_class.freq_class IS 'Frequency class by velocity.';

COMMENT ON COLUMN cw_nnnnnn.top_products_by_class.erp_id IS 'The product''s ERP id.';

COMMENT ON COLUMN cw_nnnnnn.top_products_by_class.name IS 'Product name.';

COMMENT ON COLUMN cw_nnnnnn.top_products_by_class.demand_revenue IS 'Revenue of the demand in the window.';

COMMENT ON COLUMN cw_nnnnnn.top_products_by_class.velocity IS 'Mean daily demand in the window.';

COMMENT ON COLUMN cw_nnnnnn.top_products_by_class.demand_pattern IS 'smooth, intermittent, erratic or lumpy.';

COMMENT ON COLUMN cw_nnnnnn.top_products_by_class.hotness_score IS 'Recent velocity against the window''s (hotness).';

COMMENT ON COLUMN cw_nnnnnn.top_products_by_class.n_stores IS 'Locations that sold the product in the window.';

COMMENT ON COLUMN cw_nnnnnn.top_products_by_class.products_in_class IS 'Products in the same class and snapshot.';

COMMENT ON COLUMN cw_nnnnnn.top_products_by_class.class_rank IS 'Rank by revenue within the class, 1 = highest.';

CREATE TABLE cw_nnnnnn.transfer_order_lines (
    id bigint NOT NULL,
    transfer_order_id bigint NOT NULL,
    line_no integer NOT NULL,
    product_id integer NOT NULL,
    qty_shipped numeric(14,3),
    qty_received numeric(14,3),
    is_active boolean DEFAULT true NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT transfer_order_line_no_check CHECK ((line_no > 0)),
    CONSTRAINT transfer_order_line_qty_check CHECK (((qty_shipped >= (0)::numeric) AND (qty_received >= (0)::numeric)))
);

ALTER TABLE cw_nnnnnn.transfer_order_lines OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.transfer_order_lines IS 'Transfer order lines: units shipped and received.';

COMMENT ON COLUMN cw_nnnnnn.transfer_order_lines.transfer_order_id IS 'The transfer.';

COMMENT ON COLUMN cw_nnnnnn.transfer_order_lines.line_no IS 'Line number as sent.';

COMMENT ON COLUMN cw_nnnnnn.transfer_order_lines.product_id IS 'Product moved.';

COMMENT ON COLUMN cw_nnnnnn.transfer_order_lines.qty_shipped IS 'Units shipped.';

COMMENT ON COLUMN cw_nnnnnn.transfer_order_lines.qty_received IS 'Units received (0 while in transit).';

COMMENT ON COLUMN cw_nnnnnn.transfer_order_lines.is_active IS 'False when a re-sent transfer no longer has the line.';

COMMENT ON COLUMN cw_nnnnnn.transfer_order_lines.row_hash IS 'MD5 of the line values as sent.';

COMMENT ON COLUMN cw_nnnnnn.transfer_order_lines.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.transfer_order_lines.updated_at IS 'When load last changed the row.';

ALTER TABLE cw_nnnnnn.transfer_order_lines ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.transfer_order_lines_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.transfer_orders (
    id bigint NOT NULL,
    erp_id text NOT NULL,
    from_location_id integer NOT NULL,
    to_location_id integer NOT NULL,
    store_order_id bigint,
    store_order_erp_id text,
    reason text NOT NULL,
    ship_date date,
    expected_date date,
    received_date date,
    status text,
    first_loaded_on date NOT NULL,
    row_hash uuid NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    raw_hash bigint,
    CONSTRAINT transfer_order_dates_check CHECK (((expected_date >= ship_date) AND (received_date >= ship_date))),
    CONSTRAINT transfer_order_locations_check CHECK ((from_location_id <> to_location_id)),
    CONSTRAINT transfer_order_reason_check CHECK ((reason = ANY (ARRAY['replenishment'::text, 'store_closure'::text, 'rebalance'::text]))),
    CONSTRAINT transfer_order_status_check CHECK ((status = ANY (ARRAY['open'::text, 'shipped'::text, 'received'::text, 'cancelled'::text])))
);

ALTER TABLE cw_nnnnnn.transfer_orders OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.transfer_orders IS 'Stock moved between two locations (DC to store, warehouse to DC or webshop, store closure returns). Re-sent when received: updated in place.';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.erp_id IS 'Transfer number in the ERP (TO0000001 / TR-000001).';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.from_location_id IS 'Shipping location.';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.to_location_id IS 'Receiving location.';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.store_order_id IS 'The store order it answers, when known.';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.store_order_erp_id IS 'Store order number as sent.';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.reason IS 'replenishment, store_closure or rebalance (navision: "STORE CLOSURE" in ExternalDocumentNo).';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.ship_date IS 'Shipment date.';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.expected_date IS 'Expected receipt date.';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.received_date IS 'Receipt date; null while in transit.';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.status IS 'open, shipped, received or cancelled.';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.first_loaded_on IS 'Run date on which the transfer was first loaded.';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.row_hash IS 'MD5 of the header values as sent.';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.created_at IS 'When load inserted the row.';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.updated_at IS 'When load last changed the header.';

COMMENT ON COLUMN cw_nnnnnn.transfer_orders.raw_hash IS '64-bit hash of the whole document as last loaded (the number of staging lines and the sum of the hashes of every line''s values, seeded with load_raw_hash_seed()); null while a line of it is rejected. A document with the same hash is skipped by load, lines included.';

ALTER TABLE cw_nnnnnn.transfer_orders ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.transfer_orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn.ui_edits (
    id bigint NOT NULL,
    edit_uuid uuid DEFAULT gen_random_uuid() NOT NULL,
    edited_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    edited_by text DEFAULT CURRENT_USER NOT NULL,
    table_name text NOT NULL,
    row_key jsonb NOT NULL,
    changes jsonb NOT NULL,
    after_run_date date,
    object_key text,
    exported_at timestamp with time zone,
    CONSTRAINT ui_edit_changes_check CHECK (((jsonb_typeof(changes) = 'object'::text) AND (changes <> '{}'::jsonb))),
    CONSTRAINT ui_edit_export_check CHECK (((object_key IS NULL) = (exported_at IS NULL))),
    CONSTRAINT ui_edit_row_key_check CHECK ((jsonb_typeof(row_key) = 'object'::text)),
    CONSTRAINT ui_edit_table_name_check CHECK ((table_name = ANY (ARRAY['products'::text, 'locations'::text, 'suppliers'::text, 'product_suppliers'::text, 'location_lanes'::text, 'client_settings'::text])))
);

ALTER TABLE cw_nnnnnn.ui_edits OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn.ui_edits IS 'Append-only journal of UI edits (updates of UI-owned columns, field_ownership owner = ui), one row per edited row and statement, written by the trigger journal_ui_edits. Copied to S3 ui-edits/{client}/{date}/... by cw backup or cw journal flush (object_key set then); a rebuild replays them with apply_ui_edit. See docs/recovery.md.';

COMMENT ON COLUMN cw_nnnnnn.ui_edits.id IS 'Local order of the edits (surrogate; not the identity across rebuilds).';

COMMENT ON COLUMN cw_nnnnnn.ui_edits.edit_uuid IS 'Identity of the edit across backups, restores and rebuilds: a replayed edit keeps its uuid, so it is never journaled twice.';

COMMENT ON COLUMN cw_nnnnnn.ui_edits.edited_at IS 'When the edit was made (statement clock).';

COMMENT ON COLUMN cw_nnnnnn.ui_edits.edited_by IS 'Database role that made the edit (the client''s UI role).';

COMMENT ON COLUMN cw_nnnnnn.ui_edits.table_name IS 'Edited production table.';

COMMENT ON COLUMN cw_nnnnnn.ui_edits.row_key IS 'Business key of the edited row (ERP ids, setting key), never a surrogate id: {"erp_id": "P000123"}, {"product_erp_id", "supplier_erp_id"}, {"from_erp_id", "to_erp_id"}, {"setting_key"}.';

COMMENT ON COLUMN cw_nnnnnn.ui_edits.changes IS 'New values of the UI-owned columns the edit changed, as JSON.';

COMMENT ON COLUMN cw_nnnnnn.ui_edits.after_run_date IS 'Latest pipeline run date when the edit was made: a rebuild applies the edit after running this date and before the next (null: before the first run).';

COMMENT ON COLUMN cw_nnnnnn.ui_edits.object_key IS 'S3 object that holds the edit (null: not yet copied to S3).';

COMMENT ON COLUMN cw_nnnnnn.ui_edits.exported_at IS 'When the edit was copied to S3.';

ALTER TABLE cw_nnnnnn.ui_edits ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn.ui_edits_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn_staging.raw_files (
    id bigint NOT NULL,
    object_key text NOT NULL,
    endpoint text NOT NULL,
    file_date date NOT NULL,
    size_bytes bigint NOT NULL,
    etag text NOT NULL,
    sha256 text,
    status text NOT NULL,
    record_count bigint,
    nul_records bigint DEFAULT 0 NOT NULL,
    error_offset bigint,
    error text,
    started_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    loaded_at timestamp with time zone,
    CONSTRAINT raw_file_endpoint_check CHECK ((endpoint ~ '^[a-z_]{1,40}$'::text)),
    CONSTRAINT raw_file_failed_check CHECK (((status = 'failed'::text) = (error IS NOT NULL))),
    CONSTRAINT raw_file_loaded_check CHECK (((status = 'loaded'::text) = ((loaded_at IS NOT NULL) AND (record_count IS NOT NULL)))),
    CONSTRAINT raw_file_size_check CHECK ((size_bytes >= 0)),
    CONSTRAINT raw_file_status_check CHECK ((status = ANY (ARRAY['loaded'::text, 'failed'::text])))
);

ALTER TABLE cw_nnnnnn_staging.raw_files OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn_staging.raw_files IS 'Registry of every raw S3 object the loader has seen: key, size, ETag and SHA-256, status. A loaded object is never loaded again; a different object under a loaded key is refused (raw data is immutable). A failed object keeps the byte offset and reason; none of its records reach raw_records.';

COMMENT ON COLUMN cw_nnnnnn_staging.raw_files.object_key IS 'S3 key: raw-data/{client}/{date}/{endpoint}.json[.gz].';

COMMENT ON COLUMN cw_nnnnnn_staging.raw_files.endpoint IS 'ERP endpoint the file holds (products, sales_orders, ...).';

COMMENT ON COLUMN cw_nnnnnn_staging.raw_files.file_date IS 'Snapshot date of the folder the object lives in.';

COMMENT ON COLUMN cw_nnnnnn_staging.raw_files.etag IS 'S3 ETag at load time: identity of the object''s content.';

COMMENT ON COLUMN cw_nnnnnn_staging.raw_files.sha256 IS 'SHA-256 of the object''s bytes as streamed by the loader.';

COMMENT ON COLUMN cw_nnnnnn_staging.raw_files.status IS 'loaded (all records landed) or failed (none landed).';

COMMENT ON COLUMN cw_nnnnnn_staging.raw_files.record_count IS 'Records landed from the object.';

COMMENT ON COLUMN cw_nnnnnn_staging.raw_files.nul_records IS 'Records holding U+0000, which jsonb cannot store: landed with U+FFFD instead (the S3 original is untouched).';

COMMENT ON COLUMN cw_nnnnnn_staging.raw_files.error_offset IS 'Byte offset (of the uncompressed JSON) where parsing failed.';

COMMENT ON COLUMN cw_nnnnnn_staging.raw_files.error IS 'Why the object failed to load.';

ALTER TABLE cw_nnnnnn_staging.raw_files ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn_staging.raw_files_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn_staging.raw_load_conflicts (
    id bigint NOT NULL,
    object_key text NOT NULL,
    loaded_etag text NOT NULL,
    offered_etag text NOT NULL,
    offered_size_bytes bigint NOT NULL,
    detected_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);

ALTER TABLE cw_nnnnnn_staging.raw_load_conflicts OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn_staging.raw_load_conflicts IS 'Critical: an object under an already loaded key had different content (raw data must be immutable). The loaded version stays; the quality gate fails while a conflict for the run date is unresolved.';

ALTER TABLE cw_nnnnnn_staging.raw_load_conflicts ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_nnnnnn_staging.raw_load_conflicts_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_nnnnnn_staging.raw_records (
    file_id bigint NOT NULL,
    file_date date NOT NULL,
    endpoint text NOT NULL,
    record_no integer NOT NULL,
    payload jsonb NOT NULL,
    CONSTRAINT raw_record_no_check CHECK ((record_no >= 1))
)
PARTITION BY RANGE (file_date);
ALTER TABLE ONLY cw_nnnnnn_staging.raw_records ALTER COLUMN payload SET STATISTICS 0;

ALTER TABLE cw_nnnnnn_staging.raw_records OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn_staging.raw_records IS 'Raw landing rows: one jsonb payload per record of a raw file, exactly as the ERP sent it. Partitioned by month of file_date (partitions created by ensure_raw_partition); rows of a file land in one transaction with its registry row.';

COMMENT ON COLUMN cw_nnnnnn_staging.raw_records.file_id IS 'The raw_files row the record came from.';

COMMENT ON COLUMN cw_nnnnnn_staging.raw_records.file_date IS 'Snapshot date (partition key).';

COMMENT ON COLUMN cw_nnnnnn_staging.raw_records.record_no IS 'Position of the record in its file, from 1.';

COMMENT ON COLUMN cw_nnnnnn_staging.raw_records.payload IS 'The record as sent by the ERP (array element or JSON line).';

CREATE UNLOGGED TABLE cw_nnnnnn_staging.staged_files (
    raw_file_id bigint NOT NULL,
    file_date date NOT NULL,
    endpoint text NOT NULL,
    mapping_version text NOT NULL,
    row_count bigint NOT NULL,
    staged_at timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
    CONSTRAINT staged_file_row_count_check CHECK ((row_count >= 0))
);

ALTER TABLE cw_nnnnnn_staging.staged_files OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn_staging.staged_files IS 'The raw files whose typed rows the staging tables hold (all of one run date, mapped with one mapping version). UNLOGGED like the staging tables, so a crash empties both together. Written by map_file_to_staging; map_to_staging rebuilds the staging tables when the date or the mapping version differs.';

COMMENT ON COLUMN cw_nnnnnn_staging.staged_files.raw_file_id IS 'The raw_files row whose records were mapped.';

COMMENT ON COLUMN cw_nnnnnn_staging.staged_files.file_date IS 'Snapshot date of the file (the run date staged).';

COMMENT ON COLUMN cw_nnnnnn_staging.staged_files.endpoint IS 'Endpoint of the file.';

COMMENT ON COLUMN cw_nnnnnn_staging.staged_files.mapping_version IS 'staging_mapping_version() when the file was mapped: a digest of the client''s dialect mapping and the mapper code.';

COMMENT ON COLUMN cw_nnnnnn_staging.staged_files.row_count IS 'Typed staging rows the file produced.';

COMMENT ON COLUMN cw_nnnnnn_staging.staged_files.staged_at IS 'When the file was mapped.';

CREATE UNLOGGED TABLE cw_nnnnnn_staging.staging_inventory_balances (
    raw_file_id bigint NOT NULL,
    record_no integer NOT NULL,
    product_id text,
    location_id text,
    balance_date date,
    qty_available numeric,
    qty_blocked numeric,
    qty_reserved numeric,
    qty_all numeric,
    snapshot_type text,
    missing_fields text[] DEFAULT '{}'::text[] NOT NULL,
    cast_errors text[] DEFAULT '{}'::text[] NOT NULL
)
WITH (autovacuum_enabled='false');

ALTER TABLE cw_nnnnnn_staging.staging_inventory_balances OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn_staging.staging_inventory_balances IS 'Typed staging rows of the inventory endpoint, one row per product x location balance, mapped by the Quality Mapper from the run date''s raw records; truncated and rebuilt on every gateway run.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_inventory_balances.raw_file_id IS 'raw_files row the record came from.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_inventory_balances.record_no IS 'Record position in its raw file.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_inventory_balances.missing_fields IS 'Required fields absent or null in the record.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_inventory_balances.cast_errors IS 'Fields present but not castable to their type.';

CREATE UNLOGGED TABLE cw_nnnnnn_staging.staging_locations (
    raw_file_id bigint NOT NULL,
    record_no integer NOT NULL,
    location_id text,
    name text,
    type text,
    echelon integer,
    parent_location_id text,
    city text,
    country text,
    currency text,
    timezone text,
    status text,
    open_date date,
    close_date date,
    missing_fields text[] DEFAULT '{}'::text[] NOT NULL,
    cast_errors text[] DEFAULT '{}'::text[] NOT NULL
)
WITH (autovacuum_enabled='false');

ALTER TABLE cw_nnnnnn_staging.staging_locations OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn_staging.staging_locations IS 'Typed staging rows of the locations endpoint, one row per location record, mapped by the Quality Mapper from the run date''s raw records; truncated and rebuilt on every gateway run.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_locations.raw_file_id IS 'raw_files row the record came from.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_locations.record_no IS 'Record position in its raw file.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_locations.missing_fields IS 'Required fields absent or null in the record.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_locations.cast_errors IS 'Fields present but not castable to their type.';

CREATE UNLOGGED TABLE cw_nnnnnn_staging.staging_prices (
    raw_file_id bigint NOT NULL,
    record_no integer NOT NULL,
    price_list_id text,
    line_no integer,
    location_id text,
    channel text,
    currency text,
    valid_from date,
    valid_to date,
    product_id text,
    price numeric,
    promo_price numeric,
    name text,
    country text,
    missing_fields text[] DEFAULT '{}'::text[] NOT NULL,
    cast_errors text[] DEFAULT '{}'::text[] NOT NULL
)
WITH (autovacuum_enabled='false');

ALTER TABLE cw_nnnnnn_staging.staging_prices OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn_staging.staging_prices IS 'Typed staging rows of the pricing_lists endpoint, one row per price list line, mapped by the Quality Mapper from the run date''s raw records; truncated and rebuilt on every gateway run.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_prices.raw_file_id IS 'raw_files row the record came from.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_prices.record_no IS 'Record position in its raw file.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_prices.missing_fields IS 'Required fields absent or null in the record.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_prices.cast_errors IS 'Fields present but not castable to their type.';

CREATE UNLOGGED TABLE cw_nnnnnn_staging.staging_products (
    raw_file_id bigint NOT NULL,
    record_no integer NOT NULL,
    product_id text,
    sku text,
    vendor_sku text,
    name text,
    brand text,
    category_path text,
    supplier_id text,
    cost numeric,
    price numeric,
    currency text,
    pack_size numeric,
    is_dropship boolean,
    status text,
    launch_date date,
    updated_at timestamp with time zone,
    ean text,
    category_code text,
    category_level1 text,
    category_level2 text,
    category_level3 text,
    discontinue_date date,
    missing_fields text[] DEFAULT '{}'::text[] NOT NULL,
    cast_errors text[] DEFAULT '{}'::text[] NOT NULL
)
WITH (autovacuum_enabled='false');

ALTER TABLE cw_nnnnnn_staging.staging_products OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn_staging.staging_products IS 'Typed staging rows of the products endpoint, one row per product record, mapped by the Quality Mapper from the run date''s raw records; truncated and rebuilt on every gateway run.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_products.raw_file_id IS 'raw_files row the record came from.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_products.record_no IS 'Record position in its raw file.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_products.missing_fields IS 'Required fields absent or null in the record.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_products.cast_errors IS 'Fields present but not castable to their type.';

CREATE UNLOGGED TABLE cw_nnnnnn_staging.staging_purchase_orders (
    raw_file_id bigint NOT NULL,
    record_no integer NOT NULL,
    po_id text,
    line_no integer,
    supplier_id text,
    location_id text,
    order_date date,
    expected_date date,
    status text,
    product_id text,
    qty_ordered numeric,
    qty_confirmed numeric,
    qty_delivered numeric,
    unit_cost numeric,
    currency text,
    missing_fields text[] DEFAULT '{}'::text[] NOT NULL,
    cast_errors text[] DEFAULT '{}'::text[] NOT NULL
)
WITH (autovacuum_enabled='false');

ALTER TABLE cw_nnnnnn_staging.staging_purchase_orders OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn_staging.staging_purchase_orders IS 'Typed staging rows of the purchase_orders endpoint, one row per purchase order line, mapped by the Quality Mapper from the run date''s raw records; truncated and rebuilt on every gateway run.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_purchase_orders.raw_file_id IS 'raw_files row the record came from.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_purchase_orders.record_no IS 'Record position in its raw file.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_purchase_orders.missing_fields IS 'Required fields absent or null in the record.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_purchase_orders.cast_errors IS 'Fields present but not castable to their type.';

CREATE UNLOGGED TABLE cw_nnnnnn_staging.staging_receiving_orders (
    raw_file_id bigint NOT NULL,
    record_no integer NOT NULL,
    receipt_id text,
    line_no integer,
    po_id text,
    transfer_id text,
    location_id text,
    received_date date,
    product_id text,
    qty_received numeric,
    source_no text,
    source_type text,
    qty_blocked numeric,
    missing_fields text[] DEFAULT '{}'::text[] NOT NULL,
    cast_errors text[] DEFAULT '{}'::text[] NOT NULL
)
WITH (autovacuum_enabled='false');

ALTER TABLE cw_nnnnnn_staging.staging_receiving_orders OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn_staging.staging_receiving_orders IS 'Typed staging rows of the receiving_orders endpoint, one row per receipt line, mapped by the Quality Mapper from the run date''s raw records; truncated and rebuilt on every gateway run.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_receiving_orders.raw_file_id IS 'raw_files row the record came from.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_receiving_orders.record_no IS 'Record position in its raw file.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_receiving_orders.missing_fields IS 'Required fields absent or null in the record.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_receiving_orders.cast_errors IS 'Fields present but not castable to their type.';

CREATE UNLOGGED TABLE cw_nnnnnn_staging.staging_sales_orders (
    raw_file_id bigint NOT NULL,
    record_no integer NOT NULL,
    so_id text,
    line_no integer,
    order_date date,
    location_id text,
    customer_id text,
    customer_name text,
    customer_email text,
    customer_city text,
    payment_method text,
    product_id text,
    qty numeric,
    unit_price numeric,
    discount numeric,
    revenue numeric,
    channel text,
    currency text,
    status text,
    missing_fields text[] DEFAULT '{}'::text[] NOT NULL,
    cast_errors text[] DEFAULT '{}'::text[] NOT NULL
)
WITH (autovacuum_enabled='false');

ALTER TABLE cw_nnnnnn_staging.staging_sales_orders OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn_staging.staging_sales_orders IS 'Typed staging rows of the sales_orders endpoint, one row per sales order line, mapped by the Quality Mapper from the run date''s raw records; truncated and rebuilt on every gateway run.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_sales_orders.raw_file_id IS 'raw_files row the record came from.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_sales_orders.record_no IS 'Record position in its raw file.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_sales_orders.missing_fields IS 'Required fields absent or null in the record.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_sales_orders.cast_errors IS 'Fields present but not castable to their type.';

CREATE UNLOGGED TABLE cw_nnnnnn_staging.staging_store_orders (
    raw_file_id bigint NOT NULL,
    record_no integer NOT NULL,
    store_order_id text,
    line_no integer,
    location_id text,
    source_location_id text,
    order_date date,
    product_id text,
    qty numeric,
    requested_date date,
    qty_allocated numeric,
    missing_fields text[] DEFAULT '{}'::text[] NOT NULL,
    cast_errors text[] DEFAULT '{}'::text[] NOT NULL
)
WITH (autovacuum_enabled='false');

ALTER TABLE cw_nnnnnn_staging.staging_store_orders OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn_staging.staging_store_orders IS 'Typed staging rows of the store_orders endpoint, one row per store order line, mapped by the Quality Mapper from the run date''s raw records; truncated and rebuilt on every gateway run.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_store_orders.raw_file_id IS 'raw_files row the record came from.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_store_orders.record_no IS 'Record position in its raw file.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_store_orders.missing_fields IS 'Required fields absent or null in the record.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_store_orders.cast_errors IS 'Fields present but not castable to their type.';

CREATE UNLOGGED TABLE cw_nnnnnn_staging.staging_suppliers (
    raw_file_id bigint NOT NULL,
    record_no integer NOT NULL,
    supplier_id text,
    name text,
    country text,
    currency text,
    lead_time_days numeric,
    moq numeric,
    status text,
    missing_fields text[] DEFAULT '{}'::text[] NOT NULL,
    cast_errors text[] DEFAULT '{}'::text[] NOT NULL
)
WITH (autovacuum_enabled='false');

ALTER TABLE cw_nnnnnn_staging.staging_suppliers OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn_staging.staging_suppliers IS 'Typed staging rows of the suppliers endpoint, one row per supplier record, mapped by the Quality Mapper from the run date''s raw records; truncated and rebuilt on every gateway run.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_suppliers.raw_file_id IS 'raw_files row the record came from.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_suppliers.record_no IS 'Record position in its raw file.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_suppliers.missing_fields IS 'Required fields absent or null in the record.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_suppliers.cast_errors IS 'Fields present but not castable to their type.';

CREATE UNLOGGED TABLE cw_nnnnnn_staging.staging_transfer_orders (
    raw_file_id bigint NOT NULL,
    record_no integer NOT NULL,
    transfer_id text,
    line_no integer,
    from_location_id text,
    to_location_id text,
    ship_date date,
    expected_date date,
    status text,
    product_id text,
    qty_shipped numeric,
    qty_received numeric,
    store_order_id text,
    reason text,
    received_date date,
    missing_fields text[] DEFAULT '{}'::text[] NOT NULL,
    cast_errors text[] DEFAULT '{}'::text[] NOT NULL
)
WITH (autovacuum_enabled='false');

ALTER TABLE cw_nnnnnn_staging.staging_transfer_orders OWNER TO cw_nnnnnn_owner;

COMMENT ON TABLE cw_nnnnnn_staging.staging_transfer_orders IS 'Typed staging rows of the transfer_orders endpoint, one row per transfer order line, mapped by the Quality Mapper from the run date''s raw records; truncated and rebuilt on every gateway run.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_transfer_orders.raw_file_id IS 'raw_files row the record came from.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_transfer_orders.record_no IS 'Record position in its raw file.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_transfer_orders.missing_fields IS 'Required fields absent or null in the record.';

COMMENT ON COLUMN cw_nnnnnn_staging.staging_transfer_orders.cast_errors IS 'Fields present but not castable to their type.';

ALTER TABLE ONLY cw_nnnnnn.abc_classes
    ADD CONSTRAINT abc_classes_code_key UNIQUE (code);

ALTER TABLE ONLY cw_nnnnnn.abc_classes
    ADD CONSTRAINT abc_classes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.brands
    ADD CONSTRAINT brands_name_key UNIQUE (name);

ALTER TABLE ONLY cw_nnnnnn.brands
    ADD CONSTRAINT brands_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.category_behaviors
    ADD CONSTRAINT category_behaviors_category_snapshot_key UNIQUE (product_category_id, snapshot_date);

ALTER TABLE ONLY cw_nnnnnn.category_behaviors
    ADD CONSTRAINT category_behaviors_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.client_settings
    ADD CONSTRAINT client_settings_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.client_settings
    ADD CONSTRAINT client_settings_setting_key_key UNIQUE (setting_key);

ALTER TABLE ONLY cw_nnnnnn.customer_versions
    ADD CONSTRAINT customer_versions_customer_id_valid_from_key UNIQUE (customer_id, valid_from);

ALTER TABLE ONLY cw_nnnnnn.customer_versions
    ADD CONSTRAINT customer_versions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.customers
    ADD CONSTRAINT customers_erp_id_key UNIQUE (erp_id);

ALTER TABLE ONLY cw_nnnnnn.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.data_health_reports
    ADD CONSTRAINT data_health_reports_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.data_health_reports
    ADD CONSTRAINT data_health_reports_run_date_step_name_key UNIQUE (run_date, step_name);

ALTER TABLE ONLY cw_nnnnnn.data_quality_check_categories
    ADD CONSTRAINT data_quality_check_categories_name_key UNIQUE (name);

ALTER TABLE ONLY cw_nnnnnn.data_quality_check_categories
    ADD CONSTRAINT data_quality_check_categories_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.data_quality_check_reports
    ADD CONSTRAINT data_quality_check_reports_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.data_quality_check_reports
    ADD CONSTRAINT data_quality_check_reports_run_check_key UNIQUE (run_date, source, endpoint, check_name);

COMMENT ON CONSTRAINT data_quality_check_reports_run_check_key ON cw_nnnnnn.data_quality_check_reports IS 'One report row per run date, source, endpoint and check.';

ALTER TABLE ONLY cw_nnnnnn.data_quality_check_severities
    ADD CONSTRAINT data_quality_check_severities_name_key UNIQUE (name);

ALTER TABLE ONLY cw_nnnnnn.data_quality_check_severities
    ADD CONSTRAINT data_quality_check_severities_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.data_quality_checks
    ADD CONSTRAINT data_quality_checks_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.data_quality_checks
    ADD CONSTRAINT data_quality_checks_run_endpoint_check_name_key UNIQUE (data_quality_run_id, endpoint, check_name);

ALTER TABLE ONLY cw_nnnnnn.data_quality_run_statuses
    ADD CONSTRAINT data_quality_run_statuses_name_key UNIQUE (name);

ALTER TABLE ONLY cw_nnnnnn.data_quality_run_statuses
    ADD CONSTRAINT data_quality_run_statuses_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.data_quality_runs
    ADD CONSTRAINT data_quality_runs_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.data_quality_runs
    ADD CONSTRAINT data_quality_runs_run_date_key UNIQUE (run_date);

ALTER TABLE ONLY cw_nnnnnn.demand_forecast_pools
    ADD CONSTRAINT demand_forecast_pools_pkey PRIMARY KEY (demand_forecast_id, location_id, product_category_id);

ALTER TABLE ONLY cw_nnnnnn.demand_forecast_products
    ADD CONSTRAINT demand_forecast_products_forecast_product_location_horizon_key UNIQUE (demand_forecast_id, product_id, location_id, horizon_days, forecast_date);

ALTER TABLE ONLY cw_nnnnnn.demand_forecast_products
    ADD CONSTRAINT demand_forecast_products_pkey PRIMARY KEY (id, forecast_date);

ALTER TABLE ONLY cw_nnnnnn.demand_forecast_series
    ADD CONSTRAINT demand_forecast_series_pkey PRIMARY KEY (demand_forecast_id, product_id, location_id, forecast_date);

ALTER TABLE ONLY cw_nnnnnn.demand_forecast_statuses
    ADD CONSTRAINT demand_forecast_statuses_name_key UNIQUE (name);

ALTER TABLE ONLY cw_nnnnnn.demand_forecast_statuses
    ADD CONSTRAINT demand_forecast_statuses_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.demand_forecasts
    ADD CONSTRAINT demand_forecasts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.demand_history
    ADD CONSTRAINT demand_history_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.demand_history
    ADD CONSTRAINT demand_history_product_id_location_id_demand_date_key UNIQUE (product_id, location_id, demand_date);

ALTER TABLE ONLY cw_nnnnnn.demand_history_runs
    ADD CONSTRAINT demand_history_runs_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.demand_source_types
    ADD CONSTRAINT demand_source_types_name_key UNIQUE (name);

ALTER TABLE ONLY cw_nnnnnn.demand_source_types
    ADD CONSTRAINT demand_source_types_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.field_ownership
    ADD CONSTRAINT field_ownership_pkey PRIMARY KEY (table_name, column_name);

ALTER TABLE ONLY cw_nnnnnn.flyway_schema_history
    ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);

ALTER TABLE ONLY cw_nnnnnn.fmr_classes
    ADD CONSTRAINT fmr_classes_code_key UNIQUE (code);

ALTER TABLE ONLY cw_nnnnnn.fmr_classes
    ADD CONSTRAINT fmr_classes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.freq_classes
    ADD CONSTRAINT freq_classes_code_key UNIQUE (code);

ALTER TABLE ONLY cw_nnnnnn.freq_classes
    ADD CONSTRAINT freq_classes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.inventory_balances
    ADD CONSTRAINT inventory_balances_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.inventory_balances
    ADD CONSTRAINT inventory_balances_product_id_location_id_balance_date_key UNIQUE (product_id, location_id, balance_date);

ALTER TABLE ONLY cw_nnnnnn.inventory_snapshots
    ADD CONSTRAINT inventory_snapshots_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.inventory_snapshots
    ADD CONSTRAINT inventory_snapshots_snapshot_date_key UNIQUE (snapshot_date);

ALTER TABLE ONLY cw_nnnnnn.inventory_strategies
    ADD CONSTRAINT inventory_strategies_name_key UNIQUE (name);

ALTER TABLE ONLY cw_nnnnnn.inventory_strategies
    ADD CONSTRAINT inventory_strategies_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.inventory_strategy_overrides
    ADD CONSTRAINT inventory_strategy_overrides_pkey PRIMARY KEY (product_id, location_id);

ALTER TABLE ONLY cw_nnnnnn.inventory_target_params
    ADD CONSTRAINT inventory_target_params_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.inventory_target_params
    ADD CONSTRAINT inventory_target_params_target_name_key UNIQUE (inventory_target_id, param_name);

ALTER TABLE ONLY cw_nnnnnn.inventory_targets
    ADD CONSTRAINT inventory_targets_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.inventory_targets
    ADD CONSTRAINT inventory_targets_product_location_snapshot_key UNIQUE (product_id, location_id, snapshot_date);

ALTER TABLE ONLY cw_nnnnnn.load_entity_stats
    ADD CONSTRAINT load_entity_stats_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.load_entity_stats
    ADD CONSTRAINT load_entity_stats_run_date_entity_key UNIQUE (run_date, entity);

ALTER TABLE ONLY cw_nnnnnn.load_rejects
    ADD CONSTRAINT load_rejects_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.load_rejects
    ADD CONSTRAINT load_rejects_run_date_entity_record_reason_key UNIQUE (run_date, entity, raw_file_id, record_no, line_no, reason_code);

ALTER TABLE ONLY cw_nnnnnn.location_behaviors
    ADD CONSTRAINT location_behaviors_location_id_snapshot_date_key UNIQUE (location_id, snapshot_date);

ALTER TABLE ONLY cw_nnnnnn.location_behaviors
    ADD CONSTRAINT location_behaviors_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.location_lanes
    ADD CONSTRAINT location_lanes_from_location_id_to_location_id_key UNIQUE (from_location_id, to_location_id);

ALTER TABLE ONLY cw_nnnnnn.location_lanes
    ADD CONSTRAINT location_lanes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.location_versions
    ADD CONSTRAINT location_versions_location_id_valid_from_key UNIQUE (location_id, valid_from);

ALTER TABLE ONLY cw_nnnnnn.location_versions
    ADD CONSTRAINT location_versions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.locations
    ADD CONSTRAINT locations_erp_id_key UNIQUE (erp_id);

ALTER TABLE ONLY cw_nnnnnn.locations
    ADD CONSTRAINT locations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.payment_methods
    ADD CONSTRAINT payment_methods_code_key UNIQUE (code);

ALTER TABLE ONLY cw_nnnnnn.payment_methods
    ADD CONSTRAINT payment_methods_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.pipeline_runs
    ADD CONSTRAINT pipeline_runs_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.pipeline_step_runs
    ADD CONSTRAINT pipeline_step_runs_pipeline_run_id_step_no_key UNIQUE (pipeline_run_id, step_no);

ALTER TABLE ONLY cw_nnnnnn.pipeline_step_runs
    ADD CONSTRAINT pipeline_step_runs_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.po_recommendation_priorities
    ADD CONSTRAINT po_recommendation_priorities_name_key UNIQUE (name);

ALTER TABLE ONLY cw_nnnnnn.po_recommendation_priorities
    ADD CONSTRAINT po_recommendation_priorities_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.po_recommendation_statuses
    ADD CONSTRAINT po_recommendation_statuses_name_key UNIQUE (name);

ALTER TABLE ONLY cw_nnnnnn.po_recommendation_statuses
    ADD CONSTRAINT po_recommendation_statuses_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.po_recommendations
    ADD CONSTRAINT po_recommendations_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.po_recommendations
    ADD CONSTRAINT po_recommendations_product_location_supplier_date_key UNIQUE (product_id, location_id, supplier_id, recommendation_date);

ALTER TABLE ONLY cw_nnnnnn.price_lists
    ADD CONSTRAINT price_lists_erp_id_key UNIQUE (erp_id);

ALTER TABLE ONLY cw_nnnnnn.price_lists
    ADD CONSTRAINT price_lists_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.prices
    ADD CONSTRAINT prices_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.prices
    ADD CONSTRAINT prices_price_list_id_product_id_key UNIQUE (price_list_id, product_id);

ALTER TABLE ONLY cw_nnnnnn.product_behaviors
    ADD CONSTRAINT product_behaviors_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.product_behaviors
    ADD CONSTRAINT product_behaviors_product_id_snapshot_date_key UNIQUE (product_id, snapshot_date);

ALTER TABLE ONLY cw_nnnnnn.product_categories
    ADD CONSTRAINT product_categories_path_key UNIQUE (path);

ALTER TABLE ONLY cw_nnnnnn.product_categories
    ADD CONSTRAINT product_categories_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.product_location_behaviors
    ADD CONSTRAINT product_location_behaviors_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.product_location_behaviors
    ADD CONSTRAINT product_location_behaviors_product_location_snapshot_key UNIQUE (product_id, location_id, snapshot_date);

ALTER TABLE ONLY cw_nnnnnn.product_suppliers
    ADD CONSTRAINT product_suppliers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.product_suppliers
    ADD CONSTRAINT product_suppliers_product_id_supplier_id_key UNIQUE (product_id, supplier_id);

ALTER TABLE ONLY cw_nnnnnn.product_versions
    ADD CONSTRAINT product_versions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.product_versions
    ADD CONSTRAINT product_versions_product_id_valid_from_key UNIQUE (product_id, valid_from);

ALTER TABLE ONLY cw_nnnnnn.products
    ADD CONSTRAINT products_erp_id_key UNIQUE (erp_id);

ALTER TABLE ONLY cw_nnnnnn.products
    ADD CONSTRAINT products_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.purchase_order_lines
    ADD CONSTRAINT purchase_order_lines_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.purchase_order_lines
    ADD CONSTRAINT purchase_order_lines_purchase_order_id_line_no_key UNIQUE (purchase_order_id, line_no);

ALTER TABLE ONLY cw_nnnnnn.purchase_orders
    ADD CONSTRAINT purchase_orders_erp_id_key UNIQUE (erp_id);

ALTER TABLE ONLY cw_nnnnnn.purchase_orders
    ADD CONSTRAINT purchase_orders_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.receiving_order_lines
    ADD CONSTRAINT receiving_order_lines_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.receiving_order_lines
    ADD CONSTRAINT receiving_order_lines_receiving_order_id_line_no_key UNIQUE (receiving_order_id, line_no);

ALTER TABLE ONLY cw_nnnnnn.receiving_orders
    ADD CONSTRAINT receiving_orders_erp_id_key UNIQUE (erp_id);

ALTER TABLE ONLY cw_nnnnnn.receiving_orders
    ADD CONSTRAINT receiving_orders_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.sales_order_lines
    ADD CONSTRAINT sales_order_lines_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.sales_order_lines
    ADD CONSTRAINT sales_order_lines_sales_order_id_line_no_key UNIQUE (sales_order_id, line_no);

ALTER TABLE ONLY cw_nnnnnn.sales_orders
    ADD CONSTRAINT sales_orders_erp_id_key UNIQUE (erp_id);

ALTER TABLE ONLY cw_nnnnnn.sales_orders
    ADD CONSTRAINT sales_orders_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.store_order_lines
    ADD CONSTRAINT store_order_lines_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.store_order_lines
    ADD CONSTRAINT store_order_lines_store_order_id_line_no_key UNIQUE (store_order_id, line_no);

ALTER TABLE ONLY cw_nnnnnn.store_orders
    ADD CONSTRAINT store_orders_erp_id_key UNIQUE (erp_id);

ALTER TABLE ONLY cw_nnnnnn.store_orders
    ADD CONSTRAINT store_orders_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.supplier_behaviors
    ADD CONSTRAINT supplier_behaviors_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.supplier_behaviors
    ADD CONSTRAINT supplier_behaviors_supplier_id_snapshot_date_key UNIQUE (supplier_id, snapshot_date);

ALTER TABLE ONLY cw_nnnnnn.supplier_versions
    ADD CONSTRAINT supplier_versions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.supplier_versions
    ADD CONSTRAINT supplier_versions_supplier_id_valid_from_key UNIQUE (supplier_id, valid_from);

ALTER TABLE ONLY cw_nnnnnn.suppliers
    ADD CONSTRAINT suppliers_erp_id_key UNIQUE (erp_id);

ALTER TABLE ONLY cw_nnnnnn.suppliers
    ADD CONSTRAINT suppliers_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.transfer_order_lines
    ADD CONSTRAINT transfer_order_lines_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.transfer_order_lines
    ADD CONSTRAINT transfer_order_lines_transfer_order_id_line_no_key UNIQUE (transfer_order_id, line_no);

ALTER TABLE ONLY cw_nnnnnn.transfer_orders
    ADD CONSTRAINT transfer_orders_erp_id_key UNIQUE (erp_id);

ALTER TABLE ONLY cw_nnnnnn.transfer_orders
    ADD CONSTRAINT transfer_orders_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.ui_edits
    ADD CONSTRAINT ui_edits_edit_uuid_key UNIQUE (edit_uuid);

ALTER TABLE ONLY cw_nnnnnn.ui_edits
    ADD CONSTRAINT ui_edits_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn.xyz_classes
    ADD CONSTRAINT xyz_classes_code_key UNIQUE (code);

ALTER TABLE ONLY cw_nnnnnn.xyz_classes
    ADD CONSTRAINT xyz_classes_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn_staging.raw_files
    ADD CONSTRAINT raw_files_object_key_key UNIQUE (object_key);

ALTER TABLE ONLY cw_nnnnnn_staging.raw_files
    ADD CONSTRAINT raw_files_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn_staging.raw_load_conflicts
    ADD CONSTRAINT raw_load_conflicts_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_nnnnnn_staging.raw_records
    ADD CONSTRAINT raw_records_pkey PRIMARY KEY (file_date, file_id, record_no);

ALTER TABLE ONLY cw_nnnnnn_staging.staged_files
    ADD CONSTRAINT staged_files_pkey PRIMARY KEY (raw_file_id);

CREATE INDEX category_behaviors_snapshot_date_idx ON cw_nnnnnn.category_behaviors USING btree (snapshot_date);

CREATE UNIQUE INDEX customer_versions_customer_id_current_idx ON cw_nnnnnn.customer_versions USING btree (customer_id) WHERE is_current;

CREATE INDEX data_quality_check_reports_endpoint_check_name_idx ON cw_nnnnnn.data_quality_check_reports USING btree (endpoint, check_name, run_date);

CREATE INDEX demand_forecasts_created_at_idx ON cw_nnnnnn.demand_forecasts USING btree (created_at);

CREATE INDEX demand_forecasts_forecast_date_created_at_idx ON cw_nnnnnn.demand_forecasts USING btree (forecast_date, created_at);

CREATE INDEX demand_history_demand_date_idx ON cw_nnnnnn.demand_history USING btree (demand_date);

CREATE INDEX demand_history_location_id_demand_date_idx ON cw_nnnnnn.demand_history USING btree (location_id, demand_date);

CREATE INDEX demand_history_runs_started_at_idx ON cw_nnnnnn.demand_history_runs USING btree (started_at);

CREATE INDEX flyway_schema_history_s_idx ON cw_nnnnnn.flyway_schema_history USING btree (success);

CREATE INDEX inventory_balances_location_id_balance_date_idx ON cw_nnnnnn.inventory_balances USING btree (location_id, balance_date);

CREATE INDEX inventory_targets_snapshot_date_idx ON cw_nnnnnn.inventory_targets USING btree (snapshot_date);

COMMENT ON INDEX cw_nnnnnn.inventory_targets_snapshot_date_idx IS 'Finds the targets of one run date.';

CREATE INDEX load_rejects_run_date_entity_idx ON cw_nnnnnn.load_rejects USING btree (run_date, entity);

CREATE INDEX location_behaviors_snapshot_date_idx ON cw_nnnnnn.location_behaviors USING btree (snapshot_date);

CREATE INDEX location_lanes_to_location_id_idx ON cw_nnnnnn.location_lanes USING btree (to_location_id);

CREATE UNIQUE INDEX location_versions_location_id_current_idx ON cw_nnnnnn.location_versions USING btree (location_id) WHERE is_current;

CREATE INDEX locations_parent_location_id_idx ON cw_nnnnnn.locations USING btree (parent_location_id);

CREATE INDEX pipeline_runs_run_date_idx ON cw_nnnnnn.pipeline_runs USING btree (run_date, id DESC);

CREATE INDEX po_recommendations_location_id_idx ON cw_nnnnnn.po_recommendations USING btree (location_id);

COMMENT ON INDEX cw_nnnnnn.po_recommendations_location_id_idx IS 'Recommendations of one location (and its FK).';

CREATE INDEX po_recommendations_recommendation_date_idx ON cw_nnnnnn.po_recommendations USING btree (recommendation_date, supplier_id);

COMMENT ON INDEX cw_nnnnnn.po_recommendations_recommendation_date_idx IS 'The buyer''s screen: one run date''s recommendations, by supplier.';

CREATE INDEX prices_product_id_idx ON cw_nnnnnn.prices USING btree (product_id);

CREATE INDEX product_behaviors_snapshot_date_idx ON cw_nnnnnn.product_behaviors USING btree (snapshot_date) INCLUDE (product_id, demand_revenue);

CREATE INDEX product_categories_parent_id_idx ON cw_nnnnnn.product_categories USING btree (parent_id);

CREATE INDEX product_location_behaviors_snapshot_date_location_id_idx ON cw_nnnnnn.product_location_behaviors USING btree (snapshot_date, location_id) INCLUDE (product_id, demand_revenue);

CREATE INDEX product_suppliers_supplier_id_idx ON cw_nnnnnn.product_suppliers USING btree (supplier_id);

CREATE UNIQUE INDEX product_versions_product_id_current_idx ON cw_nnnnnn.product_versions USING btree (product_id) WHERE is_current;

CREATE INDEX products_brand_id_idx ON cw_nnnnnn.products USING btree (brand_id);

CREATE INDEX products_primary_supplier_id_idx ON cw_nnnnnn.products USING btree (primary_supplier_id);

CREATE INDEX products_product_category_id_idx ON cw_nnnnnn.products USING btree (product_category_id);

CREATE INDEX purchase_order_lines_product_id_idx ON cw_nnnnnn.purchase_order_lines USING btree (product_id);

CREATE INDEX purchase_orders_order_date_idx ON cw_nnnnnn.purchase_orders USING btree (order_date);

CREATE INDEX purchase_orders_supplier_id_idx ON cw_nnnnnn.purchase_orders USING btree (supplier_id);

CREATE INDEX receiving_order_lines_product_id_idx ON cw_nnnnnn.receiving_order_lines USING btree (product_id);

CREATE INDEX receiving_orders_purchase_order_id_idx ON cw_nnnnnn.receiving_orders USING btree (purchase_order_id);

CREATE INDEX receiving_orders_transfer_order_id_idx ON cw_nnnnnn.receiving_orders USING btree (transfer_order_id);

CREATE INDEX sales_order_lines_product_id_idx ON cw_nnnnnn.sales_order_lines USING btree (product_id);

CREATE INDEX sales_orders_customer_id_idx ON cw_nnnnnn.sales_orders USING btree (customer_id);

CREATE INDEX sales_orders_order_date_location_id_idx ON cw_nnnnnn.sales_orders USING btree (order_date, location_id);

CREATE INDEX store_order_lines_product_id_idx ON cw_nnnnnn.store_order_lines USING btree (product_id);

CREATE INDEX store_orders_location_id_order_date_idx ON cw_nnnnnn.store_orders USING btree (location_id, order_date);

CREATE INDEX supplier_behaviors_snapshot_date_idx ON cw_nnnnnn.supplier_behaviors USING btree (snapshot_date);

CREATE UNIQUE INDEX supplier_versions_supplier_id_current_idx ON cw_nnnnnn.supplier_versions USING btree (supplier_id) WHERE is_current;

CREATE INDEX transfer_order_lines_product_id_idx ON cw_nnnnnn.transfer_order_lines USING btree (product_id);

CREATE INDEX transfer_orders_to_location_id_idx ON cw_nnnnnn.transfer_orders USING btree (to_location_id, ship_date);

CREATE INDEX ui_edits_unexported_idx ON cw_nnnnnn.ui_edits USING btree (id) WHERE (object_key IS NULL);

CREATE INDEX raw_files_file_date_endpoint_idx ON cw_nnnnnn_staging.raw_files USING btree (file_date, endpoint);

CREATE TRIGGER client_settings_check BEFORE INSERT OR UPDATE OF setting_key, setting_value ON cw_nnnnnn.client_settings FOR EACH ROW EXECUTE FUNCTION cw_nnnnnn.client_settings_check();

COMMENT ON TRIGGER client_settings_check ON cw_nnnnnn.client_settings IS 'Validates each written setting against cw_global.setting_definitions (client_settings_check).';

CREATE TRIGGER client_settings_journal_ui_edits AFTER UPDATE ON cw_nnnnnn.client_settings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cw_nnnnnn.journal_ui_edits();

CREATE TRIGGER location_lanes_journal_ui_edits AFTER UPDATE ON cw_nnnnnn.location_lanes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cw_nnnnnn.journal_ui_edits();

CREATE TRIGGER locations_journal_ui_edits AFTER UPDATE ON cw_nnnnnn.locations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cw_nnnnnn.journal_ui_edits();

CREATE TRIGGER po_recommendations_stamp_status BEFORE UPDATE OF po_recommendation_status_id ON cw_nnnnnn.po_recommendations FOR EACH ROW WHEN ((old.po_recommendation_status_id IS DISTINCT FROM new.po_recommendation_status_id)) EXECUTE FUNCTION cw_nnnnnn.po_recommendations_stamp_status();

CREATE TRIGGER product_suppliers_journal_ui_edits AFTER UPDATE ON cw_nnnnnn.product_suppliers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cw_nnnnnn.journal_ui_edits();

CREATE TRIGGER products_journal_ui_edits AFTER UPDATE ON cw_nnnnnn.products REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cw_nnnnnn.journal_ui_edits();

CREATE TRIGGER suppliers_journal_ui_edits AFTER UPDATE ON cw_nnnnnn.suppliers REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION cw_nnnnnn.journal_ui_edits();

CREATE TRIGGER raw_files_delete_check AFTER DELETE ON cw_nnnnnn_staging.raw_files REFERENCING OLD TABLE AS old_files FOR EACH STATEMENT EXECUTE FUNCTION cw_nnnnnn_staging.raw_files_check_no_records();

CREATE TRIGGER raw_files_update_check AFTER UPDATE ON cw_nnnnnn_staging.raw_files REFERENCING OLD TABLE AS old_files FOR EACH STATEMENT EXECUTE FUNCTION cw_nnnnnn_staging.raw_files_check_no_records();

CREATE TRIGGER raw_records_file_check AFTER INSERT ON cw_nnnnnn_staging.raw_records REFERENCING NEW TABLE AS new_records FOR EACH STATEMENT EXECUTE FUNCTION cw_nnnnnn_staging.raw_records_check_file_ids();

ALTER TABLE ONLY cw_nnnnnn.category_behaviors
    ADD CONSTRAINT category_behaviors_currency_id_fkey FOREIGN KEY (currency_id) REFERENCES cw_global.currencies(id);

ALTER TABLE ONLY cw_nnnnnn.category_behaviors
    ADD CONSTRAINT category_behaviors_product_category_id_fkey FOREIGN KEY (product_category_id) REFERENCES cw_nnnnnn.product_categories(id);

ALTER TABLE ONLY cw_nnnnnn.customer_versions
    ADD CONSTRAINT customer_versions_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES cw_nnnnnn.customers(id);

ALTER TABLE ONLY cw_nnnnnn.data_quality_checks
    ADD CONSTRAINT data_quality_checks_category_id_fkey FOREIGN KEY (data_quality_check_category_id) REFERENCES cw_nnnnnn.data_quality_check_categories(id);

ALTER TABLE ONLY cw_nnnnnn.data_quality_checks
    ADD CONSTRAINT data_quality_checks_data_quality_run_id_fkey FOREIGN KEY (data_quality_run_id) REFERENCES cw_nnnnnn.data_quality_runs(id) ON DELETE CASCADE;

ALTER TABLE ONLY cw_nnnnnn.data_quality_checks
    ADD CONSTRAINT data_quality_checks_severity_id_fkey FOREIGN KEY (data_quality_check_severity_id) REFERENCES cw_nnnnnn.data_quality_check_severities(id);

ALTER TABLE ONLY cw_nnnnnn.data_quality_runs
    ADD CONSTRAINT data_quality_runs_data_quality_run_status_id_fkey FOREIGN KEY (data_quality_run_status_id) REFERENCES cw_nnnnnn.data_quality_run_statuses(id);

ALTER TABLE ONLY cw_nnnnnn.demand_forecast_pools
    ADD CONSTRAINT demand_forecast_pools_demand_forecast_id_fkey FOREIGN KEY (demand_forecast_id) REFERENCES cw_nnnnnn.demand_forecasts(id) ON DELETE CASCADE;

ALTER TABLE cw_nnnnnn.demand_forecast_products
    ADD CONSTRAINT demand_forecast_products_demand_forecast_id_fkey FOREIGN KEY (demand_forecast_id) REFERENCES cw_nnnnnn.demand_forecasts(id);

ALTER TABLE cw_nnnnnn.demand_forecast_products
    ADD CONSTRAINT demand_forecast_products_demand_source_type_id_fkey FOREIGN KEY (demand_source_type_id) REFERENCES cw_nnnnnn.demand_source_types(id);

ALTER TABLE cw_nnnnnn.demand_forecast_products
    ADD CONSTRAINT demand_forecast_products_location_id_fkey FOREIGN KEY (location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE cw_nnnnnn.demand_forecast_products
    ADD CONSTRAINT demand_forecast_products_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE cw_nnnnnn.demand_forecast_series
    ADD CONSTRAINT demand_forecast_series_demand_forecast_id_fkey FOREIGN KEY (demand_forecast_id) REFERENCES cw_nnnnnn.demand_forecasts(id);

ALTER TABLE ONLY cw_nnnnnn.demand_forecasts
    ADD CONSTRAINT demand_forecasts_demand_forecast_status_id_fkey FOREIGN KEY (demand_forecast_status_id) REFERENCES cw_nnnnnn.demand_forecast_statuses(id);

ALTER TABLE ONLY cw_nnnnnn.demand_history
    ADD CONSTRAINT demand_history_demand_source_type_id_fkey FOREIGN KEY (demand_source_type_id) REFERENCES cw_nnnnnn.demand_source_types(id);

ALTER TABLE ONLY cw_nnnnnn.demand_history
    ADD CONSTRAINT demand_history_location_id_fkey FOREIGN KEY (location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.demand_history
    ADD CONSTRAINT demand_history_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.inventory_balances
    ADD CONSTRAINT inventory_balances_location_id_fkey FOREIGN KEY (location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.inventory_balances
    ADD CONSTRAINT inventory_balances_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.inventory_strategy_overrides
    ADD CONSTRAINT inventory_strategy_overrides_inventory_strategy_id_fkey FOREIGN KEY (inventory_strategy_id) REFERENCES cw_nnnnnn.inventory_strategies(id);

ALTER TABLE ONLY cw_nnnnnn.inventory_strategy_overrides
    ADD CONSTRAINT inventory_strategy_overrides_location_id_fkey FOREIGN KEY (location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.inventory_strategy_overrides
    ADD CONSTRAINT inventory_strategy_overrides_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.inventory_target_params
    ADD CONSTRAINT inventory_target_params_inventory_target_id_fkey FOREIGN KEY (inventory_target_id) REFERENCES cw_nnnnnn.inventory_targets(id) ON DELETE CASCADE;

ALTER TABLE ONLY cw_nnnnnn.inventory_targets
    ADD CONSTRAINT inventory_targets_inventory_strategy_id_fkey FOREIGN KEY (inventory_strategy_id) REFERENCES cw_nnnnnn.inventory_strategies(id);

ALTER TABLE ONLY cw_nnnnnn.inventory_targets
    ADD CONSTRAINT inventory_targets_location_id_fkey FOREIGN KEY (location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.inventory_targets
    ADD CONSTRAINT inventory_targets_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.location_behaviors
    ADD CONSTRAINT location_behaviors_currency_id_fkey FOREIGN KEY (currency_id) REFERENCES cw_global.currencies(id);

ALTER TABLE ONLY cw_nnnnnn.location_behaviors
    ADD CONSTRAINT location_behaviors_location_id_fkey FOREIGN KEY (location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.location_lanes
    ADD CONSTRAINT location_lanes_from_location_id_fkey FOREIGN KEY (from_location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.location_lanes
    ADD CONSTRAINT location_lanes_to_location_id_fkey FOREIGN KEY (to_location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.location_versions
    ADD CONSTRAINT location_versions_location_id_fkey FOREIGN KEY (location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.locations
    ADD CONSTRAINT locations_city_id_fkey FOREIGN KEY (city_id) REFERENCES cw_global.cities(id);

ALTER TABLE ONLY cw_nnnnnn.locations
    ADD CONSTRAINT locations_country_id_fkey FOREIGN KEY (country_id) REFERENCES cw_global.countries(id);

ALTER TABLE ONLY cw_nnnnnn.locations
    ADD CONSTRAINT locations_currency_id_fkey FOREIGN KEY (currency_id) REFERENCES cw_global.currencies(id);

ALTER TABLE ONLY cw_nnnnnn.locations
    ADD CONSTRAINT locations_parent_location_id_fkey FOREIGN KEY (parent_location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.pipeline_runs
    ADD CONSTRAINT pipeline_runs_resumed_from_run_id_fkey FOREIGN KEY (resumed_from_run_id) REFERENCES cw_nnnnnn.pipeline_runs(id);

ALTER TABLE ONLY cw_nnnnnn.pipeline_step_runs
    ADD CONSTRAINT pipeline_step_runs_pipeline_run_id_fkey FOREIGN KEY (pipeline_run_id) REFERENCES cw_nnnnnn.pipeline_runs(id) ON DELETE CASCADE;

ALTER TABLE ONLY cw_nnnnnn.po_recommendations
    ADD CONSTRAINT po_recommendations_currency_id_fkey FOREIGN KEY (currency_id) REFERENCES cw_global.currencies(id);

ALTER TABLE ONLY cw_nnnnnn.po_recommendations
    ADD CONSTRAINT po_recommendations_location_id_fkey FOREIGN KEY (location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.po_recommendations
    ADD CONSTRAINT po_recommendations_priority_id_fkey FOREIGN KEY (po_recommendation_priority_id) REFERENCES cw_nnnnnn.po_recommendation_priorities(id);

ALTER TABLE ONLY cw_nnnnnn.po_recommendations
    ADD CONSTRAINT po_recommendations_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.po_recommendations
    ADD CONSTRAINT po_recommendations_status_id_fkey FOREIGN KEY (po_recommendation_status_id) REFERENCES cw_nnnnnn.po_recommendation_statuses(id);

ALTER TABLE ONLY cw_nnnnnn.po_recommendations
    ADD CONSTRAINT po_recommendations_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES cw_nnnnnn.suppliers(id);

ALTER TABLE ONLY cw_nnnnnn.price_lists
    ADD CONSTRAINT price_lists_country_id_fkey FOREIGN KEY (country_id) REFERENCES cw_global.countries(id);

ALTER TABLE ONLY cw_nnnnnn.price_lists
    ADD CONSTRAINT price_lists_currency_id_fkey FOREIGN KEY (currency_id) REFERENCES cw_global.currencies(id);

ALTER TABLE ONLY cw_nnnnnn.prices
    ADD CONSTRAINT prices_price_list_id_fkey FOREIGN KEY (price_list_id) REFERENCES cw_nnnnnn.price_lists(id);

ALTER TABLE ONLY cw_nnnnnn.prices
    ADD CONSTRAINT prices_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.product_behaviors
    ADD CONSTRAINT product_behaviors_abc_class_id_fkey FOREIGN KEY (abc_class_id) REFERENCES cw_nnnnnn.abc_classes(id);

ALTER TABLE ONLY cw_nnnnnn.product_behaviors
    ADD CONSTRAINT product_behaviors_fmr_class_id_fkey FOREIGN KEY (fmr_class_id) REFERENCES cw_nnnnnn.fmr_classes(id);

ALTER TABLE ONLY cw_nnnnnn.product_behaviors
    ADD CONSTRAINT product_behaviors_freq_class_id_fkey FOREIGN KEY (freq_class_id) REFERENCES cw_nnnnnn.freq_classes(id);

ALTER TABLE ONLY cw_nnnnnn.product_behaviors
    ADD CONSTRAINT product_behaviors_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.product_behaviors
    ADD CONSTRAINT product_behaviors_xyz_class_id_fkey FOREIGN KEY (xyz_class_id) REFERENCES cw_nnnnnn.xyz_classes(id);

ALTER TABLE ONLY cw_nnnnnn.product_categories
    ADD CONSTRAINT product_categories_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES cw_nnnnnn.product_categories(id);

ALTER TABLE ONLY cw_nnnnnn.product_location_behaviors
    ADD CONSTRAINT product_location_behaviors_abc_class_id_fkey FOREIGN KEY (abc_class_id) REFERENCES cw_nnnnnn.abc_classes(id);

ALTER TABLE ONLY cw_nnnnnn.product_location_behaviors
    ADD CONSTRAINT product_location_behaviors_fmr_class_id_fkey FOREIGN KEY (fmr_class_id) REFERENCES cw_nnnnnn.fmr_classes(id);

ALTER TABLE ONLY cw_nnnnnn.product_location_behaviors
    ADD CONSTRAINT product_location_behaviors_freq_class_id_fkey FOREIGN KEY (freq_class_id) REFERENCES cw_nnnnnn.freq_classes(id);

ALTER TABLE ONLY cw_nnnnnn.product_location_behaviors
    ADD CONSTRAINT product_location_behaviors_location_id_fkey FOREIGN KEY (location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.product_location_behaviors
    ADD CONSTRAINT product_location_behaviors_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.product_location_behaviors
    ADD CONSTRAINT product_location_behaviors_xyz_class_id_fkey FOREIGN KEY (xyz_class_id) REFERENCES cw_nnnnnn.xyz_classes(id);

ALTER TABLE ONLY cw_nnnnnn.product_suppliers
    ADD CONSTRAINT product_suppliers_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.product_suppliers
    ADD CONSTRAINT product_suppliers_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES cw_nnnnnn.suppliers(id);

ALTER TABLE ONLY cw_nnnnnn.product_versions
    ADD CONSTRAINT product_versions_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.products
    ADD CONSTRAINT products_brand_id_fkey FOREIGN KEY (brand_id) REFERENCES cw_nnnnnn.brands(id);

ALTER TABLE ONLY cw_nnnnnn.products
    ADD CONSTRAINT products_erp_currency_id_fkey FOREIGN KEY (erp_currency_id) REFERENCES cw_global.currencies(id);

ALTER TABLE ONLY cw_nnnnnn.products
    ADD CONSTRAINT products_primary_supplier_id_fkey FOREIGN KEY (primary_supplier_id) REFERENCES cw_nnnnnn.suppliers(id);

ALTER TABLE ONLY cw_nnnnnn.products
    ADD CONSTRAINT products_product_category_id_fkey FOREIGN KEY (product_category_id) REFERENCES cw_nnnnnn.product_categories(id);

ALTER TABLE ONLY cw_nnnnnn.purchase_order_lines
    ADD CONSTRAINT purchase_order_lines_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.purchase_order_lines
    ADD CONSTRAINT purchase_order_lines_purchase_order_id_fkey FOREIGN KEY (purchase_order_id) REFERENCES cw_nnnnnn.purchase_orders(id);

ALTER TABLE ONLY cw_nnnnnn.purchase_orders
    ADD CONSTRAINT purchase_orders_currency_id_fkey FOREIGN KEY (currency_id) REFERENCES cw_global.currencies(id);

ALTER TABLE ONLY cw_nnnnnn.purchase_orders
    ADD CONSTRAINT purchase_orders_location_id_fkey FOREIGN KEY (location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.purchase_orders
    ADD CONSTRAINT purchase_orders_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES cw_nnnnnn.suppliers(id);

ALTER TABLE ONLY cw_nnnnnn.receiving_order_lines
    ADD CONSTRAINT receiving_order_lines_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.receiving_order_lines
    ADD CONSTRAINT receiving_order_lines_receiving_order_id_fkey FOREIGN KEY (receiving_order_id) REFERENCES cw_nnnnnn.receiving_orders(id);

ALTER TABLE ONLY cw_nnnnnn.receiving_orders
    ADD CONSTRAINT receiving_orders_location_id_fkey FOREIGN KEY (location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.receiving_orders
    ADD CONSTRAINT receiving_orders_purchase_order_id_fkey FOREIGN KEY (purchase_order_id) REFERENCES cw_nnnnnn.purchase_orders(id);

ALTER TABLE ONLY cw_nnnnnn.receiving_orders
    ADD CONSTRAINT receiving_orders_transfer_order_id_fkey FOREIGN KEY (transfer_order_id) REFERENCES cw_nnnnnn.transfer_orders(id);

ALTER TABLE ONLY cw_nnnnnn.sales_order_lines
    ADD CONSTRAINT sales_order_lines_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.sales_order_lines
    ADD CONSTRAINT sales_order_lines_sales_order_id_fkey FOREIGN KEY (sales_order_id) REFERENCES cw_nnnnnn.sales_orders(id);

ALTER TABLE ONLY cw_nnnnnn.sales_orders
    ADD CONSTRAINT sales_orders_currency_id_fkey FOREIGN KEY (currency_id) REFERENCES cw_global.currencies(id);

ALTER TABLE ONLY cw_nnnnnn.sales_orders
    ADD CONSTRAINT sales_orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES cw_nnnnnn.customers(id);

ALTER TABLE ONLY cw_nnnnnn.sales_orders
    ADD CONSTRAINT sales_orders_location_id_fkey FOREIGN KEY (location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.sales_orders
    ADD CONSTRAINT sales_orders_payment_method_id_fkey FOREIGN KEY (payment_method_id) REFERENCES cw_nnnnnn.payment_methods(id);

ALTER TABLE ONLY cw_nnnnnn.store_order_lines
    ADD CONSTRAINT store_order_lines_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.store_order_lines
    ADD CONSTRAINT store_order_lines_store_order_id_fkey FOREIGN KEY (store_order_id) REFERENCES cw_nnnnnn.store_orders(id);

ALTER TABLE ONLY cw_nnnnnn.store_orders
    ADD CONSTRAINT store_orders_location_id_fkey FOREIGN KEY (location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.store_orders
    ADD CONSTRAINT store_orders_source_location_id_fkey FOREIGN KEY (source_location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.supplier_behaviors
    ADD CONSTRAINT supplier_behaviors_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES cw_nnnnnn.suppliers(id);

ALTER TABLE ONLY cw_nnnnnn.supplier_versions
    ADD CONSTRAINT supplier_versions_supplier_id_fkey FOREIGN KEY (supplier_id) REFERENCES cw_nnnnnn.suppliers(id);

ALTER TABLE ONLY cw_nnnnnn.suppliers
    ADD CONSTRAINT suppliers_country_id_fkey FOREIGN KEY (country_id) REFERENCES cw_global.countries(id);

ALTER TABLE ONLY cw_nnnnnn.suppliers
    ADD CONSTRAINT suppliers_currency_id_fkey FOREIGN KEY (currency_id) REFERENCES cw_global.currencies(id);

ALTER TABLE ONLY cw_nnnnnn.transfer_order_lines
    ADD CONSTRAINT transfer_order_lines_product_id_fkey FOREIGN KEY (product_id) REFERENCES cw_nnnnnn.products(id);

ALTER TABLE ONLY cw_nnnnnn.transfer_order_lines
    ADD CONSTRAINT transfer_order_lines_transfer_order_id_fkey FOREIGN KEY (transfer_order_id) REFERENCES cw_nnnnnn.transfer_orders(id);

ALTER TABLE ONLY cw_nnnnnn.transfer_orders
    ADD CONSTRAINT transfer_orders_from_location_id_fkey FOREIGN KEY (from_location_id) REFERENCES cw_nnnnnn.locations(id);

ALTER TABLE ONLY cw_nnnnnn.transfer_orders
    ADD CONSTRAINT transfer_orders_store_order_id_fkey FOREIGN KEY (store_order_id) REFERENCES cw_nnnnnn.store_orders(id);

ALTER TABLE ONLY cw_nnnnnn.transfer_orders
    ADD CONSTRAINT transfer_orders_to_location_id_fkey FOREIGN KEY (to_location_id) REFERENCES cw_nnnnnn.locations(id);

GRANT USAGE ON SCHEMA cw_nnnnnn TO cw_nnnnnn_ui;

GRANT USAGE ON SCHEMA cw_nnnnnn_stats TO cw_nnnnnn_ui;

REVOKE ALL ON FUNCTION cw_nnnnnn.apply_ui_edit(p_edit_uuid uuid, p_edited_at timestamp with time zone, p_edited_by text, p_table_name text, p_row_key jsonb, p_changes jsonb, p_after_run_date date, p_object_key text) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.behaviors_measure(IN p_run_date date, IN p_settings jsonb, IN p_products integer[]) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.behaviors_write(IN p_run_date date, IN p_window_days integer, IN p_products integer[], IN p_locations integer[], INOUT p_counts jsonb) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.behaviors_write_aggregates(IN p_run_date date, IN p_window_days integer, INOUT p_counts jsonb) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.client_settings_check() FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.client_today() FROM PUBLIC;

GRANT SELECT ON TABLE cw_nnnnnn.customer_versions TO cw_nnnnnn_ui;

REVOKE ALL ON FUNCTION cw_nnnnnn.customer_as_of(p_date date) FROM PUBLIC;
GRANT ALL ON FUNCTION cw_nnnnnn.customer_as_of(p_date date) TO cw_nnnnnn_ui;

REVOKE ALL ON PROCEDURE cw_nnnnnn.demand_history_compute(IN p_from date, IN p_to date, IN p_window_days integer, IN p_prior_days numeric, IN p_stop_probability numeric) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.demand_history_write(IN p_run_date date, IN p_dates date[], IN p_products integer[], IN p_locations integer[], INOUT p_written bigint, INOUT p_deleted bigint) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.ensure_raw_partition(IN p_file_date date) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.erp_default_currency() FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.erp_word(p_endpoint text, p_column text, p_value text) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.forecast_accumulate(p_product_ids integer[], p_location_ids integer[], p_from_dates date[], p_to_dates date[], p_prorate text) FROM PUBLIC;
GRANT ALL ON FUNCTION cw_nnnnnn.forecast_accumulate(p_product_ids integer[], p_location_ids integer[], p_from_dates date[], p_to_dates date[], p_prorate text) TO cw_nnnnnn_ui;

REVOKE ALL ON PROCEDURE cw_nnnnnn.forecast_compute(IN p_forecast_date date, IN p_settings jsonb, IN p_products integer[], IN p_locations integer[], IN p_pool_forecast_id bigint) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.forecast_demand_between(p_product_id integer, p_location_id integer, p_from date, p_to date, p_prorate text) FROM PUBLIC;
GRANT ALL ON FUNCTION cw_nnnnnn.forecast_demand_between(p_product_id integer, p_location_id integer, p_from date, p_to date, p_prorate text) TO cw_nnnnnn_ui;

REVOKE ALL ON FUNCTION cw_nnnnnn.forecast_demand_between_many(p_product_ids integer[], p_location_ids integer[], p_from date, p_to date, p_prorate text) FROM PUBLIC;
GRANT ALL ON FUNCTION cw_nnnnnn.forecast_demand_between_many(p_product_ids integer[], p_location_ids integer[], p_from date, p_to date, p_prorate text) TO cw_nnnnnn_ui;

REVOKE ALL ON PROCEDURE cw_nnnnnn.forecast_drop_expired(IN p_run_date date, IN p_keep_daily_days integer, IN p_keep_weekly_weeks integer, INOUT p_dropped date[]) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.forecast_ensure_partition(IN p_forecast_date date) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.forecast_method() FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.forecast_reorder_time_demand(p_product_id integer, p_location_id integer, p_prorate text) FROM PUBLIC;
GRANT ALL ON FUNCTION cw_nnnnnn.forecast_reorder_time_demand(p_product_id integer, p_location_id integer, p_prorate text) TO cw_nnnnnn_ui;

REVOKE ALL ON FUNCTION cw_nnnnnn.forecast_reorder_time_demand_many(p_product_ids integer[], p_location_ids integer[], p_prorate text) FROM PUBLIC;
GRANT ALL ON FUNCTION cw_nnnnnn.forecast_reorder_time_demand_many(p_product_ids integer[], p_location_ids integer[], p_prorate text) TO cw_nnnnnn_ui;

REVOKE ALL ON PROCEDURE cw_nnnnnn.forecast_write_series(IN p_forecast_date date, IN p_forecast_id bigint) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.fx_factor(p_currency_id smallint, p_on date) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.inventory_as_of(p_date date) FROM PUBLIC;
GRANT ALL ON FUNCTION cw_nnnnnn.inventory_as_of(p_date date) TO cw_nnnnnn_ui;

REVOKE ALL ON PROCEDURE cw_nnnnnn.inventory_targets_compute(IN p_run_date date, IN p_product_ids integer[], IN p_location_ids integer[]) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.journal_ui_edits() FROM PUBLIC;
GRANT ALL ON FUNCTION cw_nnnnnn.journal_ui_edits() TO cw_nnnnnn_ui;

REVOKE ALL ON PROCEDURE cw_nnnnnn.load_apply(IN p_entity text, IN p_run_date date) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.load_batch_records(IN p_entity text, IN p_staging text, IN p_key text, IN p_target text, IN p_line_entity text) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.load_drop_temp(IN p_table text) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.load_has_unwritten_rows(p_entity text) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.load_inventory(IN p_run_date date) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.load_locations(IN p_run_date date) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.load_prices(IN p_run_date date) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.load_products(IN p_run_date date) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.load_raw_hash_seed() FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.load_record_stats(IN p_entity text, IN p_run_date date, IN p_started timestamp with time zone, IN p_deactivated bigint) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.load_reject_reason(p_code text, p_entity text, p_key text) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.load_reject_rows(IN p_entity text, IN p_run_date date) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.load_sales_orders(IN p_run_date date) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.load_seed() FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.load_suppliers(IN p_run_date date) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.load_supply_orders(IN p_run_date date) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.load_unhash_rejected_documents(IN p_documents text, IN p_lines text) FROM PUBLIC;

GRANT SELECT ON TABLE cw_nnnnnn.location_versions TO cw_nnnnnn_ui;

REVOKE ALL ON FUNCTION cw_nnnnnn.location_as_of(p_date date) FROM PUBLIC;
GRANT ALL ON FUNCTION cw_nnnnnn.location_as_of(p_date date) TO cw_nnnnnn_ui;

REVOKE ALL ON PROCEDURE cw_nnnnnn.map_file_to_staging(IN p_file_id bigint, INOUT p_rows bigint) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.map_to_staging(IN p_run_date date, INOUT p_rows bigint) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.po_recommendations_compute(IN p_run_date date, IN p_product_ids integer[], IN p_location_ids integer[]) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.po_recommendations_stamp_status() FROM PUBLIC;

GRANT SELECT ON TABLE cw_nnnnnn.product_versions TO cw_nnnnnn_ui;

REVOKE ALL ON FUNCTION cw_nnnnnn.product_as_of(p_date date) FROM PUBLIC;
GRANT ALL ON FUNCTION cw_nnnnnn.product_as_of(p_date date) TO cw_nnnnnn_ui;

REVOKE ALL ON FUNCTION cw_nnnnnn.quality_report(p_run_date date, p_trend_days integer) FROM PUBLIC;
GRANT ALL ON FUNCTION cw_nnnnnn.quality_report(p_run_date date, p_trend_days integer) TO cw_nnnnnn_ui;

REVOKE ALL ON PROCEDURE cw_nnnnnn.record_versions(IN p_run_date date, IN p_entity text, IN p_versions text, IN p_key text, IN p_columns text[]) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.report_step(IN p_rows_in bigint, IN p_rows_out bigint, IN p_detail jsonb) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.request_stop(IN p_reason text) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.run_pipeline(IN p_run_date date, IN p_from_step text, IN p_to_step text, IN p_scope jsonb) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.setting(p_setting_key text) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.settings(p_section text) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.stage_raw_file(IN p_file_id bigint, IN p_version text, INOUT p_rows bigint) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.staging_mapping_statement(p_endpoint text, p_fast boolean) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.staging_mapping_version() FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.step_behaviors(IN p_run_date date, IN p_scope jsonb) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.step_demand_history(IN p_run_date date, IN p_scope jsonb) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.step_forecast(IN p_run_date date, IN p_scope jsonb) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.step_health(IN p_run_date date, IN p_scope jsonb) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.step_ingest(IN p_run_date date, IN p_scope jsonb) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.step_inventory_targets(IN p_run_date date, IN p_scope jsonb) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.step_load(IN p_run_date date, IN p_scope jsonb) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.step_po_recommendations(IN p_run_date date, IN p_scope jsonb) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.step_quality_gate(IN p_run_date date, IN p_scope jsonb) FROM PUBLIC;

GRANT SELECT ON TABLE cw_nnnnnn.supplier_versions TO cw_nnnnnn_ui;

REVOKE ALL ON FUNCTION cw_nnnnnn.supplier_as_of(p_date date) FROM PUBLIC;
GRANT ALL ON FUNCTION cw_nnnnnn.supplier_as_of(p_date date) TO cw_nnnnnn_ui;

REVOKE ALL ON PROCEDURE cw_nnnnnn.supplier_behaviors_write(IN p_run_date date, IN p_window_days integer, INOUT p_counts jsonb) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.truncate_staging() FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn.validate_scope(p_scope jsonb) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.write_inventory_balances(IN p_run_date date, IN p_src_row bigint) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.write_locations(IN p_run_date date, IN p_src_row bigint) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.write_price_lists(IN p_run_date date, IN p_src_row bigint) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.write_prices(IN p_run_date date, IN p_src_row bigint) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.write_products(IN p_run_date date, IN p_src_row bigint) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.write_purchase_orders(IN p_run_date date, IN p_src_row bigint) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.write_receiving_orders(IN p_run_date date, IN p_src_row bigint) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.write_sales_orders(IN p_run_date date, IN p_src_row bigint) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.write_store_orders(IN p_run_date date, IN p_src_row bigint) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.write_suppliers(IN p_run_date date, IN p_src_row bigint) FROM PUBLIC;

REVOKE ALL ON PROCEDURE cw_nnnnnn.write_transfer_orders(IN p_run_date date, IN p_src_row bigint) FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn_staging.raw_files_check_no_records() FROM PUBLIC;

REVOKE ALL ON FUNCTION cw_nnnnnn_staging.raw_records_check_file_ids() FROM PUBLIC;

GRANT SELECT ON TABLE cw_nnnnnn.abc_classes TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.demand_forecast_statuses TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.demand_forecasts TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.active_demand_forecast TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.demand_forecast_products TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.demand_source_types TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.active_demand_forecast_products TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.brands TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.category_behaviors TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.client_settings TO cw_nnnnnn_ui;

GRANT UPDATE(setting_value) ON TABLE cw_nnnnnn.client_settings TO cw_nnnnnn_ui;

GRANT UPDATE(updated_at) ON TABLE cw_nnnnnn.client_settings TO cw_nnnnnn_ui;

GRANT UPDATE(updated_by) ON TABLE cw_nnnnnn.client_settings TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.customers TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.data_health_reports TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.data_quality_check_categories TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.data_quality_check_reports TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.data_quality_check_severities TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.data_quality_checks TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.data_quality_run_statuses TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.data_quality_runs TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.demand_forecast_pools TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.demand_forecast_series TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.demand_history TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.demand_history_runs TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.field_ownership TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.fmr_classes TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.freq_classes TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.inventory_balances TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.inventory_snapshots TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.inventory_strategies TO cw_nnnnnn_ui;

GRANT SELECT,INSERT,DELETE,UPDATE ON TABLE cw_nnnnnn.inventory_strategy_overrides TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.inventory_target_params TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.inventory_targets TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.pipeline_runs TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.pipeline_step_runs TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.load_entity_stats TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.load_rejects TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.location_behaviors TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.location_lanes TO cw_nnnnnn_ui;

GRANT UPDATE(is_enabled) ON TABLE cw_nnnnnn.location_lanes TO cw_nnnnnn_ui;

GRANT UPDATE(transit_days_override) ON TABLE cw_nnnnnn.location_lanes TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.locations TO cw_nnnnnn_ui;

GRANT UPDATE(is_enabled) ON TABLE cw_nnnnnn.locations TO cw_nnnnnn_ui;

GRANT UPDATE(planner_note) ON TABLE cw_nnnnnn.locations TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.payment_methods TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.po_recommendation_priorities TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.po_recommendation_statuses TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.po_recommendations TO cw_nnnnnn_ui;

GRANT UPDATE(po_recommendation_status_id) ON TABLE cw_nnnnnn.po_recommendations TO cw_nnnnnn_ui;

GRANT UPDATE(status_updated_at) ON TABLE cw_nnnnnn.po_recommendations TO cw_nnnnnn_ui;

GRANT UPDATE(status_updated_by) ON TABLE cw_nnnnnn.po_recommendations TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.suppliers TO cw_nnnnnn_ui;

GRANT UPDATE(is_enabled) ON TABLE cw_nnnnnn.suppliers TO cw_nnnnnn_ui;

GRANT UPDATE(lead_time_days_override) ON TABLE cw_nnnnnn.suppliers TO cw_nnnnnn_ui;

GRANT UPDATE(moq_qty_override) ON TABLE cw_nnnnnn.suppliers TO cw_nnnnnn_ui;

GRANT UPDATE(review_cycle_days) ON TABLE cw_nnnnnn.suppliers TO cw_nnnnnn_ui;

GRANT UPDATE(min_order_value) ON TABLE cw_nnnnnn.suppliers TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.po_recommendation_supplier_summary TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.price_lists TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.prices TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.product_behaviors TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.product_categories TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.product_location_behaviors TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.product_suppliers TO cw_nnnnnn_ui;

GRANT UPDATE(moq_qty_override) ON TABLE cw_nnnnnn.product_suppliers TO cw_nnnnnn_ui;

GRANT UPDATE(lead_time_days_override) ON TABLE cw_nnnnnn.product_suppliers TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.products TO cw_nnnnnn_ui;

GRANT UPDATE(discontinued_override) ON TABLE cw_nnnnnn.products TO cw_nnnnnn_ui;

GRANT UPDATE(assortment_override) ON TABLE cw_nnnnnn.products TO cw_nnnnnn_ui;

GRANT UPDATE(planner_note) ON TABLE cw_nnnnnn.products TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.purchase_order_lines TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.purchase_orders TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.receiving_order_lines TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.receiving_orders TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.sales_order_lines TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.sales_orders TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.setting_values TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.store_order_lines TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.store_orders TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.supplier_behaviors TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.xyz_classes TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.transfer_order_lines TO cw_nnnnnn_ui;

GRANT SELECT ON TABLE cw_nnnnnn.transfer_orders TO cw_nnnnnn_ui;

GRANT SELECT,INSERT ON TABLE cw_nnnnnn.ui_edits TO cw_nnnnnn_ui;


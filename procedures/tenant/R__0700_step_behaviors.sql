-- Step 6: behaviors (first subset). Per snapshot date (the run date) and a trailing window of demand_history:
-- product x location and product summaries, velocity, variability, trend, demand pattern and ABC/XYZ/FMR/frequency
-- classes (seed 004). Set-based; unchanged rows are not rewritten. Definitions and settings: docs/behaviors.md.
create or replace procedure ${schema}.step_behaviors(p_run_date date, p_scope jsonb)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_window_days  integer := ${schema}.client_setting('{behaviors,window_days}', '90')::integer;
    v_abc_a_pct    numeric := ${schema}.client_setting('{behaviors,abc_a_pct}', '80')::numeric;
    v_abc_b_pct    numeric := ${schema}.client_setting('{behaviors,abc_b_pct}', '95')::numeric;
    v_xyz_x_cv     numeric := ${schema}.client_setting('{behaviors,xyz_x_max_cv}', '0.5')::numeric;
    v_xyz_y_cv     numeric := ${schema}.client_setting('{behaviors,xyz_y_max_cv}', '1.0')::numeric;
    v_fmr_f_pct    numeric := ${schema}.client_setting('{behaviors,fmr_f_min_pct}', '50')::numeric;
    v_fmr_m_pct    numeric := ${schema}.client_setting('{behaviors,fmr_m_min_pct}', '20')::numeric;
    v_freq_f_qty   numeric := ${schema}.client_setting('{behaviors,freq_frequent_min_qty}', '1')::numeric;
    v_freq_n_qty   numeric := ${schema}.client_setting('{behaviors,freq_normal_min_qty}', '0.142857')::numeric;
    v_adi_cut      numeric := ${schema}.client_setting('{behaviors,adi_cutoff_days}', '1.32')::numeric;
    v_cv2_cut      numeric := ${schema}.client_setting('{behaviors,cv2_cutoff}', '0.49')::numeric;
    v_scope        jsonb := ${schema}.validate_scope(p_scope);
    v_products     integer [];
    v_locations    integer [];
    v_from         date;
    v_rows_in      bigint;
    v_pairs_out    bigint;
    v_products_out bigint;
    v_deleted      bigint;
    v_deleted_more bigint;
    v_detail       jsonb;
begin
    if v_window_days is null or v_window_days < 1
        or not (0 < v_abc_a_pct and v_abc_a_pct < v_abc_b_pct and v_abc_b_pct <= 100)
        or not (0 < v_xyz_x_cv and v_xyz_x_cv < v_xyz_y_cv)
        or not (0 < v_fmr_m_pct and v_fmr_m_pct < v_fmr_f_pct and v_fmr_f_pct <= 100)
        or not (0 < v_freq_n_qty and v_freq_n_qty < v_freq_f_qty)
        or not (v_adi_cut > 1 and v_cv2_cut > 0) then
        raise exception 'invalid behaviors settings of client ${client_code}: window_days %, abc_a_pct %, abc_b_pct %, '
            'xyz_x_max_cv %, xyz_y_max_cv %, fmr_f_min_pct %, fmr_m_min_pct %, freq_frequent_min_qty %, '
            'freq_normal_min_qty %, adi_cutoff_days %, cv2_cutoff %', v_window_days, v_abc_a_pct, v_abc_b_pct,
            v_xyz_x_cv, v_xyz_y_cv, v_fmr_f_pct, v_fmr_m_pct, v_freq_f_qty, v_freq_n_qty, v_adi_cut, v_cv2_cut
            using errcode = 'CW070',
                  hint = 'window_days >= 1; 0 < abc_a_pct < abc_b_pct <= 100; 0 < xyz_x_max_cv < xyz_y_max_cv; '
                         '0 < fmr_m_min_pct < fmr_f_min_pct <= 100; 0 < freq_normal_min_qty < freq_frequent_min_qty; '
                         'adi_cutoff_days > 1; cv2_cutoff > 0 (cw_global.clients.settings -> behaviors; '
                         'docs/behaviors.md)';
    end if;
    if v_scope ? 'products' then
        select coalesce(array_agg(products.id), '{}') into v_products
        from ${schema}.products
        where products.erp_id in (select jsonb_array_elements_text(v_scope -> 'products'));
    end if;
    if v_scope ? 'locations' then
        select coalesce(array_agg(locations.id), '{}') into v_locations
        from ${schema}.locations
        where locations.erp_id in (select jsonb_array_elements_text(v_scope -> 'locations'));
    end if;
    v_from := p_run_date - (v_window_days - 1);

    -- Every pair and product of the window is measured and classified (ABC needs the whole location or client);
    -- the scope only limits which rows are written. level 'pair' = product x location, 'product' = all locations.
    call ${schema}.load_drop_temp('behavior_stats');
    create temp table behavior_stats on commit drop as
    with window_rows as (
        select history.product_id, history.location_id, history.demand_date, history.demand_qty, history.revenue,
               coalesce(history.stockout_qty, 0) as stockout_qty, history.is_oos_imputed
        from ${schema}.demand_history as history
        where history.demand_date between v_from and p_run_date
    ),

    series as (
        select 'pair' as level, window_rows.product_id, window_rows.location_id, window_rows.demand_date,
               window_rows.demand_qty, window_rows.revenue, window_rows.stockout_qty, window_rows.is_oos_imputed
        from window_rows
        union all
        select 'product', window_rows.product_id, null, window_rows.demand_date, sum(window_rows.demand_qty),
               sum(window_rows.revenue), sum(window_rows.stockout_qty), bool_or(window_rows.is_oos_imputed)
        from window_rows
        group by window_rows.product_id, window_rows.demand_date
    ),

    product_locations as (
        select window_rows.product_id, count(distinct window_rows.location_id) as location_count
        from window_rows
        group by window_rows.product_id
    ),

    stats as (
        select series.level, series.product_id, series.location_id,
               count(*) as listed_days,
               count(*) filter (where series.demand_qty > 0) as demand_days,
               sum(series.demand_qty) as demand_qty,
               sum(series.revenue) as demand_revenue,
               sum(series.stockout_qty) as stockout_qty,
               bool_or(series.is_oos_imputed) as is_oos_imputed,
               avg(series.demand_qty) as velocity,
               stddev_pop(series.demand_qty) / nullif(avg(series.demand_qty), 0) as demand_cv,
               count(*)::numeric / nullif(count(*) filter (where series.demand_qty > 0), 0) as adi_days,
               power(stddev_pop(series.demand_qty) filter (where series.demand_qty > 0)
                     / nullif(avg(series.demand_qty) filter (where series.demand_qty > 0), 0), 2) as demand_size_cv2,
               regr_slope(series.demand_qty::double precision, (series.demand_date - v_from)::double precision)
               as trend
        from series
        group by series.level, series.product_id, series.location_id
    ),

    ranked as (
        select stats.*,
               sum(stats.demand_revenue) over (partition by stats.level, stats.location_id) as group_revenue,
               coalesce(sum(stats.demand_revenue) over (
                   partition by stats.level, stats.location_id
                   order by stats.demand_revenue desc, stats.product_id
                   rows between unbounded preceding and 1 preceding
               ), 0) as revenue_before
        from stats
    ),

    classified as (
        select ranked.*,
               case
                   when ranked.demand_revenue <= 0 or ranked.group_revenue <= 0 then 'C'
                   when ranked.revenue_before < v_abc_a_pct / 100 * ranked.group_revenue then 'A'
                   when ranked.revenue_before < v_abc_b_pct / 100 * ranked.group_revenue then 'B'
                   else 'C'
               end as abc_code,
               case
                   when ranked.demand_cv is null then 'Z'
                   when ranked.demand_cv <= v_xyz_x_cv then 'X'
                   when ranked.demand_cv <= v_xyz_y_cv then 'Y'
                   else 'Z'
               end as xyz_code,
               case
                   when ranked.demand_days * 100 >= v_fmr_f_pct * ranked.listed_days then 'F'
                   when ranked.demand_days * 100 >= v_fmr_m_pct * ranked.listed_days then 'M'
                   else 'R'
               end as fmr_code,
               case
                   when ranked.velocity >= v_freq_f_qty then 'Frequent'
                   when ranked.velocity >= v_freq_n_qty then 'Normal'
                   else 'Rare'
               end as freq_code,
               case
                   when ranked.demand_days = 0 then null
                   when ranked.adi_days < v_adi_cut and ranked.demand_size_cv2 < v_cv2_cut then 'smooth'
                   when ranked.adi_days < v_adi_cut then 'erratic'
                   when ranked.demand_size_cv2 < v_cv2_cut then 'intermittent'
                   else 'lumpy'
               end as demand_pattern
        from ranked
    )

    select classified.level, classified.product_id, classified.location_id,
           case when classified.level = 'pair' then 1 else product_locations.location_count end as location_count,
           classified.listed_days, classified.demand_days, classified.demand_qty, classified.demand_revenue,
           classified.stockout_qty, classified.is_oos_imputed,
           round(classified.velocity, 4) as velocity, round(classified.demand_cv, 4) as demand_cv,
           round(classified.adi_days, 4) as adi_days, round(classified.demand_size_cv2, 4) as demand_size_cv2,
           classified.demand_pattern, round(classified.trend::numeric, 6) as trend,
           round(100 * classified.demand_revenue / nullif(classified.group_revenue, 0), 3) as revenue_share_pct,
           abc_classes.id as abc_class_id, xyz_classes.id as xyz_class_id, fmr_classes.id as fmr_class_id,
           freq_classes.id as freq_class_id
    from classified
    inner join ${schema}.abc_classes on abc_classes.code = classified.abc_code
    inner join ${schema}.xyz_classes on xyz_classes.code = classified.xyz_code
    inner join ${schema}.fmr_classes on fmr_classes.code = classified.fmr_code
    inner join ${schema}.freq_classes on freq_classes.code = classified.freq_code
    inner join product_locations on product_locations.product_id = classified.product_id;
    select count(*) into v_rows_in
    from ${schema}.demand_history as history
    where history.demand_date between v_from and p_run_date;

    -- Pairs: upsert the scoped rows that changed, then drop the scoped rows of the date that no longer have demand.
    insert into ${schema}.product_location_behaviors as behaviors (
        product_id, location_id, snapshot_date, window_days, listed_days, demand_days, demand_qty, demand_revenue,
        stockout_qty, is_oos_imputed, velocity, demand_cv, adi_days, demand_size_cv2, demand_pattern, trend,
        revenue_share_pct, abc_class_id, xyz_class_id, fmr_class_id, freq_class_id
    )
    select stats.product_id, stats.location_id, p_run_date, v_window_days, stats.listed_days, stats.demand_days,
           stats.demand_qty, stats.demand_revenue, stats.stockout_qty, stats.is_oos_imputed, stats.velocity,
           stats.demand_cv, stats.adi_days, stats.demand_size_cv2, stats.demand_pattern, stats.trend,
           stats.revenue_share_pct, stats.abc_class_id, stats.xyz_class_id, stats.fmr_class_id, stats.freq_class_id
    from behavior_stats as stats
    where stats.level = 'pair'
        and (v_products is null or stats.product_id = any(v_products))
        and (v_locations is null or stats.location_id = any(v_locations))
    on conflict on constraint product_location_behaviors_product_location_snapshot_key do update
    set window_days = excluded.window_days, listed_days = excluded.listed_days, demand_days = excluded.demand_days,
        demand_qty = excluded.demand_qty, demand_revenue = excluded.demand_revenue,
        stockout_qty = excluded.stockout_qty, is_oos_imputed = excluded.is_oos_imputed,
        velocity = excluded.velocity, demand_cv = excluded.demand_cv, adi_days = excluded.adi_days,
        demand_size_cv2 = excluded.demand_size_cv2, demand_pattern = excluded.demand_pattern,
        trend = excluded.trend, revenue_share_pct = excluded.revenue_share_pct,
        abc_class_id = excluded.abc_class_id, xyz_class_id = excluded.xyz_class_id,
        fmr_class_id = excluded.fmr_class_id, freq_class_id = excluded.freq_class_id, updated_at = now()
    where (behaviors.window_days, behaviors.listed_days, behaviors.demand_days, behaviors.demand_qty,
           behaviors.demand_revenue, behaviors.stockout_qty, behaviors.is_oos_imputed, behaviors.velocity,
           behaviors.demand_cv, behaviors.adi_days, behaviors.demand_size_cv2, behaviors.demand_pattern,
           behaviors.trend, behaviors.revenue_share_pct, behaviors.abc_class_id, behaviors.xyz_class_id,
           behaviors.fmr_class_id, behaviors.freq_class_id)
        is distinct from
        (excluded.window_days, excluded.listed_days, excluded.demand_days, excluded.demand_qty,
         excluded.demand_revenue, excluded.stockout_qty, excluded.is_oos_imputed, excluded.velocity,
         excluded.demand_cv, excluded.adi_days, excluded.demand_size_cv2, excluded.demand_pattern,
         excluded.trend, excluded.revenue_share_pct, excluded.abc_class_id, excluded.xyz_class_id,
         excluded.fmr_class_id, excluded.freq_class_id);
    get diagnostics v_pairs_out = row_count;

    delete from ${schema}.product_location_behaviors as behaviors
    where behaviors.snapshot_date = p_run_date
        and (v_products is null or behaviors.product_id = any(v_products))
        and (v_locations is null or behaviors.location_id = any(v_locations))
        and not exists (
            select from behavior_stats as stats
            where stats.level = 'pair' and stats.product_id = behaviors.product_id
                and stats.location_id = behaviors.location_id
        );
    get diagnostics v_deleted = row_count;

    -- Products: the scoped products (every product when the scope names none).
    insert into ${schema}.product_behaviors as behaviors (
        product_id, snapshot_date, window_days, listed_days, location_count, demand_days, demand_qty, demand_revenue,
        stockout_qty, is_oos_imputed, velocity, demand_cv, adi_days, demand_size_cv2, demand_pattern, trend,
        revenue_share_pct, abc_class_id, xyz_class_id, fmr_class_id, freq_class_id
    )
    select stats.product_id, p_run_date, v_window_days, stats.listed_days, stats.location_count, stats.demand_days,
           stats.demand_qty, stats.demand_revenue, stats.stockout_qty, stats.is_oos_imputed, stats.velocity,
           stats.demand_cv, stats.adi_days, stats.demand_size_cv2, stats.demand_pattern, stats.trend,
           stats.revenue_share_pct, stats.abc_class_id, stats.xyz_class_id, stats.fmr_class_id, stats.freq_class_id
    from behavior_stats as stats
    where stats.level = 'product' and (v_products is null or stats.product_id = any(v_products))
    on conflict on constraint product_behaviors_product_id_snapshot_date_key do update
    set window_days = excluded.window_days, listed_days = excluded.listed_days,
        location_count = excluded.location_count, demand_days = excluded.demand_days,
        demand_qty = excluded.demand_qty, demand_revenue = excluded.demand_revenue,
        stockout_qty = excluded.stockout_qty, is_oos_imputed = excluded.is_oos_imputed,
        velocity = excluded.velocity, demand_cv = excluded.demand_cv, adi_days = excluded.adi_days,
        demand_size_cv2 = excluded.demand_size_cv2, demand_pattern = excluded.demand_pattern,
        trend = excluded.trend, revenue_share_pct = excluded.revenue_share_pct,
        abc_class_id = excluded.abc_class_id, xyz_class_id = excluded.xyz_class_id,
        fmr_class_id = excluded.fmr_class_id, freq_class_id = excluded.freq_class_id, updated_at = now()
    where (behaviors.window_days, behaviors.listed_days, behaviors.location_count, behaviors.demand_days,
           behaviors.demand_qty, behaviors.demand_revenue, behaviors.stockout_qty, behaviors.is_oos_imputed,
           behaviors.velocity, behaviors.demand_cv, behaviors.adi_days, behaviors.demand_size_cv2,
           behaviors.demand_pattern, behaviors.trend, behaviors.revenue_share_pct, behaviors.abc_class_id,
           behaviors.xyz_class_id, behaviors.fmr_class_id, behaviors.freq_class_id)
        is distinct from
        (excluded.window_days, excluded.listed_days, excluded.location_count, excluded.demand_days,
         excluded.demand_qty, excluded.demand_revenue, excluded.stockout_qty, excluded.is_oos_imputed,
         excluded.velocity, excluded.demand_cv, excluded.adi_days, excluded.demand_size_cv2,
         excluded.demand_pattern, excluded.trend, excluded.revenue_share_pct, excluded.abc_class_id,
         excluded.xyz_class_id, excluded.fmr_class_id, excluded.freq_class_id);
    get diagnostics v_products_out = row_count;

    delete from ${schema}.product_behaviors as behaviors
    where behaviors.snapshot_date = p_run_date
        and (v_products is null or behaviors.product_id = any(v_products))
        and not exists (
            select from behavior_stats as stats
            where stats.level = 'product' and stats.product_id = behaviors.product_id
        );
    get diagnostics v_deleted_more = row_count;

    select jsonb_build_object(
        'window_from', v_from,
        'window_days', v_window_days,
        'pairs_written', v_pairs_out,
        'products_written', v_products_out,
        'rows_deleted', v_deleted + v_deleted_more,
        'pairs_by_abc', (select jsonb_object_agg(abc_classes.code, counted.pairs)
                         from (select stats.abc_class_id, count(*) as pairs from behavior_stats as stats
                               where stats.level = 'pair' group by stats.abc_class_id) as counted
                         inner join ${schema}.abc_classes on abc_classes.id = counted.abc_class_id),
        'scope_products_unknown', jsonb_array_length(coalesce(v_scope -> 'products', '[]'))
        - coalesce(cardinality(v_products), 0),
        'scope_locations_unknown', jsonb_array_length(coalesce(v_scope -> 'locations', '[]'))
        - coalesce(cardinality(v_locations), 0)
    ) into v_detail;
    call ${schema}.report_step(v_rows_in, v_pairs_out + v_products_out, v_detail);
end
$$;
comment on procedure ${schema}.step_behaviors(date, jsonb) is
'Step 6 (behaviors), first subset: the snapshot of the run date in product_location_behaviors and product_behaviors '
'over a trailing window of demand_history (velocity, demand CV, ADI/CV² demand pattern, trend, ABC by revenue share, '
'XYZ by CV, FMR by share of days with demand, frequency by velocity). Re-running a date rewrites only rows that '
'changed and removes rows without demand; with a scope {"products": [...], "locations": [...]} (ERP ids) only the '
'scoped pairs (and the scoped products) are written, classified against all. Settings {behaviors,...}: window_days '
'(90), abc_a_pct (80), abc_b_pct (95), xyz_x_max_cv (0.5), xyz_y_max_cv (1.0), fmr_f_min_pct (50), fmr_m_min_pct '
'(20), freq_frequent_min_qty (1), freq_normal_min_qty (0.142857), adi_cutoff_days (1.32), cv2_cutoff (0.49); CW070 '
'when invalid. See docs/behaviors.md.';

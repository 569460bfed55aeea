-- Step 6 (behaviors): writes the measured snapshot (temporary behavior_stats, behavior_inventory,
-- behavior_seasonality from behaviors_measure) into product_location_behaviors and product_behaviors. Only rows
-- whose values changed are written; rows of the date that no longer have demand_history in the window are removed.
create or replace procedure ${schema}.behaviors_write(
    p_run_date date, p_window_days integer, p_products integer [], p_locations integer [], inout p_counts jsonb
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_pairs    bigint;
    v_products bigint;
    v_deleted  bigint;
    v_more     bigint;
begin
    insert into ${schema}.product_location_behaviors as behaviors (
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
    where stats.level = 'pair' and stats.is_merchandise
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

    delete from ${schema}.product_location_behaviors as behaviors
    where behaviors.snapshot_date = p_run_date
        and (p_products is null or behaviors.product_id = any(p_products))
        and (p_locations is null or behaviors.location_id = any(p_locations))
        and not exists (
            select from behavior_stats as stats
            where stats.level = 'pair' and stats.is_merchandise and stats.product_id = behaviors.product_id
                and stats.location_id = behaviors.location_id
        );
    get diagnostics v_deleted = row_count;

    -- Products: stock over the stores and webshop (the locations demand is measured at), shelf time, seasonality.
    insert into ${schema}.product_behaviors as behaviors (
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
        inner join ${schema}.locations on locations.id = inventory.location_id
        where locations.location_type in ('store', 'online')
        group by inventory.product_id
    ) as stock on stock.product_id = stats.product_id
    where stats.level = 'product' and stats.is_merchandise
        and (p_products is null or stats.product_id = any(p_products))
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

    delete from ${schema}.product_behaviors as behaviors
    where behaviors.snapshot_date = p_run_date
        and (p_products is null or behaviors.product_id = any(p_products))
        and not exists (
            select from behavior_stats as stats
            where stats.level = 'product' and stats.is_merchandise and stats.product_id = behaviors.product_id
        );
    get diagnostics v_more = row_count;

    p_counts := coalesce(p_counts, '{}') || jsonb_build_object(
        'pairs_written', v_pairs, 'products_written', v_products, 'rows_deleted', v_deleted + v_more
    );
end
$$;
comment on procedure ${schema}.behaviors_write(date, integer, integer [], integer [], jsonb) is
'Step 6 (behaviors): upserts the measured snapshot (behaviors_measure''s temporary tables) into '
'product_location_behaviors (the pairs within p_products x p_locations, null = all) and product_behaviors (the '
'products within p_products), rewriting only changed rows and removing rows of the date without demand in the '
'window. Adds pairs_written, products_written and rows_deleted to p_counts.';

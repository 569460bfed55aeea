-- Step 6 (behaviors): location_behaviors and category_behaviors of a snapshot, aggregated from the measured pairs and
-- products (behaviors_measure's temporary tables) of an unscoped run. Definitions: docs/behaviors.md.
create or replace procedure ${schema}.behaviors_write_aggregates(
    p_run_date date, p_window_days integer, inout p_counts jsonb
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_currency_id smallint;
    v_locations   bigint;
    v_categories  bigint;
    v_deleted     bigint;
    v_more        bigint;
begin
    select clients.currency_id into v_currency_id from cw_global.clients where clients.schema_name = '${schema}';

    call ${schema}.load_drop_temp('behavior_locations');
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
        inner join ${schema}.products on products.id = inventory.product_id
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
    from ${schema}.locations
    left join pairs on pairs.location_id = locations.id
    left join stock on stock.location_id = locations.id
    left join active on active.location_id = locations.id
    where pairs.location_id is not null or stock.location_id is not null;

    insert into ${schema}.location_behaviors as behaviors (
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

    delete from ${schema}.location_behaviors as behaviors
    where behaviors.snapshot_date = p_run_date
        and not exists (select from behavior_locations as measured where measured.location_id = behaviors.location_id);
    get diagnostics v_deleted = row_count;

    -- Categories: every category, with the products of its whole subtree.
    call ${schema}.load_drop_temp('behavior_categories');
    create temp table behavior_categories on commit drop as
    with recursive subtree as (
        select categories.id as category_id, categories.id as ancestor_id, categories.parent_id, 1 as depth
        from ${schema}.product_categories as categories
        union all
        select subtree.category_id, parent.id, parent.parent_id, subtree.depth + 1
        from subtree
        inner join ${schema}.product_categories as parent on parent.id = subtree.parent_id
        where subtree.depth < 64
    ),

    store_stock as (
        select inventory.product_id, sum(inventory.avg_qty) as avg_qty
        from behavior_inventory as inventory
        inner join ${schema}.locations on locations.id = inventory.location_id
        where locations.location_type in ('store', 'online')
        group by inventory.product_id
    ),

    per_product as (
        select products.id as product_id, products.product_category_id, products.is_active,
               stats.product_id is not null as is_listed, stats.demand_revenue, stats.revenue_recent,
               stats.revenue_prior, stats.hotness_score, stats.velocity, store_stock.avg_qty * products.cost as value
        from ${schema}.products
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
    from ${schema}.product_categories as categories
    inner join subtree on subtree.ancestor_id = categories.id
    left join per_product on per_product.product_category_id = subtree.category_id
    group by subtree.ancestor_id;

    insert into ${schema}.category_behaviors as behaviors (
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

    delete from ${schema}.category_behaviors as behaviors
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
comment on procedure ${schema}.behaviors_write_aggregates(date, integer, jsonb) is
'Step 6 (behaviors), unscoped runs: location_behaviors (revenue, fill and stockout rates, average stock value, active '
'products per location) and category_behaviors (per category subtree: products, revenue, stock value, mean hotness '
'and velocity, growth) of the snapshot, from behaviors_measure''s temporary tables; only changed rows are written, '
'rows of the date that no longer apply are removed. Adds locations_written and categories_written to p_counts.';

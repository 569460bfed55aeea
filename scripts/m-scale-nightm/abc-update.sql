-- nightm: the ABC update of behaviors_measure on M-size temporary tables (205,872 rows), key before vs after it.
-- Usage (the kept M world, docs/benchmarks.md "nightm"): psql -X -v day=2026-01-01 -v idx_before= -v idx_after="create index on behavior_stats (product_id, location_id);" -f abc-update.sql (new order); swap the two for the old.
\set ON_ERROR_STOP 1
\timing on
set jit = off;
begin;
create temp table behavior_stats on commit drop as
select 'pair'::text as level, b.product_id, b.location_id, b.window_days, b.listed_days, b.demand_days, b.demand_qty,
       b.demand_revenue, b.stockout_qty, b.velocity, b.demand_cv, b.adi_days, b.demand_size_cv2, b.trend,
       b.demand_cost, b.recent_velocity, b.trend_t_stat, b.hotness_score, true as is_merchandise,
       null::numeric as revenue_share_pct, null::bigint as abc_class_id
from cw_900201.product_location_behaviors as b where b.snapshot_date = :'day'
union all
select 'product', b.product_id, null, b.window_days, b.listed_days, b.demand_days, b.demand_qty, b.demand_revenue,
       b.stockout_qty, b.velocity, b.demand_cv, b.adi_days, b.demand_size_cv2, b.trend, b.demand_cost, null, null, null,
       true, null, null
from cw_900201.product_behaviors as b where b.snapshot_date = :'day';
:idx_before
analyze behavior_stats;
create temp table behavior_ranks on commit drop as
select stats.level, stats.product_id, stats.location_id, stats.demand_revenue,
       sum(stats.demand_revenue) over (partition by stats.level, stats.location_id) as group_revenue,
       coalesce(sum(stats.demand_revenue) over (partition by stats.level, stats.location_id
           order by stats.demand_revenue desc, stats.product_id rows between unbounded preceding and 1 preceding), 0) as revenue_before
from behavior_stats as stats where stats.is_merchandise;
analyze behavior_ranks;
select count(*) as stats_rows from behavior_stats;
explain (analyze, buffers, costs off)
update behavior_stats as stats
set revenue_share_pct = round(100 * ranked.demand_revenue / nullif(ranked.group_revenue, 0), 3),
    abc_class_id = abc_classes.id
from behavior_ranks as ranked
inner join cw_900201.abc_classes on abc_classes.code = case
    when ranked.demand_revenue <= 0 or ranked.group_revenue <= 0 then 'C'
    when ranked.revenue_before < 0.8 * ranked.group_revenue then 'A'
    when ranked.revenue_before < 0.95 * ranked.group_revenue then 'B'
    else 'C' end
where ranked.level = stats.level and ranked.product_id = stats.product_id
    and coalesce(ranked.location_id, 0) = coalesce(stats.location_id, 0);
:idx_after
select md5(string_agg(level || product_id || coalesce(location_id, 0) || coalesce(revenue_share_pct::text, '-') || coalesce(abc_class_id::text, '-'), ',' order by level, product_id, location_id)) as checksum from behavior_stats;
select trim(pg_read_file('/proc/loadavg')) as load;
rollback;

#!/bin/bash
# scoped16: for each given product (default: 12 products spread over the revenue ranking, plus the one listed at the
# most locations) one scoped step_behaviors call in a transaction rolled back, and its ABC ranks (behavior_ranks:
# group revenue, revenue ranked above) compared with the ranks summed from every stored row of the groups, except
# all both ways (written to check scoped16's stored group revenues, reverted; it checks any scoped ranking). Prints one line per product: differing rows (0 = equal).
set -euo pipefail
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54414} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
S=${S:-cw_900201}
DAY=$(psql -XAtc "select max(snapshot_date) from $S.product_behaviors")
PRODUCTS=${*:-$(psql -XAtc "select string_agg(erp_id, ' ') from (select products.erp_id from $S.product_behaviors as b
  join $S.products on products.id = b.product_id where b.snapshot_date = '$DAY'
  and (b.product_id % 800 = 7 or b.location_count = (select max(location_count) from $S.product_behaviors
  where snapshot_date = '$DAY')) order by b.demand_revenue desc limit 14) as picked")}
echo "day $DAY; totals rows: $(psql -XAtc "select count(*) from $S.behavior_group_revenues where snapshot_date = '$DAY'")"
for P in $PRODUCTS; do
  psql -X -q -v ON_ERROR_STOP=1 -At <<SQL
begin;
set local client_min_messages = warning;
call $S.step_behaviors('$DAY'::date, '{"products": ["$P"]}'::jsonb);
create temp table ranks_before on commit drop as
select stats.level, stats.product_id, stats.location_id, stats.demand_revenue, sums.group_revenue, sums.revenue_before
from behavior_stats as stats
cross join lateral (
    select sum(others.demand_revenue) as group_revenue,
           coalesce(sum(others.demand_revenue) filter (
               where others.demand_revenue > stats.demand_revenue
               or (others.demand_revenue = stats.demand_revenue and others.product_id < stats.product_id)), 0)
           as revenue_before
    from (
        select peers.product_id, peers.demand_revenue from $S.product_location_behaviors as peers
        where stats.level = 'pair' and peers.snapshot_date = '$DAY' and peers.location_id = stats.location_id
            and peers.product_id <> stats.product_id
        union all
        select peers.product_id, peers.demand_revenue from $S.product_behaviors as peers
        where stats.level = 'product' and peers.snapshot_date = '$DAY' and peers.product_id <> stats.product_id
        union all
        select measured.product_id, measured.demand_revenue from behavior_stats as measured
        where measured.level = stats.level and measured.is_merchandise
            and coalesce(measured.location_id, 0) = coalesce(stats.location_id, 0)
    ) as others
) as sums
where stats.is_merchandise;
select '$P: ' || (select count(*) from behavior_ranks) || ' ranked rows, '
    || (select count(*) from (select * from behavior_ranks except all select * from ranks_before) as d)
    || ' new-not-old, '
    || (select count(*) from (select * from ranks_before except all select * from behavior_ranks) as d)
    || ' old-not-new; mode ' || current_setting('cw.behavior_ranks_mode', true);
rollback;
SQL
done

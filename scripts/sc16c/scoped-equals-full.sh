#!/bin/bash
# sc16c: the full behaviors_measure of the kept world's latest snapshot date, then one scoped call per product (each
# alone), in one transaction rolled back; each scoped call's behavior_stats rows (every column: n_stores, ranks, classes,
# shares) against the full call's rows of the same product, except all both ways. Prints one line per product:
# differing rows (0 = equal). Default products: 12 spread over the revenue ranking, and the one at the most locations.
# Usage: PGPORT=54422 scripts/sc16c/scoped-equals-full.sh [products...]
set -euo pipefail
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54422} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
S=${S:-cw_900201}
DAY=$(psql -XAtc "select max(snapshot_date) from $S.product_behaviors")
PRODUCTS=${*:-$(psql -XAtc "select string_agg(erp_id, ' ') from (select products.erp_id from $S.product_behaviors as b
  join $S.products on products.id = b.product_id where b.snapshot_date = '$DAY'
  and (b.product_id % 800 = 7 or b.location_count = (select max(location_count) from $S.product_behaviors
  where snapshot_date = '$DAY')) order by b.demand_revenue desc limit 13) as picked")}
SQL="begin;
set local client_min_messages = warning;
call $S.behaviors_measure('$DAY', $S.settings('behaviors'), null);
create temp table full_stats on commit drop as select * from behavior_stats;"
for P in $PRODUCTS; do
  SQL="$SQL
select array_agg(id) as ids from $S.products where erp_id = '$P' \\gset
call $S.behaviors_measure('$DAY', $S.settings('behaviors'), :'ids'::integer []);
select '$P: ' || (select count(*) from behavior_stats) || ' scoped rows, '
    || (select count(*) from (select * from behavior_stats except all
                              select * from full_stats where product_id = any(:'ids'::integer [])) as d)
    || ' scoped-not-full, '
    || (select count(*) from (select * from full_stats where product_id = any(:'ids'::integer []) except all
                              select * from behavior_stats) as d)
    || ' full-not-scoped, n_stores ' || (select n_stores from behavior_stats where level = 'product');"
done
SQL="$SQL
rollback;"
echo "day $DAY"
psql -X -q -At -v ON_ERROR_STOP=1 <<<"$SQL"

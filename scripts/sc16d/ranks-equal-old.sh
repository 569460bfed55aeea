#!/bin/bash
# sc16d: the scoped ranks (behavior_ranks: group revenue, revenue above) and behavior_stats of this tree's
# behaviors_measure against a git ref's, product by product, except all both ways, in one transaction rolled back
# (the ref's procedure installed there under another name). Prints per product: rows, and rows differing each way.
# Usage: PGPORT=54422 REF=34676ea scripts/sc16d/ranks-equal-old.sh [products...]   (a scope of several: P1,P2,...)   (default: sc16c's 13 products)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54422} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
S=${S:-cw_900201}
REF=${REF:-34676ea}
DAY=$(psql -XAtc "select max(snapshot_date) from $S.product_behaviors")
PRODUCTS=${*:-$(psql -XAtc "select string_agg(erp_id, ' ') from (select products.erp_id from $S.product_behaviors as b
  join $S.products on products.id = b.product_id where b.snapshot_date = '$DAY'
  and (b.product_id % 800 = 7 or b.location_count = (select max(location_count) from $S.product_behaviors
  where snapshot_date = '$DAY')) order by b.demand_revenue desc limit 13) as picked")}
OLD=$(git show "$REF:procedures/tenant/R__0705_behaviors_measure.sql" | sed -e "s/\${schema}\.behaviors_measure(/$S.sc16d_behaviors_measure_old(/g" -e "s/\${schema}/$S/g")
SQL="begin;
set local client_min_messages = warning;
$OLD"
for P in $PRODUCTS; do
  SQL="$SQL
select array_agg(id) as ids from $S.products where erp_id = any(string_to_array('$P', ',')) \\gset
call $S.sc16d_behaviors_measure_old('$DAY', $S.settings('behaviors'), :'ids'::integer []);
create temp table old_ranks as select * from behavior_ranks;
create temp table old_stats as select * from behavior_stats;
call $S.behaviors_measure('$DAY', $S.settings('behaviors'), :'ids'::integer []);
select '$P: ranks ' || (select count(*) from behavior_ranks) || ' rows, '
    || (select count(*) from (select * from behavior_ranks except all select * from old_ranks) as d) || ' new-not-old, '
    || (select count(*) from (select * from old_ranks except all select * from behavior_ranks) as d) || ' old-not-new; stats '
    || (select count(*) from behavior_stats) || ' rows, '
    || (select count(*) from (select * from behavior_stats except all select * from old_stats) as d) || ' new-not-old, '
    || (select count(*) from (select * from old_stats except all select * from behavior_stats) as d) || ' old-not-new';
drop table old_ranks; drop table old_stats;"
done
SQL="$SQL
rollback;"
echo "day $DAY, ref $REF"
psql -X -q -At -v ON_ERROR_STOP=1 <<<"$SQL"

#!/bin/bash
# sc16c: what the revenue buckets' statement triggers (buckets.sh on) cost a write, with the triggers enabled and
# disabled in turn, interleaved, each write in a transaction rolled back: (a) a night's insert of a new snapshot date
# (the latest date's rows copied to the next day: every pair and product), (b) an update of the rows of 1,000 products
# (what a bulk pass that changes their behaviours writes). Wall, backend CPU, cluster CPU, load (mark.sh).
# Usage: PGPORT=54422 scripts/sc16c/trigger-cost.sh [rounds]   (S=cw_900201)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54422} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
S=${S:-cw_900201}
ROUNDS=${1:-2}
export PIDFILE=/tmp/sc16c-tc.$$.pid
DAY=$(psql -XAtc "select max(snapshot_date) from $S.product_behaviors")
cols() {
  psql -XAtc "select string_agg(column_name, ', ' order by ordinal_position) from information_schema.columns
    where table_schema = '$S' and table_name = '$1' and is_identity = 'NO'"
}
PLB=$(cols product_location_behaviors)
PB=$(cols product_behaviors)
SELPLB=${PLB/snapshot_date/snapshot_date + 1}
SELPB=${PB/snapshot_date/snapshot_date + 1}
toggle() {  # enable|disable
  for tg in insert update delete truncate; do
    echo "alter table $S.product_location_behaviors $1 trigger product_location_behaviors_buckets_$tg;"
    echo "alter table $S.product_behaviors $1 trigger product_behaviors_buckets_$tg;"
  done
}
{
  echo "set client_min_messages = warning;"
  echo "select pg_backend_pid() \\g $PIDFILE"
  for r in $(seq "$ROUNDS"); do
    order="enable disable"; [ $((r % 2)) -eq 0 ] && order="disable enable"
    for mode in $order; do
      echo "begin;"; toggle "$mode"
      echo "\\! scripts/sc16c/mark.sh start night-insert-${mode}d"
      echo "insert into $S.product_location_behaviors ($PLB) select $SELPLB from $S.product_location_behaviors where snapshot_date = '$DAY';"
      echo "insert into $S.product_behaviors ($PB) select $SELPB from $S.product_behaviors where snapshot_date = '$DAY';"
      echo "\\! scripts/sc16c/mark.sh end night-insert-${mode}d"
      echo "rollback;"
      echo "begin;"; toggle "$mode"
      echo "\\! scripts/sc16c/mark.sh start update-1000-${mode}d"
      echo "update $S.product_location_behaviors set demand_revenue = demand_revenue * 1.01 where snapshot_date = '$DAY' and product_id in (select id from $S.products order by erp_id limit 1000);"
      echo "update $S.product_behaviors set demand_revenue = demand_revenue * 1.01 where snapshot_date = '$DAY' and product_id in (select id from $S.products order by erp_id limit 1000);"
      echo "\\! scripts/sc16c/mark.sh end update-1000-${mode}d"
      echo "rollback;"
    done
  done
} | psql -X -q -At -v ON_ERROR_STOP=1
rm -f "$PIDFILE"

#!/bin/bash
# sc16c: install or remove session scoped16b's revenue buckets on a kept world, for the A/B of docs/benchmarks.md
# "sc16c" (they are not part of the migrations on main). `on`: tenant V95 of branch h/scoped16b (table, thresholds,
# trigger function, eight statement triggers, revenue-keyed indexes replacing the covering ones, the table filled from
# the stored rows) and that branch's behaviors_measure ranking merged into main's (below); `off`: all of
# it dropped, the covering indexes of V9 back, this tree's behaviors_measure. Neither touches flyway_schema_history.
# Usage: PGPORT=54422 scripts/sc16c/buckets.sh on|off   (S=cw_900201, BRANCH=h/scoped16b)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54422} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
S=${S:-cw_900201}
BRANCH=${BRANCH:-h/scoped16b}
sub() { sed -e "s/\${schema}/$S/g" -e "s/\${ui_role}/${S}_ui/g"; }
run() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
case "${1:-}" in
on)
  git show "$BRANCH:migrations/tenant/V95__keep_behavior_revenue_buckets.sql" | sub | run -1 -f -
  # behaviors_measure with the bucket ranking: h/scoped16b's change (made on 17f933d) merged into main's c515c91
  # version (the analysed window sums, fc12), so that it differs from this tree's only in the ranking (the n_stores
  # probe is the same code in both)
  tmp=$(mktemp -d)
  git show "17f933d:procedures/tenant/R__0705_behaviors_measure.sql" > "$tmp/base.sql"
  git show "c515c91:procedures/tenant/R__0705_behaviors_measure.sql" > "$tmp/main.sql"
  git show "$BRANCH:procedures/tenant/R__0705_behaviors_measure.sql" > "$tmp/buckets.sql"
  git merge-file -p "$tmp/main.sql" "$tmp/base.sql" "$tmp/buckets.sql" | sub | run -f -
  rm -r "$tmp"
  run -c "vacuum (analyze) $S.product_location_behaviors, $S.product_behaviors, $S.behavior_revenue_buckets"
  ;;
off)
  run -1 <<SQL
drop trigger if exists product_location_behaviors_buckets_insert on $S.product_location_behaviors;
drop trigger if exists product_location_behaviors_buckets_update on $S.product_location_behaviors;
drop trigger if exists product_location_behaviors_buckets_delete on $S.product_location_behaviors;
drop trigger if exists product_location_behaviors_buckets_truncate on $S.product_location_behaviors;
drop trigger if exists product_behaviors_buckets_insert on $S.product_behaviors;
drop trigger if exists product_behaviors_buckets_update on $S.product_behaviors;
drop trigger if exists product_behaviors_buckets_delete on $S.product_behaviors;
drop trigger if exists product_behaviors_buckets_truncate on $S.product_behaviors;
drop function if exists $S.behavior_revenue_buckets_keep();
drop table if exists $S.behavior_revenue_buckets;
drop index if exists $S.product_location_behaviors_snapshot_location_revenue_idx;
drop index if exists $S.product_behaviors_snapshot_date_revenue_idx;
create index if not exists product_location_behaviors_snapshot_date_location_id_idx
on $S.product_location_behaviors (snapshot_date, location_id) include (product_id, demand_revenue);
create index if not exists product_behaviors_snapshot_date_idx
on $S.product_behaviors (snapshot_date) include (product_id, demand_revenue);
comment on index $S.product_behaviors_snapshot_date_idx is
'Covering (product_id, demand_revenue included): a scoped behaviours run ranks its products against the rest of the '
'snapshot with an index-only scan.';
comment on index $S.product_location_behaviors_snapshot_date_location_id_idx is
'Covering (product_id, demand_revenue included): a scoped behaviours run ranks its product x location rows against '
'the rest of the snapshot with an index-only scan.';
SQL
  sub < procedures/tenant/R__0705_behaviors_measure.sql | run -f -
  # behavior_revenue_thresholds() last: the bucket version of behaviors_measure, now replaced, used it
  run -c "drop function if exists $S.behavior_revenue_thresholds()"
  run -c "vacuum (analyze) $S.product_location_behaviors, $S.product_behaviors"
  ;;
*) echo "usage: $0 on|off" >&2; exit 2 ;;
esac

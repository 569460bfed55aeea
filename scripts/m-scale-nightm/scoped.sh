#!/bin/bash
# nightm: scoped step-6 runs (1 product, 1,000 products) and a full behaviours run, interleaved, on the kept M world.
set -euo pipefail
export PGHOST=127.0.0.1 PGPORT=54412 PGUSER=postgres PGDATABASE=catwing
S=cw_900201
DAY=$(psql -XAtc "select max(snapshot_date) from $S.product_behaviors")
ONE=$(psql -XAtc "select products.erp_id from $S.product_behaviors b join $S.products on products.id=b.product_id where b.snapshot_date='$DAY' order by b.location_count desc, b.demand_revenue desc limit 1")
THOUSAND=$(psql -XAtc "select jsonb_build_object('products', jsonb_agg(erp_id)) from (select erp_id from $S.products order by erp_id limit 1000) p")
run() { # label scope
  local t0=$(date +%s.%N)
  psql -X -q -v ON_ERROR_STOP=1 -c "call $S.run_pipeline('$DAY'::date, 'behaviors', 'behaviors', $2)"
  local t1=$(date +%s.%N)
  local d=$(psql -XAtc "select round(extract(epoch from finished_at-started_at)::numeric,3) || ' s step; rows in ' || rows_in || ', out ' || rows_out || ', window_sums ' || coalesce(detail->>'window_sums','-') from $S.pipeline_step_runs where step_name='behaviors' order by id desc limit 1")
  printf '%s %-40s wall %8.3f s  (%s; load %s)\n' "$(date -u +%T)" "$1" "$(echo "$t1 - $t0" | bc)" "$d" "$(cut -d' ' -f1-3 /proc/loadavg)"
}
echo "day $DAY, one product $ONE"
run "scoped 1 product (1/3)" "'{\"products\": [\"$ONE\"]}'::jsonb"
run "scoped 1,000 products (1/2)" "'$THOUSAND'::jsonb"
run "scoped 1 product (2/3)" "'{\"products\": [\"$ONE\"]}'::jsonb"
if [ "${FULL:-1}" = 1 ]; then
  psql -X -q -c "delete from $S.behavior_window_state"
  run "full behaviours (sums rebuilt)" "null"
fi


run "scoped 1 product (3/3)" "'{\"products\": [\"$ONE\"]}'::jsonb"
run "scoped 1,000 products (2/2)" "'$THOUSAND'::jsonb"

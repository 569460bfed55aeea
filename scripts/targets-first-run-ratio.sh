#!/bin/bash
# Step 8's first run of a date (simulation cache emptied and the date's targets deleted, then rolled back) against the
# full behaviours step, interleaved, on a kept bench world; wall time and backend CPU (/proc/<pid>/schedstat) of each,
# with the load average. Usage: scripts/targets-first-run-ratio.sh SCHEMA DATE ROUNDS
# (e.g. after cw bench targets --products 500 --locations 10 --keep --client CW-900420: cw_900420 2023-12-31 2)
S=${1:-cw_900402}; D=${2:-2023-12-31}; N=${3:-2}
PSQL="psql -X -q -h 127.0.0.1 -p ${CW_PG_PORT:-54416} -U postgres -d catwing -v ON_ERROR_STOP=1"
measure() { # label, SQL to time
  $PSQL -At <<SQL | tr '\n' ' '
select pg_backend_pid() as pid \gset
\setenv PID :pid
set client_min_messages = warning;
$2
\! awk '{printf "cpu0 %.2f ", \$1/1e9}' /proc/\$PID/schedstat
select extract(epoch from clock_timestamp()) as t0 \gset
$3
select 'wall ' || round((extract(epoch from clock_timestamp()) - :t0)::numeric, 2);
\! awk '{printf "cpu1 %.2f ", \$1/1e9}' /proc/\$PID/schedstat
$4;
SQL
  echo " <- $1"
}
for i in $(seq 1 $N); do
  echo "round $i $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  measure behaviors "" "call $S.run_pipeline('$D'::date, 'behaviors', 'behaviors', null);" "select 1"
  measure step8_first_run "begin; truncate $S.inventory_simulation_cache; delete from $S.inventory_targets where snapshot_date = '$D';" \
    "call $S.step_inventory_targets('$D', null);" "rollback"
done

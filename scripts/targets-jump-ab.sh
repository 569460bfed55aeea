#!/bin/bash
# A/B of step 8's first run (cache truncated, rolled back) with the jump (current R__0875) and without it
# (p_jump default false), interleaved with behaviors, on the kept bench world. Usage: scripts/targets-jump-ab.sh SCHEMA DATE ROUNDS (not yet run end to end: session tgfirst ran out of time)
S=${1:-cw_900402}; D=${2:-2023-12-31}; N=${3:-2}
PSQL="psql -X -q -h 127.0.0.1 -p ${CW_PG_PORT:-54416} -U postgres -d catwing -v ON_ERROR_STOP=1"
cd "$(dirname "$0")/.."
sed "s/\${schema}/$S/g" procedures/tenant/R__0875_inventory_policy_simulate.sql > ${TMPDIR:-/tmp}/cw_ab_jump.sql
sed "s/coalesce(p_jump, true)/coalesce(p_jump, false)/" ${TMPDIR:-/tmp}/cw_ab_jump.sql > ${TMPDIR:-/tmp}/cw_ab_nojump.sql
cpu() { awk '{print $1/1e9}' /proc/$1/schedstat; }
run_step() { # label, install file
  $PSQL -f $2 >/dev/null
  out=$($PSQL -At <<SQL
select pg_backend_pid() as pid \\gset
\\setenv PID :pid
begin;
truncate $S.inventory_simulation_cache;
set client_min_messages = warning;
\\! awk '{printf "cpu0 %.2f ", \$1/1e9}' /proc/\$PID/schedstat
select extract(epoch from clock_timestamp()) as t0 \\gset
call $S.step_inventory_targets('$D', null);
select 'wall ' || round((extract(epoch from clock_timestamp()) - :t0)::numeric, 2);
\\! awk '{printf "cpu1 %.2f ", \$1/1e9}' /proc/\$PID/schedstat
select coalesce(sum(simulated_events),0) || '/' || coalesce(sum(events),0) from pg_temp.inventory_simulation_rounds;
rollback;
SQL
)
  echo "$1 $(echo "$out" | tr '\n' ' ')" 
}
for i in $(seq 1 $N); do
  echo "round $i $(date -u +%T) load $(cut -d' ' -f1-3 /proc/loadavg)"
  t0=$(date +%s.%N); $PSQL -c "call $S.run_pipeline('$D'::date, 'behaviors', 'behaviors', null)" >/dev/null; t1=$(date +%s.%N)
  echo "behaviors wall $(echo "$t1 - $t0" | bc) s"
  run_step nojump ${TMPDIR:-/tmp}/cw_ab_nojump.sql
  run_step jump ${TMPDIR:-/tmp}/cw_ab_jump.sql
done
$PSQL -f ${TMPDIR:-/tmp}/cw_ab_jump.sql >/dev/null

#!/bin/bash
# sc16d: profile one-product correction passes (process_change_events, as bench changes makes them) by CPU.
# One psql session: N passes (the UI role flips products.discontinued_override of one product each), the backend's CPU
# (/proc/self/schedstat read by pg_read_file) around each pass. MODE=plain: nothing else; MODE=explain: auto_explain
# on every nested statement (durations only: log_analyze off) and track_functions = pl; MODE=planner:
# log_planner_stats and log_parser_stats (CPU of each plan and parse, nested statements included).
# Usage: PGPORT=54422 MODE=plain scripts/sc16d/profile-pass.sh [passes] [first product offset]   (log in $OUT)
set -euo pipefail
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54422} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
S=${S:-cw_900201}
N=${1:-5}
OFFSET=${2:-0}
MODE=${MODE:-plain}
OUT=${OUT:-/tmp/sc16d-profile-$MODE.log}
PICKED=$(psql -XAtc "select string_agg(erp_id, ' ' order by erp_id) from (select erp_id from $S.products
  order by erp_id offset $OFFSET limit $N) as picked")
{
  echo "set client_min_messages = warning;"
  echo "create or replace function pg_temp.cpu_ns() returns bigint language sql volatile as
    \$\$ select split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint \$\$;"
  case $MODE in
    explain) echo "load 'auto_explain'; set auto_explain.log_min_duration = 0; set auto_explain.log_nested_statements = on;
      set auto_explain.log_analyze = off; set auto_explain.log_level = log; set track_functions = 'pl';
      select pg_stat_reset();" ;;
    planner) echo "set log_planner_stats = on; set log_parser_stats = on;" ;;
  esac
  for P in $PICKED; do
    echo "set role ${S}_ui;"
    echo "update $S.products set discontinued_override = not coalesce(discontinued_override, false) where erp_id = '$P';"
    echo "reset role;"
    echo "select 'CPU0 $P ' || pg_temp.cpu_ns() || ' ' || (extract(epoch from clock_timestamp()) * 1e9)::bigint;"
    [ "$MODE" = plain ] || echo "set client_min_messages = log;"
    echo "call $S.process_change_events();"
    echo "set client_min_messages = warning;"
    echo "select 'CPU1 $P ' || pg_temp.cpu_ns() || ' ' || (extract(epoch from clock_timestamp()) * 1e9)::bigint || ' load ' || split_part(pg_read_file('/proc/loadavg'), ' ', 1);"
    echo "select 'PASS ' || status || ' ' || coalesce(scope::text, 'whole') from $S.change_runs order by id desc limit 1;"
  done
  if [ "$MODE" = explain ]; then
    echo "select pg_sleep(0.6);"
    echo "select 'FUNC ' || funcname || ' calls ' || calls || ' total_ms ' || round(total_time::numeric, 1) || ' self_ms ' || round(self_time::numeric, 1) from pg_stat_user_functions order by self_time desc;"
  fi
} | psql -X -q -At -v ON_ERROR_STOP=1 >"$OUT" 2>&1
python3 - "$OUT" <<'PY'
import re, sys
lines = open(sys.argv[1]).read().splitlines()
start = {}
for l in lines:
    m = re.match(r'CPU0 (\S+) (\d+) (\d+)', l)
    if m: start[m.group(1)] = (int(m.group(2)), int(m.group(3)))
    m = re.match(r'CPU1 (\S+) (\d+) (\d+) load (\S+)', l)
    if m:
        c0, w0 = start[m.group(1)]
        print(f"pass {m.group(1)}: backend CPU {(int(m.group(2)) - c0) / 1e6:8.1f} ms, wall {(int(m.group(3)) - w0) / 1e6:8.1f} ms, load {m.group(4)}")
    if l.startswith('PASS ') or l.startswith('ERROR'): print(l)
PY
echo "log: $OUT"

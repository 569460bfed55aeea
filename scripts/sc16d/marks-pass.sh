#!/bin/bash
# sc16d: process_change_events and run_pipeline_steps instrumented by marks.py (CPU notices between top-level
# statements), installed as process_change_events_marked / run_pipeline_steps_marked (dropped at the end), then one
# pass per product (the UI role flips products.discontinued_override, as bench changes does); prints the mean CPU (ms)
# from each mark to the next over the passes after the first, and the pass's whole CPU.
# Usage: PGPORT=54422 scripts/sc16d/marks-pass.sh [products...]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54422} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
S=${S:-cw_900201}
NO=${S#cw_}
PRODUCTS=${*:-P000071 P000072 P000073 P000074 P000075 P000076}
fill() { sed -e "s/\${client_number}/$((10#$NO))/g" -e "s/\${client_code}/CW-$NO/g"; }
{
  python3 scripts/sc16d/marks.py procedures/tenant/R__0900_run_pipeline.sql $S | fill \
    | awk '/^create or replace procedure '"$S"'.run_pipeline\(/{skip = 1} !skip'
  python3 scripts/sc16d/marks.py procedures/tenant/R__1620_process_change_events.sql $S | fill \
    | sed "s/$S.run_pipeline_steps(v_run_date/$S.run_pipeline_steps_marked(v_run_date/" \
    | awk '/^create or replace procedure '"$S"'.run_nightly\(/{skip = 1} !skip'
} | psql -X -q -v ON_ERROR_STOP=1 >/dev/null
{
  echo "set client_min_messages = notice;"
  for P in $PRODUCTS; do
    echo "select 'PRODUCT $P';"
    echo "set role ${S}_ui;"
    echo "update $S.products set discontinued_override = not coalesce(discontinued_override, false) where erp_id = '$P';"
    echo "reset role;"
    echo "do \$\$ begin raise notice 'CPUMARK % (pass starts)', split_part(pg_read_file('/proc/self/schedstat'), ' ', 1); end \$\$;"
    echo "call $S.process_change_events_marked();"
    echo "do \$\$ begin raise notice 'CPUMARK % (after the call)', split_part(pg_read_file('/proc/self/schedstat'), ' ', 1); end \$\$;"
  done
  echo "drop procedure $S.process_change_events_marked(boolean);"
  echo "drop procedure $S.run_pipeline_steps_marked(date, text, text, jsonb, bigint);"
} | psql -X -q -At -v ON_ERROR_STOP=1 2>&1 | python3 -c '
import re, sys, statistics
from collections import defaultdict
per, order, prev, n, first = defaultdict(list), [], None, 0, {}
passes = []
for l in sys.stdin:
    if l.startswith("PRODUCT"): n += 1; prev = None; continue
    m = re.search(r"CPUMARK (\d+) (.*)", l)
    if not m:
        if "ERROR" in l: print(l.strip())
        continue
    t, label = int(m.group(1)), m.group(2).strip()
    if label == "(pass starts)": start = t
    if label == "(after the call)" and n > 1: passes.append((t - start) / 1e6)
    if prev is not None and n > 1:
        key = prev[1]
        if key not in order: order.append(key)
        per[key].append((t - prev[0]) / 1e6)
    prev = (t, label)
print(f"mean ms of CPU from each mark to the next ({n - 1} passes after the first); passes {[round(p, 1) for p in passes]}, mean {statistics.mean(passes):.1f}")
for k in order: print(f"{sum(per[k]) / (n - 1):7.1f}  {k}")
'

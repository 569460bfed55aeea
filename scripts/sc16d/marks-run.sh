#!/bin/bash
# sc16d: behaviors_measure and behaviors_window_sums instrumented by marks.py (CPU notices between top-level
# statements), installed in a transaction and called scoped for each product (rolled back); prints the CPU (ms) from
# each mark to the next, the mean over the products after the first (schedstat advances at scheduler ticks and
# context switches, so one call's figure is coarse; the mean over many is not).
# Usage: PGPORT=54422 scripts/sc16d/marks-run.sh [products...]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54422} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
S=${S:-cw_900201}
DAY=$(psql -XAtc "select max(snapshot_date) from $S.product_behaviors")
PRODUCTS=${*:-P000031 P000032 P000033 P000034 P000035 P000036}
{
  echo "begin;"
  python3 scripts/sc16d/marks.py procedures/tenant/R__0703_behaviors_window_sums.sql $S
  python3 scripts/sc16d/marks.py procedures/tenant/R__0705_behaviors_measure.sql $S \
    | sed "s/$S.behaviors_window_sums(p_run_date/$S.behaviors_window_sums_marked(p_run_date/"
  echo "select $S.settings('behaviors') as settings \\gset"
  for P in $PRODUCTS; do
    echo "select 'PRODUCT $P';"
    echo "select array_agg(id) as ids from $S.products where erp_id = '$P' \\gset"
    echo "call $S.behaviors_measure_marked('$DAY', :'settings'::jsonb, :'ids'::integer []);"
    echo "do \$\$ begin raise notice 'CPUMARK % (after the call)', split_part(pg_read_file('/proc/self/schedstat'), ' ', 1); end \$\$;"
  done
  echo "rollback;"
} | psql -X -q -At -v ON_ERROR_STOP=1 2>&1 | python3 -c '
import re, sys, statistics
from collections import defaultdict
per, order, prev, n = defaultdict(list), [], None, 0
for l in sys.stdin:
    if l.startswith("PRODUCT"): n += 1; prev = None; continue
    m = re.search(r"CPUMARK (\d+) (.*)", l)
    if not m: 
        if "ERROR" in l: print(l.strip())
        continue
    t, label = int(m.group(1)), m.group(2).strip()
    if prev is not None and n > 1:
        key = prev[1]
        if key not in order: order.append(key)
        per[key].append((t - prev[0]) / 1e6)
    prev = (t, label)
total = sum(statistics.mean(v) for v in per.values())
print(f"mean ms of CPU from each mark to the next (schedstat moves by scheduler ticks: means over many products) ({n - 1} products after the first); total {total:.1f}")
for k in order: print(f"{statistics.mean(per[k]):7.1f}  {k}")
'

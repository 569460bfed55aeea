#!/bin/bash
# scoped16: one scoped step_behaviors call (the product listed at the most locations), in a transaction rolled back
# (no pipeline lock, nothing written), with auto_explain on every nested statement in the session only (LOAD, no
# restart); prints the statements by duration, longest first.
# Usage: PGPORT=54414 scripts/scoped16/profile.sh [client_schema] [product_erp_id]
set -euo pipefail
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54414} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
S=${1:-cw_900201}
DAY=$(psql -XAtc "select max(snapshot_date) from $S.product_behaviors")
ONE=${2:-$(psql -XAtc "select products.erp_id from $S.product_behaviors as b join $S.products on products.id = b.product_id
  where b.snapshot_date = '$DAY' order by b.location_count desc, b.demand_revenue desc limit 1")}
OUT=$(mktemp)
psql -X -q -v ON_ERROR_STOP=1 >"$OUT" 2>&1 <<SQL
load 'auto_explain';
set auto_explain.log_min_duration = 0;
set auto_explain.log_nested_statements = on;
set auto_explain.log_analyze = on;
set auto_explain.log_timing = ${TIMING:-off};
set auto_explain.log_buffers = on;
set auto_explain.log_level = notice;
set client_min_messages = notice;
\timing on
begin;
call $S.step_behaviors('$DAY'::date, '{"products": ["$ONE"]}'::jsonb);
rollback;
SQL
echo "day $DAY, product $ONE, load $(cut -d' ' -f1-3 /proc/loadavg)"
grep -E '^Time:' "$OUT" | tail -1
python3 - "$OUT" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
blocks = re.split(r'\n(?=NOTICE:  duration: )', text)
rows = []
for b in blocks:
    m = re.match(r'NOTICE:  duration: ([0-9.]+) ms', b)
    if not m:
        continue
    q = re.search(r'Query Text: (.*)', b)
    rows.append((float(m.group(1)), (q.group(1) if q else '?').strip()[:150]))
total = sum(r[0] for r in rows)
print(f"{len(rows)} statements logged (nested included: parents contain children)")
for d, q in sorted(rows, reverse=True)[:int(__import__('os').environ.get('TOP', '40'))]:
    print(f"{d:10.1f} ms  {q}")
PY
echo "full log: $OUT"

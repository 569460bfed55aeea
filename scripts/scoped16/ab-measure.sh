#!/bin/bash
# scoped16: main's behaviors_measure (installed beside the current one as behaviors_measure_old, from git ref $REF,
# default dd2ba8a) against the current one, interleaved in one session, each call in a transaction rolled back: one
# scoped product per call (ranks by probes). Prints one RESULT line per call with the load, then the medians.
# Usage: PGPORT=54414 scripts/scoped16/ab-measure.sh [rounds] [products...]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54414} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
S=${S:-cw_900201}
REF=${REF:-dd2ba8a}
ROUNDS=${1:-5}
shift || true
git show "$REF:procedures/tenant/R__0705_behaviors_measure.sql" \
  | sed -e "s/\${schema}\.behaviors_measure(/\${schema}.behaviors_measure_old(/g" -e "s/\${schema}/$S/g" \
  | psql -X -q -v ON_ERROR_STOP=1 >/dev/null
DAY=$(psql -XAtc "select max(snapshot_date) from $S.product_behaviors")
PRODUCTS=${*:-P009242 P000001 P000002 P000003 P000004 P000005}
SQL="set client_min_messages = warning;"
for r in $(seq "$ROUNDS"); do
  for P in $PRODUCTS; do
    for V in old new; do
      proc=behaviors_measure; [ "$V" = old ] && proc=behaviors_measure_old
      SQL="$SQL
begin;
select array_agg(id)::text as ids from $S.products where erp_id = '$P' \\gset
select clock_timestamp() as t0 \\gset
call $S.$proc('$DAY', $S.settings('behaviors'), :'ids'::integer []);
select 'RESULT $V $P ' || round(extract(epoch from clock_timestamp() - :'t0'::timestamptz) * 1000, 1) || ' ms';
rollback;"
    done
  done
done
psql -X -q -At -v ON_ERROR_STOP=1 <<<"$SQL" | while read -r line; do echo "$line load $(cut -d' ' -f1 /proc/loadavg)"; done \
  | tee /tmp/ab-measure.$$
python3 - /tmp/ab-measure.$$ <<'PY'
import sys, statistics, collections
d = collections.defaultdict(list)
for line in open(sys.argv[1]):
    p = line.split()
    if p[0] == 'RESULT':
        d[p[1]].append(float(p[3]))
for v in ('old', 'new'):
    print(f"{v}: {len(d[v])} calls, median {statistics.median(d[v]):.1f} ms, "
          f"min {min(d[v]):.1f} ms, max {max(d[v]):.1f} ms")
PY
psql -X -q -c "drop procedure $S.behaviors_measure_old(date, jsonb, integer [])"

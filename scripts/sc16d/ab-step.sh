#!/bin/bash
# sc16d: step 6 scoped to one product, main's against this tree's, paired in one session: main's step_behaviors and
# behaviors_measure installed as sc16d_step_behaviors_old / sc16d_behaviors_measure_old (dropped at the end), then for
# each round and product the two called in turn (order alternating by round), each in its own transaction rolled back;
# the backend's CPU around each call read by the shell from /proc/PID/schedstat (the backend is idle then, so the
# figure is exact). Prints per call and the medians and means per variant.
# Usage: PGPORT=54422 ROUNDS=3 OLD_REF=34676ea scripts/sc16d/ab-step.sh [products...]
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54422} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
S=${S:-cw_900201}
ROUNDS=${ROUNDS:-3}
OLD_REF=${OLD_REF:-34676ea}
DAY=$(psql -XAtc "select max(snapshot_date) from $S.product_behaviors")
PRODUCTS=${*:-P000101 P000102 P000103 P000104 P000105 P000106}
export PIDFILE=/tmp/sc16d-ab-step.$$.pid
{
  git show "$OLD_REF:procedures/tenant/R__0705_behaviors_measure.sql" \
    | sed -e "s/\${schema}\.behaviors_measure(/$S.sc16d_behaviors_measure_old(/g" -e "s/\${schema}/$S/g"
  git show "$OLD_REF:procedures/tenant/R__0700_step_behaviors.sql" \
    | sed -e "s/\${schema}\.step_behaviors(/$S.sc16d_step_behaviors_old(/g" \
          -e "s/\${schema}\.behaviors_measure(/$S.sc16d_behaviors_measure_old(/g" -e "s/\${schema}/$S/g"
} | psql -X -q -v ON_ERROR_STOP=1 >/dev/null
{
  echo "set client_min_messages = warning;"
  echo "select pg_backend_pid() \\g $PIDFILE"
  for r in $(seq 1 "$ROUNDS"); do
    for P in $PRODUCTS; do
      if [ $((r % 2)) = 1 ]; then ORDER="old new"; else ORDER="new old"; fi
      for V in $ORDER; do
        if [ "$V" = old ]; then PROC=sc16d_step_behaviors_old; else PROC=step_behaviors; fi
        echo "begin;"
        echo "\\! scripts/sc16c/mark.sh start $P-$V"
        echo "call $S.$PROC('$DAY', '{\"products\": [\"$P\"]}');"
        echo "\\! scripts/sc16c/mark.sh end $P-$V"
        echo "rollback;"
      done
    done
  done
  echo "drop procedure $S.sc16d_step_behaviors_old(date, jsonb);"
  echo "drop procedure $S.sc16d_behaviors_measure_old(date, jsonb, integer []);"
} | psql -X -q -At -v ON_ERROR_STOP=1 2>&1 | python3 -c '
import sys, statistics
start, res = {}, {"old": [], "new": []}
for l in sys.stdin:
    p = l.split()
    if p[:1] != ["MARK"]:
        if "ERROR" in l: print(l.strip())
        continue
    if p[1] == "start": start[p[2]] = (int(p[3]), int(p[4]), p[6])
    else:
        w0, c0, load = start.pop(p[2])
        v = p[2].rsplit("-", 1)[1]
        res[v].append(((int(p[4]) - c0) / 1e6, (int(p[3]) - w0) / 1e6))
        print(f"{p[2]:<14} cpu {res[v][-1][0]:7.1f} ms  wall {res[v][-1][1]:7.1f} ms  load {load}")
for v, xs in res.items():
    c = [x[0] for x in xs]; w = [x[1] for x in xs]
    print(f"{v}: n={len(xs)} cpu median {statistics.median(c):.1f} ms mean {statistics.mean(c):.1f}; wall median {statistics.median(w):.1f} ms")
'
rm -f "$PIDFILE"

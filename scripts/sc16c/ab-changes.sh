#!/bin/bash
# sc16c: the revenue buckets A/B at M-scale, like for like, in one run: blocks of (install the variant with
# buckets.sh; a full run of step 6 alone; one-product corrections through the change processor, as bench changes
# makes them; a full run; a pass after edits of N products; ...). Variants alternate in the order given (default
# "off on on off": ABBA against the load's drift); the next block's first full run follows the last block's bulk
# pass, and a last full run closes. Each measurement: wall, the backend's CPU (schedstat) and the cluster's CPU, load.
# The edits are bench changes' (products.discontinued_override by the UI role, flipped; the client override
# local/behaviors that bench changes --reuse --severity local left). Leaves the world with the last variant installed.
# Usage: PGPORT=54422 scripts/sc16c/ab-changes.sh [blocks...]   (S=cw_900201, SINGLES=5, BULK=1000, CURRENT=on|off the
# variant installed now; log in $LOG)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54422} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
S=${S:-cw_900201}
SINGLES=${SINGLES:-5}
BULK=${BULK:-1000}
LOG=${LOG:-/tmp/sc16c-ab.log}
export PIDFILE=/tmp/sc16c-ab.$$.pid
BLOCKS=${*:-off on on off}
DAY=$(psql -XAtc "select max(snapshot_date) from $S.product_behaviors")
PICKED=$(psql -XAtc "select string_agg(erp_id, ' ' order by erp_id) from (select erp_id from $S.products as p
  where exists (select from $S.product_behaviors as b where b.product_id = p.id and b.snapshot_date = '$DAY')
  order by erp_id limit $SINGLES) as picked")
FULL="call $S.run_pipeline('$DAY', 'behaviors', 'behaviors', null);"
# what the pass or run did: the change run (scoped or whole client) and step 6's own time
PASSINFO="select 'INFO ' || runs.status || ' ' || case when runs.scope is null then 'whole-client' else 'scoped' end
    || ' step ' || coalesce(round(extract(epoch from steps.finished_at - steps.started_at)::numeric, 3)::text, '-')
    || ' rows_out ' || coalesce(steps.rows_out::text, '-')
  from (select * from $S.change_runs order by id desc limit 1) as runs
  left join $S.pipeline_step_runs as steps
      on steps.pipeline_run_id = runs.pipeline_run_id and steps.step_name = 'behaviors';"
FULLINFO="select 'INFO full step ' || round(extract(epoch from steps.finished_at - steps.started_at)::numeric, 3)
  from $S.pipeline_step_runs as steps
  where steps.pipeline_run_id = (select max(id) from $S.pipeline_runs) and steps.step_name = 'behaviors';"
measure() {  # label, variant, sql, info-sql
  printf '\\! scripts/sc16c/mark.sh start %s-%s\n%s\n\\! scripts/sc16c/mark.sh end %s-%s\n%s\n' "$1" "$2" "$3" "$1" "$2" "$4"
}
edit() {  # where
  printf "set role %s_ui;\nupdate %s.products set discontinued_override = not coalesce(discontinued_override, false) where %s;\nreset role;\n" "$S" "$S" "$1"
}
echo "ab-changes: $S day $DAY, blocks $BLOCKS, singles $PICKED, bulk $BULK; $(date -u +%FT%TZ)" | tee -a "$LOG"
n=0
for V in $BLOCKS; do
  n=$((n + 1))
  # a variant already installed (by the block before, or before the script: CURRENT=on|off) stays as it is
  [ "$V" = "${CURRENT:-}" ] || scripts/sc16c/buckets.sh "$V" 2>&1 | tee -a "$LOG"
  CURRENT=$V
  echo "BLOCK $n $V $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$LOG"
  {
    echo "set client_min_messages = warning;"
    echo "select pg_backend_pid() \\g $PIDFILE"
    measure full "$V" "$FULL" "$FULLINFO"
    for P in $PICKED; do
      edit "erp_id = '$P'"
      measure "single:$P" "$V" "call $S.process_change_events();" "$PASSINFO"
    done
    measure full "$V" "$FULL" "$FULLINFO"
    edit "erp_id in (select erp_id from $S.products order by erp_id limit $BULK)"
    measure "bulk:$BULK" "$V" "call $S.process_change_events();" "$PASSINFO"
  } | psql -X -q -At -v ON_ERROR_STOP=1 2>&1 | tee -a "$LOG"
done
{
  echo "set client_min_messages = warning;"
  echo "select pg_backend_pid() \\g $PIDFILE"
  measure full "$V" "$FULL" "$FULLINFO"
} | psql -X -q -At -v ON_ERROR_STOP=1 2>&1 | tee -a "$LOG"
rm -f "$PIDFILE"
echo "ab-changes done $(date -u +%FT%TZ)" | tee -a "$LOG"

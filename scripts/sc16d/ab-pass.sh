#!/bin/bash
# sc16d: main's one-product pass against this branch's, like for like, in one run: blocks of (install the variant's
# step-6 and processor files with install.sh: old = $OLD_REF's, new = the working tree's; a full run of step 6 on the
# day; SINGLES one-product corrections through the change processor as bench changes makes them), variants in the
# order given (default "old new new old": ABBA against the load's drift), a last full run at the end. Each
# measurement: wall, the backend's CPU (schedstat), the cluster's CPU, load (scripts/sc16c/mark.sh); summarise with
# scripts/sc16c/summarize.py. Leaves the working tree's files installed (bin/cw migrate does too).
# Usage: PGPORT=54422 scripts/sc16d/ab-pass.sh [blocks...]   (S=cw_900201, SINGLES=5, OLD_REF=34676ea; log in $LOG)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54422} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
S=${S:-cw_900201}
SINGLES=${SINGLES:-5}
OLD_REF=${OLD_REF:-34676ea}
LOG=${LOG:-/tmp/sc16d-ab.log}
export PIDFILE=/tmp/sc16d-ab.$$.pid
BLOCKS=${*:-old new new old}
FILES="procedures/tenant/R__0700_step_behaviors.sql procedures/tenant/R__0705_behaviors_measure.sql
  procedures/tenant/R__1620_process_change_events.sql"
DAY=$(psql -XAtc "select max(snapshot_date) from $S.product_behaviors")
PICKED=$(psql -XAtc "select string_agg(erp_id, ' ' order by erp_id) from (select erp_id from $S.products as p
  where exists (select from $S.product_behaviors as b where b.product_id = p.id and b.snapshot_date = '$DAY')
  order by erp_id limit $SINGLES) as picked")
FULL="call $S.run_pipeline('$DAY', 'behaviors', 'behaviors', null);"
PASSINFO="select 'INFO ' || runs.status || ' ' || case when runs.scope is null then 'whole-client' else 'scoped' end
    || ' step ' || coalesce(round(extract(epoch from steps.finished_at - steps.started_at)::numeric, 3)::text, '-')
    || ' rows_out ' || coalesce(steps.rows_out::text, '-')
  from (select * from $S.change_runs order by id desc limit 1) as runs
  left join $S.pipeline_step_runs as steps
      on steps.pipeline_run_id = runs.pipeline_run_id and steps.step_name = 'behaviors';"
FULLINFO="select 'INFO full step ' || round(extract(epoch from steps.finished_at - steps.started_at)::numeric, 3)
    || ' rows_out ' || coalesce(steps.rows_out::text, '-')
  from $S.pipeline_step_runs as steps
  where steps.pipeline_run_id = (select max(id) from $S.pipeline_runs) and steps.step_name = 'behaviors';"
measure() {  # label, variant, sql, info-sql
  printf '\\! scripts/sc16c/mark.sh start %s-%s\n%s\n\\! scripts/sc16c/mark.sh end %s-%s\n%s\n' "$1" "$2" "$3" "$1" "$2" "$4"
}
echo "ab-pass: $S day $DAY, blocks $BLOCKS, singles $PICKED, old $OLD_REF; $(date -u +%FT%TZ)" | tee -a "$LOG"
n=0
for V in $BLOCKS; do
  n=$((n + 1))
  # shellcheck disable=SC2086
  if [ "$V" = old ]; then scripts/sc16d/install.sh "$OLD_REF" $FILES; else scripts/sc16d/install.sh WORKTREE $FILES; fi \
    | tee -a "$LOG"
  echo "BLOCK $n $V $(date -u +%FT%TZ) load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$LOG"
  {
    echo "set client_min_messages = warning;"
    echo "select pg_backend_pid() \\g $PIDFILE"
    measure full "$V" "$FULL" "$FULLINFO"
    for P in $PICKED; do
      printf "set role %s_ui;\nupdate %s.products set discontinued_override = not coalesce(discontinued_override, false) where erp_id = '%s';\nreset role;\n" "$S" "$S" "$P"
      measure "single:$P" "$V" "call $S.process_change_events();" "$PASSINFO"
    done
  } | psql -X -q -At -v ON_ERROR_STOP=1 2>&1 | tee -a "$LOG"
done
{
  echo "set client_min_messages = warning;"
  echo "select pg_backend_pid() \\g $PIDFILE"
  measure full "$V" "$FULL" "$FULLINFO"
} | psql -X -q -At -v ON_ERROR_STOP=1 2>&1 | tee -a "$LOG"
[ "$V" = new ] || scripts/sc16d/install.sh WORKTREE $FILES | tee -a "$LOG"
rm -f "$PIDFILE"
echo "ab-pass done $(date -u +%FT%TZ)" | tee -a "$LOG"

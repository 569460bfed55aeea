#!/bin/bash
# Issue 15 (uplift6): the cost of the uplift evidence triggers on steps 5 and 12. One scratch run, rolled back:
# uplift_measure_state.measured_through set to DAY (every older row is evidence), the step called directly, with the
# six evidence triggers of demand_history and inventory_daily enabled (on) or disabled (off). Prints the call's time,
# the queue rows and the trigger function's own time (track_functions). docs/benchmarks.md "uplift6".
# usage: scripts/uplift-trigger-cost/round.sh SCHEMA STATS_SCHEMA DAY on|off N|F|R|S|SF|UD|UI|DD|DI
#   N  step 5 nightly (DAY + 1)           F  step 5 full (runs deleted: every date)
#   R  step 5 full after truncate         S  step 12 nightly (DAY + 1, after step 5)    SF  stats_rebuild(DAY)
#   one statement: UD update every demand_history row's revenue, UI every inventory_daily row's on hand units;
#   DD delete demand_history, DI inventory_daily rows of the last 30 days
# Interleave on and off; needs CW_PG_PORT (and CW_PG_DB, default catwing). To compare two versions of the function,
# name a file of SQL as FUNCTION_SQL (e.g. the other version's `create or replace function …`, placeholders
# substituted): it runs first inside the rolled-back transaction; the label of the line then says which file.
s=$1; st=$2; D=$3; mode=$4; sc=$5
fn=""
if [ -n "${FUNCTION_SQL:-}" ]; then
  fn="\\i $FUNCTION_SQL"
fi
dis=""
if [ "$mode" = off ]; then
  dis="alter table $s.demand_history disable trigger demand_history_uplift_evidence_insert,
  disable trigger demand_history_uplift_evidence_update, disable trigger demand_history_uplift_evidence_delete;
alter table $st.inventory_daily disable trigger inventory_daily_uplift_evidence_insert,
  disable trigger inventory_daily_uplift_evidence_update, disable trigger inventory_daily_uplift_evidence_delete;"
fi
case $sc in
  N) pre=""; call="call $s.step_demand_history(date '$D' + 1, null);";;
  F) pre="delete from $s.demand_history_runs;"; call="call $s.step_demand_history(date '$D', null);";;
  R) pre="truncate $s.demand_history; delete from $s.demand_history_runs;"
     call="call $s.step_demand_history(date '$D', null);";;
  S) pre="call $s.step_demand_history(date '$D' + 1, null);"; call="call $s.step_stats(date '$D' + 1, null);";;
  SF) pre=""; call="call $s.stats_rebuild(date '$D');";;
  UD) pre=""; call="update $s.demand_history set revenue = revenue + 0.01;";;
  UI) pre=""; call="update $st.inventory_daily set on_hand_qty = on_hand_qty + 1;";;
  DD) pre=""; call="delete from $s.demand_history where demand_date > date '$D' - 30;";;
  DI) pre=""; call="delete from $st.inventory_daily where stat_date > date '$D' - 30;";;
esac
out=$(psql -X -q -h 127.0.0.1 -p "$CW_PG_PORT" -U postgres -d "${CW_PG_DB:-catwing}" -v ON_ERROR_STOP=1 2>&1 <<SQL
set client_min_messages = warning;
set track_functions = 'all';
begin;
$fn
$dis
insert into $s.uplift_measure_state (settings, measured_through) values ('{}', date '$D')
on conflict (id) do update set measured_through = excluded.measured_through;
$pre
select coalesce(pg_stat_get_xact_function_total_time('$s.uplift_evidence_capture()'::regprocedure), 0) as f0 \\gset
\timing on
$call
\timing off
select 'queued=' || count(*) from $s.uplift_evidence_changes;
select 'fn_ms=' || round((coalesce(pg_stat_get_xact_function_total_time('$s.uplift_evidence_capture()'::regprocedure), 0) - :f0)::numeric, 1);
rollback;
SQL
)
t=$(echo "$out" | grep -o 'Time: [0-9.]* ms' | tail -1 | awk '{print $2}')
q="$(echo "$out" | grep -o "queued=[0-9]*") $(echo "$out" | grep -o "fn_ms=[0-9.-]*")"
echo "$sc $mode${FUNCTION_SQL:+ $(basename "$FUNCTION_SQL")} $t $q $(cut -d' ' -f1 /proc/loadavg)"
echo "$out" | grep -i error

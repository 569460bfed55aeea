#!/usr/bin/env bash
# Step forecast's full run (a later forecast of the date: the date's completed forecast marked failed first, the rows
# go in through the parent) of two versions of the procedures, interleaved with the full behaviours step, on a kept
# bench client: wall time and the step's backend CPU (/proc/<pg_backend_pid()>/schedstat, first field) of each, with
# the load average. Order: behaviours, OLD, NEW, behaviours, NEW, OLD, behaviours. The procedure files that differ
# between OLD and NEW (procedures/tenant/) are installed in turn into the client's schema from each commit (the
# repository's placeholders replaced as cw migrate replaces them). Changes the client: use a bench client, and run
# `bin/cw migrate` afterwards to put the working tree's procedures back.
#
#   [CW_DB_URL=postgresql://…] scripts/forecast-cpu-ab.sh CLIENT_SCHEMA FORECAST_DATE OLD_REF NEW_REF
#   e.g. after `bin/cw bench forecast --products 1000 --locations 20 --seed 7 --keep`:
#        scripts/forecast-cpu-ab.sh cw_900401 2024-11-05 main HEAD
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ $# -eq 4 ]] || die "usage: scripts/forecast-cpu-ab.sh CLIENT_SCHEMA FORECAST_DATE OLD_REF NEW_REF"
schema=$1 day=$2 old_ref=$3 new_ref=$4
[[ $schema =~ ^cw_[0-9]{6}$ ]] || die "client schema $schema is not cw_nnnnnn"
[[ $day =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "forecast date $day is not YYYY-MM-DD"
url=${CW_DB_URL:-$("$CW_HOME/bin/cw" db url)}
code="CW-${schema#cw_}"
files=$(git -C "$CW_HOME" diff --name-only "$old_ref" "$new_ref" -- procedures/tenant)
[[ -n $files ]] || die "no procedure file differs between $old_ref and $new_ref"

install() { # ref: the differing procedure files of that commit, placeholders replaced
  local file
  for file in $files; do
    git -C "$CW_HOME" show "$1:$file" \
      | sed -e "s/\${schema}/$schema/g" -e "s/\${staging_schema}/${schema}_staging/g" \
            -e "s/\${stats_schema}/${schema}_stats/g" -e "s/\${owner_role}/${schema}_owner/g" \
            -e "s/\${ui_role}/${schema}_ui/g" -e "s/\${client_code}/$code/g" \
            -e "s/\${client_number}/$((10#${schema#cw_}))/g" \
      | psql "$url" -X -q -v ON_ERROR_STOP=1 >/dev/null
  done
}
measure() { # label, SQL before (not timed), the call
  local out
  out=$(psql "$url" -X -q -At -v ON_ERROR_STOP=1 <<SQL
set client_min_messages = warning;
select pg_backend_pid() as pid \gset
\setenv PID :pid
$2
select extract(epoch from clock_timestamp()) as t0 \gset
\! awk '{printf "%d\n", \$1}' /proc/\$PID/schedstat > /tmp/cw-forecast-cpu-ab.\$PID
$3
select round((extract(epoch from clock_timestamp()) - :t0)::numeric, 2) as wall \gset
\setenv WALL :wall
\! awk -v wall=\$WALL -v cpu0="\$(cat /tmp/cw-forecast-cpu-ab.\$PID)" '{printf "wall %s s, CPU %.2f s", wall, (\$1 - cpu0) / 1e9}' /proc/\$PID/schedstat; rm -f /tmp/cw-forecast-cpu-ab.\$PID
SQL
  )
  printf '%s  %-22s %s  (load %s -> %s)\n' "$(date -u +%T)" "$1" "$out" "$load0" "$(cut -d' ' -f1 /proc/loadavg)"
}
behaviours() {
  load0=$(cut -d' ' -f1 /proc/loadavg)
  measure "behaviours" "delete from $schema.behavior_window_state;" \
    "call $schema.run_pipeline('$day', 'behaviors', 'behaviors', null);"
}
forecast() { # ref
  install "$1"
  load0=$(cut -d' ' -f1 /proc/loadavg)
  measure "forecast $1" "update $schema.demand_forecasts set demand_forecast_status_id = 4
                         where forecast_date = '$day' and demand_forecast_status_id = 3;" \
    "call $schema.run_pipeline('$day', 'forecast', 'forecast', null);"
}

echo "load: $(cut -d' ' -f1-3 /proc/loadavg); files: $files"
behaviours
forecast "$old_ref"
forecast "$new_ref"
behaviours
forecast "$new_ref"
forecast "$old_ref"
behaviours
echo "load: $(cut -d' ' -f1-3 /proc/loadavg); forecasts of $day:"
psql "$url" -X -q -At -c "select id, demand_forecast_status_id, created_at from $schema.demand_forecasts
                          where forecast_date = '$day' order by id"

#!/usr/bin/env bash
# Speed of step forecast against step behaviours on a kept bench client (docs/benchmarks.md "forecast"), as a user
# runs them: run_pipeline for behaviours (window state cleared: a full recompute), for forecast (the date's forecast
# marked failed first: a full run), again (unchanged inputs), then three scoped re-forecasts of one product. Each call
# is a new session; the times are the steps' own, from pipeline_step_runs. Changes the client: use a bench client.
#
#   scripts/forecast-speed.sh CLIENT_SCHEMA FORECAST_DATE PRODUCT_ERP_ID
#   e.g. after `bin/cw bench forecast --products 1000 --locations 20 --keep`:
#        scripts/forecast-speed.sh cw_900401 2024-11-05 P000044
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ $# -eq 3 ]] || die "usage: scripts/forecast-speed.sh CLIENT_SCHEMA FORECAST_DATE PRODUCT_ERP_ID"
schema=$1 day=$2 product=$3
[[ $schema =~ ^cw_[0-9]{6}$ ]] || die "client schema $schema is not cw_nnnnnn"
[[ $day =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "forecast date $day is not YYYY-MM-DD"
[[ $product =~ ^[A-Za-z0-9_.-]+$ ]] || die "product id $product has unexpected characters"
url=$("$CW_HOME/bin/cw" db url)

sql() { psql "$url" -v ON_ERROR_STOP=1 -Atq -c "set client_min_messages = warning" -c "$1"; }
last_step() {
  sql "select round(extract(epoch from finished_at - started_at)::numeric, 2) || ' s, ' || status || ', '
              || coalesce(detail ->> 'mode', '') || ', rows written ' || coalesce(rows_out::text, '-')
       from $schema.pipeline_step_runs where step_name = '$1' order by id desc limit 1"
}

echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
sql "delete from $schema.behavior_window_state"
sql "call $schema.run_pipeline('$day', 'behaviors', 'behaviors', null)"
echo "behaviors (full):   $(last_step behaviors)"
sql "update $schema.demand_forecasts set demand_forecast_status_id = 4
     where forecast_date = '$day' and demand_forecast_status_id = 3"
sql "call $schema.run_pipeline('$day', 'forecast', 'forecast', null)"
echo "forecast (full):    $(last_step forecast)"
sql "call $schema.run_pipeline('$day', 'forecast', 'forecast', null)"
echo "forecast (again):   $(last_step forecast)"
for run in 1 2 3; do
  sql "call $schema.run_pipeline('$day', 'forecast', 'forecast', '{\"products\": [\"$product\"]}')"
  echo "forecast ($product): $(last_step forecast)"
done
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"

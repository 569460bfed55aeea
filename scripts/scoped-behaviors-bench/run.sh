#!/bin/bash
# Step 6's scoped computation, new vs main's behaviors_measure, interleaved (docs/benchmarks.md#changes, bulkscope).
# Usage: scripts/scoped-behaviors-bench/run.sh BASE_REV   (PGHOST/PGPORT/PGUSER/PGDATABASE of a cluster with a client
# CW-900313 created by cw, e.g. `cw bench changes --client CW-900313 ... --keep`; the scripts name schema cw_900313).
# Builds 2,000 products x 20 stores x 90 days once (world.sql, triggers off), installs BASE_REV's behaviors_measure as
# behaviors_measure_old, then times scoped runs of 1, 200 and 2,000 products and a full run.
set -euo pipefail
cd "$(dirname "$0")"
rev=${1:?base revision, e.g. main}
if [ "$(psql -X -Atc "select count(*) from cw_900313.products where erp_id like 'BP%'")" = 0 ]; then
  psql -X -q -v ON_ERROR_STOP=1 -v P=2000 -v L=20 -f world.sql
fi
git show "$rev:procedures/tenant/R__0705_behaviors_measure.sql" \
  | sed 's/\${schema}/cw_900313/g; s/procedure cw_900313.behaviors_measure(/procedure cw_900313.behaviors_measure_old(/' \
  | psql -X -q -v ON_ERROR_STOP=1
sed 's/\${schema}/cw_900313/g' ../../procedures/tenant/R__0705_behaviors_measure.sql | psql -X -q -v ON_ERROR_STOP=1
for step in "1 behaviors_measure" "1 behaviors_measure_old" "200 behaviors_measure" "200 behaviors_measure_old" full \
            "200 behaviors_measure" "1 behaviors_measure" "2000 behaviors_measure"; do
  if [ "$step" = full ]; then psql -X -q -f full.sql 2>&1 | grep RESULT; continue; fi
  set -- $step
  psql -X -q -v N="$1" -v proc="$2" -f scoped.sql 2>&1 | grep RESULT
done

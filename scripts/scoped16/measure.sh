#!/bin/bash
# scoped16: the measurements of docs/benchmarks.md#changes "scoped16", in one run on the kept M world (client
# CW-900201 of bench behaviors --days 100 --keep): bench behaviors --reuse (full, unchanged full, scoped runs), then
# bench changes --reuse --severity local --edits 1000 with changes.whole_client_above_pct = 30, so that the
# 1,000-product pass runs scoped (the default 5 % would run it for the whole client), reset afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
export CW_PG_PORT=${CW_PG_PORT:-54414} CW_S3_PORT=${CW_S3_PORT:-54514}
echo "== $(date -u +%FT%TZ) bench behaviors --reuse (load $(cut -d' ' -f1-3 /proc/loadavg))"
bin/cw bench behaviors --reuse --scoped-runs 5
bin/cw settings CW-900201 --set changes.whole_client_above_pct=30 >/dev/null
echo "== $(date -u +%FT%TZ) bench changes --reuse --severity local --edits 1000 (load $(cut -d' ' -f1-3 /proc/loadavg))"
bin/cw bench changes --client CW-900201 --reuse --severity local --edits 1000 || status=$?
bin/cw settings CW-900201 --unset changes.whole_client_above_pct >/dev/null
echo "== $(date -u +%FT%TZ) done (load $(cut -d' ' -f1-3 /proc/loadavg))"
exit ${status:-0}

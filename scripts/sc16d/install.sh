#!/bin/bash
# sc16d: install tenant repeatable files of a git ref into the kept world's client, by psql (the placeholders of
# Migrator.placeholders filled in), for A/B runs; `bin/cw migrate` re-installs the tree's files afterwards (their
# checksums differ from what Flyway recorded only when the tree's file changed).
# Usage: PGPORT=54422 scripts/sc16d/install.sh REF|WORKTREE file...   (files relative to the repository; CLIENT=CW-900201)
set -euo pipefail
cd "$(dirname "$0")/../.."
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54422} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
CLIENT=${CLIENT:-CW-900201}
NO=${CLIENT#CW-}
S=cw_$NO
REF=$1; shift
for f in "$@"; do
  { if [ "$REF" = WORKTREE ]; then cat "$f"; else git show "$REF:$f"; fi; } | sed -e "s/\${schema}/$S/g" -e "s/\${staging_schema}/${S}_staging/g" -e "s/\${stats_schema}/${S}_stats/g" \
    -e "s/\${owner_role}/${S}_owner/g" -e "s/\${ui_role}/${S}_ui/g" -e "s/\${client_code}/$CLIENT/g" \
    -e "s/\${client_number}/$((10#$NO))/g" | psql -X -q -v ON_ERROR_STOP=1 >/dev/null
done
echo "installed $REF: $*"

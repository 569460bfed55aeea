#!/usr/bin/env bash
# Step 9 on a weekly full night, old against new, interleaved in one run (recs6; docs/recommendations.md "Step 9's
# weekly full night"). Old = assortment_compute of OLD_REF and V32's history trigger function, installed inside the
# transaction; new = what the client has now. Every call is rolled back. Prints each call's time with the load average
# and compares the rows, history rows and product phase-out scores old and new wrote.
#
# Usage: CW_PG_PORT=54417 scripts/assortment-full-night-ab.sh SCHEMA RUN_DATE [ROUNDS] [OLD_REF]
#   e.g. scripts/assortment-full-night-ab.sh cw_900417 2024-03-06 2 27d1866
# Run steps 6-8 for RUN_DATE first (bin/cw run CODE --date RUN_DATE --from-step behaviors --to-step
# inventory_targets), so that the step meets a new snapshot, forecast and targets as on a weekly full night.
set -euo pipefail
schema=$1 run_date=$2 rounds=${3:-2} old_ref=${4:-27d1866}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
chmod 777 "$work"
psql_cw=(psql -h 127.0.0.1 -p "${CW_PG_PORT:?set CW_PG_PORT}" -U postgres -d catwing -q -v ON_ERROR_STOP=1)

subst() { sed -e "s/\${schema}/$schema/g" -e "s/\${ui_role}/${schema}_ui/g"; }
git show "$old_ref:procedures/tenant/R__0885_assortment_compute.sql" | subst > "$work/old.sql"
git show "$old_ref:migrations/tenant/V32__create_assortments.sql" \
    | awk '/^create function \$\{schema\}.assortment_products_record_history/ {f = 1} f {print} f && /^\$\$;/ {exit}' \
    | sed 's/^create function/create or replace function/' | subst >> "$work/old.sql"
echo 'select 1;' > "$work/new.sql"

for round in $(seq 1 "$rounds"); do
    for version in old new; do
        load=$(cut -d' ' -f1 /proc/loadavg)
        took=$("${psql_cw[@]}" 2>&1 <<SQL | grep -o 'Time: [0-9.]*' | tail -1
begin;
\i $work/$version.sql
\timing on
call $schema.step_assortment('$run_date'::date, null);
\timing off
copy (select (to_jsonb(rows) - 'updated_at')::text from $schema.assortment_products as rows order by rows.id)
to '$work/$version-rows.txt';
copy (select (to_jsonb(history) - 'id' - 'changed_at' - 'changed_by')::text
      from $schema.assortment_product_updates as history where history.changed_at = now()
      order by history.assortment_product_id) to '$work/$version-history.txt';
copy (select (to_jsonb(behaviors))::text from $schema.product_behaviors as behaviors
      where behaviors.snapshot_date = (select max(snapshot_date) from $schema.product_behaviors)
      order by behaviors.product_id) to '$work/$version-behaviors.txt';
rollback;
SQL
)
        echo "$schema $run_date round $round $version ${took#Time: } ms, load average $load"
    done
done
for kind in rows history behaviors; do
    if cmp -s "$work/old-$kind.txt" "$work/new-$kind.txt"; then
        echo "$kind: identical ($(wc -l < "$work/new-$kind.txt") lines)"
    else
        echo "$kind: DIFFER (see $work)"
    fi
done

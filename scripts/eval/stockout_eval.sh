#!/usr/bin/env bash
# Evaluates step 5's stockout inference on generated worlds against the generator's ground truth (docs/demand.md,
# "Measured accuracy"). Usage: scripts/eval/stockout_eval.sh CODE SEED START DAYS [--no-store-stock]
# Creates the client if needed, generates, loads, runs the pipeline up to demand_history day by day, then prints one
# line: pair-days, stockout days, true lost units, imputed units, absolute error of sales and of demand_qty against the
# true demand over all customer-facing pair-days of the last DAYS-28 days (the first 28 build the pattern).
set -euo pipefail
cd "$(dirname "$0")/../.."
code=$1 seed=$2 start=$3 days=$4 stock=${5:-}
schema=cw_${code#CW-}
url=$(bin/cw db url)
bin/cw tenant list 2>/dev/null | grep -q "$code" || bin/cw tenant create "$code" >/dev/null
bin/cw generate --client "$code" --start "$start" --days "$days" --products 60 --locations 8 --suppliers 8 \
    --seed "$seed" $stock --no-progress 2>/dev/null
end=$(date -d "$start + $((days - 1)) days" +%F)
bin/cw load "$code" --from "$start" --to "$end" >/dev/null
for ((d = 0; d < days; d++)); do
    day=$(date -d "$start + $d days" +%F)
    psql "$url" -q -v ON_ERROR_STOP=1 -c "call $schema.run_pipeline('$day', null, 'demand_history', null)" >/dev/null
done
psql "$url" -q -v ON_ERROR_STOP=1 -c "create table if not exists public.truth_$schema (product text, location text, demand_date date, demand numeric, lost numeric)" -c "truncate public.truth_$schema" >/dev/null
tmp=$(mktemp)
for ((d = 0; d < days; d++)); do
    day=$(date -d "$start + $d days" +%F)
    # the embedded S3's filesystem backend (CW_S3_ENDPOINT unset)
    cat ".cw/s3/data/catwing-masters/client-data/$code/ground-truth/demand/$day.jsonl" >>"$tmp" 2>/dev/null || true
done
python3 - "$tmp" > "$tmp.csv" <<'PY'
import json, sys
for line in open(sys.argv[1]):
    if line.strip():
        r = json.loads(line)
        print(f"{r['product_id']},{r['location_id']},{r['date']},{r['demand']},{r['lost']}")
PY
psql "$url" -q -v ON_ERROR_STOP=1 -c "\copy public.truth_$schema from '$tmp.csv' csv"
rm -f "$tmp" "$tmp.csv"
psql "$url" -At -F ' ' -v ON_ERROR_STOP=1 <<SQL
with facts as (
    select h.quantity, h.demand_qty, not h.is_in_stock as is_stockout, coalesce(h.stockout_qty, 0) as imputed,
           coalesce(t.demand, 0) as demand, coalesce(t.lost, 0) as lost
    from $schema.demand_history as h
    inner join $schema.products as p on p.id = h.product_id
    inner join $schema.locations as l on l.id = h.location_id
    left join public.truth_$schema as t on t.product = p.erp_id and t.location = l.erp_id and t.demand_date = h.demand_date
    where h.demand_date >= date '$start' + 28
)
select '$code seed $seed ${stock:-stock}' as world, count(*) as pair_days, count(*) filter (where is_stockout) as stockout_days,
       (select sum(lost) from public.truth_$schema where demand_date >= date '$start' + 28) as true_lost,
       sum(imputed) as imputed, sum(abs(quantity - demand)) as abs_err_sales, round(sum(abs(demand_qty - demand)), 1) as abs_err_imputed,
       round(sum(imputed) / nullif((select sum(lost) from public.truth_$schema where demand_date >= date '$start' + 28), 0), 3) as imputed_over_lost
from facts;
SQL

#!/usr/bin/env bash
# Method 1c (a promotion running on the forecast date) on a kept `cw bench forecast --keep` client at many origins:
# at each origin the price lists are set to what the ERP's snapshot of that day would carry (the promotion price of
# every product in promotion that day, from bench_truth), then two variants of the method (e.g. main's
# forecast_compute installed under another name, and this one) run with 2 horizon weeks; their rows go to
# SCHEMA.fcacc_origin_rows. At the end the cut-off's snapshot is restored and scripts/forecast-promo-origins.sql
# scores the pairs the new variant lifted against the oracle and the actuals (docs/benchmarks.md, "A promotion
# running on the forecast date"). Changes the client (prices, one table): use a bench client.
#
#   scripts/forecast-promo-origins.sh SCHEMA BASE_PROCEDURE NEW_PROCEDURE ORIGIN...
#   e.g. scripts/forecast-promo-origins.sh cw_900407 forecast_compute_main forecast_compute 2024-10-26 2024-10-16
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[[ $# -ge 4 ]] || die "usage: scripts/forecast-promo-origins.sh SCHEMA BASE_PROCEDURE NEW_PROCEDURE ORIGIN..."
s=$1 base=$2 new=$3; shift 3
[[ $s =~ ^cw_[0-9]{6}$ ]] || die "client schema $s is not cw_nnnnnn"
[[ $base =~ ^[a-z_][a-z0-9_]*$ && $new =~ ^[a-z_][a-z0-9_]*$ ]] || die "procedure names: lower-case identifiers"
url=${CW_DATABASE_URL:-$("$CW_HOME/bin/cw" db url)}
snapshot() { # the price lists' promotion prices as of day $1
  echo "update $s.prices set promo_price = promo.price, erp_promo_price = promo.price from $s.products
        left join (select truth.product_id, round((max(products.price) * (1 - max(truth.discount)))::numeric, 4) as price
                   from $s.bench_truth as truth inner join $s.products on products.id = truth.product_id
                   where truth.demand_date = '$1' and truth.discount > 0 group by truth.product_id) as promo
            on promo.product_id = products.id
        where products.id = prices.product_id;"
}
variant() { # run procedure $2 at origin $1, keep its rows as variant $3
  echo "do \$d\$ declare v jsonb; begin select metadata -> 'settings' into v from $s.demand_forecasts order by id desc
        limit 1; call $s.$2('$1'::date, v || '{\"horizon_weeks\": 2}', null, null, null); end \$d\$;
        insert into $s.fcacc_origin_rows select '$1', '$3', rows.product_id, rows.location_id, rows.horizon_days / 7,
               rows.predicted_qty, $4 from fc_out_rows as rows $5;"
}
psql "$url" -q -v ON_ERROR_STOP=1 -c "create table if not exists $s.fcacc_origin_rows (origin date, variant text,
  product_id integer, location_id integer, h integer, predicted_qty float8, factor float8,
  primary key (origin, variant, product_id, location_id, h))"
for o in "$@"; do
  [[ $o =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "origin $o is not YYYY-MM-DD"
  echo "origin $o $(date -u +%T), load $(cut -d' ' -f1-3 /proc/loadavg)"
  psql "$url" -q -v ON_ERROR_STOP=1 <<SQL
begin;
set client_min_messages = warning;
delete from $s.fcacc_origin_rows where origin = '$o';
$(snapshot "$o")
$(variant "$o" "$base" base null "")
$(variant "$o" "$new" promo lift.factor "left join fc_promo_lift as lift on lift.product_id = rows.product_id and lift.location_id = rows.location_id and lift.h = rows.horizon_days / 7")
commit;
SQL
done
cutoff=$(psql "$url" -Atc "select max(demand_date) from $s.demand_history")
psql "$url" -q -v ON_ERROR_STOP=1 -c "$(snapshot "$cutoff")"
psql "$url" -v ON_ERROR_STOP=1 -v s="$s" -f "$(dirname "${BASH_SOURCE[0]}")/forecast-promo-origins.sql"

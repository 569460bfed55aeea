#!/bin/bash
# sc16d: the backend CPU of the parts of a one-product scoped step 6, each called alone in one session (a transaction
# per product, rolled back): settings('behaviors'), behaviors_window_sums, behaviors_measure (the window sums
# included), behaviors_write, supplier_availability_behaviors_write, and the whole step_behaviors. CPU from
# /proc/self/schedstat (pg_read_file), ms. With auto_explain off: nothing else runs in the backend.
# Usage: PGPORT=54422 scripts/sc16d/phases.sh [products...]   (default P000021..P000025)
set -euo pipefail
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-54422} PGUSER=${PGUSER:-postgres} PGDATABASE=${PGDATABASE:-catwing}
S=${S:-cw_900201}
DAY=$(psql -XAtc "select max(snapshot_date) from $S.product_behaviors")
PRODUCTS=${*:-P000021 P000022 P000023 P000024 P000025}
{
  echo "set client_min_messages = warning;"
  echo "create or replace function pg_temp.cpu_ns() returns bigint language sql volatile as
    \$\$ select split_part(pg_read_file('/proc/self/schedstat'), ' ', 1)::bigint \$\$;"
  for P in $PRODUCTS; do
    cat <<SQL
begin;
select array_agg(id) as ids from $S.products where erp_id = '$P' \\gset
select pg_temp.cpu_ns() as c0 \\gset
select $S.settings('behaviors') as settings \\gset
select pg_temp.cpu_ns() as c1 \\gset
call $S.behaviors_window_sums('$DAY', :'settings'::jsonb, :'ids'::integer [], null);
select pg_temp.cpu_ns() as c2 \\gset
call $S.behaviors_measure('$DAY', :'settings'::jsonb, :'ids'::integer []);
select pg_temp.cpu_ns() as c3 \\gset
call $S.behaviors_write('$DAY', 90, :'ids'::integer [], null, null);
select pg_temp.cpu_ns() as c4 \\gset
call $S.supplier_availability_behaviors_write('$DAY', :'ids'::integer []);
select pg_temp.cpu_ns() as c5 \\gset
call $S.step_behaviors('$DAY', '{"products": ["$P"]}');
select pg_temp.cpu_ns() as c6 \\gset
select 'PHASES $P settings ' || round((:c1 - :c0) / 1e6, 1) || ' window_sums ' || round((:c2 - :c1) / 1e6, 1)
    || ' measure ' || round((:c3 - :c2) / 1e6, 1) || ' write ' || round((:c4 - :c3) / 1e6, 1)
    || ' supplier_write ' || round((:c5 - :c4) / 1e6, 1) || ' step_behaviors ' || round((:c6 - :c5) / 1e6, 1)
    || ' load ' || split_part(pg_read_file('/proc/loadavg'), ' ', 1);
rollback;
SQL
  done
} | psql -X -q -At -v ON_ERROR_STOP=1 2>&1 | grep -E 'PHASES|ERROR'

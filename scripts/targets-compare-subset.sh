#!/bin/bash
# Step 8 compute + simulation of the pairs with product_id % MOD = 0 (simulation cache emptied, rolled back), dumped
# (targets and every parameter) to OUT, to compare two versions of the code byte for byte on one world.
# Usage: scripts/targets-compare-subset.sh SCHEMA DATE MOD OUT
S=${1:-cw_900420}; D=${2:-2023-12-31}; MOD=${3:-10}; OUT=$4
PSQL="psql -X -q -h 127.0.0.1 -p ${CW_PG_PORT:-54416} -U postgres -d catwing -v ON_ERROR_STOP=1"
$PSQL <<SQL
begin;
truncate $S.inventory_simulation_cache;
set client_min_messages = warning;
select clock_timestamp() as t0 \gset
call $S.inventory_targets_compute('$D', null, null);
delete from inventory_targets_computed where product_id % $MOD <> 0;
select round(extract(epoch from clock_timestamp() - :'t0'::timestamptz)::numeric, 2) as compute_wall, count(*) from inventory_targets_computed;
select clock_timestamp() as t1 \gset
call $S.inventory_targets_simulate('$D', false);
select round(extract(epoch from clock_timestamp() - :'t1'::timestamptz)::numeric, 2) as simulate_wall;
\copy (select product_id, location_id, inventory_strategy_id, target_stock, reorder_point, safety_stock, fill_rate_simulated, zero_reason, strategy_source, params::text from inventory_targets_computed order by 1, 2) to '$OUT'
rollback;
SQL

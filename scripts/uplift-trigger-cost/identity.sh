#!/bin/bash
# Issue 15 (uplift6, tidy2): two versions of uplift_evidence_capture queue the same rows. One mixed batch per version,
# each in its own rolled-back transaction, with uplift_measure_state.measured_through = THROUGH: measured values
# changed on a third of the pairs, an unmeasured column on another third, rows moved to dates before the world (some
# across THROUGH), rows deleted, rows inserted; the same on inventory_daily. The sorted queues are compared with cmp.
# usage: scripts/uplift-trigger-cost/identity.sh SCHEMA STATS_SCHEMA THROUGH OLD_SQL NEW_SQL
#   OLD_SQL / NEW_SQL: files with a `create or replace function SCHEMA.uplift_evidence_capture()` (placeholders
#   substituted). Needs CW_PG_PORT (and CW_PG_DB, default catwing); writes /tmp/uplift-queue-{old,new}.txt.
s=$1; st=$2; D=$3
for v in old new; do
  if [ $v = old ]; then f=$4; else f=$5; fi
  psql -X -q -h 127.0.0.1 -p "$CW_PG_PORT" -U postgres -d "${CW_PG_DB:-catwing}" -v ON_ERROR_STOP=1 <<SQL
set client_min_messages = warning;
begin;
\i $f
insert into $s.uplift_measure_state (settings, measured_through) values ('{}', date '$D')
on conflict (id) do update set measured_through = excluded.measured_through;
update $s.demand_history set revenue = revenue + 1 where product_id % 3 = 0 and demand_date > date '$D' - 19;
update $s.demand_history set cost = cost + 1 where product_id % 3 = 1;
update $s.demand_history set demand_date = demand_date - 400
where product_id % 7 = 2 and demand_date between date '$D' - 5 and date '$D' + 5;
delete from $s.demand_history where product_id % 11 = 3 and demand_date > date '$D' - 5;
insert into $s.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock, stockout_qty,
                               is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select product_id, location_id, demand_date - 365, quantity, revenue, cost, is_in_stock, stockout_qty, is_oos_imputed,
       demand_qty, demand_source_type_id, computed_on
from $s.demand_history where product_id % 13 = 4 and demand_date > date '$D' - 10;
update $st.inventory_daily set on_hand_qty = on_hand_qty + 1 where product_id % 3 = 0 and stat_date > date '$D' - 15;
update $st.inventory_daily set blocked_qty = blocked_qty + 1 where product_id % 3 = 1;
update $st.inventory_daily set stat_date = stat_date - 400, balance_date = balance_date - 400
where product_id % 7 = 2 and stat_date between date '$D' - 5 and date '$D' + 5;
delete from $st.inventory_daily where product_id % 11 = 3 and stat_date > date '$D' - 5;
insert into $st.inventory_daily (product_id, location_id, stat_date, balance_date, on_hand_qty, blocked_qty,
                                  reserved_qty, stock_value)
select product_id, location_id, stat_date - 365, balance_date - 365, on_hand_qty, blocked_qty, reserved_qty, stock_value
from $st.inventory_daily where product_id % 13 = 4 and stat_date > date '$D' - 10;
\copy (select source, product_id, location_id, first_date, last_date from $s.uplift_evidence_changes order by 1, 2, 3, 4, 5) to '/tmp/uplift-queue-$v.txt'
rollback;
SQL
done
wc -l /tmp/uplift-queue-old.txt /tmp/uplift-queue-new.txt
cut -f1 /tmp/uplift-queue-new.txt | sort | uniq -c
cmp /tmp/uplift-queue-old.txt /tmp/uplift-queue-new.txt && echo "identical queues"

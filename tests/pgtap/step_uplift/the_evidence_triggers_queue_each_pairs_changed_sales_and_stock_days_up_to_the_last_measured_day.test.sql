begin;
select plan(10);

-- Issue 15, the evidence triggers of demand_history and inventory_daily (procedures/tenant/R__1302): every insert,
-- update and delete statement queues, per product x location, the range of the days it changed up to
-- uplift_measure_state.measured_through (a later day is read by no stored measurement), counting an update only when a
-- measured value changed (units, revenue, demand, in stock, stock-out units; on hand units) and a moved row with each
-- key it had. The uplift world (tests/pgtap/fixtures.sql): sales of UP-RESP and UP-NONE at UP-S and stock at UP-W and
-- UP-S, every day 2024-02-23 .. 2024-03-10.
select tests.uplift_world('2024-03-01');
create temporary view tap_queue as
select queue.source, products.erp_id as product, locations.erp_id as location, queue.first_date, queue.last_date
from cw_000901.uplift_evidence_changes as queue
inner join cw_000901.products on products.id = queue.product_id
inner join cw_000901.locations on locations.id = queue.location_id;

update cw_000901.demand_history set revenue = revenue + 1;
update cw_000901_stats.inventory_daily set on_hand_qty = on_hand_qty + 1;
select is_empty($$ select * from cw_000901.uplift_evidence_changes $$,
                'before anything was measured (no measured_through) no write queues anything');

insert into cw_000901.uplift_measure_state (settings, measured_through) values ('{}', '2024-03-05');

-- demand_history
update cw_000901.demand_history as history
set cost = history.cost + 1,
    revenue = history.revenue + case when products.erp_id = 'UP-NONE' and history.demand_date >= '2024-03-03'
                                     then 1 else 0 end
from cw_000901.products
where products.id = history.product_id;
select results_eq($$ select * from tap_queue order by product, location $$,
                  $$ values ('demand_history', 'UP-NONE', 'UP-S', '2024-03-03'::date, '2024-03-05'::date) $$,
                  'an update queues the days up to measured_through whose revenue changed, not a change of cost');
delete from cw_000901.uplift_evidence_changes;

update cw_000901.demand_history as history
set demand_date = case history.demand_date when '2024-02-23' then '2024-02-22'::date
                                           when '2024-03-05' then '2024-03-11'::date
                                           else '2024-03-12'::date end
from cw_000901.products
where products.id = history.product_id and products.erp_id = 'UP-RESP'
    and history.demand_date in ('2024-02-23', '2024-03-05', '2024-03-10');
select results_eq($$ select * from tap_queue order by product, location $$,
                  $$ values ('demand_history', 'UP-RESP', 'UP-S', '2024-02-22'::date, '2024-03-05'::date) $$,
                  'a moved day counts with each key it had up to measured_through: 02-23 -> 02-22 both, '
                  '03-05 -> 03-11 its old day, 03-10 -> 03-12 neither');
delete from cw_000901.uplift_evidence_changes;

delete from cw_000901.demand_history as history
using cw_000901.products
where products.id = history.product_id and products.erp_id = 'UP-NONE' and history.demand_date >= '2024-03-04';
select results_eq($$ select * from tap_queue order by product, location $$,
                  $$ values ('demand_history', 'UP-NONE', 'UP-S', '2024-03-04'::date, '2024-03-05'::date) $$,
                  'a delete queues the deleted days up to measured_through');
delete from cw_000901.uplift_evidence_changes;

insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, locations.id, days.day, 1, 10, 6, true, null, false, 1, 1, days.day
from cw_000901.products
cross join cw_000901.locations
cross join generate_series(date '2024-03-02', date '2024-03-07', interval '1 day') as days (day)
where products.erp_id in ('UP-LESS', 'UP-LATE') and locations.erp_id = 'UP-S'
    and (products.erp_id = 'UP-LESS' or days.day > '2024-03-05');
select results_eq($$ select * from tap_queue order by product, location $$,
                  $$ values ('demand_history', 'UP-LESS', 'UP-S', '2024-03-02'::date, '2024-03-05'::date) $$,
                  'an insert queues the inserted days up to measured_through, nothing for days after it');
delete from cw_000901.uplift_evidence_changes;

-- inventory_daily
update cw_000901_stats.inventory_daily as inventory
set blocked_qty = inventory.blocked_qty + 1,
    on_hand_qty = inventory.on_hand_qty + case when products.erp_id = 'UP-RESP' then 1 else 0 end
from cw_000901.products
where products.id = inventory.product_id;
select results_eq($$ select * from tap_queue order by product, location $$,
                  $$ values ('inventory_daily', 'UP-RESP', 'UP-S', '2024-02-23'::date, '2024-03-05'::date),
                            ('inventory_daily', 'UP-RESP', 'UP-W', '2024-02-23'::date, '2024-03-05'::date) $$,
                  'a stock update queues each pair whose on hand units changed, not a change of blocked units');
delete from cw_000901.uplift_evidence_changes;

update cw_000901_stats.inventory_daily as inventory
set stat_date = '2024-03-11'
from cw_000901.products
where products.id = inventory.product_id and products.erp_id = 'UP-NONE' and inventory.stat_date = '2024-03-01';
select results_eq($$ select * from tap_queue order by product, location $$,
                  $$ values ('inventory_daily', 'UP-NONE', 'UP-W', '2024-03-01'::date, '2024-03-01'::date) $$,
                  'a stock day moved past measured_through counts with its old day');
delete from cw_000901.uplift_evidence_changes;

delete from cw_000901_stats.inventory_daily as inventory
using cw_000901.products, cw_000901.locations
where products.id = inventory.product_id and locations.id = inventory.location_id
    and products.erp_id = 'UP-RESP' and locations.erp_id = 'UP-S' and inventory.stat_date >= '2024-03-04';
select results_eq($$ select * from tap_queue order by product, location $$,
                  $$ values ('inventory_daily', 'UP-RESP', 'UP-S', '2024-03-04'::date, '2024-03-05'::date) $$,
                  'a stock delete queues the deleted days up to measured_through');
delete from cw_000901.uplift_evidence_changes;

insert into cw_000901_stats.inventory_daily (product_id, location_id, stat_date, balance_date, on_hand_qty,
                                             blocked_qty, reserved_qty, stock_value)
select products.id, locations.id, days.day, days.day, 7, 0, 0, 42
from cw_000901.products
cross join cw_000901.locations
cross join generate_series(date '2024-03-01', date '2024-03-09', interval '1 day') as days (day)
where products.erp_id = 'UP-LESS' and locations.erp_id in ('UP-W', 'UP-S');
select results_eq($$ select * from tap_queue order by product, location $$,
                  $$ values ('inventory_daily', 'UP-LESS', 'UP-S', '2024-03-01'::date, '2024-03-05'::date),
                            ('inventory_daily', 'UP-LESS', 'UP-W', '2024-03-01'::date, '2024-03-05'::date) $$,
                  'a stock insert queues each pair''s inserted days up to measured_through');
delete from cw_000901.uplift_evidence_changes;

update cw_000901.demand_history set quantity = quantity where demand_date <= '2024-03-05';
update cw_000901_stats.inventory_daily set on_hand_qty = on_hand_qty + 0;
select is_empty($$ select * from cw_000901.uplift_evidence_changes $$,
                'a rewrite of the same values queues nothing');

select * from finish();
rollback;

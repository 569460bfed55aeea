-- A night writes one new day at every pair. Its weeks take the day's sums added to the row they hold (or a new row
-- for a new week) instead of re-reading the week's other days from demand_history, which grew with the history (83 s
-- of an M night's step 5). The result must still equal a recompute from the daily rows, and a week whose row is not
-- exact (written with the triggers bypassed) is recomputed rather than added to.
begin;
select plan(5);

select tests.forecast_world('2024-06-30');

-- Wednesday 2024-06-05 goes (a hole in the middle of its week); then it and the two days after the world's end come
-- back, as a night's inserts: a day inside a week, the last day of a week (Sunday 2024-06-30 is in the world: Monday
-- 2024-07-01 starts a new week).
delete from cw_000901.demand_history where demand_date = '2024-06-05';
create temporary table pairs as select distinct product_id, location_id from cw_000901.demand_history;
create temporary table scans_before as
select coalesce(seq_scan, 0) + coalesce(idx_scan, 0) as scans
from pg_stat_xact_user_tables where relid = 'cw_000901.demand_history'::regclass;

insert into cw_000901.demand_history (
    product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock, stockout_qty, is_oos_imputed,
    demand_qty, demand_source_type_id, computed_on
)
select pairs.product_id, pairs.location_id, days.demand_date, 2, 21.5, 8, true, null, false, 2, 1, '2024-07-02'
from pairs
cross join (values (date '2024-06-05'), ('2024-07-01'), ('2024-07-02')) as days (demand_date);

select is((select coalesce(seq_scan, 0) + coalesce(idx_scan, 0)
           from pg_stat_xact_user_tables where relid = 'cw_000901.demand_history'::regclass),
          (select scans from scans_before),
          'inserting new days does not read demand_history to update their weeks');
select is(cw_000901.demand_weeks_rebuild(), 0::bigint,
          'after the inserts demand_weeks equals a full recompute from demand_history');
select is((select count(*)::integer from cw_000901.demand_weeks where week_start = '2024-07-01'),
          (select count(*)::integer from pairs),
          'a new week gets a row per pair');

-- Weeks made inexact behind the triggers' back (their rows still list a deleted Tuesday): inserting that day again
-- recomputes those weeks from the daily rows instead of adding the day twice.
set local session_replication_role = replica;
delete from cw_000901.demand_history where demand_date = '2024-06-04';
set local session_replication_role = origin;
insert into cw_000901.demand_history (
    product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock, stockout_qty, is_oos_imputed,
    demand_qty, demand_source_type_id, computed_on
)
select pairs.product_id, pairs.location_id, '2024-06-04', 1, 9, 4, true, null, false, 1, 1, '2024-07-02'
from pairs
order by pairs.product_id, pairs.location_id
limit 3;
select is((select cw_000901.demand_weeks_refresh(array_agg(product_id), array_agg(location_id),
                                                 array_agg(date '2024-06-03'))
           from cw_000901.demand_history where demand_date = '2024-06-04'),
          0::bigint, 'the weeks that got their Tuesday again were recomputed: a refresh of them changes nothing');
select is((select weeks.demand_qty_cum[2] - weeks.demand_qty_cum[1] from cw_000901.demand_weeks as weeks
           inner join (select product_id, location_id from pairs order by product_id, location_id limit 1) as pair
               on pair.product_id = weeks.product_id and pair.location_id = weeks.location_id
           where weeks.week_start = '2024-06-03'),
          1::numeric, 'the recomputed week counts the inserted Tuesday once');

select * from finish();
rollback;

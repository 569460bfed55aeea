-- Step demand_history's upsert (demand_history_write) moves demand_weeks inside its own statement: the written rows'
-- changes are added to the weeks' running sums, without the generic demand_weeks_capture triggers (disabled here
-- for inserts and updates, so only the write's own upkeep can keep the aggregate exact). Changed days, unchanged
-- days, a new day in a new week, weeks without an aggregate row yet and a vanished pair (deleted: the delete
-- trigger) must leave demand_weeks equal to a full recompute.
begin;
select plan(7);

select tests.forecast_world('2024-06-30');
alter table cw_000901.demand_history disable trigger demand_weeks_capture_insert;
alter table cw_000901.demand_history disable trigger demand_weeks_capture_update;

create temp table vanished as
select product_id, location_id from cw_000901.demand_history where demand_date = '2024-06-30'
order by product_id, location_id limit 1;
-- The targets of three dates: Wednesday 26 June (every second pair sells 2 more), Sunday 30 June (unchanged, one
-- pair vanished) and Monday 1 July (new rows: a new ISO week).
create temp table demand_targets as
select history.product_id, history.location_id, history.demand_date,
       history.quantity + case when history.product_id % 2 = 0 and history.demand_date = '2024-06-26' then 2 else 0 end
       as quantity,
       history.revenue + case when history.product_id % 2 = 0 and history.demand_date = '2024-06-26' then 7 else 0 end
       as revenue,
       history.cost, history.is_in_stock, history.stockout_qty, history.is_oos_imputed,
       history.demand_qty
       + case when history.product_id % 2 = 0 and history.demand_date = '2024-06-26' then 2 else 0 end as demand_qty,
       history.demand_source_type_id, history.selling_rate_qty, history.returned_qty, history.returned_revenue
from cw_000901.demand_history as history
where history.demand_date in ('2024-06-26', '2024-06-30')
    and not (history.demand_date = '2024-06-30'
             and (history.product_id, history.location_id) = (select product_id, location_id from vanished))
union all
select pairs.product_id, pairs.location_id, date '2024-07-01', 3, 30, 12, true, null, false, 3, 1, null, 0, 0
from (select distinct product_id, location_id from cw_000901.demand_history) as pairs;

create temp table weeks_before as select * from cw_000901.demand_weeks;
-- Some of the changed pairs' week of 24 June has no aggregate row (as after a bulk fill without the triggers): the
-- write must measure those weeks from demand_history, not take its changes for their sums.
delete from cw_000901.demand_weeks where week_start = '2024-06-24' and product_id % 6 = 0;
call cw_000901.demand_history_write('2024-07-01', '{2024-06-26, 2024-06-30, 2024-07-01}', null, null, null, null);

select ok((select count(*) from cw_000901.demand_weeks where week_start = '2024-07-01') > 0,
          'the new week has its rows (inserted by the write)');
select ok((select count(*) from cw_000901.demand_weeks as weeks
           inner join weeks_before as before using (product_id, location_id, week_start)
           where weeks.week_start = '2024-06-24' and weeks.demand_qty_cum <> before.demand_qty_cum) > 0,
          'the changed week''s running sums moved');
select is(current_setting('cw.demand_weeks_maintained', true), '',
          'the write switches the triggers'' skip off again after its upsert');
alter table cw_000901.demand_history enable trigger demand_weeks_capture_insert;
alter table cw_000901.demand_history enable trigger demand_weeks_capture_update;
select is(cw_000901.demand_weeks_rebuild(), 0::bigint,
          'a full recompute (demand_weeks_rebuild) changes nothing: the upkeep inside the write was exact');
select is((select count(*)::integer from cw_000901.demand_weeks
           where (product_id, location_id) = (select product_id, location_id from vanished)
               and week_start = '2024-06-24' and listed_mask & 1 = 1), 0,
          'the vanished pair''s Sunday is no longer listed (the delete trigger)');

-- An empty aggregate (as after a bulk load without the triggers) is filled in one grouped pass; the pair-week
-- refresh then finds nothing to change.
delete from cw_000901.demand_weeks;
select ok(cw_000901.demand_weeks_rebuild() > 0, 'demand_weeks_rebuild fills an empty aggregate');
select is(cw_000901.demand_weeks_rebuild(), 0::bigint,
          'the one-pass fill equals the pair-week refresh of every week');

select * from finish();
rollback;

-- demand_weeks_rebuild (demand_weeks_refresh with null arrays) sums every pair-week in one grouped pass over
-- demand_history; the triggers refresh the pair-weeks each write touched. Both must give the same rows: an emptied
-- aggregate (as after a bulk load without the triggers) is filled with exactly the rows the triggers kept while the
-- history was written, and a damaged one (a wrong row, a week without daily rows) is repaired to them.
begin;
select plan(5);

select tests.forecast_world('2024-06-30');
create temp table weeks_kept as
select product_id, location_id, week_start, listed_mask, demand_qty_cum, sold_revenue_cum, sold_qty_cum, changed_at
from cw_000901.demand_weeks;
create temp view weeks_now as
select product_id, location_id, week_start, listed_mask, demand_qty_cum, sold_revenue_cum, sold_qty_cum, changed_at
from cw_000901.demand_weeks;

delete from cw_000901.demand_weeks;
select is(cw_000901.demand_weeks_rebuild(), (select count(*) from weeks_kept),
          'demand_weeks_rebuild fills an empty aggregate with one row per pair-week');
select set_eq(
    $$ select * from weeks_now $$,
    $$ select * from weeks_kept $$,
    'the one-pass fill equals the rows the triggers kept while the history was written'
);

update cw_000901.demand_weeks set demand_qty_cum[7] = demand_qty_cum[7] + 1
where (product_id, location_id, week_start) = (select product_id, location_id, week_start from weeks_kept
                                               order by 1, 2, 3 limit 1);
insert into cw_000901.demand_weeks (product_id, location_id, week_start, listed_mask, demand_qty_cum, sold_revenue_cum,
                                    sold_qty_cum, changed_at)
select product_id, location_id, date '2030-01-07', 64, '{1,1,1,1,1,1,1}', '{0,0,0,0,0,0,0}', '{1,1,1,1,1,1,1}', now()
from weeks_kept order by 1, 2 limit 1;
select is(cw_000901.demand_weeks_rebuild(), 2::bigint,
          'a rebuild of a non-empty aggregate rewrites the wrong row and deletes the week without daily rows');
select set_eq(
    $$ select * from weeks_now $$,
    $$ select * from weeks_kept $$,
    'after the repair the aggregate equals the triggers'' rows again'
);
select is(cw_000901.demand_weeks_rebuild(), 0::bigint, 'a rebuild of an exact aggregate changes nothing');

select * from finish();
rollback;

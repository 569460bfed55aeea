-- An empty aggregate (as after a bulk load without the triggers) is filled by demand_weeks_rebuild in one grouped
-- pass over demand_history; the pair-week refresh of every week (the rebuild of a non-empty aggregate) then finds
-- nothing to change, so both paths compute the same rows.
begin;
select plan(3);

select tests.forecast_world('2024-06-30');
create temp table weeks_before as select * from cw_000901.demand_weeks;

delete from cw_000901.demand_weeks;
select is(cw_000901.demand_weeks_rebuild(), (select count(*) from weeks_before),
          'demand_weeks_rebuild fills an empty aggregate with one row per pair-week');
select is(cw_000901.demand_weeks_rebuild(), 0::bigint,
          'the one-pass fill equals the pair-week refresh of every week');
select is_empty(
    $$ select product_id, location_id, week_start, listed_mask, demand_qty_cum, sold_revenue_cum, sold_qty_cum,
              changed_at
       from cw_000901.demand_weeks
       except
       select product_id, location_id, week_start, listed_mask, demand_qty_cum, sold_revenue_cum, sold_qty_cum,
              changed_at
       from weeks_before $$,
    'the filled rows equal those the triggers kept while the history was written'
);

select * from finish();
rollback;

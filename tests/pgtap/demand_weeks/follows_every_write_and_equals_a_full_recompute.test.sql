begin;
select plan(6);

-- A forecast world (tests.forecast_world: products at stores, about a year of daily demand_history ending
-- 2024-06-30), then writes of every kind: an upsert as step demand_history does it, a plain update, a delete of a
-- whole week and of single days, an insert into an empty week. After each, demand_weeks must equal a recompute
-- from demand_history written independently here (one row per pair and ISO week, running sums from Monday).
select tests.forecast_world('2024-06-30');

create temporary table expected_weeks as select * from cw_000901.demand_weeks limit 0;
create function pg_temp.independent_weeks()
returns table (product_id integer, location_id integer, week_start date, listed_mask smallint,
               demand_qty_cum numeric [], sold_revenue_cum numeric [], sold_qty_cum numeric [])
language sql
as $$
    with days as (
        select history.product_id, history.location_id, date_trunc('week', history.demand_date)::date as week_start,
               extract(isodow from history.demand_date)::integer as weekday, history.demand_qty, history.quantity,
               case when history.quantity > 0 then history.revenue + history.returned_revenue else 0 end as sold_revenue
        from cw_000901.demand_history as history
    ),
    grid as (
        select keys.product_id, keys.location_id, keys.week_start, weekdays.weekday,
               coalesce(days.demand_qty, 0) as demand_qty, coalesce(days.quantity, 0) as quantity,
               coalesce(days.sold_revenue, 0) as sold_revenue, days.weekday is not null as is_listed
        from (select distinct days.product_id, days.location_id, days.week_start from days) as keys
        cross join generate_series(1, 7) as weekdays (weekday)
        left join days
            on days.product_id = keys.product_id and days.location_id = keys.location_id
            and days.week_start = keys.week_start and days.weekday = weekdays.weekday
    ),
    running as (
        select grid.*,
               sum(grid.demand_qty) over pair_week as demand_cum, sum(grid.sold_revenue) over pair_week as revenue_cum,
               sum(grid.quantity) over pair_week as quantity_cum
        from grid
        window pair_week as (partition by grid.product_id, grid.location_id, grid.week_start order by grid.weekday)
    )
    select running.product_id, running.location_id, running.week_start,
           sum(case when running.is_listed then power(2, 7 - running.weekday) else 0 end)::smallint,
           array_agg(running.demand_cum order by running.weekday),
           array_agg(running.revenue_cum order by running.weekday),
           array_agg(running.quantity_cum order by running.weekday)
    from running
    group by running.product_id, running.location_id, running.week_start
$$;

select results_eq(
    $$ select product_id, location_id, week_start, listed_mask, demand_qty_cum, sold_revenue_cum, sold_qty_cum
       from cw_000901.demand_weeks order by 1, 2, 3 $$,
    $$ select * from pg_temp.independent_weeks() order by 1, 2, 3 $$,
    'after a bulk insert demand_weeks holds one row per pair and ISO week with running sums from Monday'
);

-- An upsert as step demand_history writes (insert ... on conflict do update): a changed day and a new day.
insert into cw_000901.demand_history as history (
    product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock, stockout_qty, is_oos_imputed,
    demand_qty, demand_source_type_id, computed_on
)
select existing.product_id, existing.location_id, existing.demand_date + shift.days, 5, 50, 20, true, null, false, 5,
       1, '2024-06-30'
from (select * from cw_000901.demand_history order by product_id, location_id, demand_date desc limit 1) as existing
cross join (values (0), (1)) as shift (days)
on conflict (product_id, location_id, demand_date) do update
set quantity = excluded.quantity, revenue = excluded.revenue, demand_qty = excluded.demand_qty,
    updated_at = now();
-- A plain update of a whole week of one pair (more units, revenue on returns).
update cw_000901.demand_history
set quantity = quantity + 1, demand_qty = demand_qty + 1, returned_revenue = 3
where (product_id, location_id) = (select product_id, location_id from cw_000901.demand_history
                                   order by product_id, location_id limit 1)
  and demand_date between '2024-05-06' and '2024-05-12';
select results_eq(
    $$ select product_id, location_id, week_start, listed_mask, demand_qty_cum, sold_revenue_cum, sold_qty_cum
       from cw_000901.demand_weeks order by 1, 2, 3 $$,
    $$ select * from pg_temp.independent_weeks() order by 1, 2, 3 $$,
    'after an upsert and an update demand_weeks still equals the daily rows'
);

-- Deletes: one pair's whole week (its row must go) and a Wednesday of every pair (a hole in the mask).
delete from cw_000901.demand_history
where (product_id, location_id) = (select product_id, location_id from cw_000901.demand_history
                                   order by product_id desc, location_id limit 1)
  and demand_date between '2024-04-01' and '2024-04-07';
delete from cw_000901.demand_history where demand_date = '2024-06-05';
select results_eq(
    $$ select product_id, location_id, week_start, listed_mask, demand_qty_cum, sold_revenue_cum, sold_qty_cum
       from cw_000901.demand_weeks order by 1, 2, 3 $$,
    $$ select * from pg_temp.independent_weeks() order by 1, 2, 3 $$,
    'after deletes demand_weeks drops emptied weeks and clears the deleted days'
);
select ok(
    (select bool_and(listed_mask & 16 = 0) from cw_000901.demand_weeks where week_start = '2024-06-03'),
    'a deleted Wednesday is no longer listed (bit 7 - 3)'
);

select is(cw_000901.demand_weeks_rebuild(), 0::bigint,
          'a full recompute (demand_weeks_rebuild) changes nothing: the incremental upkeep was exact');

select throws_ok(
    $$ select cw_000901.demand_weeks_refresh('{1}', '{1, 2}', '{2024-06-03}') $$,
    'CW175', null, 'demand_weeks_refresh refuses arrays of different lengths (CW175)'
);

select * from finish();
rollback;

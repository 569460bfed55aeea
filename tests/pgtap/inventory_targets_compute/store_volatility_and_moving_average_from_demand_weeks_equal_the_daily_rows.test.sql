begin;
select plan(6);

-- Step 8 reads the store pairs' demand history from the weekly aggregate demand_weeks (ISO weeks, Monday .. Sunday,
-- running sums), not from the daily rows: the volatility (temp table inventory_store_volatility: weekly mean and
-- variance over volatility_days, the same over recent_volatility_days, the naive forecast's scale) sums trailing
-- 7-day weeks that end on the run date's weekday, so a run date in mid-week splits every ISO week between two
-- trailing weeks; the moving average (inventory_store_moving) cuts the ISO weeks at the window's first day. Both are
-- checked against the daily rows of demand_history summed directly (the independent route, as step 8 read them
-- before), on a Wednesday run date with demand on every day of the window for one pair and one day a week for the
-- others, and by hand. A wrong split of the weeks or a pair without demand in the window given a row fails here.
select tests.inventory_world('2024-07-03');
update cw_global.clients
set settings = '{"inventory_targets": {"store_strategy": "service_level", "class_strategies": [], '
               '"simulation_paths": 0}}'
where code = 'CW-000901';

-- IT-A at IT-S2: demand on every day of the 91-day window and on the days around it (1 + day of the year % 5 units,
-- and the run date's day after), besides the fixture's row on the run date's weekday.
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, locations.id, days.demand_date, days.qty, days.qty * 10, days.qty * 6, true, null, false, days.qty,
       1, date '2024-07-04'
from cw_000901.products
cross join cw_000901.locations
cross join lateral (
    select day::date as demand_date, (1 + extract(doy from day)::integer % 5)::numeric as qty
    from generate_series(date '2024-04-01', date '2024-07-04', interval '1 day') as day
    where (date '2024-07-03' - day::date) % 7 <> 0
) as days
where products.erp_id = 'IT-A' and locations.erp_id = 'IT-S2';

-- IT-B at IT-S1: no demand in the last 28 days (moving_average_days); its last row, 28 days before, lies in the ISO
-- week of the moving window's first day.
delete from cw_000901.demand_history as history
using cw_000901.products, cw_000901.locations
where products.id = history.product_id and locations.id = history.location_id
    and products.erp_id = 'IT-B' and locations.erp_id = 'IT-S1' and history.demand_date > date '2024-07-03' - 28;

call cw_000901.inventory_targets_compute('2024-07-03', null, null);

create temporary table tap_expected as
with weeks as (
    select inputs.product_id, inputs.location_id, week.week_no
    from inventory_store_inputs as inputs
    cross join generate_series(0, 12) as week (week_no)
),

daily_weeks as (
    select history.product_id, history.location_id, (date '2024-07-03' - history.demand_date) / 7 as week_no,
           sum(history.demand_qty)::float8 as demand_qty
    from cw_000901.demand_history as history
    where history.demand_date > date '2024-07-03' - 91 and history.demand_date <= date '2024-07-03'
    group by 1, 2, 3
),

series as (
    select weeks.product_id, weeks.location_id, weeks.week_no, coalesce(daily_weeks.demand_qty, 0) as demand_qty,
           coalesce(daily_weeks.demand_qty, 0) - lead(coalesce(daily_weeks.demand_qty, 0))
               over (partition by weeks.product_id, weeks.location_id order by weeks.week_no) as change_qty
    from weeks
    left join daily_weeks
        on daily_weeks.product_id = weeks.product_id and daily_weeks.location_id = weeks.location_id
        and daily_weeks.week_no = weeks.week_no
)

select series.product_id, series.location_id,
       round(avg(series.demand_qty)::numeric, 9) as mean_week_qty,
       round(coalesce(var_samp(series.demand_qty), 0)::numeric, 9) as var_week_qty,
       round((avg(series.demand_qty) filter (where series.week_no < 4))::numeric, 9) as recent_mean_week_qty,
       round(coalesce(var_samp(series.demand_qty) filter (where series.week_no < 4), 0)::numeric, 9)
       as recent_var_week_qty,
       round(sqrt(coalesce(avg(series.change_qty * series.change_qty), 0))::numeric, 9) as naive_scale_qty
from series
group by series.product_id, series.location_id;

select cmp_ok((select count(*)::integer from tap_expected), '>=', 4,
              'the fixture has store pairs with a trailing window');
select is_empty($$
    select product_id, location_id, round(mean_week_qty::numeric, 9), round(var_week_qty::numeric, 9),
           round(recent_mean_week_qty::numeric, 9), round(recent_var_week_qty::numeric, 9),
           round(naive_scale_qty::numeric, 9)
    from inventory_store_volatility
    except all
    select * from tap_expected
$$, 'every pair''s volatility equals the trailing weeks summed from the daily rows');
select is_empty($$
    select * from tap_expected
    except all
    select product_id, location_id, round(mean_week_qty::numeric, 9), round(var_week_qty::numeric, 9),
           round(recent_mean_week_qty::numeric, 9), round(recent_var_week_qty::numeric, 9),
           round(naive_scale_qty::numeric, 9)
    from inventory_store_volatility
$$, 'and no pair is missing');
-- The 28-day moving average (temp table inventory_store_moving) the same way: the daily rows summed directly; a pair
-- without a daily row in the window has no row (the computation then reads 0).
create temporary table tap_expected_moving as
select history.product_id, history.location_id, round((sum(history.demand_qty)::float8 / 28)::numeric, 9) as per_day
from cw_000901.demand_history as history
inner join inventory_store_inputs as inputs
    on inputs.product_id = history.product_id and inputs.location_id = history.location_id
where history.demand_date > date '2024-07-03' - 28 and history.demand_date <= date '2024-07-03'
group by history.product_id, history.location_id;
select is((select count(*)::integer from inventory_store_inputs as inputs
           where not exists (select from tap_expected_moving as expected
                             where expected.product_id = inputs.product_id
                                 and expected.location_id = inputs.location_id)), 1,
          'the fixture has one store pair without demand in the moving window');
select bag_eq($$ select product_id, location_id, round(demand_per_day::numeric, 9) from inventory_store_moving $$,
              $$ select * from tap_expected_moving $$,
              'every pair''s 28-day moving average equals the daily rows summed, and only pairs with a daily row have one');
-- IT-A at IT-S1: 10 and 18 units on alternate Wednesdays, one a trailing week: 13 weeks, mean 178 / 13.
select ok((select abs(volatility.mean_week_qty - 178.0 / 13) < 1e-9 and abs(volatility.var_week_qty - 17.2307692) < 1e-6
           from inventory_store_volatility as volatility
           inner join cw_000901.products on products.id = volatility.product_id
           inner join cw_000901.locations on locations.id = volatility.location_id
           where products.erp_id = 'IT-A' and locations.erp_id = 'IT-S1'),
          'one row a week on the run date''s weekday: weekly mean 13.6923 and sample variance 17.2308, by hand');

select * from finish();
rollback;

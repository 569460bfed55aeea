-- The forecast statistics on the forecast fixture (tests.forecast_world): step forecast on 2024-06-30 (a Sunday) and
-- 2024-07-01, the demand of Monday 2024-07-01 in between, a refresh after each; then a full refresh must give the
-- same tables.
begin;
select plan(7);

select tests.forecast_world('2024-06-30');
call cw_000901.step_forecast('2024-06-30', null);
call cw_000901.stats_refresh('2024-06-30', false, null);

select is(
    (select forecast_daily.forecast_qty from cw_000901_stats.forecast_daily
     where forecast_daily.product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY')
       and forecast_daily.location_id = (select id from cw_000901.locations where erp_id = 'TF-S2')
       and forecast_daily.stat_date = '2024-07-01'),
    (select (rows.predicted_qty::float8 * series.weekday_shares[1]::float8)::numeric(16, 3)
     from cw_000901.active_demand_forecast_products as rows
     inner join cw_000901.demand_forecast_series as series
         on series.demand_forecast_id = rows.demand_forecast_id and series.product_id = rows.product_id
         and series.location_id = rows.location_id
     where rows.product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY')
       and rows.location_id = (select id from cw_000901.locations where erp_id = 'TF-S2') and rows.horizon_days = 7),
    'Monday''s forecast is the first week''s forecast x the series'' Monday share'
);
select is(
    (select count(*)::integer from cw_000901_stats.forecast_daily),
    (select count(*)::integer from cw_000901.active_demand_forecast_products where horizon_days = 7),
    'one row per pair of the forecast, for the day after it only (one day ahead)'
);
select is_empty(
    'select from cw_000901_stats.forecast_daily where demand_qty is not null',
    'the demand of a day still ahead is null'
);

-- Monday's demand arrives (TF-STEADY sells 1 at each store), then step forecast of 2024-07-01.
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select history.product_id, history.location_id, '2024-07-01', history.quantity, history.revenue, history.cost, true,
       null, false, history.demand_qty, 1, '2024-07-01'
from cw_000901.demand_history as history
where history.demand_date = '2024-06-24';
insert into cw_000901.demand_history_runs (run_date, scope, started_at, dates_rewritten, rows_written, rows_deleted)
values ('2024-07-01', null, clock_timestamp(), array[date '2024-07-01'], 1, 0);
call cw_000901.step_forecast('2024-07-01', null);
call cw_000901.stats_refresh('2024-07-01', false, null);

select is(
    (select forecast_daily.demand_qty from cw_000901_stats.forecast_daily
     where forecast_daily.product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY')
       and forecast_daily.location_id = (select id from cw_000901.locations where erp_id = 'TF-S2')
       and forecast_daily.stat_date = '2024-07-01'),
    1.000, 'the incremental refresh fills in the demand that came'
);
select is(
    (select count(distinct stat_date)::integer from cw_000901_stats.forecast_daily), 2,
    'the forecast of 2024-07-01 adds the day 2024-07-02'
);
select is(
    (select weekly.forecast_qty from cw_000901_stats.forecast_weekly as weekly
     where weekly.product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY')
       and weekly.location_id = (select id from cw_000901.locations where erp_id = 'TF-S2')
       and weekly.period_start = '2024-07-01'),
    (select sum(daily.forecast_qty) from cw_000901_stats.forecast_daily as daily
     where daily.product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY')
       and daily.location_id = (select id from cw_000901.locations where erp_id = 'TF-S2')),
    'the week sums its days'
);

create temporary table tap_incremental as
select * from cw_000901.stats_checksums() as sums where sums.table_name like 'forecast%';
call cw_000901.stats_refresh('2024-07-01', true, null);
select set_eq(
    $$ select * from cw_000901.stats_checksums() as sums where sums.table_name like 'forecast%' $$,
    'select * from tap_incremental',
    'a full refresh gives the same forecast tables as the incremental ones'
);

select * from finish();
rollback;

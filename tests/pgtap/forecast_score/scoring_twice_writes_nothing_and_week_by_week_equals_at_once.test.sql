begin;
select plan(5);

select tests.forecast_accuracy_world('2024-06-30');

-- Week by week: the first week on 2024-07-07, the second on 2024-07-14 (a day without a passed week in between).
call cw_000901.forecast_score('2024-07-07');
select is((select scored_through_days::integer from cw_000901.demand_forecast_scorings), 7,
          'on 2024-07-07 only the first week has passed');
call cw_000901.forecast_score('2024-07-10');
call cw_000901.forecast_score('2024-07-14');
create temporary table tap_week_by_week as
select product_id, horizon_days, forecast_qty, naive_qty, actual_qty from cw_000901.demand_forecast_accuracy;
create temporary table tap_xmin as
select product_id, horizon_days, xmin::text as row_xmin from cw_000901.demand_forecast_accuracy;
create temporary table tap_scorings as select * from cw_000901.demand_forecast_scorings;

call cw_000901.forecast_score('2024-07-14');
select is_empty(
    $$ select product_id, horizon_days, xmin::text from cw_000901.demand_forecast_accuracy
       except select * from tap_xmin $$,
    'scoring again writes no score row'
);
select set_eq(
    'select * from cw_000901.demand_forecast_scorings', 'select * from tap_scorings',
    'scoring again changes no scoring record'
);

-- At once: the same forecast scored for the first time on 2024-07-14.
delete from cw_000901.demand_forecast_accuracy;
delete from cw_000901.demand_forecast_accuracy_series;
delete from cw_000901.demand_forecast_scorings;
call cw_000901.forecast_score('2024-07-14');
select set_eq(
    'select product_id, horizon_days, forecast_qty, naive_qty, actual_qty from cw_000901.demand_forecast_accuracy',
    'select * from tap_week_by_week',
    'scoring week by week gives the same rows as scoring both weeks at once'
);
select is((select rows_scored::integer from cw_000901.demand_forecast_scorings), 4,
          'four rows: two series x two weeks');

select * from finish();
rollback;

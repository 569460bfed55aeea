begin;
select plan(4);

select tests.forecast_accuracy_world('2024-06-30');
call cw_000901.forecast_score('2024-07-14');

-- A newer active forecast, then retention of forecasts (keep 1 day, no weekly ones) drops the scored forecast.
insert into cw_000901.demand_forecasts (forecast_date, demand_forecast_status_id, metadata)
values ('2024-07-14', 3, '{}');
call cw_000901.forecast_drop_expired('2024-07-14', 1, 0, null);
select is_empty(
    $$ select from cw_000901.demand_forecasts where forecast_date = '2024-06-30' $$,
    'the forecast of 2024-06-30 is dropped by forecast retention'
);
select is((select count(*)::integer from cw_000901.demand_forecast_accuracy), 4,
          'its scores stay (their own partitions, no foreign key to the forecast)');

call cw_000901.forecast_score('2024-07-21');
select is((select scored_through_days::integer from cw_000901.demand_forecast_scorings
           where forecast_date = '2024-06-30'), 14,
          'its third week can no longer be scored: the forecast rows are gone');

-- Scores retention: forecast_accuracy.keep_weeks (52 by default) drops whole partitions.
call cw_000901.forecast_score(date '2024-06-30' + 7 * 52);
select is_empty($$ select from cw_000901.demand_forecast_accuracy where forecast_date = '2024-06-30' union all
                   select from cw_000901.demand_forecast_scorings where forecast_date = '2024-06-30' $$,
                'the scores and their scoring record are dropped 52 weeks after the forecast date');

select * from finish();
rollback;

begin;
select plan(3);

select tests.forecast_accuracy_world('2024-06-30');
call cw_000901.forecast_score('2024-07-14');

-- demand_history rewrites 2024-07-07 (a late sales line): FA-A's first week now brought 16, not 14.
update cw_000901.demand_history set quantity = 16, demand_qty = 16, revenue = 160
where demand_date = '2024-07-07' and product_id = (select id from cw_000901.products where erp_id = 'FA-A');
insert into cw_000901.demand_history_runs (run_date, scope, started_at, dates_rewritten, rows_written, rows_deleted)
values ('2024-07-15', null, now(), array[date '2024-07-07', date '2024-07-15'], 1, 0);
call cw_000901.forecast_score('2024-07-15');

select results_eq(
    $$ select accuracy.actual_qty, accuracy.error_qty, accuracy.scored_on
       from cw_000901.demand_forecast_accuracy as accuracy
       where accuracy.product_id = (select id from cw_000901.products where erp_id = 'FA-A')
         and accuracy.horizon_days = 7 $$,
    $$ values (16.000, -5::float8, date '2024-07-15') $$,
    'the scored week holding the rewritten day gets the corrected demand and error'
);
select is(
    (select count(*)::integer from cw_000901.demand_forecast_accuracy where scored_on = '2024-07-15'), 1,
    'no other row is touched (FA-B''s week is unchanged, its row is compared and left)'
);
select is((select rows_rescored::integer from cw_000901.demand_forecast_scorings), 1,
          'the scoring record counts the correction');

select * from finish();
rollback;

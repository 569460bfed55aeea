begin;
select plan(3);

select throws_ok(
    $$ select cw_000901.forecast_accuracy_report('2024-07-14', 4) $$, 'CW203',
    'no scored forecast week for client CW-000901 in the 4 weeks up to 2024-07-14',
    'a client without scores: CW203'
);
select tests.forecast_accuracy_world('2024-06-30');
call cw_000901.forecast_score('2024-07-14');
select throws_ok(
    $$ select cw_000901.forecast_accuracy_report('2024-06-01', 2) $$, 'CW203', null,
    'a window before the first scored week: CW203'
);
select throws_ok(
    $$ select cw_000901.forecast_accuracy_report('2024-07-14', 0) $$, 'CW202', null,
    'a window of 0 weeks: CW202'
);

select * from finish();
rollback;

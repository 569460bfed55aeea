begin;
select plan(8);

-- tests.forecast_accuracy_world: FA-A forecast 11, 11 against 14, 8 (scale 4, MASE scale 2); FA-B forecast 3, 3
-- against 5, 2 (scale 4, MASE scale 2). Two weeks have passed on 2024-07-14; the third week has not.
select tests.forecast_accuracy_world('2024-06-30');
call cw_000901.forecast_score('2024-07-14');

select results_eq(
    $$ select products.erp_id, accuracy.horizon_days::integer, accuracy.actual_qty, accuracy.error_qty,
              accuracy.abs_error_qty
       from cw_000901.demand_forecast_accuracy as accuracy
       inner join cw_000901.products on products.id = accuracy.product_id
       order by 1, 2 $$,
    $$ values ('FA-A', 7, 14.000, -3::float8, 3::float8), ('FA-A', 14, 8.000, 3, 3),
              ('FA-B', 7, 5.000, -2, 2), ('FA-B', 14, 2.000, 1, 1) $$,
    'the two passed weeks of each series are scored with the week''s demand and the error forecast - actual; '
    || 'the third week (ending 2024-07-21) is not'
);
select results_eq(
    $$ select products.erp_id, series.history_weeks::integer, series.scale_sq_qty, series.scale_abs_qty
       from cw_000901.demand_forecast_accuracy_series as series
       inner join cw_000901.products on products.id = series.product_id
       order by 1 $$,
    $$ values ('FA-A', 60, 4::float8, 2::float8), ('FA-B', 6, 4, 2) $$,
    'M5 scale = mean squared one-week change from the first week with demand (+-2 every week: 4); MASE scale 2'
);
select is(
    (select rmsse from cw_000901.forecast_accuracy_series_scores as scores
     where scores.product_id = (select id from cw_000901.products where erp_id = 'FA-A')),
    1.5::float8, 'FA-A RMSSE = sqrt(((-3)^2 + 3^2) / 2 / 4) = 1.5'
);
select ok(
    (select abs(rmsse - sqrt(0.625)) < 1e-12 from cw_000901.forecast_accuracy_series_scores as scores
     where scores.product_id = (select id from cw_000901.products where erp_id = 'FA-B')),
    'FA-B RMSSE = sqrt(((-2)^2 + 1^2) / 2 / 4) = sqrt(0.625)'
);
select results_eq(
    $$ select products.erp_id, scores.mase from cw_000901.forecast_accuracy_series_scores as scores
       inner join cw_000901.products on products.id = scores.product_id order by 1 $$,
    $$ values ('FA-A', 1.5::float8), ('FA-B', 0.75) $$,
    'MASE = mean |error| / MASE scale: (3 + 3) / 2 / 2 = 1.5 and (2 + 1) / 2 / 2 = 0.75'
);
select results_eq(
    $$ select sum(error_qty), sum(abs_error_qty), sum(actual_qty) from cw_000901.forecast_accuracy_series_scores $$,
    $$ values (-1::float8, 9::float8, 29.000) $$,
    'the bias and WAPE components are sums: error -3 + 3 - 2 + 1 = -1, |error| 9, demand 29'
);
select is(
    (select round((100 * (cw_000901.forecast_accuracy_report('2024-07-14', 2) #>> '{overall,wape_pct}')::numeric
                   / 100), 1)),
    round(100 * 9 / 29.0, 1), 'the report''s WAPE is 100 x 9 / 29 (31.0 %)'
);
select is(
    (cw_000901.forecast_accuracy_report('2024-07-14', 2) #>> '{overall,bias_pct}')::numeric,
    round(100 * -1 / 29.0, 1), 'the report''s bias is 100 x -1 / 29 (-3.4 %: under-forecast)'
);

select * from finish();
rollback;

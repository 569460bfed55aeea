begin;
select plan(4);

-- FA-A has 60 weeks of demand (10 in even weeks before the origin, 12 in odd ones): seasonal naive, week 1 <- the
-- week 51 weeks before the origin's week (12), week 2 <- 50 (10). FA-B has 6 weeks: naive, the last week (4).
select tests.forecast_accuracy_world('2024-06-30');
call cw_000901.forecast_score('2024-07-14');

select results_eq(
    $$ select products.erp_id, series.is_seasonal_naive from cw_000901.demand_forecast_accuracy_series as series
       inner join cw_000901.products on products.id = series.product_id order by 1 $$,
    $$ values ('FA-A', true), ('FA-B', false) $$,
    'a series with 52 weeks from its first demand gets the seasonal-naive benchmark, a shorter one the naive'
);
select results_eq(
    $$ select products.erp_id, accuracy.horizon_days::integer, accuracy.naive_qty, accuracy.naive_abs_error_qty
       from cw_000901.demand_forecast_accuracy as accuracy
       inner join cw_000901.products on products.id = accuracy.product_id order by 1, 2 $$,
    $$ values ('FA-A', 7, 12::real, 2::float8), ('FA-A', 14, 10, 2), ('FA-B', 7, 4, 1), ('FA-B', 14, 4, 2) $$,
    'seasonal naive: the same week 52 weeks earlier (12, then 10); naive: the last week before the origin (4)'
);
select results_eq(
    $$ select products.erp_id, scores.naive_rmsse, scores.naive_mase
       from cw_000901.forecast_accuracy_series_scores as scores
       inner join cw_000901.products on products.id = scores.product_id order by 1 $$,
    $$ values ('FA-A', 1::float8, 1::float8), ('FA-B', sqrt(0.625::float8), 0.75) $$,
    'the benchmark is scored the same way: RMSSE sqrt((4 + 4) / 2 / 4) = 1 and sqrt((1 + 4) / 2 / 4)'
);
select is(
    (cw_000901.forecast_accuracy_report('2024-07-14', 2) #>> '{by_location,0,value_added_pct}')::numeric,
    -50.0, 'forecast value added at FA-S1 = 100 x (1 - 1.5 / 1) = -50 %: the benchmark was better there'
);

select * from finish();
rollback;

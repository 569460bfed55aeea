begin;
select plan(5);

-- Weights: revenue of the 28 days up to the origin, FA-A 440, FA-B 120. One-week RMSSE |error| / 2:
-- week 1: FA-A 1.5, FA-B 1; week 2: FA-A 1.5, FA-B 0.5. Benchmark: week 1 1 and 0.5, week 2 1 and 1.
select tests.forecast_accuracy_world('2024-06-30');
call cw_000901.forecast_score('2024-07-14');

select results_eq(
    $$ select products.erp_id, series.weight_revenue from cw_000901.demand_forecast_accuracy_series as series
       inner join cw_000901.products on products.id = series.product_id order by 1 $$,
    $$ values ('FA-A', 440.0000), ('FA-B', 120.0000) $$,
    'each series weighs with its revenue of the 28 days up to the forecast date'
);
select results_eq(
    $$ select (item ->> 'horizon_weeks')::integer, (item ->> 'wrmsse')::numeric, (item ->> 'naive_wrmsse')::numeric
       from jsonb_array_elements(cw_000901.forecast_accuracy_report('2024-07-14', 2) -> 'by_horizon') as item $$,
    $$ values (1, round((440 * 1.5 + 120 * 1) / 560.0, 4), round((440 * 1 + 120 * 0.5) / 560.0, 4)),
              (2, round((440 * 1.5 + 120 * 0.5) / 560.0, 4), 1.0000) $$,
    'weighted RMSSE per horizon week: sum(weight x RMSSE) / sum(weight), for ours and for the benchmark'
);
select results_eq(
    $$ select item ->> 'label', (item ->> 'series_weeks')::integer, (item ->> 'wrmsse')::numeric
       from jsonb_array_elements(cw_000901.forecast_accuracy_report('2024-07-14', 2) -> 'by_abc_class') as item $$,
    $$ values ('A', 2, 1.5000), ('unclassified', 2, 0.7500) $$,
    'by ABC class at the origin: FA-A is class A, FA-B had no behaviours row'
);
select results_eq(
    $$ select item ->> 'label', (item ->> 'actual_qty')::numeric, (item ->> 'bias_pct')::numeric
       from jsonb_array_elements(cw_000901.forecast_accuracy_report('2024-07-14', 2) -> 'by_location') as item $$,
    $$ values ('FA-S1 FA store 1', 22.0, 0.0), ('FA-S2 FA store 2', 7.0, round(100 * -1 / 7.0, 1)) $$,
    'by location, the larger weight first: sums of demand and bias'
);
select is(
    (cw_000901.forecast_accuracy_report('2024-07-14', 2) #>> '{by_category,0,label}'), 'FA Garden',
    'by category (the product''s current category path)'
);

select * from finish();
rollback;

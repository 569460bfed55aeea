begin;
select plan(5);

-- The input watermark's figures (one pass over demand_weeks, head and tail parts of each ISO week) equal the daily
-- rows of the history window counted directly; the forecast's partitions have statistics when the step ends (steps 8
-- and later plan on them), also after a second forecast of the same date, written through the parent.
select tests.forecast_world('2024-06-30');
call cw_000901.step_forecast('2024-06-30', null);

select is(
    (select (metadata -> 'input_watermark' ->> 'demand_history_rows')::bigint from cw_000901.demand_forecasts),
    (select count(*) from cw_000901.demand_history
     where demand_date between date '2024-06-30' - 7 * (cw_000901.settings('forecast') ->> 'history_weeks')::integer + 1
                           and date '2024-06-30'),
    'the watermark counts the daily rows of the history window'
);
select is(
    (select (metadata -> 'input_watermark' ->> 'demand_history_qty')::numeric from cw_000901.demand_forecasts),
    (select sum(demand_qty) from cw_000901.demand_history
     where demand_date between date '2024-06-30' - 7 * (cw_000901.settings('forecast') ->> 'history_weeks')::integer + 1
                           and date '2024-06-30'),
    'and sums their demand'
);
select isnt_empty(
    $$select from pg_stats where schemaname = 'cw_000901' and tablename = 'demand_forecast_products_p20240630'$$,
    'the rows'' partition is analysed by the step'
);
select isnt_empty(
    $$select from pg_stats where schemaname = 'cw_000901' and tablename = 'demand_forecast_series_p20240630'$$,
    'the series'' partition is analysed by the step'
);

-- A second forecast of the date (the first marked failed): its rows go in through the parent; the statistics count
-- both forecasts' rows.
update cw_000901.demand_forecasts set demand_forecast_status_id = 4;
call cw_000901.step_forecast('2024-06-30', null);
select is(
    (select reltuples::bigint from pg_class where oid = 'cw_000901.demand_forecast_products_p20240630'::regclass),
    (select count(*) from cw_000901.demand_forecast_products_p20240630),
    'after a second forecast of the date the partition''s statistics count both forecasts'' rows'
);

select * from finish();
rollback;

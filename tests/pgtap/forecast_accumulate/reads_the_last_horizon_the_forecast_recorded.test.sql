begin;
select plan(5);

-- The forecast records its last week when it completes; the accumulation functions read that instead of scanning
-- the forecast's rows (issue 12 point 6: a second a call at 10k x 50).
select tests.forecast_world('2024-06-30');
call cw_000901.step_forecast('2024-06-30', null);

select is(
    (select last_horizon_days from cw_000901.demand_forecasts where demand_forecast_status_id = 3),
    (select max(horizon_days)::integer from cw_000901.demand_forecast_products),
    'a completed forecast records the largest horizon_days of its rows'
);
select is(
    (select last_horizon_days from cw_000901.demand_forecasts where demand_forecast_status_id = 3),
    7 * (cw_000901.settings('forecast') ->> 'horizon_weeks')::integer,
    'which is 7 x forecast.horizon_weeks'
);

-- Proof that the recorded value is what is read: recorded shorter than the rows, the range past it is refused.
update cw_000901.demand_forecasts set last_horizon_days = 14 where demand_forecast_status_id = 3;
select throws_ok(
    $$ select cw_000901.forecast_demand_between(
           (select id from cw_000901.products where erp_id = 'TF-STEADY'),
           (select id from cw_000901.locations where erp_id = 'TF-S2'), '2024-07-01', '2024-07-21') $$,
    'CW085', null, 'the accumulation takes the forecast''s last day from the recorded last horizon, not from its rows'
);
select is(
    cw_000901.demand_forecast_last_horizon((select id from cw_000901.demand_forecasts
                                            where demand_forecast_status_id = 3)),
    14, 'demand_forecast_last_horizon returns the recorded value'
);

-- A forecast written by hand without it (as the fixtures do) still gets its last week from its rows.
update cw_000901.demand_forecasts set last_horizon_days = null where demand_forecast_status_id = 3;
select is(
    cw_000901.demand_forecast_last_horizon((select id from cw_000901.demand_forecasts
                                            where demand_forecast_status_id = 3)),
    (select max(horizon_days)::integer from cw_000901.demand_forecast_products),
    'without a recorded value the last horizon comes from the rows'
);

select * from finish();
rollback;

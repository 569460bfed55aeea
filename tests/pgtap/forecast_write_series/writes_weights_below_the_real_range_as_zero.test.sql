begin;
select plan(2);

-- A series whose backtest makes one candidate's Akaike weight exp(-700) (about 1e-304, below real's range): the
-- diagnostics row is written with that weight 0 instead of failing the whole forecast with an underflow.
select tests.forecast_world('2024-06-30');
insert into cw_000901.demand_forecasts (forecast_date, demand_forecast_status_id, metadata)
values ('2024-06-30', 2, '{"method": "test"}');
select set_config('tap.forecast_id', (select id::text from cw_000901.demand_forecasts), true);
call cw_000901.forecast_ensure_partition('2024-06-30');
create temporary table fc_out_series as
select products.id as product_id, locations.id as location_id, 40 as history_weeks, 40 as demand_weeks,
       6.0::float8 as level, 1e-45::float8 as trend, 1.0::float8 as occurrence, 1e-304::float8 as weight_ses_slow,
       0.5::float8 as weight_ses, 0.5::float8 as weight_damped_trend, 1e-200::float8 as weight_tsb,
       0.8::float8 as backtest_rmsse, null::float8 as season_own_weight,
       array[1, 1, 1, 1, 1, 1, 0]::real [] as weekday_shares, 0.2::float8 as ses_alpha, null::text as start_kind,
       0::float8 as prior_level_qty, null::text as prior_basis, null::float8 as prior_shape, null::float8 as own_qty,
       null::float8 as exposure_weeks, null::float8 as young_level_qty
from cw_000901.products, cw_000901.locations
where products.erp_id = 'TF-STEADY' and locations.erp_id = 'TF-S1';

select lives_ok(
    format('call cw_000901.forecast_write_series(%L, %s)', '2024-06-30', current_setting('tap.forecast_id')),
    'weights and a trend below real''s range do not fail the write'
);
select results_eq(
    $$ select weight_ses_slow, weight_ses, weight_tsb, trend_qty from cw_000901.demand_forecast_series $$,
    $$ values (0::real, 0.5::real, 0::real, 0::real) $$,
    'they are written as 0, the other values as they are'
);

select * from finish();
rollback;

begin;
select plan(2);

-- A candidate whose backtest error is far above the best one gets a likelihood weight of about exp(-700) ~ 1e-304:
-- below the range of real, the columns' type. The series is written with weight 0 instead of failing the step.
select tests.inventory_world('2024-06-30');
create temporary table fc_out_series as
select products.id as product_id, locations.id as location_id, 52::smallint as history_weeks,
       40::smallint as demand_weeks, 2.5::float8 as level, 1e-300::float8 as trend, 0.9::float8 as occurrence,
       1e-304::float8 as weight_ses_slow, 1::float8 - 1e-304 as weight_ses, 0::float8 as weight_damped_trend,
       0::float8 as weight_tsb, 0.8::float8 as backtest_rmsse, 0.5::float8 as season_own_weight,
       array[1, 1, 1, 1, 1, 1, 1]::float8 [] as weekday_shares
from cw_000901.products
cross join cw_000901.locations
where products.erp_id = 'IT-A' and locations.erp_id = 'IT-S1';

select lives_ok(format('call cw_000901.forecast_write_series(%L, %s)', '2024-06-30',
                       (select id from cw_000901.demand_forecasts where forecast_date = '2024-06-30')),
                'a weight of 1e-304 does not fail the write with an underflow');
select is((select (weight_ses_slow, trend_qty) from cw_000901.demand_forecast_series
           where forecast_date = '2024-06-30'), (0::real, 0::real),
          'values below the range of real are stored as 0');

select * from finish();
rollback;

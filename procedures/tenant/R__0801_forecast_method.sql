-- The forecast method's version and constants, recorded in every forecast's metadata.
create or replace function ${schema}.forecast_method()
returns jsonb
language sql
immutable
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
    select jsonb_build_object(
        'version', 'weekly-combination-7',
        'bucket', 'week ending on the forecast date',
        'candidates', jsonb_build_object(
            'ses_slow', jsonb_build_object('alpha', 0.05),
            'ses', jsonb_build_object('alpha', jsonb_build_array(0.05, 0.1, 0.2, 0.3, 0.5),
                                      'alpha_choice', 'per series: least in-sample one-step squared error'),
            'damped_trend', jsonb_build_object('alpha', 0.2, 'beta', 0.1, 'phi', 0.9, 'lag_correction_weeks', 4),
            'tsb', jsonb_build_object('alpha_occurrence', 0.1, 'alpha_size', 0.1)
        ),
        'backtest', jsonb_build_object('targets', 'last 26 observed weeks', 'horizons_weeks', jsonb_build_array(1, 4),
                                       'weights', 'Akaike-style: (MSE_min / MSE)^(targets / 2)'),
        'seasonality', jsonb_build_object('positions', 52, 'neighbour_weights', jsonb_build_array(1, 2, 1),
                                          'min_observed_weeks', 78,
                                          'shrinkage', 'location to category and series to pool: 1.5 / tau^2 '
                                                       || 'units, tau^2 measured (empirical Bayes); category to 1: '
                                                       || 'season_prior_units',
                                          'expected', 'mean of the 52 observed weeks around the week',
                                          'floor', 0.1),
        'new_series', jsonb_build_object('level', 'gamma prior: (a + own units) / (a / prior + ramped exposure weeks)',
                                         'prior_shape', '1 / CV^2 of established levels around the prior, 0.05..100',
                                         'ramp', 'per kind (launch, listing): weeks 1..13 since the first listed week',
                                         'ramp_prior_units', 25, 'ramp_prior', 'ratio of the weeks k - 1 .. k + 1',
                                         'ramp_mature_weeks', jsonb_build_array(14, 26),
                                         'location_factor_prior_units', 25),
        'trading_calendar', jsonb_build_object('week_scaling', 'open share: weekday shares of trading listed days',
                                               'min_open_share', 0.5),
        'promotions', jsonb_build_object('min_discount', 0.05, 'regular_price',
                                         'lower of the highest price of the 4 weeks before and after',
                                         'base_weeks', 'unpromoted observed weeks among the 4 before and after',
                                         'uplift', 'per unit of discount, pooled per category, shrunk',
                                         'running_at_forecast_date',
                                         jsonb_build_object('source', 'price list promotion price, confirmed by '
                                                                      || 'the last 8 weeks of sold days',
                                                            'remaining_days', 'past completed promotions per '
                                                                || 'product and price list: durations >= the days '
                                                                || 'elapsed',
                                                            'lift', '1 + uplift x discount on the expected '
                                                                    || 'promoted share of each horizon week')),
        'weekday_profile_weeks', 26
    )
$$;
comment on function ${schema}.forecast_method() is
'Version and fixed constants of the forecast method (docs/forecast.md); stored in demand_forecasts.metadata and part '
'of the input watermark, so a new method version forecasts again.';

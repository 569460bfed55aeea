-- The forecast method's version and constants, recorded in every forecast's metadata.
create or replace function ${schema}.forecast_method()
returns jsonb
language sql
immutable
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
    select jsonb_build_object(
        'version', 'weekly-combination-2',
        'bucket', 'week ending on the forecast date',
        'candidates', jsonb_build_object(
            'ses_slow', jsonb_build_object('alpha', 0.05),
            'ses', jsonb_build_object('alpha', 0.2),
            'damped_trend', jsonb_build_object('alpha', 0.2, 'beta', 0.1, 'phi', 0.9, 'lag_correction_weeks', 4),
            'tsb', jsonb_build_object('alpha_occurrence', 0.1, 'alpha_size', 0.1)
        ),
        'backtest', jsonb_build_object('targets', 'last 26 observed weeks', 'horizons_weeks', jsonb_build_array(1, 4),
                                       'weights', 'Akaike-style: (MSE_min / MSE)^(targets / 2)'),
        'seasonality', jsonb_build_object('positions', 52, 'neighbour_weights', jsonb_build_array(1, 2, 1),
                                          'min_observed_weeks', 78,
                                          'expected', 'mean of the 52 observed weeks around the week',
                                          'floor', 0.1),
        'new_series', jsonb_build_object('prior_weight_weeks', 4),
        'weekday_profile_weeks', 26
    )
$$;
comment on function ${schema}.forecast_method() is
'Version and fixed constants of the forecast method (docs/forecast.md); stored in demand_forecasts.metadata and part '
'of the input watermark, so a new method version forecasts again.';

-- Step 13 (uplift): the settings a measurement depends on. Stored in uplift_measure_state by every unscoped run; a
-- night whose settings differ re-measures every recommendation once (docs/uplift.md "Cost").
create or replace function ${schema}.uplift_measure_settings(p_settings jsonb)
returns jsonb
language sql
immutable
set search_path = pg_catalog, pg_temp
as $$
    select jsonb_build_object(
        'measurement_window_days', (p_settings ->> 'measurement_window_days')::integer,
        'control_match_days', (p_settings ->> 'control_match_days')::integer,
        'max_controls', (p_settings ->> 'max_controls')::integer,
        'holding_cost_annual_pct', (p_settings ->> 'holding_cost_annual_pct')::numeric
    )
$$;
comment on function ${schema}.uplift_measure_settings(jsonb) is
'The uplift settings that change a measurement (measurement_window_days, control_match_days, max_controls, '
'holding_cost_annual_pct), from settings(''uplift''): what uplift_measure_state.settings compares.';

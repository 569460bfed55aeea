-- Rounding to significant digits, for the keys of step 8's shared simulation (inventory_policy_simulate).
create or replace function ${schema}.round_significant(p_value float8, p_digits integer)
returns float8
language sql
immutable
parallel safe
security invoker
-- No pinned search_path: a SET clause would stop the planner from inlining it into the simulation's set-based
-- statements (tens of thousands of calls); it uses only pg_catalog functions, as cw_global.normal_cdf.
as $$
    select case
        when p_value is null then null
        when p_digits is null or p_value = 0 or p_value = 'infinity'::float8 or p_value = '-infinity'::float8
            or p_value = 'NaN'::float8 then p_value
        else pg_catalog.sign(p_value)
             * pg_catalog.round(
                 pg_catalog.abs(p_value)::numeric,
                 (p_digits - 1 - pg_catalog.floor(pg_catalog.log(pg_catalog.abs(p_value))))::integer
             )::float8
    end
$$;
comment on function ${schema}.round_significant(float8, integer) is
'p_value rounded to p_digits significant digits (0.012345, 2 -> 0.012; 1234.5, 2 -> 1200); null digits keep the '
'value. Rounds the demand means and dispersion of the fill-rate simulation (setting '
'inventory_targets.simulation_demand_digits) so that pairs with the same rounded inputs share one simulation.';

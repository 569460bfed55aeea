-- The inverse standard normal for the fill-rate simulation's draws (inventory_policy_simulate): the same Acklam
-- approximation as cw_global.normal_quantile, written as one expression so that the planner inlines it.
create or replace function ${schema}.simulation_normal_quantile(p_probability float8)
returns float8
language sql
immutable
parallel safe
security invoker
-- No pinned search_path and no sub-selects: either would stop the planner from inlining it into the simulation's
-- day statements, where cw_global.normal_quantile (a sub-select per branch) cost about 85 us a call against about
-- 5 us; it uses only pg_catalog functions and operators.
as $$
    select case
        when p_probability is null or p_probability <= 0 or p_probability >= 1 then null
        when p_probability < 0.02425 then
            (((((-7.784894002430293e-03 * pg_catalog.sqrt(-2 * pg_catalog.ln(p_probability))
                 - 3.223964580411365e-01) * pg_catalog.sqrt(-2 * pg_catalog.ln(p_probability))
                - 2.400758277161838e+00) * pg_catalog.sqrt(-2 * pg_catalog.ln(p_probability))
               - 2.549732539343734e+00) * pg_catalog.sqrt(-2 * pg_catalog.ln(p_probability))
              + 4.374664141464968e+00) * pg_catalog.sqrt(-2 * pg_catalog.ln(p_probability))
             + 2.938163982698783e+00)
            / ((((7.784695709041462e-03 * pg_catalog.sqrt(-2 * pg_catalog.ln(p_probability))
                  + 3.224671290700398e-01) * pg_catalog.sqrt(-2 * pg_catalog.ln(p_probability))
                 + 2.445134137142996e+00) * pg_catalog.sqrt(-2 * pg_catalog.ln(p_probability))
                + 3.754408661907416e+00) * pg_catalog.sqrt(-2 * pg_catalog.ln(p_probability)) + 1)
        when p_probability > 1 - 0.02425 then
            -(((((-7.784894002430293e-03 * pg_catalog.sqrt(-2 * pg_catalog.ln(1 - p_probability))
                  - 3.223964580411365e-01) * pg_catalog.sqrt(-2 * pg_catalog.ln(1 - p_probability))
                 - 2.400758277161838e+00) * pg_catalog.sqrt(-2 * pg_catalog.ln(1 - p_probability))
                - 2.549732539343734e+00) * pg_catalog.sqrt(-2 * pg_catalog.ln(1 - p_probability))
               + 4.374664141464968e+00) * pg_catalog.sqrt(-2 * pg_catalog.ln(1 - p_probability))
              + 2.938163982698783e+00)
            / ((((7.784695709041462e-03 * pg_catalog.sqrt(-2 * pg_catalog.ln(1 - p_probability))
                  + 3.224671290700398e-01) * pg_catalog.sqrt(-2 * pg_catalog.ln(1 - p_probability))
                 + 2.445134137142996e+00) * pg_catalog.sqrt(-2 * pg_catalog.ln(1 - p_probability))
                + 3.754408661907416e+00) * pg_catalog.sqrt(-2 * pg_catalog.ln(1 - p_probability)) + 1)
        else
            (((((-3.969683028665376e+01 * (p_probability - 0.5) * (p_probability - 0.5) + 2.209460984245205e+02)
                * (p_probability - 0.5) * (p_probability - 0.5) - 2.759285104469687e+02)
               * (p_probability - 0.5) * (p_probability - 0.5) + 1.383577518672690e+02)
              * (p_probability - 0.5) * (p_probability - 0.5) - 3.066479806614716e+01)
             * (p_probability - 0.5) * (p_probability - 0.5) + 2.506628277459239e+00) * (p_probability - 0.5)
            / (((((-5.447609879822406e+01 * (p_probability - 0.5) * (p_probability - 0.5) + 1.615858368580409e+02)
                  * (p_probability - 0.5) * (p_probability - 0.5) - 1.556989798598866e+02)
                 * (p_probability - 0.5) * (p_probability - 0.5) + 6.680131188771972e+01)
                * (p_probability - 0.5) * (p_probability - 0.5) - 1.328068155288572e+01)
               * (p_probability - 0.5) * (p_probability - 0.5) + 1)
    end
$$;
comment on function ${schema}.simulation_normal_quantile(float8) is
'Inverse standard normal Phi^-1(p) for 0 < p < 1, null outside: the values of cw_global.normal_quantile (Acklam''s '
'approximation) as one inlinable expression, for the per-day draws of inventory_policy_simulate (about 17 x '
'cheaper a call). docs/inventory.md, "Simulated fill rate".';

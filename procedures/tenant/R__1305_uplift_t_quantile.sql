-- Step 13 helper: the 97.5 % quantile of Student's t distribution, for the two-sided 95 % confidence intervals of
-- the uplift impacts (uplift_measure). Exact to three decimals up to 30 degrees of freedom (a table), then
-- 1.96 + 2.4 / df (within 0.002 of the exact value beyond). docs/uplift.md "How sure: confidence intervals".
create or replace function ${schema}.uplift_t_quantile_975(p_degrees_of_freedom integer)
returns numeric
language sql
immutable
strict
parallel safe
security invoker
set search_path = pg_catalog, pg_temp
as $$
select case
    when p_degrees_of_freedom < 1 then null
    when p_degrees_of_freedom <= 30 then (array[
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042
    ]::numeric [])[p_degrees_of_freedom]
    else round(1.96 + 2.4 / p_degrees_of_freedom, 3)
end
$$;
comment on function ${schema}.uplift_t_quantile_975(integer) is
'The 97.5 % quantile of Student''s t distribution with p_degrees_of_freedom degrees of freedom (a table to 30, then '
'1.96 + 2.4 / df): the factor of a two-sided 95 % confidence interval from a sample of df + 1. Null below 1. Used '
'by uplift_measure for the intervals of diff_in_diff impacts.';

-- The standard normal distribution for safety stock and fill rates: PostgreSQL 15 has no erf or inverse normal.
-- Plain SQL expressions, immutable and parallel safe, so that the planner inlines them in set-based statements.

create or replace function cw_global.normal_cdf(p_x float8)
returns float8
language sql
immutable
parallel safe
security invoker
as $$
    -- Zelen & Severo (Abramowitz and Stegun 26.2.17): absolute error below 7.5e-8.
    select case
        when p_x is null then null
        -- Beyond 8 standard deviations Phi is 0 or 1 to double precision (and exp() would underflow further out).
        when p_x < -8 then 0
        when p_x > 8 then 1
        else (
            with terms as (
                select 1 / (1 + 0.2316419 * abs(p_x)) as t,
                       exp(-p_x * p_x / 2) / sqrt(2 * pi()) as density
            ),
            upper_tail as (
                select terms.density * terms.t * (0.319381530 + terms.t * (-0.356563782 + terms.t * (1.781477937
                       + terms.t * (-1.821255978 + terms.t * 1.330274429)))) as tail
                from terms
            )
            select case when p_x >= 0 then 1 - upper_tail.tail else upper_tail.tail end from upper_tail
        )
    end
$$;
comment on function cw_global.normal_cdf(float8) is
'Standard normal cumulative distribution Phi(x) (Zelen and Severo, Abramowitz and Stegun 26.2.17; absolute error '
'below 7.5e-8). Used for cycle service levels and fill rates of inventory targets.';

create or replace function cw_global.normal_pdf(p_x float8)
returns float8
language sql
immutable
parallel safe
security invoker
as $$
    -- exp() raises an underflow error below about -745: the density is 0 to double precision long before that.
    select case when abs(p_x) > 37 then 0 else exp(-p_x * p_x / 2) / sqrt(2 * pi()) end
$$;
comment on function cw_global.normal_pdf(float8) is 'Standard normal density phi(x).';

create or replace function cw_global.normal_loss(p_k float8)
returns float8
language sql
immutable
parallel safe
security invoker
as $$
    select cw_global.normal_pdf(p_k) - p_k * (1 - cw_global.normal_cdf(p_k))
$$;
comment on function cw_global.normal_loss(float8) is
'Standard normal loss function G(k) = phi(k) - k (1 - Phi(k)): expected units short per unit of standard deviation '
'when stock covers the mean plus k standard deviations (Silver, Pyke and Peterson, ch. 7). Fill rate = 1 - sigma '
'G(k) / demand per cycle.';

create or replace function cw_global.normal_quantile(p_probability float8)
returns float8
language sql
immutable
parallel safe
security invoker
as $$
    -- Acklam's rational approximation of the inverse normal (relative error below 1.2e-9).
    select case
        when p_probability is null or p_probability <= 0 or p_probability >= 1 then null
        when p_probability < 0.02425 then (
            with tail as (select sqrt(-2 * ln(p_probability)) as q)
            select (((((-7.784894002430293e-03 * tail.q - 3.223964580411365e-01) * tail.q - 2.400758277161838e+00)
                      * tail.q - 2.549732539343734e+00) * tail.q + 4.374664141464968e+00) * tail.q
                    + 2.938163982698783e+00)
                   / ((((7.784695709041462e-03 * tail.q + 3.224671290700398e-01) * tail.q + 2.445134137142996e+00)
                       * tail.q + 3.754408661907416e+00) * tail.q + 1)
            from tail)
        when p_probability > 1 - 0.02425 then (
            with tail as (select sqrt(-2 * ln(1 - p_probability)) as q)
            select -(((((-7.784894002430293e-03 * tail.q - 3.223964580411365e-01) * tail.q - 2.400758277161838e+00)
                       * tail.q - 2.549732539343734e+00) * tail.q + 4.374664141464968e+00) * tail.q
                     + 2.938163982698783e+00)
                   / ((((7.784695709041462e-03 * tail.q + 3.224671290700398e-01) * tail.q + 2.445134137142996e+00)
                       * tail.q + 3.754408661907416e+00) * tail.q + 1)
            from tail)
        else (
            with central as (select p_probability - 0.5 as q, (p_probability - 0.5) * (p_probability - 0.5) as r)
            select (((((-3.969683028665376e+01 * central.r + 2.209460984245205e+02) * central.r
                       - 2.759285104469687e+02) * central.r + 1.383577518672690e+02) * central.r
                     - 3.066479806614716e+01) * central.r + 2.506628277459239e+00) * central.q
                   / (((((-5.447609879822406e+01 * central.r + 1.615858368580409e+02) * central.r
                         - 1.556989798598866e+02) * central.r + 6.680131188771972e+01) * central.r
                       - 1.328068155288572e+01) * central.r + 1)
            from central)
    end
$$;
comment on function cw_global.normal_quantile(float8) is
'Inverse standard normal Phi^-1(p) for 0 < p < 1 (Acklam''s approximation, relative error below 1.2e-9); null '
'outside (0, 1). The safety factor z of a cycle service level.';

create or replace function cw_global.normal_loss_inverse(p_loss float8)
returns float8
language sql
immutable
parallel safe
security invoker
as $$
    -- G is strictly decreasing: bisection over [-4, 6] in 40 steps (precision 1e-11), as one recursive CTE.
    with recursive bisection (step, low, high) as (
        select 0, -4::float8, 6::float8
        union all
        select bisection.step + 1,
               case when cw_global.normal_loss((bisection.low + bisection.high) / 2) > p_loss
                    then (bisection.low + bisection.high) / 2 else bisection.low end,
               case when cw_global.normal_loss((bisection.low + bisection.high) / 2) > p_loss
                    then bisection.high else (bisection.low + bisection.high) / 2 end
        from bisection
        where bisection.step < 40
    )
    select case when p_loss is null or p_loss <= 0 then null
                else (select (bisection.low + bisection.high) / 2 from bisection where bisection.step = 40) end
$$;
comment on function cw_global.normal_loss_inverse(float8) is
'The safety factor k with G(k) = p_loss (standard normal loss), by bisection on [-4, 6]: the k that reaches a target '
'fill rate beta when p_loss = (1 - beta) x demand per cycle / sigma.';

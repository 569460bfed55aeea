-- Scores method 1c on the pairs it lifted (scripts/forecast-promo-origins.sh): per horizon week, our forecast
-- without (base) and with (promo) the lift against the oracle (true Poisson mean), the actuals, and the oracle without
-- its promotion effect (mean / (1 + 3 d), the generator's promotion response: a diagnostic, not an input). psql -v s=SCHEMA
with lifted as (
    select distinct origin, product_id, location_id from :s.fcacc_origin_rows where variant = 'promo' and factor is not null
),
rows as (
    select l.origin, l.product_id, l.location_id, b.h, b.predicted_qty as base, p.predicted_qty as promo, p.factor
    from lifted l
    join :s.fcacc_origin_rows b on b.origin = l.origin and b.variant = 'base' and b.product_id = l.product_id and b.location_id = l.location_id
    join :s.fcacc_origin_rows p on p.origin = l.origin and p.variant = 'promo' and p.product_id = l.product_id and p.location_id = l.location_id and p.h = b.h
),
truth as (
    select r.*, t.oracle, t.actual, t.unpromoted
    from rows r cross join lateral (
        select sum(bt.mean) as oracle, sum(bt.demand) as actual, sum(bt.mean / (1 + 3 * bt.discount)) as unpromoted
        from :s.bench_truth bt where bt.product_id = r.product_id and bt.location_id = r.location_id
          and bt.demand_date between r.origin + 7 * (r.h - 1) + 1 and r.origin + 7 * r.h) t
)
select h, count(*) as pairs, count(distinct (origin, product_id)) as promos,
       round(sum(base)::numeric, 1) as base, round(sum(promo)::numeric, 1) as promo, round(sum(oracle)::numeric, 1) as oracle,
       round(sum(unpromoted)::numeric, 1) as oracle_unpromoted, round(sum(actual)::numeric, 1) as actual,
       round(sum((base - oracle)^2)::numeric, 1) as sse_base_oracle, round(sum((promo - oracle)^2)::numeric, 1) as sse_promo_oracle,
       round(sum((base - actual)^2)::numeric, 1) as sse_base_actual, round(sum((promo - actual)^2)::numeric, 1) as sse_promo_actual,
       round(avg(factor)::numeric, 3) as mean_factor, round((sum(oracle) / sum(unpromoted))::numeric, 3) as true_factor
from truth group by rollup (h) order by h;

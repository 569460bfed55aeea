begin;
select plan(6);

select tests.forecast_world('2024-06-30');
call cw_000901.step_forecast('2024-06-30', null);

-- TF-STEADY sells 6 a week at store 2: every candidate method forecasts 6, whatever its weight.
select is_empty(
    $$ select horizon_days, predicted_qty from cw_000901.active_demand_forecast_products as rows
       where rows.product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY')
         and rows.location_id = (select id from cw_000901.locations where erp_id = 'TF-S2')
         and abs(rows.predicted_qty - 6) > 0.0001 $$,
    'a product selling 6 a week is forecast 6 in every week of the horizon'
);
select is(
    (select count(*)::integer from cw_000901.active_demand_forecast_products),
    8 * 26, 'eight listed series x 26 weekly horizons (the default horizon_weeks)'
);

-- Independent computation of TF-LUMPY's smoothing at store 1 by the textbook recursions, week by week.
create temporary table tap_lumpy as
with recursive weeks as (
    select (date '2024-06-30' - history.demand_date) / 7 as week_index, sum(history.demand_qty)::float8 as qty
    from cw_000901.demand_history as history
    where history.product_id = (select id from cw_000901.products where erp_id = 'TF-LUMPY')
      and history.location_id = (select id from cw_000901.locations where erp_id = 'TF-S1')
    group by 1
),
numbered as (
    select row_number() over (order by week_index desc) as t, qty from weeks
),
recursion (t, level, occurrence) as (
    select 0::bigint, (select avg(qty) from numbered where t <= 8),
           (select avg((qty > 0)::integer::float8) from numbered where t <= 8)
    union all
    select numbered.t, 0.8 * recursion.level + 0.2 * numbered.qty,
           0.9 * recursion.occurrence + 0.1 * (numbered.qty > 0)::integer
    from recursion
    inner join numbered on numbered.t = recursion.t + 1
)
select * from recursion order by t desc limit 1;

select is((select t::integer from tap_lumpy), 40, 'the fixture has 40 weeks of TF-LUMPY');
select ok(
    (select abs(series.level_qty - tap_lumpy.level) < 0.0001
     from cw_000901.demand_forecast_series as series, tap_lumpy
     where series.product_id = (select id from cw_000901.products where erp_id = 'TF-LUMPY')),
    'the closed-form SES level equals the recursion L = 0.8 L + 0.2 y'
);
select ok(
    (select abs(series.occurrence_prob - tap_lumpy.occurrence) < 0.0001
     from cw_000901.demand_forecast_series as series, tap_lumpy
     where series.product_id = (select id from cw_000901.products where erp_id = 'TF-LUMPY')),
    'the closed-form TSB occurrence equals the recursion p = 0.9 p + 0.1 [y > 0]'
);
select ok(
    (select abs(rows.prob_demand - series.occurrence_prob) < 0.02
     from cw_000901.active_demand_forecast_products as rows
     inner join cw_000901.demand_forecast_series as series
         on series.product_id = rows.product_id and series.location_id = rows.location_id
     where rows.product_id = (select id from cw_000901.products where erp_id = 'TF-LUMPY') and rows.horizon_days = 14),
    'a lumpy series'' probability of demand in a week is its smoothed occurrence (no season, no trend)'
);

select * from finish();
rollback;

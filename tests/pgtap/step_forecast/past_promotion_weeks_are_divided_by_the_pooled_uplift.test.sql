begin;
select plan(4);

-- Two products of one category at one store sell 20 a day (140 a week) for 30 weeks ending on 2024-06-30, and
-- 30 a day in weeks 1, 10 and 20 (week 0 ends on the forecast date). TP-PROMO's extra weeks were promotions: sold at
-- 8 instead of 10 (20 % off: 1 + 2.5 x 0.2 = 1.5 x the demand); TP-PLAIN's were not (full price, e.g. a local event).
select tests.promotion_masters(array['TP-PROMO', 'TP-PLAIN']);
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, (select id from cw_000901.locations where erp_id = 'TP-S1'), days.day, sold.qty,
       sold.qty * case when products.erp_id = 'TP-PROMO' and sold.is_peak then 8 else 10 end, sold.qty * 4, true,
       null, false, sold.qty, 1, '2024-06-30'
from cw_000901.products
cross join generate_series(date '2024-06-30' - 209, date '2024-06-30', interval '1 day') as days (day)
cross join lateral (select (date '2024-06-30' - days.day::date) / 7 in (1, 10, 20) as is_peak) as week
cross join lateral (select week.is_peak, case when week.is_peak then 30 else 20 end::numeric as qty) as sold
where products.erp_id like 'TP-%';

call cw_000901.step_forecast('2024-06-30', null);

-- Pooled over the category: excess 3 x 70 units against base x discount 3 x 140 x 0.2 = 84, shrunk with the prior
-- of promo_prior_units (25) towards the uplift of all categories (itself shrunk towards 0): 2.37 (true 2.5).
select ok(
    (select bool_and(pools.promo_uplift between 2.2 and 2.5) from cw_000901.demand_forecast_pools as pools
     where pools.product_category_id = (select id from cw_000901.product_categories where path = 'TP Snacks')),
    'the category''s uplift per unit of discount is estimated from its promotion weeks, shrunk below the true 2.5'
);
select ok(
    (select abs(rows.predicted_qty - 140) < 4 from cw_000901.active_demand_forecast_products as rows
     where rows.product_id = (select id from cw_000901.products where erp_id = 'TP-PROMO') and rows.horizon_days = 7),
    'a product whose last-but-one week was a promotion is forecast its unpromoted 140 a week'
);
select ok(
    (select rows.predicted_qty > 145 from cw_000901.active_demand_forecast_products as rows
     where rows.product_id = (select id from cw_000901.products where erp_id = 'TP-PLAIN') and rows.horizon_days = 7),
    'the same demand at full price (no promotion) raises the forecast'
);
select is(
    (select (metadata -> 'settings' ->> 'promo_prior_units')::numeric from cw_000901.demand_forecasts),
    25::numeric, 'the forecast records the promotion prior it used'
);

select * from finish();
rollback;

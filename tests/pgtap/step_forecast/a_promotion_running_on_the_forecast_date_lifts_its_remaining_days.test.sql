begin;
select plan(8);

-- Three products of one category at one store sell 20 a day at 10 for 30 weeks ending on 2024-06-30 (the forecast
-- date, a Sunday), and 30 a day at 8 (20 % off) on promotion days. All three had the same three past promotions,
-- lasting 5, 9 and 12 days (days 180..176, 130..122 and 80..69 before the forecast date), each with regular days on
-- both sides. Today's price list:
--   TP-ACTIVE  promotion price 8; the history shows it running since 5 days before the forecast date (6 days);
--   TP-ENDED   the same history, no promotion price any more (it ended today): not lifted;
--   TP-STALE   promotion price 8 but sold at the regular 10 on every recent day (the history does not confirm it,
--              e.g. a price list of another date): not lifted.
select tests.promotion_masters(array['TP-ACTIVE', 'TP-ENDED', 'TP-STALE']);
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, (select id from cw_000901.locations where erp_id = 'TP-S1'), days.day, sold.qty,
       sold.qty * case when day.is_promotion then 8 else 10 end, sold.qty * 4, true, null, false, sold.qty, 1,
       '2024-06-30'
from cw_000901.products
cross join generate_series(date '2024-06-30' - 209, date '2024-06-30', interval '1 day') as days (day)
cross join lateral (select date '2024-06-30' - days.day::date as days_before) as offsets
cross join lateral (
    select offsets.days_before between 176 and 180 or offsets.days_before between 122 and 130
           or offsets.days_before between 69 and 80
           or (offsets.days_before <= 5 and products.erp_id <> 'TP-STALE') as is_promotion
) as day
cross join lateral (select case when day.is_promotion then 30 else 20 end::numeric as qty) as sold
where products.erp_id like 'TP-%';

insert into cw_000901.price_lists (erp_id, name, channel, currency_id, first_seen_date, row_hash)
values ('TP-STORES', 'TP stores', 'store', (select id from cw_global.currencies where code = 'EUR'), '2023-06-01',
        md5('tp-stores')::uuid);
insert into cw_000901.prices (price_list_id, product_id, erp_price, erp_promo_price, price, promo_price,
                              first_seen_date, row_hash)
select (select id from cw_000901.price_lists where erp_id = 'TP-STORES'), products.id, 10,
       case when products.erp_id = 'TP-ENDED' then null else 8 end, 10,
       case when products.erp_id = 'TP-ENDED' then null else 8 end, '2023-06-01', md5(products.erp_id)::uuid
from cw_000901.products
where products.erp_id like 'TP-%';

call cw_000901.step_forecast('2024-06-30', null);

select is(
    (select metadata -> 'promotions' -> 'durations' from cw_000901.demand_forecasts),
    '{"5": 3, "9": 3, "12": 3}'::jsonb,
    'the past promotions are measured per product and price list: 5, 9 and 12 days, three products each; the '
    'running one is not complete and not counted'
);
select is(
    (select active.elapsed_days from fc_promo_active as active
     where active.product_id = (select id from cw_000901.products where erp_id = 'TP-ACTIVE')),
    6, 'the history confirms the running promotion and dates it: the forecast date is its 6th day'
);

-- By hand: past durations that reached 6 days are 9 and 12 (equally likely), so 3 or 6 days remain: days 1..3 of
-- horizon week 1 with probability 1/2 and days 1..6 with 1/2, none of week 2. The week's lift is 1 + uplift x 0.2
-- x the expected promoted share of its demand (the location's weekday shares of those days, as the forecast stored
-- them; the forecast date is a Sunday, so day k after it is weekday k).
create temporary table tp_expected on commit drop as
select 1 + pools.promo_uplift::float8 * 0.2
           * (0.5 * (locations.weekday_shares[1] + locations.weekday_shares[2] + locations.weekday_shares[3])
              + 0.5 * (locations.weekday_shares[1] + locations.weekday_shares[2] + locations.weekday_shares[3]
                       + locations.weekday_shares[4] + locations.weekday_shares[5] + locations.weekday_shares[6]))
           / (locations.weekday_shares[1] + locations.weekday_shares[2] + locations.weekday_shares[3]
              + locations.weekday_shares[4] + locations.weekday_shares[5] + locations.weekday_shares[6]
              + locations.weekday_shares[7]) as factor
from cw_000901.demand_forecast_pools as pools
inner join cw_000901.demand_forecast_locations as locations
    on locations.demand_forecast_id = pools.demand_forecast_id and locations.location_id = pools.location_id
where pools.product_category_id = (select id from cw_000901.product_categories where path = 'TP Snacks');

select ok(
    (select pools.promo_uplift between 2 and 2.5 from cw_000901.demand_forecast_pools as pools
     where pools.product_category_id = (select id from cw_000901.product_categories where path = 'TP Snacks')),
    'the category''s uplift per unit of discount comes from the past promotions (true 2.5, shrunk)'
);
select ok(
    (select abs(active.predicted_qty / ended.predicted_qty - tp_expected.factor) < 1e-9
     from fc_out_rows as active
     inner join fc_out_rows as ended
         on ended.horizon_days = active.horizon_days
         and ended.product_id = (select id from cw_000901.products where erp_id = 'TP-ENDED')
     cross join tp_expected
     where active.product_id = (select id from cw_000901.products where erp_id = 'TP-ACTIVE')
       and active.horizon_days = 7),
    'horizon week 1 of the promoted product is its unpromoted forecast (the same history, promotion ended) x the '
    'expected lift of its remaining days, computed by hand (the run''s own rows, before storing them as real)'
);
select ok(
    (select tp_expected.factor > 1.2 from tp_expected),
    'the expected lift is material (about 1 + 2.3 x 0.2 x 4.5 / 7)'
);
select ok(
    (select bool_and(active.predicted_qty = ended.predicted_qty)
     from fc_out_rows as active
     inner join fc_out_rows as ended
         on ended.horizon_days = active.horizon_days
         and ended.product_id = (select id from cw_000901.products where erp_id = 'TP-ENDED')
     where active.product_id = (select id from cw_000901.products where erp_id = 'TP-ACTIVE')
       and active.horizon_days > 7),
    'later weeks, beyond every remaining duration, are not lifted'
);
select is(
    (select count(*) from fc_promo_lift
     where fc_promo_lift.product_id in (select id from cw_000901.products where erp_id in ('TP-ENDED', 'TP-STALE'))),
    0::bigint, 'no lift without a promotion price today, nor for a promotion price the recent sales do not confirm'
);
select ok(
    (select (metadata -> 'method' ->> 'version') = 'weekly-combination-7'
            and metadata -> 'input_watermark' ? 'promotions_md5'
     from cw_000901.demand_forecasts),
    'the method version is 7 and today''s promotion prices are part of the input watermark'
);

select * from finish();
rollback;

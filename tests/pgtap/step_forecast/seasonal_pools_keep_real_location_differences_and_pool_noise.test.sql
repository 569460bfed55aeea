begin;
select plan(4);

-- Two stores, two categories of two products each, 104 weeks of demand ending on 2024-06-30 (week 0 ends there),
-- about 100 units a week per pair times a yearly season of period 52 weeks (position = week index mod 52):
-- - TP Staples: both stores share the season 1 + 0.5 sin(2 pi w / 52), and differ by +-2 % in alternating 3-week
--   blocks of the year (store 1 up where store 2 is down): a difference smaller than the Poisson noise of a cell
--   (about 1,600 expected units, a relative noise of ~3 %), so the data cannot tell it from noise;
-- - TP Seasonal: opposite seasons, store 1 peaks where store 2 has its trough (a tourist store against a city one).
-- With measured shrinkage (empirical Bayes per category) the staples' store pools take the category's shape and the
-- seasonal category keeps each store's own. A fixed kappa of 100 units kept the staples' +-2 % in the pools.
insert into cw_000901.product_categories (level, name, path, first_seen_date)
values (1, 'TP Staples', 'TP Staples', '2022-06-01'), (1, 'TP Seasonal', 'TP Seasonal', '2022-06-01');
insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
values ('TP-S1', 'TP store 1', 'store', 1, 'active', '2022-06-01', md5('tp-s1')::uuid),
       ('TP-S2', 'TP store 2', 'store', 1, 'active', '2022-06-01', md5('tp-s2')::uuid);
insert into cw_000901.products (erp_id, name, product_category_id, erp_currency_id, cost, price, is_dropship,
                                erp_status, first_seen_date, row_hash)
select product.erp_id, product.erp_id, (select id from cw_000901.product_categories where path = product.category),
       (select id from cw_global.currencies where code = 'EUR'), 4, 10, false, 'active', '2022-06-01',
       md5(product.erp_id)::uuid
from (values ('TP-STA-1', 'TP Staples'), ('TP-STA-2', 'TP Staples'),
             ('TP-SEA-1', 'TP Seasonal'), ('TP-SEA-2', 'TP Seasonal')) as product (erp_id, category);
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, locations.id, days.day, daily.qty, daily.qty * 10, daily.qty * 4, true, null, false, daily.qty, 1,
       '2024-06-30'
from cw_000901.products
cross join cw_000901.locations
cross join generate_series(date '2024-06-30' - 727, date '2024-06-30', interval '1 day') as days (day)
cross join lateral (select (date '2024-06-30' - days.day::date) / 7 as week_index) as week
cross join lateral (
    select case when locations.erp_id = 'TP-S1' then 1 else -1 end as side,
           sin(2 * pi() * week.week_index / 52) as wave,
           case when week.week_index % 52 % 6 < 3 then 0.02 else -0.02 end as blocks
) as shape
cross join lateral (
    select round((100.0 / 7 * case when products.erp_id like 'TP-STA-%'
                                   then (1 + 0.5 * shape.wave) * (1 + shape.side * shape.blocks)
                                   else 1 + shape.side * 0.5 * shape.wave end)::numeric, 3) as qty
) as daily
where products.erp_id like 'TP-S%' and locations.erp_id like 'TP-S%';

call cw_000901.step_forecast('2024-06-30', null);

select ok(
    (select max(abs(store_1.season_index[positions.position] - store_2.season_index[positions.position])) < 0.01
     from cw_000901.demand_forecast_pools as store_1
     inner join cw_000901.demand_forecast_pools as store_2
         on store_2.demand_forecast_id = store_1.demand_forecast_id
         and store_2.product_category_id = store_1.product_category_id
     cross join generate_series(1, 52) as positions (position)
     where store_1.product_category_id = (select id from cw_000901.product_categories where path = 'TP Staples')
       and store_1.location_id = (select id from cw_000901.locations where erp_id = 'TP-S1')
       and store_2.location_id = (select id from cw_000901.locations where erp_id = 'TP-S2')),
    'differences between stores within the noise pool to the category''s season'
);
-- Position 13 (weeks 13 and 65 before the forecast date): the wave's crest, store 1's peak and store 2's trough.
select ok(
    (select pools.season_index[14] > 1.3 from cw_000901.demand_forecast_pools as pools
     where pools.product_category_id = (select id from cw_000901.product_categories where path = 'TP Seasonal')
       and pools.location_id = (select id from cw_000901.locations where erp_id = 'TP-S1')),
    'a store whose season truly differs keeps its own peak'
);
select ok(
    (select pools.season_index[14] < 0.7 from cw_000901.demand_forecast_pools as pools
     where pools.product_category_id = (select id from cw_000901.product_categories where path = 'TP Seasonal')
       and pools.location_id = (select id from cw_000901.locations where erp_id = 'TP-S2')),
    'and the other store its own trough at the same week of the year'
);
select ok(
    (select (metadata -> 'seasonality' ->> 'own_prior_units')::float8 > 0 from cw_000901.demand_forecasts),
    'the forecast records the series'' seasonal prior units it measured (a scoped rewrite reuses them)'
);

select * from finish();
rollback;

begin;
select plan(6);

-- The forecast world (docs in tests.forecast_world) plus, in the same category: TF-LAUNCH, new everywhere (1 a day at
-- TF-S1 for its last 2 weeks), and TF-LIST2, established at TF-S2 (4 a day for 40 weeks) and newly listed at TF-S1
-- (1 a day for its last 2 weeks). With no neighbour within max_distance (attributes differ: price, pack) a new series
-- has no similar-products prior: TF-LAUNCH falls back to the category's mean level at TF-S1, TF-NEW and TF-LIST2 at
-- TF-S1 to their level at TF-S2 times TF-S1's factor for new listings — both pooled over other products' series,
-- which a scoped run does not read.
select tests.forecast_world('2024-06-30');
insert into cw_000901.products (erp_id, name, product_category_id, erp_currency_id, cost, price, pack_size_qty,
                                erp_status, first_seen_date, row_hash)
select items.erp_id, items.erp_id, (select id from cw_000901.product_categories where path = 'TF Tools'),
       (select id from cw_global.currencies where code = 'EUR'), items.cost, items.price, items.pack_size_qty,
       'active', date '2024-06-30' - 400, md5(items.erp_id)::uuid
from (values ('TF-LAUNCH', 40, 99, 12), ('TF-LIST2', 20, 55, 6)) as items (erp_id, cost, price, pack_size_qty);
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, locations.id, days.day, pairs.qty, pairs.qty * products.price, pairs.qty * products.cost, true,
       null, false, pairs.qty, 1, date '2024-06-30'
from (values ('TF-LAUNCH', 'TF-S1', 2, 1), ('TF-LIST2', 'TF-S2', 40, 4), ('TF-LIST2', 'TF-S1', 2, 1))
    as pairs (erp_id, location_erp_id, weeks, qty)
inner join cw_000901.products on products.erp_id = pairs.erp_id
inner join cw_000901.locations on locations.erp_id = pairs.location_erp_id
cross join lateral generate_series(date '2024-06-30' - 7 * pairs.weeks + 1, date '2024-06-30', interval '1 day')
    as days (day);
update cw_global.clients
set settings = coalesce(settings, '{}') || '{"embeddings": {"max_distance": 0.0001, "category_weight": 0}}'
where code = 'CW-000901';

call cw_000901.step_forecast('2024-06-30', null);
create temporary table tap_full as select * from fc_out_rows;
create temporary table tap_stored as
select rows.id, rows.xmin::text as row_version from cw_000901.demand_forecast_products as rows;

select is(
    (select products.erp_id || ' ' || locations.erp_id || ' ' || series.source_type
            || ' ' || (series.prior_level_qty = levels.level_qty and series.prior_level_qty > 0)::text
     from fc_out_series as series
     inner join cw_000901.products on products.id = series.product_id
     inner join cw_000901.locations on locations.id = series.location_id
     inner join (select fit_products.product_category_id, fit.location_id,
                        avg(fit.weight_ses_slow * fit.level_slow + fit.weight_ses * fit.level_fitted
                            + fit.weight_damped_trend * fit.level + fit.weight_tsb * fit.occurrence * fit.size)
                        as level_qty
                 from fc_fit as fit
                 inner join cw_000901.products as fit_products on fit_products.id = fit.product_id
                 where fit.history_weeks >= 8
                 group by fit_products.product_category_id, fit.location_id) as levels
         on levels.product_category_id = products.product_category_id and levels.location_id = series.location_id
     where products.erp_id = 'TF-LAUNCH'),
    'TF-LAUNCH TF-S1 imputed_global_only true',
    'the full run gives the launch without similar products its category''s mean level at the store as prior'
);
select is(
    (select array_agg(locations.erp_id || ':' || pools.established_series || ':'
                      || (pools.category_level_qty = levels.level_qty)::text order by locations.erp_id)
     from cw_000901.demand_forecast_pools as pools
     inner join cw_000901.locations on locations.id = pools.location_id
     inner join fc_category_levels as levels
         on levels.product_category_id = pools.product_category_id and levels.location_id = pools.location_id
     where locations.erp_id in ('TF-S1', 'TF-S2')),
    array['TF-S1:4:true', 'TF-S2:3:true'],
    'the full run stores each pool''s category level and how many established series it averages'
);
select ok(
    (select bool_and(stored.listing_factor > 0 and stored.listing_factor <> 1)
     from cw_000901.demand_forecast_locations as stored
     inner join cw_000901.locations on locations.id = stored.location_id
     where locations.erp_id = 'TF-S1'),
    'and TF-S1''s factor for its new listings (pooled over TF-NEW and TF-LIST2)'
);

create temporary table tap_scoped as select * from tap_full where false;
call cw_000901.step_forecast('2024-06-30', '{"products": ["TF-LAUNCH"]}');
insert into tap_scoped select * from fc_out_rows;
call cw_000901.step_forecast('2024-06-30', '{"products": ["TF-NEW"]}');
insert into tap_scoped select * from fc_out_rows;

-- Equal up to the order of floating-point sums.
select is_empty(
    $$ select * from tests.forecast_scoped_mismatches(array['TF-LAUNCH', 'TF-NEW']) $$,
    'a scoped run computes the full run''s rows of a launch and a new listing without similar products'
);
select is_empty($$ select * from tests.forecast_rewritten_rows() $$, 'so none of the stored rows is rewritten');
select ok(
    (select not (metadata ? 'scoped_runs') from cw_000901.demand_forecasts),
    'and the forecast records no scoped rewrite'
);

select * from finish();
rollback;

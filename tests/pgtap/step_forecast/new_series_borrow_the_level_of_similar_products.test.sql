begin;
select plan(6);

select tests.similar_world('2024-06-30');
call cw_000901.step_forecast('2024-06-30', null);
create temporary view tap_rows as
select products.erp_id as product, locations.erp_id as location, rows.*
from cw_000901.active_demand_forecast_products as rows
inner join cw_000901.products on products.id = rows.product_id
inner join cw_000901.locations on locations.id = rows.location_id
where products.erp_id like 'SP-%';

select results_eq(
    $$ select product || '@' || location || ' ' || string_agg(distinct demand_source_type, ',')
       from tap_rows where product in ('SP-NEW-MILK', 'SP-NEW-HAMMER', 'SP-YOUNG', 'SP-MILK-A')
       group by product, location order by product, location $$,
    $$ values ('SP-MILK-A@SP-S1 actual'), ('SP-MILK-A@SP-S2 actual'),
              ('SP-NEW-HAMMER@SP-S1 imputed_local_global'), ('SP-NEW-HAMMER@SP-S2 actual'),
              ('SP-NEW-MILK@SP-S1 imputed_global_only'), ('SP-YOUNG@SP-S1 imputed_global_only') $$,
    'a new series is imputed_local_global when its product sells at another location, else imputed_global_only'
);

-- Independent computation of the prior of SP-NEW-MILK at SP-S1: its neighbours within 0.8 (similar_products),
-- weighted exp(-6 distance), at their weekly level at SP-S1 (flat fixture: 7 x their daily sales), shrunk towards
-- the milk category's mean level at SP-S1 ((7 + 14 + 70) / 3: SP-YOUNG is not established) with weight 0.5.
create temporary table tap_expected as
select (sum(exp(-6 * nearest.distance) * levels.weekly_qty) + 0.5 * (7 + 14 + 70) / 3.0)
       / (sum(exp(-6 * nearest.distance)) + 0.5) as prior_qty
from cw_000901.similar_products((select id from cw_000901.products where erp_id = 'SP-NEW-MILK'), 10) as nearest
inner join cw_000901.products on products.id = nearest.similar_product_id
inner join (values ('SP-MILK-A', 7.0), ('SP-MILK-B', 14.0), ('SP-MILK-BULK', 70.0), ('SP-CHEESE', 21.0))
    as levels (erp_id, weekly_qty) on levels.erp_id = products.erp_id
where nearest.distance <= 0.8;

select ok(
    (select abs(prior_level_qty - (select prior_qty from tap_expected)) < 0.01
     from cw_000901.forecast_similar_priors(
         '2024-06-30', array[(select id from cw_000901.products where erp_id = 'SP-NEW-MILK')],
         array[(select id from cw_000901.locations where erp_id = 'SP-S1')],
         '{"min_history_weeks": 8,
           "embeddings": {"neighbours": 10, "max_distance": 0.8, "category_weight": 0.5}}')),
    'the prior of a new product is its neighbours'' distance-weighted level at the location, shrunk to the category'
);
-- How much that prior is worth: the gamma prior's shape a = 1 / CV^2 of the established levels around their
-- category's mean at the location (cells of at least two): milk 7, 14, 70 at both stores, hammers 7 and 7 at SP-S2.
create temporary table tap_shape as
select (6 * ((7 + 14 + 70) / 3.0) ^ 2 + 2 * 7 ^ 2)
       / (2 * ((7 - (7 + 14 + 70) / 3.0) ^ 2 + (14 - (7 + 14 + 70) / 3.0) ^ 2 + (70 - (7 + 14 + 70) / 3.0) ^ 2))
       as shape;
select ok(
    (select bool_and(abs(predicted_qty - (tap_shape.shape + 2 * 7)
                                         / (tap_shape.shape / (select prior_qty from tap_expected) + 2)) < 0.01)
     from tap_rows cross join tap_shape where product = 'SP-NEW-MILK'),
    'its forecast is the gamma posterior of that prior after its own 2 weeks (7 a week, no launch ramp seen): '
    || '(a + 14) / (a / prior + 2)'
);
select ok(
    (select abs(prior_qty - 7) < abs(prior_qty - (7 + 14 + 70) / 3.0) from tap_expected),
    'that prior is nearer its twin SP-MILK-A (7 a week) than the milk category''s average at the store (30.3 a week)'
);
-- The local prior's shape: the established products sell alike at both stores but SP-HAMMER (14 / 7); around each
-- product's mean times the store's factor the levels scatter by 1/385 of their square: a at its bound, 100.
select ok(
    (select bool_and(abs(predicted_qty - (100 + 2 * 7) / (100 / 14.0 + 2)) < 0.01)
     from tap_rows where product = 'SP-NEW-HAMMER' and location = 'SP-S1'),
    'a product new at a store: its level elsewhere (7 at S2) x its neighbour''s level here / there (14 / 7) = 14, '
    || 'the gamma posterior after its 2 weeks of 7 with the local shape 100'
);

update cw_global.clients
set settings = coalesce(settings, '{}') || '{"embeddings": {"max_distance": 0.01, "category_weight": 0}}'
where code = 'CW-000901';
call cw_000901.step_forecast('2024-06-30', null);
select ok(
    (select bool_and(abs(predicted_qty - 7) < 0.01)
     from tap_rows where product = 'SP-NEW-MILK'),
    'with only its twin within max_distance and no category weight, the prior is the twin''s level (the changed '
    || 'settings make a new forecast)'
);

select * from finish();
rollback;

begin;
select plan(4);

-- forecast_similar_priors reads a pair's 13-week level from the weekly aggregate demand_weeks, not from the daily
-- demand_history rows. Guard: on a forecast date in mid-week (the 91 days cut an ISO week at each end), with demand
-- that differs by weekday and days without a row, its priors equal the same formula computed here from the daily
-- rows: level = demand per listed day x 7 over the 91 days, established with at least 7 x 8 - 3 = 53 listed days.
select tests.similar_world('2024-06-30');
-- Demand differs by weekday (Monday x 2 .. Sunday x 8), so a day counted in the wrong week changes the level.
update cw_000901.demand_history
set demand_qty = demand_qty * (1 + extract(isodow from demand_date)),
    quantity = quantity * (1 + extract(isodow from demand_date));
-- SP-MILK-B at SP-S1 is not listed on Tuesdays (78 of the 91 days: established, its level per listed day);
-- SP-CHEESE at SP-S1 misses 40 days (51 listed: not established there, it lends nothing at SP-S1).
delete from cw_000901.demand_history
where product_id = (select id from cw_000901.products where erp_id = 'SP-MILK-B')
  and location_id = (select id from cw_000901.locations where erp_id = 'SP-S1')
  and extract(isodow from demand_date) = 2;
delete from cw_000901.demand_history
where product_id = (select id from cw_000901.products where erp_id = 'SP-CHEESE')
  and location_id = (select id from cw_000901.locations where erp_id = 'SP-S1')
  and demand_date between date '2024-06-26' - 60 and date '2024-06-26' - 21;
select cw_000901.embeddings_refresh_attributes(null), cw_000901.embeddings_refresh_demand_profiles('2024-06-26', null);

create temporary table tap_levels as
select history.product_id, history.location_id, sum(history.demand_qty)::float8 * 7 / count(*) as level_qty
from cw_000901.demand_history as history
where history.demand_date between date '2024-06-26' - 90 and date '2024-06-26'
group by history.product_id, history.location_id
having count(*) >= 53;

create temporary table tap_ids as
select (select id from cw_000901.products where erp_id = 'SP-NEW-MILK') as new_milk,
       (select id from cw_000901.products where erp_id = 'SP-NEW-HAMMER') as new_hammer,
       (select id from cw_000901.locations where erp_id = 'SP-S1') as s1,
       (select id from cw_000901.locations where erp_id = 'SP-S2') as s2;

create temporary table tap_priors as
select priors.*
from tap_ids
cross join lateral cw_000901.forecast_similar_priors(
    '2024-06-26', array[tap_ids.new_milk, tap_ids.new_hammer], array[tap_ids.s1, tap_ids.s1],
    '{"min_history_weeks": 8, "embeddings": {"neighbours": 10, "max_distance": 0.8, "category_weight": 0.5}}'
) as priors;

-- SP-NEW-MILK at SP-S1: its neighbours' distance-weighted level at SP-S1, shrunk towards the milk category's mean
-- level there with 0.5 twins' weight.
select ok(
    (select abs(priors.prior_level_qty - expected.prior_qty) < 1e-9 and priors.neighbour_count = expected.neighbours
     from tap_priors as priors
     cross join (
         select (sum(exp(-6 * nearest.distance) * levels.level_qty) + 0.5 * category.level_qty)
                / (sum(exp(-6 * nearest.distance)) + 0.5) as prior_qty,
                count(*) as neighbours
         from tap_ids
         cross join lateral cw_000901.similar_products(tap_ids.new_milk, 10) as nearest
         inner join tap_levels as levels
             on levels.product_id = nearest.similar_product_id and levels.location_id = tap_ids.s1
         cross join (select avg(levels.level_qty) as level_qty
                     from tap_levels as levels
                     inner join cw_000901.products on products.id = levels.product_id
                     where levels.location_id = (select s1 from tap_ids)
                       and products.product_category_id = (select product_category_id from cw_000901.products
                                                           where erp_id = 'SP-NEW-MILK')) as category
         where nearest.distance <= 0.8
         group by category.level_qty
     ) as expected
     where priors.product_id = (select new_milk from tap_ids)),
    'a new product''s prior equals its neighbours'' levels computed from the daily rows, shrunk to the category'
);
-- SP-NEW-HAMMER at SP-S1: its own level at SP-S2 x its neighbours' level at SP-S1 / at SP-S2.
select ok(
    (select abs(priors.prior_level_qty - expected.prior_qty) < 1e-9
     from tap_priors as priors
     cross join (
         select own.level_qty * sum(exp(-6 * nearest.distance) * here.level_qty)
                / sum(exp(-6 * nearest.distance) * there.level_qty) as prior_qty
         from tap_ids
         cross join lateral cw_000901.similar_products(tap_ids.new_hammer, 10) as nearest
         inner join tap_levels as here
             on here.product_id = nearest.similar_product_id and here.location_id = tap_ids.s1
         inner join tap_levels as there
             on there.product_id = nearest.similar_product_id and there.location_id = tap_ids.s2
         inner join tap_levels as own on own.product_id = tap_ids.new_hammer and own.location_id = tap_ids.s2
         where nearest.distance <= 0.8
         group by own.level_qty
     ) as expected
     where priors.product_id = (select new_hammer from tap_ids)),
    'a product new at a store: its level elsewhere x its neighbours'' here / there, all from the daily rows'
);
select ok(
    (select abs(level_qty - 2 * 7 * (2 + 4 + 5 + 6 + 7 + 8) / 6.0) < 1e-9
     from tap_levels
     where product_id = (select id from cw_000901.products where erp_id = 'SP-MILK-B')
       and location_id = (select s1 from tap_ids)),
    'the fixture is what it says: SP-MILK-B at SP-S1 sells 2 a day x (1 + weekday), counted per listed day'
);
select ok(
    not exists (select from tap_levels
                where product_id = (select id from cw_000901.products where erp_id = 'SP-CHEESE')
                  and location_id = (select s1 from tap_ids))
    and (select neighbour_count from tap_priors where product_id = (select new_milk from tap_ids))
        < (select count(*) from tap_ids
           cross join lateral cw_000901.similar_products(tap_ids.new_milk, 10) as nearest
           where nearest.distance <= 0.8),
    'a neighbour listed on fewer than 53 of the 91 days at the store (SP-CHEESE at SP-S1) lends nothing there'
);

select * from finish();
rollback;

begin;
select plan(8);

select tests.forecast_world('2024-06-30');
call cw_000901.step_forecast('2024-06-30', null);
create temporary view tap_rows as
select products.erp_id as product, locations.erp_id as location, rows.*
from cw_000901.active_demand_forecast_products as rows
inner join cw_000901.products on products.id = rows.product_id
inner join cw_000901.locations on locations.id = rows.location_id;

select results_eq(
    $$ select product || '@' || location || ' ' || string_agg(distinct demand_source_type, ',')
       from tap_rows group by product, location order by product, location $$,
    $$ values ('TF-DEAD@TF-S1 dead_product'), ('TF-DROP@TF-S1 dropship'), ('TF-LUMPY@TF-S1 actual'),
              ('TF-NEW@TF-S1 imputed_local_global'), ('TF-NEW@TF-S2 actual'), ('TF-ONLINE@TF-W online_only'),
              ('TF-STEADY@TF-S1 actual'), ('TF-STEADY@TF-S2 actual') $$,
    'each series gets its source type: dead, dropship, new at a store while selling elsewhere, online only, actual'
);
select is_empty(
    $$ select from tap_rows where product = 'TF-DEAD' and (predicted_qty <> 0 or prob_demand <> 0 or confidence <> 0) $$,
    'a dead product is forecast no demand, with probability 0 and confidence 0'
);
select ok(
    (select bool_and(predicted_qty between 13 and 15) from tap_rows where product = 'TF-NEW' and location = 'TF-S1'),
    'a product new at a store (3 weeks of 14) is forecast about 14 a week, like it sells elsewhere'
);
select ok(
    (select max(confidence) from tap_rows where product = 'TF-NEW' and location = 'TF-S1')
    < (select min(confidence) from tap_rows where product = 'TF-NEW' and location = 'TF-S2'),
    'a series with 3 weeks of history is less trusted than one with 40'
);
select ok(
    (select bool_and(abs(critical_ratio - 6.0 / (6 + 4 * 0.25 * 7 / 365)) < 0.00001) from tap_rows),
    'critical ratio = (price - cost) / ((price - cost) + cost x 25 % a year x 7 / 365)'
);
update cw_global.clients set settings = coalesce(settings, '{}') || '{"forecast": {"horizon_weeks": 4}}'
where code = 'CW-000901';
update cw_000901.products set launch_date = '2024-07-10' where erp_id = 'TF-STEADY';
update cw_000901.products set discontinued_override = true, discontinue_date = '2024-07-14', updated_at = now()
where erp_id = 'TF-LUMPY';
call cw_000901.step_forecast('2024-06-30', null);
select results_eq(
    $$ select horizon_days::integer, predicted_qty > 0 from tap_rows
       where product = 'TF-STEADY' and location = 'TF-S2' order by horizon_days $$,
    $$ values (7, false), (14, true), (21, true), (28, true) $$,
    'no demand in the weeks that end before the launch date'
);
select results_eq(
    $$ select horizon_days::integer, predicted_qty > 0 from tap_rows where product = 'TF-LUMPY' order by horizon_days $$,
    $$ values (7, true), (14, true), (21, false), (28, false) $$,
    'no demand in the weeks that start after the phase-out (discontinue) date'
);
select is((select count(*)::integer from cw_000901.demand_forecasts), 2,
          'changed settings and product data make a new forecast');

select * from finish();
rollback;

-- cw ml import (SQL side): an external model's daily predictions replace step 7's weekly values for the weeks they
-- cover completely; everything else is step 7's; the import is the active forecast; importing it again writes nothing,
-- and a nightly re-run of step 7 with unchanged inputs keeps it.
begin;
select plan(9);

select tests.forecast_world('2024-06-30');
call cw_000901.step_forecast('2024-06-30', null);
create temporary table tap_own as
select product_id, location_id, horizon_days, predicted_qty, prob_demand from cw_000901.active_demand_forecast_products;

-- TF-STEADY at TF-S1: 3 a day for the first 10 days (week 1 complete, week 2 only 3 days).
create temporary table forecast_import_rows (product_id text, location_id text, forecast_date date,
                                             predicted_qty double precision);
insert into forecast_import_rows
select 'TF-STEADY', 'TF-S1', date '2024-06-30' + day, 3 from generate_series(1, 10) as day;

call cw_000901.forecast_import_external('2024-06-30', 'lgbm-v3', '{"key": "ml-output/x/predictions.parquet", "etag": "e1"}', null);

select is((select metadata -> 'method' ->> 'model' from cw_000901.active_demand_forecast), 'lgbm-v3',
          'the import is the active forecast, its model named in the metadata');
select results_eq(
    $$ select horizon_days::integer, predicted_qty, round(prob_demand::numeric, 6)
       from cw_000901.active_demand_forecast_products
       where product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY')
           and location_id = (select id from cw_000901.locations where erp_id = 'TF-S1') and horizon_days <= 14
       order by horizon_days $$,
    $$ select 7, 21::real, round((1 - exp(-21::double precision))::numeric, 6)
       union all
       select horizon_days::integer, predicted_qty, round(prob_demand::numeric, 6) from tap_own
       where product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY')
           and location_id = (select id from cw_000901.locations where erp_id = 'TF-S1') and horizon_days = 14 $$,
    'a week predicted on all seven days is the model''s sum (probability 1 - exp(-q)); a partial week stays step 7''s'
);
select is(
    (select count(*) from (
        select product_id, location_id, horizon_days, predicted_qty, prob_demand
        from cw_000901.active_demand_forecast_products
        except select * from tap_own) as changed),
    1::bigint,
    'every other row is step 7''s'
);
select is((select count(*) from cw_000901.active_demand_forecast_products), (select count(*) from tap_own),
          'the import has as many rows as the forecast it builds on');

call cw_000901.forecast_import_external('2024-06-30', 'lgbm-v3', '{"key": "ml-output/x/predictions.parquet", "etag": "e1"}', null);
select is((select count(*)::integer from cw_000901.demand_forecasts), 2, 'importing the same file again writes nothing');

call cw_000901.step_forecast('2024-06-30', null);
select is((select metadata -> 'method' ->> 'model' from cw_000901.active_demand_forecast), 'lgbm-v3',
          'a nightly re-run of step 7 with unchanged inputs keeps the import active');

insert into forecast_import_rows values ('TF-STEADY', 'TF-S1', '2024-06-30', -1);
select throws_ok(
    $$ call cw_000901.forecast_import_external('2024-06-30', 'lgbm-v3', '{"etag": "e2"}', null) $$,
    'CW148', null, 'a negative or out-of-range prediction fails the import'
);
delete from forecast_import_rows where predicted_qty < 0;
insert into forecast_import_rows values ('NO-SUCH', 'TF-S1', '2024-07-01', 1);
select throws_ok(
    $$ call cw_000901.forecast_import_external('2024-06-30', 'lgbm-v3', '{"etag": "e3"}', null) $$,
    'CW147', null, 'an unknown product fails the import'
);
select is((select count(*)::integer from cw_000901.demand_forecasts), 2, 'a failed import writes nothing');

select * from finish();
rollback;

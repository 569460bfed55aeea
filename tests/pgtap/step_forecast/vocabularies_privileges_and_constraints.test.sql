begin;
select plan(14);

select results_eq(
    $$ select string_agg(name, ' ' order by id) from cw_000901.demand_forecast_statuses $$,
    $$ values ('pending running completed failed') $$,
    'the status vocabulary holds the seed 004 words with fixed ids 1-4'
);
select table_privs_are('cw_000901', 'demand_forecasts', 'cw_000901_ui', array['SELECT'],
                       'the UI role may only read demand_forecasts');
select table_privs_are('cw_000901', 'demand_forecast_products', 'cw_000901_ui', array['SELECT'],
                       'the UI role may only read demand_forecast_products');
select table_privs_are('cw_000902', 'demand_forecast_products', 'cw_000901_ui', array[]::text [],
                       'the UI role of one client cannot touch another client''s forecast');
select is(
    (select partstrat from pg_partitioned_table where partrelid = 'cw_000901.demand_forecast_products'::regclass),
    'r', 'demand_forecast_products is range-partitioned (by forecast_date)'
);
select has_index('cw_000901', 'demand_forecast_products',
                 'demand_forecast_products_forecast_product_location_horizon_key',
                 array['demand_forecast_id', 'product_id', 'location_id', 'horizon_days', 'forecast_date'],
                 'the rows are indexed by demand_forecast_id first (seed 004)');

insert into cw_000901.demand_forecasts (forecast_date, demand_forecast_status_id, metadata)
values ('2024-06-30', 3, '{}');
call cw_000901.forecast_ensure_partition('2024-06-30');
insert into cw_000901.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash)
select 'TAP-F1', 'tap', (select id from cw_global.currencies where code = 'EUR'), 'active', '2024-01-01',
       md5('tap-f1')::uuid;
insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
values ('TAP-L1', 'tap store', 'store', 1, 'active', '2024-01-01', md5('tap-l1')::uuid);
create temporary view tap_row as
select (select max(id) from cw_000901.demand_forecasts) as demand_forecast_id,
       (select id from cw_000901.products where erp_id = 'TAP-F1') as product_id,
       (select id from cw_000901.locations where erp_id = 'TAP-L1') as location_id;

select lives_ok(
    $$ insert into cw_000901.demand_forecast_products (forecast_date, demand_forecast_id, product_id, location_id,
                                                       demand_source_type_id, horizon_days, prob_demand,
                                                       predicted_qty, critical_ratio, confidence)
       select '2024-06-30', demand_forecast_id, product_id, location_id, 1, 7, 0.5, 1.2, 0.9, 0.4 from tap_row $$,
    'a valid forecast row is accepted'
);
select throws_ok(
    $$ insert into cw_000901.demand_forecast_products (forecast_date, demand_forecast_id, product_id, location_id,
                                                       demand_source_type_id, horizon_days, prob_demand,
                                                       predicted_qty, critical_ratio, confidence)
       select '2024-06-30', demand_forecast_id, product_id, location_id, 1, 10, 0.5, 1.2, 0.9, 0.4 from tap_row $$,
    '23514', null, 'a horizon that is not a whole number of weeks is refused (demand_forecast_product_horizon_check)'
);
select throws_ok(
    $$ insert into cw_000901.demand_forecast_products (forecast_date, demand_forecast_id, product_id, location_id,
                                                       demand_source_type_id, horizon_days, prob_demand,
                                                       predicted_qty, critical_ratio, confidence)
       select '2024-06-30', demand_forecast_id, product_id, location_id, 1, 14, 1.5, 1.2, 0.9, 0.4 from tap_row $$,
    '23514', null, 'a probability above 1 is refused (demand_forecast_product_prob_check)'
);
select throws_ok(
    $$ insert into cw_000901.demand_forecast_products (forecast_date, demand_forecast_id, product_id, location_id,
                                                       demand_source_type_id, horizon_days, prob_demand,
                                                       predicted_qty, critical_ratio, confidence)
       select '2024-06-30', demand_forecast_id, product_id, location_id, 1, 21, 0.3, 0, 0.9, 0.4 from tap_row $$,
    '23514', null, 'demand is likely but none is expected: refused (demand_forecast_product_qty_check)'
);
select throws_ok(
    $$ insert into cw_000901.demand_forecast_products (forecast_date, demand_forecast_id, product_id, location_id,
                                                       demand_source_type_id, horizon_days, prob_demand,
                                                       predicted_qty, critical_ratio, confidence)
       select '2024-06-30', demand_forecast_id, product_id, location_id, 1, 7, 0.5, 1.2, 0.9, 0.4 from tap_row $$,
    '23505', null, 'one row per forecast, pair and horizon (unique key)'
);
select throws_ok(
    $$ insert into cw_000901.demand_forecast_products (forecast_date, demand_forecast_id, product_id, location_id,
                                                       demand_source_type_id, horizon_days, prob_demand,
                                                       predicted_qty, critical_ratio, confidence)
       select '2024-07-01', demand_forecast_id, product_id, location_id, 1, 7, 0.5, 1.2, 0.9, 0.4 from tap_row $$,
    '23514', null, 'a date without its partition is refused (the step creates the partition first)'
);

insert into cw_000901.demand_forecasts (forecast_date, demand_forecast_status_id, metadata, created_at)
values ('2024-07-01', 4, '{}', clock_timestamp() + interval '1 minute');
select is(
    (select id from cw_000901.active_demand_forecast),
    (select min(id) from cw_000901.demand_forecasts),
    'the active forecast is the latest completed one: a later failed forecast is not active'
);

update cw_global.clients set settings = coalesce(settings, '{}') || '{"forecast": {"horizon_weeks": 0}}'
where code = 'CW-000901';
select throws_ok(
    $$ call cw_000901.step_forecast('2024-06-30', null) $$,
    'CW080', null, 'a horizon of 0 weeks is refused with CW080'
);

select * from finish();
rollback;

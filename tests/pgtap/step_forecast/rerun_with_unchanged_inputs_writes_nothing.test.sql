begin;
select plan(7);

select tests.forecast_world('2024-06-30');
call cw_000901.step_forecast('2024-06-30', null);
select is((select count(*)::integer from cw_000901.demand_forecasts), 1, 'the first run writes one forecast');
select isnt_empty(
    $$ select from cw_000901.demand_forecast_products where forecast_date = '2024-06-30' $$,
    'with its rows in the partition of the date'
);
create temporary table tap_first as
select id, xmin::text as row_version from cw_000901.demand_forecast_products;

call cw_000901.step_forecast('2024-06-30', null);
select is((select count(*)::integer from cw_000901.demand_forecasts), 1,
          'a re-run with unchanged inputs writes no new forecast');
select is_empty(
    $$ select id, xmin::text from cw_000901.demand_forecast_products except select * from tap_first $$,
    'and leaves every row as it was'
);

update cw_000901.demand_history set demand_qty = demand_qty + 5, quantity = quantity + 5, updated_at = now()
where demand_date = '2024-06-29'
  and product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY');
call cw_000901.step_forecast('2024-06-30', null);
select results_eq(
    $$ select demand_forecast_status_id::integer from cw_000901.demand_forecasts order by id $$,
    $$ values (3), (3) $$,
    'after the inputs changed a new completed forecast is written and the old one stays'
);
select is((select id from cw_000901.active_demand_forecast), (select max(id) from cw_000901.demand_forecasts),
          'the new forecast is the active one');
select is(
    (select (metadata -> 'input_watermark' ->> 'demand_history_rows')::integer
     from cw_000901.active_demand_forecast),
    (select count(*)::integer from cw_000901.demand_history where demand_date between '2024-06-30'::date - 727
                                                                                   and '2024-06-30'),
    'the metadata records the input watermark (rows of the history window)'
);

select * from finish();
rollback;

begin;
select plan(6);

select tests.forecast_world('2024-06-30');
call cw_000901.step_forecast('2024-06-30', null);
create temporary table tap_before as
select products.erp_id as product, rows.location_id, rows.horizon_days, rows.id, rows.xmin::text as row_version,
       rows.predicted_qty
from cw_000901.demand_forecast_products as rows
inner join cw_000901.products on products.id = rows.product_id;

-- Both products' history changes, the scope names only TF-STEADY.
update cw_000901.demand_history set demand_qty = demand_qty + 7, quantity = quantity + 7
where demand_date > '2024-06-16'
  and product_id in (select id from cw_000901.products where erp_id in ('TF-STEADY', 'TF-LUMPY'));
call cw_000901.step_forecast('2024-06-30', '{"products": ["TF-STEADY"]}');

select is((select count(*)::integer from cw_000901.demand_forecasts), 1,
          'a scoped run rewrites the date''s forecast in place (no new forecast)');
select is_empty(
    $$ select product, location_id, horizon_days, id, row_version from tap_before where product <> 'TF-STEADY'
       except
       select products.erp_id, rows.location_id, rows.horizon_days, rows.id, rows.xmin::text
       from cw_000901.demand_forecast_products as rows
       inner join cw_000901.products on products.id = rows.product_id $$,
    'rows of products outside the scope are untouched, even where their inputs changed'
);
select ok(
    (select bool_and(rows.predicted_qty > tap_before.predicted_qty)
     from cw_000901.demand_forecast_products as rows
     inner join tap_before
         on tap_before.product = 'TF-STEADY' and tap_before.location_id = rows.location_id
         and tap_before.horizon_days = rows.horizon_days
     where rows.product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY')),
    'the scoped product''s rows are recomputed from its new history'
);
select is(
    (select count(*)::integer from cw_000901.demand_forecast_products
     where product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY')),
    2 * 26, 'the scoped product keeps one row per location and horizon'
);
select is(
    (select jsonb_array_length(metadata -> 'scoped_runs') from cw_000901.demand_forecasts), 1,
    'the forecast''s metadata records the scoped rewrite'
);
call cw_000901.step_forecast('2024-06-30', '{"products": ["TF-STEADY"]}');
select is(
    (select jsonb_array_length(metadata -> 'scoped_runs') from cw_000901.demand_forecasts), 1,
    'the same scoped run again changes nothing'
);

select * from finish();
rollback;

begin;
select plan(3);

-- Installation stock: ET-WH buys from ET-SUP (lead time 10, review 7: P = 17) for the four stores and webshop below
-- it (2 + 1 + 2 + 3 = 8 a day), ET-DC1 and ET-DC2 are supplied by it. Nothing is in stock or on order anywhere, so
-- the warehouse orders up to its target, which step 8 pooled over the same tree step 10 projects: 8 x 17 = 136
-- units over P, 80 over the lead time.
select tests.echelon_world('2024-06-30');
update cw_global.clients set settings = '{"inventory_targets": {"simulation_paths": 0}}' where code = 'CW-000901';
call cw_000901.step_inventory_targets('2024-06-30', null);
call cw_000901.step_po_recommendations('2024-06-30', null);

create temporary view tap_po as
select locations.erp_id as location, recommendations.*
from cw_000901.po_recommendations as recommendations
inner join cw_000901.locations on locations.id = recommendations.location_id
where recommendations.product_id = (select id from cw_000901.products where erp_id = 'ET-A');

select results_eq(
    $$ select location, predicted_qty, lead_time_demand_qty from tap_po order by location $$,
    $$ values ('ET-WH', 136.000, 80.000) $$,
    'only the warehouse buys; its order covers the forecast of every store and webshop below it over P and L'
);
select is((select predicted_qty from tap_po where location = 'ET-WH'),
          (select round(params.param_value::numeric, 3) from cw_000901.inventory_target_params as params
           inner join cw_000901.inventory_targets as targets on targets.id = params.inventory_target_id
           where targets.location_id = (select id from cw_000901.locations where erp_id = 'ET-WH')
               and params.param_name = 'protection_demand_qty'),
          'step 10 projects the same demand step 8 pooled (one supply tree)');
select is((select recommended_qty from tap_po where location = 'ET-WH'), 156.000,
          'with nothing in stock the warehouse orders up to its pooled target 156');

select * from finish();
rollback;

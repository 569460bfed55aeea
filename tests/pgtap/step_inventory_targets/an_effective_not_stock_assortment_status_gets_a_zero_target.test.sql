begin;
select plan(6);

select tests.inventory_world('2024-06-30');
-- Step 9's decisions, by hand: the client status wins over the pipeline's, a store's assortment over the global
-- one, and products.assortment_override = NOT-STOCK over everything.
select tests.assortment_row('IT-A', 'IT-S1', 'NOT-STOCK');
select tests.assortment_row('IT-A', 'IT-S2', 'NOT-STOCK', 'STOCK');
select tests.assortment_row('IT-A', null, 'NOT-STOCK');
select tests.assortment_row('IT-B', null, 'STOCK', 'NOT-STOCK');
select tests.assortment_row('IT-NS', 'IT-S1', 'STOCK', 'STOCK');
call cw_000901.step_inventory_targets('2024-06-30', null);

create temporary view tap_target as
select products.erp_id as product, locations.erp_id as location, targets.*
from cw_000901.inventory_targets as targets
inner join cw_000901.products on products.id = targets.product_id
inner join cw_000901.locations on locations.id = targets.location_id;

select is((select zero_reason || ' ' || target_stock from tap_target where product = 'IT-A' and location = 'IT-S1'),
          'not_stocked 0.000', 'the store''s assortment recommends NOT-STOCK: zero target, reason not_stocked');
select is((select zero_reason from tap_target where product = 'IT-A' and location = 'IT-S2'), null,
          'the client''s STOCK at a store wins over the pipeline''s NOT-STOCK there and globally');
select is((select zero_reason from tap_target where product = 'IT-A' and location = 'IT-S3'), 'not_stocked',
          'a store without its own row follows the global assortment');
select is((select zero_reason from tap_target where product = 'IT-B' and location = 'IT-S1'), 'not_stocked',
          'the client''s global NOT-STOCK applies at every store');
select is((select zero_reason from tap_target where product = 'IT-NS' and location = 'IT-S1'), 'not_stocked',
          'products.assortment_override = NOT-STOCK still excludes the product whatever the assortments say');
select is((select (params ->> 'store_count')::integer
           from (select targets.id, jsonb_object_agg(params.param_name, params.param_value) as params
                 from tap_target as targets
                 inner join cw_000901.inventory_target_params as params on params.inventory_target_id = targets.id
                 where targets.product = 'IT-A' and targets.location = 'IT-DC'
                 group by targets.id) as dc),
          1, 'the DC pools only the stores that stock the product');

select * from finish();
rollback;

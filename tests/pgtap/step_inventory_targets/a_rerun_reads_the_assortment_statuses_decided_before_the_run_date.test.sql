begin;
select plan(3);

-- Step 8 runs before step 9: on its first run of a date it sees the statuses step 9 decided on earlier dates. A
-- re-run of the date after step 9 has run must see the same, or the pipeline run twice would change its targets.
select tests.inventory_world('2024-06-30');
select tests.assortment_row('IT-A', 'IT-S1', 'STOCK');
call cw_000901.step_inventory_targets('2024-06-30', null);

create temporary view tap_target as
select products.erp_id as product, locations.erp_id as location, targets.snapshot_date, targets.target_stock,
       targets.zero_reason, targets.xmin::text as row_version
from cw_000901.inventory_targets as targets
inner join cw_000901.products on products.id = targets.product_id
inner join cw_000901.locations on locations.id = targets.location_id;
create temporary table tap_first as select * from tap_target where snapshot_date = '2024-06-30';

-- Step 9 of 2024-06-30 now recommends NOT-STOCK for IT-A at IT-S1 (its history row is dated the run date).
select set_config('cw.assortment_run_date', '2024-06-30', true);
update cw_000901.assortment_products set cw_product_assortment_status_id = 2, assortment_reason_id = 3
where product_id = (select id from cw_000901.products where erp_id = 'IT-A');
select set_config('cw.assortment_run_date', '', true);

call cw_000901.step_inventory_targets('2024-06-30', null);
select ok((select zero_reason is null and target_stock > 0 from tap_target
           where product = 'IT-A' and location = 'IT-S1' and snapshot_date = '2024-06-30'),
          'the re-run of the date still stocks the pair: the NOT-STOCK was decided on the run date, after step 8');
select set_eq(
    $$ select product, location, target_stock, zero_reason, row_version from tap_target
       where snapshot_date = '2024-06-30' $$,
    $$ select product, location, target_stock, zero_reason, row_version from tap_first $$,
    'the re-run writes no target row at all'
);

call cw_000901.step_inventory_targets('2024-07-01', null);
select is((select zero_reason || ' ' || target_stock from tap_target
           where product = 'IT-A' and location = 'IT-S1' and snapshot_date = '2024-07-01'),
          'not_stocked 0.000', 'the next date reads the NOT-STOCK decided the day before: zero target');

select * from finish();
rollback;

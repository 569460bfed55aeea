begin;
select plan(7);

-- Step 8's product-scoped run reads step 9's statuses and the supply tree only for its products
-- (assortment_effective_status p_product_ids, supply_tree_as_of p_supplier_ids): the same rows as the whole client's,
-- filtered. And the simulator's event loop (enable_nestloop off inside it) leaves the setting as it found it.
select tests.inventory_world('2024-06-30');
select tests.assortment_row('IT-A', 'IT-S1', 'NOT-STOCK');
select tests.assortment_row('IT-A', null, 'NOT-STOCK');
select tests.assortment_row('IT-B', null, 'STOCK', 'NOT-STOCK');
-- a second supplier with a product of its own: its tree is not the scoped product's
insert into cw_000901.suppliers (erp_id, name, currency_id, erp_status, lead_time_days, review_cycle_days,
                                 first_seen_date, row_hash)
select 'IT-SUP2', 'IT supplier 2', suppliers.currency_id, 'active', 9, 7, suppliers.first_seen_date, md5('it-sup2')::uuid
from cw_000901.suppliers where suppliers.erp_id = 'IT-SUP';

create temporary table tap_scope as
select array_agg(products.id order by products.id) as product_ids
from cw_000901.products where products.erp_id in ('IT-A', 'IT-NS');

select set_eq(
    $$ select * from cw_000901.assortment_effective_status('2024-06-30', true, true,
                                                           (select product_ids from tap_scope)) $$,
    $$ select * from cw_000901.assortment_effective_status('2024-06-30', true, true)
       where product_id in (select unnest(product_ids) from tap_scope) $$,
    'the NOT-STOCK pairs of the scoped products: the whole client''s, filtered (assortment rows and the override)'
);
select ok((select count(*) from cw_000901.assortment_effective_status('2024-06-30', true, true,
                                                                     (select product_ids from tap_scope))) > 0
          and not exists (select from cw_000901.assortment_effective_status('2024-06-30', true, true,
                                                                          (select product_ids from tap_scope))
                          where product_id not in (select unnest(product_ids) from tap_scope)),
          'the scoped statuses are not empty and hold no other product (IT-B''s global NOT-STOCK is left out)');
select set_eq(
    $$ select * from cw_000901.assortment_effective_status('2024-06-30', false, false, null) $$,
    $$ select * from cw_000901.assortment_effective_status('2024-06-30') $$,
    'no product scope: every pair, as before'
);

select set_eq(
    $$ select * from cw_000901.supply_tree_as_of('2024-06-30', 180,
                                                 array[(select id from cw_000901.suppliers where erp_id = 'IT-SUP')]) $$,
    $$ select * from cw_000901.supply_tree_as_of('2024-06-30', 180)
       where supplier_id is null or supplier_id = (select id from cw_000901.suppliers where erp_id = 'IT-SUP') $$,
    'the scoped supply tree: the supplier''s tree and the parent_location_id tree, as in the whole tree'
);
select ok(exists (select from cw_000901.supply_tree_as_of('2024-06-30', 180)
                  where supplier_id = (select id from cw_000901.suppliers where erp_id = 'IT-SUP2'))
          and not exists (select from cw_000901.supply_tree_as_of('2024-06-30', 180,
                              array[(select id from cw_000901.suppliers where erp_id = 'IT-SUP')])
                          where supplier_id = (select id from cw_000901.suppliers where erp_id = 'IT-SUP2')),
          'another supplier''s tree is in the whole tree but not in the scoped one');

-- A product-scoped step run gives the scoped products what a full run gives them.
call cw_000901.step_inventory_targets('2024-06-30', null);
create temporary table tap_full as
select product_id, location_id, inventory_strategy_id, target_stock, reorder_point, safety_stock, fill_rate_simulated,
       zero_reason
from cw_000901.inventory_targets
where snapshot_date = '2024-06-30' and product_id in (select unnest(product_ids) from tap_scope);
delete from cw_000901.inventory_targets
where snapshot_date = '2024-06-30' and product_id in (select unnest(product_ids) from tap_scope);
set enable_nestloop = on;
call cw_000901.step_inventory_targets('2024-06-30', '{"products": ["IT-A", "IT-NS"]}');
select set_eq(
    $$ select product_id, location_id, inventory_strategy_id, target_stock, reorder_point, safety_stock,
              fill_rate_simulated, zero_reason
       from cw_000901.inventory_targets
       where snapshot_date = '2024-06-30' and product_id in (select unnest(product_ids) from tap_scope) $$,
    $$ select * from tap_full $$,
    'a product-scoped run (its statuses and tree read for its products only) writes what the full run wrote'
);
select is(current_setting('enable_nestloop'), 'on', 'the simulator restores enable_nestloop after its event loop');

select * from finish();
rollback;

begin;
select plan(8);

-- The hammer (merchandise) and three items a web shop books as products: POST (postage, by the ERP-id rule), a gift
-- card (by the name rule) and an item the ERP types as a service; every one sells on 2024-03-01 at store L002.
select tests.stage_hammer_masters(tests.open_load_batch('2024-03-01'));
insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, sku, name, brand, category_path,
                                                supplier_id, vendor_sku, cost, price, currency, pack_size,
                                                is_dropship, status, product_type)
select (select max(raw_files.id) from cw_000901_staging.raw_files), staged.*
from (values
    (2, 'POST', 'POST', 'Postage', null, 'Tools > Hand Tools > Hammers', 'S0001', null, 0, 18, 'EUR', 1, false,
     'active', null),
    (3, 'GC50', 'GC50', 'Gift card 50 EUR', null, 'Tools > Hand Tools > Hammers', 'S0001', null, 0, 50, 'EUR', 1,
     false, 'active', null),
    (4, 'ASSEMBLY', 'ASSEMBLY', 'Assembly at home', null, 'Tools > Hand Tools > Hammers', 'S0001', null, 0, 40, 'EUR',
     1, false, 'active', 'service')
) as staged;
insert into cw_000901_staging.staging_sales_orders (raw_file_id, record_no, so_id, line_no, order_date, location_id,
                                                    product_id, qty, unit_price, discount, revenue, channel,
                                                    currency, status)
select (select max(raw_files.id) from cw_000901_staging.raw_files), 1, 'SO1', line.line_no, date '2024-03-01',
       'L002', line.product_id, 1, line.price, 0, line.price, 'store', 'EUR', 'completed'
from (values (1, 'P000001', 12.99), (2, 'POST', 18), (3, 'GC50', 50), (4, 'ASSEMBLY', 40))
    as line (line_no, product_id, price);
call cw_000901.step_load('2024-03-01', null);

select results_eq(
    $$ select products.erp_id, product_types.name from cw_000901.products
       inner join cw_000901.product_types on product_types.id = products.product_type_id order by 1 $$,
    $$ values ('ASSEMBLY', 'service'), ('GC50', 'gift_card'), ('P000001', 'merchandise'), ('POST', 'service') $$,
    'types come from the ERP (ASSEMBLY), else the rules (POST by its id, GC50 by its name), else merchandise'
);

-- A planner says the assembly service is merchandise after all (UI-owned override, never overwritten by load).
select tests.run_as('cw_000901_ui', $$ update cw_000901.products set product_type_override = 1
                                       where erp_id = 'ASSEMBLY' $$);
call cw_000901.step_load('2024-03-01', null);
select is(
    (select product_type_override from cw_000901.products where erp_id = 'ASSEMBLY'), 1::smallint,
    'the UI override survives a reload'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'update cw_000901.products set product_type_id = 1') $$,
    '42501', null, 'the UI may not write the pipeline-owned product_type_id'
);

call cw_000901.step_demand_history('2024-03-01', null);
call cw_000901.step_behaviors('2024-03-01', null);

select results_eq(
    $$ select products.erp_id from cw_000901.product_location_behaviors as behaviors
       inner join cw_000901.products on products.id = behaviors.product_id order by 1 $$,
    $$ values ('ASSEMBLY'), ('P000001') $$,
    'only merchandise (and the item overridden to merchandise) gets pair behaviours and classes'
);
select results_eq(
    $$ select products.erp_id from cw_000901.product_behaviors as behaviors
       inner join cw_000901.products on products.id = behaviors.product_id order by 1 $$,
    $$ values ('ASSEMBLY'), ('P000001') $$,
    'only merchandise gets product behaviours and classes'
);
select is(
    (select revenue from cw_000901.location_behaviors
     where location_id = (select id from cw_000901.locations where erp_id = 'L002')),
    120.9900::numeric(16, 4),
    'the location''s revenue still counts postage and the gift card (12.99 + 18 + 50 + 40)'
);
select is(
    (select revenue_share_pct from cw_000901.product_behaviors
     where product_id = (select id from cw_000901.products where erp_id = 'P000001')),
    24.514::numeric,
    'ABC ranks merchandise among merchandise: the hammer''s share is 12.99 of 52.99, not of 120.99'
);
select is(
    (select count(*) from cw_000901.demand_history as history
     inner join cw_000901.products on products.id = history.product_id
     where products.erp_id in ('POST', 'GC50') and (not history.is_in_stock or history.is_oos_imputed)), 0::bigint,
    'non-merchandise is never out of stock, never imputed'
);

select * from finish();
rollback;

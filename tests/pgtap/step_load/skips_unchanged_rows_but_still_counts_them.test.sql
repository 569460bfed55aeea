begin;
select plan(12);

-- A day's batch written straight into staging (what the quality gate would leave), with a passed gate run: a
-- supplier, two locations, two products, a price list, a sales order with two lines and a full inventory snapshot.
-- Each call writes a new raw file, as a re-sent file would be: the raw hashes do not include the file.
create function pg_temp.stage_day(p_day date, p_with_saw boolean)
returns void
language plpgsql
as $$
declare
    v_file bigint;
begin
    v_file := tests.open_load_batch(p_day);
    perform tests.stage_hammer_masters(v_file);
    insert into cw_000901_staging.staging_prices (raw_file_id, record_no, price_list_id, line_no, channel, currency,
                                                  valid_from, product_id, price, promo_price, name, country)
    values (v_file, 1, 'PL1', 1, 'store', 'EUR', '2024-01-01', 'P000001', 12.99, 0, 'Store prices', 'DE');
    if p_with_saw then
        insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, sku, name, brand,
                                                        category_path, supplier_id, vendor_sku, cost, price, currency,
                                                        pack_size, is_dropship, status)
        values (v_file, 2, 'P000002', 'SKU2', 'Saw', 'Brando', 'Tools > Hand Tools > Saws', 'S0001', 'V-2', 8, 19.99,
                'EUR', 4, false, 'active');
        insert into cw_000901_staging.staging_prices (raw_file_id, record_no, price_list_id, line_no, channel,
                                                      currency, valid_from, product_id, price, promo_price, name,
                                                      country)
        values (v_file, 1, 'PL1', 2, 'store', 'EUR', '2024-01-01', 'P000002', 19.99, 0, 'Store prices', 'DE');
    end if;
    insert into cw_000901_staging.staging_sales_orders (raw_file_id, record_no, so_id, line_no, order_date,
                                                        location_id, product_id, qty, unit_price, discount, revenue,
                                                        channel, currency, status)
    values (v_file, 1, 'SO1', 1, '2024-03-01', 'L002', 'P000001', 1, 12.99, 0, 12.99, 'store', 'EUR', 'completed'),
           (v_file, 1, 'SO1', 2, '2024-03-01', 'L002', 'P000001', 2, 12.99, 0, 25.98, 'store', 'EUR', 'completed');
    insert into cw_000901_staging.staging_inventory_balances (raw_file_id, record_no, product_id, location_id,
                                                              balance_date, qty_available, snapshot_type)
    values (v_file, 1, 'P000001', 'L002', p_day, 4, 'full'),
           (v_file, 2, 'P000001', 'L001', p_day, 40, 'full');
end
$$;

select pg_temp.stage_day('2024-03-01', true);
call cw_000901.step_load('2024-03-01', null);
-- A planner marks the saw discontinued between the loads: the UI edit must reach the history even though the saw
-- itself is unchanged and skipped.
select tests.run_as('cw_000901_ui',
                    'update cw_000901.products set discontinued_override = true where erp_id = ''P000002''');

-- Where each row lies now: a row written again moves (now() cannot tell, it is constant in this transaction).
create temp table loaded_first on commit drop as
select 'products' as entity, erp_id, ctid as row_position from cw_000901.products
union all select 'sales_orders', erp_id, ctid from cw_000901.sales_orders
union all select 'inventory_balances', balance_date::text, ctid from cw_000901.inventory_balances;

-- The same batch again, from a new file.
select pg_temp.stage_day('2024-03-01', true);
call cw_000901.step_load('2024-03-01', null);

select results_eq(
    $$ select entity, rows_in, rows_unchanged, rows_inserted + rows_updated + rows_deactivated + rows_rejected
       from cw_000901.load_entity_stats
       where run_date = '2024-03-01' and entity in ('suppliers', 'locations', 'products', 'price_lists', 'prices',
                                                     'sales_orders', 'sales_order_lines', 'inventory_balances')
       order by entity $$,
    $$ values ('inventory_balances'::text, 2::bigint, 2::bigint, 0::bigint), ('locations', 2, 2, 0),
              ('price_lists', 1, 1, 0), ('prices', 2, 2, 0), ('products', 2, 2, 0), ('sales_order_lines', 2, 2, 0),
              ('sales_orders', 1, 1, 0), ('suppliers', 1, 1, 0) $$,
    'unchanged rows still count as rows in and unchanged, so the health monitor reconciles staging and load'
);
select is(
    (select count(*) from cw_000901.load_entity_stats
     where run_date = '2024-03-01' and rows_in <> rows_inserted + rows_updated + rows_unchanged + rows_rejected),
    0::bigint, 'every entity reconciles: in = inserted + updated + unchanged + rejected'
);
select ok(
    to_regclass('pg_temp.src_products') is null and to_regclass('pg_temp.src_sales_orders') is null
    and to_regclass('pg_temp.src_inventory_balances') is null and to_regclass('pg_temp.src_price_lists') is null,
    'nothing was prepared: unchanged records are dropped before typing, mapping and key resolution'
);
select is(
    (select count(*) from pg_temp.batch_products where is_unchanged), 2::bigint,
    'both products were recognised as unchanged by their raw hash'
);
select is_empty(
    $$ select first.entity, first.erp_id from loaded_first as first
       where not exists (select from cw_000901.products
                         where products.ctid = first.row_position and first.entity = 'products')
           and not exists (select from cw_000901.sales_orders
                           where sales_orders.ctid = first.row_position and first.entity = 'sales_orders')
           and not exists (select from cw_000901.inventory_balances as balances
                           where balances.ctid = first.row_position and first.entity = 'inventory_balances') $$,
    'no unchanged row was written again'
);
select results_eq(
    $$ select snapshot_type, row_count from cw_000901.inventory_snapshots where snapshot_date = '2024-03-01' $$,
    $$ values ('full'::text, 2) $$,
    'the full inventory snapshot keeps its type and counts its unchanged balances'
);
select is(
    (select count(*) from cw_000901.products where is_active) + (select count(*) from cw_000901.prices where is_active),
    4::bigint, 'the full snapshots deactivate none of the unchanged products and prices'
);
select is(
    (select versions.is_discontinued from cw_000901.product_versions as versions
     inner join cw_000901.products on products.id = versions.product_id
     where products.erp_id = 'P000002' and versions.is_current),
    true, 'the UI edit of an unchanged product is recorded in its history'
);
select is(
    (select discontinued_override from cw_000901.products where erp_id = 'P000002'), true,
    'the UI-owned override is left alone'
);

-- The next day the saw has left the catalogue and the price list; the hammer is unchanged.
select pg_temp.stage_day('2024-03-02', false);
call cw_000901.step_load('2024-03-02', null);

select results_eq(
    $$ select erp_id, is_active, deactivated_on from cw_000901.products order by erp_id $$,
    $$ values ('P000001'::text, true, null::date), ('P000002', false, '2024-03-02'::date) $$,
    'a full snapshot still deactivates what it no longer contains, and only that'
);
select is(
    (select ctid from cw_000901.products where erp_id = 'P000001'),
    (select row_position from loaded_first where entity = 'products' and erp_id = 'P000001'),
    'the unchanged hammer is not written on the next day'
);
select results_eq(
    $$ select products.erp_id, prices.is_active from cw_000901.prices
       inner join cw_000901.products on products.id = prices.product_id order by products.erp_id $$,
    $$ values ('P000001'::text, true), ('P000002', false) $$,
    'the saw''s price leaves the list it is no longer in; the hammer''s stays'
);

select * from finish();
rollback;

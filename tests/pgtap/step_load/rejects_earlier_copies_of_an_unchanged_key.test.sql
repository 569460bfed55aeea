begin;
select plan(4);

-- A batch with a supplier, a store, one product, a sales order and a balance; p_twice sends every record twice
-- (identical copies, the later one wins), as an ERP that re-sends a file within the day would.
create function pg_temp.stage_day(p_day date, p_twice boolean)
returns void
language plpgsql
as $$
declare
    v_file bigint;
    v_copy integer;
begin
    v_file := tests.open_load_batch(p_day);
    insert into cw_000901_staging.staging_suppliers (raw_file_id, record_no, supplier_id, name, country, currency,
                                                     lead_time_days, moq, status)
    values (v_file, 1, 'S0001', 'Acme Tools', 'DE', 'EUR', 7, 10, 'active');
    insert into cw_000901_staging.staging_locations (raw_file_id, record_no, location_id, name, type, echelon,
                                                     parent_location_id, city, country, currency, timezone, status)
    values (v_file, 1, 'L002', 'Store Berlin', 'store', 1, null, 'Berlin', 'DE', 'EUR', 'Europe/Berlin', 'active');
    for v_copy in 1..case when p_twice then 2 else 1 end loop
        insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, sku, name, cost, price,
                                                        currency, pack_size, status, category_path)
        values (v_file, v_copy, 'P000001', 'SKU1', 'Hammer', 5, 12.99, 'EUR', 6, 'active', 'Tools > Hammers');
        insert into cw_000901_staging.staging_sales_orders (raw_file_id, record_no, so_id, line_no, order_date,
                                                            location_id, product_id, qty, unit_price, discount,
                                                            revenue, channel, currency, status)
        values (v_file, 10 + v_copy, 'SO1', 1, '2024-03-01', 'L002', 'P000001', 1, 12.99, 0, 12.99, 'store', 'EUR',
                'completed');
        insert into cw_000901_staging.staging_inventory_balances (raw_file_id, record_no, product_id, location_id,
                                                                  balance_date, qty_available, snapshot_type)
        values (v_file, v_copy, 'P000001', 'L002', p_day, 4, 'full');
    end loop;
end
$$;

select pg_temp.stage_day('2024-03-01', false);
call cw_000901.step_load('2024-03-01', null);
-- The same rows again, each sent twice: the later copy is unchanged, the earlier one is a duplicate.
select pg_temp.stage_day('2024-03-01', true);
call cw_000901.step_load('2024-03-01', null);

select results_eq(
    $$ select entity, erp_key, record_no, reason_code from cw_000901.load_rejects
       where run_date = '2024-03-01' order by entity, record_no $$,
    $$ values ('inventory_balances'::text, 'P000001@L002'::text, 1, 'duplicate'::text),
              ('products', 'P000001', 1, 'duplicate'), ('sales_order_lines', 'SO1/1', 11, 'duplicate'),
              ('sales_orders', 'SO1', 11, 'duplicate') $$,
    'an earlier copy of an unchanged key is still rejected as a duplicate'
);
select results_eq(
    $$ select entity, rows_in, rows_unchanged, rows_rejected, rows_inserted + rows_updated
       from cw_000901.load_entity_stats
       where run_date = '2024-03-01' and entity in ('products', 'sales_orders', 'sales_order_lines',
                                                     'inventory_balances')
       order by entity $$,
    $$ values ('inventory_balances'::text, 2::bigint, 1::bigint, 1::bigint, 0::bigint),
              ('products', 2, 1, 1, 0), ('sales_order_lines', 2, 1, 1, 0), ('sales_orders', 2, 1, 1, 0) $$,
    'both copies count as rows in: one unchanged, one rejected, nothing written'
);
select is(
    (select row_count from cw_000901.inventory_snapshots where snapshot_date = '2024-03-01'), 1,
    'the snapshot counts the pair once, as before'
);

-- Sent once again: the duplicates are gone, and so are their rejects.
select pg_temp.stage_day('2024-03-01', false);
call cw_000901.step_load('2024-03-01', null);
select is_empty(
    $$ select from cw_000901.load_rejects where run_date = '2024-03-01' $$,
    'a clean re-send of the day replaces the day''s rejects with none'
);

select * from finish();
rollback;

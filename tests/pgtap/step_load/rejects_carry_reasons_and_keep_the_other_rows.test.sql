begin;
select plan(8);

-- A day's batch written straight into staging (what the quality gate would leave), with a passed gate run.
create function pg_temp.stage_day(p_day date, p_hammer_status text, p_hammer_price numeric, p_with_saw boolean)
returns bigint
language plpgsql
as $$
declare
    v_file bigint;
begin
    v_file := tests.open_load_batch(p_day);
    perform tests.stage_hammer_masters(v_file, p_hammer_status, p_hammer_price);
    if p_with_saw then
        insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, sku, name, brand,
                                                        category_path, supplier_id, vendor_sku, cost, price, currency,
                                                        pack_size, is_dropship, status)
        values (v_file, 2, 'P000002', 'SKU2', 'Saw', 'Brando', 'Tools > Hand Tools > Saws', 'S0001', 'V-2', 8, 19.99,
                'EUR', 4, false, 'active');
    end if;
    return v_file;
end
$$;

select pg_temp.stage_day('2024-03-01', 'active', 12.99, true) as file_id \gset
-- A third product that a constraint refuses although no pre-check knows it (the constraint is added here, for the
-- test only), and sales documents with an unknown product and an unknown store.
alter table cw_000901.products add constraint test_no_forbidden_names_check check (name <> 'Forbidden');
insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, name, category_path, cost, price,
                                                currency, status)
values (:file_id, 3, 'P000003', 'Forbidden', 'Tools > Hand Tools > Saws', 1, 2, 'EUR', 'active');
insert into cw_000901_staging.staging_sales_orders (raw_file_id, record_no, so_id, line_no, order_date, location_id,
                                                    product_id, qty, unit_price, discount, revenue, channel, currency,
                                                    status)
values (:file_id, 10, 'SO1', 1, '2024-03-01', 'L002', 'P000001', 1, 12.99, 0, 12.99, 'store', 'EUR', 'completed'),
       (:file_id, 10, 'SO1', 2, '2024-03-01', 'L002', 'P900001', 2, 5, 0, 10, 'store', 'EUR', 'completed'),
       (:file_id, 11, 'SO2', 1, '2024-03-01', 'L999', 'P000001', 1, 12.99, 0, 12.99, 'store', 'EUR', 'completed');

call cw_000901.step_load('2024-03-01', null);

select results_eq(
    $$ select erp_id from cw_000901.products order by erp_id $$,
    $$ values ('P000001'::text), ('P000002'::text) $$,
    'a row refused by a constraint does not lose the other products of the statement'
);
select results_eq(
    $$ select entity, erp_key, line_no, reason_code from cw_000901.load_rejects order by entity, erp_key, line_no $$,
    $$ values ('products'::text, 'P000003'::text, 0, 'test_no_forbidden_names_check'::text),
              ('sales_order_lines', 'SO1/2', 2, 'orphan_product'),
              ('sales_order_lines', 'SO2/1', 1, 'orphan_document'),
              ('sales_orders', 'SO2', 0, 'orphan_location') $$,
    'every row that could not be placed is recorded with its reason code'
);
select ok(
    (select bool_and(reason like '%' || erp_key || '%' and reason <> '') from cw_000901.load_rejects),
    'every reject says what it is about in words'
);
select is(
    (select detail ->> 'product_erp_id' from cw_000901.load_rejects where reason_code = 'orphan_product'), 'P900001',
    'the reject keeps the offending value'
);
select results_eq(
    $$ select orders.erp_id, lines.line_no, lines.qty from cw_000901.sales_orders as orders
       inner join cw_000901.sales_order_lines as lines on lines.sales_order_id = orders.id $$,
    $$ values ('SO1'::text, 1, 1.000::numeric) $$,
    'the valid line of a document with an orphan line is loaded'
);
select results_eq(
    $$ select rows_in, rows_inserted, rows_rejected from cw_000901.load_entity_stats
       where entity = 'sales_order_lines' $$,
    $$ values (3::bigint, 1::bigint, 2::bigint) $$,
    'the statistics reconcile: 3 lines in, 1 written, 2 rejected'
);
select lives_ok(
    $$ call cw_000901.step_load('2024-03-01', null) $$, 'a second load of the day neither fails nor duplicates rejects'
);
select results_eq(
    $$ select entity, erp_key, reason_code from cw_000901.load_rejects order by entity, erp_key $$,
    $$ values ('products'::text, 'P000003'::text, 'test_no_forbidden_names_check'::text),
              ('sales_order_lines', 'SO1/2', 'orphan_product'), ('sales_order_lines', 'SO2/1', 'orphan_document'),
              ('sales_orders', 'SO2', 'orphan_location') $$,
    'the second load records the same rejects: a document with a rejected line is never skipped as unchanged'
);

select * from finish();
rollback;

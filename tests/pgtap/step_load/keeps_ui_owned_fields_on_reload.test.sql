begin;
select plan(7);

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

select pg_temp.stage_day('2024-03-01', 'active', 12.99, true);
call cw_000901.step_load('2024-03-01', null);

select lives_ok(
    $$ select tests.run_as('cw_000901_ui',
           'update cw_000901.products set discontinued_override = true where erp_id = ''P000001''') $$,
    'the UI role marks the hammer discontinued'
);
select lives_ok(
    $$ select tests.run_as('cw_000901_ui', 'update cw_000901.locations set is_enabled = false where erp_id = ''L002''') $$,
    'the UI role disables a store'
);

-- The next ERP snapshot still says active, and renames the hammer.
select pg_temp.stage_day('2024-03-02', 'ACTIVE', 12.99, true);
update cw_000901_staging.staging_products set name = 'Claw Hammer' where product_id = 'P000001';
call cw_000901.step_load('2024-03-02', null);

select results_eq(
    $$ select discontinued_override, is_discontinued, erp_status, name from cw_000901.products
       where erp_id = 'P000001' $$,
    $$ values (true, true, 'active'::text, 'Claw Hammer'::text) $$,
    'the product stays discontinued, the ERP''s active status is recorded beside it and ERP fields still load'
);
select is(
    (select is_enabled from cw_000901.locations where erp_id = 'L002'), false,
    'load leaves the location''s UI-owned is_enabled alone'
);
select is(
    (select versions.is_discontinued from cw_000901.product_as_of('2024-03-02') as versions
     inner join cw_000901.products on products.id = versions.product_id where products.erp_id = 'P000001'),
    true, 'the history records the effective (UI) value from the next load on'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'update cw_000901.products set name = ''Hacked'' where erp_id = ''P000001''') $$,
    '42501', null, 'the UI role cannot update an ERP-owned column'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'update cw_000901.products set erp_status = ''discontinued''') $$,
    '42501', null, 'the UI role cannot write the ERP''s status either'
);

select * from finish();
rollback;

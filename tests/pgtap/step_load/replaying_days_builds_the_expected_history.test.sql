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

-- Day 1: hammer at 12.99 and a saw. Day 2: the hammer's price changes. Day 3: the saw leaves the snapshot; the day is
-- loaded twice.
select pg_temp.stage_day('2024-03-01', 'active', 12.99, true);
call cw_000901.step_load('2024-03-01', null);
select pg_temp.stage_day('2024-03-02', 'active', 14.99, true);
call cw_000901.step_load('2024-03-02', null);
select pg_temp.stage_day('2024-03-03', 'active', 14.99, false);
call cw_000901.step_load('2024-03-03', null);
call cw_000901.step_load('2024-03-03', null);

select results_eq(
    $$ select versions.valid_from, versions.valid_to, versions.price, versions.is_current
       from cw_000901.product_versions as versions
       inner join cw_000901.products on products.id = versions.product_id
       where products.erp_id = 'P000001' order by versions.valid_from $$,
    $$ values ('2024-03-01'::date, '2024-03-02'::date, 12.99::numeric, false),
              ('2024-03-02'::date, null::date, 14.99::numeric, true) $$,
    'a price change closes the hammer''s version and opens a new one'
);
select results_eq(
    $$ select versions.valid_from, versions.valid_to, versions.is_active
       from cw_000901.product_versions as versions
       inner join cw_000901.products on products.id = versions.product_id
       where products.erp_id = 'P000002' order by versions.valid_from $$,
    $$ values ('2024-03-01'::date, '2024-03-03'::date, true), ('2024-03-03'::date, null::date, false) $$,
    'the saw that left the snapshot gets an inactive version; loading the day twice adds nothing'
);
select results_eq(
    $$ select is_active, deactivated_on from cw_000901.products where erp_id = 'P000002' $$,
    $$ values (false, '2024-03-03'::date) $$,
    'master data that disappears from the ERP is deactivated, never deleted'
);
select is(
    (select versions.price from cw_000901.product_as_of('2024-03-01') as versions
     inner join cw_000901.products on products.id = versions.product_id where products.erp_id = 'P000001'),
    12.99::numeric, 'as of day 1 the hammer cost 12.99'
);
select is(
    (select count(*)::integer from cw_000901.product_as_of('2024-02-28')), 0,
    'before the first load there is no product'
);
select is(
    (select count(*)::integer from cw_000901.location_versions), 2, 'unchanged locations keep their one version'
);
select is(
    (select count(*)::integer from cw_000901.product_categories), 4,
    'the category tree holds Tools, Tools > Hand Tools and its two leaves'
);
select throws_ok(
    $$ call cw_000901.step_load('2024-03-02', null) $$, 'CW040', null,
    'loading a date whose batch is not in staging fails with CW040'
);

select * from finish();
rollback;

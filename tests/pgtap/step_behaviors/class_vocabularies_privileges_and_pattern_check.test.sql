begin;
select plan(15);

select results_eq(
    $$ select string_agg(code, ' ' order by id) from cw_000901.abc_classes
       union all select string_agg(code, ' ' order by id) from cw_000901.xyz_classes
       union all select string_agg(code, ' ' order by id) from cw_000901.fmr_classes
       union all select string_agg(code, ' ' order by id) from cw_000901.freq_classes $$,
    $$ values ('A B C'), ('X Y Z'), ('F M R'), ('Frequent Normal Rare') $$,
    'the class vocabularies hold the seed 004 codes with fixed ids'
);
select table_privs_are('cw_000901', 'product_location_behaviors', 'cw_000901_ui', array['SELECT'],
                       'the UI role may only read product_location_behaviors');
select table_privs_are('cw_000901', 'product_behaviors', 'cw_000901_ui', array['SELECT'],
                       'the UI role may only read product_behaviors');
select table_privs_are('cw_000901', 'abc_classes', 'cw_000901_ui', array['SELECT'],
                       'the UI role may only read abc_classes');
select table_privs_are('cw_000901', 'location_behaviors', 'cw_000901_ui', array['SELECT'],
                       'the UI role may only read location_behaviors');
select table_privs_are('cw_000901', 'supplier_behaviors', 'cw_000901_ui', array['SELECT'],
                       'the UI role may only read supplier_behaviors');
select table_privs_are('cw_000901', 'category_behaviors', 'cw_000901_ui', array['SELECT'],
                       'the UI role may only read category_behaviors');
select table_privs_are('cw_000902', 'location_behaviors', 'cw_000901_ui', array[]::text [],
                       'the UI role of one client cannot touch another client''s location_behaviors');
select col_is_unique('cw_000901', 'location_behaviors', array['location_id', 'snapshot_date'],
                     'one location row per snapshot date');
select col_is_unique('cw_000901', 'product_location_behaviors', array['product_id', 'location_id', 'snapshot_date'],
                     'one pair row per snapshot date');
select col_is_unique('cw_000901', 'product_behaviors', array['product_id', 'snapshot_date'],
                     'one product row per snapshot date');
select is_empty(
    $$ select from cw_000901.product_behaviors $$,
    'no snapshot before the step runs'
);

insert into cw_000901.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash)
select 'TAP-B1', 'tap', (select id from cw_global.currencies where code = 'EUR'), 'active', '2024-01-01',
       md5('tap-b1')::uuid;
select throws_ok(
    $$ insert into cw_000901.product_behaviors (product_id, snapshot_date, window_days, listed_days, location_count,
                                                demand_days, demand_qty, demand_revenue, stockout_qty,
                                                is_oos_imputed, velocity, demand_pattern, abc_class_id, xyz_class_id,
                                                fmr_class_id, freq_class_id)
       select id, '2024-01-01', 90, 10, 1, 0, 0, 0, 0, false, 0, 'smooth', 3, 3, 3, 3
       from cw_000901.products where erp_id = 'TAP-B1' $$,
    '23514', null, 'a demand pattern without demand days is refused (product_behaviors_demand_pattern_check)'
);

update cw_global.clients set settings = coalesce(settings, '{}') || '{"behaviors": {"abc_a_pct": 96}}'
where code = 'CW-000901';
select throws_ok(
    $$ insert into cw_000901.product_behaviors (product_id, snapshot_date, window_days, listed_days, location_count,
                                                demand_days, demand_qty, demand_revenue, stockout_qty,
                                                is_oos_imputed, velocity, hotness_score, abc_class_id, xyz_class_id,
                                                fmr_class_id, freq_class_id)
       select id, '2024-01-01', 90, 10, 1, 0, 0, 0, 0, false, 0, 101, 3, 3, 3, 3
       from cw_000901.products where erp_id = 'TAP-B1' $$,
    '23514', null, 'a hotness score above 100 is refused (product_behaviors_hotness_check)'
);
select throws_ok(
    $$ call cw_000901.step_behaviors('2024-01-01', null) $$,
    'CW070', null, 'an A threshold above the B threshold is refused with CW070'
);

select * from finish();
rollback;

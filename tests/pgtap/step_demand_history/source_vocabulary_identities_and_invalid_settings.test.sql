begin;
select plan(5);

select results_eq(
    $$ select name from cw_000901.demand_source_types order by id $$,
    $$ values ('actual'), ('imputed_local_global'), ('imputed_global_only'), ('dead_product'), ('online_only'),
              ('dropship'), ('unknown') $$,
    'demand_source_types holds the seed 004 vocabulary'
);
select table_privs_are('cw_000901', 'demand_history', 'cw_000901_ui', array['SELECT'],
                       'the UI role may only read demand_history');
select col_is_unique('cw_000901', 'demand_history', array['product_id', 'location_id', 'demand_date'],
                     'one row per product, location and day');
select throws_ok(
    $$ insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, is_in_stock,
                                             stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id,
                                             computed_on)
       values (1, 1, '2024-01-01', 2, 0, false, 1, true, 2, 2, '2024-01-01') $$,
    '23514', null, 'demand_qty must equal quantity + stockout_qty (demand_history_stockout_check)'
);

update cw_global.clients set settings = coalesce(settings, '{}') || '{"demand_history": {"rate_window_days": 0}}'
where code = 'CW-000901';
select throws_ok(
    $$ call cw_000901.step_demand_history('2024-01-01', null) $$,
    'CW060', null, 'a rate window of 0 days is refused with CW060'
);

select * from finish();
rollback;

-- Step 5's nightly path: the day computed from demand_pair_state (demand_history_compute_day) equals the day computed
-- on a grid of every pair's history (demand_history_compute), and the state moved by that day equals the state
-- rebuilt from the grid. Fixture: a store with weekly stock readings (some empty), a store without stock data where
-- one product stops selling and another had an outlier order, a webshop, two categories and a product without one,
-- and a pair whose first sale is the new day.
begin;
select plan(7);

-- The pair-state fixture (tests/pgtap/fixtures.sql).
select tests.demand_state_world();

-- The state of 2024-02-28 from a grid, then 2024-02-29 from the state.
call cw_000901.demand_history_compute('2023-11-01', '2024-02-28', cw_000901.settings('demand_history'));
call cw_000901.demand_pair_state_save('2024-02-28', cw_000901.settings('demand_history'), 'grid');
call cw_000901.demand_history_compute_day('2024-02-29', cw_000901.settings('demand_history'));
create temp table day_rows as select * from demand_computed;
call cw_000901.demand_pair_state_save('2024-02-29', cw_000901.settings('demand_history'), 'day');
create temp table moved_state as select * from cw_000901.demand_pair_state;
select is((select built_by || ' ' || window_end from cw_000901.demand_rate_state), 'day 2024-02-29',
          'the state records the day it was moved to');

-- The same day on the grid, and the state rebuilt from it.
call cw_000901.demand_history_compute('2023-11-01', '2024-02-29', cw_000901.settings('demand_history'));
create temp table grid_rows as select * from demand_computed where demand_date = '2024-02-29';

select ok((select count(*) from grid_rows where not is_in_stock) >= 2
          and (select sum(stockout_qty) from grid_rows) > 0
          and exists (select from grid_rows
                      inner join cw_000901.products on products.id = grid_rows.product_id
                      where products.erp_id = 'S-STOP' and not grid_rows.is_in_stock)
          and exists (select from grid_rows
                      inner join cw_000901.products on products.id = grid_rows.product_id
                      where products.erp_id = 'S-NEW'),
          'the fixture''s day has stockouts, imputed demand, a sales stop and a new pair');
select results_eq(
    $$ select * from day_rows order by product_id, location_id $$,
    $$ select * from grid_rows order by product_id, location_id $$,
    'the day computed from the pair state equals the grid''s day, every column of every pair'
);
select is((select count(*)::integer from day_rows), (select count(*)::integer from grid_rows),
          'the day path wrote every pair of the day');

call cw_000901.demand_pair_state_save('2024-02-29', cw_000901.settings('demand_history'), 'grid');
select results_eq(
    $$ select * from moved_state order by product_id, location_id $$,
    $$ select * from cw_000901.demand_pair_state order by product_id, location_id $$,
    'the state moved by one day equals the state rebuilt from the grid'
);
select is((select pair_count from cw_000901.demand_rate_state),
          (select count(*)::integer from cw_000901.demand_pairs),
          'one state row per pair');

select throws_ok(
    $$ call cw_000901.demand_pair_state_save('2024-02-29', '{"rate_window_days": 28}', 'week') $$,
    'CW231', null, 'an unknown way to bring the state up to date fails with CW231'
);

select * from finish();
rollback;

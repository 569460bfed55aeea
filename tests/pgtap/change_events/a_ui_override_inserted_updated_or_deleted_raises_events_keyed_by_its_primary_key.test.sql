-- Cyclicity: rows the UI inserts and deletes are edits too. A planner's strategy override per product x location
-- (a table keyed by product and location, no id) raises events on insert, update and delete, and the processor scopes
-- the re-run to that pair.
begin;
select plan(7);

select tests.stage_hammer_masters(tests.open_load_batch('2024-03-01'));
call cw_000901.step_load('2024-03-01', null);
delete from cw_000901.change_events;

select set_config('cw.app_user', 'jane@client', true);
select tests.run_as('cw_000901_ui', $$
    insert into cw_000901.inventory_strategy_overrides (product_id, location_id, inventory_strategy_id, note)
    select (select min(id) from cw_000901.products), (select min(id) from cw_000901.locations),
           (select id from cw_000901.inventory_strategies where name = 'newsvendor'), 'seasonal peak'
$$);

select results_eq(
    $$ select operation, column_name, new_value from cw_000901.change_events
       where column_name not in ('updated_at', 'updated_by') and old_value is null and row_id is null
       order by column_name $$,
    $$ select 'insert'::text, column_name, new_value
       from (values
           ('inventory_strategy_id', to_jsonb((select id from cw_000901.inventory_strategies where name = 'newsvendor'))),
           ('location_id', to_jsonb((select min(id) from cw_000901.locations))),
           ('note', '"seasonal peak"'::jsonb),
           ('product_id', to_jsonb((select min(id) from cw_000901.products)))
       ) as expected (column_name, new_value) $$,
    'an insert raises one event per UI-owned column with a value, old value null (no id column: row_id is null)'
);
select set_eq(
    $$ select column_name from cw_000901.change_events $$,
    $$ values ('inventory_strategy_id'), ('location_id'), ('note'), ('product_id'), ('updated_at'), ('updated_by') $$,
    'the audit columns the insert filled are events too'
);
select is_empty(
    $$ select id from cw_000901.change_events
       where row_key ->> 'product_id' is distinct from (select min(id) from cw_000901.products)::text
           or row_key ->> 'location_id' is distinct from (select min(id) from cw_000901.locations)::text
           or changed_by <> 'cw_000901_ui' or app_user is distinct from 'jane@client' $$,
    'every event carries the row''s primary key, the UI role and the application user'
);
select results_eq(
    $$ select dimension, product_ids, location_ids from cw_000901.change_events_plan()
       where severity <> 'none' group by 1, 2, 3 $$,
    $$ values ('pairs'::text, array[(select min(id) from cw_000901.products)],
               array[(select min(id) from cw_000901.locations)]) $$,
    'the processor scopes the re-run to the overridden product x location'
);

delete from cw_000901.change_events;
select tests.run_as('cw_000901_ui', $$
    update cw_000901.inventory_strategy_overrides
    set inventory_strategy_id = (select id from cw_000901.inventory_strategies where name = 'base_stock')
$$);
select results_eq(
    $$ select operation, column_name, new_value from cw_000901.change_events $$,
    $$ values ('update'::text, 'inventory_strategy_id'::text,
               to_jsonb((select id from cw_000901.inventory_strategies where name = 'base_stock'))) $$,
    'an update of a row keyed by its primary key raises an event for the changed column only'
);

delete from cw_000901.change_events;
select tests.run_as('cw_000901_ui', $$ delete from cw_000901.inventory_strategy_overrides $$);
select is(
    (select count(*) from cw_000901.change_events where operation = 'delete' and new_value is null),
    6::bigint,
    'a delete raises one event per UI-owned column that had a value, new value null'
);

select tests.run_as('cw_000901_ui', $$ update cw_000901.products set planner_note = 'x' where false $$);
select is(
    (select count(*) from cw_000901.change_events where operation <> 'delete'),
    0::bigint,
    'a statement that touches no row raises nothing'
);

select * from finish();
rollback;

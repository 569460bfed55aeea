begin;
select plan(5);

select tests.stage_hammer_masters(tests.open_load_batch('2024-03-01'));
call cw_000901.step_load('2024-03-01', null);
delete from cw_000901.change_events;

-- Every UI-owned column of the registry, edited once by the UI role to a new value of its type (generic: a UI-owned
-- column added by a later step is covered without touching this test). Tables without a row in this fixture (e.g.
-- po_recommendations before any recommendation) cannot be edited; tap_edited lists the columns that were.
create temporary table tap_edited (table_name text, column_name text);
do $$
declare
    v_column   record;
    v_has_rows boolean;
begin
    for v_column in
        select ownership.table_name, ownership.column_name, columns.data_type
        from cw_000901.field_ownership as ownership
        inner join information_schema.columns
            on columns.table_schema = 'cw_000901' and columns.table_name = ownership.table_name
            and columns.column_name = ownership.column_name
        where ownership.owner = 'ui'
            and exists (select from information_schema.columns as keyed where keyed.table_schema = 'cw_000901'
                        and keyed.table_name = ownership.table_name and keyed.column_name = 'id')
        order by 1, 2
    loop
        execute format('select exists (select from cw_000901.%I)', v_column.table_name) into v_has_rows;
        continue when not v_has_rows;
        insert into tap_edited values (v_column.table_name, v_column.column_name);
        perform set_config('cw.app_user', 'jane@client', true);
        perform tests.run_as('cw_000901_ui', format(
            'update cw_000901.%I set %I = %s where id = (select min(id) from cw_000901.%I)',
            v_column.table_name, v_column.column_name,
            case
                when v_column.data_type = 'boolean' then format('not coalesce(%I, true)', v_column.column_name)
                when v_column.data_type in ('integer', 'smallint', 'bigint') then format('coalesce(%I, 0) %% 7 + 3', v_column.column_name)
                when v_column.data_type = 'numeric' then format('coalesce(%I, 0) + 5', v_column.column_name)
                when v_column.data_type = 'jsonb' then '''42''::jsonb'
                when v_column.data_type like 'timestamp%' then format('%I + interval ''1 day''', v_column.column_name)
                when v_column.column_name = 'assortment_override' then '''NOT-STOCK'''
                else '''edited by a planner'''
            end,
            v_column.table_name));
    end loop;
end
$$;

select set_eq(
    $$ select table_name, column_name from cw_000901.change_events $$,
    $$ select table_name, column_name from tap_edited $$,
    'each UI-owned column (of a table keyed by id) edited raised an event for exactly that table and column'
);
select is(
    (select count(*) from cw_000901.change_events),
    (select count(*) from tap_edited),
    'one event per edited row and column, no more'
);
select is_empty(
    $$ select id from cw_000901.change_events
       where changed_by <> 'cw_000901_ui' or app_user is distinct from 'jane@client' or status <> 'pending'
           or old_value is not distinct from new_value $$,
    'every event names the UI role and the application user, is pending and has distinct old and new values'
);
select results_eq(
    $$ select row_key ->> 'erp_id', old_value, new_value from cw_000901.change_events
       where table_name = 'products' and column_name = 'discontinued_override' $$,
    $$ values ('P000001', null::jsonb, 'false'::jsonb) $$,
    'the event keeps the row''s key and the value before (SQL NULL) and after'
);
select results_eq(
    $$ select row_key ->> 'from_location_id' is not null, row_key ->> 'to_location_id' is not null
       from cw_000901.change_events where table_name = 'location_lanes' and column_name = 'is_enabled' $$,
    $$ values (true, true) $$,
    'a lane''s event carries both of its locations (what the processor scopes the re-run by)'
);

select * from finish();
rollback;

-- Keeps the change-event triggers in line with field_ownership: every table with UI-owned columns has the trigger
-- change_events_capture with exactly those columns, no other table has it. Run after every tenant migrate (the
-- Flyway callback afterMigrate__install_change_capture.sql), so a later step that adds a UI-owned column to
-- field_ownership gets its events without touching this file.
create or replace procedure ${schema}.install_change_capture()
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_table record;
begin
    for v_table in
        with ui_tables as (
            select
                field_ownership.table_name,
                pg_catalog.format(
                    'CREATE TRIGGER change_events_capture AFTER UPDATE ON %I.%I REFERENCING OLD TABLE AS old_rows '
                    'NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I.change_events_capture(%s)',
                    '${schema}', field_ownership.table_name, '${schema}',
                    string_agg(quote_literal(field_ownership.column_name), ', ' order by field_ownership.column_name)
                ) as wanted
            from ${schema}.field_ownership
            where field_ownership.owner = 'ui'
                and to_regclass(format('%I.%I', '${schema}', field_ownership.table_name)) is not null
                -- rows are matched by id: a table keyed otherwise (inventory_strategy_overrides) is not captured yet
                and exists (select from information_schema.columns
                            where columns.table_schema = '${schema}'
                                and columns.table_name = field_ownership.table_name and columns.column_name = 'id')
            group by field_ownership.table_name
        ),

        installed as (
            select
                pg_class.relname::text as table_name,
                pg_get_triggerdef(pg_trigger.oid) as definition
            from pg_trigger
            inner join pg_class on pg_class.oid = pg_trigger.tgrelid
            where pg_class.relnamespace = '${schema}'::regnamespace
                and pg_trigger.tgname = 'change_events_capture'
        ),

        differences as (
            select
                coalesce(ui_tables.table_name, installed.table_name) as table_name,
                installed.definition is not null as is_installed,
                ui_tables.wanted
            from ui_tables
            full join installed on installed.table_name = ui_tables.table_name
            where ui_tables.wanted is distinct from installed.definition
        )

        select * from differences order by differences.table_name
    loop
        if v_table.is_installed then
            execute format('drop trigger change_events_capture on %I.%I', '${schema}', v_table.table_name);
        end if;
        if v_table.wanted is not null then
            execute v_table.wanted;
            raise notice 'change events: trigger on %.% installed', '${schema}', v_table.table_name;
        end if;
    end loop;
end
$$;
comment on procedure ${schema}.install_change_capture() is
'Installs, replaces or drops the statement-level trigger change_events_capture so that every table with UI-owned '
'columns (field_ownership owner = ui) and an id column raises change events for exactly those columns (a table '
'keyed otherwise, or rows the UI inserts or deletes, are not captured yet: docs/cyclicity.md). Idempotent: changes '
'nothing when the triggers already match. Runs after every migrate (afterMigrate__install_change_capture.sql).';

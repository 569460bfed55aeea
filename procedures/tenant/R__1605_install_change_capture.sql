-- Keeps the change-event triggers in line with field_ownership: every table with UI-owned columns has the trigger
-- change_events_capture (AFTER UPDATE) with exactly those columns, and change_events_capture_insert / _delete when the
-- UI role may insert / delete its rows; no other table has them. Run after every tenant migrate (the Flyway callback
-- afterMigrate__install_change_capture.sql), so a later step that adds a UI-owned column to field_ownership gets its
-- events without touching this file.
create or replace procedure ${schema}.install_change_capture()
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_trigger record;
begin
    for v_trigger in
        with ui_tables as (
            select
                field_ownership.table_name,
                pg_catalog.format('%I.%I', '${schema}', field_ownership.table_name)::regclass as table_oid,
                string_agg(quote_literal(field_ownership.column_name), ', ' order by field_ownership.column_name)
                as column_arguments
            from ${schema}.field_ownership
            where field_ownership.owner = 'ui'
                and to_regclass(format('%I.%I', '${schema}', field_ownership.table_name)) is not null
            group by field_ownership.table_name
        ),

        -- rows are matched by id, else by the primary key; a table with neither is not captured (a notice says so)
        keyed_tables as (
            select
                ui_tables.*,
                coalesce(
                    (select 'id' from pg_attribute
                     where pg_attribute.attrelid = ui_tables.table_oid and pg_attribute.attname = 'id'
                         and not pg_attribute.attisdropped),
                    (select string_agg(pg_attribute.attname, ',' order by key_columns.ordinality)
                     from pg_constraint
                     cross join lateral unnest(pg_constraint.conkey) with ordinality as key_columns (attnum, ordinality)
                     inner join pg_attribute on pg_attribute.attrelid = pg_constraint.conrelid
                         and pg_attribute.attnum = key_columns.attnum
                     where pg_constraint.conrelid = ui_tables.table_oid and pg_constraint.contype = 'p')
                ) as key_columns
            from ui_tables
        ),

        wanted as (
            select
                keyed_tables.table_name,
                'change_events_capture' || operations.suffix as trigger_name,
                pg_catalog.format(
                    'CREATE TRIGGER %I AFTER %s ON %I.%I REFERENCING %s FOR EACH STATEMENT '
                    'EXECUTE FUNCTION %I.change_events_capture(%L, %s)',
                    'change_events_capture' || operations.suffix, operations.event, '${schema}',
                    keyed_tables.table_name, operations.transition_tables, '${schema}', keyed_tables.key_columns,
                    keyed_tables.column_arguments
                ) as definition
            from keyed_tables
            cross join (values
                ('', 'UPDATE', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', null),
                ('_insert', 'INSERT', 'NEW TABLE AS new_rows', 'INSERT'),
                ('_delete', 'DELETE', 'OLD TABLE AS old_rows', 'DELETE')
            ) as operations (suffix, event, transition_tables, ui_privilege)
            where keyed_tables.key_columns is not null
                and (operations.ui_privilege is null
                     or has_table_privilege('${ui_role}', keyed_tables.table_oid, operations.ui_privilege))
        ),

        installed as (
            select
                pg_class.relname::text as table_name,
                pg_trigger.tgname::text as trigger_name,
                pg_get_triggerdef(pg_trigger.oid) as definition
            from pg_trigger
            inner join pg_class on pg_class.oid = pg_trigger.tgrelid
            where pg_class.relnamespace = '${schema}'::regnamespace
                and pg_trigger.tgname in ('change_events_capture', 'change_events_capture_insert',
                                          'change_events_capture_delete')
        ),

        differences as (
            select
                coalesce(wanted.table_name, installed.table_name) as table_name,
                coalesce(wanted.trigger_name, installed.trigger_name) as trigger_name,
                installed.definition is not null as is_installed,
                wanted.definition as wanted
            from wanted
            full join installed on installed.table_name = wanted.table_name
                and installed.trigger_name = wanted.trigger_name
            where wanted.definition is distinct from installed.definition
        )

        select differences.*, false as is_unkeyed from differences
        union all
        select keyed_tables.table_name, null, false, null, true
        from keyed_tables
        where keyed_tables.key_columns is null
        order by 1, 2
    loop
        if v_trigger.is_unkeyed then
            raise notice 'change events: %.% has UI-owned columns but neither an id column nor a primary key; '
                         'its edits are not captured', '${schema}', v_trigger.table_name;
            continue;
        end if;
        if v_trigger.is_installed then
            execute format('drop trigger %I on %I.%I', v_trigger.trigger_name, '${schema}', v_trigger.table_name);
        end if;
        if v_trigger.wanted is not null then
            execute v_trigger.wanted;
            raise notice 'change events: trigger % on %.% installed', v_trigger.trigger_name, '${schema}',
                v_trigger.table_name;
        end if;
    end loop;
end
$$;
comment on procedure ${schema}.install_change_capture() is
'Installs, replaces or drops the statement-level triggers change_events_capture (update), change_events_capture_insert '
'and change_events_capture_delete (when the UI role may insert / delete rows) so that every table with UI-owned '
'columns (field_ownership owner = ui) raises change events for exactly those columns, matching rows by id or else '
'the primary key. Idempotent: changes nothing when the triggers already match. Runs after every migrate '
'(afterMigrate__install_change_capture.sql).';

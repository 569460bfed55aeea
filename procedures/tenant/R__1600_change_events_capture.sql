-- The change-event trigger function: one generic statement-level AFTER UPDATE trigger per table with UI-owned
-- columns (installed by install_change_capture). It compares the transition tables row by row on the UI-owned
-- columns named in its arguments and writes one change_events row per row and column whose value changed, in one
-- INSERT per statement: a bulk edit of 10,000 rows is one trigger call, not 10,000. The statement is built from the
-- column names (format %I) so that unchanged rows cost one row comparison.
create or replace function ${schema}.change_events_capture()
returns trigger
language plpgsql
security definer
-- security definer: the UI role edits products but must not be able to write change_events itself; the function
-- runs as the client owner role, which owns change_events. Every name below is schema-qualified.
set search_path = pg_catalog, pg_temp
as $$
declare
    v_columns text[] := tg_argv::text[];
    v_app_user text := nullif(current_setting('cw.app_user', true), '');
    -- The editing role: a SECURITY DEFINER function sees its owner as current_user, but the session's role setting
    -- (set by SET ROLE) and else the login role are the caller's.
    v_role text := coalesce(nullif(current_setting('role'), 'none'), session_user);
begin
    -- One statement per trigger call, built from the UI-owned columns: rows whose UI-owned values are all unchanged
    -- (every row load updates) are dropped by one row comparison before anything is converted to JSON.
    execute pg_catalog.format(
        $sql$
        insert into %1$I.change_events (table_name, row_id, row_key, column_name, old_value, new_value, changed_by,
                                        app_user)
        with changed_rows as (
            select old_rows.id, to_jsonb(new_rows.*) as new_row, %2$s
            from old_rows
            inner join new_rows on new_rows.id = old_rows.id
            where (%3$s) is distinct from (%4$s)
        )

        select
            $1,
            changed_rows.id,
            jsonb_strip_nulls(jsonb_build_object(
                'id', changed_rows.new_row -> 'id',
                'erp_id', changed_rows.new_row -> 'erp_id',
                'product_id', changed_rows.new_row -> 'product_id',
                'location_id', changed_rows.new_row -> 'location_id',
                'supplier_id', changed_rows.new_row -> 'supplier_id',
                'from_location_id', changed_rows.new_row -> 'from_location_id',
                'to_location_id', changed_rows.new_row -> 'to_location_id',
                'setting_key', changed_rows.new_row -> 'setting_key'
            )),
            changed_columns.column_name,
            changed_columns.old_value,
            changed_columns.new_value,
            $2,
            $3
        from changed_rows
        cross join lateral (values %5$s) as changed_columns (column_name, old_value, new_value)
        where changed_columns.old_value is distinct from changed_columns.new_value
        order by changed_rows.id, changed_columns.column_name
        $sql$,
        tg_table_schema,
        (select pg_catalog.string_agg(pg_catalog.format('to_jsonb(old_rows.%1$I) as %2$I, to_jsonb(new_rows.%1$I) as %3$I',
                                                        ui_columns.column_name, 'old_' || ui_columns.ordinality,
                                                        'new_' || ui_columns.ordinality), ', ')
         from unnest(v_columns) with ordinality as ui_columns (column_name, ordinality)),
        (select pg_catalog.string_agg(pg_catalog.format('old_rows.%I', ui_columns.column_name), ', ')
         from unnest(v_columns) as ui_columns (column_name)),
        (select pg_catalog.string_agg(pg_catalog.format('new_rows.%I', ui_columns.column_name), ', ')
         from unnest(v_columns) as ui_columns (column_name)),
        (select pg_catalog.string_agg(pg_catalog.format('(%L, changed_rows.%I, changed_rows.%I)', ui_columns.column_name,
                                                        'old_' || ui_columns.ordinality, 'new_' || ui_columns.ordinality),
                                      ', ')
         from unnest(v_columns) with ordinality as ui_columns (column_name, ordinality))
    )
    using tg_table_name, v_role, v_app_user;
    return null;
end
$$;
comment on function ${schema}.change_events_capture() is
'Statement-level AFTER UPDATE trigger function (transition tables old_rows/new_rows; arguments: the table''s '
'UI-owned columns): one change_events row per row and UI-owned column whose value changed, with old and new value, '
'the editing role (the session''s role: the UI role, although the function runs as the owner) and cw.app_user. '
'Updates that change no UI-owned value (every write of step load) record nothing.';

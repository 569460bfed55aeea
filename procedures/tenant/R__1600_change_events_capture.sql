-- The change-event trigger function: one generic statement-level AFTER UPDATE trigger per table with UI-owned
-- columns (installed by install_change_capture). It compares the transition tables row by row on the UI-owned
-- columns named in its arguments and writes one change_events row per row and column whose value changed, in one
-- INSERT per statement: a bulk edit of 10,000 rows is one trigger call, not 10,000.
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
    insert into ${schema}.change_events (table_name, row_id, row_key, column_name, old_value, new_value,
                                         changed_by, app_user)
    with row_pairs as (
        select
            to_jsonb(old_rows.*) as old_row,
            to_jsonb(new_rows.*) as new_row
        from old_rows
        inner join new_rows on new_rows.id = old_rows.id
    ),

    changed_columns as (
        select
            row_pairs.new_row,
            ui_columns.column_name,
            row_pairs.old_row -> ui_columns.column_name as old_value,
            row_pairs.new_row -> ui_columns.column_name as new_value
        from row_pairs
        cross join unnest(v_columns) as ui_columns (column_name)
        where (row_pairs.old_row -> ui_columns.column_name) is distinct from (row_pairs.new_row -> ui_columns.column_name)
    )

    select
        tg_table_name,
        (changed_columns.new_row ->> 'id')::bigint,
        jsonb_strip_nulls(jsonb_build_object(
            'id', changed_columns.new_row -> 'id',
            'erp_id', changed_columns.new_row -> 'erp_id',
            'product_id', changed_columns.new_row -> 'product_id',
            'location_id', changed_columns.new_row -> 'location_id',
            'supplier_id', changed_columns.new_row -> 'supplier_id',
            'from_location_id', changed_columns.new_row -> 'from_location_id',
            'to_location_id', changed_columns.new_row -> 'to_location_id',
            'setting_key', changed_columns.new_row -> 'setting_key'
        )),
        changed_columns.column_name,
        nullif(changed_columns.old_value, 'null'::jsonb),
        nullif(changed_columns.new_value, 'null'::jsonb),
        v_role,
        v_app_user
    from changed_columns
    order by (changed_columns.new_row ->> 'id')::bigint, changed_columns.column_name;
    return null;
end
$$;
comment on function ${schema}.change_events_capture() is
'Statement-level AFTER UPDATE trigger function (transition tables old_rows/new_rows; arguments: the table''s '
'UI-owned columns): one change_events row per row and UI-owned column whose value changed, with old and new value, '
'the editing role (the session''s role: the UI role, although the function runs as the owner) and cw.app_user. '
'Updates that change no UI-owned value (every write of step load) record nothing.';

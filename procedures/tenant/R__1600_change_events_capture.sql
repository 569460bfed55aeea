-- The change-event trigger function: generic statement-level AFTER UPDATE, INSERT and DELETE triggers on every table
-- with UI-owned columns (installed by install_change_capture). For an update it compares the transition tables row
-- by row (matched on the table's key) on the UI-owned columns named in its arguments and writes one change_events row
-- per row and column whose value changed; for an insert (delete) one row per UI-owned column that has (had) a value.
-- One INSERT per statement: a bulk edit of 10,000 rows is one trigger call, not 10,000. The statement is built from
-- the column names (format %I) so that unchanged rows cost one row comparison.
create or replace function ${schema}.change_events_capture()
returns trigger
language plpgsql
security definer
-- security definer: the UI role edits products but must not be able to write change_events itself; the function
-- runs as the client owner role, which owns change_events. Every name below is schema-qualified.
set search_path = pg_catalog, pg_temp
as $$
declare
    -- argument 1: the key columns that match old and new rows (id, else the primary key), comma-separated;
    -- the others: the UI-owned columns
    v_keys text[] := pg_catalog.string_to_array(tg_argv[0], ',');
    v_columns text[] := tg_argv[1:];
    v_app_user text := nullif(current_setting('cw.app_user', true), '');
    -- The editing role: a SECURITY DEFINER function sees its owner as current_user, but the session's role setting
    -- (set by SET ROLE) and else the login role are the caller's.
    v_role text := coalesce(nullif(current_setting('role'), 'none'), session_user);
    v_keys_list text;
    v_source text;
    v_row text;
begin
    -- Updates join the two transition tables; an insert (delete) joins the new (old) rows to an empty copy of
    -- themselves, so that the one statement below sees nulls on the missing side.
    v_keys_list := (select pg_catalog.string_agg(pg_catalog.format('%I', key_column), ', ')
                    from unnest(v_keys) as key_columns (key_column));
    v_source := case tg_op
        when 'UPDATE' then pg_catalog.format('old_rows inner join new_rows using (%s)', v_keys_list)
        when 'INSERT' then pg_catalog.format('new_rows left join (select * from new_rows limit 0) as old_rows using (%s)',
                                             v_keys_list)
        else pg_catalog.format('old_rows left join (select * from old_rows limit 0) as new_rows using (%s)', v_keys_list)
    end;
    v_row := case tg_op when 'DELETE' then 'old_rows' else 'new_rows' end;
    execute pg_catalog.format(
        $sql$
        insert into %1$I.change_events (table_name, operation, row_id, row_key, column_name, old_value, new_value,
                                        changed_by, app_user)
        with changed_rows as (
            select to_jsonb(%6$s.*) as key_row, %2$s
            from %7$s
            where (%3$s) is distinct from (%4$s)
        )

        select
            $1,
            $4,
            (changed_rows.key_row ->> 'id')::bigint,
            jsonb_strip_nulls(jsonb_build_object(
                'id', changed_rows.key_row -> 'id',
                'erp_id', changed_rows.key_row -> 'erp_id',
                'product_id', changed_rows.key_row -> 'product_id',
                'location_id', changed_rows.key_row -> 'location_id',
                'supplier_id', changed_rows.key_row -> 'supplier_id',
                'from_location_id', changed_rows.key_row -> 'from_location_id',
                'to_location_id', changed_rows.key_row -> 'to_location_id',
                'setting_key', changed_rows.key_row -> 'setting_key'
            ) || %8$s),
            changed_columns.column_name,
            changed_columns.old_value,
            changed_columns.new_value,
            $2,
            $3
        from changed_rows
        cross join lateral (values %5$s) as changed_columns (column_name, old_value, new_value)
        where changed_columns.old_value is distinct from changed_columns.new_value
        order by (changed_rows.key_row ->> 'id')::bigint, changed_rows.key_row::text, changed_columns.column_name
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
         from unnest(v_columns) with ordinality as ui_columns (column_name, ordinality)),
        v_row,
        v_source,
        -- the key columns themselves, for tables keyed otherwise than by id
        (select pg_catalog.format('jsonb_build_object(%s)',
                                  pg_catalog.string_agg(pg_catalog.format('%L, changed_rows.key_row -> %L', key_column,
                                                                          key_column), ', '))
         from unnest(v_keys) as key_columns (key_column))
    )
    using tg_table_name, v_role, v_app_user, pg_catalog.lower(tg_op);
    return null;
end
$$;
comment on function ${schema}.change_events_capture() is
'Statement-level AFTER UPDATE / INSERT / DELETE trigger function (transition tables old_rows/new_rows; arguments: '
'the key columns, comma-separated, then the table''s UI-owned columns): one change_events row per row and '
'UI-owned column whose value changed (update), was set (insert) or was removed (delete), with old and new value, '
'the editing role (the session''s role: the UI role, although the function runs as the owner) and cw.app_user. '
'Updates that change no UI-owned value (every write of step load) record nothing.';

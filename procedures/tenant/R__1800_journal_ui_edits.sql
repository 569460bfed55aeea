-- Capture of UI edits for disaster recovery (issue 18): a statement-level trigger on each table with UI-owned
-- columns records, per edited row, its business key and the new values of the UI-owned columns that changed.
-- A simple capture of its own until the change events of the cyclicity issue land (docs/recovery.md says how the
-- two meet: change_events becomes the source of this journal).
create or replace function ${schema}.journal_ui_edits()
returns trigger
language plpgsql
-- security invoker: the editing role (the UI role) appends to the journal itself (it has insert, never update or
-- delete, on ui_edits), so edited_by is the role that made the edit.
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    -- A replayed edit (apply_ui_edit) is journaled by the replay itself, under its original uuid.
    if current_setting('cw.replaying_ui_edit', true) = 'on' then
        return null;
    end if;
    insert into ${schema}.ui_edits (table_name, row_key, changes, after_run_date)
    with ui_columns as (
        select field_ownership.column_name
        from ${schema}.field_ownership
        where field_ownership.table_name = tg_table_name and field_ownership.owner = 'ui'
    ),

    edited_rows as (
        select to_jsonb(new_rows) as new_row, to_jsonb(old_rows) as old_row
        from new_rows
        inner join old_rows on old_rows.id = new_rows.id
    ),

    row_changes as (
        select
            edited_rows.new_row,
            (select jsonb_object_agg(ui_columns.column_name, edited_rows.new_row -> ui_columns.column_name)
             from ui_columns
             where (edited_rows.new_row -> ui_columns.column_name)
                 is distinct from (edited_rows.old_row -> ui_columns.column_name)) as changes
        from edited_rows
    ),

    keyed as (
        select
            case tg_table_name
                when 'product_suppliers' then jsonb_build_object(
                    'product_erp_id', (select products.erp_id from ${schema}.products
                                       where products.id = (row_changes.new_row ->> 'product_id')::integer),
                    'supplier_erp_id', (select suppliers.erp_id from ${schema}.suppliers
                                        where suppliers.id = (row_changes.new_row ->> 'supplier_id')::integer))
                when 'location_lanes' then jsonb_build_object(
                    'from_erp_id', (select locations.erp_id from ${schema}.locations
                                    where locations.id = (row_changes.new_row ->> 'from_location_id')::integer),
                    'to_erp_id', (select locations.erp_id from ${schema}.locations
                                  where locations.id = (row_changes.new_row ->> 'to_location_id')::integer))
                when 'client_settings' then jsonb_build_object('setting_key', row_changes.new_row -> 'setting_key')
                else jsonb_build_object('erp_id', row_changes.new_row -> 'erp_id')
            end as row_key,
            row_changes.changes
        from row_changes
        where row_changes.changes is not null
    )

    select tg_table_name, keyed.row_key, keyed.changes,
           (select max(pipeline_runs.run_date) from ${schema}.pipeline_runs)
    from keyed;
    return null;
end
$$;
comment on function ${schema}.journal_ui_edits() is
'Trigger (after update, per statement): appends one ui_edits row per row whose UI-owned columns changed, with the '
'row''s business key, the new values and the latest pipeline run date. Skipped while apply_ui_edit replays an edit.';
revoke all on function ${schema}.journal_ui_edits() from public;
grant execute on function ${schema}.journal_ui_edits() to ${ui_role};

do $$
declare
    v_table text;
begin
    foreach v_table in array array['products', 'locations', 'suppliers', 'product_suppliers', 'location_lanes',
                                   'client_settings'] loop
        execute format('drop trigger if exists %I on %I.%I', v_table || '_journal_ui_edits', '${schema}', v_table);
        execute format('create trigger %I after update on %I.%I referencing old table as old_rows '
                       'new table as new_rows for each statement execute function %I.journal_ui_edits()',
                       v_table || '_journal_ui_edits', '${schema}', v_table, '${schema}');
    end loop;
end
$$;

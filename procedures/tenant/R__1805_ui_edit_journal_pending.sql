-- The UI edit journal's source (issue 18, docs/recovery.md "Journal of UI edits"): the change events not yet copied
-- to S3, as journal entries. One capture (change_events_capture) serves both the change processor and recovery.
create or replace function ${schema}.ui_edit_journal_pending()
returns table (
    event_ids bigint [],
    edit_uuid uuid,
    edited_at timestamptz,
    edited_by text,
    table_name text,
    operation text,
    row_key jsonb,
    changes jsonb,
    after_run_date date
)
language plpgsql
stable
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
declare
    v_edit record;
    v_key  text [];
    v_row  jsonb;
begin
    for v_edit in
        -- one edit = the events of one row, table and operation in one transaction, in the order they were made
        with edits as (
            select
                array_agg(change_events.id order by change_events.id) as event_ids,
                min(change_events.changed_at) as edited_at,
                min(change_events.changed_by) as edited_by,
                change_events.table_name,
                change_events.operation,
                change_events.row_key,
                change_events.row_id,
                change_events.transaction_id,
                jsonb_object_agg(change_events.column_name, change_events.new_value order by change_events.id)
                as new_values,
                jsonb_object_agg(change_events.column_name, change_events.old_value order by change_events.id desc)
                as old_values
            from change_events
            where change_events.journal_object_key is null and change_events.journal_edit_uuid is null
            group by change_events.transaction_id, change_events.table_name, change_events.operation,
                change_events.row_key, change_events.row_id
        )

        select edits.*,
               (select max(pipeline_runs.run_date) from pipeline_runs
                where pipeline_runs.started_at <= edits.edited_at) as after_run_date
        from edits
        order by edits.event_ids[1]
    loop
        v_key := ui_journal_key_columns(v_edit.table_name);
        if v_key is null then
            raise exception 'table % has UI-owned columns but no journal key (a unique index without identity '
                'columns): its edit % cannot be journaled', v_edit.table_name, v_edit.event_ids
                using errcode = 'CW250', hint = 'give the table a unique constraint on its business columns in a '
                                                'migration (docs/recovery.md)';
        end if;
        -- the key columns: as the event recorded them, else from the row itself (a key the UI does not edit, such
        -- as recommendation_date); an update that moved the key is found by the values before it
        v_row := coalesce(v_edit.row_key, '{}');
        if exists (select from unnest(v_key) as key_columns (key_column) where not v_row ? key_column)
            and v_edit.row_id is not null then
            execute pg_catalog.format('select to_jsonb(edited.*) from %I.%I as edited where edited.id = $1',
                                      '${schema}', v_edit.table_name)
                into v_row
                using v_edit.row_id;
            v_row := coalesce(v_row, '{}') || v_edit.row_key;
        end if;
        if v_edit.operation = 'update' then
            v_row := v_row || (select coalesce(jsonb_object_agg(old_values.key, old_values.value), '{}')
                               from jsonb_each(v_edit.old_values) as old_values
                               where old_values.key = any(v_key));
        end if;
        event_ids := v_edit.event_ids;
        -- deterministic: a flush that wrote its object but died before its commit writes the same uuids again, and
        -- the replay deduplicates them
        edit_uuid := md5(pg_catalog.format('%s/%s/%s/%s', '${schema}', v_edit.event_ids[1], v_edit.transaction_id,
                                           v_edit.edited_at))::uuid;
        edited_at := v_edit.edited_at;
        edited_by := v_edit.edited_by;
        table_name := v_edit.table_name;
        operation := v_edit.operation;
        row_key := ui_journal_export(v_edit.table_name,
                                     (select jsonb_object_agg(fields.key, fields.value) from jsonb_each(v_row) as fields
                                      where fields.key = any(v_key)));
        changes := case when v_edit.operation = 'delete' then '{}'::jsonb
                        else ui_journal_export(v_edit.table_name, v_edit.new_values) end;
        after_run_date := v_edit.after_run_date;
        return next;
    end loop;
end
$$;
comment on function ${schema}.ui_edit_journal_pending() is
'The change events not yet in the S3 journal, one row per UI edit (the events of one row, table, operation and '
'transaction): a deterministic uuid, who and when, the row''s journal key (ui_journal_key_columns; for an update the '
'key before the edit), the new values (insert, update; empty for a delete) with references as journal keys, and '
'after_run_date, the latest pipeline run date when the edit was made. Read by cw journal flush. CW250 when a table '
'with UI-owned columns has no journal key.';

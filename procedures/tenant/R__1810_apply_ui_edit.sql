-- Replay of one journaled UI edit (issue 18): used by cw restore and cw rebuild to re-apply the edits the raw ERP
-- files do not hold, each after the pipeline run it followed. Reads both journal formats (docs/recovery.md).
drop function if exists ${schema}.apply_ui_edit(uuid, timestamptz, text, text, jsonb, jsonb, date, text);
create or replace function ${schema}.apply_ui_edit(
    p_edit_uuid uuid,
    p_edited_at timestamptz,
    p_edited_by text,
    p_table_name text,
    p_row_key jsonb,
    p_changes jsonb,
    p_after_run_date date,
    p_object_key text,
    p_operation text default 'update'
)
returns integer
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_key       jsonb;
    v_changes   jsonb;
    v_columns   text [];
    v_where     text;
    v_rows      integer;
    v_last_id   bigint := (select coalesce(max(change_events.id), 0) from ${schema}.change_events);
begin
    -- already here: journaled from this client, or replayed (format 2), or in the old journal table (format 1)
    if exists (select from ${schema}.change_events where change_events.journal_edit_uuid = p_edit_uuid)
        or exists (select from ${schema}.ui_edits where ui_edits.edit_uuid = p_edit_uuid) then
        return 0;
    end if;
    if p_operation is null or p_operation not in ('insert', 'update', 'delete') then
        raise exception 'UI edit % has the unknown operation %', p_edit_uuid, p_operation
            using errcode = 'CW136', hint = 'insert, update or delete; the journal entry is corrupt';
    end if;
    if exists (select from jsonb_object_keys(p_changes) as changed (key)
               where not exists (select from ${schema}.field_ownership
                                 where field_ownership.table_name = p_table_name
                                     and field_ownership.column_name = changed.key
                                     and field_ownership.owner = 'ui'))
        or (p_operation <> 'delete' and p_changes = '{}') then
        raise exception 'UI edit % of % changes % which are not all UI-owned columns', p_edit_uuid, p_table_name,
            p_changes
            using errcode = 'CW136', hint = 'UI-owned columns are listed in field_ownership (owner = ui); '
                                            'the journal entry is corrupt or from another schema version';
    end if;
    -- format 1 named the two ends of a supplier link and of a lane by ERP id under keys of their own
    v_key := case
        when p_table_name = 'product_suppliers' and p_row_key ? 'product_erp_id' then jsonb_build_object(
            'product_id', jsonb_build_object('erp_id', p_row_key -> 'product_erp_id'),
            'supplier_id', jsonb_build_object('erp_id', p_row_key -> 'supplier_erp_id'))
        when p_table_name = 'location_lanes' and p_row_key ? 'from_erp_id' then jsonb_build_object(
            'from_location_id', jsonb_build_object('erp_id', p_row_key -> 'from_erp_id'),
            'to_location_id', jsonb_build_object('erp_id', p_row_key -> 'to_erp_id'))
        else p_row_key
    end;
    v_key := ${schema}.ui_journal_import(p_table_name, v_key, p_edit_uuid);
    v_changes := ${schema}.ui_journal_import(p_table_name, p_changes, p_edit_uuid);
    v_where := (select string_agg(pg_catalog.format('target.%1$I is not distinct from wanted.%1$I', key_columns.key),
                                  ' and ')
                from jsonb_object_keys(v_key) as key_columns (key));
    if v_where is null then
        raise exception 'UI edit % of % has an empty row key', p_edit_uuid, p_table_name
            using errcode = 'CW136', hint = 'the journal entry is corrupt';
    end if;
    if p_operation = 'insert' then
        -- identity columns take this client's next value (the journal key finds the row, never its id)
        v_columns := array(select changed.key from jsonb_object_keys(v_changes || v_key) as changed (key)
                           where not exists (select from pg_attribute
                                             where pg_attribute.attrelid = pg_catalog.format('%I.%I', '${schema}',
                                                                                              p_table_name)::regclass
                                                 and pg_attribute.attname = changed.key
                                                 and pg_attribute.attidentity <> '')
                           order by changed.key);
        execute pg_catalog.format('insert into %I.%I (%s) select %s from jsonb_populate_record(null::%I.%I, $1) as edit',
                                  '${schema}', p_table_name,
                                  (select string_agg(pg_catalog.format('%I', column_name), ', ')
                                   from unnest(v_columns) as columns (column_name)),
                                  (select string_agg(pg_catalog.format('edit.%I', column_name), ', ')
                                   from unnest(v_columns) as columns (column_name)),
                                  '${schema}', p_table_name)
            using v_key || v_changes;
    elsif p_operation = 'delete' then
        execute pg_catalog.format('delete from %I.%I as target using jsonb_populate_record(null::%I.%I, $1) as wanted '
                                  'where %s', '${schema}', p_table_name, '${schema}', p_table_name, v_where)
            using v_key;
    else
        execute pg_catalog.format('update %I.%I as target set %s from jsonb_populate_record(null::%I.%I, $1) as edit, '
                                  'jsonb_populate_record(null::%I.%I, $2) as wanted where %s',
                                  '${schema}', p_table_name,
                                  (select string_agg(pg_catalog.format('%1$I = edit.%1$I', changed.key), ', '
                                                     order by changed.key)
                                   from jsonb_object_keys(v_changes) as changed (key)),
                                  '${schema}', p_table_name, '${schema}', p_table_name, v_where)
            using v_changes, v_key;
    end if;
    get diagnostics v_rows = row_count;
    if v_rows = 1 and p_operation <> 'delete' then
        -- a BEFORE trigger may have stamped the row (to_recommendations_stamp_status sets status_updated_at = now()):
        -- the journaled values win; the second update changes nothing else and, when nothing differs, records no event
        execute pg_catalog.format('update %I.%I as target set %s from jsonb_populate_record(null::%I.%I, $1) as edit, '
                                  'jsonb_populate_record(null::%I.%I, $2) as wanted where %s',
                                  '${schema}', p_table_name,
                                  (select string_agg(pg_catalog.format('%1$I = edit.%1$I', changed.key), ', '
                                                     order by changed.key)
                                   from jsonb_object_keys(v_changes) as changed (key)
                                   where not exists (select from pg_attribute
                                                     where pg_attribute.attrelid = pg_catalog.format(
                                                         '%I.%I', '${schema}', p_table_name)::regclass
                                                         and pg_attribute.attname = changed.key
                                                         and pg_attribute.attidentity <> '')),
                                  '${schema}', p_table_name, '${schema}', p_table_name, v_where)
            using v_changes, v_key || (v_changes - array(select jsonb_object_keys(v_changes) except
                                                         select jsonb_object_keys(v_key)));
    end if;
    if v_rows <> 1 then
        raise exception 'UI edit % (%) of % could not be replayed: % rows match the key %', p_edit_uuid, p_operation,
            p_table_name, v_rows, p_row_key
            using errcode = 'CW137', hint = 'the row the edit changed does not exist at this point of the replay '
                                            '(raw files missing or replayed out of order)';
    end if;
    -- the replay's own change events are this journaled edit: never journaled again, and not re-run by the change
    -- processor (the replay runs the pipeline after them)
    update ${schema}.change_events
    set journal_edit_uuid = p_edit_uuid,
        journal_object_key = p_object_key,
        journaled_at = case when p_object_key is not null then clock_timestamp() end,
        status = 'processed',
        processed_at = clock_timestamp()
    where change_events.id > v_last_id and change_events.transaction_id = pg_current_xact_id();
    return v_rows;
end
$$;
comment on function ${schema}.apply_ui_edit(uuid, timestamptz, text, text, jsonb, jsonb, date, text, text) is
'Replays one journaled UI edit (journal format 1 or 2): finds the row by its journal key (ui_journal_import turns '
'ERP ids and codes into this client''s ids), then updates its UI-owned columns, inserts it or deletes it '
'(p_operation); the change events this writes carry the edit''s uuid and object key (never journaled twice) and are '
'marked processed. Returns 0 when the edit is already here. Errors: CW136 a corrupt entry (a column that is not '
'UI-owned, an unknown operation), CW137 no row (or no referenced row) for a key.';

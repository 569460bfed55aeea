-- Replay of one journaled UI edit (issue 18): used by cw restore and cw rebuild to re-apply the edits the raw ERP
-- files do not hold, each after the pipeline run it followed.
create or replace function ${schema}.apply_ui_edit(
    p_edit_uuid uuid,
    p_edited_at timestamptz,
    p_edited_by text,
    p_table_name text,
    p_row_key jsonb,
    p_changes jsonb,
    p_after_run_date date,
    p_object_key text
)
returns integer
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_columns text;
    v_where   text;
    v_rows    integer;
begin
    if exists (select from ${schema}.ui_edits where ui_edits.edit_uuid = p_edit_uuid) then
        return 0;
    end if;
    select string_agg(format('%I = edit.%I', changed.key, changed.key), ', ' order by changed.key)
    into v_columns
    from jsonb_object_keys(p_changes) as changed (key)
    where exists (select from ${schema}.field_ownership
                  where field_ownership.table_name = p_table_name
                    and field_ownership.column_name = changed.key
                    and field_ownership.owner = 'ui');
    if v_columns is null or (select count(*) from jsonb_object_keys(p_changes))
        <> (select count(*) from ${schema}.field_ownership
            where field_ownership.table_name = p_table_name and field_ownership.owner = 'ui'
              and p_changes ? field_ownership.column_name) then
        raise exception 'UI edit % of % changes % which are not all UI-owned columns', p_edit_uuid, p_table_name,
            p_changes
            using errcode = 'CW136', hint = 'UI-owned columns are listed in field_ownership (owner = ui); '
                                            'the journal entry is corrupt or from another schema version';
    end if;
    v_where := case p_table_name
        when 'product_suppliers' then
            'target.product_id = (select products.id from products where products.erp_id = $2 ->> ''product_erp_id'') '
            'and target.supplier_id = (select suppliers.id from suppliers '
            'where suppliers.erp_id = $2 ->> ''supplier_erp_id'')'
        when 'location_lanes' then
            'target.from_location_id = (select locations.id from locations where locations.erp_id = $2 ->> ''from_erp_id'') '
            'and target.to_location_id = (select locations.id from locations where locations.erp_id = $2 ->> ''to_erp_id'')'
        when 'client_settings' then 'target.setting_key = $2 ->> ''setting_key'''
        else 'target.erp_id = $2 ->> ''erp_id'''
    end;
    perform set_config('cw.replaying_ui_edit', 'on', true);
    execute format('update %I.%I as target set %s from jsonb_populate_record(null::%I.%I, $1) as edit where %s',
                   '${schema}', p_table_name, v_columns, '${schema}', p_table_name, v_where)
        using p_changes, p_row_key;
    get diagnostics v_rows = row_count;
    perform set_config('cw.replaying_ui_edit', 'off', true);
    if v_rows <> 1 then
        raise exception 'UI edit % of % could not be replayed: % rows match the key %', p_edit_uuid, p_table_name,
            v_rows, p_row_key
            using errcode = 'CW137', hint = 'the row the edit changed does not exist at this point of the replay '
                                            '(raw files missing or replayed out of order)';
    end if;
    insert into ${schema}.ui_edits (edit_uuid, edited_at, edited_by, table_name, row_key, changes, after_run_date,
                                    object_key, exported_at)
    select p_edit_uuid, p_edited_at, p_edited_by, p_table_name, p_row_key, p_changes, p_after_run_date,
           p_object_key, case when p_object_key is not null then clock_timestamp() end;
    return v_rows;
end
$$;
comment on function ${schema}.apply_ui_edit(uuid, timestamptz, text, text, jsonb, jsonb, date, text) is
'Replays one journaled UI edit: updates the UI-owned columns of the row found by its business key and records the '
'edit in ui_edits under its original uuid (already in S3). Returns 0 when the edit is already there. Errors: CW136 '
'a change of a column that is not UI-owned, CW137 no row for the key.';

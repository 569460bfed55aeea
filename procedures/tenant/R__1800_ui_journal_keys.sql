-- Business keys of the UI edit journal (issue 18, docs/recovery.md "Journal of UI edits"): a journaled edit names its
-- row and every reference it holds by natural keys (ERP ids, codes, setting keys), never by a surrogate id, so that
-- it replays into a rebuilt client whose ids differ. Derived from the catalog, for every table: a table's journal key
-- is its first unique index (by name; constraint or expression index) without identity columns; a single-column
-- foreign key value is written as the referenced row's journal key, recursively.
create or replace function ${schema}.ui_journal_key_columns(p_table_name text)
returns text []
language sql
stable
security invoker
set search_path = pg_catalog, pg_temp
as $$
    with unique_indexes as (
        select pg_index.indexrelid, pg_index.indrelid, pg_index.indkey, index_class.relname as index_name
        from pg_index
        inner join pg_class as index_class on index_class.oid = pg_index.indexrelid
        where pg_index.indrelid = to_regclass(pg_catalog.format('%I.%I', '${schema}', p_table_name))
            and pg_index.indisunique
            and pg_index.indpred is null
    ),

    -- an index's columns: plain ones (indkey) and those inside an expression (coalesce(supplier_id, 0)), which are
    -- its dependencies
    index_columns as (
        select unique_indexes.indexrelid, unique_indexes.index_name, pg_attribute.attname::text as column_name,
               pg_attribute.attnum, pg_attribute.attidentity
        from unique_indexes
        cross join unnest(unique_indexes.indkey::smallint []) as plain_columns (attnum)
        inner join pg_attribute on pg_attribute.attrelid = unique_indexes.indrelid
            and pg_attribute.attnum = plain_columns.attnum
        union
        select unique_indexes.indexrelid, unique_indexes.index_name, pg_attribute.attname::text,
               pg_attribute.attnum, pg_attribute.attidentity
        from unique_indexes
        inner join pg_depend on pg_depend.classid = 'pg_class'::regclass
            and pg_depend.objid = unique_indexes.indexrelid and pg_depend.refobjsubid > 0
        inner join pg_attribute on pg_attribute.attrelid = unique_indexes.indrelid
            and pg_attribute.attnum = pg_depend.refobjsubid
    ),

    chosen_index as (
        select index_columns.indexrelid
        from index_columns
        group by index_columns.indexrelid, index_columns.index_name
        having bool_and(index_columns.attidentity = '')
        order by index_columns.index_name
        limit 1
    )

    select array_agg(index_columns.column_name order by index_columns.attnum)
    from index_columns
    inner join chosen_index on chosen_index.indexrelid = index_columns.indexrelid
$$;
comment on function ${schema}.ui_journal_key_columns(text) is
'The journal key of a table of this client: the columns of its first unique index (by name) that has no identity '
'column, in column order (products: erp_id; location_lanes: from_location_id, to_location_id; '
'supply_network_overrides: location_id, supplier_id). Null when the table has none (its rows cannot be journaled).';

create or replace function ${schema}.ui_journal_export(p_table_name text, p_row jsonb)
returns jsonb
language plpgsql
stable
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_column     record;
    v_referenced jsonb;
    v_key        text [];
    v_result     jsonb := '{}';
begin
    -- each value as it is, except a single-column foreign key, which becomes the referenced row's journal key
    for v_column in
        select fields.key as column_name, fields.value,
               referenced_class.relname::text as referenced_table, referenced_column.attname::text as referenced_column,
               referenced_namespace.nspname::text as referenced_schema
        from jsonb_each(p_row) as fields
        left join pg_attribute as referencing_column
            on referencing_column.attrelid = to_regclass(pg_catalog.format('%I.%I', '${schema}', p_table_name))
            and referencing_column.attname = fields.key
        left join pg_constraint as foreign_key
            on foreign_key.conrelid = referencing_column.attrelid and foreign_key.contype = 'f'
            and foreign_key.conkey = array[referencing_column.attnum]
        left join pg_class as referenced_class on referenced_class.oid = foreign_key.confrelid
        left join pg_namespace as referenced_namespace on referenced_namespace.oid = referenced_class.relnamespace
        left join pg_attribute as referenced_column
            on referenced_column.attrelid = foreign_key.confrelid and referenced_column.attnum = foreign_key.confkey[1]
    loop
        v_key := case when v_column.referenced_schema = '${schema}'
                      then ${schema}.ui_journal_key_columns(v_column.referenced_table) end;
        if v_key is null or jsonb_typeof(v_column.value) = 'null' then
            v_result := v_result || jsonb_build_object(v_column.column_name, v_column.value);
            continue;
        end if;
        execute pg_catalog.format(
            'select to_jsonb(referenced.*) from %I.%I as referenced '
            'where referenced.%I = (jsonb_populate_record(null::%I.%I, jsonb_build_object(%L, $1))).%I',
            '${schema}', v_column.referenced_table, v_column.referenced_column, '${schema}',
            v_column.referenced_table, v_column.referenced_column, v_column.referenced_column)
            into v_referenced
            using v_column.value;
        if v_referenced is null then
            -- a dangling id (the referenced row is gone): kept as it is
            v_result := v_result || jsonb_build_object(v_column.column_name, v_column.value);
        else
            v_result := v_result || jsonb_build_object(v_column.column_name, ${schema}.ui_journal_export(
                v_column.referenced_table,
                (select jsonb_object_agg(fields.key, fields.value) from jsonb_each(v_referenced) as fields
                 where fields.key = any(v_key))));
        end if;
    end loop;
    return v_result;
end
$$;
comment on function ${schema}.ui_journal_export(text, jsonb) is
'A row (or part of one) of a table as the UI edit journal writes it: every single-column foreign key value '
'replaced by the referenced row''s journal key, recursively ({"product_id": {"erp_id": "P000123"}}, '
'{"po_recommendation_status_id": {"code": "accepted"}}); other values as they are. Inverse: ui_journal_import.';

create or replace function ${schema}.ui_journal_import(p_table_name text, p_row jsonb, p_edit_uuid uuid)
returns jsonb
language plpgsql
stable
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_column  record;
    v_key     text [];
    v_wanted  jsonb;
    v_id      jsonb;
    v_result  jsonb := '{}';
begin
    for v_column in
        select fields.key as column_name, fields.value,
               referenced_class.relname::text as referenced_table, referenced_column.attname::text as referenced_column
        from jsonb_each(p_row) as fields
        left join pg_attribute as referencing_column
            on referencing_column.attrelid = to_regclass(pg_catalog.format('%I.%I', '${schema}', p_table_name))
            and referencing_column.attname = fields.key
        left join pg_constraint as foreign_key
            on foreign_key.conrelid = referencing_column.attrelid and foreign_key.contype = 'f'
            and foreign_key.conkey = array[referencing_column.attnum]
        left join pg_class as referenced_class on referenced_class.oid = foreign_key.confrelid
        left join pg_attribute as referenced_column
            on referenced_column.attrelid = foreign_key.confrelid and referenced_column.attnum = foreign_key.confkey[1]
    loop
        -- a plain value (and, in journal format 1, a raw id) stays as it is; an object is a referenced row's key
        if jsonb_typeof(v_column.value) <> 'object' or v_column.referenced_table is null then
            v_result := v_result || jsonb_build_object(v_column.column_name, v_column.value);
            continue;
        end if;
        v_key := ${schema}.ui_journal_key_columns(v_column.referenced_table);
        v_wanted := ${schema}.ui_journal_import(v_column.referenced_table, v_column.value, p_edit_uuid);
        execute pg_catalog.format(
            'select to_jsonb(referenced.%I) from %I.%I as referenced, jsonb_populate_record(null::%I.%I, $1) as wanted '
            'where %s',
            v_column.referenced_column, '${schema}', v_column.referenced_table, '${schema}', v_column.referenced_table,
            (select string_agg(pg_catalog.format('referenced.%1$I is not distinct from wanted.%1$I', key_column),
                               ' and ')
             from unnest(v_key) as key_columns (key_column)))
            into v_id
            using v_wanted;
        if v_id is null then
            raise exception 'UI edit %: no % row with the key % (referenced by %.%)', p_edit_uuid,
                v_column.referenced_table, v_column.value, p_table_name, v_column.column_name
                using errcode = 'CW137', hint = 'the referenced row does not exist at this point of the replay (raw '
                                                'files missing or replayed out of order)';
        end if;
        v_result := v_result || jsonb_build_object(v_column.column_name, v_id);
    end loop;
    return v_result;
end
$$;
comment on function ${schema}.ui_journal_import(text, jsonb, uuid) is
'Inverse of ui_journal_export for a replay: every value that is a referenced row''s journal key becomes that row''s '
'id in this client. CW137 when the referenced row does not exist (p_edit_uuid names the edit in the error).';

-- The Quality Mapper's statement: one insert ... select per endpoint of the client's ERP dialect, from the raw jsonb
-- records of one file into the endpoint's typed staging table (see R__0310_map_to_staging.sql for who runs it).

-- Before the fast variant the function had one argument: a second overload would make every call ambiguous.
drop function if exists ${schema}.staging_mapping_statement(text);

create or replace function ${schema}.staging_mapping_statement(p_endpoint text, p_fast boolean default false)
returns text
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_mapping     record;
    v_columns     text;
    v_header_from text;
    v_header_cols text;
    v_raw         text;
    v_plain       text;
    v_typed       text;
    v_missing     text;
    v_missing_ok  text;
    v_casts       text;
    v_casts_ok    text;
    v_source      text;
    v_records     text;
    v_join_from   text;
begin
    select endpoint_mappings.id, endpoint_mappings.endpoint, endpoint_mappings.staging_table,
           endpoint_mappings.lines_path
    into v_mapping
    from cw_global.erp_endpoint_mappings as endpoint_mappings
    inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
    where clients.schema_name = '${schema}' and endpoint_mappings.endpoint = p_endpoint;
    if not found then
        return null;
    end if;

    -- Three levels. src: the raw text of every mapped value (r_<col>), by ->> on the record or line object (a JSON
    -- null gives null, a nested object its JSON text); a document's header objects are unpacked once per document
    -- with jsonb_to_record (a large document is stored compressed, and every access would decompress it).
    -- v: in the fast variant, the plain cast of each value (p_<col>), which raises on text that is no value of the
    -- type at all. q: the typed value (t_<col>): the safe cast; in the fast variant the plain cast where a round trip
    -- proves it equal to the safe cast (the cast value prints as the raw text, a shape the safe cast reads the same
    -- way), else the safe cast. Both variants give the same rows; the fast one may raise instead.
    with fields as (
        select field_mappings.staging_column as col, field_mappings.is_line_field as is_line,
               field_mappings.source_path[1:cardinality(field_mappings.source_path) - 1] as parent_path,
               field_mappings.source_path[cardinality(field_mappings.source_path)] as json_key,
               field_mappings.data_type, field_mappings.value_format, field_mappings.is_required,
               field_mappings.default_value
        from cw_global.erp_field_mappings as field_mappings
        where field_mappings.erp_endpoint_mapping_id = v_mapping.id and not field_mappings.is_ignored
    ),

    header_objects as (
        select fields.parent_path,
               'g' || row_number() over (order by fields.parent_path) as alias,
               string_agg(distinct format('%I text', fields.json_key), ', ') as column_list
        from fields
        where v_mapping.lines_path is not null and not fields.is_line
        group by fields.parent_path
    ),

    placed as (
        select fields.*, header_objects.alias,
               case when v_mapping.lines_path is not null and not fields.is_line
                        then format('docs.%I', 'h_' || fields.col)
                    when cardinality(fields.parent_path) = 0
                        then format('%s ->> %L', case when fields.is_line then 'line.value' else 'rec.payload' end,
                                    fields.json_key)
                    else format('(%s #> %L) ->> %L', case when fields.is_line then 'line.value' else 'rec.payload' end,
                                fields.parent_path, fields.json_key)
               end as raw_ref,
               format('v.%I', 'r_' || fields.col) as r,
               format('v.%I', 'p_' || fields.col) as p,
               case fields.data_type
                   when 'numeric' then format('cw_global.try_numeric(v.%I, %L)', 'r_' || fields.col,
                                              fields.value_format)
                   when 'integer' then format('cw_global.try_integer(v.%I)', 'r_' || fields.col)
                   when 'boolean' then format('cw_global.try_boolean(v.%I)', 'r_' || fields.col)
                   when 'date' then format('cw_global.try_date(v.%I, %L)', 'r_' || fields.col,
                                           coalesce(fields.value_format, 'YYYY-MM-DD'))
                   when 'timestamptz' then format('cw_global.try_timestamptz(v.%I)', 'r_' || fields.col)
               end as safe_cast,
               -- The plain cast, and the proof that it equals the safe cast, for the common shapes: a number in
               -- PostgreSQL's own notation (what ->> gives for a JSON number) of up to 40 characters, NaN and
               -- Infinity excluded; an integer of up to 18 characters; a date written exactly as its format says.
               -- An empty string is cast to null (the safe cast decides about it), not refused.
               case when fields.data_type = 'numeric' and fields.value_format is null then 'nullif(%s, '''')::numeric'
                    when fields.data_type = 'integer' then 'nullif(%s, '''')::bigint'
                    when fields.data_type = 'date' and coalesce(fields.value_format, 'YYYY-MM-DD') = 'YYYY-MM-DD'
                        then 'nullif(%s, '''')::date'
                    when fields.data_type = 'date' and fields.value_format = 'DD.MM.YYYY'
                        then 'to_date(nullif(%s, ''''), ''DD.MM.YYYY'')'
               end as plain_cast,
               case when fields.data_type = 'numeric' and fields.value_format is null
                        then '%1$s::text = %2$s and length(%2$s) <= 40 and abs(%1$s) < 1e40'
                    when fields.data_type = 'integer' then '%1$s::text = %2$s and length(%2$s) <= 18'
                    when fields.data_type = 'date' and coalesce(fields.value_format, 'YYYY-MM-DD') = 'YYYY-MM-DD'
                        then 'length(%2$s) = 10 and %1$s::text = %2$s'
                    when fields.data_type = 'date' and fields.value_format = 'DD.MM.YYYY'
                        then 'length(%2$s) = 10 and to_char(%1$s, ''DD.MM.YYYY'') = %2$s'
               end as plain_proof
        from fields
        left join header_objects on not fields.is_line and header_objects.parent_path = fields.parent_path
    ),

    unpack as (
        select string_agg(format(
                   'cross join lateral jsonb_to_record(case when jsonb_typeof(%1$s) = %2$L '
                   'then %1$s else %3$L::jsonb end) as %4$s (%5$s)',
                   case when cardinality(header_objects.parent_path) = 0 then 'rec.payload'
                        else format('rec.payload #> %L', header_objects.parent_path) end,
                   'object', '{}', header_objects.alias, header_objects.column_list), ' '
                   order by header_objects.alias) as lateral_sql
        from header_objects
    )

    select string_agg(format('%I', placed.col), ', ' order by placed.col),
           (select unpack.lateral_sql from unpack),
           string_agg(format('%s.%I as %I', placed.alias, placed.json_key, 'h_' || placed.col), ', '
                      order by placed.col) filter (where v_mapping.lines_path is not null and not placed.is_line),
           string_agg(case when placed.default_value is null then format('%s as %I', placed.raw_ref, 'r_' || placed.col)
                           else format('coalesce(nullif(btrim(%s), %L), %L) as %I', placed.raw_ref, '',
                                       placed.default_value, 'r_' || placed.col) end, ', ' order by placed.col),
           string_agg(format(placed.plain_cast, format('src.%I', 'r_' || placed.col))
                      || format(' as %I', 'p_' || placed.col), ', '
                      order by placed.col) filter (where p_fast and placed.plain_cast is not null),
           string_agg(case when placed.data_type = 'text' then format('nullif(%s, %L)', placed.r, '')
                           when p_fast and placed.plain_cast is not null
                               then format('case when %s then %s else %s end',
                                           format(placed.plain_proof, placed.p, placed.r), placed.p,
                                           placed.safe_cast)
                           else placed.safe_cast
                      end || format(' as %I', 't_' || placed.col), ', ' order by placed.col),
           string_agg(format('case when nullif(trim(q.%I), %L) is null then %L end', 'r_' || placed.col, '',
                             placed.col), ', ' order by placed.col) filter (where placed.is_required),
           -- Most rows have every required value: one cheap test instead of building the array.
           string_agg(case when placed.data_type = 'text' then format('trim(q.%I) <> %L', 'r_' || placed.col, '')
                           else format('q.%I is not null', 't_' || placed.col) end, ' and ' order by placed.col)
           filter (where placed.is_required),
           string_agg(format('case when nullif(trim(q.%I), %L) is not null and q.%I is null then %L end',
                             'r_' || placed.col, '', 't_' || placed.col, placed.col), ', ' order by placed.col)
           filter (where placed.data_type <> 'text'),
           string_agg(format('(q.%I is not null or q.%I is null)', 't_' || placed.col, 'r_' || placed.col), ' and '
                      order by placed.col) filter (where placed.data_type <> 'text')
    into v_columns, v_header_from, v_header_cols, v_raw, v_plain, v_typed, v_missing, v_missing_ok, v_casts,
         v_casts_ok
    from placed;

    if v_columns is null then
        return null;
    end if;

    -- Records enriched with the same date's records of other endpoints (cw_global.erp_endpoint_joins): a JSON array
    -- of every match (document lines sent as their own file) or the last match (the customer row), added under the
    -- join's target key. One aggregate per join and date, hash-joined to the records.
    select string_agg(format(
               'left join (select btrim(joined.payload ->> %1$L) as join_key, %2$s as joined_value '
               'from %3$I.raw_records as joined inner join %3$I.raw_files as joined_files '
               'on joined_files.id = joined.file_id and joined_files.status = %4$L '
               'where joined.file_date = $1 and joined_files.file_date = $1 and joined_files.endpoint = %5$L '
               'group by 1) as %6$I on %6$I.join_key = btrim(base.payload #>> %7$L)',
               joins.joined_key,
               case when joins.is_many then 'jsonb_agg(joined.payload order by joined.file_id, joined.record_no)'
                    else '(array_agg(joined.payload order by joined.file_id desc, joined.record_no desc))[1]' end,
               '${staging_schema}', 'loaded', joins.joined_endpoint, 'j_' || joins.target_key,
               joins.record_key_path), ' ' order by joins.id),
           string_agg(format('%L, %I.joined_value', joins.target_key, 'j_' || joins.target_key), ', '
                      order by joins.id)
    into v_join_from, v_records
    from cw_global.erp_endpoint_joins as joins
    where joins.erp_endpoint_mapping_id = v_mapping.id;
    v_records := case when v_records is null then format('%I.raw_records', '${staging_schema}')
                      else format('(select base.file_id, base.file_date, base.record_no, '
                                  'base.payload || jsonb_strip_nulls(jsonb_build_object(%s)) as payload '
                                  'from %I.raw_records as base %s '
                                  'where base.file_date = $1 and base.file_id = $2)',
                                  v_records, '${staging_schema}', v_join_from) end;

    if v_mapping.lines_path is null then
        v_source := format(
            'select rec.file_id, rec.record_no, null::bigint as line_ordinal, %1$s '
            'from %2$s as rec '
            'where rec.file_date = $1 and rec.file_id = $2',
            v_raw, v_records);
    else
        v_source := format(
            'select docs.file_id, docs.record_no, line.line_ordinal, %1$s '
            'from (select rec.file_id, rec.record_no, %2$s rec.payload #> %3$L as lines '
            '      from %4$s as rec '
            '      %5$s '
            '      where rec.file_date = $1 and rec.file_id = $2 offset 0) as docs '
            'left join lateral jsonb_array_elements(case when jsonb_typeof(docs.lines) = %6$L '
            'then docs.lines else %7$L::jsonb end) with ordinality as line (value, line_ordinal) on true',
            v_raw, coalesce(v_header_cols || ',', ''), v_mapping.lines_path, v_records,
            coalesce(v_header_from, ''), 'array', '[]');
    end if;
    if v_mapping.lines_path is not null and v_columns !~ '(^|, )line_no(,|$)' then
        v_columns := v_columns || ', line_no';
        v_typed := v_typed || ', v.line_ordinal::integer as t_line_no';
    end if;

    return format(
        'insert into %1$I.%2$I (raw_file_id, record_no, %3$s, missing_fields, cast_errors) '
        'select q.file_id, q.record_no, %4$s, %5$s, %6$s '
        'from (select v.*, %7$s from (select src.*%8$s from (%9$s) as src offset 0) as v offset 0) as q',
        '${staging_schema}', v_mapping.staging_table, v_columns,
        'q.t_' || replace(v_columns, ', ', ', q.t_'),
        case when v_missing is null then '''{}''::text[]'
             else format('case when %s then %L::text[] else array_remove(array[%s]::text[], null) end',
                         v_missing_ok, '{}', v_missing) end,
        case when v_casts is null then '''{}''::text[]'
             else format('case when %s then %L::text[] else array_remove(array[%s]::text[], null) end',
                         v_casts_ok, '{}', v_casts) end,
        v_typed, coalesce(', ' || v_plain, ''), v_source);
end
$$;
comment on function ${schema}.staging_mapping_statement(text, boolean) is
'The Quality Mapper''s insert statement for one endpoint of the client''s ERP dialect, built from '
'cw_global.erp_endpoint_mappings and erp_field_mappings: maps the raw records of one file ($1 file_date, '
'$2 file_id) into the endpoint''s staging table with safe casts and the missing_fields / cast_errors arrays. Null when '
'the dialect does not map the endpoint. p_fast: the same rows, with plain casts where a round trip proves them equal '
'to the safe casts; it raises a data exception (SQLSTATE class 22) on a value that is no value of its type at all, '
'and the caller then runs the safe variant. Date casts assume DateStyle ISO.';

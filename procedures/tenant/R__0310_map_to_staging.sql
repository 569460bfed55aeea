-- The Quality Mapper: raw jsonb records of a run date into the typed staging tables, per the client's ERP dialect
-- mapping in cw_global (erp_endpoint_mappings, erp_field_mappings). A value that is present but cannot be cast lands
-- as null and is named in cast_errors; an absent required value is named in missing_fields. Nothing raises.
create or replace procedure ${schema}.map_to_staging(p_run_date date, inout p_rows bigint default null)
language plpgsql
security invoker
-- JIT off: its statements are many and short-lived; compiling them cost more than it saved (measured: the
-- gate took 9.9 s with JIT and 5.9 s without on 5,000 products x 30 locations).
set jit = off
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_mapping       record;
    v_columns       text;
    v_header_from   text;
    v_header_cols   text;
    v_line_from     text;
    v_raw           text;
    v_typed         text;
    v_missing       text;
    v_casts         text;
    v_source        text;
    v_rows          bigint;
begin
    p_rows := 0;
    truncate ${staging_schema}.staging_products, ${staging_schema}.staging_locations,
        ${staging_schema}.staging_suppliers, ${staging_schema}.staging_sales_orders,
        ${staging_schema}.staging_purchase_orders, ${staging_schema}.staging_receiving_orders,
        ${staging_schema}.staging_store_orders, ${staging_schema}.staging_transfer_orders,
        ${staging_schema}.staging_inventory_balances, ${staging_schema}.staging_prices;

    for v_mapping in
        select endpoint_mappings.id, endpoint_mappings.endpoint, endpoint_mappings.staging_table,
               endpoint_mappings.lines_path
        from cw_global.erp_endpoint_mappings as endpoint_mappings
        inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
        where clients.schema_name = '${schema}'
        order by endpoint_mappings.endpoint
    loop
        -- The JSON objects a mapping reads (the record, nested objects such as {Header}, the line) are each
        -- unpacked once with jsonb_to_record into text columns (g<n>."key"); every value is then cast once, and
        -- the quality arrays compare the raw text with the cast value. A document's header objects are unpacked
        -- once per document, not once per line: a large document is stored compressed out of line, and every
        -- access to it would decompress it again.
        with fields as (
            select field_mappings.staging_column as col, field_mappings.is_line_field as is_line,
                   field_mappings.source_path[1:cardinality(field_mappings.source_path) - 1] as parent_path,
                   field_mappings.source_path[cardinality(field_mappings.source_path)] as json_key,
                   field_mappings.data_type, field_mappings.value_format, field_mappings.is_required
            from cw_global.erp_field_mappings as field_mappings
            where field_mappings.erp_endpoint_mapping_id = v_mapping.id and not field_mappings.is_ignored
        ),

        objects as (
            select fields.is_line, fields.parent_path,
                   'g' || row_number() over (order by fields.is_line, fields.parent_path) as alias,
                   string_agg(distinct format('%I text', fields.json_key), ', ') as column_list
            from fields
            group by fields.is_line, fields.parent_path
        ),

        placed as (
            select fields.*, objects.alias,
                   case when fields.is_line or v_mapping.lines_path is null
                        then format('%s.%I', objects.alias, fields.json_key)
                        else format('src.%I', 'h_' || fields.col) end as raw_ref
            from fields
            inner join objects on objects.is_line = fields.is_line and objects.parent_path = fields.parent_path
        ),

        unpack as (
            select objects.is_line,
                   string_agg(format(
                       'cross join lateral jsonb_to_record(case when jsonb_typeof(%1$s #> %2$L) = %3$L '
                       'then %1$s #> %2$L else %4$L::jsonb end) as %5$s (%6$s)',
                       case when objects.is_line then 'src.line_value' else 'rec.payload' end, objects.parent_path,
                       'object', '{}', objects.alias, objects.column_list), ' ' order by objects.alias) as lateral_sql
            from objects
            group by objects.is_line
        )

        select string_agg(format('%I', placed.col), ', ' order by placed.col),
               (select unpack.lateral_sql from unpack where not unpack.is_line),
               (select unpack.lateral_sql from unpack where unpack.is_line),
               string_agg(format('%s.%I as %I', placed.alias, placed.json_key, 'h_' || placed.col), ', '
                          order by placed.col) filter (where not placed.is_line),
               string_agg(format('%s as %I', placed.raw_ref, 'r_' || placed.col), ', ' order by placed.col),
               string_agg(case placed.data_type
                              when 'text' then format('nullif(%s, %L)', placed.raw_ref, '')
                              when 'numeric' then format('cw_global.try_numeric(%s, %L)', placed.raw_ref,
                                                         placed.value_format)
                              when 'integer' then format('cw_global.try_integer(%s)', placed.raw_ref)
                              when 'boolean' then format('cw_global.try_boolean(%s)', placed.raw_ref)
                              when 'date' then format('cw_global.try_date(%s, %L)', placed.raw_ref,
                                                      coalesce(placed.value_format, 'YYYY-MM-DD'))
                              when 'timestamptz' then format('cw_global.try_timestamptz(%s)', placed.raw_ref)
                          end || format(' as %I', 't_' || placed.col), ', ' order by placed.col),
               coalesce(string_agg(format('case when nullif(trim(q.%I), %L) is null then %L end', 'r_' || placed.col,
                                          '', placed.col), ', ' order by placed.col)
                        filter (where placed.is_required), ''),
               coalesce(string_agg(format('case when nullif(trim(q.%I), %L) is not null and q.%I is null then %L end',
                                          'r_' || placed.col, '', 't_' || placed.col, placed.col), ', '
                                   order by placed.col)
                        filter (where placed.data_type <> 'text'), '')
        into v_columns, v_header_from, v_line_from, v_header_cols, v_raw, v_typed, v_missing, v_casts
        from placed;

        if v_columns is null then
            continue;
        end if;

        if v_mapping.lines_path is null then
            v_source := format(
                'select rec.file_id, rec.record_no, null::bigint as line_ordinal, %3$s, %4$s '
                'from %1$I.raw_records as rec '
                'inner join %1$I.raw_files as files on files.id = rec.file_id and files.status = %2$L '
                '%5$s '
                'where rec.file_date = $1 and rec.endpoint = $2',
                '${staging_schema}', 'loaded', v_raw, v_typed, coalesce(v_header_from, ''));
        else
            v_source := format(
                'select src.file_id, src.record_no, src.line_ordinal, %3$s, %4$s '
                'from (select docs.*, line.value as line_value, line.line_ordinal '
                '      from (select rec.file_id, rec.record_no, %5$s rec.payload #> %6$L as lines '
                '            from %1$I.raw_records as rec '
                '            inner join %1$I.raw_files as files on files.id = rec.file_id and files.status = %2$L '
                '            %7$s '
                '            where rec.file_date = $1 and rec.endpoint = $2 offset 0) as docs '
                '      left join lateral jsonb_array_elements(case when jsonb_typeof(docs.lines) = %8$L '
                '           then docs.lines else %9$L::jsonb end) with ordinality as line (value, line_ordinal) on true'
                '     ) as src '
                '%10$s',
                '${staging_schema}', 'loaded', v_raw, v_typed,
                coalesce(v_header_cols || ',', ''), v_mapping.lines_path, coalesce(v_header_from, ''), 'array', '[]',
                coalesce(v_line_from, ''));
        end if;
        if v_mapping.lines_path is not null and v_columns !~ '(^|, )line_no(,|$)' then
            v_columns := v_columns || ', line_no';
            v_source := replace(v_source, 'select src.file_id, src.record_no, src.line_ordinal, ',
                                'select src.file_id, src.record_no, src.line_ordinal, src.line_ordinal::integer as t_line_no, ');
        end if;

        execute format(
            'insert into %1$I.%2$I (raw_file_id, record_no, %3$s, missing_fields, cast_errors) '
            'select q.file_id, q.record_no, %4$s, array_remove(array[%5$s]::text[], null), '
            '       array_remove(array[%6$s]::text[], null) '
            'from (%7$s offset 0) as q',
            '${staging_schema}', v_mapping.staging_table, v_columns,
            'q.t_' || replace(v_columns, ', ', ', q.t_'),
            coalesce(nullif(v_missing, ''), 'null'), coalesce(nullif(v_casts, ''), 'null'), v_source)
        using p_run_date, v_mapping.endpoint;
        get diagnostics v_rows = row_count;
        p_rows := p_rows + v_rows;
    end loop;
    analyze ${staging_schema}.staging_products, ${staging_schema}.staging_locations,
        ${staging_schema}.staging_suppliers, ${staging_schema}.staging_sales_orders,
        ${staging_schema}.staging_purchase_orders, ${staging_schema}.staging_receiving_orders,
        ${staging_schema}.staging_store_orders, ${staging_schema}.staging_transfer_orders,
        ${staging_schema}.staging_inventory_balances, ${staging_schema}.staging_prices;
end
$$;
comment on procedure ${schema}.map_to_staging(date, bigint) is
'Quality Mapper: truncates the typed staging tables and fills them from the run date''s loaded raw records through '
'the client''s ERP dialect mapping; returns the number of staging rows in p_rows. Uncastable values become null and '
'are listed in cast_errors; absent required values are listed in missing_fields.';

create or replace procedure ${schema}.step_ingest(p_run_date date, p_scope jsonb)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_files   bigint;
    v_records bigint;
    v_failed  bigint;
begin
    select count(*) filter (where raw_files.status = 'loaded'),
           coalesce(sum(raw_files.record_count) filter (where raw_files.status = 'loaded'), 0),
           count(*) filter (where raw_files.status = 'failed')
    into v_files, v_records, v_failed
    from ${staging_schema}.raw_files
    where raw_files.file_date = p_run_date;
    call ${schema}.report_step(v_files, v_records, jsonb_build_object(
        'files_loaded', v_files, 'files_failed', v_failed, 'records', v_records,
        'note', case when v_files = 0 then 'no raw files loaded for this date: run cw load first' end));
end
$$;
comment on procedure ${schema}.step_ingest(date, jsonb) is
'Step 1 (ingest). The bytes are moved by the loader (cw load: S3 -> raw_records with COPY); in the pipeline this step '
'records what landed for the date: files loaded and failed, records. The quality gate judges it.';

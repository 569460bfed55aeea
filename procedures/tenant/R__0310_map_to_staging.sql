-- The Quality Mapper: raw jsonb records of a run date into the typed staging tables, per the client's ERP dialect
-- mapping in cw_global (erp_endpoint_mappings, erp_field_mappings). A value that is present but cannot be cast lands
-- as null and is named in cast_errors; an absent required value is named in missing_fields. Nothing raises.
create or replace procedure ${schema}.map_to_staging(p_run_date date, inout p_rows bigint default null)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_mapping      record;
    v_columns      text;
    v_header_raw   text;
    v_raw          text;
    v_typed        text;
    v_missing      text;
    v_casts        text;
    v_source       text;
    v_rows         bigint;
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
        -- Each JSON value is extracted once (raw), cast once (typed), and the quality arrays compare the two.
        -- A document's header fields are extracted once per document, not once per line: a large document is
        -- stored compressed out of line, and every access to it would decompress it again.
        with fields as (
            select field_mappings.staging_column as col, field_mappings.source_path, field_mappings.is_line_field,
                   field_mappings.data_type, field_mappings.value_format, field_mappings.is_required
            from cw_global.erp_field_mappings as field_mappings
            where field_mappings.erp_endpoint_mapping_id = v_mapping.id and not field_mappings.is_ignored
        )

        select string_agg(format('%I', fields.col), ', ' order by fields.col),
               string_agg(format('rec.payload #>> %L as %I', fields.source_path, fields.col), ', ' order by fields.col)
                   filter (where not fields.is_line_field),
               string_agg(case when fields.is_line_field or v_mapping.lines_path is null
                               then format('%s #>> %L', case when fields.is_line_field then 'src.line_value'
                                                             else 'src.payload' end, fields.source_path)
                               else format('src.%I', fields.col) end || format(' as %I', fields.col), ', '
                          order by fields.col),
               string_agg(case fields.data_type
                              when 'text' then format('nullif(raw.%I, %L)', fields.col, '')
                              when 'numeric' then format('cw_global.try_numeric(raw.%I, %L)', fields.col,
                                                         fields.value_format)
                              when 'integer' then format('cw_global.try_integer(raw.%I)', fields.col)
                              when 'boolean' then format('cw_global.try_boolean(raw.%I)', fields.col)
                              when 'date' then format('cw_global.try_date(raw.%I, %L)', fields.col,
                                                      coalesce(fields.value_format, 'YYYY-MM-DD'))
                              when 'timestamptz' then format('cw_global.try_timestamptz(raw.%I)', fields.col)
                          end || format(' as %I', fields.col), ', ' order by fields.col),
               coalesce(string_agg(format('case when nullif(trim(raw.%1$I), %2$L) is null then %3$L end', fields.col,
                                          '', fields.col), ', ' order by fields.col)
                        filter (where fields.is_required), ''),
               coalesce(string_agg(format('case when nullif(trim(raw.%1$I), %2$L) is not null and typed.%1$I is null '
                                          'then %3$L end', fields.col, '', fields.col), ', ' order by fields.col)
                        filter (where fields.data_type <> 'text'), '')
        into v_columns, v_header_raw, v_raw, v_typed, v_missing, v_casts
        from fields;

        if v_columns is null then
            continue;
        end if;

        if v_mapping.lines_path is null then
            v_source := format(
                'select rec.file_id, rec.record_no, rec.payload, null::bigint as line_ordinal '
                'from %1$I.raw_records as rec '
                'inner join %1$I.raw_files as files on files.id = rec.file_id and files.status = %2$L '
                'where rec.file_date = $1 and rec.endpoint = $2',
                '${staging_schema}', 'loaded');
        else
            v_source := format(
                'select docs.*, line.value as line_value, line.line_ordinal '
                'from (select rec.file_id, rec.record_no, %3$s%4$s rec.payload #> %5$L as lines '
                '      from %1$I.raw_records as rec '
                '      inner join %1$I.raw_files as files on files.id = rec.file_id and files.status = %2$L '
                '      where rec.file_date = $1 and rec.endpoint = $2 offset 0) as docs '
                'left join lateral jsonb_array_elements(case when jsonb_typeof(docs.lines) = %6$L then docs.lines '
                '     else %7$L::jsonb end) with ordinality as line (value, line_ordinal) on true',
                '${staging_schema}', 'loaded', coalesce(v_header_raw, ''),
                case when v_header_raw is null then '' else ',' end, v_mapping.lines_path, 'array', '[]');
            if v_columns !~ '(^|, )line_no(,|$)' then
                v_columns := v_columns || ', line_no';
                v_typed := v_typed || ', src_line_ordinal as line_no';
            end if;
        end if;

        execute format(
            'insert into %1$I.%2$I (raw_file_id, record_no, %3$s, missing_fields, cast_errors) '
            'select src.file_id, src.record_no, %9$s, array_remove(array[%4$s]::text[], null), '
            '       array_remove(array[%5$s]::text[], null) '
            'from (%6$s) as src '
            'cross join lateral (select %7$s offset 0) as raw '
            'cross join lateral (select %8$s offset 0) as typed',
            '${staging_schema}', v_mapping.staging_table, v_columns,
            coalesce(nullif(v_missing, ''), 'null'), coalesce(nullif(v_casts, ''), 'null'), v_source, v_raw,
            replace(v_typed, 'src_line_ordinal', 'src.line_ordinal::integer'),
            'typed.' || replace(v_columns, ', ', ', typed.'))
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

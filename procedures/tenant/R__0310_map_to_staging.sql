-- The Quality Mapper: raw jsonb records of a run date into the typed staging tables, per the client's ERP dialect
-- mapping in cw_global (erp_endpoint_mappings, erp_field_mappings). A value that is present but cannot be cast lands
-- as null and is named in cast_errors; an absent required value is named in missing_fields. Nothing raises.
create or replace procedure ${schema}.map_to_staging(p_run_date date, inout p_rows bigint default null)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_mapping  record;
    v_columns  text;
    v_values   text;
    v_casts    text;
    v_missing  text;
    v_rows     bigint;
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
        with fields as (
            select field_mappings.staging_column,
                   format('%s #>> %L', case when field_mappings.is_line_field then 'line.value' else 'rec.payload' end,
                          field_mappings.source_path) as source,
                   field_mappings.data_type, field_mappings.value_format, field_mappings.is_required
            from cw_global.erp_field_mappings as field_mappings
            where field_mappings.erp_endpoint_mapping_id = v_mapping.id and not field_mappings.is_ignored
        ),

        typed as (
            select fields.*,
                   case fields.data_type
                       when 'text' then format('nullif(%s, %L)', fields.source, '')
                       when 'numeric' then format('cw_global.try_numeric(%s, %L)', fields.source, fields.value_format)
                       when 'integer' then format('cw_global.try_integer(%s)', fields.source)
                       when 'boolean' then format('cw_global.try_boolean(%s)', fields.source)
                       when 'date' then format('cw_global.try_date(%s, %L)', fields.source,
                                               coalesce(fields.value_format, 'YYYY-MM-DD'))
                       when 'timestamptz' then format('cw_global.try_timestamptz(%s)', fields.source)
                   end as expression
            from fields
        )

        select string_agg(format('%I', typed.staging_column), ', ' order by typed.staging_column),
               string_agg(typed.expression, ', ' order by typed.staging_column),
               coalesce(string_agg(format('case when nullif(trim(%s), %L) is not null and %s is null then %L end', typed.source, '',
                                          typed.expression, typed.staging_column), ', ' order by typed.staging_column)
                        filter (where typed.data_type <> 'text'), ''),
               coalesce(string_agg(format('case when nullif(trim(%s), %L) is null then %L end', typed.source, '',
                                          typed.staging_column), ', ' order by typed.staging_column)
                        filter (where typed.is_required), '')
        into v_columns, v_values, v_casts, v_missing
        from typed;

        if v_columns is null then
            continue;
        end if;
        if v_mapping.lines_path is not null and v_columns !~ '(^|, )line_no(,|$)' then
            v_columns := v_columns || ', line_no';
            v_values := v_values || ', line.line_ordinal::integer';
        end if;

        execute format(
            'insert into %I.%I (raw_file_id, record_no, %s, missing_fields, cast_errors) '
            'select rec.file_id, rec.record_no, %s, array_remove(array[%s]::text[], null), '
            'array_remove(array[%s]::text[], null) '
            'from %I.raw_records as rec '
            'inner join %I.raw_files as files on files.id = rec.file_id and files.status = %L '
            '%s '
            'where rec.file_date = $1 and rec.endpoint = $2',
            '${staging_schema}', v_mapping.staging_table, v_columns, v_values,
            coalesce(nullif(v_missing, ''), 'null'), coalesce(nullif(v_casts, ''), 'null'),
            '${staging_schema}', '${staging_schema}', 'loaded',
            case when v_mapping.lines_path is null then ''
                 else format('left join lateral jsonb_array_elements(case when jsonb_typeof(rec.payload #> %L) '
                             '= %L then rec.payload #> %L else %L::jsonb end) with ordinality as line (value, '
                             'line_ordinal) on true', v_mapping.lines_path, 'array', v_mapping.lines_path, '[]')
            end)
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

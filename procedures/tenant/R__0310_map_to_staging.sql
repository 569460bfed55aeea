-- The Quality Mapper: raw jsonb records into the typed staging tables, per the client's ERP dialect mapping in
-- cw_global (erp_endpoint_mappings, erp_field_mappings), one raw file at a time. A value that is present but cannot
-- be cast lands as null and is named in cast_errors; an absent required value is named in missing_fields. Nothing
-- raises. staged_files records which files the staging tables hold: the loader maps each file while it lands the
-- next one (map_file_to_staging), and the quality gate (map_to_staging) maps only what is still missing.

create or replace function ${schema}.staging_mapping_statement(p_endpoint text)
returns text
language plpgsql
stable
security invoker
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
    v_missing_ok    text;
    v_casts         text;
    v_casts_ok      text;
    v_source        text;
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

    -- The JSON objects a mapping reads (the record, nested objects such as {Header}, the line) are each unpacked
    -- once with jsonb_to_record into text columns (g<n>."key"); every value is then cast once, and the quality
    -- arrays compare the raw text with the cast value. A document's header objects are unpacked once per document,
    -- not once per line: a large document is stored compressed out of line, and every access would decompress it.
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

    -- The record itself is read as it is (the loader lands only objects); nested objects through #>.
    unpack as (
        select objects.is_line,
               string_agg(format(
                   'cross join lateral jsonb_to_record(case when jsonb_typeof(%1$s) = %2$L '
                   'then %1$s else %3$L::jsonb end) as %4$s (%5$s)',
                   case when cardinality(objects.parent_path) = 0
                        then case when objects.is_line then 'src.line_value' else 'rec.payload' end
                        else format('%s #> %L', case when objects.is_line then 'src.line_value' else 'rec.payload' end,
                                    objects.parent_path) end,
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
    into v_columns, v_header_from, v_line_from, v_header_cols, v_raw, v_typed, v_missing, v_missing_ok, v_casts,
         v_casts_ok
    from placed;

    if v_columns is null then
        return null;
    end if;

    if v_mapping.lines_path is null then
        v_source := format(
            'select rec.file_id, rec.record_no, null::bigint as line_ordinal, %1$s, %2$s '
            'from %3$I.raw_records as rec '
            '%4$s '
            'where rec.file_date = $1 and rec.file_id = $2',
            v_raw, v_typed, '${staging_schema}', coalesce(v_header_from, ''));
    else
        v_source := format(
            'select src.file_id, src.record_no, src.line_ordinal, %1$s, %2$s '
            'from (select docs.*, line.value as line_value, line.line_ordinal '
            '      from (select rec.file_id, rec.record_no, %3$s rec.payload #> %4$L as lines '
            '            from %5$I.raw_records as rec '
            '            %6$s '
            '            where rec.file_date = $1 and rec.file_id = $2 offset 0) as docs '
            '      left join lateral jsonb_array_elements(case when jsonb_typeof(docs.lines) = %7$L '
            '           then docs.lines else %8$L::jsonb end) with ordinality as line (value, line_ordinal) on true'
            '     ) as src '
            '%9$s',
            v_raw, v_typed, coalesce(v_header_cols || ',', ''), v_mapping.lines_path, '${staging_schema}',
            coalesce(v_header_from, ''), 'array', '[]', coalesce(v_line_from, ''));
    end if;
    if v_mapping.lines_path is not null and v_columns !~ '(^|, )line_no(,|$)' then
        v_columns := v_columns || ', line_no';
        v_source := replace(v_source, 'select src.file_id, src.record_no, src.line_ordinal, ',
                            'select src.file_id, src.record_no, src.line_ordinal, '
                            'src.line_ordinal::integer as t_line_no, ');
    end if;

    return format(
        'insert into %1$I.%2$I (raw_file_id, record_no, %3$s, missing_fields, cast_errors) '
        'select q.file_id, q.record_no, %4$s, %5$s, %6$s '
        'from (%7$s offset 0) as q',
        '${staging_schema}', v_mapping.staging_table, v_columns,
        'q.t_' || replace(v_columns, ', ', ', q.t_'),
        case when v_missing is null then '''{}''::text[]'
             else format('case when %s then %L::text[] else array_remove(array[%s]::text[], null) end',
                         v_missing_ok, '{}', v_missing) end,
        case when v_casts is null then '''{}''::text[]'
             else format('case when %s then %L::text[] else array_remove(array[%s]::text[], null) end',
                         v_casts_ok, '{}', v_casts) end,
        v_source);
end
$$;
comment on function ${schema}.staging_mapping_statement(text) is
'The Quality Mapper''s insert statement for one endpoint of the client''s ERP dialect, built from '
'cw_global.erp_endpoint_mappings and erp_field_mappings: maps the raw records of one file ($1 file_date, '
'$2 file_id) into the endpoint''s staging table with safe casts and the missing_fields / cast_errors arrays. Null when '
'the dialect does not map the endpoint.';

create or replace function ${schema}.staging_mapping_version()
returns text
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select md5(concat_ws(
        '|',
        (select string_agg(concat_ws(',', endpoint_mappings.endpoint, endpoint_mappings.staging_table,
                                     endpoint_mappings.lines_path::text, field_mappings.staging_column,
                                     field_mappings.source_path::text, field_mappings.is_line_field,
                                     field_mappings.data_type, field_mappings.value_format, field_mappings.is_required,
                                     field_mappings.is_ignored), ';'
                           order by endpoint_mappings.endpoint, field_mappings.staging_column)
         from cw_global.erp_endpoint_mappings as endpoint_mappings
         inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
         left join cw_global.erp_field_mappings as field_mappings
             on field_mappings.erp_endpoint_mapping_id = endpoint_mappings.id
         where clients.schema_name = '${schema}'),
        (select string_agg(pg_proc.oid::regprocedure::text || ':' || md5(pg_proc.prosrc), ';'
                           order by pg_proc.oid::regprocedure::text)
         from pg_proc
         where (pg_proc.pronamespace = 'cw_global'::regnamespace
                and (pg_proc.proname like 'try\_%' or pg_proc.proname = 'safe_make_date'))
            or (pg_proc.pronamespace = '${schema}'::regnamespace and pg_proc.proname = 'staging_mapping_statement'))
    ))
$$;
comment on function ${schema}.staging_mapping_version() is
'Digest of what the typed staging rows depend on besides the raw records: the client''s dialect mapping and the '
'code of the mapper and the safe casts. Staged files of another version are mapped again.';

create or replace procedure ${schema}.truncate_staging()
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, pg_catalog, pg_temp
as $$
begin
    truncate ${staging_schema}.staging_products, ${staging_schema}.staging_locations,
        ${staging_schema}.staging_suppliers, ${staging_schema}.staging_sales_orders,
        ${staging_schema}.staging_purchase_orders, ${staging_schema}.staging_receiving_orders,
        ${staging_schema}.staging_store_orders, ${staging_schema}.staging_transfer_orders,
        ${staging_schema}.staging_inventory_balances, ${staging_schema}.staging_prices,
        ${staging_schema}.staged_files;
end
$$;
comment on procedure ${schema}.truncate_staging() is
'Empties the ten typed staging tables and staged_files together.';

create or replace procedure ${schema}.stage_raw_file(p_file_id bigint, p_version text, inout p_rows bigint)
language plpgsql
security invoker
-- JIT off: the mapping statements are short-lived; compiling them cost more than it saved. The analyze samples
-- 3,000 rows (statistics target 10): the gate's checks need row counts and rough distributions, and a full-size
-- sample cost as much as the mapping itself (0.55 s of a day's 1.2 s).
set jit = off
set default_statistics_target = 10
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_file      record;
    v_statement text;
    v_table     text;
begin
    select raw_files.id, raw_files.file_date, raw_files.endpoint into v_file
    from ${staging_schema}.raw_files
    where raw_files.id = p_file_id and raw_files.status = 'loaded';
    p_rows := 0;
    if not found then
        return;
    end if;
    v_statement := ${schema}.staging_mapping_statement(v_file.endpoint);
    if v_statement is not null then
        execute v_statement using v_file.file_date, v_file.id;
        get diagnostics p_rows = row_count;
        select endpoint_mappings.staging_table into v_table
        from cw_global.erp_endpoint_mappings as endpoint_mappings
        inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
        where clients.schema_name = '${schema}' and endpoint_mappings.endpoint = v_file.endpoint;
        execute format('analyze %I.%I', '${staging_schema}', v_table);
    end if;
    insert into ${staging_schema}.staged_files (raw_file_id, file_date, endpoint, mapping_version, row_count)
    values (v_file.id, v_file.file_date, v_file.endpoint, p_version, p_rows);
end
$$;
comment on procedure ${schema}.stage_raw_file(bigint, text, bigint) is
'Maps one loaded raw file into its typed staging table (staging_mapping_statement), analyzes the table and records '
'the file in staged_files with the given mapping version; returns the rows in p_rows. Callers hold the lock on '
'staged_files and have checked that the file is not staged yet.';

create or replace procedure ${schema}.map_to_staging(p_run_date date, inout p_rows bigint default null)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_version text := ${schema}.staging_mapping_version();
    v_file    record;
    v_rows    bigint;
begin
    lock table ${staging_schema}.staged_files in exclusive mode;
    -- Keep what is staged only when it is exactly a subset of this date's loaded files, mapped with this version.
    if not exists (select from ${staging_schema}.staged_files)
        or exists (
            select from ${staging_schema}.staged_files
            where staged_files.file_date <> p_run_date or staged_files.mapping_version <> v_version
                or not exists (select from ${staging_schema}.raw_files
                               where raw_files.id = staged_files.raw_file_id and raw_files.status = 'loaded')
        ) then
        call ${schema}.truncate_staging();
    end if;
    for v_file in
        select raw_files.id
        from ${staging_schema}.raw_files
        where raw_files.file_date = p_run_date and raw_files.status = 'loaded'
            and not exists (select from ${staging_schema}.staged_files where staged_files.raw_file_id = raw_files.id)
        order by raw_files.endpoint, raw_files.id
    loop
        call ${schema}.stage_raw_file(v_file.id, v_version, v_rows);
    end loop;
    select coalesce(sum(staged_files.row_count), 0) into p_rows from ${staging_schema}.staged_files;
end
$$;
comment on procedure ${schema}.map_to_staging(date, bigint) is
'Quality Mapper for the quality gate: makes the typed staging tables hold exactly the run date''s loaded raw files, '
'mapped through the client''s ERP dialect mapping (files the loader already staged with the current mapping version '
'are kept, the others mapped; staging of another date is truncated first). Returns the number of staging rows in '
'p_rows. Uncastable values become null and are listed in cast_errors; absent required values in missing_fields.';

create or replace procedure ${schema}.map_file_to_staging(p_file_id bigint, inout p_rows bigint default null)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_version     text := ${schema}.staging_mapping_version();
    v_file_date   date;
    v_staged_date date;
    v_staged_ok   boolean;
begin
    lock table ${staging_schema}.staged_files in exclusive mode;
    select raw_files.file_date into v_file_date
    from ${staging_schema}.raw_files
    where raw_files.id = p_file_id and raw_files.status = 'loaded';
    select staged_files.row_count into p_rows
    from ${staging_schema}.staged_files
    where staged_files.raw_file_id = p_file_id and staged_files.mapping_version = v_version;
    if v_file_date is null or p_rows is not null then
        return;
    end if;
    select min(staged_files.file_date), bool_and(staged_files.file_date = v_file_date
                                                 and staged_files.mapping_version = v_version)
    into v_staged_date, v_staged_ok
    from ${staging_schema}.staged_files;
    if v_staged_ok is distinct from true then
        -- Staging holds another batch (or one of another mapping version). Leave it alone while a pipeline run is
        -- in progress or the batch passed its gate and has not been loaded since; the gate maps this date itself.
        if exists (select from pg_locks
                   where pg_locks.locktype = 'advisory' and pg_locks.classid = 17239
                       and pg_locks.objid = ${client_number} and pg_locks.objsubid = 2 and pg_locks.granted)
            or (v_staged_date is null and exists (
                select from ${staging_schema}.staging_products
                union all select from ${staging_schema}.staging_inventory_balances
                union all select from ${staging_schema}.staging_sales_orders))
            or exists (
                select from ${schema}.data_quality_runs as gate_runs
                where gate_runs.run_date = v_staged_date and gate_runs.gate_passed
                    and not exists (
                        select from ${schema}.pipeline_step_runs as step_runs
                        inner join ${schema}.pipeline_runs as runs on runs.id = step_runs.pipeline_run_id
                        where runs.run_date = gate_runs.run_date and step_runs.step_name = 'load'
                            and step_runs.status = 'succeeded' and step_runs.finished_at >= gate_runs.completed_at
                    )
            ) then
            return;
        end if;
        call ${schema}.truncate_staging();
    end if;
    call ${schema}.stage_raw_file(p_file_id, v_version, p_rows);
end
$$;
comment on procedure ${schema}.map_file_to_staging(bigint, bigint) is
'Quality Mapper for the loader: maps one loaded raw file into the typed staging tables, so that the quality gate of '
'its date finds it mapped. Staging of another date is replaced, unless a pipeline run is in progress or that batch '
'passed its gate and has not been loaded since: then nothing happens and p_rows is null. Returns the file''s rows.';

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

-- The Quality Mapper: raw jsonb records into the typed staging tables, per the client's ERP dialect mapping in
-- cw_global (erp_endpoint_mappings, erp_field_mappings), one raw file at a time. A value that is present but cannot
-- be cast lands as null and is named in cast_errors; an absent required value is named in missing_fields. Nothing
-- raises. staged_files records which files the staging tables hold: the loader maps each file while it lands the
-- next one (map_file_to_staging), and the quality gate (map_to_staging) maps only what is still missing.

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
                                     field_mappings.is_ignored, field_mappings.default_value,
                                     endpoint_mappings.joined_into), ';'
                           order by endpoint_mappings.endpoint, field_mappings.staging_column)
         from cw_global.erp_endpoint_mappings as endpoint_mappings
         inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
         left join cw_global.erp_field_mappings as field_mappings
             on field_mappings.erp_endpoint_mapping_id = endpoint_mappings.id
         where clients.schema_name = '${schema}'),
        (select string_agg(concat_ws(',', endpoint_mappings.endpoint, joins.joined_endpoint,
                                     joins.record_key_path::text, joins.joined_key, joins.target_key, joins.is_many),
                           ';' order by joins.id)
         from cw_global.erp_endpoint_joins as joins
         inner join cw_global.erp_endpoint_mappings as endpoint_mappings
             on endpoint_mappings.id = joins.erp_endpoint_mapping_id
         inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
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
-- sample cost as much as the mapping itself (0.55 s of a day's 1.2 s). DateStyle ISO: the fast mapping variant proves
-- a date cast by printing the date (YYYY-MM-DD).
set jit = off
set default_statistics_target = 10
set datestyle = 'ISO, YMD'
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_file      record;
    v_statement text;
    v_table     text;
    v_driving   text;
begin
    select raw_files.id, raw_files.file_date, raw_files.endpoint into v_file
    from ${staging_schema}.raw_files
    where raw_files.id = p_file_id and raw_files.status = 'loaded';
    p_rows := 0;
    if not found then
        return;
    end if;
    v_statement := ${schema}.staging_mapping_statement(v_file.endpoint, true);
    if v_statement is not null then
        begin
            execute v_statement using v_file.file_date, v_file.id;
            get diagnostics p_rows = row_count;
        exception when data_exception then
            -- A value that is no value of its type at all (a word in a quantity, 30 February): the safe variant
            -- maps the file and names the value in cast_errors.
            execute ${schema}.staging_mapping_statement(v_file.endpoint, false) using v_file.file_date, v_file.id;
            get diagnostics p_rows = row_count;
        end;
        select endpoint_mappings.staging_table into v_table
        from cw_global.erp_endpoint_mappings as endpoint_mappings
        inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
        where clients.schema_name = '${schema}' and endpoint_mappings.endpoint = v_file.endpoint;
        execute format('analyze %I.%I', '${staging_schema}', v_table);
    end if;
    insert into ${staging_schema}.staged_files (raw_file_id, file_date, endpoint, mapping_version, row_count)
    values (v_file.id, v_file.file_date, v_file.endpoint, p_version, p_rows);
    -- A file joined into another endpoint's documents (erp_endpoint_joins) changes them: the staged files of that
    -- endpoint and date are unstaged, and mapped again (by the quality gate at the latest) with this file joined in.
    for v_table, v_driving in
        select distinct endpoint_mappings.staging_table, endpoint_mappings.endpoint
        from cw_global.erp_endpoint_joins as joins
        inner join cw_global.erp_endpoint_mappings as endpoint_mappings
            on endpoint_mappings.id = joins.erp_endpoint_mapping_id
        inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
        where clients.schema_name = '${schema}'
            and joins.joined_endpoint = (select raw_files.endpoint from ${staging_schema}.raw_files
                                         where raw_files.id = p_file_id)
    loop
        execute format('delete from %I.%I as staged using %I.staged_files '
                       'where staged.raw_file_id = staged_files.raw_file_id and staged_files.endpoint = $1 '
                       'and staged_files.file_date = $2',
                       '${staging_schema}', v_table, '${staging_schema}')
        using v_driving, v_file.file_date;
        delete from ${staging_schema}.staged_files
        where staged_files.endpoint = v_driving and staged_files.file_date = v_file.file_date;
    end loop;
end
$$;
comment on procedure ${schema}.stage_raw_file(bigint, text, bigint) is
'Maps one loaded raw file into its typed staging table (staging_mapping_statement: the fast variant, or the safe one '
'when the fast one meets a value that is no value of its type), analyzes the table and records '
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
    v_passes  integer := 0;
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
    -- Two passes at most: a joined file staged in the first unstages the documents it joins into (stage_raw_file),
    -- which the second maps again (a third would mean joins in a cycle, which the mapping does not have).
    while v_passes < 3 and exists (
        select from ${staging_schema}.raw_files
        where raw_files.file_date = p_run_date and raw_files.status = 'loaded'
            and not exists (select from ${staging_schema}.staged_files where staged_files.raw_file_id = raw_files.id)
    ) loop
        for v_file in
            select raw_files.id
            from ${staging_schema}.raw_files
            where raw_files.file_date = p_run_date and raw_files.status = 'loaded'
                and not exists (select from ${staging_schema}.staged_files
                                where staged_files.raw_file_id = raw_files.id)
            -- files joined into other endpoints first: staging one unstages the documents it joins into
            order by exists (select from cw_global.erp_endpoint_joins as joins
                             where joins.joined_endpoint = raw_files.endpoint) desc,
                     raw_files.endpoint, raw_files.id
        loop
            call ${schema}.stage_raw_file(v_file.id, v_version, v_rows);
        end loop;
        v_passes := v_passes + 1;
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

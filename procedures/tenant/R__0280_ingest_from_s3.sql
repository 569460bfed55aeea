-- Step 1's in-database path: the run date's raw files from S3 into the raw landing through aws_s3 (Amazon's extension
-- on RDS, the project's PL/Python one locally), so that the nightly pg_cron job alone runs the whole night. RDS cannot
-- list a bucket from SQL: the keys are built from the endpoints of the client's ERP dialect mapping. The registry rule
-- is the loader's (raw_file_begin / raw_file_finish / raw_file_fail).

create or replace procedure ${schema}.ingest_from_s3(p_run_date date, inout p_summary jsonb default null)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_settings jsonb := ${schema}.settings('ingest');
    v_bucket   text := v_settings ->> 's3_bucket';
    v_region   text := coalesce(nullif(v_settings ->> 's3_region', ''),
                                nullif(current_setting('aws_s3.region', true), ''), 'us-east-1');
    v_suffix   text := v_settings ->> 'file_suffix';
    -- Each line of the object becomes one row: CSV with a delimiter and a quote character that valid JSON never
    -- holds raw (control characters must be escaped in JSON strings), so COPY neither splits nor unquotes a line.
    v_options  text := format('(format csv, delimiter %L, quote %L, encoding %L)', chr(1), chr(2), 'UTF8');
    v_started  timestamptz := clock_timestamp();
    v_endpoint text;
    v_key      text;
    v_result   text;
    v_state    text;
    v_message  text;
    v_size     bigint;
    v_error    text;
    v_text     text;
    v_digest   text;
    v_nul      bigint;
    v_bad      record;
    v_begin    record;
    v_records  bigint;
    v_loaded   integer := 0;
    v_failed   integer := 0;
    v_skipped  integer := 0;
    v_conflict integer := 0;
    v_landed   bigint := 0;
    v_missing  text[] := '{}';
begin
    if exists (select from cw_global.erp_dialects
               inner join cw_global.clients on clients.erp_dialect_id = erp_dialects.id
               where clients.schema_name = '${schema}' and erp_dialects.file_format = 'csv') then
        raise exception 'the in-database ingest path reads JSON only; client ${client_code} sends CSV files (dialect %)',
            (select erp_dialects.code from cw_global.erp_dialects
             inner join cw_global.clients on clients.erp_dialect_id = erp_dialects.id
             where clients.schema_name = '${schema}')
            using errcode = 'CW300',
            hint = 'land the CSV files with cw ingest (the loader) and set the client''s ingest.path back to loader: '
                   || 'cw settings ${client_code} --set ingest.path=loader';
    end if;
    if to_regnamespace('aws_s3') is null then
        raise exception 'the in-database ingest path needs the aws_s3 extension, which is not installed'
            using errcode = 'CW143',
            hint = 'create extension aws_s3 cascade (RDS, or the local one: scripts/install-deps.sh and cw migrate), '
                   'or set the client''s ingest.path back to loader';
    end if;
    create temporary table if not exists cw_ingest_lines (
        line_no bigint generated always as identity,
        line text
    ) on commit drop;
    create temporary table if not exists cw_ingest_records (
        record_no bigint not null,
        payload jsonb not null
    ) on commit drop;

    for v_endpoint in
        select endpoint_mappings.endpoint
        from cw_global.erp_endpoint_mappings as endpoint_mappings
        inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
        where clients.schema_name = '${schema}'
        order by endpoint_mappings.endpoint
    loop
        v_key := format('raw-data/%s/%s/%s%s', '${client_code}', to_char(p_run_date, 'YYYY-MM-DD'), v_endpoint,
                        v_suffix);
        v_size := null;
        v_error := null;
        v_digest := null;
        v_nul := 0;
        truncate cw_ingest_lines restart identity;
        truncate cw_ingest_records;

        -- 1. The object's lines, through aws_s3 (gzip objects need Content-Encoding gzip, as on RDS).
        begin
            v_result := aws_s3.table_import_from_s3('pg_temp.cw_ingest_lines', 'line', v_options,
                                                    aws_commons.create_s3_uri(v_bucket, v_key, v_region));
            v_size := substring(v_result from ' of (\d+) bytes$')::bigint;
        exception when others then
            get stacked diagnostics v_state = returned_sqlstate, v_message = message_text;
            if v_message like 'HTTP 404%' then
                -- Not delivered: the quality gate's file_present check reports it.
                v_missing := v_missing || v_endpoint;
                continue;
            elsif v_message like '%HTTP 416.%' then
                v_size := 0;
                v_error := 'empty file (0 bytes): expected a JSON array or JSON Lines';
            elsif v_state like '22%' then
                v_error := 'not UTF-8 encoded JSON: ' || v_message;
            else
                -- S3 unreachable, access denied, a wrong region: nothing is registered, the step fails and the
                -- run resumes here next time.
                raise;
            end if;
        end;

        -- 2. Its records: the elements of a JSON array, or one per non-blank line of JSON Lines. jsonb cannot hold
        --    U+0000: such escapes land as U+FFFD and are counted, as the loader does.
        if v_error is null then
            begin
                select string_agg(coalesce(cw_ingest_lines.line, ''), e'\n' order by cw_ingest_lines.line_no)
                into v_text
                from cw_ingest_lines;
                if coalesce(btrim(v_text, e' \t\r\n'), '') = '' then
                    v_error := 'empty file: expected a JSON array or JSON Lines';
                else
                    if v_text ~ '(?<!\\)(\\\\)*\\u0000' then
                        v_text := regexp_replace(v_text, '(?<!\\)((?:\\\\)*)\\u0000', '\1\\udbff\\udfff', 'g');
                    end if;
                    if left(ltrim(v_text, e' \t\r\n'), 1) = '[' then
                        insert into cw_ingest_records (record_no, payload)
                        select elements.record_no, elements.payload
                        from jsonb_array_elements(v_text::jsonb) with ordinality as elements (payload, record_no);
                    else
                        insert into cw_ingest_records (record_no, payload)
                        select row_number() over (order by json_lines.line_no), json_lines.line::jsonb
                        from string_to_table(v_text, e'\n') with ordinality as json_lines (line, line_no)
                        where btrim(json_lines.line, e' \t\r') <> '';
                    end if;
                    select cw_ingest_records.record_no, jsonb_typeof(cw_ingest_records.payload) as json_type
                    into v_bad
                    from cw_ingest_records
                    where jsonb_typeof(cw_ingest_records.payload) <> 'object'
                    order by cw_ingest_records.record_no
                    limit 1;
                    if found then
                        v_error := format('record %s is a JSON %s, not an object', v_bad.record_no, v_bad.json_type);
                    else
                        update cw_ingest_records
                        set payload = replace(cw_ingest_records.payload::text, chr(1114111), chr(65533))::jsonb
                        where strpos(cw_ingest_records.payload::text, chr(1114111)) > 0;
                        get diagnostics v_nul = row_count;
                        select count(*),
                               coalesce(md5(string_agg(cw_ingest_records.payload::text, e'\n'
                                                       order by cw_ingest_records.record_no)), md5(''))
                        into v_records, v_digest
                        from cw_ingest_records;
                    end if;
                end if;
            exception when data_exception then
                get stacked diagnostics v_message = message_text;
                v_error := 'malformed JSON: ' || v_message;
            end;
        end if;

        -- 3. The registry rule, shared with the loader.
        select * into v_begin
        from ${schema}.raw_file_begin(v_key, v_endpoint, p_run_date, v_size, null,
                                      case when v_error is null then v_digest end, 'aws_s3');
        if v_begin.action = 'skip' then
            v_skipped := v_skipped + 1;
        elsif v_begin.action = 'conflict' then
            v_conflict := v_conflict + 1;
            raise warning 'CRITICAL: % differs from the object loaded under this key; raw data is immutable, the '
                          'loaded version is kept', v_key;
        elsif v_error is not null then
            perform ${schema}.raw_file_fail(v_begin.file_id, null, null, v_error);
            v_failed := v_failed + 1;
        else
            insert into ${staging_schema}.raw_records (file_id, file_date, endpoint, record_no, payload)
            select v_begin.file_id, p_run_date, v_endpoint, cw_ingest_records.record_no, cw_ingest_records.payload
            from cw_ingest_records
            order by cw_ingest_records.record_no;
            perform ${schema}.raw_file_finish(v_begin.file_id, null, v_records, v_nul, v_digest);
            v_loaded := v_loaded + 1;
            v_landed := v_landed + v_records;
        end if;
    end loop;
    truncate cw_ingest_lines, cw_ingest_records;

    p_summary := jsonb_build_object(
        'path', 'aws_s3', 'bucket', v_bucket, 'loaded', v_loaded, 'records', v_landed, 'failed', v_failed,
        'skipped', v_skipped, 'conflicts', v_conflict, 'not_delivered', to_jsonb(v_missing),
        'seconds', round(extract(epoch from clock_timestamp() - v_started)::numeric, 3));
end
$$;
comment on procedure ${schema}.ingest_from_s3(date, jsonb) is
'Step 1''s in-database path: imports raw-data/{client}/{date}/{endpoint}{ingest.file_suffix} for every endpoint of '
'the client''s dialect mapping through aws_s3.table_import_from_s3 (bucket ingest.s3_bucket, region '
'ingest.s3_region) into the raw landing, with the loader''s registry rule: once per object, a different object under '
'a loaded key is a conflict, a malformed object is registered as failed with the reason. A missing object is '
'reported as not delivered; an S3 or configuration error fails (nothing registered). Returns counts in p_summary.';

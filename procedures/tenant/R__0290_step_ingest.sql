-- Step 1 (ingest) in the pipeline. With the client's setting ingest.path = aws_s3 it imports the run date's raw files
-- from S3 itself (ingest_from_s3, through the aws_s3 extension), so that the nightly pg_cron job alone runs the night
-- on RDS; with loader (the default) the bytes are moved by cw ingest beforehand. Either way it reports what landed.

create or replace procedure ${schema}.step_ingest(p_run_date date, p_scope jsonb)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_path    text := ${schema}.settings('ingest') ->> 'path';
    v_import  jsonb;
    v_files   bigint;
    v_records bigint;
    v_failed  bigint;
begin
    if v_path = 'aws_s3' then
        call ${schema}.ingest_from_s3(p_run_date, v_import);
    end if;
    select count(*) filter (where raw_files.status = 'loaded'),
           coalesce(sum(raw_files.record_count) filter (where raw_files.status = 'loaded'), 0),
           count(*) filter (where raw_files.status = 'failed')
    into v_files, v_records, v_failed
    from ${staging_schema}.raw_files
    where raw_files.file_date = p_run_date;
    call ${schema}.report_step(v_files, v_records, jsonb_build_object(
        'files_loaded', v_files, 'files_failed', v_failed, 'records', v_records, 'path', v_path,
        'in_database', v_import,
        'note', case when v_files = 0 and v_path = 'loader' then 'no raw files loaded for this date: run cw ingest '
                                                                 'first, or set ingest.path to aws_s3' end));
end
$$;
comment on procedure ${schema}.step_ingest(date, jsonb) is
'Step 1 (ingest). ingest.path = loader (default): the bytes were moved by the loader (cw ingest: S3 -> raw_records '
'with COPY); aws_s3: imports the run date''s files itself (ingest_from_s3). Then records what landed for the date: '
'files loaded and failed, records. The quality gate judges it. CW144 on an invalid ingest setting.';

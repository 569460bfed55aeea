-- Step 1 (ingest) in the pipeline: what landed in the raw landing for the run date.

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
        'note', case when v_files = 0 then 'no raw files loaded for this date: run cw ingest first' end));
end
$$;
comment on procedure ${schema}.step_ingest(date, jsonb) is
'Step 1 (ingest). The bytes are moved by the loader (cw ingest: S3 -> raw_records with COPY); in the pipeline this '
'step records what landed for the date: files loaded and failed, records. The quality gate judges it.';

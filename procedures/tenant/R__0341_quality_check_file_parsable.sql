-- Quality check file_parsable: every delivered file parsed (truncated or malformed files, byte offset and reason).
create or replace function ${schema}.quality_check_file_parsable(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    return query
    select quality_endpoints.endpoint, 'file_parsable', null::text, count(failed.id) = 0, '0 failed files',
           count(failed.id)::text, count(failed.id),
           string_agg(format('%s failed at byte %s: %s', failed.object_key, coalesce(failed.error_offset::text, '?'),
                             failed.error), '; '),
           jsonb_agg(jsonb_build_object('file', failed.object_key, 'byte_offset', failed.error_offset,
                                        'error', failed.error)) filter (where failed.id is not null)
    from ${schema}.quality_endpoints('file_parsable') as quality_endpoints
    left join ${staging_schema}.raw_files as failed
        on failed.endpoint = quality_endpoints.endpoint and failed.file_date = p_run_date and failed.status = 'failed'
    group by quality_endpoints.endpoint;
end
$$;
comment on function ${schema}.quality_check_file_parsable(date) is
'Gate check file_parsable: per endpoint, the files of the date the loader registered as failed.';

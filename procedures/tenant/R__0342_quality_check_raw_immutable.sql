-- Quality check raw_immutable: no object was re-delivered with other content under a loaded key.
create or replace function ${schema}.quality_check_raw_immutable(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    return query
    select quality_endpoints.endpoint, 'raw_immutable', null::text, count(conflicts.id) = 0,
           '0 conflicting re-deliveries', count(conflicts.id)::text, count(conflicts.id),
           string_agg(distinct format('%s re-delivered with ETag %s (loaded: %s)', conflicts.object_key,
                                      conflicts.offered_etag, conflicts.loaded_etag), '; '),
           null::jsonb
    from ${schema}.quality_endpoints('raw_immutable') as quality_endpoints
    left join ${staging_schema}.raw_files as files
        on files.endpoint = quality_endpoints.endpoint and files.file_date = p_run_date
    left join ${staging_schema}.raw_load_conflicts as conflicts on conflicts.object_key = files.object_key
    group by quality_endpoints.endpoint;
end
$$;
comment on function ${schema}.quality_check_raw_immutable(date) is
'Gate check raw_immutable: per endpoint, refused re-deliveries of a loaded object key (raw_load_conflicts).';

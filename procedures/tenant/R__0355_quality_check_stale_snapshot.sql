-- Quality check stale_snapshot: a daily snapshot byte-identical to the previous day's.
create or replace function ${schema}.quality_check_stale_snapshot(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_stale_endpoints text [] := array(
        select jsonb_array_elements_text(${schema}.settings('quality') -> 'stale_endpoints'));
begin
    return query
    select today.endpoint, 'stale_snapshot'::text, null::text, count(previous.id) = 0,
           'differs from ' || (p_run_date - 1), case when count(previous.id) = 0 then 'differs' else 'identical' end,
           count(previous.id),
           string_agg(format('%s is byte-identical to %s', today.object_key, previous.object_key), '; '), null::jsonb
    from ${staging_schema}.raw_files as today
    inner join ${schema}.quality_endpoints('stale_snapshot') as quality_endpoints
        on quality_endpoints.endpoint = today.endpoint
    left join ${staging_schema}.raw_files as previous
        on previous.endpoint = today.endpoint and previous.file_date = p_run_date - 1 and previous.status = 'loaded'
            -- the in-database ingest path keeps no SHA-256 of the bytes: the digest of the records instead
            and (previous.sha256 = today.sha256 or previous.content_digest = today.content_digest)
    where today.file_date = p_run_date and today.status = 'loaded' and today.endpoint = any(v_stale_endpoints)
    group by today.endpoint;
end
$$;
comment on function ${schema}.quality_check_stale_snapshot(date) is
'Gate check stale_snapshot: per endpoint of the stale_endpoints setting, a loaded file of the date with the same '
'SHA-256 as a loaded file of the day before.';

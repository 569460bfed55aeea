-- Quality check unknown_endpoint: a delivered file whose endpoint the client's mapping does not know.
create or replace function ${schema}.quality_check_unknown_endpoint(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    return query
    select files.endpoint, 'unknown_endpoint', null::text, false, 'a mapped endpoint', files.endpoint, count(*),
           format('%s is not an endpoint of this client''s ERP mapping', string_agg(files.object_key, ', ')),
           jsonb_agg(jsonb_build_object('file', files.object_key))
    from ${staging_schema}.raw_files as files
    where files.file_date = p_run_date
        and not exists (
            select from cw_global.erp_endpoint_mappings as endpoint_mappings
            inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
            where clients.schema_name = '${schema}' and endpoint_mappings.endpoint = files.endpoint
        )
    group by files.endpoint;
end
$$;
comment on function ${schema}.quality_check_unknown_endpoint(date) is
'Gate check unknown_endpoint: one failed row per delivered endpoint the dialect does not map; no rows otherwise.';

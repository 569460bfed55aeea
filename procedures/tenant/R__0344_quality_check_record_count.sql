-- Quality check record_count: a full-snapshot endpoint's staged file is not empty.
create or replace function ${schema}.quality_check_record_count(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_endpoint record;
begin
    for v_endpoint in
        select * from ${schema}.quality_endpoints('record_count') as quality_endpoints
        where quality_endpoints.is_full_snapshot
    loop
        return query execute format($sql$
            select %3$L::text, 'record_count'::text, null::text, count(*) > 0, '> 0 records', count(*)::text,
                   (count(*) = 0)::int::bigint, case when count(*) = 0 then 'the snapshot is empty' end, null::jsonb
            from %1$I.%2$I
            $sql$, '${staging_schema}', v_endpoint.staging_table, v_endpoint.endpoint);
    end loop;
end
$$;
comment on function ${schema}.quality_check_record_count(date) is
'Gate check record_count: each full-snapshot endpoint (cw_global.erp_endpoint_mappings.is_full_snapshot) holds at '
'least one staged record.';

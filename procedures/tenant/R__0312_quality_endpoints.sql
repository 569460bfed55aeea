-- The endpoints a quality check looks at: the client's dialect's endpoints, narrowed to the check's catalog entry,
-- without the endpoints the client has declared it does not send.
create or replace function ${schema}.quality_endpoints(p_check_name text)
returns table (endpoint text, staging_table text, is_full_snapshot boolean, follows_trading_calendar boolean)
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select endpoint_mappings.endpoint, endpoint_mappings.staging_table, endpoint_mappings.is_full_snapshot,
           endpoint_mappings.follows_trading_calendar
    from cw_global.erp_endpoint_mappings as endpoint_mappings
    inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
    left join cw_global.quality_check_definitions as definitions on definitions.check_name = p_check_name
    where clients.schema_name = '${schema}'
        and (definitions.endpoints is null or endpoint_mappings.endpoint = any(definitions.endpoints))
        and endpoint_mappings.endpoint <> all(${schema}.endpoints_not_delivered())
        -- an endpoint joined into another one has no staging rows of its own: staging checks judge it through that one
        and (endpoint_mappings.joined_into is null or definitions.reads_staging_rows is false)
    order by endpoint_mappings.endpoint
$$;
comment on function ${schema}.quality_endpoints(text) is
'Endpoints the given quality check runs on: those of the client''s ERP dialect, limited to the check''s '
'cw_global.quality_check_definitions.endpoints (null: all), without the endpoints the client does not send '
'(setting endpoints.not_delivered) and, for checks that read staging rows, without endpoints joined into another '
'endpoint''s documents (erp_endpoint_mappings.joined_into). With the staging table and the snapshot and calendar '
'flags.';

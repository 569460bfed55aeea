-- "This client does not send X": the endpoints a client has declared it never delivers.
create or replace function ${schema}.endpoints_not_delivered()
returns text []
language plpgsql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_value    text [] := array(select jsonb_array_elements_text(${schema}.settings('endpoints') -> 'not_delivered'));
    v_unknown  text;
begin
    select string_agg(element, ', ' order by element) into v_unknown
    from unnest(v_value) as element
    where not exists (
        select from cw_global.erp_endpoint_mappings as endpoint_mappings
        inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
        where clients.schema_name = '${schema}' and endpoint_mappings.endpoint = element
    );
    if v_unknown is not null then
        raise exception 'setting endpoints.not_delivered of client ${client_code} names unknown endpoint(s) %',
            v_unknown
            using errcode = 'CW091',
                  hint = 'endpoints of this client''s dialect: ' || (
                      select string_agg(endpoint_mappings.endpoint, ', ' order by endpoint_mappings.endpoint)
                      from cw_global.erp_endpoint_mappings as endpoint_mappings
                      inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
                      where clients.schema_name = '${schema}');
    end if;
    return v_value;
end
$$;
comment on function ${schema}.endpoints_not_delivered() is
'The endpoints this client has declared it does not send (setting endpoints.not_delivered, default none): the gate '
'neither expects nor checks them and the steps that need them degrade (docs/quality.md). Raises CW091 for a name '
'that is not an endpoint of the client''s dialect (the settings catalog raises it for a malformed value).';

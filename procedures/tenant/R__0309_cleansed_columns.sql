-- The staging columns of an endpoint that a load rule of the client's dialect cleanses (erp_field_mappings.
-- cleansing_rule): the gate's value checks leave them to the rule, and the check cleansing reports what it does.
create or replace function ${schema}.cleansed_columns(p_endpoint text)
returns text []
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select coalesce(array_agg(field_mappings.staging_column order by field_mappings.staging_column), '{}')
    from cw_global.erp_field_mappings as field_mappings
    inner join cw_global.erp_endpoint_mappings as endpoint_mappings
        on endpoint_mappings.id = field_mappings.erp_endpoint_mapping_id
    inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
    where clients.schema_name = '${schema}' and endpoint_mappings.endpoint = p_endpoint
        and field_mappings.cleansing_rule is not null and not field_mappings.is_ignored
$$;
comment on function ${schema}.cleansed_columns(text) is
'Staging columns of the endpoint whose invalid values a load rule of the client''s dialect fixes or removes '
'(cw_global.erp_field_mappings.cleansing_rule); the gate checks type_casts, negative_values and absurd_values skip '
'them. Empty for the catwing and navision dialects.';

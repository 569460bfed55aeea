-- Quality check unexpected_fields: fields the mapping does not know, at every object level it reads (schema drift).
create or replace function ${schema}.quality_check_unexpected_fields(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    return query
    with mapped_paths as (
        select endpoint_mappings.endpoint, field_mappings.is_line_field, field_mappings.source_path as path
        from cw_global.erp_field_mappings as field_mappings
        inner join cw_global.erp_endpoint_mappings as endpoint_mappings
            on endpoint_mappings.id = field_mappings.erp_endpoint_mapping_id
        inner join ${schema}.quality_endpoints('unexpected_fields') as quality_endpoints
            on quality_endpoints.endpoint = endpoint_mappings.endpoint
        inner join cw_global.clients
            on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id and clients.schema_name = '${schema}'
        union all
        select endpoint_mappings.endpoint, false, endpoint_mappings.lines_path
        from cw_global.erp_endpoint_mappings as endpoint_mappings
        inner join ${schema}.quality_endpoints('unexpected_fields') as quality_endpoints
            on quality_endpoints.endpoint = endpoint_mappings.endpoint
        inner join cw_global.clients
            on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id and clients.schema_name = '${schema}'
        where endpoint_mappings.lines_path is not null
    ),

    -- Every prefix of a mapped path is a known key at its parent level ({customer,name} makes "customer" known).
    known as (
        select distinct mapped_paths.endpoint, mapped_paths.is_line_field,
               mapped_paths.path[1:depth - 1] as parent_path, mapped_paths.path[depth] as key_name
        from mapped_paths
        cross join lateral generate_series(1, cardinality(mapped_paths.path)) as depth
    ),

    parents as (
        select distinct known.endpoint, known.is_line_field, known.parent_path from known
    ),

    lines_paths as (
        select endpoint_mappings.endpoint, endpoint_mappings.lines_path
        from cw_global.erp_endpoint_mappings as endpoint_mappings
        inner join ${schema}.quality_endpoints('unexpected_fields') as quality_endpoints
            on quality_endpoints.endpoint = endpoint_mappings.endpoint
        inner join cw_global.clients
            on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id and clients.schema_name = '${schema}'
    ),

    objects as (
        select rec.endpoint, rec.file_id, rec.record_no, parents.is_line_field, parents.parent_path,
               case when parents.is_line_field then line.value #> parents.parent_path
                    else rec.payload #> parents.parent_path end as object
        from ${staging_schema}.raw_records as rec
        inner join parents on parents.endpoint = rec.endpoint
        inner join lines_paths on lines_paths.endpoint = rec.endpoint
        left join lateral jsonb_array_elements(
            case when parents.is_line_field and jsonb_typeof(rec.payload #> lines_paths.lines_path) = 'array'
                     then rec.payload #> lines_paths.lines_path end
        ) as line (value) on parents.is_line_field
        where rec.file_date = p_run_date
    ),

    unknown as (
        select objects.endpoint, objects.file_id, objects.record_no,
               array_to_string(objects.parent_path || object_keys.key_name, '.') as key_path
        from objects
        cross join lateral jsonb_object_keys(
            case when jsonb_typeof(objects.object) = 'object' then objects.object else '{}' end
        ) as object_keys (key_name)
        where not exists (
            select from known
            where known.endpoint = objects.endpoint and known.is_line_field = objects.is_line_field
                and known.parent_path = objects.parent_path and known.key_name = object_keys.key_name
        )
    )

    select quality_endpoints.endpoint, 'unexpected_fields', null::text, count(unknown.key_path) = 0,
           'only mapped fields', count(distinct (unknown.file_id, unknown.record_no))
                                     filter (where unknown.key_path is not null)::text || ' record(s)',
           count(distinct (unknown.file_id, unknown.record_no)) filter (where unknown.key_path is not null),
           'unknown fields: ' || string_agg(distinct unknown.key_path, ', '),
           (jsonb_agg(distinct jsonb_build_object('field', unknown.key_path))
                filter (where unknown.key_path is not null))
    from ${schema}.quality_endpoints('unexpected_fields') as quality_endpoints
    left join unknown on unknown.endpoint = quality_endpoints.endpoint
    group by quality_endpoints.endpoint;
end
$$;
comment on function ${schema}.quality_check_unexpected_fields(date) is
'Gate check unexpected_fields: per endpoint, raw records of the date carrying keys that no field mapping (nor a '
'prefix of one) names, at the record and at the line level.';

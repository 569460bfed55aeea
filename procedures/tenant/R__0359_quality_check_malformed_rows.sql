-- Quality check malformed_rows: CSV rows the loader isolated (raw_record_rejects) while the rest of the file loaded.
create or replace function ${schema}.quality_check_malformed_rows(p_run_date date)
returns setof cw_global.quality_check_result
language sql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
    with endpoints as (
        select quality_endpoints.endpoint
        from ${schema}.quality_endpoints('malformed_rows') as quality_endpoints
        where (select erp_dialects.file_format
               from cw_global.erp_dialects
               inner join cw_global.clients on clients.erp_dialect_id = erp_dialects.id
               where clients.schema_name = '${schema}') = 'csv'
    ),

    rejected as (
        select raw_files.endpoint, raw_files.object_key, rejects.line_no, rejects.reason, rejects.raw_text
        from ${staging_schema}.raw_record_rejects as rejects
        inner join ${staging_schema}.raw_files on raw_files.id = rejects.file_id
        where rejects.file_date = p_run_date and raw_files.file_date = p_run_date and raw_files.status = 'loaded'
    )

    select endpoints.endpoint, 'malformed_rows'::text, null::text,
           count(rejected.line_no) = 0, '0 rejected rows', count(rejected.line_no)::text || ' row(s)',
           count(rejected.line_no),
           case when count(rejected.line_no) > 0
               then format('%s row(s) not loaded, first: line %s: %s', count(rejected.line_no),
                           min(rejected.line_no), (array_agg(rejected.reason order by rejected.line_no))[1]) end,
           (select jsonb_agg(sample) from (
                select jsonb_build_object('file', samples.object_key, 'line', samples.line_no, 'reason',
                                          samples.reason, 'text', left(samples.raw_text, 200)) as sample
                from rejected as samples
                where samples.endpoint = endpoints.endpoint
                order by samples.line_no limit 5
            ) as sample_rows)
    from endpoints
    left join rejected on rejected.endpoint = endpoints.endpoint
    group by endpoints.endpoint
    order by endpoints.endpoint
$$;
comment on function ${schema}.quality_check_malformed_rows(date) is
'Gate check malformed_rows (clients of a CSV dialect only): per endpoint, the rows of the date''s loaded CSV files '
'that the loader could not read (raw_record_rejects: unbalanced quote, wrong column count, not UTF-8), with line '
'numbers and reasons. A warning: the file''s other rows loaded.';

-- Quality check required_fields: every staged record carries the mapping's required fields.
create or replace function ${schema}.quality_check_required_fields(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_endpoint record;
begin
    for v_endpoint in select * from ${schema}.quality_endpoints('required_fields') loop
        return query execute format($sql$
            with staged as (select * from %1$I.%2$I),

            missing as (
                select field, count(*) as n from staged cross join unnest(staged.missing_fields) as field group by field
            )

            select %3$L::text, 'required_fields'::text, null::text,
                   count(*) filter (where cardinality(missing_fields) > 0) = 0,
                   '0 records with missing required fields',
                   (count(*) filter (where cardinality(missing_fields) > 0))::text,
                   count(*) filter (where cardinality(missing_fields) > 0),
                   (select 'missing: ' || string_agg(format('%%s in %%s record(s)', field, n), ', ' order by field)
                    from missing),
                   (select jsonb_agg(sample) from (
                        select jsonb_build_object('file', raw_file_id, 'record', record_no, 'missing', missing_fields)
                               as sample
                        from staged where cardinality(missing_fields) > 0 order by raw_file_id, record_no limit 5
                    ) as samples)
            from staged
            $sql$, '${staging_schema}', v_endpoint.staging_table, v_endpoint.endpoint);
    end loop;
end
$$;
comment on function ${schema}.quality_check_required_fields(date) is
'Gate check required_fields: per endpoint, staged records whose missing_fields is not empty (absent or blank '
'required values; a renamed field is missing everywhere).';

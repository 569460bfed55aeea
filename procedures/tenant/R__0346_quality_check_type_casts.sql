-- Quality check type_casts: values are numbers, dates or booleans where the mapping says so.
create or replace function ${schema}.quality_check_type_casts(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_endpoint record;
begin
    for v_endpoint in select * from ${schema}.quality_endpoints('type_casts') loop
        return query execute format($sql$
            with staged as (
                select source.raw_file_id, source.record_no,
                       array(select field from unnest(source.cast_errors) as field
                             where field <> all(%4$L::text[])) as cast_errors
                from %1$I.%2$I as source
            ),

            uncastable as (
                select field, count(*) as n from staged cross join unnest(staged.cast_errors) as field group by field
            )

            select %3$L::text, 'type_casts'::text, null::text, count(*) filter (where cardinality(cast_errors) > 0) = 0,
                   '0 uncastable values', (count(*) filter (where cardinality(cast_errors) > 0))::text,
                   count(*) filter (where cardinality(cast_errors) > 0),
                   (select 'not castable: ' || string_agg(format('%%s in %%s record(s)', field, n), ', '
                                                           order by field)
                    from uncastable),
                   (select jsonb_agg(sample) from (
                        select jsonb_build_object('file', raw_file_id, 'record', record_no, 'fields', cast_errors)
                               as sample
                        from staged where cardinality(cast_errors) > 0 order by raw_file_id, record_no limit 5
                    ) as samples)
            from staged
            $sql$, '${staging_schema}', v_endpoint.staging_table, v_endpoint.endpoint,
            ${schema}.cleansed_columns(v_endpoint.endpoint));
    end loop;
end
$$;
comment on function ${schema}.quality_check_type_casts(date) is
'Gate check type_casts: per endpoint, staged records with values the safe casts could not convert (cast_errors), '
'except in columns a load rule of the dialect cleanses (cleansed_columns).';

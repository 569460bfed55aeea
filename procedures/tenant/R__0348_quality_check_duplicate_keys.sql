-- Quality check duplicate_keys: a business key repeated in a file.
create or replace function ${schema}.quality_check_duplicate_keys(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_rule         record;
begin
    for v_rule in
        select quality_rules.*, quality_endpoints.staging_table,
               (select ref_endpoints.staging_table from ${schema}.quality_endpoints('duplicate_keys') as ref_endpoints
                where ref_endpoints.endpoint = quality_rules.ref_endpoint) as ref_table
        from cw_global.quality_rules
        inner join ${schema}.quality_endpoints('duplicate_keys') as quality_endpoints
            on quality_endpoints.endpoint = quality_rules.endpoint
        where quality_rules.rule_type in ('key')
        order by quality_rules.id
    loop
        return query execute format($sql$
            with keyed as (
                select raw_file_id, record_no, %3$s as business_key,
                       count(*) over (partition by %3$s) as occurrences
                from %1$I.%2$I
            )
            select %4$L, 'duplicate_keys', null, count(*) filter (where occurrences > 1) = 0, 'unique keys',
                   (count(*) filter (where occurrences > 1))::text || ' record(s)',
                   count(*) filter (where occurrences > 1),
                   format('%%s records share %%s key(s) (%%s)', count(*) filter (where occurrences > 1),
                          count(distinct business_key) filter (where occurrences > 1), %5$L),
                   (select jsonb_agg(sample) from (
                        select jsonb_build_object('file', raw_file_id, 'record', record_no, 'key', business_key)
                               as sample
                        from keyed where occurrences > 1 order by business_key, record_no limit 5
                    ) as samples)
            from keyed
            $sql$, '${staging_schema}', v_rule.staging_table,
            (select string_agg(format('%I::text', column_name), ' || ''/'' || ')
             from unnest(v_rule.columns) as column_name),
            v_rule.endpoint, array_to_string(v_rule.columns, ', '));
    end loop;
end
$$;
comment on function ${schema}.quality_check_duplicate_keys(date) is
'Gate check duplicate_keys: per key rule of cw_global.quality_rules, staged records sharing a business key (load '
'keeps the last occurrence).';

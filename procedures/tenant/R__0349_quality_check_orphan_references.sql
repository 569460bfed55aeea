-- Quality check orphan_references: ids missing from the same day's master data.
create or replace function ${schema}.quality_check_orphan_references(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_rule         record;
    v_orphan_pct   numeric := (${schema}.settings('quality') ->> 'orphan_critical_pct')::numeric;
begin
    for v_rule in
        select quality_rules.*, quality_endpoints.staging_table,
               (select ref_endpoints.staging_table
                from ${schema}.quality_endpoints('orphan_references') as ref_endpoints
                where ref_endpoints.endpoint = quality_rules.ref_endpoint) as ref_table
        from cw_global.quality_rules
        inner join ${schema}.quality_endpoints('orphan_references') as quality_endpoints
            on quality_endpoints.endpoint = quality_rules.endpoint
        where quality_rules.rule_type in ('reference')
            and quality_rules.ref_endpoint in (select endpoint from ${schema}.quality_endpoints('orphan_references'))
        order by quality_rules.id
    loop
        return query execute format($sql$
            with checked as (
                select raw_file_id, record_no, %3$I as reference,
                       not exists (select from %1$I.%4$I as target where target.%5$I = source.%3$I) as is_orphan
                from %1$I.%2$I as source
                where %3$I is not null
            )
            select %6$L, 'orphan_references:' || %3$L,
                   case when 100.0 * count(*) filter (where is_orphan) / greatest(count(*), 1) > %7$s
                        then 'critical' end,
                   count(*) filter (where is_orphan) = 0, %3$L || ' found in ' || %8$L,
                   (count(*) filter (where is_orphan))::text || ' of ' || count(*),
                   count(*) filter (where is_orphan),
                   format('%%s record(s) reference %%s %%s missing from %%s (%%s%%%%)',
                           count(*) filter (where is_orphan),
                          count(distinct reference) filter (where is_orphan), %3$L, %8$L,
                          round(100.0 * count(*) filter (where is_orphan) / greatest(count(*), 1), 2)),
                   (select jsonb_agg(sample) from (
                        select jsonb_build_object('file', raw_file_id, 'record', record_no, %3$L, reference)
                               as sample
                        from checked where is_orphan order by raw_file_id, record_no limit 5
                    ) as samples)
            from checked
            having exists (select from %1$I.%4$I)  -- a missing master file is its own failure, not orphans
            $sql$, '${staging_schema}', v_rule.staging_table, v_rule.columns[1], v_rule.ref_table,
            v_rule.ref_column, v_rule.endpoint, v_orphan_pct, v_rule.ref_endpoint);
    end loop;
end
$$;
comment on function ${schema}.quality_check_orphan_references(date) is
'Gate check orphan_references:<column>: per reference rule, staged values missing from the referenced endpoints '
'staged keys; critical above the orphan_critical_pct setting. Skipped when the referenced endpoint has no staged '
'rows (its own failure) or is not sent.';

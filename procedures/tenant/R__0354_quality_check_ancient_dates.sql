-- Quality check ancient_dates: event dates before oldest_event_date (1900-01-01 defaults).
create or replace function ${schema}.quality_check_ancient_dates(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_rule         record;
    v_oldest_date  date := (${schema}.settings('quality') ->> 'oldest_event_date')::date;
begin
    for v_rule in
        select quality_rules.*, quality_endpoints.staging_table
        from cw_global.quality_rules
        inner join ${schema}.quality_endpoints('ancient_dates') as quality_endpoints
            on quality_endpoints.endpoint = quality_rules.endpoint
        where quality_rules.rule_type in ('event_date', 'planned_date')
        order by quality_rules.id
    loop
        return query execute format($sql$
            select %3$L::text, 'ancient_dates'::text, null::text, count(*) filter (where %4$I < %5$L::date) = 0,
                   '>= ' || %5$L, (count(*) filter (where %4$I < %5$L::date))::text || ' record(s)',
                   count(*) filter (where %4$I < %5$L::date),
                   format('%%s before %%s (earliest %%s)', %4$L, %5$L, min(%4$I) filter (where %4$I < %5$L::date)),
                   (select jsonb_agg(sample) from (
                        select jsonb_build_object('file', raw_file_id, 'record', record_no, %4$L, %4$I) as sample
                        from %1$I.%2$I where %4$I < %5$L::date order by raw_file_id, record_no limit 5
                    ) as samples)
            from %1$I.%2$I
            $sql$, '${staging_schema}', v_rule.staging_table, v_rule.endpoint, v_rule.columns[1], v_oldest_date);
    end loop;
end
$$;
comment on function ${schema}.quality_check_ancient_dates(date) is
'Gate check ancient_dates: per event_date and planned_date rule, staged dates before the oldest_event_date setting.';

-- Quality check future_dates: event dates after the run date plus max_future_days, planned dates (a product's
-- launch) after the run date plus max_planned_days.
create or replace function ${schema}.quality_check_future_dates(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_rule         record;
    v_future_days  integer := (${schema}.settings('quality') ->> 'max_future_days')::integer;
    v_planned_days integer := (${schema}.settings('quality') ->> 'max_planned_days')::integer;
begin
    for v_rule in
        select quality_rules.*, quality_endpoints.staging_table
        from cw_global.quality_rules
        inner join ${schema}.quality_endpoints('future_dates') as quality_endpoints
            on quality_endpoints.endpoint = quality_rules.endpoint
        where quality_rules.rule_type in ('event_date', 'planned_date')
        order by quality_rules.id
    loop
        return query execute format($sql$
            select %3$L::text, 'future_dates'::text, null::text, count(*) filter (where %4$I > %5$L::date) = 0,
                   '<= ' || %5$L, (count(*) filter (where %4$I > %5$L::date))::text || ' record(s)',
                   count(*) filter (where %4$I > %5$L::date),
                   format('%%s after %%s (latest %%s)', %4$L, %5$L, max(%4$I) filter (where %4$I > %5$L::date)),
                   (select jsonb_agg(sample) from (
                        select jsonb_build_object('file', raw_file_id, 'record', record_no, %4$L, %4$I) as sample
                        from %1$I.%2$I where %4$I > %5$L::date order by raw_file_id, record_no limit 5
                    ) as samples)
            from %1$I.%2$I
            $sql$, '${staging_schema}', v_rule.staging_table, v_rule.endpoint, v_rule.columns[1],
            p_run_date + case v_rule.rule_type when 'planned_date' then v_planned_days else v_future_days end);
    end loop;
end
$$;
comment on function ${schema}.quality_check_future_dates(date) is
'Gate check future_dates: per event_date rule, staged dates after the run date plus the max_future_days setting; '
'per planned_date rule (launch dates), after the run date plus max_planned_days.';

-- Quality check absurd_values: quantities and amounts above the client's plausibility limits.
create or replace function ${schema}.quality_check_absurd_values(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_rule         record;
    v_max_quantity numeric := (${schema}.settings('quality') ->> 'max_quantity')::numeric;
    v_max_amount   numeric := (${schema}.settings('quality') ->> 'max_amount')::numeric;
begin
    for v_rule in
        select quality_rules.*, quality_endpoints.staging_table
        from cw_global.quality_rules
        inner join ${schema}.quality_endpoints('absurd_values') as quality_endpoints
            on quality_endpoints.endpoint = quality_rules.endpoint
        where quality_rules.rule_type in ('quantity', 'amount')
        order by quality_rules.id
    loop
        if v_rule.columns <@ ${schema}.cleansed_columns(v_rule.endpoint) then
            continue;  -- every column is cleansed by a load rule of the dialect (the check cleansing reports it)
        end if;
        return query execute format($sql$
            with values_checked as (
                select raw_file_id, record_no, column_name, value
                from %1$I.%2$I
                cross join lateral (values %3$s) as checked_values (column_name, value)
                where value is not null
            )
            select %4$L::text, 'absurd_values:' || %6$L, null::text, count(*) filter (where value > %5$s) = 0,
                   '<= ' || %5$s, (count(*) filter (where value > %5$s))::text || ' value(s)',
                   count(*) filter (where value > %5$s),
                   (select 'too large: ' || string_agg(format('%%s (max %%s)', column_name, max_value), ', ')
                    from (select column_name, max(value) as max_value from values_checked where value > %5$s
                          group by column_name) as absurd),
                   (select jsonb_agg(sample) from (
                        select jsonb_build_object('file', raw_file_id, 'record', record_no, column_name, value)
                               as sample
                        from values_checked where value > %5$s order by raw_file_id, record_no limit 5
                    ) as samples)
            from values_checked
            $sql$, '${staging_schema}', v_rule.staging_table,
            (select string_agg(format('(%L, %I::numeric)', column_name, column_name), ', ')
             from unnest(v_rule.columns) as column_name
             where column_name <> all(${schema}.cleansed_columns(v_rule.endpoint))),
            v_rule.endpoint, case when v_rule.rule_type = 'quantity' then v_max_quantity else v_max_amount end,
            v_rule.rule_type);
    end loop;
end
$$;
comment on function ${schema}.quality_check_absurd_values(date) is
'Gate check absurd_values:<quantity|amount>: per quantity and amount rule, staged values above the max_quantity or '
'max_amount setting.';

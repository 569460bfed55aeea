-- Quality check negative_values: negative quantities, prices and costs.
create or replace function ${schema}.quality_check_negative_values(p_run_date date)
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
        select quality_rules.*, quality_endpoints.staging_table
        from cw_global.quality_rules
        inner join ${schema}.quality_endpoints('negative_values') as quality_endpoints
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
            select %4$L::text, 'negative_values:' || %5$L, null::text, count(*) filter (where value < 0) = 0, '>= 0',
                   (count(*) filter (where value < 0))::text || ' value(s)', count(*) filter (where value < 0),
                   (select 'negative: ' || string_agg(format('%%s (min %%s)', column_name, min_value), ', ')
                    from (select column_name, min(value) as min_value from values_checked where value < 0
                          group by column_name) as negatives),
                   (select jsonb_agg(sample) from (
                        select jsonb_build_object('file', raw_file_id, 'record', record_no, column_name, value)
                               as sample
                        from values_checked where value < 0 order by raw_file_id, record_no limit 5
                    ) as samples)
            from values_checked
            $sql$, '${staging_schema}', v_rule.staging_table,
            (select string_agg(format('(%L, %I::numeric)', column_name, column_name), ', ')
             from unnest(v_rule.columns) as column_name
             where column_name <> all(${schema}.cleansed_columns(v_rule.endpoint))),
            v_rule.endpoint, v_rule.rule_type);
    end loop;
end
$$;
comment on function ${schema}.quality_check_negative_values(date) is
'Gate check negative_values:<quantity|amount>: per quantity and amount rule of cw_global.quality_rules, staged '
'values below zero (columns a load rule of the dialect cleanses excepted: cleansed_columns).';

-- Quality check suspicious_text: control, invisible or bidi characters, SQL fragments, markup, escapes, overlong text.
create or replace function ${schema}.quality_check_suspicious_text(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_rule         record;
    v_max_text     integer := (${schema}.settings('quality') ->> 'max_text_length')::integer;
begin
    for v_rule in
        select quality_rules.*, quality_endpoints.staging_table,
               (select ref_endpoints.staging_table from ${schema}.quality_endpoints('suspicious_text') as ref_endpoints
                where ref_endpoints.endpoint = quality_rules.ref_endpoint) as ref_table
        from cw_global.quality_rules
        inner join ${schema}.quality_endpoints('suspicious_text') as quality_endpoints
            on quality_endpoints.endpoint = quality_rules.endpoint
        where quality_rules.rule_type in ('text')
        order by quality_rules.id
    loop
        return query execute format($sql$
            with texts as (
                select raw_file_id, record_no, column_name, value
                from %1$I.%2$I
                cross join lateral (values %3$s) as checked_values (column_name, value)
                where value is not null
            ),

            suspicious as (
                select *,
                       case when value ~ '[\x01-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]' then 'control characters'
                            when value ~ '[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]'
                                then 'invisible or bidirectional-override characters'
                            when length(value) > %5$s then 'longer than ' || %5$s || ' characters'
                            when value ~* '(;|'')\s*(drop|delete|insert|update|alter|truncate|select)\s'
                                or value ~ '--|/\*' then 'SQL fragment'
                            when value ~* '<\s*(script|iframe|img|svg)' then 'markup'
                            when value ~ '\\' then 'backslash escapes'
                       end as reason
                from texts
            )

            select %4$L, 'suspicious_text', null, count(*) filter (where reason is not null) = 0,
                   'plain text', (count(*) filter (where reason is not null))::text || ' value(s)',
                   count(*) filter (where reason is not null),
                   (select string_agg(format('%%s: %%s', column_name, reasons), '; ') from (
                        select column_name, string_agg(distinct reason, ', ') as reasons
                        from suspicious where reason is not null group by column_name
                    ) as by_column),
                   (select jsonb_agg(sample) from (
                        select jsonb_build_object('file', raw_file_id, 'record', record_no, 'field', column_name,
                                                  'reason', reason, 'value', left(value, 80)) as sample
                        from suspicious where reason is not null order by raw_file_id, record_no limit 5
                    ) as samples)
            from suspicious
            $sql$, '${staging_schema}', v_rule.staging_table,
            (select string_agg(format('(%L, %I)', column_name, column_name), ', ')
             from unnest(v_rule.columns) as column_name),
            v_rule.endpoint, v_max_text);
    end loop;
end
$$;
comment on function ${schema}.quality_check_suspicious_text(date) is
'Gate check suspicious_text: per text rule, staged text values with control characters (and U+FFFD from NUL), '
'invisible or bidi-override characters, SQL fragments, markup, backslash escapes or more than max_text_length '
'characters.';

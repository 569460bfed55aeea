-- The values of one settings section for a client: its overrides validated, the defaults filled in.
create or replace function cw_global.section_settings(p_section text, p_overrides jsonb, p_client_code text)
returns jsonb
language plpgsql
stable
security invoker
set search_path = cw_global, pg_catalog, pg_temp
as $$
declare
    v_section   cw_global.setting_sections;
    v_unknown   text;
    v_values    jsonb := '{}';
    v_violation record;
begin
    select * into v_section from cw_global.setting_sections where section = p_section;
    if not found then
        raise exception 'unknown settings section %', quote_literal(p_section)
            using errcode = 'CW050',
                  hint = 'sections: ' || (select string_agg(section, ', ' order by section)
                                          from cw_global.setting_sections);
    end if;
    if p_overrides is not null and jsonb_typeof(p_overrides) <> 'object' then
        raise exception 'invalid settings of client %: section % is %, not an object of key/value pairs',
            p_client_code, p_section, p_overrides
            using errcode = v_section.errcode,
                  hint = format('e.g. {"%s": {"<name>": <value>}}; see %s', p_section, v_section.docs_page);
    end if;
    select string_agg(quote_literal(p_section || '.' || override.key), ', ' order by override.key) into v_unknown
    from jsonb_object_keys(coalesce(p_overrides, '{}')) as override (key)
    where not exists (select from cw_global.setting_definitions
                      where setting_key = p_section || '.' || override.key);
    if v_unknown is not null then
        raise exception 'unknown setting % of client % (a misspelt key would be silently ignored)', v_unknown,
            p_client_code
            using errcode = v_section.errcode,
                  hint = format('known settings of %s: %s (remove it with: cw settings %s --unset <key>)', p_section,
                                (select string_agg(setting_key, ', ' order by setting_key)
                                 from cw_global.setting_definitions where section = p_section), p_client_code);
    end if;
    select coalesce(jsonb_object_agg(substr(setting_key, length(p_section) + 2),
                                     cw_global.setting_value(setting_key,
                                                             p_overrides -> substr(setting_key, length(p_section) + 2),
                                                             p_client_code)), '{}')
    into v_values
    from cw_global.setting_definitions
    where section = p_section;
    for v_violation in
        select lower_setting.setting_key as lower_key, upper_setting.setting_key as upper_key,
               v_values -> substr(lower_setting.setting_key, length(p_section) + 2) as lower_value,
               v_values -> substr(upper_setting.setting_key, length(p_section) + 2) as upper_value
        from cw_global.setting_definitions as lower_setting
        inner join cw_global.setting_definitions as upper_setting
            on upper_setting.setting_key = lower_setting.below_key
        where lower_setting.section = p_section
            and (v_values ->> substr(lower_setting.setting_key, length(p_section) + 2))::numeric
                >= (v_values ->> substr(upper_setting.setting_key, length(p_section) + 2))::numeric
        order by lower_setting.setting_key
        limit 1
    loop
        raise exception 'invalid setting % of client %: % is not below % (%)', v_violation.lower_key, p_client_code,
            v_violation.lower_value, v_violation.upper_key, v_violation.upper_value
            using errcode = v_section.errcode,
                  hint = format('keep %s below %s: cw settings %s --set %s=<value> (docs: %s)', v_violation.lower_key,
                                v_violation.upper_key, p_client_code, v_violation.lower_key, v_section.docs_page);
    end loop;
    return v_values;
end
$$;
comment on function cw_global.section_settings(text, jsonb, text) is
'One validated settings section: p_overrides (the client''s values, a JSON object name -> value) checked against '
'cw_global.setting_definitions — unknown keys, types, ranges, below_key orderings — with the defaults filled in. '
'Raises the section''s SQLSTATE naming the key, the bad value and the allowed range. Steps call it through '
'<schema>.settings(section).';

-- Validates one setting value against its definition in cw_global.setting_definitions and returns it normalised.
create or replace function cw_global.setting_value(p_setting_key text, p_value jsonb, p_client_code text default null)
returns jsonb
language plpgsql
stable
security invoker
set search_path = cw_global, pg_catalog, pg_temp
as $$
declare
    v_definition  cw_global.setting_definitions;
    v_errcode     text;
    v_docs        text;
    v_text        text;
    v_number      numeric;
    v_elements    text [];
    v_element     text;
    v_result      jsonb;
    v_problem     text;
    v_allowed     text;
begin
    select * into v_definition from cw_global.setting_definitions where setting_key = p_setting_key;
    if not found then
        raise exception 'unknown setting %', quote_literal(p_setting_key)
            using errcode = 'CW050',
                  hint = 'list the settings with: cw settings <client code> (or select setting_key from '
                         'cw_global.setting_definitions)';
    end if;
    select setting_sections.errcode, setting_sections.docs_page into v_errcode, v_docs
    from cw_global.setting_sections where setting_sections.section = v_definition.section;
    if p_value is null or jsonb_typeof(p_value) = 'null' then
        return v_definition.default_value;
    end if;
    v_text := case when jsonb_typeof(p_value) = 'string' then p_value #>> '{}' else p_value::text end;
    if v_definition.value_type in ('integer', 'numeric') then
        if jsonb_typeof(p_value) not in ('number', 'string') or cw_global.try_numeric(btrim(v_text)) is null then
            v_problem := 'not a number';
        else
            v_number := cw_global.try_numeric(btrim(v_text));
            if v_definition.value_type = 'integer' and v_number <> trunc(v_number) then
                v_problem := 'not a whole number';
            elsif v_definition.min_value is not null and (v_number < v_definition.min_value
                    or (v_definition.is_min_exclusive and v_number = v_definition.min_value)) then
                v_problem := 'outside the allowed range';
            elsif v_definition.max_value is not null and (v_number > v_definition.max_value
                    or (v_definition.is_max_exclusive and v_number = v_definition.max_value)) then
                v_problem := 'outside the allowed range';
            else
                v_result := to_jsonb(case when v_definition.value_type = 'integer' then trunc(v_number) else v_number end);
            end if;
        end if;
    elsif v_definition.value_type = 'boolean' then
        if jsonb_typeof(p_value) = 'boolean' then
            v_result := p_value;
        elsif lower(btrim(v_text)) in ('true', 'false', 'yes', 'no', 'on', 'off') then
            v_result := to_jsonb(lower(btrim(v_text)) in ('true', 'yes', 'on'));
        else
            v_problem := 'not a boolean';
        end if;
    elsif v_definition.value_type = 'date' then
        if jsonb_typeof(p_value) = 'string' and btrim(v_text) ~ '^\d{4}-\d{2}-\d{2}$'
            and cw_global.safe_make_date(substr(btrim(v_text), 1, 4)::integer, substr(btrim(v_text), 6, 2)::integer,
                                         substr(btrim(v_text), 9, 2)::integer) is not null then
            v_result := to_jsonb(btrim(v_text));
        else
            v_problem := 'not a date (yyyy-mm-dd)';
        end if;
    else
        -- text and text[]: a text[] accepts a JSON array, a PostgreSQL array literal or a comma-separated list.
        if v_definition.value_type = 'text' then
            if jsonb_typeof(p_value) <> 'string' then
                v_problem := 'not a string';
            else
                v_elements := array[v_text];
            end if;
        elsif jsonb_typeof(p_value) = 'array' then
            if exists (select from jsonb_array_elements(p_value) as element (value)
                       where jsonb_typeof(element.value) <> 'string') then
                v_problem := 'not an array of strings';
            else
                v_elements := array(select jsonb_array_elements_text(p_value));
            end if;
        elsif jsonb_typeof(p_value) = 'string' then
            v_elements := array(
                select btrim(element.value)
                from unnest(string_to_array(btrim(btrim(v_text), '{}'), ',')) as element (value)
                where btrim(element.value) <> ''
            );
        else
            v_problem := 'not a list of strings';
        end if;
        if v_problem is null then
            foreach v_element in array v_elements loop
                if v_definition.allowed_values is not null and not v_element = any (v_definition.allowed_values) then
                    v_problem := format('%s is not an allowed value', quote_literal(v_element));
                elsif v_definition.element_pattern is not null and v_element !~ v_definition.element_pattern then
                    v_problem := format('%s does not match %s', quote_literal(v_element), v_definition.element_pattern);
                end if;
                exit when v_problem is not null;
            end loop;
        end if;
        if v_problem is null then
            v_result := case when v_definition.value_type = 'text' then to_jsonb(v_elements[1])
                             else to_jsonb(v_elements) end;
        end if;
    end if;
    if v_problem is not null then
        v_allowed := cw_global.setting_allowed(v_definition);
        raise exception 'invalid setting % of client %: % is %', p_setting_key, coalesce(p_client_code, '(any)'),
            v_text, v_problem
            using errcode = v_errcode,
                  detail = format('allowed: %s', v_allowed),
                  hint = format('change it with: cw settings %s --set %s=<value> (%s; docs: %s)',
                                coalesce(p_client_code, '<client code>'), p_setting_key, v_allowed, v_docs);
    end if;
    return v_result;
end
$$;
comment on function cw_global.setting_value(text, jsonb, text) is
'Validates a value of one setting against cw_global.setting_definitions and returns it normalised (JSON of the '
'setting''s type; the default when the value is null). Raises the section''s SQLSTATE naming the key, the bad value '
'and the allowed range; CW050 for an unknown key.';

create or replace function cw_global.setting_allowed(p_definition cw_global.setting_definitions)
returns text
language sql
immutable
security invoker
set search_path = cw_global, pg_catalog, pg_temp
as $$
    select concat_ws(' ', p_definition.value_type,
        case when p_definition.min_value is not null
             then case when p_definition.is_min_exclusive then '> ' else '>= ' end || p_definition.min_value end,
        case when p_definition.min_value is not null and p_definition.max_value is not null then 'and' end,
        case when p_definition.max_value is not null
             then case when p_definition.is_max_exclusive then '< ' else '<= ' end || p_definition.max_value end,
        case when p_definition.below_key is not null then 'and below ' || p_definition.below_key end,
        case when p_definition.allowed_values is not null
             then 'one of ' || array_to_string(p_definition.allowed_values, ', ') end,
        case when p_definition.element_pattern is not null then 'matching ' || p_definition.element_pattern end,
        case when p_definition.unit is not null then '(' || p_definition.unit || ')' end)
$$;
comment on function cw_global.setting_allowed(cw_global.setting_definitions) is
'The allowed values of a setting in words (type, range, list or pattern, unit), as error messages and cw settings '
'show them.';

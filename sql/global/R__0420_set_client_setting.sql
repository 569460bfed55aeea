-- Changes (or resets) one setting of a client with the catalog's validation: what cw settings --set/--unset calls.
create or replace procedure cw_global.set_client_setting(p_code text, p_setting_key text, p_value jsonb)
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_client_id integer := cw_global.client_id(p_code);
    v_schema    text := cw_global.client_schema(p_code);
    v_section   cw_global.setting_sections;
    v_name      text := substr(p_setting_key, strpos(p_setting_key, '.') + 1);
    v_value     jsonb;
    v_settings  jsonb;
begin
    -- A misspelt key that a DBA wrote by hand can always be removed, even though it is not in the catalog.
    if p_value is null and not exists (select from cw_global.setting_definitions
                                       where setting_definitions.setting_key = p_setting_key) then
        update cw_global.clients set settings = settings #- string_to_array(p_setting_key, '.')
        where clients.id = v_client_id and settings #> string_to_array(p_setting_key, '.') is not null;
        if found then
            return;
        end if;
    end if;
    -- Validates the key and the value (the section's SQLSTATE, or CW050 for an unknown key).
    v_value := cw_global.setting_value(p_setting_key, p_value, p_code);
    select setting_sections.* into v_section
    from cw_global.setting_sections
    inner join cw_global.setting_definitions on setting_definitions.section = setting_sections.section
    where setting_definitions.setting_key = p_setting_key;
    if v_section.stored_in = 'client_settings' then
        execute format('insert into %I.client_settings as current_setting (setting_key, setting_value, description) '
                       'select setting_key, $1, description from cw_global.setting_definitions '
                       'where setting_key = $2 '
                       'on conflict (setting_key) do update set setting_value = excluded.setting_value, '
                       'updated_at = now(), updated_by = current_user '
                       'where current_setting.setting_value is distinct from excluded.setting_value', v_schema)
        using v_value, p_setting_key;
        -- The whole section must stay valid; the row is rolled back with the error otherwise.
        execute format('select %I.settings($1)', v_schema) using v_section.section;
    else
        select clients.settings into v_settings from cw_global.clients where clients.id = v_client_id for update;
        v_settings := case
            when p_value is null then v_settings #- array[v_section.section, v_name]
            else jsonb_set(v_settings, array[v_section.section],
                           coalesce(v_settings -> v_section.section, '{}') || jsonb_build_object(v_name, v_value))
        end;
        if v_settings -> v_section.section = '{}' then
            v_settings := v_settings - v_section.section;
        end if;
        -- The whole section must stay valid (e.g. abc_a_pct below abc_b_pct); a reset is always allowed, so that a
        -- DBA can clear values one by one.
        if p_value is not null then
            perform cw_global.section_settings(v_section.section, v_settings -> v_section.section, p_code);
        end if;
        update cw_global.clients set settings = v_settings
        where clients.id = v_client_id and clients.settings is distinct from v_settings;
    end if;
end
$$;
comment on procedure cw_global.set_client_setting(text, text, jsonb) is
'Sets one setting of a client (p_value JSON; null resets it to the catalog default) after validating it and its '
'whole section against cw_global.setting_definitions. cw settings <client> --set key=value / --unset key call it.';

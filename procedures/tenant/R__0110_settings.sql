-- The client's settings, one validated section at a time, from the catalog cw_global.setting_definitions.
-- Replaces the literal client_setting(path, default) calls: one definition, one default, one error per setting.
drop function if exists ${schema}.client_setting(text [], text);

create or replace function ${schema}.settings(p_section text)
returns jsonb
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select cw_global.section_settings(
        p_section,
        case (select setting_sections.stored_in from cw_global.setting_sections
              where setting_sections.section = p_section)
            when 'client_settings' then
                (select jsonb_object_agg(substr(client_settings.setting_key, length(p_section) + 2),
                                         client_settings.setting_value)
                 from ${schema}.client_settings
                 where client_settings.setting_key like p_section || '.%')
            else (select clients.settings -> p_section from cw_global.clients
                  where clients.schema_name = '${schema}')
        end,
        '${client_code}')
$$;
comment on function ${schema}.settings(text) is
'The client''s settings of one section as a JSON object name -> value, validated against '
'cw_global.setting_definitions with the defaults filled in (e.g. settings(''behaviors'') ->> ''window_days''). '
'Raises the section''s SQLSTATE for an unknown key or an invalid value. Values live in cw_global.clients.settings '
'(set with cw settings) or, for the planning section, in client_settings (edited in the UI).';

create or replace function ${schema}.setting(p_setting_key text)
returns jsonb
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select cw_global.setting_value(p_setting_key,
                                   ${schema}.settings(split_part(p_setting_key, '.', 1))
                                   -> substr(p_setting_key, strpos(p_setting_key, '.') + 1),
                                   '${client_code}')
$$;
comment on function ${schema}.setting(text) is
'One validated setting by its full key (e.g. setting(''quality.max_quantity'')), as JSON; CW050 for an unknown key.';

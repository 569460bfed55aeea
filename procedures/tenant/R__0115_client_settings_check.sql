-- The UI edits the planning settings in client_settings: every write is validated against the settings catalog.
create or replace function ${schema}.client_settings_check()
returns trigger
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    if not exists (select from cw_global.setting_definitions
                   inner join cw_global.setting_sections on setting_sections.section = setting_definitions.section
                   where setting_definitions.setting_key = new.setting_key
                       and setting_sections.stored_in = 'client_settings') then
        raise exception 'unknown client setting % of client ${client_code}', quote_literal(new.setting_key)
            using errcode = 'CW050',
                  hint = 'settings kept in client_settings: ' || (
                      select string_agg(setting_definitions.setting_key, ', ' order by setting_definitions.setting_key)
                      from cw_global.setting_definitions
                      inner join cw_global.setting_sections
                          on setting_sections.section = setting_definitions.section
                      where setting_sections.stored_in = 'client_settings');
    end if;
    new.setting_value := cw_global.setting_value(new.setting_key, new.setting_value, '${client_code}');
    return new;
end
$$;
comment on function ${schema}.client_settings_check() is
'Trigger of client_settings: a key must be a catalog setting kept in client_settings (CW050) and its value valid '
'(normalised; the section''s SQLSTATE otherwise), whoever writes it — the UI role or a DBA.';

drop trigger if exists client_settings_check on ${schema}.client_settings;
create trigger client_settings_check
before insert or update of setting_key, setting_value on ${schema}.client_settings
for each row execute function ${schema}.client_settings_check();
comment on trigger client_settings_check on ${schema}.client_settings is
'Validates each written setting against cw_global.setting_definitions (client_settings_check).';

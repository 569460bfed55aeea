-- Every setting of the client with the value in force, as a DBA sees it in psql and cw settings prints it.
create or replace view ${schema}.setting_values as
with client_registry_values as (
    select
        setting.key as setting_key_name,
        setting.value as setting_value,
        sections.key as section
    from cw_global.clients
    cross join lateral jsonb_each(clients.settings) as sections (key, value)
    cross join lateral jsonb_each(case when jsonb_typeof(sections.value) = 'object' then sections.value end)
        as setting (key, value)
    where clients.schema_name = '${schema}'
),

client_values as (
    select
        client_registry_values.section || '.' || client_registry_values.setting_key_name as setting_key,
        client_registry_values.setting_value
    from client_registry_values
    inner join cw_global.setting_sections on setting_sections.section = client_registry_values.section
    where setting_sections.stored_in = 'client_registry'
    union all
    select
        client_settings.setting_key,
        client_settings.setting_value
    from ${schema}.client_settings
),

final as (
    select
        setting_definitions.setting_key,
        setting_definitions.section,
        setting_definitions.default_value,
        setting_definitions.value_type,
        setting_definitions.unit,
        setting_sections.stored_in,
        setting_definitions.description,
        coalesce(client_values.setting_value, setting_definitions.default_value) as setting_value,
        client_values.setting_value is null
        or client_values.setting_value = setting_definitions.default_value as is_default,
        cw_global.setting_allowed(setting_definitions) as allowed -- noqa: L027
    from cw_global.setting_definitions
    inner join cw_global.setting_sections on setting_sections.section = setting_definitions.section
    left join client_values on client_values.setting_key = setting_definitions.setting_key
)

select * from final;
comment on view ${schema}.setting_values is
'Every setting of the catalog (cw_global.setting_definitions) with this client''s value in force: its own value when '
'set, else the default. Values are shown as stored, not validated: settings(section) validates them when a step '
'reads them. Change them with cw settings <client> --set key=value.';
comment on column ${schema}.setting_values.setting_key is 'section.name of the setting.';
comment on column ${schema}.setting_values.section is 'Settings section (step or concern).';
comment on column ${schema}.setting_values.setting_value is 'The value in force (JSON).';
comment on column ${schema}.setting_values.is_default is 'True when the client has not changed the default.';
comment on column ${schema}.setting_values.default_value is 'The catalog default (JSON).';
comment on column ${schema}.setting_values.value_type is 'integer, numeric, boolean, date, text or text[].';
comment on column ${schema}.setting_values.allowed is 'The allowed values in words.';
comment on column ${schema}.setting_values.unit is 'Unit of the value.';
comment on column ${schema}.setting_values.stored_in is
'client_registry (cw_global.clients.settings) or client_settings (the UI-edited table).';
comment on column ${schema}.setting_values.description is 'What the setting changes.';
grant select on ${schema}.setting_values to ${ui_role};

-- Per-client configuration: cw_global.clients.settings overrides the documented defaults.
create or replace function ${schema}.client_setting(p_path text [], p_default text)
returns text
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select coalesce((select clients.settings #>> p_path from cw_global.clients
                     where clients.schema_name = '${schema}'), p_default)
$$;
comment on function ${schema}.client_setting(text [], text) is
'A per-client setting from cw_global.clients.settings (e.g. {quality,volume_drop_pct}), or the given default. '
'The settings and their defaults are listed in docs/quality.md.';

-- Per-client switches of the gate's checks: off, or another severity (settings quality.disabled_checks,
-- quality.critical_checks, quality.warning_checks).
create or replace function ${schema}.quality_check_settings()
returns table (check_name text, is_enabled boolean, severity text)
language plpgsql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_settings  jsonb := ${schema}.settings('quality');
    v_disabled  text [] := array(select jsonb_array_elements_text(v_settings -> 'disabled_checks'));
    v_critical  text [] := array(select jsonb_array_elements_text(v_settings -> 'critical_checks'));
    v_warning   text [] := array(select jsonb_array_elements_text(v_settings -> 'warning_checks'));
    v_bad       text;
begin
    select string_agg(distinct configured.name, ', ') into v_bad
    from unnest(v_disabled || v_critical || v_warning) as configured (name)
    where not exists (select from cw_global.quality_check_definitions as definitions
                      where definitions.check_name = configured.name);
    if v_bad is not null then
        raise exception 'quality check settings of client ${client_code} name unknown check(s) %', v_bad
            using errcode = 'CW090',
                  hint = 'quality.disabled_checks, critical_checks and warning_checks take names of '
                      || 'cw_global.quality_check_definitions: ' || (
                          select string_agg(definitions.check_name, ', ' order by definitions.run_order)
                          from cw_global.quality_check_definitions as definitions);
    end if;
    select string_agg(name, ', ') into v_bad from unnest(v_critical) as name where name = any(v_warning);
    if v_bad is not null then
        raise exception 'quality check(s) % of client ${client_code} are both in quality.critical_checks and in '
            'quality.warning_checks', v_bad
            using errcode = 'CW090', hint = 'remove them from one of the two lists (cw settings --set)';
    end if;
    return query
    select definitions.check_name, definitions.check_name <> all(v_disabled),
           case when definitions.check_name = any(v_critical) then 'critical'
                when definitions.check_name = any(v_warning) then 'warning'
                else definitions.severity end
    from cw_global.quality_check_definitions as definitions
    order by definitions.run_order;
end
$$;
comment on function ${schema}.quality_check_settings() is
'Every check of cw_global.quality_check_definitions with this client''s switch (off when listed in '
'quality.disabled_checks) and severity (critical when in quality.critical_checks, warning when in '
'quality.warning_checks, else the catalog''s). Raises CW090 for an unknown check name or a check in both lists.';

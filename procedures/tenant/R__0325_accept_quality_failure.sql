-- Accepting a gate failure: the recorded, audited way past a false alarm (cw gate accept).
create or replace function ${schema}.accept_quality_failure(p_run_date date, p_check_name text, p_reason text)
returns bigint
language plpgsql
volatile
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_failures  jsonb;
    v_id        bigint;
begin
    if coalesce(length(btrim(p_reason)), 0) < 5 then
        raise exception 'a reason of at least 5 characters is required to accept a quality gate failure of %',
            p_run_date
            using errcode = 'CW094', hint = 'say why it is a false alarm, e.g. --reason "Christmas week, few orders"';
    end if;
    if p_check_name is not null and not exists (
        select from cw_global.quality_check_definitions as definitions where definitions.check_name = p_check_name
    ) then
        raise exception 'unknown quality check %', quote_literal(p_check_name)
            using errcode = 'CW094',
                  hint = 'checks: ' || (select string_agg(definitions.check_name, ', ' order by definitions.run_order)
                                        from cw_global.quality_check_definitions as definitions);
    end if;

    select jsonb_agg(jsonb_build_object('endpoint', checks.endpoint, 'check', checks.check_name,
                                        'detail', checks.detail) order by checks.endpoint, checks.check_name)
    into v_failures
    from ${schema}.data_quality_checks as checks
    inner join ${schema}.data_quality_runs as runs on runs.id = checks.data_quality_run_id
    inner join ${schema}.data_quality_check_severities as severities
        on severities.id = checks.data_quality_check_severity_id
    where runs.run_date = p_run_date and not checks.passed and severities.name = 'critical'
        and checks.data_quality_acceptance_id is null
        and (p_check_name is null or split_part(checks.check_name, ':', 1) = p_check_name);

    if v_failures is null then
        raise exception 'nothing to accept: the quality gate of % has no open failed critical check%', p_run_date,
            coalesce(' named ' || p_check_name, '')
            using errcode = 'CW095',
                  hint = coalesce('failed critical checks of the date: ' || (
                      select string_agg(distinct split_part(checks.check_name, ':', 1), ', ')
                      from ${schema}.data_quality_checks as checks
                      inner join ${schema}.data_quality_runs as runs on runs.id = checks.data_quality_run_id
                      inner join ${schema}.data_quality_check_severities as severities
                          on severities.id = checks.data_quality_check_severity_id
                      where runs.run_date = p_run_date and not checks.passed and severities.name = 'critical'
                          and checks.data_quality_acceptance_id is null),
                                  'see cw report quality ${client_code} --date ' || p_run_date);
    end if;

    insert into ${schema}.data_quality_acceptances (run_date, check_name, reason, accepted_failures)
    values (p_run_date, p_check_name, btrim(p_reason), v_failures)
    returning id into v_id;
    raise notice 'accepted % failed critical check(s) of % (acceptance %): %', jsonb_array_length(v_failures),
        p_run_date, v_id, (select string_agg(failure ->> 'endpoint' || ' ' || (failure ->> 'check'), ', ')
                           from jsonb_array_elements(v_failures) as failure);
    return v_id;
end
$$;
comment on function ${schema}.accept_quality_failure(date, text, text) is
'Records an acceptance of the date''s failed critical gate checks (one named check, or all when p_check_name is '
'null) with the reason, the role and the failures it covers; returns its id. The next gate run for the '
'date (run_pipeline resumes the stopped run) no longer stops on them. CW094 for a blank reason or an unknown check, '
'CW095 when there is no open failed critical check to accept.';

create or replace function ${schema}.data_quality_acceptances_immutable()
returns trigger
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    raise exception 'quality gate acceptances are an audit trail: % is not allowed', lower(tg_op)
        using errcode = 'CW096', hint = 'record a new acceptance instead; a DBA may disable the trigger deliberately';
end
$$;
comment on function ${schema}.data_quality_acceptances_immutable() is
'Trigger function: refuses UPDATE and DELETE on data_quality_acceptances (CW096).';

create or replace trigger data_quality_acceptances_immutable
before update or delete on ${schema}.data_quality_acceptances
for each statement execute function ${schema}.data_quality_acceptances_immutable();
comment on trigger data_quality_acceptances_immutable on ${schema}.data_quality_acceptances is
'Acceptances are never changed or removed (CW096).';

-- Step 2: the DataQualityGateway. Maps the run date's raw records to staging, runs every enabled check of
-- cw_global.quality_check_definitions (one function per check, in run_order), scores the batch and stops the
-- pipeline when a critical check fails (production tables stay untouched). Re-running a date replaces that date's
-- gateway run.
create or replace procedure ${schema}.step_quality_gate(p_run_date date, p_scope jsonb)
language plpgsql
security invoker
-- JIT off: its statements are many and short-lived; compiling them cost more than it saved (measured: the
-- gate took 9.9 s with JIT and 5.9 s without on 5,000 products x 30 locations).
set jit = off
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_run_id    bigint;
    v_started   timestamptz := clock_timestamp();
    v_staged    bigint;
    v_raw       bigint;
    v_check     record;
    v_disabled  text [] := '{}';
    v_total     integer;
    v_passed    integer;
    v_critical  integer;
    v_warning   integer;
    v_accepted  integer;
    v_backlog   jsonb;
    v_score     numeric;
begin
    call ${schema}.map_to_staging(p_run_date, v_staged);
    select count(*) into v_raw from ${staging_schema}.raw_records where raw_records.file_date = p_run_date;

    delete from ${schema}.data_quality_runs where data_quality_runs.run_date = p_run_date;
    delete from ${schema}.data_quality_check_reports
    where data_quality_check_reports.run_date = p_run_date and data_quality_check_reports.source = 'gateway';
    insert into ${schema}.data_quality_runs (run_date, data_quality_run_status_id, started_at)
    select p_run_date, statuses.id, v_started
    from ${schema}.data_quality_run_statuses as statuses
    where statuses.name = 'running'
    returning id into v_run_id;

    -- The trading calendar learns from the sales loaded before the day judged.
    perform ${schema}.learn_trading_weekdays(p_run_date - 1);

    create temp table if not exists quality_results of cw_global.quality_check_result on commit drop;
    truncate quality_results;

    -- The catalog, as run_pipeline runs pipeline_steps: each check is one function of this schema.
    for v_check in
        select definitions.check_name, definitions.check_function, settings.is_enabled
        from cw_global.quality_check_definitions as definitions
        inner join ${schema}.quality_check_settings() as settings on settings.check_name = definitions.check_name
        order by definitions.run_order
    loop
        if not v_check.is_enabled then
            v_disabled := v_disabled || v_check.check_name;
            continue;
        end if;
        execute format('insert into quality_results select * from %I.%I($1)', '${schema}', v_check.check_function)
        using p_run_date;
    end loop;

    -- One cause, one failure: an endpoint whose file failed to parse is reported by file_parsable alone, not again
    -- as an empty snapshot or a volume collapse.
    delete from quality_results
    where quality_results.check_name in ('record_count', 'volume_change')
        and exists (select from ${staging_schema}.raw_files as failed
                    where failed.endpoint = quality_results.endpoint and failed.file_date = p_run_date
                        and failed.status = 'failed');

    -- Results, with category, severity (decided by the check from the data, else the client's, else the catalog's)
    -- and fix instructions from the catalog.
    insert into ${schema}.data_quality_checks (
        data_quality_run_id, data_quality_check_category_id, data_quality_check_severity_id, endpoint, check_name,
        passed, expected_value, actual_value, failed_count, detail, fix_instructions, sample_records,
        data_quality_acceptance_id
    )
    select v_run_id, categories.id, severities.id, results.endpoint, results.check_name, results.passed,
           results.expected_value, results.actual_value, coalesce(results.failed_count, 0), results.detail,
           definitions.fix_instructions, results.sample_records,
           case when not results.passed and severities.name = 'critical' then (
               select max(acceptances.id)
               from ${schema}.data_quality_acceptances as acceptances
               where acceptances.run_date = p_run_date
                   and acceptances.accepted_failures @> jsonb_build_array(jsonb_build_object(
                       'endpoint', results.endpoint, 'check', results.check_name))
           ) end
    from quality_results as results
    inner join cw_global.quality_check_definitions as definitions
        on definitions.check_name = split_part(results.check_name, ':', 1)
    inner join ${schema}.quality_check_settings() as settings on settings.check_name = definitions.check_name
    inner join ${schema}.data_quality_check_categories as categories on categories.name = definitions.category
    inner join ${schema}.data_quality_check_severities as severities
        on severities.name = coalesce(results.severity, settings.severity);

    select count(*), count(*) filter (where checks.passed),
           count(*) filter (where not checks.passed and severities.name = 'critical'
                                and checks.data_quality_acceptance_id is null),
           count(*) filter (where not checks.passed and severities.name = 'warning'),
           count(*) filter (where not checks.passed and checks.data_quality_acceptance_id is not null),
           round(100 * (1 - coalesce(sum(case when severities.name = 'critical' then 3 else 1 end)
                                         filter (where not checks.passed), 0)::numeric
                        / greatest(sum(case when severities.name = 'critical' then 3 else 1 end), 1)), 2)
    into v_total, v_passed, v_critical, v_warning, v_accepted, v_score
    from ${schema}.data_quality_checks as checks
    inner join ${schema}.data_quality_check_severities as severities
        on severities.id = checks.data_quality_check_severity_id
    where checks.data_quality_run_id = v_run_id;

    update ${schema}.data_quality_runs
    set data_quality_run_status_id = (select statuses.id from ${schema}.data_quality_run_statuses as statuses
                                      where statuses.name = case when v_critical = 0 then 'passed' else 'failed' end),
        gate_passed = v_critical = 0, overall_score = v_score, critical_count = v_critical,
        warning_count = v_warning, accepted_count = v_accepted, checks_total = v_total, checks_passed = v_passed,
        completed_at = clock_timestamp()
    where data_quality_runs.id = v_run_id;

    -- The trend rows: the record count per endpoint with the baseline the volume check used, and the score.
    insert into ${schema}.data_quality_check_reports (
        endpoint, check_name, run_date, source, metric_value, baseline, deviation_pct, is_baseline_eligible
    )
    select volumes.endpoint, 'record_count', p_run_date, 'gateway', volumes.records, volumes.baseline,
           round(100 * (volumes.records - volumes.baseline) / nullif(volumes.baseline, 0), 2), v_critical = 0
    from ${schema}.quality_volume_baselines(p_run_date) as volumes
    where not exists (select from ${staging_schema}.raw_files as failed
                      where failed.endpoint = volumes.endpoint and failed.file_date = p_run_date
                          and failed.status = 'failed')
    union all
    select '*', 'overall_score', p_run_date, 'gateway', v_score, null, null, v_critical = 0;

    -- No silent backlog: earlier dates whose run is still stopped or failed are named in every report.
    select jsonb_agg(stopped.run_date order by stopped.run_date) into v_backlog
    from ${schema}.stopped_dates(p_run_date) as stopped;

    call ${schema}.report_step(v_raw, v_staged, jsonb_build_object(
        'quality_run_id', v_run_id, 'score', v_score, 'gate_passed', v_critical = 0,
        'critical_failed', v_critical, 'warnings_failed', v_warning, 'checks', v_total)
        || case when v_accepted > 0 then jsonb_build_object('critical_accepted', v_accepted) else '{}' end
        || case when cardinality(v_disabled) > 0 then jsonb_build_object('checks_disabled', v_disabled)
                else '{}' end
        || case when v_backlog is not null then jsonb_build_object('earlier_dates_stopped', v_backlog)
                else '{}' end);
    if v_backlog is not null then
        raise warning 'client ${client_code}: earlier dates still stopped: % (cw run ${client_code} --catch-up)',
            (select string_agg(value, ', ') from jsonb_array_elements_text(v_backlog));
    end if;
    if v_critical > 0 then
        call ${schema}.request_stop(format('quality gate failed: %s critical check(s) failed, score %s '
                                           '(cw report quality %s --date %s)', v_critical, v_score, '${client_code}',
                                           p_run_date));
    end if;
end
$$;
comment on procedure ${schema}.step_quality_gate(date, jsonb) is
'Step 2: Quality Mapper to staging, learns the trading calendar (learn_trading_weekdays), then the '
'DataQualityGateway: every check of cw_global.quality_check_definitions '
'that the client has not switched off (quality_check_settings), each a function quality_check_<name>(date), in '
'run_order; results into data_quality_checks with the severity the check decided, else the client''s, else the '
'catalog''s; the 0-100 score into data_quality_runs; record counts with their baseline (quality_volume_baselines) '
'into data_quality_check_reports. Stops the pipeline (request_stop) when a critical check fails. Re-running a date '
'replaces its gateway run. The scope is ignored: the gate always judges the whole batch.';

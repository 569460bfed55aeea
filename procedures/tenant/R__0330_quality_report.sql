-- The client-facing quality report of one gateway run (cw report quality): score, failed checks grouped by endpoint
-- with offending records and fix instructions, and the score's trend. The CLI renders it as JSON, Markdown or HTML;
-- the UI reads the same JSON.
create or replace function ${schema}.quality_report(p_run_date date, p_trend_days integer default 30)
returns jsonb
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_run_id      bigint;
    v_trend_days  integer := greatest(coalesce(p_trend_days, 30), 1);
    v_known_dates text;
    v_file_keys   jsonb;
    v_report      jsonb;
begin
    select runs.id into v_run_id
    from ${schema}.data_quality_runs as runs
    where runs.run_date = p_run_date;

    if v_run_id is null then
        select string_agg(recent.run_date::text, ', ' order by recent.run_date desc) into v_known_dates
        from (
            select runs.run_date from ${schema}.data_quality_runs as runs order by runs.run_date desc limit 5
        ) as recent;
        raise exception 'no quality gateway run for client % on %', '${client_code}', coalesce(p_run_date::text, 'null')
            using errcode = 'CW030',
                  hint = case when v_known_dates is null
                              then format('the gateway has not run for this client yet: cw run %s --date D',
                                          '${client_code}')
                              else format('latest runs: %s; or run the gateway: cw run %s --date %s', v_known_dates,
                                          '${client_code}', coalesce(p_run_date::text, 'D'))
                         end;
    end if;

    -- Record-level samples name their raw file by id; show its object key to whoever may read the registry (the
    -- owner; the UI role has no access to staging and keeps the ids).
    if has_schema_privilege('${staging_schema}', 'usage') then
        if has_table_privilege('${staging_schema}.raw_files', 'select') then
            select jsonb_object_agg(files.id::text, files.object_key) into v_file_keys
            from ${staging_schema}.raw_files as files
            where files.file_date = p_run_date;
        end if;
    end if;

    with run_checks as (
        select checks.endpoint, checks.check_name, checks.passed, checks.expected_value, checks.actual_value,
               checks.failed_count, checks.detail,
               case when v_file_keys is null or jsonb_typeof(checks.sample_records) <> 'array'
                        then checks.sample_records
                    else (
                        select jsonb_agg(
                                   case when v_file_keys ? (samples.sample ->> 'file')
                                            then samples.sample || jsonb_build_object(
                                                'file', v_file_keys ->> (samples.sample ->> 'file'))
                                        else samples.sample
                                   end order by samples.position)
                        from jsonb_array_elements(checks.sample_records) with ordinality as samples (sample, position)
                    )
               end as sample_records,
               -- the catalog's instructions name the delivery folder as raw-data/{client}/{date}/
               replace(replace(checks.fix_instructions, '{client}', '${client_code}'), '{date}', p_run_date::text)
               as fix_instructions,
               split_part(checks.check_name, ':', 1) as check_base,
               nullif(split_part(checks.check_name, ':', 2), '') as check_subject,
               severities.name as severity, categories.name as category, definitions.description,
               checks.data_quality_check_severity_id as severity_rank
        from ${schema}.data_quality_checks as checks
        inner join ${schema}.data_quality_check_severities as severities
            on severities.id = checks.data_quality_check_severity_id
        inner join ${schema}.data_quality_check_categories as categories
            on categories.id = checks.data_quality_check_category_id
        left join cw_global.quality_check_definitions as definitions
            on definitions.check_name = split_part(checks.check_name, ':', 1)
        where checks.data_quality_run_id = v_run_id
    ),

    endpoints as (
        select run_checks.endpoint,
               count(*) filter (where run_checks.passed) as checks_passed,
               count(*) filter (where not run_checks.passed) as checks_failed,
               count(*) filter (where not run_checks.passed and run_checks.severity = 'critical') as critical_failed,
               count(*) filter (where not run_checks.passed and run_checks.severity = 'warning') as warning_failed,
               coalesce(jsonb_agg(jsonb_build_object(
                   'check_name', run_checks.check_name,
                   'check', run_checks.check_base,
                   'subject', run_checks.check_subject,
                   'severity', run_checks.severity,
                   'category', run_checks.category,
                   'description', run_checks.description,
                   'expected_value', run_checks.expected_value,
                   'actual_value', run_checks.actual_value,
                   'failed_count', run_checks.failed_count,
                   'detail', run_checks.detail,
                   'fix_instructions', run_checks.fix_instructions,
                   'sample_records', coalesce(run_checks.sample_records, '[]')
               ) order by run_checks.severity_rank, run_checks.check_name) filter (where not run_checks.passed), '[]')
               as failed_checks
        from run_checks
        group by run_checks.endpoint
    ),

    trend as (
        select coalesce(jsonb_agg(jsonb_build_object(
                   'run_date', runs.run_date,
                   'score', runs.overall_score,
                   'gate_passed', runs.gate_passed
               ) order by runs.run_date), '[]') as points
        from ${schema}.data_quality_runs as runs
        where runs.run_date between p_run_date - (v_trend_days - 1) and p_run_date
    ),

    report as (
        select jsonb_build_object(
                   'client_code', clients.code,
                   'client_name', clients.name,
                   'run_date', runs.run_date,
                   'status', statuses.name,
                   'score', runs.overall_score,
                   'gate_passed', runs.gate_passed,
                   'critical_count', runs.critical_count,
                   'warning_count', runs.warning_count,
                   'checks_total', runs.checks_total,
                   'checks_passed', runs.checks_passed,
                   'started_at', runs.started_at,
                   'completed_at', runs.completed_at,
                   'trend_days', v_trend_days,
                   'endpoints', (
                       select coalesce(jsonb_agg(jsonb_build_object(
                                  'endpoint', endpoints.endpoint,
                                  'checks_passed', endpoints.checks_passed,
                                  'checks_failed', endpoints.checks_failed,
                                  'critical_failed', endpoints.critical_failed,
                                  'warning_failed', endpoints.warning_failed,
                                  'failed_checks', endpoints.failed_checks
                              ) order by endpoints.critical_failed desc, endpoints.warning_failed desc,
                                         endpoints.endpoint), '[]')
                       from endpoints
                   ),
                   'trend', (select trend.points from trend)
               ) as document
        from ${schema}.data_quality_runs as runs
        inner join ${schema}.data_quality_run_statuses as statuses
            on statuses.id = runs.data_quality_run_status_id
        inner join cw_global.clients on clients.schema_name = '${schema}'
        where runs.id = v_run_id
    )

    select report.document into v_report from report;
    return v_report;
end
$$;
comment on function ${schema}.quality_report(date, integer) is
'The quality report of the gateway run of a date, as JSON: client, status, 0-100 score, gate result and counts; '
'per endpoint (those with critical failures first) the passed-check count and the failed checks with severity, '
'category, expected and actual values, detail, fix instructions (delivery folder filled in) and up to five '
'offending records (raw file ids shown as object keys when the caller may read the raw registry); and the score '
'trend [{run_date, score, gate_passed}] of the runs in the p_trend_days days up to the date. SQLSTATE CW030 when '
'the gateway has not run for the date. Rendered by cw report quality (json, md, html).';

grant execute on function ${schema}.quality_report(date, integer) to ${ui_role};

-- Gate catalog: a client switches a check off or changes its severity (quality.disabled_checks, critical_checks,
-- warning_checks); bad names raise CW090.
begin;
select plan(6);

select tests.quality_empty_staging();
call cw_000901.step_quality_gate('2030-06-04', null);
select ok((select critical_count > 0 from cw_000901.data_quality_runs where run_date = '2030-06-04'),
          'by default a day without files fails critical checks (file_present, record_count)');

update cw_global.clients
set settings = jsonb_set(settings, '{quality}', '{"warning_checks": ["file_present"],
                                                   "disabled_checks": ["record_count"]}')
where code = 'CW-000901';
call cw_000901.step_quality_gate('2030-06-04', null);
select is((select gate_passed from cw_000901.data_quality_runs where run_date = '2030-06-04'), true,
          'with file_present a warning and record_count off, the same day passes the gate');
select is((select string_agg(distinct severities.name, ',') from cw_000901.data_quality_checks as checks
           inner join cw_000901.data_quality_check_severities as severities
               on severities.id = checks.data_quality_check_severity_id
           where checks.check_name = 'file_present'), 'warning', 'file_present is reported as a warning');
select is((select count(*)::integer from cw_000901.data_quality_checks where check_name = 'record_count'), 0,
          'a switched-off check is not run');

update cw_global.clients set settings = jsonb_set(settings, '{quality}', '{"disabled_checks": ["volume"]}')
where code = 'CW-000901';
select throws_ok($$ select count(*) from cw_000901.quality_check_settings() $$, 'CW090',
                 'quality check settings of client CW-000901 name unknown check(s) volume',
                 'an unknown check name raises CW090');
update cw_global.clients
set settings = jsonb_set(settings, '{quality}', '{"critical_checks": ["volume_change"],
                                                   "warning_checks": ["volume_change"]}')
where code = 'CW-000901';
select throws_ok($$ select count(*) from cw_000901.quality_check_settings() $$, 'CW090', null,
                 'a check both critical and a warning raises CW090');

select * from finish();
rollback;

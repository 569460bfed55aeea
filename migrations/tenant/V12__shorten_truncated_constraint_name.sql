-- V3 named the unique key of data_quality_check_reports with 67 characters; PostgreSQL silently cut it to 63
-- (data_quality_check_reports_run_date_source_endpoint_check_name_). Give it a name that fits, so that error messages
-- and tests can rely on it.
alter table ${schema}.data_quality_check_reports
rename constraint data_quality_check_reports_run_date_source_endpoint_check_name_
to data_quality_check_reports_run_check_key;
comment on constraint data_quality_check_reports_run_check_key on ${schema}.data_quality_check_reports is
'One report row per run date, source, endpoint and check.';

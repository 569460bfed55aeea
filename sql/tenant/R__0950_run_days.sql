-- The latest run of each date with its quality gate: what cw demo prints per day.
create or replace view ${schema}.run_days as
with latest_runs as (
    select distinct on (pipeline_runs.run_date)
        pipeline_runs.run_date,
        pipeline_runs.id as pipeline_run_id,
        pipeline_runs.status as run_status
    from ${schema}.pipeline_runs
    order by pipeline_runs.run_date asc, pipeline_runs.id desc
),

final as (
    select
        latest_runs.run_date,
        latest_runs.pipeline_run_id,
        latest_runs.run_status,
        data_quality_runs.gate_passed,
        data_quality_runs.overall_score,
        data_quality_runs.critical_count,
        data_quality_runs.warning_count
    from latest_runs
    left join ${schema}.data_quality_runs on data_quality_runs.run_date = latest_runs.run_date
)

select * from final;
comment on view ${schema}.run_days is
'One row per run date: its latest pipeline run and the outcome of its quality gate (null when the gate did not run). '
'cw demo prints it; e.g. select * from run_days order by run_date desc limit 14.';
comment on column ${schema}.run_days.run_date is 'The date the pipeline ran for.';
comment on column ${schema}.run_days.pipeline_run_id is 'The latest run of that date (pipeline_runs.id).';
comment on column ${schema}.run_days.run_status is
'Outcome of that run: running, succeeded, failed, stopped, abandoned.';
comment on column ${schema}.run_days.gate_passed is 'False when a critical quality check failed and stopped the run.';
comment on column ${schema}.run_days.overall_score is 'Quality score of the gateway run, 0-100.';
comment on column ${schema}.run_days.critical_count is 'Critical quality checks that failed.';
comment on column ${schema}.run_days.warning_count is 'Warning quality checks that failed.';

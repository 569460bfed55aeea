-- The step table of the latest run of each date: what cw run and cw demo print.
create or replace view ${schema}.latest_run_steps as
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
        pipeline_step_runs.step_no,
        pipeline_step_runs.step_name,
        pipeline_step_runs.status,
        pipeline_step_runs.rows_in,
        pipeline_step_runs.rows_out,
        round(extract(epoch from pipeline_step_runs.finished_at - pipeline_step_runs.started_at)::numeric, 2)
        as seconds,
        coalesce(pipeline_step_runs.error_sqlstate || ' ' || split_part(pipeline_step_runs.error, chr(10), 1),
            pipeline_step_runs.detail ->> 'reason', pipeline_step_runs.detail ->> 'stop_reason',
            'earlier dates still stopped: ' || (
                select string_agg(stopped.run_date, ', ')
                from jsonb_array_elements_text(pipeline_step_runs.detail -> 'earlier_dates_stopped')
                    as stopped (run_date)
            ), '') as note
    from latest_runs
    inner join ${schema}.pipeline_step_runs on pipeline_step_runs.pipeline_run_id = latest_runs.pipeline_run_id
)

select * from final;
comment on view ${schema}.latest_run_steps is
'The steps of the latest pipeline run of each date, in order, with their time, rows and a one-line note (the error '
'with its SQLSTATE, the reason a step was skipped, or why it stopped the run). cw run prints it; e.g. '
'select * from latest_run_steps where run_date = current_date order by step_no.';
comment on column ${schema}.latest_run_steps.run_date is 'The date the pipeline ran for.';
comment on column ${schema}.latest_run_steps.pipeline_run_id is 'The latest run of that date.';
comment on column ${schema}.latest_run_steps.run_status is 'Outcome of the whole run.';
comment on column ${schema}.latest_run_steps.step_no is 'Position of the step in cw_global.pipeline_steps.';
comment on column ${schema}.latest_run_steps.step_name is 'Step name (ingest, quality_gate, load, ...).';
comment on column ${schema}.latest_run_steps.status is 'running, succeeded, failed, stopped, skipped or abandoned.';
comment on column ${schema}.latest_run_steps.seconds is 'Wall time of the step in seconds.';
comment on column ${schema}.latest_run_steps.rows_in is 'Rows the step read, as it reported them.';
comment on column ${schema}.latest_run_steps.rows_out is 'Rows the step wrote, as it reported them.';
comment on column ${schema}.latest_run_steps.note is
'First line of the error with its SQLSTATE, or the skip or stop reason, or the earlier dates still stopped (the '
'quality gate''s backlog report); empty when none.';

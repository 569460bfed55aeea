-- The orchestrator's run log: one row per run, one row per step of a run.

-- Routines of this client (created by its owner role) are not callable by PUBLIC: each grant to the UI
-- role is explicit. Per-schema defaults cannot take away the global PUBLIC grant, hence no IN SCHEMA.
alter default privileges revoke execute on routines from public;

create table ${schema}.pipeline_runs (
    id bigint generated always as identity,
    run_date date not null,
    from_step text,
    to_step text,
    scope jsonb,
    status text not null default 'running',
    resumed_from_run_id bigint,
    triggered_by text not null default current_user,
    started_at timestamptz not null default clock_timestamp(),
    finished_at timestamptz,
    error text,
    constraint pipeline_runs_pkey primary key (id),
    constraint pipeline_runs_resumed_from_run_id_fkey foreign key (resumed_from_run_id)
    references ${schema}.pipeline_runs (id),
    constraint pipeline_run_status_check check (status in ('running', 'succeeded', 'failed', 'stopped', 'abandoned')),
    constraint pipeline_run_finished_check check ((status = 'running') = (finished_at is null)),
    constraint pipeline_run_scope_check check (scope is null or jsonb_typeof(scope) = 'object')
);
create index pipeline_runs_run_date_idx on ${schema}.pipeline_runs (run_date, id desc);
comment on table ${schema}.pipeline_runs is
'One row per call of run_pipeline: the date it ran for, the step range and scope, its status and error. '
'A failed, stopped or abandoned run is resumed by the next call for the same date and scope.';
comment on column ${schema}.pipeline_runs.run_date is 'Business date the run computes (the client''s local '
'date for nightly runs).';
comment on column ${schema}.pipeline_runs.from_step is 'First step asked for (null: the first step, or the '
'resume point).';
comment on column ${schema}.pipeline_runs.to_step is 'Last step asked for (null: the last step of the catalog).';
comment on column ${schema}.pipeline_runs.scope is 'Incremental scope {"products": [...], "locations": '
'[...]}; null for a full run.';
comment on column ${schema}.pipeline_runs.status is
'running; succeeded; failed (a step raised an error); stopped (a step asked to stop, e.g. the quality gate); '
'abandoned (the session died mid-run: found by the next run).';
comment on column ${schema}.pipeline_runs.resumed_from_run_id is 'The failed, stopped or abandoned run this '
'run resumed.';
comment on column ${schema}.pipeline_runs.triggered_by is 'Database role that called run_pipeline (the owner '
'role for pg_cron jobs).';
comment on column ${schema}.pipeline_runs.error is 'Why the run did not succeed, with the failing step and SQLSTATE.';

create table ${schema}.pipeline_step_runs (
    id bigint generated always as identity,
    pipeline_run_id bigint not null,
    step_no smallint not null,
    step_name text not null,
    status text not null default 'running',
    started_at timestamptz not null default clock_timestamp(),
    finished_at timestamptz,
    rows_in bigint,
    rows_out bigint,
    detail jsonb,
    error_sqlstate text,
    error text,
    constraint pipeline_step_runs_pkey primary key (id),
    constraint pipeline_step_runs_pipeline_run_id_fkey foreign key (pipeline_run_id)
    references ${schema}.pipeline_runs (id) on delete cascade,
    constraint pipeline_step_runs_pipeline_run_id_step_no_key unique (pipeline_run_id, step_no),
    constraint pipeline_step_status_check check (
        status in ('running', 'succeeded', 'failed', 'skipped', 'stopped', 'abandoned')
    ),
    constraint pipeline_step_rows_check check (rows_in >= 0 and rows_out >= 0),
    constraint pipeline_step_error_check check ((status = 'failed') = (error is not null))
);
comment on table ${schema}.pipeline_step_runs is
'One row per step of a pipeline run: status, timings, rows read and written, details and the error if it failed.';
comment on column ${schema}.pipeline_step_runs.status is
'running; succeeded; failed (error and error_sqlstate set; the step''s work was rolled back); skipped (procedure not '
'installed, reason in detail); stopped (the step finished and asked the run to stop); abandoned (session died).';
comment on column ${schema}.pipeline_step_runs.rows_in is 'Rows the step read, as reported by the step.';
comment on column ${schema}.pipeline_step_runs.rows_out is 'Rows the step wrote, as reported by the step.';
comment on column ${schema}.pipeline_step_runs.detail is 'Step-specific facts (counts per table, scores, skip '
'reason) as JSON.';
comment on column ${schema}.pipeline_step_runs.error_sqlstate is 'SQLSTATE of the error that failed the step.';
comment on column ${schema}.pipeline_step_runs.error is 'Message, detail and context of the error that failed '
'the step.';

grant select on ${schema}.pipeline_runs, ${schema}.pipeline_step_runs to ${ui_role};

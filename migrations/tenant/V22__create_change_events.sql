-- Cyclicity (seed 001, DESIGN.md "Cyclicity and change impact", docs/cyclicity.md): every UI edit of a UI-owned
-- column (field_ownership.owner = 'ui') becomes a change event, written by a statement-level trigger
-- (change_events_capture, installed on every table with UI-owned columns after each migrate); the processor
-- process_change_events turns pending events into the smallest pipeline re-runs (change_runs) that make the derived
-- values consistent again, following cw_global.change_impact_rules.

create table ${schema}.change_runs (
    id bigint generated always as identity,
    severity text not null,
    from_step text,
    to_step text,
    scope jsonb,
    run_date date,
    event_count integer not null,
    pipeline_run_id bigint,
    status text not null default 'running',
    started_at timestamptz not null default clock_timestamp(),
    finished_at timestamptz,
    note text,
    error text,
    constraint change_runs_pkey primary key (id),
    constraint change_runs_pipeline_run_id_fkey foreign key (pipeline_run_id) references ${schema}.pipeline_runs (id),
    constraint change_run_severity_check check (severity in ('none', 'local', 'moderate', 'cascade', 'gate')),
    constraint change_run_status_check check (
        status in ('running', 'succeeded', 'failed', 'abandoned', 'not_needed')
    ),
    constraint change_run_finished_check check ((status = 'running') = (finished_at is null)),
    constraint change_run_scope_check check (scope is null or jsonb_typeof(scope) = 'object'),
    constraint change_run_event_count_check check (event_count >= 0)
);
create index change_runs_pipeline_run_id_idx on ${schema}.change_runs (pipeline_run_id);
comment on table ${schema}.change_runs is
'One row per re-run the change processor (process_change_events) decided on: the coalesced events of one severity, '
'step range and scope, the pipeline run that carried them out and its outcome. not_needed: the events needed no '
're-run (severity none, an empty scope, or nothing computed yet).';
comment on column ${schema}.change_runs.severity is 'The severity that decided the run: local (one step, scoped), '
'moderate (from a step to the end, scoped), cascade or gate (client-wide), none (no run).';
comment on column ${schema}.change_runs.from_step is 'First step re-run (cw_global.pipeline_steps.name).';
comment on column ${schema}.change_runs.to_step is 'Last step re-run; null = to the last step.';
comment on column ${schema}.change_runs.scope is 'The run''s scope {"products": [ERP ids], "locations": [ERP ids]}; '
'null = the whole client.';
comment on column ${schema}.change_runs.run_date is 'Date re-run: the date of the latest successful unscoped '
'pipeline run (what the UI shows); null when nothing was computed yet.';
comment on column ${schema}.change_runs.event_count is 'Change events this run handled.';
comment on column ${schema}.change_runs.pipeline_run_id is 'The pipeline_runs row of the re-run; null when no run '
'was needed.';
comment on column ${schema}.change_runs.status is 'running, succeeded, failed (its events stay pending with the '
'error), abandoned (the processor''s session died; found by the next pass) or not_needed.';
comment on column ${schema}.change_runs.started_at is 'When the processor started the run.';
comment on column ${schema}.change_runs.finished_at is 'When it ended.';
comment on column ${schema}.change_runs.note is 'Why the run is what it is when it is not what the rules say: '
'widened to the whole client (the scope exceeded changes.whole_client_above_pct), or not needed because nothing '
'was computed yet.';
comment on column ${schema}.change_runs.error is 'Why the re-run failed (the pipeline run''s error).';

create table ${schema}.change_events (
    id bigint generated always as identity,
    table_name text not null,
    row_id bigint not null,
    row_key jsonb not null,
    column_name text not null,
    old_value jsonb,
    new_value jsonb,
    changed_by text not null default current_user,
    app_user text,
    changed_at timestamptz not null default now(),
    transaction_id xid8 not null default pg_current_xact_id(),
    status text not null default 'pending',
    change_run_id bigint,
    attempts integer not null default 0,
    last_error text,
    processed_at timestamptz,
    constraint change_events_pkey primary key (id),
    constraint change_events_change_run_id_fkey foreign key (change_run_id) references ${schema}.change_runs (id),
    constraint change_event_status_check check (status in ('pending', 'processed')),
    constraint change_event_processed_check check ((status = 'processed') = (processed_at is not null)),
    constraint change_event_row_key_check check (jsonb_typeof(row_key) = 'object'),
    constraint change_event_attempts_check check (attempts >= 0)
);
create index change_events_pending_idx on ${schema}.change_events (id) where status = 'pending';
create index change_events_change_run_id_idx on ${schema}.change_events (change_run_id);
create index change_events_table_name_row_id_idx on ${schema}.change_events (table_name, row_id, changed_at);
comment on table ${schema}.change_events is
'Every UI edit of a UI-owned column (field_ownership owner = ui), one row per row and column whose value changed, '
'written by the statement-level trigger change_events_capture (never by load or other pipeline writes: they do '
'not change UI-owned columns). Pending events are turned into re-runs by process_change_events. The UI role may '
'read them (its edit history) but not write them.';
comment on column ${schema}.change_events.table_name is 'Production table edited.';
comment on column ${schema}.change_events.row_id is 'id of the edited row.';
comment on column ${schema}.change_events.row_key is 'The row''s keys as they were after the edit: id, erp_id and '
'the product, location and supplier ids it carries (what the processor scopes re-runs by).';
comment on column ${schema}.change_events.column_name is 'UI-owned column whose value changed.';
comment on column ${schema}.change_events.old_value is 'Value before the edit, as JSON (null for SQL NULL).';
comment on column ${schema}.change_events.new_value is 'Value after the edit, as JSON (null for SQL NULL).';
comment on column ${schema}.change_events.changed_by is 'Database role that made the edit (the client''s UI role '
'for UI edits).';
comment on column ${schema}.change_events.app_user is 'Application user, when the UI sets it in the session: '
'set cw.app_user = ''jane@client''.';
comment on column ${schema}.change_events.changed_at is 'Start of the editing transaction.';
comment on column ${schema}.change_events.transaction_id is 'Transaction of the edit: the events of one save share '
'it.';
comment on column ${schema}.change_events.status is 'pending (waits for the processor, also after a failed re-run) '
'or processed.';
comment on column ${schema}.change_events.change_run_id is 'The change run that handled the event (processed) or '
'last tried to (pending after a failure).';
comment on column ${schema}.change_events.attempts is 'Re-runs tried for the event so far.';
comment on column ${schema}.change_events.last_error is 'Error of the last failed re-run; cleared when processed.';
comment on column ${schema}.change_events.processed_at is 'When the processor marked the event processed.';

insert into ${schema}.field_ownership (table_name, column_name, owner)
select
    columns.table_name,
    columns.column_name,
    'pipeline' as column_owner
from information_schema.columns
where columns.table_schema = '${schema}'
    and columns.table_name in ('change_events', 'change_runs');

revoke all on ${schema}.change_events, ${schema}.change_runs from ${ui_role};
grant select on ${schema}.change_events, ${schema}.change_runs to ${ui_role};

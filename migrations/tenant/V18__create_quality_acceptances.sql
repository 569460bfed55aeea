-- A way past a false alarm: a client's administrator or a DBA accepts a gate failure of a date, recorded with who,
-- when and why; the gate's next run for that date reports the accepted checks as failed but no longer stops on them.

create table ${schema}.data_quality_acceptances (
    id bigint generated always as identity,
    run_date date not null,
    check_name text,
    reason text not null,
    accepted_failures jsonb not null,
    accepted_by text not null default current_user,
    accepted_at timestamptz not null default now(),
    constraint data_quality_acceptances_pkey primary key (id),
    constraint data_quality_acceptance_reason_check check (length(btrim(reason)) >= 5),
    constraint data_quality_acceptance_failures_check check (
        jsonb_typeof(accepted_failures) = 'array' and jsonb_array_length(accepted_failures) > 0
    )
);
create index data_quality_acceptances_run_date_idx on ${schema}.data_quality_acceptances (run_date);
comment on table ${schema}.data_quality_acceptances is
'Audit of accepted quality gate failures (cw gate accept): one row per acceptance, never updated or deleted '
'(trigger, CW096). The gate treats a failed critical check of the date with the accepted name (or any, when '
'check_name is null) as accepted: reported, scored, but it no longer stops the run.';
comment on column ${schema}.data_quality_acceptances.run_date is 'The run date whose gate failure is accepted.';
comment on column ${schema}.data_quality_acceptances.check_name is
'The accepted check (without the :column suffix, e.g. volume_change); null accepts every failed critical check of '
'the date as it stood when accepted.';
comment on column ${schema}.data_quality_acceptances.reason is 'Why the failure is a false alarm (required).';
comment on column ${schema}.data_quality_acceptances.accepted_failures is
'The failed critical checks the acceptance covered when it was made: [{endpoint, check, detail}] (the audit trail).';
comment on column ${schema}.data_quality_acceptances.accepted_by is 'Database role that accepted (current_user).';
comment on column ${schema}.data_quality_acceptances.accepted_at is 'When.';

alter table ${schema}.data_quality_checks
add column data_quality_acceptance_id bigint,
add constraint data_quality_checks_data_quality_acceptance_id_fkey foreign key (data_quality_acceptance_id)
references ${schema}.data_quality_acceptances (id);
comment on column ${schema}.data_quality_checks.data_quality_acceptance_id is
'Set on a failed critical check that an acceptance of its date covers: it still counts in the score but does not '
'fail the gate.';

alter table ${schema}.data_quality_runs
add column accepted_count integer not null default 0;
comment on column ${schema}.data_quality_runs.accepted_count is
'Failed critical checks covered by an acceptance (data_quality_acceptances): not counted in critical_count.';

grant select, insert on ${schema}.data_quality_acceptances to ${ui_role};

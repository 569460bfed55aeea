-- Journal of UI edits (disaster recovery, issue 18). UI edits are not in the raw ERP files, so a full rebuild
-- from S3 needs them too: every update of a UI-owned column is recorded here by the trigger of
-- R__1800_journal_ui_edits and copied append-only to S3 (ui-edits/{client}/...) by `cw backup` / `cw journal flush`.
-- A rebuild replays each edit after the pipeline run it followed (after_run_date).
create table ${schema}.ui_edits (
    id bigint generated always as identity,
    edit_uuid uuid not null default gen_random_uuid(),
    edited_at timestamptz not null default clock_timestamp(),
    edited_by text not null default current_user,
    table_name text not null,
    row_key jsonb not null,
    changes jsonb not null,
    after_run_date date,
    object_key text,
    exported_at timestamptz,
    constraint ui_edits_pkey primary key (id),
    constraint ui_edits_edit_uuid_key unique (edit_uuid),
    constraint ui_edit_table_name_check check (table_name in ('products', 'locations', 'suppliers',
                                                              'product_suppliers', 'location_lanes',
                                                              'client_settings')),
    constraint ui_edit_row_key_check check (jsonb_typeof(row_key) = 'object'),
    constraint ui_edit_changes_check check (jsonb_typeof(changes) = 'object' and changes != '{}'),
    constraint ui_edit_export_check check ((object_key is null) = (exported_at is null))
);
create index ui_edits_unexported_idx on ${schema}.ui_edits (id) where object_key is null;
comment on table ${schema}.ui_edits is
'Append-only journal of UI edits (updates of UI-owned columns, field_ownership owner = ui), one row per edited row '
'and statement, written by the trigger journal_ui_edits. Copied to S3 ui-edits/{client}/{date}/... by cw backup or '
'cw journal flush (object_key set then); a rebuild replays them with apply_ui_edit. See docs/recovery.md.';
comment on column ${schema}.ui_edits.id is 'Local order of the edits (surrogate; not the identity across rebuilds).';
comment on column ${schema}.ui_edits.edit_uuid is 'Identity of the edit across backups, restores and rebuilds: a '
'replayed edit keeps its uuid, so it is never journaled twice.';
comment on column ${schema}.ui_edits.edited_at is 'When the edit was made (statement clock).';
comment on column ${schema}.ui_edits.edited_by is 'Database role that made the edit (the client''s UI role).';
comment on column ${schema}.ui_edits.table_name is 'Edited production table.';
comment on column ${schema}.ui_edits.row_key is 'Business key of the edited row (ERP ids, setting key), never a '
'surrogate id: {"erp_id": "P000123"}, {"product_erp_id", "supplier_erp_id"}, {"from_erp_id", "to_erp_id"}, '
'{"setting_key"}.';
comment on column ${schema}.ui_edits.changes is 'New values of the UI-owned columns the edit changed, as JSON.';
comment on column ${schema}.ui_edits.after_run_date is 'Latest pipeline run date when the edit was made: a rebuild '
'applies the edit after running this date and before the next (null: before the first run).';
comment on column ${schema}.ui_edits.object_key is 'S3 object that holds the edit (null: not yet copied to S3).';
comment on column ${schema}.ui_edits.exported_at is 'When the edit was copied to S3.';

revoke all on ${schema}.ui_edits from public;
-- The UI role's edits append to the journal through the trigger (security invoker): insert, never update/delete.
grant select, insert on ${schema}.ui_edits to ${ui_role};

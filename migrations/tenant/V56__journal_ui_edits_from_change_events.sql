-- One capture of UI edits (issue 18 point 3, docs/recovery.md "Journal of UI edits"): the disaster-recovery journal
-- is now read from change_events, which captures every UI-owned column of every table (inserts and deletes of the
-- override tables included), instead of a trigger of its own on six tables. change_events records which journal
-- object holds each event; the old trigger and its function go; ui_edits keeps the edits journaled before this
-- version (cw journal flush still copies any it has not copied, and a replay skips their uuids).
alter table ${schema}.change_events add column journal_edit_uuid uuid;
alter table ${schema}.change_events add column journal_object_key text;
alter table ${schema}.change_events add column journaled_at timestamptz;
alter table ${schema}.change_events add constraint change_event_journal_check
check ((journal_object_key is null) = (journaled_at is null));
create index change_events_unjournaled_idx on ${schema}.change_events (id) where journal_object_key is null;
create index change_events_journal_edit_uuid_idx on ${schema}.change_events (journal_edit_uuid);
comment on column ${schema}.change_events.journal_edit_uuid is 'Identity of the UI edit this event belongs to in '
'the S3 journal (ui-edits/{client}/...): the events of one row, table, operation and transaction form one edit. '
'Set when the edit is copied to S3, or, in a restored or rebuilt client, by apply_ui_edit to the replayed edit''s '
'uuid (so that it is never journaled twice). Null: not yet in S3.';
comment on column ${schema}.change_events.journal_object_key is 'S3 object of the UI edit journal that holds this '
'event (null: not yet copied; cw journal flush and cw backup copy it).';
comment on column ${schema}.change_events.journaled_at is 'When the event was copied to (or replayed from) the S3 '
'journal.';

insert into ${schema}.field_ownership (table_name, column_name, owner)
values ('change_events', 'journal_edit_uuid', 'pipeline'),
('change_events', 'journal_object_key', 'pipeline'),
('change_events', 'journaled_at', 'pipeline');

do $$
declare
    v_table text;
begin
    foreach v_table in array array['products', 'locations', 'suppliers', 'product_suppliers', 'location_lanes',
                                   'client_settings'] loop
        execute format('drop trigger if exists %I on %I.%I', v_table || '_journal_ui_edits', '${schema}', v_table);
    end loop;
end
$$;
drop function if exists ${schema}.journal_ui_edits();
drop function if exists ${schema}.apply_ui_edit(uuid, timestamptz, text, text, jsonb, jsonb, date, text);

comment on table ${schema}.ui_edits is
'UI edits journaled before change_events became the journal''s source (format 1; now read-only history): '
'cw journal flush still copies rows not yet in S3, and a replay skips edits whose uuid is here. New edits are '
'journaled from change_events (journal_edit_uuid, journal_object_key). See docs/recovery.md.';
revoke insert on ${schema}.ui_edits from ${ui_role};

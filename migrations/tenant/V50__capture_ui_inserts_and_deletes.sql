-- Change events for rows the UI inserts or deletes (an override per product x location, a supply-network override)
-- and for UI tables keyed by something other than an id column: row_id becomes optional and each event says which
-- operation it records.
alter table ${schema}.change_events alter column row_id drop not null;
alter table ${schema}.change_events add column operation text not null default 'update';
alter table ${schema}.change_events add constraint change_event_operation_check
check (operation in ('insert', 'update', 'delete'));
comment on column ${schema}.change_events.row_id is
'id of the edited row; null for a table keyed otherwise (its primary key columns are in row_key).';
comment on column ${schema}.change_events.row_key is 'The row''s keys as they were after the edit (before it, for '
'a delete): id, erp_id, the product, location and supplier ids it carries, and its primary key columns (what the '
'processor scopes re-runs by).';
comment on column ${schema}.change_events.operation is 'What the UI did to the row: update (a UI-owned value '
'changed), insert (a new row: one event per UI-owned column with a value, old_value null) or delete (one event per '
'UI-owned column that had a value, new_value null).';
comment on column ${schema}.change_events.column_name is 'UI-owned column whose value changed, was set by an '
'insert or removed by a delete.';

insert into ${schema}.field_ownership (table_name, column_name, owner)
values ('change_events', 'operation', 'pipeline');

-- The supply network's UI override (issue 14 point 4): the planner's word on where a location gets a supplier's
-- products from, which wins over what the history of purchase orders, receipts and transfers says. The derived network
-- itself is the function supply_network_as_of(date) and the view supply_network (docs/recommendations.md).
create table ${schema}.supply_network_overrides (
    id integer generated always as identity,
    location_id integer not null,
    supplier_id integer,
    source_location_id integer,
    note text,
    updated_at timestamptz not null default now(),
    updated_by text not null default current_user,
    constraint supply_network_overrides_pkey primary key (id),
    constraint supply_network_overrides_location_id_fkey foreign key (location_id)
    references ${schema}.locations (id),
    constraint supply_network_overrides_supplier_id_fkey foreign key (supplier_id)
    references ${schema}.suppliers (id),
    constraint supply_network_overrides_source_location_id_fkey foreign key (source_location_id)
    references ${schema}.locations (id),
    constraint supply_network_override_source_check check (source_location_id != location_id),
    constraint supply_network_override_note_check check (length(note) <= 1000),
    constraint supply_network_override_by_check check (length(updated_by) <= 200)
);
-- One row per location and supplier, and one location-wide row (supplier_id null) per location.
create unique index supply_network_overrides_location_id_supplier_id_key
on ${schema}.supply_network_overrides (location_id, coalesce(supplier_id, 0));
create index supply_network_overrides_source_location_id_idx
on ${schema}.supply_network_overrides (source_location_id);
comment on table ${schema}.supply_network_overrides is
'UI-owned: the planner''s supply network. One row says where location_id gets the products of supplier_id (null: of '
'every supplier without a row of its own) from: source_location_id by transfer, or (null) by purchase order from the '
'supplier itself. Wins over the network derived from history (supply_network_as_of); neither the load nor the '
'pipeline writes it.';
comment on column ${schema}.supply_network_overrides.id is 'UI: identity of the override row.';
comment on column ${schema}.supply_network_overrides.location_id is 'UI: the location being supplied.';
comment on column ${schema}.supply_network_overrides.supplier_id is
'UI: the supplier whose products the row is about; null = every supplier without a row of its own.';
comment on column ${schema}.supply_network_overrides.source_location_id is
'UI: the location that supplies them by transfer; null = the location buys them from the supplier (purchase order).';
comment on column ${schema}.supply_network_overrides.note is 'UI: why the planner set it.';
comment on column ${schema}.supply_network_overrides.updated_at is 'UI: when it was last changed.';
comment on column ${schema}.supply_network_overrides.updated_by is 'UI: database role that last changed it.';
comment on index ${schema}.supply_network_overrides_location_id_supplier_id_key is
'One override per location and supplier, and one location-wide override (supplier_id null) per location.';
comment on index ${schema}.supply_network_overrides_source_location_id_idx is
'Overrides that name a location as source (and its FK).';

revoke all on ${schema}.supply_network_overrides from ${ui_role};
grant select, insert, update, delete on ${schema}.supply_network_overrides to ${ui_role};

-- The override table is the planner's own: every column is UI-owned (the change events of cyclicity follow this).
insert into ${schema}.field_ownership (table_name, column_name, owner)
select
    columns.table_name,
    columns.column_name,
    'ui' as column_owner
from information_schema.columns
where columns.table_schema = '${schema}' and columns.table_name = 'supply_network_overrides';

comment on column ${schema}.po_recommendations.location_id is
'The receiving location: one that buys the supplier''s products itself per the supply network '
'(supply_network_as_of), not by transfer from another location.';

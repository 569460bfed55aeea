begin;
select plan(4);

insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
values ('LJ1', 'journal store', 'store', 1, 'active', '2024-01-01', md5('LJ1')::uuid),
('LJ2', 'journal dc', 'dc', 2, 'active', '2024-01-01', md5('LJ2')::uuid);
set local role cw_000901_ui;
insert into cw_000901.supply_network_overrides (location_id, source_location_id, note)
select store.id, dc.id, 'journal test'
from cw_000901.locations as store, cw_000901.locations as dc
where store.erp_id = 'LJ1' and dc.erp_id = 'LJ2';
reset role;

select is(
    (select row_key from cw_000901.ui_edit_journal_pending() where table_name = 'supply_network_overrides' and changes ->> 'note' = 'journal test'),
    '{"location_id": {"erp_id": "LJ1"}, "supplier_id": null}'::jsonb,
    'the row is named by its journal key, the location by its ERP id'
);
select is(
    (select changes -> 'source_location_id' from cw_000901.ui_edit_journal_pending()
     where table_name = 'supply_network_overrides' and changes ->> 'note' = 'journal test'),
    '{"erp_id": "LJ2"}'::jsonb,
    'a reference in the new values is the referenced row''s ERP id, never its surrogate id'
);
select is(
    (select operation from cw_000901.ui_edit_journal_pending() where table_name = 'supply_network_overrides' and changes ->> 'note' = 'journal test'),
    'insert',
    'an insert by the UI is journaled as an insert'
);
select is(
    cw_000901.ui_journal_import('supply_network_overrides', '{"source_location_id": {"erp_id": "LJ2"}}', null)
    -> 'source_location_id',
    (select to_jsonb(id) from cw_000901.locations where erp_id = 'LJ2'),
    'ui_journal_import turns the ERP id back into this client''s id'
);

select * from finish();
rollback;

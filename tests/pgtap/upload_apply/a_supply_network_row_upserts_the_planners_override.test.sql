begin;
select plan(3);

select tests.stage_hammer_masters(tests.open_load_batch('2024-03-01'));
call cw_000901.step_load('2024-03-01', null);

select tests.staged_upload('supply-network', array[
    '{"location_id": "L002", "supplier_id": "S0001", "source_location_id": "L001", "note": "via the warehouse"}',
    '{"location_id": "L001", "source_location_id": "L001"}',
    '{"location_id": "L001", "supplier_id": "S0001"}'
]::jsonb []) as upload_id \gset
call cw_000901.upload_apply(:upload_id, null);

select results_eq(
    $$ select locations.erp_id, sources.erp_id, overrides.note
       from cw_000901.supply_network_overrides as overrides
       inner join cw_000901.locations on locations.id = overrides.location_id
       left join cw_000901.locations as sources on sources.id = overrides.source_location_id
       order by 1 $$,
    $$ values ('L001', null::text, null::text), ('L002', 'L001', 'via the warehouse') $$,
    'rows become overrides: the store gets S0001 from the warehouse, the warehouse buys direct'
);
select is(
    (select problem from cw_000901.client_upload_errors where row_number = 3),
    'out_of_range',
    'a location named as its own source is rejected'
);

select tests.staged_upload('supply-network', array[
    '{"location_id": "L002", "supplier_id": "S0001", "note": "direct now"}'
]::jsonb []) as upload_id \gset
call cw_000901.upload_apply(:upload_id, null);
select results_eq(
    $$ select count(*), count(*) filter (where source_location_id is null and note = 'direct now')
       from cw_000901.supply_network_overrides $$,
    $$ values (2::bigint, 1::bigint) $$,
    'a later file updates the override of the same location and supplier; rows it does not name stay'
);

select * from finish();
rollback;

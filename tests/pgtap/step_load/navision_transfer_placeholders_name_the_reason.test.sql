begin;
select plan(4);

-- Navision sends no reason on a transfer: its ExternalDocumentNo holds a store order number, or a placeholder for the
-- moves that answer none (STORE CLOSURE: a closing store's return; REBALANCE: excess moved to a sibling). The test
-- client speaks navision for this transaction only.
update cw_global.clients
set erp_dialect_id = (select erp_dialects.id from cw_global.erp_dialects where erp_dialects.code = 'navision')
where clients.code = 'CW-000901';

-- The day's batch: the masters most load tests start from (supplier S0001, warehouse L001, store L002 and the hammer
-- P000001), a second store of the warehouse, L003, and three transfers.
create temporary table tap_file as select tests.open_load_batch('2024-03-01') as id;
select tests.stage_hammer_masters(tap_file.id) from tap_file;
insert into cw_000901_staging.staging_locations (raw_file_id, record_no, location_id, name, type, echelon,
                                                 parent_location_id, city, country, currency, timezone, status)
select tap_file.id, 3, 'L003', 'Store Hamburg', 'store', 1, 'L001', 'Hamburg', 'DE', 'EUR', 'Europe/Berlin', 'active'
from tap_file;
insert into cw_000901_staging.staging_transfer_orders (raw_file_id, record_no, transfer_id, line_no, from_location_id,
                                                       to_location_id, ship_date, expected_date, status, product_id,
                                                       qty_shipped, store_order_id, reason)
select tap_file.id, transfers.record_no, transfers.transfer_id, 1, transfers.from_location, transfers.to_location,
       date '2024-03-01', date '2024-03-01' + transfers.transit_days, 'Shipped', 'P000001', transfers.qty,
       transfers.store_order_id, null
from tap_file
cross join (values (1, 'TO1', 'L001', 'L002', 2, 6, ''), (2, 'TO2', 'L002', 'L003', 1, 4, 'REBALANCE'),
                   (3, 'TO3', 'L003', 'L001', 3, 2, 'STORE CLOSURE'))
    as transfers (record_no, transfer_id, from_location, to_location, transit_days, qty, store_order_id);
call cw_000901.step_load('2024-03-01', null);

select results_eq(
    $$ select erp_id, reason, store_order_id, store_order_erp_id from cw_000901.transfer_orders order by erp_id $$,
    $$ values ('TO1'::text, 'replenishment'::text, null::bigint, null::text),
              ('TO2', 'rebalance', null, null),
              ('TO3', 'store_closure', null, null) $$,
    'a blank ExternalDocumentNo is a replenishment, REBALANCE a rebalance and STORE CLOSURE a return; neither '
    'placeholder is kept as a store order number'
);
select is(
    (select count(*) from cw_000901.load_rejects where run_date = '2024-03-01' and entity like 'transfer_order%'),
    0::bigint, 'no transfer is rejected'
);

-- The supply network takes its lanes from replenishments only: the rebalanced store is not supplied by its sibling.
select results_eq(
    $$ select locations.erp_id, sources.erp_id, network.basis
       from cw_000901.supply_network_as_of('2024-03-01', 90) as network
       inner join cw_000901.locations on locations.id = network.location_id
       left join cw_000901.locations as sources on sources.id = network.source_location_id
       where locations.erp_id in ('L002', 'L003')
       group by locations.erp_id, sources.erp_id, network.basis
       order by locations.erp_id $$,
    $$ values ('L002'::text, 'L001'::text, 'transfer_history'::text), ('L003', 'L001', 'parent_location') $$,
    'the store that received the rebalance keeps its parent as source, not the sibling that sent it'
);

select is(
    (select canonical_value from cw_global.erp_value_mappings
     inner join cw_global.erp_dialects on erp_dialects.id = erp_value_mappings.erp_dialect_id
     where erp_dialects.code = 'navision' and endpoint = 'transfer_orders' and staging_column = 'store_order_id'
         and erp_value = 'rebalance'),
    'rebalance', 'the navision dialect maps the REBALANCE placeholder to the reason rebalance'
);

select * from finish();
rollback;

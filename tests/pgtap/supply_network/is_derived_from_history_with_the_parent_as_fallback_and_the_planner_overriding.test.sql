begin;
select plan(10);

-- IT-S1 and IT-DC have no parent; IT-S2 and IT-S3 have IT-DC as parent; one supplier IT-SUP. No documents yet.
select tests.inventory_world('2024-06-30');

create temporary view tap_network as
select locations.erp_id as location, sources.erp_id as source, network.basis, network.evidence_date
from cw_000901.supply_network_as_of('2024-06-30', 90) as network
inner join cw_000901.locations on locations.id = network.location_id
left join cw_000901.locations as sources on sources.id = network.source_location_id
where network.supplier_id = (select id from cw_000901.suppliers where erp_id = 'IT-SUP');

select results_eq(
    $$ select location, source, basis from tap_network order by location $$,
    $$ values ('IT-DC', null, 'no_parent'), ('IT-S1', null, 'no_parent'), ('IT-S2', 'IT-DC', 'parent_location'),
              ('IT-S3', 'IT-DC', 'parent_location') $$,
    'without history a location gets its products from its parent location, and buys them itself without a parent'
);

-- IT-S2 places a (direct store delivery) purchase order with IT-SUP; an older one at IT-S3 is outside the window.
insert into cw_000901.purchase_orders (erp_id, supplier_id, location_id, order_date, expected_date, status,
                                       currency_id, fx_rate, first_loaded_on, row_hash)
select document.erp_id, (select id from cw_000901.suppliers where erp_id = 'IT-SUP'),
       (select id from cw_000901.locations where erp_id = document.location), document.order_date,
       document.order_date + 6, document.status, (select id from cw_global.currencies where code = 'EUR'), 1,
       document.order_date, md5(document.erp_id)::uuid
from (values ('SN-PO1', 'IT-S2', date '2024-06-20', 'received'), ('SN-PO2', 'IT-S3', date '2024-03-01', 'received'),
             ('SN-PO3', 'IT-S1', date '2024-06-25', 'cancelled'))
    as document (erp_id, location, order_date, status);
select results_eq(
    $$ select location, source, basis, evidence_date from tap_network where location in ('IT-S2', 'IT-S3')
       order by location $$,
    $$ values ('IT-S2', null, 'purchase_history', date '2024-06-20'), ('IT-S3', 'IT-DC', 'parent_location', null) $$,
    'a purchase order within network_history_days (90) makes the location a buyer of the supplier; an older one does '
    'not count'
);
select is((select basis from tap_network where location = 'IT-S1'), 'no_parent',
          'a cancelled purchase order is no evidence');

-- IT-S1 received replenishment transfers: two from IT-DC, one from IT-S3; a rebalancing move and a closure return
-- say nothing about who supplies whom.
insert into cw_000901.transfer_orders (erp_id, from_location_id, to_location_id, reason, ship_date, expected_date,
                                       received_date, status, first_loaded_on, row_hash)
select document.erp_id, (select id from cw_000901.locations where erp_id = document.from_location),
       (select id from cw_000901.locations where erp_id = document.to_location), document.reason,
       document.ship_date, document.ship_date + 2, document.ship_date + 2, 'received', document.ship_date,
       md5(document.erp_id)::uuid
from (values ('SN-TO1', 'IT-DC', 'IT-S1', 'replenishment', date '2024-06-01'),
             ('SN-TO2', 'IT-DC', 'IT-S1', 'replenishment', date '2024-06-10'),
             ('SN-TO3', 'IT-S3', 'IT-S1', 'replenishment', date '2024-06-26'),
             ('SN-TO4', 'IT-S2', 'IT-S3', 'rebalance', date '2024-06-26'),
             ('SN-TO5', 'IT-S3', 'IT-S2', 'store_closure', date '2024-06-26'))
    as document (erp_id, from_location, to_location, reason, ship_date);
select results_eq(
    $$ select location, source, basis, evidence_date from tap_network where location in ('IT-S1', 'IT-S3')
       order by location $$,
    $$ values ('IT-S1', 'IT-DC', 'transfer_history', date '2024-06-12'),
              ('IT-S3', 'IT-DC', 'parent_location', null) $$,
    'replenishment transfers make their most frequent sender the source (latest shipment or receipt as evidence); '
    'rebalancing and closure moves do not count'
);

-- The planner's overrides win: IT-S3 gets everything from IT-S1, and IT-SUP's products at IT-S2 from IT-DC.
select tests.run_as('cw_000901_ui', $$
    insert into cw_000901.supply_network_overrides (location_id, supplier_id, source_location_id, note)
    values ((select id from cw_000901.locations where erp_id = 'IT-S3'), null,
            (select id from cw_000901.locations where erp_id = 'IT-S1'), 'IT-S1 is the hub of the island'),
           ((select id from cw_000901.locations where erp_id = 'IT-S2'),
            (select id from cw_000901.suppliers where erp_id = 'IT-SUP'),
            (select id from cw_000901.locations where erp_id = 'IT-DC'), 'no more direct deliveries') $$);
select results_eq(
    $$ select location, source, basis from tap_network where location in ('IT-S2', 'IT-S3') order by location $$,
    $$ values ('IT-S2', 'IT-DC', 'override'), ('IT-S3', 'IT-S1', 'location_override') $$,
    'the planner''s override wins over the history; a row for the supplier wins over one for every supplier'
);
select is((select updated_by from cw_000901.supply_network_overrides where note = 'no more direct deliveries'),
          'cw_000901_ui', 'an override records who set it');
select throws_ok(
    $$ insert into cw_000901.supply_network_overrides (location_id, supplier_id, source_location_id)
       values ((select id from cw_000901.locations where erp_id = 'IT-S3'), null, null) $$,
    '23505', null, 'one location-wide override per location (unique index on location and coalesce(supplier, 0))'
);
select throws_ok(
    $$ insert into cw_000901.supply_network_overrides (location_id, source_location_id)
       values ((select id from cw_000901.locations where erp_id = 'IT-S1'),
               (select id from cw_000901.locations where erp_id = 'IT-S1')) $$,
    '23514', null, 'a location cannot supply itself'
);
-- The view shows the network as of the latest targets' date.
call cw_000901.step_inventory_targets('2024-06-30', null);
select results_eq(
    $$ select location_erp_id, source_location_erp_id, buys_from_supplier, basis from cw_000901.supply_network
       where supplier_erp_id = 'IT-SUP' order by location_erp_id $$,
    $$ values ('IT-DC', null, true, 'no_parent'), ('IT-S1', 'IT-DC', false, 'transfer_history'),
              ('IT-S2', 'IT-DC', false, 'override'), ('IT-S3', 'IT-S1', false, 'location_override') $$,
    'the view supply_network shows the network as of the latest run with codes (readable by the UI role)'
);
select is(tests.scalar_as('cw_000901_ui', 'select count(*) from cw_000901.supply_network'), '4',
          'the UI role reads the network view');

select * from finish();
rollback;

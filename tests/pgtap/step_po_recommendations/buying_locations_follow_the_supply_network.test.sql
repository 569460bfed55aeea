begin;
select plan(3);

select tests.po_world('2024-06-30');
call cw_000901.step_po_recommendations('2024-06-30', null);
select results_eq(
    $$ select locations.erp_id from cw_000901.po_recommendations as recommendations
       inner join cw_000901.locations on locations.id = recommendations.location_id
       where recommendations.product_id = (select id from cw_000901.products where erp_id = 'IT-A')
       order by 1 $$,
    $$ values ('IT-DC'), ('IT-S1') $$,
    'IT-S1 buys from the supplier (purchase history), IT-DC has no parent, IT-S2 is supplied by IT-DC'
);

-- IT-S2 (parent IT-DC, out of stock) received a direct delivery from the supplier ten days ago; the planner moves
-- IT-S1 onto IT-DC.
insert into cw_000901.purchase_orders (erp_id, supplier_id, location_id, order_date, expected_date, status,
                                       currency_id, fx_rate, first_loaded_on, row_hash)
values ('SN-DSD', (select id from cw_000901.suppliers where erp_id = 'IT-SUP'),
        (select id from cw_000901.locations where erp_id = 'IT-S2'), '2024-06-14', '2024-06-20', 'received',
        (select id from cw_global.currencies where code = 'EUR'), 1, '2024-06-14', md5('sn-dsd')::uuid);
insert into cw_000901.supply_network_overrides (location_id, source_location_id)
values ((select id from cw_000901.locations where erp_id = 'IT-S1'),
        (select id from cw_000901.locations where erp_id = 'IT-DC'));
call cw_000901.step_po_recommendations('2024-06-30', null);
select results_eq(
    $$ select locations.erp_id from cw_000901.po_recommendations as recommendations
       inner join cw_000901.locations on locations.id = recommendations.location_id
       where recommendations.product_id = (select id from cw_000901.products where erp_id = 'IT-A')
       order by 1 $$,
    $$ values ('IT-DC'), ('IT-S2') $$,
    'a store with a parent that buys from the supplier itself gets a purchase order; an override to a DC removes one'
);
select is(
    (select recommended_qty from cw_000901.po_recommendations
     where location_id = (select id from cw_000901.locations where erp_id = 'IT-S2')),
    (select target_stock from cw_000901.inventory_targets
     where location_id = (select id from cw_000901.locations where erp_id = 'IT-S2')
         and product_id = (select id from cw_000901.products where erp_id = 'IT-A') and snapshot_date = '2024-06-30'),
    'the direct-delivery store orders up to its own target (out of stock, nothing on order)'
);

select * from finish();
rollback;

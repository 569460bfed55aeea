begin;
select plan(11);

select tests.po_world('2024-06-30');
call cw_000901.step_po_recommendations('2024-06-30', null);

create temporary view tap_rec as
select products.erp_id as product, locations.erp_id as location, priorities.name as priority,
       statuses.name as status, recommendations.*
from cw_000901.po_recommendations as recommendations
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.locations on locations.id = recommendations.location_id
inner join cw_000901.po_recommendation_priorities as priorities
    on priorities.id = recommendations.po_recommendation_priority_id
inner join cw_000901.po_recommendation_statuses as statuses
    on statuses.id = recommendations.po_recommendation_status_id;

-- IT-A at IT-S1: 10 on hand - 3 blocked = 7; + PO confirmed 6 (not the 8 ordered; received and cancelled POs do not
-- count) + 3 in transit - 2 reserved = 14 <= reorder point 20: order 40 - 14 = 26 units (pack 1, above the MOQ 10).
select results_eq(
    $$ select on_hand_qty, on_order_qty, in_transit_qty, reserved_qty, inventory_position_qty, recommended_qty
       from tap_rec where product = 'IT-A' and location = 'IT-S1' $$,
    $$ values (7.000, 6.000, 3.000, 2.000, 14.000, 26.000) $$,
    'position = on hand (blocked excluded) + confirmed open PO + in transit - reserved; order up to the target');
-- Forecast 2 a day: 12 over the 6-day lead time, 26 over lead time + review (13 days); 14 + 26 - 26 = 14 left.
select results_eq(
    $$ select lead_time_demand_qty, predicted_qty, order_buffer, cover_days from tap_rec
       where product = 'IT-A' and location = 'IT-S1' $$,
    $$ values (12.000, 26.000, 14.000, 7.0) $$,
    'lead-time and protection-period demand from the forecast accumulation, the buffer left and the days of cover');
-- IT-B: out of stock, need 40, packs of 6: 7 packs = 42.
select is((select recommended_qty from tap_rec where product = 'IT-B' and location = 'IT-S1'), 42.000,
          'the quantity is rounded up to whole packs (40 needed, 7 packs of 6)');
-- IT-A at IT-DC: 45 <= 50, need 52 - 45 = 7, MOQ 10.
select is((select recommended_qty from tap_rec where product = 'IT-A' and location = 'IT-DC'), 10.000,
          'a need below the supplier''s MOQ is raised to the MOQ');
-- The DC's demand is its stores' (2 + 2 a day): 24 over the lead time.
select is((select lead_time_demand_qty from tap_rec where product = 'IT-A' and location = 'IT-DC'), 24.000,
          'an upper echelon projects the demand of the stores it supplies');
select is_empty($$ select * from tap_rec where location in ('IT-S2', 'IT-S3') $$,
                'a store with a parent location is replenished by transfer, never by purchase order');
select is_empty($$ select * from tap_rec where product in ('IT-NS', 'IT-DISC') $$,
                'NOT-STOCK and discontinued products (zero targets) get no recommendation');
select results_eq(
    $$ select product || '@' || location, unit_cost, status from tap_rec order by 1 $$,
    $$ values ('IT-A@IT-DC', 5.5000, 'pending'), ('IT-A@IT-S1', 5.5000, 'pending'),
              ('IT-B@IT-S1', 6.0000, 'pending') $$,
    'unit cost: the latest PO line of the product from the supplier, else the product cost; status pending');

-- A warehouse IT-WH now supplies IT-DC: the DC is replenished by transfer, and the warehouse buys for the whole tree
-- (IT-DC's stores IT-S2 and IT-S3: 2 + 2 a day, 24 over its 6-day lead time).
insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
values ('IT-WH', 'IT warehouse', 'warehouse', 3, 'active', '2023-01-01', md5('it-wh')::uuid);
update cw_000901.locations set parent_location_id = (select id from cw_000901.locations where erp_id = 'IT-WH')
where erp_id = 'IT-DC';
with target as (
    insert into cw_000901.inventory_targets (product_id, location_id, snapshot_date, inventory_strategy_id,
                                             target_stock, reorder_point, safety_stock, strategy_source)
    select products.id, locations.id, '2024-06-30', 11, 100, 50, 10, 'echelon'
    from cw_000901.products, cw_000901.locations where products.erp_id = 'IT-A' and locations.erp_id = 'IT-WH'
    returning id
)
insert into cw_000901.inventory_target_params (inventory_target_id, param_name, param_value)
select target.id, param.name, param.value from target
cross join (values ('lead_time_days', 6), ('protection_days', 13)) as param (name, value);
call cw_000901.step_po_recommendations('2024-06-30', null);
select is_empty($$ select * from tap_rec where location = 'IT-DC' $$,
                'a DC supplied by a warehouse (it has a parent location) gets no purchase-order recommendation');
select is((select lead_time_demand_qty || ' ' || recommended_qty from tap_rec where location = 'IT-WH'),
          '24.000 100.000', 'the warehouse projects the demand of every store below it, through the DC');
update cw_000901.locations set parent_location_id = null where erp_id = 'IT-DC';
delete from cw_000901.inventory_targets
where location_id = (select id from cw_000901.locations where erp_id = 'IT-WH');
call cw_000901.step_po_recommendations('2024-06-30', null);

-- The supplier's proposal: 10 x 5.5 + 26 x 5.5 + 42 x 6 = 450, below a minimum order value of 500.
update cw_000901.suppliers set min_order_value = 500 where erp_id = 'IT-SUP';
select results_eq(
    $$ select line_count, order_value, meets_min_order_value from cw_000901.po_recommendation_supplier_summary
       where supplier_erp_id = 'IT-SUP' $$,
    $$ values (3::bigint, 450.00, false) $$,
    'the per-supplier summary gives lines, order value and whether the minimum order value is reached');

select * from finish();
rollback;

begin;
select plan(7);

select tests.assortment_world('2024-06-30');
call cw_000901.step_inventory_targets('2024-06-30', null);
call cw_000901.step_assortment('2024-06-30', null);

create temporary view tap_row as
select products.erp_id as product, coalesce(locations.erp_id, 'global') as location,
       statuses.name as cw_status, reasons.name as reason, zones.name as zone, rows.*
from cw_000901.assortment_products as rows
inner join cw_000901.assortments on assortments.id = rows.assortment_id
inner join cw_000901.products on products.id = rows.product_id
inner join cw_000901.assortment_product_statuses as statuses on statuses.id = rows.cw_product_assortment_status_id
inner join cw_000901.assortment_reasons as reasons on reasons.id = rows.assortment_reason_id
inner join cw_000901.assortment_zones as zones on zones.id = rows.assortment_zone_id
left join cw_000901.locations on locations.id = assortments.location_id;

select results_eq(
    $$ select product, cw_status, reason, zone, is_launch, is_phase_out, is_retired
       from tap_row where location = 'AS-S1' order by rank $$,
    $$ values ('AS-STAR', 'STOCK', 'demand_signal', 'core', false, false, false),
              ('AS-GOOD', 'STOCK', 'demand_signal', 'range', false, false, false),
              ('AS-DISC', 'NOT-STOCK', 'discontinued', 'retired', false, false, true),
              ('AS-NEW', 'STOCK', 'new_launch', 'launch', true, false, false),
              ('AS-SLOW', 'STOCK', 'demand_signal', 'range', false, false, false),
              ('AS-TAIL', 'NOT-STOCK', 'phase_out', 'phase_out', false, true, false) $$,
    'status, reason, zone and flags: the discontinued product retires, the launch is protected, the tail phases out'
);
select results_eq(
    $$ select product, phase_out_recommendation_score from tap_row where location = 'AS-S1' order by rank $$,
    $$ values ('AS-STAR', 22.50), ('AS-GOOD', 26.00), ('AS-DISC', 100.00), ('AS-NEW', 0.00), ('AS-SLOW', 53.31),
              ('AS-TAIL', 92.50) $$,
    'phase-out recommendation = 0.6 x (100 - ranking score) + 0.4 x (100 - hotness); 100 retired, 0 launch'
);
select is(
    (select phase_out_since_date from tap_row where location = 'AS-S1' and product = 'AS-TAIL'), '2024-06-30'::date,
    'a phase-out starts on the run date that first recommends it'
);
select is(
    (select phase_out_recommendation_score from cw_000901.product_behaviors
     where product_id = (select id from cw_000901.products where erp_id = 'AS-TAIL') and snapshot_date = '2024-06-30'),
    92.50, 'the product''s global phase-out score is written to product_behaviors too'
);

-- The next day the tail sells 1 of the 4 units it had: a quarter of the phase-out is done. The client confirms
-- NOT-STOCK and the unit went at 8 instead of 10: 80 % of the full price realised.
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, locations.id, '2024-07-01', 1, 8, 6, true, null, false, 1, 1, '2024-07-01'
from cw_000901.products, cw_000901.locations where products.erp_id = 'AS-TAIL' and locations.erp_id = 'AS-S1';
insert into cw_000901.inventory_balances (product_id, location_id, balance_date, qty_available, qty_blocked,
                                          qty_reserved, qty_all, row_hash)
select products.id, locations.id, '2024-07-01', 3, 0, 0, 3, md5('as-bal-tail')::uuid
from cw_000901.products, cw_000901.locations where products.erp_id = 'AS-TAIL' and locations.erp_id = 'AS-S1';
select tests.run_as('cw_000901_ui', format(
    'update cw_000901.assortment_products set client_product_assortment_status_id = 2 where id = %s',
    (select id from tap_row where location = 'AS-S1' and product = 'AS-TAIL')));
call cw_000901.step_assortment('2024-07-01', null);
select results_eq(
    $$ select phase_out_since_date, phase_out_execution_score, phase_out_efficiency_score
       from tap_row where location = 'AS-S1' and product = 'AS-TAIL' $$,
    $$ values ('2024-06-30'::date, 25.00, 80.00) $$,
    'execution = sold / (sold + on hand) since the phase-out began; efficiency = share of the full price realised'
);
select is(
    (select phase_out_efficiency_score from tap_row where location = 'AS-S1' and product = 'AS-DISC'), null,
    'no efficiency score without a client-confirmed NOT-STOCK'
);
select is(
    (select phase_out_execution_score from tap_row where location = 'AS-S1' and product = 'AS-STAR'), null,
    'no execution score for a product that is not phasing out'
);

select * from finish();
rollback;

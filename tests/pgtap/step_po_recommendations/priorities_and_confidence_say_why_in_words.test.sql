begin;
select plan(8);

select tests.po_world('2024-06-30');
call cw_000901.step_po_recommendations('2024-06-30', null);

create temporary view tap_rec as
select products.erp_id as product, locations.erp_id as location, priorities.name as priority, recommendations.*
from cw_000901.po_recommendations as recommendations
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.locations on locations.id = recommendations.location_id
inner join cw_000901.po_recommendation_priorities as priorities
    on priorities.id = recommendations.po_recommendation_priority_id;

select results_eq(
    $$ select product || '@' || location, priority from tap_rec order by 1 $$,
    $$ values ('IT-A@IT-DC', 'low'), ('IT-A@IT-S1', 'high'), ('IT-B@IT-S1', 'critical') $$,
    'out of stock is critical, 7 days of cover against 6 + 3 is high, 11.3 days of an unclassified pair is low');
select is((select priority_reasons from tap_rec where product = 'IT-A' and location = 'IT-S1'),
          '7 days of cover left, lead time 6 days, no class; position 14 (on hand 7, on order 6, in transit 3, '
          'reserved 2) at or below reorder point 20, target 40',
          'the reasons give the cover, the lead time, the class and the stock figures');
select ok((select priority_reasons like 'out of stock now; 0 days of cover left%' from tap_rec
           where product = 'IT-B' and location = 'IT-S1'),
          'an out-of-stock pair says so first');

-- With stock for 4 days (8 units at 2 a day) and a lead time of 6, the pair runs out 2 days before an order arrives.
update cw_000901.inventory_balances set qty_available = 8, qty_all = 8
where product_id = (select id from cw_000901.products where erp_id = 'IT-B');
call cw_000901.step_po_recommendations('2024-06-30', null);
select is((select priority || ': ' || split_part(priority_reasons, '; ', 2) from tap_rec
           where product = 'IT-B' and location = 'IT-S1'),
          'critical: expected to run out 2 days before an order placed today arrives',
          'a pair that runs out before an order can arrive is critical and says how many days early');

-- A class A pair with enough cover is medium.
update cw_000901.inventory_balances set qty_available = 18, qty_all = 18
where product_id = (select id from cw_000901.products where erp_id = 'IT-B');
update cw_000901.inventory_targets set target_stock = 60, reorder_point = 30
where product_id = (select id from cw_000901.products where erp_id = 'IT-B')
    and location_id = (select id from cw_000901.locations where erp_id = 'IT-S1');
insert into cw_000901.product_behaviors (product_id, snapshot_date, window_days, listed_days, location_count,
                                        demand_days, demand_qty, demand_revenue, stockout_qty, is_oos_imputed,
                                        velocity, demand_pattern, abc_class_id, xyz_class_id, fmr_class_id,
                                        freq_class_id)
select products.id, '2024-06-30', 91, 91, 1, 13, 178, 1780, 0, false, 1.96,
       'smooth', (select id from cw_000901.abc_classes where code = 'A'),
       (select id from cw_000901.xyz_classes where code = 'X'),
       (select id from cw_000901.fmr_classes where code = 'F'), (select min(id) from cw_000901.freq_classes)
from cw_000901.products where products.erp_id = 'IT-B';
call cw_000901.step_po_recommendations('2024-06-30', null);
select is((select priority || ': ' || split_part(priority_reasons, '; ', 1) from tap_rec
           where product = 'IT-B' and location = 'IT-S1'),
          'medium: 9 days of cover left, lead time 6 days, class A',
          'a class A pair with more cover than lead time + margin is medium, and the class is named');

-- Confidence: the forecast's 0.5, times 0.7 for the DC's balance 10 days old; times 0.9 more without any cost.
select is((select confidence || ' ' || confidence_reasons from tap_rec where product = 'IT-A' and location = 'IT-DC'),
          '0.350 forecast confidence 0.5; stock balance 10 days old',
          'a stale stock balance lowers the confidence and says so');
update cw_000901.products set cost = null where erp_id = 'IT-B';
call cw_000901.step_po_recommendations('2024-06-30', null);
select is((select confidence || ' ' || confidence_reasons || ' ' || coalesce(unit_cost::text, 'null') from tap_rec
           where product = 'IT-B' and location = 'IT-S1'),
          '0.450 forecast confidence 0.5; no unit cost known null',
          'a missing unit cost lowers the confidence and says so');

-- A lead time beyond the forecast's 26 weeks is projected up to the horizon instead of failing the step.
update cw_000901.inventory_target_params set param_value = 400
where param_name in ('lead_time_days', 'protection_days')
    and inventory_target_id in (select id from cw_000901.inventory_targets
                                where product_id = (select id from cw_000901.products where erp_id = 'IT-B'));
call cw_000901.step_po_recommendations('2024-06-30', null);
select is((select lead_time_demand_qty || ' ' || predicted_qty from tap_rec where product = 'IT-B'),
          '364.000 364.000', 'a lead time beyond the horizon counts the 26 forecast weeks (26 x 14)');

select * from finish();
rollback;

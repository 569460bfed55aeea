begin;
select plan(9);

-- Issue 15: a night measures a recommendation once, when its after window has passed (2024-03-10 here), and measures
-- it again only when what it read changed. UP-RESP (respected) is compared with the control UP-NONE (not respected,
-- same class); UP-LESS and UP-LATE (class B) read only their own product.
select tests.uplift_world('2024-03-01');
call cw_000901.step_uplift('2024-03-08', null);
call cw_000901.step_uplift('2024-03-10', null);
call cw_000901.step_uplift('2024-03-11', null);
call cw_000901.step_uplift('2024-03-12', null);

create temporary view tap_measured as
select products.erp_id, measurements.measured_on
from cw_000901.uplift_measurements as measurements
inner join cw_000901.po_recommendations as recommendations on recommendations.id = measurements.recommendation_id
inner join cw_000901.products on products.id = recommendations.product_id
where measurements.side = 'po';
create temporary view tap_impacts as
select products.erp_id, impacts.purchase_order_recommendation_impact_type_id as type_id,
       impacts.measurement_method_id, impacts.baseline_start_date, impacts.baseline_end_date,
       impacts.actual_start_date, impacts.actual_end_date, impacts.is_respected, impacts.baseline_value,
       impacts.actual_value, impacts.impact_value, impacts.control_count, impacts.control_baseline_value,
       impacts.control_actual_value, impacts.impact_std_error, impacts.impact_ci_low, impacts.impact_ci_high
from cw_000901.purchase_order_recommendation_impacts as impacts
inner join cw_000901.po_recommendations as recommendations on recommendations.id = impacts.po_recommendation_id
inner join cw_000901.products on products.id = recommendations.product_id;

select results_eq($$ select erp_id, measured_on from tap_measured order by erp_id $$,
                  $$ values ('UP-LATE', '2024-03-10'::date), ('UP-LESS', '2024-03-10'), ('UP-NONE', '2024-03-10'),
                            ('UP-RESP', '2024-03-10') $$,
                  'each recommendation is measured once, when its after window has passed, not again every night');
select is((select count(*)::integer from tap_impacts where erp_id = 'UP-RESP' and measurement_method_id = 2), 6,
          'UP-RESP has its diff_in_diff against UP-NONE');

-- A late correction of one sold day of UP-NONE at the store, inside the after window (1 -> 4 units).
update cw_000901.demand_history set quantity = 4, revenue = 40, demand_qty = 4
where product_id = (select id from cw_000901.products where erp_id = 'UP-NONE') and demand_date = '2024-03-05';
-- A stock day of UP-LESS at the warehouse loaded late, inside its before window.
insert into cw_000901_stats.inventory_daily (product_id, location_id, stat_date, balance_date, on_hand_qty,
                                             blocked_qty, reserved_qty, stock_value)
select products.id, locations.id, '2024-02-26', '2024-02-26', 70, 0, 0, 420
from cw_000901.products cross join cw_000901.locations
where products.erp_id = 'UP-LESS' and locations.erp_id = 'UP-W';
-- A sales day after every stored window (not read by any measurement) records nothing.
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, locations.id, '2024-03-20', 1, 10, 6, true, null, false, 1, 1, '2024-03-20'
from cw_000901.products cross join cw_000901.locations
where products.erp_id = 'UP-LATE' and locations.erp_id = 'UP-S';
select results_eq($$ select source, count(*)::integer from cw_000901.uplift_evidence_changes
                     group by source order by source $$,
                  $$ values ('demand_history', 1), ('inventory_daily', 1) $$,
                  'the triggers record the two changes a measurement read, not the day no window reads');

call cw_000901.step_uplift('2024-06-30', null);
select results_eq($$ select erp_id, measured_on from tap_measured order by erp_id $$,
                  $$ values ('UP-LATE', '2024-03-10'::date), ('UP-LESS', '2024-06-30'), ('UP-NONE', '2024-06-30'),
                            ('UP-RESP', '2024-06-30') $$,
                  'a night long after the windows re-measures exactly the recommendations whose windows read a '
                  'changed day: UP-NONE itself, UP-RESP through its control, UP-LESS through its stock');
select is_empty($$ select * from cw_000901.uplift_evidence_changes $$, 'the night consumed the evidence');
select is((select actual_value from tap_impacts where erp_id = 'UP-NONE' and type_id = 1 and measurement_method_id = 1),
          round((4 * 10 + 40) / 7.0, 4), 'UP-NONE''s revenue after is re-measured from the corrected day');

-- The same impacts as a measurement from scratch.
create temporary table tap_incremental as select * from tap_impacts;
delete from cw_000901.purchase_order_recommendation_impacts;
delete from cw_000901.uplift_measurement_units;
delete from cw_000901.uplift_measurements;
delete from cw_000901.uplift_measure_state;
call cw_000901.step_uplift('2024-06-30', null);
select is((select count(*)::integer from tap_impacts), (select count(*)::integer from tap_incremental),
          'a measurement from scratch computes as many impact rows');
select is_empty($$ select * from tap_impacts except select * from tap_incremental $$,
                'and the same values as the incremental nights (no row differs)');
call cw_000901.step_uplift('2024-07-01', null);
select results_eq($$ select count(*)::integer from tap_measured where measured_on = '2024-07-01' $$,
                  $$ values (0) $$, 'the next night, with nothing changed, measures nothing');

select * from finish();
rollback;

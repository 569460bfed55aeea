begin;
select plan(9);

-- Issue 15 point 4 (up15b): a night re-measures a recommendation when a decision of its pair or of a control's pair
-- can change what it computed, not for every decision of those pairs. UP-RESP (respected, with a spell) is compared
-- with the controls UP-NONE and UP-NONE2 (added here: class A, not ordered, no sales); UP-LESS (not respected) reads
-- only its own windows. Measured on 2024-03-10.
select tests.uplift_world('2024-03-01');
insert into cw_000901.products (erp_id, name, product_category_id, primary_supplier_id, erp_currency_id, cost, price,
                                erp_status, first_seen_date, row_hash)
select 'UP-NONE2', 'UP-NONE2', products.product_category_id, products.primary_supplier_id, products.erp_currency_id,
       6, 10, 'active', products.first_seen_date, md5('UP-NONE2')::uuid
from cw_000901.products where products.erp_id = 'UP-NONE';
insert into cw_000901.product_behaviors (product_id, snapshot_date, window_days, listed_days, location_count,
                                         demand_days, demand_qty, demand_revenue, stockout_qty, is_oos_imputed,
                                         velocity, abc_class_id, xyz_class_id, fmr_class_id, freq_class_id)
select products.id, '2024-02-29', 90, 90, 1, 0, 0, 0, 0, false, 2, 1, 1, 1, 1
from cw_000901.products where products.erp_id = 'UP-NONE2';
create temporary table tap_later (erp_id text, rec_date date);
create function pg_temp.tap_recommend() returns void language sql as $$
    insert into cw_000901.po_recommendations (
        product_id, supplier_id, location_id, recommendation_date, recommended_qty, predicted_qty, order_buffer,
        unit_cost, currency_id, confidence, confidence_reasons, po_recommendation_priority_id, priority_reasons,
        on_hand_qty, on_order_qty, in_transit_qty, reserved_qty, inventory_position_qty, lead_time_demand_qty,
        reorder_point, target_stock, lead_time_days, cover_days, pack_size_qty, moq_qty
    )
    select products.id, products.primary_supplier_id, locations.id, tap_later.rec_date, 20, 20, 0, 6,
           products.erp_currency_id, 0.8, 'fixture', 3, 'fixture', 0, 0, 0, 0, 0, 0, 10, 30, 2.5, null, 1, 0
    from pg_temp.tap_later
    inner join cw_000901.products on products.erp_id = tap_later.erp_id
    cross join cw_000901.locations
    where locations.erp_id = 'UP-W';
    delete from pg_temp.tap_later;
$$;
insert into tap_later values ('UP-NONE2', '2024-03-01');
select pg_temp.tap_recommend();
call cw_000901.step_uplift('2024-03-08', null);
call cw_000901.step_uplift('2024-03-10', null);

create temporary view tap_measured as
select products.erp_id, recommendations.recommendation_date, measurements.measured_on
from cw_000901.uplift_measurements as measurements
inner join cw_000901.po_recommendations as recommendations on recommendations.id = measurements.recommendation_id
inner join cw_000901.products on products.id = recommendations.product_id
where measurements.side = 'po';
create temporary view tap_impacts as
select products.erp_id, recommendations.recommendation_date,
       impacts.purchase_order_recommendation_impact_type_id as type_id, impacts.measurement_method_id,
       impacts.baseline_start_date, impacts.baseline_end_date, impacts.actual_start_date, impacts.actual_end_date,
       impacts.is_respected, impacts.baseline_value, impacts.actual_value, impacts.impact_value, impacts.control_count,
       impacts.control_baseline_value, impacts.control_actual_value, impacts.impact_std_error, impacts.impact_ci_low,
       impacts.impact_ci_high
from cw_000901.purchase_order_recommendation_impacts as impacts
inner join cw_000901.po_recommendations as recommendations on recommendations.id = impacts.po_recommendation_id
inner join cw_000901.products on products.id = recommendations.product_id;

-- Two later decisions that cannot change a stored measurement: UP-LESS recommended again on 2024-03-06 (inside its
-- after window; UP-LESS is not respected, so no other recommendation of its pair enters its measurement), and
-- UP-NONE recommended on 2024-02-10 (20 days before UP-RESP: farther than control_match_days, and not respected, so
-- UP-NONE still does not follow during UP-RESP's comparison). The night of 2024-03-20 decides both (not ordered).
insert into tap_later values ('UP-LESS', '2024-03-06'), ('UP-NONE', '2024-02-10');
select pg_temp.tap_recommend();
call cw_000901.step_uplift('2024-03-20', null);
select results_eq($$ select erp_id, measured_on from tap_measured where recommendation_date = '2024-03-01'
                     order by erp_id $$,
                  $$ values ('UP-LATE', '2024-03-10'::date), ('UP-LESS', '2024-03-10'), ('UP-NONE', '2024-03-20'),
                            ('UP-NONE2', '2024-03-10'), ('UP-RESP', '2024-03-10') $$,
                  'decisions that cannot change a measurement re-measure neither the not respected UP-LESS nor '
                  'UP-RESP through its control; UP-NONE itself (an earlier day of its pair) is re-measured');
select results_eq($$ select erp_id, measured_on from tap_measured where recommendation_date <> '2024-03-01'
                     order by erp_id $$,
                  $$ values ('UP-LESS', '2024-03-20'::date), ('UP-NONE', '2024-03-20') $$,
                  'the two new recommendations are measured once their after windows have passed');

-- What was not re-measured equals a measurement from scratch of the same night.
create temporary table tap_incremental as select * from tap_impacts;
delete from cw_000901.purchase_order_recommendation_impacts;
delete from cw_000901.uplift_measurement_units;
delete from cw_000901.uplift_measurements;
delete from cw_000901.uplift_measure_state;
call cw_000901.step_uplift('2024-03-20', null);
select is_empty($$ (select * from tap_impacts except all select * from tap_incremental)
                   union all
                   (select * from tap_incremental except all select * from tap_impacts) $$,
                'the stored impacts equal a measurement from scratch row for row (both ways)');

-- A decision that can: UP-NONE2 recommended again on 2024-03-09 and ordered in full the next day: the control now
-- follows during UP-RESP's comparison and drops out (2 controls -> 1).
select is((select max(control_count)::integer from tap_impacts
           where erp_id = 'UP-RESP' and recommendation_date = '2024-03-01' and measurement_method_id = 2), 2,
          'before the decision UP-RESP''s diff_in_diff has two controls');
insert into tap_later values ('UP-NONE2', '2024-03-09');
select pg_temp.tap_recommend();
insert into cw_000901.purchase_orders (erp_id, supplier_id, location_id, order_date, status, currency_id, fx_rate,
                                       first_loaded_on, row_hash)
select 'UP-PO-NONE2', suppliers.id, locations.id, '2024-03-10', 'open', suppliers.currency_id, 1, '2024-03-10',
       md5('UP-PO-NONE2')::uuid
from cw_000901.suppliers cross join cw_000901.locations
where suppliers.erp_id = 'UP-SUP' and locations.erp_id = 'UP-W';
insert into cw_000901.purchase_order_lines (purchase_order_id, line_no, product_id, qty_ordered, row_hash)
select purchase_orders.id, 1, products.id, 20, md5('UP-PO-NONE2-1')::uuid
from cw_000901.purchase_orders cross join cw_000901.products
where purchase_orders.erp_id = 'UP-PO-NONE2' and products.erp_id = 'UP-NONE2';
call cw_000901.step_uplift('2024-03-21', null);
select results_eq($$ select erp_id, measured_on from tap_measured where recommendation_date = '2024-03-01'
                     order by erp_id $$,
                  $$ values ('UP-LATE', '2024-03-20'::date), ('UP-LESS', '2024-03-20'), ('UP-NONE', '2024-03-20'),
                            ('UP-NONE2', '2024-03-20'), ('UP-RESP', '2024-03-21') $$,
                  'a control''s recommendation decided respected inside the comparison re-measures the target (and '
                  'nothing else measured from scratch on 2024-03-20)');
select is((select max(control_count)::integer from tap_impacts
           where erp_id = 'UP-RESP' and recommendation_date = '2024-03-01' and measurement_method_id = 2), 1,
          'and its diff_in_diff has one control left');

-- Another decision that can: UP-RESP recommended again on 2024-03-05, inside its after window, and not ordered. Its
-- spell of following ends before its after window does, so its diff_in_diff can no longer be computed.
insert into tap_later values ('UP-RESP', '2024-03-05');
select pg_temp.tap_recommend();
call cw_000901.step_uplift('2024-03-22', null);
select results_eq($$ select erp_id, measured_on from tap_measured where recommendation_date = '2024-03-01'
                     order by erp_id $$,
                  $$ values ('UP-LATE', '2024-03-20'::date), ('UP-LESS', '2024-03-20'), ('UP-NONE', '2024-03-20'),
                            ('UP-NONE2', '2024-03-20'), ('UP-RESP', '2024-03-22') $$,
                  'a later day of a respected target''s pair decided not respected re-measures it');
select is((select count(*)::integer from tap_impacts
           where erp_id = 'UP-RESP' and recommendation_date = '2024-03-01' and measurement_method_id = 2), 0,
          'and its diff_in_diff is gone: the pair did not follow through its after window');

truncate tap_incremental;
insert into tap_incremental select * from tap_impacts;
delete from cw_000901.purchase_order_recommendation_impacts;
delete from cw_000901.uplift_measurement_units;
delete from cw_000901.uplift_measurements;
delete from cw_000901.uplift_measure_state;
call cw_000901.step_uplift('2024-03-22', null);
select is_empty($$ (select * from tap_impacts except all select * from tap_incremental)
                   union all
                   (select * from tap_incremental except all select * from tap_impacts) $$,
                'after that night too the stored impacts equal a measurement from scratch (both ways)');

select * from finish();
rollback;

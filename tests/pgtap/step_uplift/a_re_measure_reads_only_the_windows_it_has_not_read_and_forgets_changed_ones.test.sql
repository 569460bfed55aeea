begin;
select plan(12);

-- Issue 15 point 4 (up15c): a night keeps the sums of every window it read (uplift_window_measures); a re-measure
-- reads from demand_history / inventory_daily only the windows it has not read yet, and a kept window whose sales,
-- stock, price or cost changed is read again. UP-RESP (respected, with a spell) is compared with the controls UP-NONE
-- and UP-NONE2 (added here: class A, not ordered, no sales). Measured on 2024-03-10.
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
-- the kept windows of UP-RESP's comparison (its own, UP-NONE's and UP-NONE2's over UP-RESP's days) and when each
-- was read
create temporary view tap_kept as
select products.erp_id, kept.start_date, kept.end_date, kept.computed_on
from cw_000901.uplift_window_measures as kept
inner join cw_000901.products on products.id = kept.product_id
where kept.side = 'po'
    and products.erp_id in ('UP-RESP', 'UP-NONE', 'UP-NONE2')
    and (kept.start_date, kept.end_date) in (
        select impacts.baseline_start_date, impacts.baseline_end_date
        from cw_000901.purchase_order_recommendation_impacts as impacts
        inner join cw_000901.po_recommendations as recommendations
            on recommendations.id = impacts.po_recommendation_id
        inner join cw_000901.products as target on target.id = recommendations.product_id
        where target.erp_id = 'UP-RESP' and recommendations.recommendation_date = '2024-03-01'
        union
        select impacts.actual_start_date, impacts.actual_end_date
        from cw_000901.purchase_order_recommendation_impacts as impacts
        inner join cw_000901.po_recommendations as recommendations
            on recommendations.id = impacts.po_recommendation_id
        inner join cw_000901.products as target on target.id = recommendations.product_id
        where target.erp_id = 'UP-RESP' and recommendations.recommendation_date = '2024-03-01');
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
create temporary table tap_incremental as select * from tap_impacts where false;
-- the stored impacts against a measurement from scratch of the same night (both ways; the state of the night kept)
create function pg_temp.tap_differences(p_night date) returns bigint language plpgsql as $$
declare
    v_count bigint;
begin
    truncate tap_incremental;
    insert into tap_incremental select * from tap_impacts;
    delete from cw_000901.purchase_order_recommendation_impacts;
    delete from cw_000901.uplift_measurement_units;
    delete from cw_000901.uplift_measurements;
    delete from cw_000901.uplift_measure_state;
    call cw_000901.step_uplift(p_night, null);
    select count(*) into v_count
    from ((select * from tap_impacts except all select * from tap_incremental)
          union all
          (select * from tap_incremental except all select * from tap_impacts)) as differences;
    return v_count;
end
$$;

select results_eq($$ select erp_id, count(*)::integer, min(computed_on), max(computed_on) from tap_kept
                     group by erp_id order by erp_id $$,
                  $$ values ('UP-NONE', 2, '2024-03-10'::date, '2024-03-10'::date),
                            ('UP-NONE2', 2, '2024-03-10'::date, '2024-03-10'::date),
                            ('UP-RESP', 2, '2024-03-10'::date, '2024-03-10'::date) $$,
                  'the first measurement keeps the before and after window sums of the target and of each control');
select table_privs_are('cw_000901', 'uplift_window_measures', 'cw_000901_ui', array[]::text [],
                       'the UI role cannot read or write the kept window sums');

-- A control drops out: UP-NONE2 recommended again on 2024-03-09 and ordered in full the next day (it follows during
-- UP-RESP's comparison). The night of 2024-03-21 re-measures UP-RESP from the windows it kept.
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
select results_eq($$ select measured_on from tap_measured where erp_id = 'UP-RESP' $$,
                  $$ values ('2024-03-21'::date) $$, 'the control that follows re-measures UP-RESP');
select results_eq($$ select erp_id, count(*)::integer, max(computed_on) from tap_kept
                     where erp_id <> 'UP-NONE2' group by erp_id order by erp_id $$,
                  $$ values ('UP-NONE', 2, '2024-03-10'::date), ('UP-RESP', 2, '2024-03-10'::date) $$,
                  'and reads none of the windows of UP-RESP and its remaining control again: they were kept');
select is(pg_temp.tap_differences('2024-03-21'), 0::bigint,
          'the impacts from the kept windows equal a measurement from scratch (both ways)');

-- A late correction of a sold day of the control UP-NONE inside UP-RESP's after window (1 -> 4 units), and a new
-- price of UP-RESP: the kept windows they fall in are read again, the others are not (the measurement from scratch
-- of 2024-03-21 read them all).
update cw_000901.demand_history set quantity = 4, revenue = 40, demand_qty = 4
where product_id = (select id from cw_000901.products where erp_id = 'UP-NONE') and demand_date = '2024-03-05';
call cw_000901.step_uplift('2024-03-23', null);
select results_eq($$ select erp_id, start_date, computed_on from tap_kept where erp_id = 'UP-NONE'
                     order by start_date $$,
                  $$ values ('UP-NONE', '2024-02-23'::date, '2024-03-21'::date),
                            ('UP-NONE', '2024-03-04'::date, '2024-03-23'::date) $$,
                  'a corrected sales day is read again in the kept window it falls in (UP-NONE''s after window), '
                  'not in its other window');
select is((select control_actual_value from tap_impacts
           where erp_id = 'UP-RESP' and recommendation_date = '2024-03-01' and measurement_method_id = 2
               and type_id = 1), round((4 * 10 + 40) / 7.0, 4),
          'UP-RESP''s control mean after is re-measured from the corrected day');
update cw_000901.products set price = 12 where erp_id = 'UP-RESP';
call cw_000901.step_uplift('2024-03-24', null);
select results_eq($$ select erp_id, count(*)::integer, min(computed_on), max(computed_on) from tap_kept
                     group by erp_id order by erp_id $$,
                  $$ values ('UP-NONE', 2, '2024-03-21'::date, '2024-03-23'::date),
                            ('UP-NONE2', 2, '2024-03-21'::date, '2024-03-21'::date),
                            ('UP-RESP', 2, '2024-03-24'::date, '2024-03-24'::date) $$,
                  'a new price reads every kept window of the product again, and no other');
select is(pg_temp.tap_differences('2024-03-24'), 0::bigint,
          'after the correction and the new price the impacts equal a measurement from scratch (both ways)');

-- A scoped run restates its pairs from the sources and replaces the kept sums it read; a kept window is forgotten
-- episode_max_days + respect_window_days (28 + 7) days after it was read.
select results_eq($$ select count(*)::integer from cw_000901.uplift_window_measures where computed_on = '2024-03-24'
                     and side = 'po' $$,
                  $$ select count(*)::integer from cw_000901.uplift_window_measures where side = 'po' $$,
                  'a measurement from scratch reads and keeps every window afresh');
call cw_000901.step_uplift('2024-03-25', '{"products": ["UP-RESP"]}');
select results_eq($$ select erp_id, count(*)::integer, min(computed_on), max(computed_on) from tap_kept
                     group by erp_id order by erp_id $$,
                  $$ values ('UP-NONE', 2, '2024-03-25'::date, '2024-03-25'::date),
                            ('UP-NONE2', 2, '2024-03-24'::date, '2024-03-24'::date),
                            ('UP-RESP', 2, '2024-03-25'::date, '2024-03-25'::date) $$,
                  'a scoped run of UP-RESP reads its windows and its control''s again and replaces their kept sums');
call cw_000901.step_uplift('2024-04-29', null);
select results_eq($$ select computed_on, count(*)::integer from cw_000901.uplift_window_measures
                     group by computed_on order by computed_on $$,
                  $$ select '2024-03-25'::date, count(*)::integer from cw_000901.uplift_window_measures
                     where computed_on = '2024-03-25' having count(*) > 0 $$,
                  'windows read 36 days before a night are forgotten by it, those read 35 days before are kept');

select * from finish();
rollback;

begin;
select plan(7);

-- Many targets at one location (uplift15: the controls' join was rewritten for M-scale; this pins what it selects).
-- The uplift world's lane UP-W -> UP-S gets transfer recommendations of 19 products around 2024-04-01 (d0), each its
-- own episode, max_controls 3, control_match_days 14 (the default), 7-day windows:
-- targets (respected: shipped the next day) UP-G-T1 d0 (class A / Frequent), T2 d0+3 (A / Frequent), T3 d0+20
-- (A / Frequent), T4 d0+5 (B / Normal), T5 d0+9 (B / Frequent), T6 d0+6 (no behaviour snapshot: classes null);
-- not respected leads (A / Frequent) UP-G-C1 d0+6 (exactly 14 days from T3), C2 d0+1, C3 d0+2, C4 d0+4, C5 d0+17,
-- C6 d0+35 (15 days from T3: never), C11 d0+5 (2 days from T2, a tie with C2 at T2's third place: the lower product
-- id wins), C12 d0+34 (14 days from T3 and from no other target: the pool must reach it); (B / Normal) C7 d0+19
-- (exactly 14 from T4), C8 d0+20 (15); without a snapshot C9 d0, C10 d0+12; and UP-G-F1 (A / Frequent) not
-- respected at d0+3 but respected at d0+8 (a second episode, itself a target): it follows inside T2's comparison
-- d0-4 .. d0+10 (where it would be the nearest), not inside T1's d0-7 .. d0+7. The expected controls are computed
-- below from the definition, pair by pair (not by the procedure's join), and the fixture is checked to reach each
-- edge.
select tests.uplift_world('2024-03-01');
update cw_global.clients
set settings = jsonb_set(settings, '{uplift,max_controls}', '3')
where schema_name = 'cw_000901';
insert into cw_000901.products (erp_id, name, product_category_id, primary_supplier_id, erp_currency_id, cost, price,
                                erp_status, first_seen_date, row_hash)
select product.erp_id, product.erp_id, (select id from cw_000901.product_categories where path = 'UP Paint'),
       (select id from cw_000901.suppliers where erp_id = 'UP-SUP'),
       (select id from cw_global.currencies where code = 'EUR'), 6, 10, 'active', date '2023-01-01',
       md5(product.erp_id)::uuid
from (values ('UP-G-T1'), ('UP-G-T2'), ('UP-G-T3'), ('UP-G-T4'), ('UP-G-T5'), ('UP-G-T6'), ('UP-G-C1'), ('UP-G-C2'),
             ('UP-G-C3'), ('UP-G-C4'), ('UP-G-C5'), ('UP-G-C6'), ('UP-G-C7'), ('UP-G-C8'), ('UP-G-C9'), ('UP-G-C10'),
             ('UP-G-C11'), ('UP-G-C12'), ('UP-G-F1')) as product (erp_id);
insert into cw_000901.product_behaviors (product_id, snapshot_date, window_days, listed_days, location_count,
                                         demand_days, demand_qty, demand_revenue, stockout_qty, is_oos_imputed,
                                         velocity, abc_class_id, xyz_class_id, fmr_class_id, freq_class_id)
select products.id, date '2024-03-01', 90, 90, 1, 0, 0, 0, 0, false, 2, class.abc, 1, 1, class.freq
from (values ('UP-G-T1', 1, 1), ('UP-G-T2', 1, 1), ('UP-G-T3', 1, 1), ('UP-G-T4', 2, 2), ('UP-G-T5', 2, 1),
             ('UP-G-C1', 1, 1), ('UP-G-C2', 1, 1), ('UP-G-C3', 1, 1), ('UP-G-C4', 1, 1), ('UP-G-C5', 1, 1),
             ('UP-G-C6', 1, 1), ('UP-G-C7', 2, 2), ('UP-G-C8', 2, 2), ('UP-G-C11', 1, 1), ('UP-G-C12', 1, 1),
             ('UP-G-F1', 1, 1)) as class (erp_id, abc, freq)
inner join cw_000901.products on products.erp_id = class.erp_id;
select tests.uplift_to_recommendation(rec.product, date '2024-04-01' + rec.day_no, 10)
from (values ('UP-G-T1', 0), ('UP-G-T2', 3), ('UP-G-T3', 20), ('UP-G-T4', 5), ('UP-G-T5', 9), ('UP-G-T6', 6),
             ('UP-G-C1', 6), ('UP-G-C2', 1), ('UP-G-C3', 2), ('UP-G-C4', 4), ('UP-G-C5', 17), ('UP-G-C6', 35),
             ('UP-G-C7', 19), ('UP-G-C8', 20), ('UP-G-C9', 0), ('UP-G-C10', 12), ('UP-G-C11', 5), ('UP-G-C12', 34),
             ('UP-G-F1', 3), ('UP-G-F1', 8))
    as rec (product, day_no);
select tests.uplift_transfer_order('UP-G-TO-' || shipped.product, 'UP-S', date '2024-04-01' + shipped.day_no + 1,
                                   'shipped', shipped.product, 10)
from (values ('UP-G-T1', 0), ('UP-G-T2', 3), ('UP-G-T3', 20), ('UP-G-T4', 5), ('UP-G-T5', 9), ('UP-G-T6', 6),
             ('UP-G-F1', 8)) as shipped (product, day_no);

call cw_000901.step_uplift('2024-05-20', null);

-- The definition, pair by pair: for a target measured with diff_in_diff (a spell), every other product's not
-- respected episode lead at its location within 14 days whose classes (latest snapshot on or before its date) are
-- those of the target (nulls alike), whose pair has no respected recommendation inside the target's comparison
-- (read_start_date .. read_end_date); per product the nearest such lead; the 3 nearest products (ties: product id).
create temporary view tap_expected as
with targets as (
    select measurements.recommendation_id, measurements.product_id, measurements.location_id,
           measurements.recommendation_date, measurements.abc_class_id, measurements.freq_class_id,
           measurements.read_start_date, measurements.read_end_date
    from cw_000901.uplift_measurements as measurements
    where measurements.side = 'to' and measurements.spell_start_date is not null
),

leads as (
    select recommendations.id, recommendations.product_id, recommendations.to_location_id as location_id,
           recommendations.recommendation_date,
           (select behaviors.abc_class_id from cw_000901.product_behaviors as behaviors
            where behaviors.product_id = recommendations.product_id
                and behaviors.snapshot_date <= recommendations.recommendation_date
            order by behaviors.snapshot_date desc limit 1) as abc_class_id,
           (select behaviors.freq_class_id from cw_000901.product_behaviors as behaviors
            where behaviors.product_id = recommendations.product_id
                and behaviors.snapshot_date <= recommendations.recommendation_date
            order by behaviors.snapshot_date desc limit 1) as freq_class_id
    from cw_000901.to_recommendations as recommendations
    where recommendations.is_respected = false
        and exists (select from cw_000901.to_recommendation_respect_decisions as decisions
                    where decisions.to_recommendation_id = recommendations.id
                        and decisions.episode_lead_id = recommendations.id)
),

nearest_per_product as (
    select distinct on (targets.recommendation_id, leads.product_id)
        targets.recommendation_id, leads.product_id, leads.id as unit_recommendation_id,
        abs(leads.recommendation_date - targets.recommendation_date) as distance_days
    from targets
    cross join leads
    where leads.location_id = targets.location_id
        and leads.product_id <> targets.product_id
        and abs(leads.recommendation_date - targets.recommendation_date) <= 14
        and leads.abc_class_id is not distinct from targets.abc_class_id
        and leads.freq_class_id is not distinct from targets.freq_class_id
        and not exists (select from cw_000901.to_recommendations as followed
                        where followed.product_id = leads.product_id
                            and followed.to_location_id = leads.location_id
                            and followed.is_respected
                            and followed.recommendation_date between targets.read_start_date
                            and targets.read_end_date)
    order by targets.recommendation_id, leads.product_id,
        abs(leads.recommendation_date - targets.recommendation_date), leads.id
),

ranked as (
    select nearest_per_product.*,
           row_number() over (partition by nearest_per_product.recommendation_id
                              order by nearest_per_product.distance_days, nearest_per_product.product_id) as rank_no
    from nearest_per_product
)

select ranked.recommendation_id, ranked.unit_recommendation_id, ranked.rank_no, ranked.distance_days
from ranked;

create temporary view tap_controls as
select units.recommendation_id, units.unit_recommendation_id, targets.erp_id as target, controls.erp_id as control
from cw_000901.uplift_measurement_units as units
inner join cw_000901.to_recommendations as target_recs on target_recs.id = units.recommendation_id
inner join cw_000901.products as targets on targets.id = target_recs.product_id
inner join cw_000901.products as controls on controls.id = units.product_id
where units.side = 'to' and not units.is_treated and targets.erp_id like 'UP-G-%';

select set_eq(
    $$ select recommendation_id, unit_recommendation_id from tap_controls $$,
    $$ select recommendation_id, unit_recommendation_id from tap_expected where rank_no <= 3 $$,
    'every target''s controls are the 3 nearest not following leads of its location and classes, by definition');
select ok(
    (select count(*) from tap_expected where rank_no > 3) > 0
    and (select count(*) from tap_controls) >= 12,
    'the fixture has targets with more candidates than max_controls (the cut by distance and product id matters)');
select results_eq(
    $$ select control from tap_controls where target = 'UP-G-T6' order by control $$,
    $$ values ('UP-G-C10'), ('UP-G-C9') $$,
    'a target without a behaviour snapshot gets the leads without one (null classes match each other)');
select set_eq(
    $$ select target, control from tap_controls where control in ('UP-G-C1', 'UP-G-C7', 'UP-G-C12') $$,
    $$ values ('UP-G-T3', 'UP-G-C1'), ('UP-G-F1', 'UP-G-C1'), ('UP-G-T4', 'UP-G-C7'), ('UP-G-T3', 'UP-G-C12') $$,
    'a lead exactly 14 days away is a control (UP-G-C1 and UP-G-C12 of T3, UP-G-C7 of T4)');
select is_empty(
    $$ select from tap_controls where control in ('UP-G-C6', 'UP-G-C8') $$,
    'a lead 15 days away is never a control (UP-G-C6 from T3, UP-G-C8 from T4)');
select results_eq(
    $$ select target from tap_controls where control = 'UP-G-F1' order by target $$,
    $$ values ('UP-G-T1') $$,
    'a product that follows inside the target''s comparison is not its control (T2, T3), outside it may be (T1)');

select results_eq(
    $$ select control from tap_controls where target = 'UP-G-T2' order by control $$,
    $$ values ('UP-G-C2'), ('UP-G-C3'), ('UP-G-C4') $$,
    'T2: the nearest 3 without UP-G-F1 (it follows), the tie at 2 days goes to the lower product id (C2, not C11)');

select * from finish();
rollback;

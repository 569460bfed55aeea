begin;
select plan(8);

-- UP-RESP is recommended on 2024-03-01 (100 units), 03-02 and 03-03 (consecutive days: one episode, decided on the
-- first one's quantity); the single order of 90 on 03-03 counts once for the whole episode. UP-NONE is recommended
-- on 03-01 and again on 03-04 (three days later: a gap above episode_gap_days = 1, so two episodes).
select tests.uplift_world('2024-03-01');
insert into cw_000901.po_recommendations (
    product_id, supplier_id, location_id, recommendation_date, recommended_qty, predicted_qty, order_buffer,
    unit_cost, currency_id, confidence, confidence_reasons, po_recommendation_priority_id, priority_reasons,
    on_hand_qty, on_order_qty, in_transit_qty, reserved_qty, inventory_position_qty, lead_time_demand_qty,
    reorder_point, target_stock, lead_time_days, cover_days, pack_size_qty, moq_qty
)
select first.product_id, first.supplier_id, first.location_id, extra.rec_date, extra.qty, extra.qty, 0,
       first.unit_cost, first.currency_id, 0.8, 'fixture', 3, 'fixture', 0, 0, 0, 0, 0, 0, 10, first.target_stock,
       2.5, null, 1, 0
from (values ('UP-RESP', '2024-03-02'::date, 95), ('UP-RESP', '2024-03-03'::date, 10),
             ('UP-NONE', '2024-03-04'::date, 50)) as extra (product, rec_date, qty)
inner join cw_000901.products on products.erp_id = extra.product
inner join cw_000901.po_recommendations as first
    on first.product_id = products.id and first.recommendation_date = '2024-03-01';

create temporary view tap_decision as
select products.erp_id as product, recommendations.recommendation_date, lead.recommendation_date as lead_date,
       decisions.*
from cw_000901.po_recommendation_respect_decisions as decisions
inner join cw_000901.po_recommendations as recommendations on recommendations.id = decisions.po_recommendation_id
inner join cw_000901.po_recommendations as lead on lead.id = decisions.episode_lead_id
inner join cw_000901.products on products.id = recommendations.product_id;

savepoint world;

-- 03-09: the UP-RESP episode's window (03-01 .. 03-03 + 7) has not passed yet, so none of it is decided.
call cw_000901.step_uplift('2024-03-09', null);
select is((select count(*)::integer from tap_decision where product = 'UP-RESP'), 0,
          'an episode is decided only when the window after its last recommendation has passed');

call cw_000901.step_uplift('2024-03-10', null);
select results_eq(
    $$ select recommendation_date, lead_date, match_kind, recommended_qty::text, ordered_qty::text, episode_size,
              window_start_date, window_end_date
       from tap_decision where product = 'UP-RESP' order by recommendation_date $$,
    $$ values ('2024-03-01'::date, '2024-03-01'::date, 'respected', '100.000', '90.000', 3, '2024-03-01'::date,
               '2024-03-10'::date),
              ('2024-03-02', '2024-03-01', 'respected', '100.000', '90.000', 3, '2024-03-01', '2024-03-10'),
              ('2024-03-03', '2024-03-01', 'respected', '100.000', '90.000', 3, '2024-03-01', '2024-03-10') $$,
    'three consecutive recommendations are one episode: the first one''s quantity, one order counted once, '
    || 'the same decision for every member');
select is((select reason from tap_decision where product = 'UP-RESP' and recommendation_date = '2024-03-02'),
          '90 of 100 recommended units ordered on 1 line(s) dated 2024-03-01 to 2024-03-10 (tolerance 20%) for the '
          || 'episode of 3 recommendations dated 2024-03-01 to 2024-03-03 (10 re-proposed on 2024-03-03 + 90 ordered '
          || '2024-03-01 to 2024-03-03): respected',
          'the reason names the episode');
select is((select count(*)::integer from cw_000901.po_recommendations as recommendations
           where recommendations.product_id = (select id from cw_000901.products where erp_id = 'UP-RESP')
               and recommendations.is_respected),
          3, 'every member of a respected episode is flagged respected');

-- 03-13: the after windows of the 03-01 recommendations (03-04 .. 03-10) have passed; the episode is measured once.
call cw_000901.step_uplift('2024-03-13', null);
select results_eq(
    $$ select distinct recommendations.recommendation_date
       from cw_000901.purchase_order_recommendation_impacts as impacts
       inner join cw_000901.po_recommendations as recommendations on recommendations.id = impacts.po_recommendation_id
       where recommendations.product_id = (select id from cw_000901.products where erp_id = 'UP-RESP') $$,
    $$ values ('2024-03-01'::date) $$,
    'the impacts of an episode are measured on its first recommendation only');

select results_eq(
    $$ select recommendation_date, episode_size from tap_decision where product = 'UP-NONE'
       order by recommendation_date $$,
    $$ values ('2024-03-01'::date, 1), ('2024-03-04'::date, 1) $$,
    'by 03-13: recommendations three days apart (episode_gap_days 1) are two episodes');

-- With episode_gap_days 0 every recommendation is its own episode, whose window ends the day before the next one:
-- 03-01 and 03-02 see no order; 03-03 asks 10 + the 90 ordered that day (its re-proposal already counted them).
rollback to savepoint world;
update cw_global.clients
set settings = jsonb_set(settings, '{uplift}', '{"measurement_window_days": 7, "episode_gap_days": 0}')
where schema_name = 'cw_000901';
call cw_000901.step_uplift('2024-03-10', null);
select results_eq(
    $$ select recommendation_date, match_kind, recommended_qty::text, episode_size from tap_decision
       where product = 'UP-RESP' order by recommendation_date $$,
    $$ values ('2024-03-01'::date, 'not_ordered', '100.000', 1), ('2024-03-02', 'not_ordered', '95.000', 1),
              ('2024-03-03', 'respected', '100.000', 1) $$,
    'episode_gap_days 0 judges each recommendation alone, and the one order counts once');

-- episode_max_days 2 cuts the three-day run into 03-01 .. 03-02 and 03-03.
rollback to savepoint world;
update cw_global.clients
set settings = jsonb_set(settings, '{uplift}', '{"measurement_window_days": 7, "episode_max_days": 2}')
where schema_name = 'cw_000901';
call cw_000901.step_uplift('2024-03-10', null);
select results_eq(
    $$ select recommendation_date, lead_date, episode_size from tap_decision
       where product = 'UP-RESP' order by recommendation_date $$,
    $$ values ('2024-03-01'::date, '2024-03-01'::date, 2), ('2024-03-02', '2024-03-01', 2),
              ('2024-03-03', '2024-03-03', 1) $$,
    'an episode spans at most episode_max_days');

select * from finish();
rollback;

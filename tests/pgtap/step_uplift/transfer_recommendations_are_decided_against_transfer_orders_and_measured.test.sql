begin;
select plan(8);

-- The transfer side of the uplift world (tests.uplift_transfer_world): recommendations UP-W -> UP-S dated 2024-03-01,
-- transit 1 day (after window 03-02 .. 03-08), target stock at UP-S 4: UP-RESP 20 units, shipped 18 on 03-02
-- (respected); UP-LESS 20, shipped 5 on 03-03 (partial); UP-NONE 10, whose only transfer (10 units) was cancelled, and
-- a transfer of 10 UP-NONE into another location does not count either (not respected).
select tests.uplift_transfer_world('2024-03-01');

create temporary view tap_to_decision as
select products.erp_id as product, recommendations.is_respected as flag, decisions.*
from cw_000901.to_recommendation_respect_decisions as decisions
inner join cw_000901.to_recommendations as recommendations on recommendations.id = decisions.to_recommendation_id
inner join cw_000901.products on products.id = recommendations.product_id;
create temporary view tap_to_impact as
select products.erp_id as product, types.name as impact_type, methods.name as method, impacts.*
from cw_000901.transfer_order_recommendation_impacts as impacts
inner join cw_000901.to_recommendations as recommendations on recommendations.id = impacts.to_recommendation_id
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.transfer_order_recommendation_impact_types as types
    on types.id = impacts.transfer_order_recommendation_impact_type_id
inner join cw_000901.measurement_methods as methods on methods.id = impacts.measurement_method_id;

call cw_000901.step_uplift('2024-03-07', null);
select is((select count(*)::integer from tap_to_decision), 0, 'nothing is decided before the 7-day window passes');

call cw_000901.step_uplift('2024-03-08', null);
select results_eq(
    $$ select product, match_kind, is_respected, flag, transferred_qty::text, order_line_count
       from tap_to_decision order by product $$,
    $$ values ('UP-LESS', 'ordered_less', false, false, '5.000', 1),
              ('UP-NONE', 'not_ordered', false, false, '0.000', 0),
              ('UP-RESP', 'respected', true, true, '18.000', 1) $$,
    '18 of 20 shipped on the lane is respected, 5 of 20 partial; a cancelled transfer and a transfer into another '
    || 'location do not count; the flag equals the decision');
select is((select reason from tap_to_decision where product = 'UP-RESP'),
          '18 of 20 recommended units transferred on 1 line(s) dated 2024-03-01 to 2024-03-08 (tolerance 20%): '
          || 'respected', 'the reason states the quantities, the window and the tolerance');

-- UP-RESP, before window 02-23 .. 02-29, after window 03-02 .. 03-08 (by hand, from the uplift world's numbers):
-- revenue 100 / 7 and 150 / 7 (sales at UP-S on 03-04 .. 03-08 only); fill rate 10 of 16 and 15 of 15; stockout
-- days 2 of 7 and 0 of 5; stock value (UP-S 5 a day + the SENDING location UP-W 10 a day before, 150 after) x cost 6:
-- 90 and 930; overstock at UP-S above target 4: 1 and 1; cost = 25 % / 365 x stock value + lost margin 6 x 4 / 7.
select results_eq(
    $$ select impact_type, baseline_value::text, actual_value::text from tap_to_impact
       where product = 'UP-RESP' and method = 'pre_post' order by transfer_order_recommendation_impact_type_id $$,
    $$ values ('revenue_uplift', '14.2857', '21.4286'), ('fill_rate_improvement', '62.5000', '100.0000'),
              ('inventory_optimization', '90.0000', '930.0000'), ('stockout_reduction', '28.5714', '0.0000'),
              ('overstock_reduction', '1.0000', '1.0000'),
              ('cost_savings', round(0.25 / 365 * 90 + 24.0 / 7, 4)::text, round(0.25 / 365 * 930, 4)::text) $$,
    'pre_post: demand at the receiving location, stock at the receiving and the sending location');
-- The control: UP-NONE (same class A / Frequent, not respected, same receiving location) sold 1 a day in both
-- windows, so its change is 0 and the counterfactual revenue is UP-RESP's own before value.
select results_eq(
    $$ select baseline_value::text, actual_value::text, control_count, control_baseline_value::text,
              control_actual_value::text
       from tap_to_impact where product = 'UP-RESP' and method = 'diff_in_diff' and impact_type = 'revenue_uplift' $$,
    $$ values ('14.2857', '21.4286', 1, '10.0000', '10.0000') $$,
    'diff_in_diff against the not respected recommendation into the same location');
select is((select count(*)::integer from tap_to_impact where product <> 'UP-RESP' and method = 'diff_in_diff'), 0,
          'only respected recommendations get a diff_in_diff');

select throws_ok(
    $$ update cw_000901.to_recommendations set is_respected = false
       where product_id = (select id from cw_000901.products where erp_id = 'UP-RESP') $$,
    'CW195', null, 'changing to_recommendations.is_respected without a decision fails with CW195');
select throws_ok(
    $$ delete from cw_000901.to_recommendation_respect_decisions $$,
    'CW194', null, 'transfer decisions are append-only too');

select * from finish();
rollback;

begin;
select plan(6);

-- The uplift world (7-day windows; UP-RESP respected on 03-01, after window 03-04 .. 03-10) with UP-LESS (ordered
-- 30 of 100: not respected) made class A / Frequent like UP-RESP, so UP-RESP's diff_in_diff has two controls:
-- UP-NONE and UP-LESS. inventory_optimization (stock value a day, cost 6): UP-RESP 90 before, 930 after; UP-NONE 120
-- before, 12 after (change -108); UP-LESS holds no stock (change 0). Counterfactual 90 + (6 - 60) = 36, impact 894.
-- The controls' changes -108 and 0 have a sample standard deviation of 108 / sqrt(2) = 76.3675; standard error
-- 76.3675 x sqrt(1 + 1/2) = 93.5307; 95 % margin t(0.975, 1 degree of freedom) = 12.706 x 93.5307 = 1188.4016.
select tests.uplift_world('2024-03-01');
update cw_000901.product_behaviors
set abc_class_id = 1
where product_behaviors.product_id = (select products.id from cw_000901.products where products.erp_id = 'UP-LESS');

create temporary view tap_impact as
select methods.name as method, types.name as impact_type, impacts.*
from cw_000901.purchase_order_recommendation_impacts as impacts
inner join cw_000901.po_recommendations as recommendations on recommendations.id = impacts.po_recommendation_id
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.measurement_methods as methods on methods.id = impacts.measurement_method_id
inner join cw_000901.purchase_order_recommendation_impact_types as types
    on types.id = impacts.purchase_order_recommendation_impact_type_id
where products.erp_id = 'UP-RESP';

call cw_000901.step_uplift('2024-03-10', null);

select results_eq(
    $$ select control_count, baseline_value::text, impact_value::text, impact_std_error::text, impact_ci_low::text,
              impact_ci_high::text, is_conclusive
       from tap_impact where method = 'diff_in_diff' and impact_type = 'inventory_optimization' $$,
    $$ values (2, '36.0000', '894.0000', '93.5307', '-294.4016', '2082.4016', false) $$,
    'the interval is the impact +- t x the controls'' spread x sqrt(1 + 1/k): 894 is not measurable yet');
select is_empty(
    $$ select from tap_impact where method = 'pre_post' and impact_ci_low is not null $$,
    'pre_post rows carry no interval');
select is_empty(
    $$ select from tap_impact where method = 'diff_in_diff' and control_count = 1
           and (impact_std_error is not null or is_conclusive is not null) $$,
    'a diff_in_diff with a single control has no interval (no spread to estimate)');
select is(
    (select count(*)::integer from tap_impact where method = 'diff_in_diff' and control_count = 1), 2,
    'fill rate and stock-out rate have one control here (UP-LESS sells nothing: no rate to compare)');

select results_eq(
    $$ select control_count, impact_std_error, impact_ci_low, is_conclusive
       from tap_impact where method = 'diff_in_diff' and impact_type = 'overstock_reduction' $$,
    $$ values (2, null::numeric, null::numeric, null::boolean) $$,
    'two controls that did not move (no stock above target in either window) give no interval, not a zero-width one');
select results_eq(
    $$ select interval_count::integer, conclusive_count::integer from cw_000901_stats.uplift_monthly
       where side = 'po' and impact_type = 'inventory_optimization' and measurement_method = 'diff_in_diff' $$,
    $$ values (1, 0) $$,
    'the roll-up counts the row with an interval, and none as conclusive: the screen can say "not measurable yet"');

select * from finish();
rollback;

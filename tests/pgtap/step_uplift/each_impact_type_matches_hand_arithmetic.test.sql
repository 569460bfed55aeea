begin;
select plan(8);

-- The numbers of tests.uplift_world (fixtures.sql): 7-day windows, price 10, cost 6, holding cost 25 % a year.
select tests.uplift_world('2024-03-01');
call cw_000901.step_uplift('2024-03-10', null);

create temporary view tap_impact as
select products.erp_id as product, types.name as impact_type, methods.name as method, impacts.*
from cw_000901.purchase_order_recommendation_impacts as impacts
inner join cw_000901.po_recommendations as recommendations on recommendations.id = impacts.po_recommendation_id
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.purchase_order_recommendation_impact_types as types
    on types.id = impacts.purchase_order_recommendation_impact_type_id
inner join cw_000901.measurement_methods as methods on methods.id = impacts.measurement_method_id;

-- UP-RESP before: 2 sold a day on 5 days, 2 stockout days with 3 missed each; after: 3 a day. Stock: 10 at the
-- warehouse before, 150 after (target 120), 5 at the store throughout.
select results_eq(
    $$ select impact_type, baseline_value, actual_value from tap_impact
       where product = 'UP-RESP' and method = 'pre_post' order by impact_type $$,
    $$ values
        ('cost_savings', round(0.25 / 365 * (10 + 5) * 6 + 3 * 2 * (10 - 6) / 7.0, 4),
                         round(0.25 / 365 * (150 + 5) * 6, 4)),
        ('fill_rate_improvement', round(100 * 10 / 16.0, 4), 100.0000),
        ('inventory_optimization', round((10 + 5) * 6.0, 4), round((150 + 5) * 6.0, 4)),
        ('overstock_reduction', 0.0000, round(150 - 120.0, 4)),
        ('revenue_uplift', round(5 * 2 * 10 / 7.0, 4), round(7 * 3 * 10 / 7.0, 4)),
        ('stockout_reduction', round(100 * 2 / 7.0, 4), 0.0000) $$,
    'pre_post: each of the six measures over the before and the after window, as computed by hand');

select results_eq(
    $$ select impact_type, impact_value, impact_pct from tap_impact
       where product = 'UP-RESP' and method = 'pre_post' and impact_type in ('revenue_uplift', 'overstock_reduction')
       order by impact_type $$,
    $$ values ('overstock_reduction', 30.0000, null::numeric),
              ('revenue_uplift', round(30 - 100 / 7.0, 4), round(100 * (30 - 100 / 7.0) / (100 / 7.0), 2)) $$,
    'impact = actual - baseline; impact_pct relative to the baseline, null on a zero baseline');

-- UP-NONE, the control (class A, Frequent, same warehouse, not ordered): before 1 a day in stock, 20 at the warehouse;
-- after 1 a day on 5 days and 2 stockout days with 1 missed each, 2 at the warehouse.
select results_eq(
    $$ select impact_type, control_count, control_baseline_value, control_actual_value, baseline_value, actual_value
       from tap_impact where product = 'UP-RESP' and method = 'diff_in_diff' order by impact_type $$,
    $$ values
        ('cost_savings', 1, round(0.25 / 365 * 120, 4), round(0.25 / 365 * 12 + 2 * 1 * 4 / 7.0, 4),
         round((0.25 / 365 * 90 + 24 / 7.0) + (0.25 / 365 * 12 + 8 / 7.0) - 0.25 / 365 * 120, 4),
         round(0.25 / 365 * 930, 4)),
        ('fill_rate_improvement', 1, 100.0000, round(100 * 5 / 7.0, 4), round(62.5 + 100 * 5 / 7.0 - 100, 4),
         100.0000),
        ('inventory_optimization', 1, 120.0000, 12.0000, round(90.0 + 12 - 120, 4), 930.0000),
        ('overstock_reduction', 1, 0.0000, 0.0000, 0.0000, 30.0000),
        ('revenue_uplift', 1, 10.0000, round(50 / 7.0, 4), round(100 / 7.0 + 50 / 7.0 - 10, 4), 30.0000),
        ('stockout_reduction', 1, 0.0000, round(200 / 7.0, 4), round(200 / 7.0 + 200 / 7.0, 4), 0.0000) $$,
    'diff_in_diff: the baseline is the before value moved by the control''s change over the same windows');
select is((select impact_value from tap_impact
           where product = 'UP-RESP' and method = 'diff_in_diff' and impact_type = 'revenue_uplift'),
          round(30 - (100 / 7.0 + 50 / 7.0 - 10), 4),
          'the revenue uplift net of what the control lost meanwhile');

select is_empty($$ select from tap_impact where method = 'diff_in_diff' and product <> 'UP-RESP' $$,
                'only respected recommendations get a diff_in_diff');
select is_empty($$ select from tap_impact where product in ('UP-LESS', 'UP-LATE')
                   and impact_type in ('fill_rate_improvement', 'stockout_reduction') $$,
                'without demand in a window fill rate and stockout rate are not measured (no row)');
select is((select count(*)::integer from tap_impact where product = 'UP-NONE' and method = 'pre_post'), 6,
          'a recommendation that was not followed is measured too (pre_post), for comparison');

-- A class B control is not comparable: with UP-NONE in class B as well, UP-RESP has no control left.
update cw_000901.product_behaviors set abc_class_id = 2
where product_id = (select id from cw_000901.products where erp_id = 'UP-NONE');
call cw_000901.step_uplift('2024-03-10', '{"products": ["UP-RESP"]}');
select is_empty($$ select from tap_impact where method = 'diff_in_diff' $$,
                'controls must share the ABC class: without one the diff_in_diff rows are removed');

select * from finish();
rollback;

begin;
select plan(9);

select table_privs_are('cw_000901', 'measurement_methods', 'cw_000901_ui', array['SELECT'],
                       'the UI role reads the measurement methods');
select table_privs_are('cw_000901', 'purchase_order_recommendation_impact_types', 'cw_000901_ui', array['SELECT'],
                       'and the impact types');
select table_privs_are('cw_000901', 'purchase_order_recommendation_impacts', 'cw_000901_ui', array['SELECT'],
                       'and the impacts, and writes none');
select table_privs_are('cw_000901', 'po_recommendation_respect_decisions', 'cw_000901_ui', array['SELECT'],
                       'and the respect decisions');
select table_privs_are('cw_000901_stats', 'po_uplift_monthly', 'cw_000901_ui', array['SELECT'],
                       'and the monthly roll-up');
select table_privs_are('cw_000901', 'purchase_order_recommendation_impacts', 'cw_000902_ui', array[]::text [],
                       'another client''s UI role sees nothing');
select ok(not has_column_privilege('cw_000901_ui', 'cw_000901.po_recommendations', 'is_respected', 'UPDATE'),
          'the UI role cannot set is_respected');
select ok(not has_function_privilege('cw_000901_ui', 'cw_000901.step_uplift(date, jsonb)', 'EXECUTE'),
          'nor run the step');

-- The roll-up as the UI sees it, on the fixture: sums by month, supplier and category.
select tests.uplift_world('2024-03-01');
call cw_000901.step_uplift('2024-03-08', null);
call cw_000901.step_uplift('2024-03-10', null);
select results_eq(
    $$ select measurement_method, is_respected, recommendation_count::integer, impact_sum, improved_count::integer
       from cw_000901_stats.po_uplift_monthly where impact_type = 'revenue_uplift' order by 1, 2 $$,
    $$ values ('diff_in_diff', true, 1, round(30 - (100 / 7.0 + 50 / 7.0 - 10), 4), 1),
              ('pre_post', false, 3, round(50 / 7.0 - 10, 4), 0),
              ('pre_post', true, 1, round(30 - 100 / 7.0, 4), 1) $$,
    'po_uplift_monthly sums the impacts of followed and not followed recommendations per month and method');

select * from finish();
rollback;

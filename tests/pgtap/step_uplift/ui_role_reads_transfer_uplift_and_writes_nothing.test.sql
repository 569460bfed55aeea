begin;
select plan(6);

select table_privs_are('cw_000901', 'transfer_order_recommendation_impact_types', 'cw_000901_ui', array['SELECT'],
                       'the UI role reads the transfer impact types');
select table_privs_are('cw_000901', 'transfer_order_recommendation_impacts', 'cw_000901_ui', array['SELECT'],
                       'and the transfer impacts, and writes none');
select table_privs_are('cw_000901', 'to_recommendation_respect_decisions', 'cw_000901_ui', array['SELECT'],
                       'and the transfer respect decisions');
select table_privs_are('cw_000901_stats', 'to_uplift_monthly', 'cw_000901_ui', array['SELECT'],
                       'and the monthly transfer roll-up');
select table_privs_are('cw_000901', 'transfer_order_recommendation_impacts', 'cw_000902_ui', array[]::text [],
                       'another client''s UI role sees nothing');
select ok(not has_column_privilege('cw_000901_ui', 'cw_000901.to_recommendations', 'is_respected', 'UPDATE'),
          'the UI role cannot set to_recommendations.is_respected');

select * from finish();
rollback;

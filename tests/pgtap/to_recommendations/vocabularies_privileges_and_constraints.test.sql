begin;
select plan(12);

select results_eq($$ select name from cw_000901.to_recommendation_statuses order by id $$,
                  $$ values ('pending'), ('accepted'), ('rejected'), ('ordered') $$,
                  'the statuses of purchase-order recommendations, pending first');
select results_eq($$ select name from cw_000901.to_recommendation_reasons order by id $$,
                  $$ values ('replenishment'), ('rebalance_excess'), ('store_opening'), ('store_closure'),
                            ('phase_out_consolidation') $$,
                  'the five transfer reasons are seeded');
select fk_ok('cw_000901', 'to_recommendations', 'po_recommendation_priority_id',
             'cw_000901', 'po_recommendation_priorities', 'id',
             'priorities share the vocabulary of purchase-order recommendations');
select has_column('cw_000901', 'to_recommendations', 'is_respected', 'is_respected is there for step 13 (uplift)');
select is_empty(
    $$ select columns.table_name, columns.column_name from information_schema.columns
       where columns.table_schema = 'cw_000901'
           and columns.table_name in ('to_recommendations', 'to_recommendation_statuses',
                                      'to_recommendation_reasons', 'supply_network_overrides', 'supply_network')
           and col_description(('cw_000901.' || columns.table_name)::regclass, columns.ordinal_position) is null $$,
    'every column of the transfer recommendation and supply network relations has a comment');
select set_eq(
    $$ select column_name::text from information_schema.column_privileges
       where table_schema = 'cw_000901' and table_name = 'to_recommendations' and grantee = 'cw_000901_ui'
           and privilege_type = 'UPDATE' $$,
    $$ values ('to_recommendation_status_id'), ('status_updated_at'), ('status_updated_by') $$,
    'the UI role may update only the status columns');
select table_privs_are('cw_000901', 'to_recommendation_reasons', 'cw_000901_ui', array['SELECT'],
                       'the UI role only reads the reasons');
select table_privs_are('cw_000901', 'supply_network_overrides', 'cw_000901_ui',
                       array['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
                       'the supply network overrides are the UI role''s own table');

select tests.transfer_world('2024-06-30');
call cw_000901.step_to_recommendations('2024-06-30', null);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'update cw_000901.to_recommendations set recommended_qty = 1') $$,
    '42501', null, 'the UI role cannot change a recommended quantity');
select lives_ok(
    $$ select tests.run_as('cw_000901_ui',
                           'update cw_000901.to_recommendations set to_recommendation_status_id = 4') $$,
    'the UI role marks recommendations as ordered');
select is((select string_agg(distinct status_updated_by, ',') from cw_000901.to_recommendations), 'cw_000901_ui',
          'a status change is stamped with who made it');
select throws_ok(
    $$ update cw_000901.to_recommendations set recommended_qty = requested_qty + 1 $$,
    '23514', null, 'more than requested is refused (to_recommendation_qty_check)');

select * from finish();
rollback;

begin;
select plan(10);

select results_eq($$ select name from cw_000901.po_recommendation_statuses order by id $$,
                  $$ values ('pending'), ('accepted'), ('rejected'), ('ordered') $$,
                  'the statuses of seed 004, pending first');
select results_eq($$ select name from cw_000901.po_recommendation_priorities order by id $$,
                  $$ values ('critical'), ('high'), ('medium'), ('low') $$,
                  'the priorities of seed 004, most urgent first');
select has_column('cw_000901', 'po_recommendations', 'is_respected', 'is_respected is there for step 13 (uplift)');
select is_empty(
    $$ select columns.column_name from information_schema.columns
       where columns.table_schema = 'cw_000901'
           and columns.table_name in ('po_recommendations', 'po_recommendation_statuses',
                                      'po_recommendation_priorities')
           and col_description(('cw_000901.' || columns.table_name)::regclass, columns.ordinal_position) is null $$,
    'every column of the recommendation tables has a comment');
select set_eq(
    $$ select column_name::text from information_schema.column_privileges
       where table_schema = 'cw_000901' and table_name = 'po_recommendations' and grantee = 'cw_000901_ui'
           and privilege_type = 'UPDATE' $$,
    $$ values ('po_recommendation_status_id'), ('status_updated_at'), ('status_updated_by') $$,
    'the UI role may update only the status columns');
select table_privs_are('cw_000901', 'po_recommendation_statuses', 'cw_000901_ui', array['SELECT'],
                       'the UI role only reads the statuses');

select tests.po_world('2024-06-30');
call cw_000901.step_po_recommendations('2024-06-30', null);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'update cw_000901.po_recommendations set recommended_qty = 1') $$,
    '42501', null, 'the UI role cannot change a recommended quantity');
select lives_ok(
    $$ select tests.run_as('cw_000901_ui',
                           'update cw_000901.po_recommendations set po_recommendation_status_id = 2') $$,
    'the UI role accepts a recommendation');
select is((select string_agg(distinct status_updated_by, ',') from cw_000901.po_recommendations), 'cw_000901_ui',
          'a status change is stamped with who made it');
select throws_ok(
    $$ insert into cw_000901.po_recommendations (product_id, supplier_id, location_id, recommendation_date,
           recommended_qty, predicted_qty, order_buffer, currency_id, confidence, confidence_reasons,
           po_recommendation_priority_id, priority_reasons, on_hand_qty, on_order_qty, in_transit_qty, reserved_qty,
           inventory_position_qty, lead_time_demand_qty, reorder_point, target_stock, lead_time_days, pack_size_qty,
           moq_qty)
       select product_id, supplier_id, location_id, recommendation_date + 1, 5, 0, 0, currency_id, 0.5, '', 1, '',
              0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 10
       from cw_000901.po_recommendations limit 1 $$,
    '23514', null, 'a quantity below the MOQ is refused (po_recommendation_pack_moq_check)');

select * from finish();
rollback;

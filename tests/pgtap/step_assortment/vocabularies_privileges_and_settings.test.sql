begin;
select plan(10);

select results_eq(
    $$ select (select string_agg(name, ',' order by id) from cw_000901.assortment_types),
              (select string_agg(name, ',' order by id) from cw_000901.assortment_workflow_statuses),
              (select string_agg(name, ',' order by id) from cw_000901.assortment_product_statuses),
              (select string_agg(name, ',' order by id) from cw_000901.assortment_zones),
              (select string_agg(name, ',' order by id) from cw_000901.assortment_reasons) $$,
    $$ values ('global,local', 'in_review,confirmed,locked', 'STOCK,NOT-STOCK',
               'core,range,launch,phase_out,retired',
               'new_launch,demand_signal,phase_out,discontinued,dead_product,overstock_rebalance') $$,
    'the five vocabularies are seeded'
);
select set_eq(
    $$ select table_name || '.' || column_name from cw_000901.field_ownership
       where owner = 'ui' and table_name like 'assortment%' $$,
    $$ values ('assortments.assortment_workflow_status_id'),
              ('assortment_products.client_product_assortment_status_id'),
              ('assortment_products.assortment_workflow_status_id'), ('assortment_products.note') $$,
    'the client owns its status, the workflow statuses and the note; the pipeline owns the rest'
);

select tests.assortment_world('2024-06-30');
call cw_000901.step_assortment('2024-06-30', null);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui',
                           'update cw_000901.assortment_products set cw_product_assortment_status_id = 2') $$,
    '42501', null, 'the UI role cannot change the pipeline''s status'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'update cw_000901.assortment_products set rank = 1') $$,
    '42501', null, 'nor its ranking'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'delete from cw_000901.assortment_products') $$,
    '42501', null, 'nor delete assortment products'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'update cw_000901.assortments set effective_date = ''2024-01-01''') $$,
    '42501', null, 'nor move an assortment''s effective date'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'update cw_000901.assortment_product_updates set note = ''x''') $$,
    '42501', null, 'nor rewrite history'
);
select lives_ok(
    $$ select tests.run_as('cw_000901_ui', 'update cw_000901.assortments set assortment_workflow_status_id = 2') $$,
    'the UI role confirms an assortment'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui',
                           'update cw_000901.assortment_products set client_product_assortment_status_id = 7') $$,
    '23503', null, 'a client status outside the vocabulary is refused'
);

update cw_global.clients set settings = jsonb_set(coalesce(settings, '{}'), '{assortment}',
                                                  '{"weight_revenue_pct": 50}')
where code = 'CW-000901';
select throws_ok(
    $$ call cw_000901.step_assortment('2024-06-30', null) $$,
    'CW170', 'assortment ranking weights of client CW-000901 add up to 115 (expected 100)',
    'weights that do not add up to 100 fail the step with CW170'
);

select * from finish();
rollback;

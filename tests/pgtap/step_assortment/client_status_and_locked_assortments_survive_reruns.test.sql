begin;
select plan(10);

select tests.assortment_world('2024-06-30');
call cw_000901.step_assortment('2024-06-30', null);

create temporary view tap_row as
select products.erp_id as product, coalesce(locations.erp_id, 'global') as location, rows.*
from cw_000901.assortment_products as rows
inner join cw_000901.assortments on assortments.id = rows.assortment_id
inner join cw_000901.products on products.id = rows.product_id
left join cw_000901.locations on locations.id = assortments.location_id;

select is(
    (select count(*)::integer from cw_000901.assortment_product_updates where change_source = 'pipeline'),
    (select count(*)::integer from cw_000901.assortment_products),
    'the first run writes one history row per new product row'
);

-- Re-run identity: unchanged inputs write nothing and add no history (ctid: every update makes a new row version,
-- and within one transaction xmin would not tell).
create temporary table tap_before as
select id, ctid::text as version from cw_000901.assortment_products
union all select id, ctid::text from cw_000901.assortments;
call cw_000901.step_assortment('2024-06-30', null);
select is_empty(
    $$ select id, ctid::text from cw_000901.assortment_products
       union all select id, ctid::text from cw_000901.assortments
       except select * from tap_before $$,
    'a re-run with unchanged inputs rewrites no row'
);
select is((select count(*)::integer from cw_000901.assortment_product_updates), 14,
          'and appends no history row');

-- The client keeps the slow product and drops the good one at store 1 (UI role); the edits are history rows.
set local cw.app_user = 'jane@client';
select tests.run_as('cw_000901_ui', format(
    'update cw_000901.assortment_products set client_product_assortment_status_id = %s, note = %L where id = %s',
    1, 'keep it: regulars ask for it', (select id from tap_row where location = 'AS-S1' and product = 'AS-SLOW')));
select tests.run_as('cw_000901_ui', format(
    'update cw_000901.assortment_products set client_product_assortment_status_id = 2 where id = %s',
    (select id from tap_row where location = 'AS-S1' and product = 'AS-GOOD')));
select results_eq(
    $$ select change_source, case when changed_by = current_user::text then 'the test session' else changed_by end,
              app_user, changed_columns
       from cw_000901.assortment_product_updates
       where assortment_product_id = (select id from tap_row where location = 'AS-S1' and product = 'AS-SLOW')
       order by id $$,
    $$ values ('pipeline', 'the test session', null, array['assortment_reason_id', 'assortment_workflow_status_id',
                                                     'assortment_zone_id', 'client_product_assortment_status_id',
                                                     'cw_product_assortment_status_id', 'is_launch', 'is_phase_out',
                                                     'is_retired', 'note', 'phase_out_efficiency_score',
                                                     'phase_out_execution_score', 'phase_out_recommendation_score',
                                                     'rank', 'ranking_score', 'target_stock']),
              ('ui', 'cw_000901_ui', 'jane@client', array['client_product_assortment_status_id', 'note']) $$,
    'the history says who changed what: the pipeline''s insert, then the UI user''s status and note'
);

-- Inputs change (the ranking turns to margin only) and the whole chain re-runs, as after a reload: the client's
-- decisions stay.
update cw_global.clients
set settings = jsonb_set(coalesce(settings, '{}'), '{assortment}',
                         '{"weight_revenue_pct": 0, "weight_margin_pct": 100, "weight_forecast_pct": 0,
                           "weight_regularity_pct": 0}')
where code = 'CW-000901';
call cw_000901.step_behaviors('2024-06-30', null);
call cw_000901.step_assortment('2024-06-30', null);
select results_eq(
    $$ select product, client_product_assortment_status_id, note from tap_row
       where location = 'AS-S1' and client_product_assortment_status_id is not null order by product $$,
    $$ values ('AS-GOOD', 2::smallint, null::text), ('AS-SLOW', 1::smallint, 'keep it: regulars ask for it') $$,
    'a re-run never writes the client status or the note'
);
select is((select rank from tap_row where location = 'AS-S1' and product = 'AS-GOOD'), 1,
          'while the pipeline''s own columns follow the new inputs');
select results_eq(
    $$ select tap_row.ranking_score, count(*)::integer from tap_row
       inner join cw_000901.assortment_product_updates as history on history.assortment_product_id = tap_row.id
       where tap_row.location = 'AS-S1' and tap_row.product = 'AS-DISC' group by tap_row.ranking_score $$,
    $$ values (66.67, 1) $$,
    'a new score alone adds no history row (the discontinued product''s score moved from 67.50, still retired)'
);

-- The client locks store 2's assortment; a re-run with other inputs leaves it exactly as it was.
update cw_global.clients set settings = settings - 'assortment' where code = 'CW-000901';
select tests.run_as('cw_000901_ui', format(
    'update cw_000901.assortments set assortment_workflow_status_id = 3 where location_id = %s',
    (select id from cw_000901.locations where erp_id = 'AS-S2')));
delete from tap_before;
insert into tap_before select id, ctid::text from cw_000901.assortment_products;
create temporary table tap_history as select count(*) as history_rows from cw_000901.assortment_product_updates
where assortment_product_id in (select id from tap_row where location = 'AS-S2');
call cw_000901.step_assortment('2024-06-30', null);
select is_empty(
    $$ select id, ctid::text from cw_000901.assortment_products
       where id in (select id from tap_row where location = 'AS-S2')
       except select * from tap_before $$,
    'nothing of a locked assortment is written'
);
select isnt_empty(
    $$ select id, ctid::text from cw_000901.assortment_products
       where id in (select id from tap_row where location = 'AS-S1')
       except select * from tap_before $$,
    'while the unlocked store''s ranks go back to the default weights'
);
select is(
    (select count(*) from cw_000901.assortment_product_updates
     where assortment_product_id in (select id from tap_row where location = 'AS-S2')),
    (select history_rows from tap_history), 'and the locked store''s products get no history row'
);

select * from finish();
rollback;

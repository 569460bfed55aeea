begin;
select plan(7);

-- A weekly full night moves every figure (new behaviours, forecast and targets): the step rewrites the rows whose
-- values changed, and the history trigger (procedures/tenant/R__0886) keeps only decision changes, listing exactly
-- the columns that changed, as V32's version did.
select tests.assortment_world('2024-06-30');
call cw_000901.step_assortment('2024-06-30', null);

create temporary view tap_row as
select products.erp_id as product, coalesce(locations.erp_id, 'global') as location, rows.*
from cw_000901.assortment_products as rows
inner join cw_000901.assortments on assortments.id = rows.assortment_id
inner join cw_000901.products on products.id = rows.product_id
left join cw_000901.locations on locations.id = assortments.location_id;

create temporary table tap_before as
select id, ctid::text as version, rank, ranking_score, to_jsonb(rows) - 'updated_at' - 'computed_on' as vals
from cw_000901.assortment_products as rows;
create temporary table tap_history as select max(id) as last_id from cw_000901.assortment_product_updates;

-- The forecast of the next weeks doubles for AS-SLOW and drops for AS-STAR: scores and ranks move at AS-S1.
update cw_000901.demand_forecast_products as rows
set predicted_qty = rows.predicted_qty * case when products.erp_id = 'AS-SLOW' then 20 else 0.1 end
from cw_000901.products
where products.id = rows.product_id and products.erp_id in ('AS-SLOW', 'AS-STAR');
call cw_000901.step_assortment('2024-06-30', null);

select isnt_empty(
    $$ select id from tap_before
       inner join cw_000901.assortment_products as rows using (id)
       where (rows.rank, rows.ranking_score) is distinct from (tap_before.rank, tap_before.ranking_score) $$,
    'the new forecast moves scores and ranks'
);
select set_eq(
    $$ select tap_before.id from tap_before
       inner join cw_000901.assortment_products as rows using (id)
       where rows.ctid::text <> tap_before.version $$,
    $$ select tap_before.id from tap_before
       inner join cw_000901.assortment_products as rows using (id)
       where to_jsonb(rows) - 'updated_at' - 'computed_on' <> tap_before.vals $$,
    'exactly the rows whose stored values changed are rewritten'
);
select is(
    (select count(*)::integer from cw_000901.assortment_product_updates as history
     where history.id > (select last_id from tap_history)
         and not history.changed_columns && array['assortment_reason_id', 'assortment_workflow_status_id',
                                                  'assortment_zone_id', 'client_product_assortment_status_id',
                                                  'cw_product_assortment_status_id', 'is_launch', 'is_phase_out',
                                                  'is_retired', 'note']),
    0, 'no history row for a row whose score or rank alone moved'
);

-- One statement changing a decision of one row and only figures of the others: one history row, its changed columns
-- exactly those that differ, with the values after the change.
delete from tap_history;
insert into tap_history select max(id) from cw_000901.assortment_product_updates;
update cw_000901.assortment_products as rows
set assortment_zone_id = case when rows.id = (select id from tap_row where location = 'AS-S1' and product = 'AS-GOOD')
                              then 2 else rows.assortment_zone_id end,
    rank = rows.rank + 100, ranking_score = 1.5, target_stock = 7
where rows.id in (select id from tap_row where location = 'AS-S1');
select results_eq(
    $$ select tap_row.product, history.changed_columns, history.rank, history.ranking_score, history.target_stock,
              history.assortment_zone_id, history.change_source
       from cw_000901.assortment_product_updates as history
       inner join tap_row on tap_row.id = history.assortment_product_id
       where history.id > (select last_id from tap_history) $$,
    $$ select 'AS-GOOD'::text, array['assortment_zone_id', 'rank', 'ranking_score', 'target_stock'],
              rank, 1.50::numeric, 7.000::numeric, 2::smallint, 'pipeline'::text
       from tap_row where location = 'AS-S1' and product = 'AS-GOOD' $$,
    'a decision change is one history row listing every changed column, in name order, with the new values'
);

-- An update that changes nothing, and one that changes figures only, add nothing.
update cw_000901.assortment_products set rank = rank where true;
update cw_000901.assortment_products set phase_out_recommendation_score = 1, phase_out_execution_score = 2
where true;
select is((select count(*)::integer from cw_000901.assortment_product_updates
           where id > (select last_id from tap_history)), 1, 'no-op and figure-only updates add no history row');

-- A UI edit is recorded as the UI's, with only the columns it changed; a cleared note counts as a change.
set local cw.app_user = 'jane@client';
select tests.run_as('cw_000901_ui', format(
    'update cw_000901.assortment_products set client_product_assortment_status_id = 2, note = %L where id = %s',
    'not this season', (select id from tap_row where location = 'AS-S2' and product = 'AS-GOOD')));
select tests.run_as('cw_000901_ui', format(
    'update cw_000901.assortment_products set note = null where id = %s',
    (select id from tap_row where location = 'AS-S2' and product = 'AS-GOOD')));
select results_eq(
    $$ select history.change_source, history.app_user, history.changed_columns, history.note
       from cw_000901.assortment_product_updates as history
       where history.id > (select last_id from tap_history) and history.change_source = 'ui'
       order by history.id $$,
    $$ values ('ui'::text, 'jane@client'::text, array['client_product_assortment_status_id', 'note'],
               'not this season'::text),
              ('ui', 'jane@client', array['note'], null) $$,
    'UI edits: the UI''s rows, only the changed columns'
);

-- A new row lists every tracked column.
select is(
    (select changed_columns from cw_000901.assortment_product_updates order by id limit 1),
    array['assortment_reason_id', 'assortment_workflow_status_id', 'assortment_zone_id',
          'client_product_assortment_status_id', 'cw_product_assortment_status_id', 'is_launch', 'is_phase_out',
          'is_retired', 'note', 'phase_out_efficiency_score', 'phase_out_execution_score',
          'phase_out_recommendation_score', 'rank', 'ranking_score', 'target_stock'],
    'an inserted row''s history lists every tracked column'
);

select * from finish();
rollback;

begin;
select plan(6);

select tests.uplift_world('2024-03-01');
call cw_000901.step_uplift('2024-03-08', null);
call cw_000901.step_uplift('2024-03-10', null);

create temporary table tap_before as
select 'impact' as kind, id, xmin::text as version from cw_000901.purchase_order_recommendation_impacts
union all
select 'decision', id, xmin::text from cw_000901.po_recommendation_respect_decisions
union all
select 'recommendation', id, xmin::text from cw_000901.po_recommendations;

call cw_000901.step_uplift('2024-03-10', null);
create temporary view tap_now as
select 'impact' as kind, id, xmin::text as version from cw_000901.purchase_order_recommendation_impacts
union all
select 'decision', id, xmin::text from cw_000901.po_recommendation_respect_decisions
union all
select 'recommendation', id, xmin::text from cw_000901.po_recommendations;
select is_empty($$ select * from tap_now except select * from tap_before $$,
                'a re-run of the date rewrites no impact, decision or recommendation');
select is_empty($$ select * from tap_before except select * from tap_now $$, 'and deletes none');
call cw_000901.step_uplift('2024-03-11', null);
select is_empty($$ select * from tap_now except select * from tap_before $$,
                'the next night, with unchanged data, writes nothing either');

-- A corrected past sales day of UP-RESP (2 -> 9 units on the first before day), long after its window: the night
-- re-measures it (its window read that day; before issue 15's change only a scoped run did), nothing else.
update cw_000901.demand_history set quantity = 9, revenue = 90, demand_qty = 9
where product_id = (select id from cw_000901.products where erp_id = 'UP-RESP') and demand_date = '2024-02-23';
create temporary table tap_scoped as select * from tap_now;
call cw_000901.step_uplift('2024-06-30', null);
select is_empty($$ select * from (select * from tap_now except select * from tap_scoped) as changed
                   where not (changed.kind = 'impact'
                              and changed.id in (select impacts.id
                                         from cw_000901.purchase_order_recommendation_impacts as impacts
                                         inner join cw_000901.po_recommendations as recommendations
                                             on recommendations.id = impacts.po_recommendation_id
                                         inner join cw_000901.products on products.id = recommendations.product_id
                                         where products.erp_id = 'UP-RESP')) $$,
                'a nightly run long after the window re-measures only the recommendation whose window read the day');
select is((select baseline_value || ' ' || computed_on
           from cw_000901.purchase_order_recommendation_impacts as impacts
           where impacts.purchase_order_recommendation_impact_type_id = 1 and impacts.measurement_method_id = 1
               and impacts.po_recommendation_id = (select id from cw_000901.po_recommendations
                                                   where product_id = (select id from cw_000901.products
                                                                       where erp_id = 'UP-RESP'))),
          round((90 + 4 * 20) / 7.0, 4) || ' 2024-06-30',
          'the night re-measures UP-RESP from the corrected data');
drop table tap_scoped;
create temporary table tap_scoped as select * from tap_now;
call cw_000901.step_uplift('2024-06-30', '{"products": ["UP-NONE"]}');
call cw_000901.step_uplift('2024-06-30', '{"products": ["UP-RESP"]}');
select is_empty($$ select * from tap_now except select * from tap_scoped $$,
                'scoped runs of UP-NONE and UP-RESP afterwards find every impact as the night left it');

select * from finish();
rollback;

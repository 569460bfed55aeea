begin;
select plan(9);

-- Issue 14's test list: UI statuses on purchase and transfer recommendations and a locked assortment survive a
-- reload of the same day (step load re-run on a re-sent file) followed by steps 9-11 re-run. World: tests.po_world
-- (IT-A and IT-B at store IT-S1, IT-A at IT-DC, which supplies IT-S2 and IT-S3).
select tests.po_world('2024-06-30');
call cw_000901.step_assortment('2024-06-30', null);

create temporary view tap_row as
select products.erp_id as product, coalesce(locations.erp_id, 'global') as location, rows.*
from cw_000901.assortment_products as rows
inner join cw_000901.assortments on assortments.id = rows.assortment_id
inner join cw_000901.products on products.id = rows.product_id
left join cw_000901.locations on locations.id = assortments.location_id;
create temporary view tap_po as
select products.erp_id as product, locations.erp_id as location, statuses.name as status, recommendations.*
from cw_000901.po_recommendations as recommendations
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.locations on locations.id = recommendations.location_id
inner join cw_000901.po_recommendation_statuses as statuses
    on statuses.id = recommendations.po_recommendation_status_id;
create temporary view tap_to as
select products.erp_id as product, senders.erp_id as from_location, receivers.erp_id as to_location,
       statuses.name as status, recommendations.*
from cw_000901.to_recommendations as recommendations
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.locations as senders on senders.id = recommendations.from_location_id
inner join cw_000901.locations as receivers on receivers.id = recommendations.to_location_id
inner join cw_000901.to_recommendation_statuses as statuses
    on statuses.id = recommendations.to_recommendation_status_id;

-- The client stocks IT-A and IT-B chain-wide and at IT-S1 (with a note), then locks IT-S1's assortment.
select tests.run_as('cw_000901_ui',
    $$ update cw_000901.assortment_products set client_product_assortment_status_id = 1
       where product_id in (select id from cw_000901.products where erp_id in ('IT-A', 'IT-B'))
           and assortment_id in (select id from cw_000901.assortments where location_id is null) $$);
select tests.run_as('cw_000901_ui', format(
    $$ update cw_000901.assortment_products set client_product_assortment_status_id = 1, note = 'core range'
       where id in (%s, %s) $$,
    (select id from tap_row where location = 'IT-S1' and product = 'IT-A'),
    (select id from tap_row where location = 'IT-S1' and product = 'IT-B')));
select tests.run_as('cw_000901_ui', format(
    'update cw_000901.assortments set assortment_workflow_status_id = 3 where id = %s',
    (select assortment_id from tap_row where location = 'IT-S1' limit 1)));
call cw_000901.step_po_recommendations('2024-06-30', null);
call cw_000901.step_to_recommendations('2024-06-30', null);

-- The buyer accepts IT-A at IT-S1 and rejects IT-A at IT-DC; the planner accepts the transfer of IT-A to IT-S2.
select tests.run_as('cw_000901_ui', format(
    'update cw_000901.po_recommendations set po_recommendation_status_id = 2 where id = %s',
    (select id from tap_po where product = 'IT-A' and location = 'IT-S1')));
select tests.run_as('cw_000901_ui', format(
    'update cw_000901.po_recommendations set po_recommendation_status_id = 3 where id = %s',
    (select id from tap_po where product = 'IT-A' and location = 'IT-DC')));
select tests.run_as('cw_000901_ui', format(
    'update cw_000901.to_recommendations set to_recommendation_status_id = 2 where id = %s',
    (select id from tap_to where product = 'IT-A' and from_location = 'IT-DC' and to_location = 'IT-S2')));

create temporary table tap_decided as
select 'po' as kind, tap_po.product || '@' || tap_po.location as line, tap_po.status, tap_po.recommended_qty,
       rows.ctid::text as version
from tap_po inner join cw_000901.po_recommendations as rows on rows.id = tap_po.id
where tap_po.status <> 'pending'
union all
select 'to', tap_to.product || '@' || tap_to.from_location || '>' || tap_to.to_location, tap_to.status,
       tap_to.recommended_qty, rows.ctid::text
from tap_to inner join cw_000901.to_recommendations as rows on rows.id = tap_to.id
where tap_to.status <> 'pending';
create temporary table tap_locked as
select rows.id, rows.ctid::text as version from cw_000901.assortment_products as rows
where rows.id in (select id from tap_row where location = 'IT-S1');
create temporary table tap_client as
select id, client_product_assortment_status_id, note from tap_row where client_product_assortment_status_id is not null;
create temporary table tap_history as select max(id) as last_id from cw_000901.assortment_product_updates;
create temporary table tap_pending as
select recommended_qty from tap_po where product = 'IT-B' and location = 'IT-S1';

-- The reload: the ERP re-sends the day's stock (a new file of the same date) with a correction, IT-B at IT-S1 has 4
-- units after all; step load runs again, then steps 9, 10 and 11.
select tests.open_load_batch('2024-06-30') as file \gset
insert into cw_000901_staging.staging_inventory_balances (raw_file_id, record_no, product_id, location_id,
                                                          balance_date, qty_available, qty_blocked, qty_reserved,
                                                          qty_all, snapshot_type)
values (:file, 1, 'IT-A', 'IT-S1', '2024-06-30', 5, 3, 2, 10, 'delta'),
       (:file, 2, 'IT-B', 'IT-S1', '2024-06-30', 4, 0, 0, 4, 'delta');
call cw_000901.step_load('2024-06-30', null);
call cw_000901.step_assortment('2024-06-30', null);
call cw_000901.step_po_recommendations('2024-06-30', null);
call cw_000901.step_to_recommendations('2024-06-30', null);

select is(
    (select qty_all from cw_000901.inventory_balances
     where product_id = (select id from cw_000901.products where erp_id = 'IT-B')
         and location_id = (select id from cw_000901.locations where erp_id = 'IT-S1')
         and balance_date = '2024-06-30'),
    4.000, 'the reload stored the corrected stock'
);
select isnt((select recommended_qty from tap_po where product = 'IT-B' and location = 'IT-S1'),
            (select recommended_qty from tap_pending),
            'the pending line follows the reloaded stock (steps 9-11 did re-run on it)');
select set_eq(
    $$ select kind, line, status, recommended_qty from tap_decided $$,
    $$ select 'po' as kind, product || '@' || location as line, status, recommended_qty from tap_po
       where status <> 'pending'
       union all
       select 'to', product || '@' || from_location || '>' || to_location, status, recommended_qty
       from tap_to where status <> 'pending' $$,
    'every accepted and rejected purchase and transfer line is still there, with its status and quantity'
);
select is((select count(*)::integer from tap_decided), 3, 'two purchase lines and one transfer line decided');
select is_empty(
    $$ select version from tap_decided
       except
       (select ctid::text from cw_000901.po_recommendations
        union all select ctid::text from cw_000901.to_recommendations) $$,
    'and no decided line was rewritten'
);
select is_empty(
    $$ select id, ctid::text from cw_000901.assortment_products where id in (select id from tap_locked)
       except select * from tap_locked $$,
    'nothing of the locked assortment was written'
);
select set_eq(
    $$ select id, client_product_assortment_status_id, note from tap_row
       where client_product_assortment_status_id is not null $$,
    $$ select * from tap_client $$,
    'the client statuses and notes are kept, chain-wide and in the locked assortment'
);
select is(
    (select count(*)::integer from cw_000901.assortment_product_updates
     where id > (select last_id from tap_history) and assortment_product_id in (select id from tap_locked)),
    0, 'the locked assortment gets no history row'
);
select is(
    (select effective.effective_status from cw_000901.assortment_effective_status('2024-06-30', false) as effective
     where effective.product_id = (select id from cw_000901.products where erp_id = 'IT-A')
         and effective.location_id = (select id from cw_000901.locations where erp_id = 'IT-S1')),
    'STOCK', 'IT-A stays stocked at IT-S1 by the client''s decision'
);

select * from finish();
rollback;

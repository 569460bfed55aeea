begin;
select plan(4);

select tests.assortment_world('2024-06-30');
call cw_000901.step_assortment('2024-06-30', null);

create temporary table tap_before as select id, product_id, ctid::text as version from cw_000901.assortment_products;
-- Margin-only weights would change every row; a run scoped to one product writes that product only.
update cw_global.clients
set settings = jsonb_set(coalesce(settings, '{}'), '{assortment}',
                         '{"weight_revenue_pct": 0, "weight_margin_pct": 100, "weight_forecast_pct": 0,
                           "weight_regularity_pct": 0}')
where code = 'CW-000901';
call cw_000901.step_assortment('2024-06-30', '{"products": ["AS-GOOD"]}');

select is_empty(
    $$ select rows.id, rows.ctid::text from cw_000901.assortment_products as rows
       where rows.product_id <> (select id from cw_000901.products where erp_id = 'AS-GOOD')
       except select id, version from tap_before $$,
    'no other product''s row is written'
);
select is(
    (select count(*)::integer from cw_000901.assortment_products as rows
     inner join tap_before on tap_before.id = rows.id and tap_before.version <> rows.ctid::text
     where rows.product_id = (select id from cw_000901.products where erp_id = 'AS-GOOD')),
    2, 'the scoped product is rewritten where its values changed (global and store 1; at store 2 it leads either way)'
);
select is(
    (select rows.rank from cw_000901.assortment_products as rows
     inner join cw_000901.assortments on assortments.id = rows.assortment_id
     where rows.product_id = (select id from cw_000901.products where erp_id = 'AS-GOOD')
         and assortments.location_id = (select id from cw_000901.locations where erp_id = 'AS-S1')),
    1, 'ranked against the whole assortment (its peers keep their stored ranks until the next full run)'
);

-- A location scope writes that store's assortment only (not the global one).
delete from tap_before;
insert into tap_before select id, product_id, ctid::text from cw_000901.assortment_products;
call cw_000901.step_assortment('2024-06-30', '{"locations": ["AS-S2"]}');
select set_eq(
    $$ select distinct coalesce(locations.erp_id, 'global')
       from cw_000901.assortment_products as rows
       inner join tap_before on tap_before.id = rows.id and tap_before.version <> rows.ctid::text
       inner join cw_000901.assortments on assortments.id = rows.assortment_id
       left join cw_000901.locations on locations.id = assortments.location_id $$,
    $$ values ('AS-S2') $$,
    'a location scope writes only that location''s assortment'
);

select * from finish();
rollback;

begin;
select plan(6);

select tests.assortment_world('2024-06-30');
call cw_000901.step_assortment('2024-06-30', null);

create temporary table tap_before as select id, product_id, ctid::text as version from cw_000901.assortment_products;
create temporary view tap_written as
select coalesce(locations.erp_id, 'global') as assortment, products.erp_id as product, rows.rank
from cw_000901.assortment_products as rows
inner join tap_before on tap_before.id = rows.id and tap_before.version <> rows.ctid::text
inner join cw_000901.assortments on assortments.id = rows.assortment_id
inner join cw_000901.products on products.id = rows.product_id
left join cw_000901.locations on locations.id = assortments.location_id;

-- Margin-only weights change the scores of every assortment (AS-S2's too: AS-STAR sells there at a thin margin). A run
-- scoped to AS-SLOW, which only AS-S1 carries, re-ranks the assortments that contain it: the global one and AS-S1's.
update cw_global.clients
set settings = jsonb_set(coalesce(settings, '{}'), '{assortment}',
                         '{"weight_revenue_pct": 0, "weight_margin_pct": 100, "weight_forecast_pct": 0,
                           "weight_regularity_pct": 0}')
where code = 'CW-000901';
call cw_000901.step_assortment('2024-06-30', '{"products": ["AS-SLOW"]}');

select set_eq(
    $$ select distinct assortment from tap_written $$,
    $$ values ('global'), ('AS-S1') $$,
    'a product scope writes only rows of the assortments that contain the scoped product (not AS-S2''s)'
);
select ok(
    (select count(distinct product) > 1 from tap_written where assortment = 'AS-S1'),
    'its peers in those assortments are re-ranked with it and written where their values changed'
);
select is(
    (select count(distinct rows.rank)::integer = count(*)::integer from cw_000901.assortment_products as rows
     inner join cw_000901.assortments on assortments.id = rows.assortment_id
     where assortments.location_id = (select id from cw_000901.locations where erp_id = 'AS-S1')),
    true, 'ranks stay consistent within a re-ranked assortment (no two products share a rank)'
);
select is(
    (select rows.rank from cw_000901.assortment_products as rows
     inner join cw_000901.assortments on assortments.id = rows.assortment_id
     where rows.product_id = (select id from cw_000901.products where erp_id = 'AS-GOOD')
         and assortments.location_id = (select id from cw_000901.locations where erp_id = 'AS-S1')),
    1, 'ranked on the new weights: the best margin leads AS-S1'
);

-- The same scoped run again writes nothing: only rows whose values changed are written.
delete from tap_before;
insert into tap_before select id, product_id, ctid::text from cw_000901.assortment_products;
call cw_000901.step_assortment('2024-06-30', '{"products": ["AS-SLOW"]}');
select is_empty($$ select * from tap_written $$, 'a repeated scoped run writes no row');

-- A location scope writes that store's assortment only (not the global one).
call cw_000901.step_assortment('2024-06-30', '{"locations": ["AS-S2"]}');
select set_eq(
    $$ select distinct assortment from tap_written $$,
    $$ values ('AS-S2') $$,
    'a location scope writes only that location''s assortment'
);

select * from finish();
rollback;

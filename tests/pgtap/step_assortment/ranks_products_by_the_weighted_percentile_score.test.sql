begin;
select plan(6);

select tests.assortment_world('2024-06-30');
call cw_000901.step_assortment('2024-06-30', null);

create temporary view tap_row as
select products.erp_id as product, coalesce(locations.erp_id, 'global') as location, rows.*
from cw_000901.assortment_products as rows
inner join cw_000901.assortments on assortments.id = rows.assortment_id
inner join cw_000901.products on products.id = rows.product_id
left join cw_000901.locations on locations.id = assortments.location_id;

select results_eq(
    $$ select product, ranking_score, rank from tap_row where location = 'AS-S1' order by rank $$,
    $$ values ('AS-STAR', 95.83, 1), ('AS-GOOD', 90.00, 2), ('AS-DISC', 67.50, 3), ('AS-NEW', 55.83, 4),
              ('AS-SLOW', 43.33, 5), ('AS-TAIL', 12.50, 6) $$,
    'the store''s products are ranked by 35 % revenue, 25 % margin, 25 % forecast and 15 % regularity percentiles'
);
select is(
    (select ranking_components from tap_row where location = 'AS-S1' and product = 'AS-STAR'),
    '{"margin": 450.00, "revenue": 4500.00, "margin_pct": 0.8333, "regularity": 1.0000, "revenue_pct": 1.0000,
      "forecast_pct": 1.0000, "forecast_qty": 140.000, "hotness_score": 50.00, "regularity_pct": 1.0000}'::jsonb,
    'the components say how the score was made (the star sells most but its margin is second)'
);
select results_eq(
    $$ select product, rank from tap_row where location = 'AS-S2' order by rank $$,
    $$ values ('AS-GOOD', 1), ('AS-STAR', 2) $$,
    'each store ranks its own products on its own figures'
);
select results_eq(
    $$ select product from tap_row where location = 'global' order by rank $$,
    $$ values ('AS-STAR'), ('AS-GOOD'), ('AS-DISC'), ('AS-NEW'), ('AS-SLOW'), ('AS-TAIL') $$,
    'the global assortment ranks every product on client-wide figures'
);
select results_eq(
    $$ select assortment_types.name, assortment_workflow_statuses.name, effective_date
       from cw_000901.assortments
       inner join cw_000901.assortment_types on assortment_types.id = assortments.assortment_type_id
       inner join cw_000901.assortment_workflow_statuses
           on assortment_workflow_statuses.id = assortments.assortment_workflow_status_id
       order by assortments.assortment_type_id, assortments.location_id $$,
    $$ values ('global', 'in_review', '2024-06-30'::date), ('local', 'in_review', '2024-06-30'::date),
              ('local', 'in_review', '2024-06-30'::date) $$,
    'one global assortment and one per store are created in review, effective from the run date'
);

-- Other weights reorder the products: margin only puts the good-margin product first.
update cw_global.clients
set settings = jsonb_set(coalesce(settings, '{}'), '{assortment}',
                         '{"weight_revenue_pct": 0, "weight_margin_pct": 100, "weight_forecast_pct": 0,
                           "weight_regularity_pct": 0}')
where code = 'CW-000901';
call cw_000901.step_assortment('2024-06-30', null);
select results_eq(
    $$ select product from tap_row where location = 'AS-S1' and rank <= 2 order by rank $$,
    $$ values ('AS-GOOD'), ('AS-STAR') $$,
    'the weights are settings: ranked on margin alone, the good-margin product leads'
);

select * from finish();
rollback;

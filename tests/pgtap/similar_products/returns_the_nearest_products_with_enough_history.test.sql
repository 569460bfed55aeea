begin;
select plan(7);

select tests.similar_world('2024-06-30');
select cw_000901.embeddings_refresh_attributes(null), cw_000901.embeddings_refresh_demand_profiles('2024-06-30', null);
create temporary view tap_similar as
select products.erp_id, nearest.similarity_rank, nearest.distance
from cw_000901.similar_products((select id from cw_000901.products where erp_id = 'SP-NEW-MILK'), 4) as nearest
inner join cw_000901.products on products.id = nearest.similar_product_id;

select results_eq(
    $$ select erp_id from tap_similar order by similarity_rank $$,
    $$ values ('SP-MILK-A'), ('SP-MILK-B'), ('SP-CHEESE'), ('SP-MILK-BULK') $$,
    'a new milk: the same-brand milks at a close price first, then the same brand''s cheese, then another brand''s milk'
);
select is((select distance from tap_similar where erp_id = 'SP-MILK-A'), 0::float8,
          'a product with the same attributes (price in the same band) is at distance 0');
select ok((select bool_and(distance < 0.5) from tap_similar), 'all four share at least the category path');
select is_empty(
    $$ select from tap_similar where erp_id in ('SP-YOUNG', 'SP-NEW-MILK') $$,
    'neither the product itself nor a twin with only 3 weeks of history (under min_history_weeks) is returned'
);
select set_eq(
    $$ select products.erp_id
       from cw_000901.similar_products((select id from cw_000901.products where erp_id = 'SP-NEW-MILK'), 2, 0)
           as nearest
       inner join cw_000901.products on products.id = nearest.similar_product_id $$,
    $$ values ('SP-MILK-A'), ('SP-YOUNG') $$,
    'with a minimum history of 0 weeks the young twin is among the nearest: the history filter excluded it'
);
select results_eq(
    $$ select products.erp_id, many.similarity_rank
       from cw_000901.similar_products_many(
           (select array_agg(id) from cw_000901.products where erp_id in ('SP-NEW-MILK', 'SP-NEW-HAMMER')), 1
       ) as many
       inner join cw_000901.products on products.id = many.product_id
       order by products.erp_id $$,
    $$ values ('SP-NEW-HAMMER', 1), ('SP-NEW-MILK', 1) $$,
    'the many-products form answers every product in one call'
);
select throws_ok(
    $$ select * from cw_000901.similar_products(1, 0) $$,
    'CW212', null, 'k must be at least 1'
);

select * from finish();
rollback;

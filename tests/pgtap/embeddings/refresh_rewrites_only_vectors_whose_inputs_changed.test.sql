begin;
select plan(8);

select tests.similar_world('2024-06-30');
select is(cw_000901.embeddings_refresh_attributes(null), 8::bigint, 'the first refresh writes a vector per product');
select is(cw_000901.embeddings_refresh_demand_profiles('2024-06-30', null), 8::bigint,
          'and a demand profile per product with demand');
select is_empty(
    $$ select from cw_000901.embeddings where abs(cw_global.vector_norm(vector) - 1) > 1e-6 $$,
    'every vector has unit norm'
);
create temporary table tap_before as select id, computed_at from cw_000901.embeddings;

select is(cw_000901.embeddings_refresh_attributes(null) + cw_000901.embeddings_refresh_demand_profiles('2024-06-30',
          null), 0::bigint, 'a second refresh with unchanged inputs writes nothing');
update cw_000901.products set price = 99 where erp_id = 'SP-CHEESE';
select is(cw_000901.embeddings_refresh_attributes(null), 1::bigint, 'a changed price rewrites that product''s vector');
select results_eq(
    $$ select products.erp_id from cw_000901.embeddings
       inner join tap_before on tap_before.id = embeddings.id
       inner join cw_000901.products on products.id = embeddings.product_id
       where embeddings.computed_at <> tap_before.computed_at $$,
    $$ values ('SP-CHEESE') $$,
    'and no other row (computed_at of every other vector unchanged)'
);
select is(cw_000901.embeddings_refresh_demand_profiles('2024-07-03', null), 0::bigint,
          'a refresh in the same ISO week reads the same whole weeks and writes nothing');
delete from cw_000901.demand_history
where product_id = (select id from cw_000901.products where erp_id = 'SP-NEW-MILK');
select is(cw_000901.embeddings_refresh_demand_profiles('2024-06-30', null), 1::bigint,
          'a product without demand loses its demand profile');

select * from finish();
rollback;

begin;
select plan(9);

select results_eq(
    $$ select id::integer, name, dimensions::integer from cw_000901.embedding_types order by id $$,
    $$ values (1, 'product_attributes', 256), (2, 'demand_profile', 60) $$,
    'the embedding types have fixed ids and dimensions'
);
select table_privs_are('cw_000901', 'embeddings', 'cw_000901_ui', array['SELECT'],
                       'the UI role may only read embeddings');
select table_privs_are('cw_000901', 'embedding_types', 'cw_000901_ui', array['SELECT'],
                       'the UI role may only read embedding_types');
select table_privs_are('cw_000902', 'embeddings', 'cw_000901_ui', array[]::text [],
                       'the UI role of one client cannot read another client''s embeddings');
select is(
    (select count(*)::integer from pg_indexes
     where schemaname = 'cw_000901' and tablename = 'embeddings' and indexdef like '%USING hnsw%vector_cosine_ops%'),
    2, 'each embedding type has its own HNSW (cosine) index'
);

select tests.similar_world('2024-06-30');
create temporary view tap_product as
select id from cw_000901.products where erp_id = 'SP-MILK-A';

select lives_ok(
    $$ insert into cw_000901.embeddings (product_id, embedding_type_id, vector, model_version, input_hash)
       select id, 1, array_fill(0.0625::real, array[256])::cw_global.vector, 'tap', md5('a')::uuid
       from tap_product $$,
    'a unit-norm vector of 256 dimensions is accepted as product_attributes'
);
select throws_ok(
    $$ insert into cw_000901.embeddings (product_id, embedding_type_id, vector, model_version, input_hash,
                                         history_weeks)
       select id, 2, array_fill(0.5::real, array[4])::cw_global.vector, 'tap', md5('b')::uuid, 8
       from tap_product $$,
    '23514', null, 'a demand profile of the wrong dimension is refused (embedding_dimensions_check)'
);
select throws_ok(
    $$ insert into cw_000901.embeddings (product_id, embedding_type_id, vector, model_version, input_hash,
                                         history_weeks)
       select id, 2, array_fill(0.5::real, array[60])::cw_global.vector, 'tap', md5('c')::uuid, 8
       from tap_product $$,
    '23514', null, 'a vector that is not of unit norm is refused (embedding_unit_norm_check)'
);
select throws_ok(
    $$ insert into cw_000901.embeddings (product_id, embedding_type_id, vector, model_version, input_hash)
       select id, 1, array_fill(0.0625::real, array[256])::cw_global.vector, 'tap', md5('d')::uuid
       from tap_product $$,
    '23505', null, 'one vector per product and type (embeddings_product_id_embedding_type_id_key)'
);

select * from finish();
rollback;

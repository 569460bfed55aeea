-- Products with the same attributes are at the same distance: which of them are the k nearest must not depend on
-- the order their vectors entered the HNSW graph (a rebuilt client inserts them in another order than the live one).
-- Two clients hold the same 60 twins of a new product and 5 farther products, inserted in opposite orders.
begin;
select plan(6);

create function pg_temp.twin_world(p_schema text, p_descending boolean)
returns void
language plpgsql
as $$
declare
    v_eur smallint := (select id from cw_global.currencies where code = 'EUR');
    v_twin text := '[' || array_to_string(array[1] || array_fill(0, array[255]), ',') || ']';
    v_far text := '[0.6,0.8,' || array_to_string(array_fill(0, array[254]), ',') || ']';
    v_profile text := '[' || array_to_string(array_fill(0, array[59]) || array[1], ',') || ']';
begin
    execute format(
        'insert into %I.products (erp_id, name, erp_currency_id, cost, price, erp_status, first_seen_date, row_hash)
         select erp_id, erp_id, %L, 1, 2, %L, date %L, md5(erp_id)::uuid
         from (select %L as erp_id, 0 as position
               union all
               select format(%L, lpad(n::text, 2, %L)), case when %L then -n else n end
               from generate_series(1, 65) as n) as names
         order by position',
        p_schema, v_eur, 'active', '2024-01-01', 'TW-NEW', 'TW-%s', '0', p_descending);
    execute format(
        'insert into %I.embeddings (product_id, embedding_type_id, vector, model_version, input_hash, history_weeks)
         select id, 1, (case when erp_id between %L and %L then %L else %L end)::cw_global.vector, %L, md5(erp_id)::uuid, null
         from %I.products where erp_id like %L order by id',
        p_schema, 'TW-61', 'TW-65', v_far, v_twin, 'hashed-attributes-1', p_schema, 'TW-%');
    execute format(
        'insert into %I.embeddings (product_id, embedding_type_id, vector, model_version, input_hash, history_weeks)
         select id, 2, %L::cw_global.vector, %L, md5(erp_id || %L)::uuid, 20
         from %I.products where erp_id like %L and erp_id <> %L order by id',
        p_schema, v_profile, 'demand-profile-1', 'p', p_schema, 'TW-%', 'TW-NEW');
end
$$;
select pg_temp.twin_world('cw_000901', false), pg_temp.twin_world('cw_000902', true);

create function pg_temp.nearest(p_schema text)
returns table (erp_id text, similarity_rank integer)
language plpgsql
as $$
begin
    return query execute format(
        'select products.erp_id, nearest.similarity_rank
         from %1$I.similar_products((select id from %1$I.products where erp_id = %2$L), 10, 8) as nearest
         inner join %1$I.products on products.id = nearest.similar_product_id
         order by nearest.similarity_rank',
        p_schema, 'TW-NEW');
end
$$;

select results_eq(
    $$ select * from pg_temp.nearest('cw_000901') $$,
    $$ select format('TW-%s', lpad(n::text, 2, '0')), n::integer from generate_series(1, 10) as n $$,
    'exact search: of 60 twins at distance 0, the 10 with the lowest ERP ids, in ERP id order'
);
select results_eq(
    $$ select * from pg_temp.nearest('cw_000902') $$,
    $$ select * from pg_temp.nearest('cw_000901') $$,
    'exact search: the same twins in a client whose products and vectors were inserted in the opposite order'
);

update cw_global.clients set settings = '{"embeddings": {"exact_search_max_pairs": 0}}'
where code in ('CW-000901', 'CW-000902');
select results_eq(
    $$ select * from pg_temp.nearest('cw_000901') $$,
    $$ select format('TW-%s', lpad(n::text, 2, '0')), n::integer from generate_series(1, 10) as n $$,
    'through the HNSW index: the same 10 twins (more tie than candidates fetched: searched exactly)'
);
select results_eq(
    $$ select * from pg_temp.nearest('cw_000902') $$,
    $$ select * from pg_temp.nearest('cw_000901') $$,
    'through the HNSW index: the same twins whatever the order the graph was built in'
);
select results_eq(
    $$ select products.erp_id
       from cw_000902.similar_products((select id from cw_000902.products where erp_id = 'TW-01'), 3, 8) as nearest
       inner join cw_000902.products on products.id = nearest.similar_product_id
       order by nearest.similarity_rank $$,
    $$ values ('TW-02'), ('TW-03'), ('TW-04') $$,
    'through the HNSW index, 60 ties and k = 3: the twins next in ERP id order, never the product itself'
);
select results_eq(
    $$ select products.erp_id, nearest.similarity_rank
       from cw_000902.similar_products((select id from cw_000902.products where erp_id = 'TW-NEW'), 64, 8) as nearest
       inner join cw_000902.products on products.id = nearest.similar_product_id
       where nearest.similarity_rank in (1, 60, 61, 64)
       order by nearest.similarity_rank $$,
    $$ values ('TW-01', 1), ('TW-60', 60), ('TW-61', 61), ('TW-64', 64) $$,
    'through the HNSW index, every candidate fetched (no tie cut): the twins by ERP id, then the farther products'
);

select * from finish();
rollback;

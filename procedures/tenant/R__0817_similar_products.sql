-- The k most similar products of one product (pgvector): a wrapper of similar_products_many.
drop function if exists ${schema}.similar_products(integer, integer, integer);
create function ${schema}.similar_products(p_product_id integer, p_k integer, p_min_history_weeks integer default null)
returns table (similar_product_id integer, similarity_rank integer, distance float8)
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select many.similar_product_id, many.similarity_rank, many.distance
    from ${schema}.similar_products_many(array[p_product_id], p_k, p_min_history_weeks) as many
    order by many.similarity_rank
$$;
comment on function ${schema}.similar_products(integer, integer, integer) is
'The p_k products nearest to p_product_id by cosine distance of their product_attributes vectors (exact search or '
'HNSW index; equal distances by ERP id), among products with a demand_profile of at least p_min_history_weeks weeks '
'(null = setting forecast.min_history_weeks): similar_product_id, similarity_rank (1 = nearest), distance. See '
'similar_products_many; CW212 for an invalid k.';
grant execute on function ${schema}.similar_products(integer, integer, integer) to ${ui_role};

-- The k most similar products of many products at once (pgvector HNSW, cosine distance of the product_attributes
-- vectors), among the products with enough demand history to lend their demand. Definitions: docs/forecast.md.
-- Iterative index scans (pgvector 0.8, set below): the filter on history is applied while the HNSW graph is walked, so
-- k neighbours are found even when most near products are too new; ef_search 100 keeps recall high for k up to 100.
drop function if exists ${schema}.similar_products_many(integer [], integer, integer);
create function ${schema}.similar_products_many(
    p_product_ids integer [], p_k integer, p_min_history_weeks integer default null
)
returns table (product_id integer, similar_product_id integer, similarity_rank integer, distance float8)
language plpgsql
stable
security invoker -- noqa: PRS
set hnsw.iterative_scan = 'relaxed_order'
set hnsw.ef_search = 100
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_min_weeks integer := coalesce(p_min_history_weeks,
                                    (${schema}.settings('forecast') ->> 'min_history_weeks')::integer);
begin
    if p_k is null or p_k < 1 or p_k > 1000 then
        raise exception 'similar products: k must be between 1 and 1000, got %', coalesce(p_k::text, 'null')
            using errcode = 'CW212', hint = 'ask for the 10 nearest: similar_products(product_id, 10)';
    end if;
    if v_min_weeks < 0 then
        raise exception 'similar products: minimum history must be >= 0 weeks, got %', v_min_weeks
            using errcode = 'CW212', hint = 'pass null to use the setting forecast.min_history_weeks';
    end if;
    return query
    with targets as (
        select embeddings.product_id, embeddings.vector::vector(256) as vector
        from ${schema}.embeddings
        where embeddings.embedding_type_id = 1 and embeddings.product_id = any(p_product_ids)
    ),
    neighbours as (
        -- The ORDER BY ... LIMIT per target is an HNSW index scan (embeddings_product_attributes_vector_idx);
        -- materialised so that the relaxed order of the iterative scan is sorted again below.
        select targets.product_id, nearest.similar_product_id, nearest.distance
        from targets
        cross join lateral (
            select candidates.product_id as similar_product_id,
                   (candidates.vector::vector(256) <=> targets.vector)::float8 as distance
            from ${schema}.embeddings as candidates
            where candidates.embedding_type_id = 1
              and candidates.product_id <> targets.product_id
              and exists (select from ${schema}.embeddings as profiles
                          where profiles.product_id = candidates.product_id and profiles.embedding_type_id = 2
                            and profiles.history_weeks >= v_min_weeks)
            order by candidates.vector::vector(256) <=> targets.vector
            limit p_k
        ) as nearest
    )
    select neighbours.product_id, neighbours.similar_product_id,
           (row_number() over (partition by neighbours.product_id
                               order by neighbours.distance, neighbours.similar_product_id))::integer,
           neighbours.distance
    from neighbours
    order by neighbours.product_id, 3;
end
$$;
comment on function ${schema}.similar_products_many(integer [], integer, integer) is
'For each product of p_product_ids: its p_k nearest products by cosine distance of their product_attributes vectors '
'(HNSW index, iterative scan), among products with a demand_profile of at least p_min_history_weeks weeks (null = '
'setting forecast.min_history_weeks): product_id, similar_product_id, similarity_rank (1 = nearest), distance '
'(0 = same attributes, 1 = nothing in common). A product without an attribute vector gets no rows. CW212: k outside '
'1..1000 or a negative minimum history. HNSW search is approximate: rarely a near neighbour is missed.';
grant execute on function ${schema}.similar_products_many(integer [], integer, integer) to ${ui_role};

-- The k most similar products of many products at once (cosine distance of the product_attributes vectors), among
-- the products with enough demand history to lend their demand. Definitions: docs/forecast.md "New products".
-- Deterministic: ranked by (distance rounded to 1e-9, ERP id), so products with the same attributes (equal distance)
-- are chosen by ERP id, never by the order the HNSW graph was built in (a rebuilt client equals the live one).
-- Exact (every candidate compared) while targets x candidates <= embeddings.exact_search_max_pairs; above it through
-- the HNSW index with iterative scans (pgvector 0.8, set below: the history filter is applied while the graph is
-- walked, so k neighbours are found even when most near products are too new; ef_search 100 keeps recall high).
-- The hnsw.* settings below are pgvector's: a session that has not loaded the vector library yet knows them only as
-- placeholders, which only a superuser may put on a function (42501 when this file re-runs alone as the owner role).
-- Using the type loads the library and defines them as ordinary user settings.
select cw_global.vector_dims('[1]'::cw_global.vector) as loads_pgvector;
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
    v_min_weeks       integer := coalesce(p_min_history_weeks,
                                          (${schema}.settings('forecast') ->> 'min_history_weeks')::integer);
    v_exact_max_pairs bigint := (${schema}.settings('embeddings') ->> 'exact_search_max_pairs')::bigint;
    v_fetch           integer := least(greatest(4 * p_k, p_k + 40), 4000);
    v_targets         bigint;
    v_candidates      bigint;
begin
    if p_k is null or p_k < 1 or p_k > 1000 then
        raise exception 'similar products: k must be between 1 and 1000, got %', coalesce(p_k::text, 'null')
            using errcode = 'CW212', hint = 'ask for the 10 nearest: similar_products(product_id, 10)';
    end if;
    if v_min_weeks < 0 then
        raise exception 'similar products: minimum history must be >= 0 weeks, got %', v_min_weeks
            using errcode = 'CW212', hint = 'pass null to use the setting forecast.min_history_weeks';
    end if;
    select count(*) into v_targets
    from ${schema}.embeddings
    where embeddings.embedding_type_id = 1 and embeddings.product_id = any(p_product_ids);
    select count(*) into v_candidates
    from ${schema}.embeddings
    where embeddings.embedding_type_id = 2 and embeddings.history_weeks >= v_min_weeks;
    if v_targets::bigint * v_candidates <= v_exact_max_pairs then
        -- Exact: every candidate compared (a top-k sort per target), ties ranked by the product's ERP id.
        return query
        with targets as (
            select embeddings.product_id, embeddings.vector::vector(256) as vector
            from ${schema}.embeddings
            where embeddings.embedding_type_id = 1 and embeddings.product_id = any(p_product_ids)
        ),
        candidates as materialized (
            select embeddings.product_id, embeddings.vector::vector(256) as vector, products.erp_id
            from ${schema}.embeddings
            inner join ${schema}.products on products.id = embeddings.product_id
            where embeddings.embedding_type_id = 1
              and exists (select from ${schema}.embeddings as profiles
                          where profiles.product_id = embeddings.product_id and profiles.embedding_type_id = 2
                            and profiles.history_weeks >= v_min_weeks)
        )
        select targets.product_id, nearest.similar_product_id, nearest.similarity_rank::integer, nearest.distance
        from targets
        cross join lateral (
            select ranked.similar_product_id, ranked.distance,
                   row_number() over (order by ranked.rank_distance, ranked.erp_id) as similarity_rank
            from (select candidates.product_id as similar_product_id, candidates.erp_id,
                         (candidates.vector <=> targets.vector)::float8 as distance,
                         round((candidates.vector <=> targets.vector)::float8 * 1e9) as rank_distance
                  from candidates
                  where candidates.product_id <> targets.product_id
                  order by 4, 2
                  limit p_k) as ranked
        ) as nearest
        order by targets.product_id, nearest.similarity_rank;
        return;
    end if;
    -- Through the index: v_fetch candidates per target (more than k, the iterative scan's order is relaxed),
    -- re-ranked by (distance to 1e-9, ERP id). A target whose fetched candidates all tie with its k-th (the tie
    -- may go on beyond them) is searched exactly. HNSW itself stays approximate.
    return query
    with targets as (
        select embeddings.product_id, embeddings.vector::vector(256) as vector
        from ${schema}.embeddings
        where embeddings.embedding_type_id = 1 and embeddings.product_id = any(p_product_ids)
    ),
    fetched as materialized (
        -- The ORDER BY ... LIMIT per target is an HNSW index scan (embeddings_product_attributes_vector_idx).
        select targets.product_id, nearest.similar_product_id, nearest.distance,
               round(nearest.distance * 1e9) as rank_distance, products.erp_id
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
            limit v_fetch
        ) as nearest
        inner join ${schema}.products on products.id = nearest.similar_product_id
    ),
    ranked as (
        select fetched.*,
               row_number() over (partition by fetched.product_id
                                  order by fetched.rank_distance, fetched.erp_id) as similarity_rank,
               count(*) over (partition by fetched.product_id) as fetched_count,
               max(fetched.rank_distance) over (partition by fetched.product_id) as farthest
        from fetched
    ),
    tie_cut as (
        select ranked.product_id
        from ranked
        where ranked.similarity_rank = p_k and ranked.fetched_count = v_fetch and ranked.rank_distance = ranked.farthest
    ),
    exact as (
        select tie_cut.product_id, nearest.similar_product_id, nearest.similarity_rank, nearest.distance
        from tie_cut
        inner join targets on targets.product_id = tie_cut.product_id
        cross join lateral (
            select ordered.similar_product_id, ordered.distance,
                   row_number() over (order by ordered.rank_distance, ordered.erp_id) as similarity_rank
            from (select candidates.product_id as similar_product_id, products.erp_id,
                         (candidates.vector::vector(256) <=> targets.vector)::float8 as distance,
                         round((candidates.vector::vector(256) <=> targets.vector)::float8 * 1e9) as rank_distance
                  from ${schema}.embeddings as candidates
                  inner join ${schema}.products on products.id = candidates.product_id
                  where candidates.embedding_type_id = 1
                    and candidates.product_id <> targets.product_id
                    and exists (select from ${schema}.embeddings as profiles
                                where profiles.product_id = candidates.product_id
                                  and profiles.embedding_type_id = 2 and profiles.history_weeks >= v_min_weeks)
                  order by 4, 2
                  limit p_k) as ordered
        ) as nearest
    )
    select chosen.product_id, chosen.similar_product_id, chosen.similarity_rank::integer, chosen.distance
    from (select ranked.product_id, ranked.similar_product_id, ranked.similarity_rank, ranked.distance
          from ranked
          where ranked.similarity_rank <= p_k and ranked.product_id not in (select tie_cut.product_id from tie_cut)
          union all
          select exact.product_id, exact.similar_product_id, exact.similarity_rank, exact.distance
          from exact) as chosen
    order by chosen.product_id, chosen.similarity_rank;
end
$$;
comment on function ${schema}.similar_products_many(integer [], integer, integer) is
'For each product of p_product_ids: its p_k nearest products by cosine distance of their product_attributes vectors, '
'among products with a demand_profile of at least p_min_history_weeks weeks (null = setting '
'forecast.min_history_weeks): product_id, similar_product_id, similarity_rank (1 = nearest), distance (0 = same '
'attributes, 1 = nothing in common). Ranked by (distance rounded to 1e-9, ERP id): equal distances are decided by '
'ERP id, not by the HNSW graph. Exact while targets x candidates <= embeddings.exact_search_max_pairs, else HNSW '
'(approximate: rarely a near neighbour is missed). A product without an attribute vector gets no rows. CW212: k '
'outside 1..1000 or a negative minimum history.';
grant execute on function ${schema}.similar_products_many(integer [], integer, integer) to ${ui_role};

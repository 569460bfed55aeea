-- Matching of supplier availability lists to the catalogue (docs/uploads.md "Matching"): supplier_ref, then EAN, then
-- the product name (pg_trgm by default, or the hashed n-gram vectors), set-based over the rows of the given suppliers.
create or replace procedure ${schema}.supplier_availability_match(
    p_supplier_ids integer [],
    p_name_method text default 'name_trigram'
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_settings       jsonb := ${schema}.settings('uploads');
    v_min_confidence numeric := (v_settings ->> 'match_min_confidence')::numeric;
    v_min_similarity numeric := (v_settings ->> 'match_min_similarity')::numeric;
    v_min_margin     numeric := (v_settings ->> 'match_min_margin')::numeric;
begin
    if p_name_method is null or p_name_method not in ('name_trigram', 'name_vector') then
        raise exception 'unknown name match method %', coalesce(p_name_method, 'null') using errcode = 'CW262',
            hint = 'use name_trigram (default) or name_vector (match_methods)';
    end if;

    -- Rows a planner reviewed (is_match_confirmed not null) keep their product: the planner's word wins.
    create temporary table supplier_match_targets on commit drop as
    select
        available.id,
        available.supplier_id,
        available.supplier_ref,
        ${schema}.gtin_normalised(available.code) as gtin,
        lower(available.product_name) as product_name,
        null::integer as product_id,
        null::smallint as match_method_id,
        null::numeric as match_confidence,
        'unmatched'::text as match_status
    from ${schema}.supplier_available_products as available
    where (p_supplier_ids is null or available.supplier_id = any(p_supplier_ids))
        and available.is_match_confirmed is null;
    alter table supplier_match_targets add primary key (id);

    -- 1. supplier_ref: the vendor SKU of the supplier's own product_suppliers rows, else the product's SKU; exactly
    --    one product, else the next method decides.
    with reference_candidates as (
        select targets.id, product_suppliers.product_id
        from supplier_match_targets as targets
        inner join ${schema}.product_suppliers
            on product_suppliers.supplier_id = targets.supplier_id
            and product_suppliers.vendor_sku = targets.supplier_ref
        union
        select targets.id, products.id as product_id
        from supplier_match_targets as targets
        inner join ${schema}.products on products.sku = targets.supplier_ref
        where not exists (
            select from ${schema}.product_suppliers
            where product_suppliers.supplier_id = targets.supplier_id
                and product_suppliers.vendor_sku = targets.supplier_ref
        )
    ),
    unique_references as (
        select reference_candidates.id, min(reference_candidates.product_id) as product_id
        from reference_candidates
        group by reference_candidates.id
        having count(distinct reference_candidates.product_id) = 1
    )
    update supplier_match_targets as targets
    set product_id = unique_references.product_id, match_method_id = 1, match_confidence = 1, match_status = 'applied'
    from unique_references
    where unique_references.id = targets.id;

    -- 2. EAN: valid check digit on both sides, compared as 14 digits; exactly one product.
    with product_gtins as materialized (
        select products.id, ${schema}.gtin_normalised(products.ean) as gtin
        from ${schema}.products
        where products.ean is not null
    ),
    ean_candidates as (
        select targets.id, min(product_gtins.id) as product_id
        from supplier_match_targets as targets
        inner join product_gtins on product_gtins.gtin = targets.gtin
        where targets.product_id is null and targets.gtin is not null
        group by targets.id
        having count(*) = 1
    )
    update supplier_match_targets as targets
    set product_id = ean_candidates.product_id, match_method_id = 2, match_confidence = 1, match_status = 'applied'
    from ean_candidates
    where ean_candidates.id = targets.id;

    -- 3. Name: the two nearest catalogue names; the best is applied when it is similar enough and clearly ahead of
    --    the second, proposed when it is at least uploads.match_min_similarity, else the row stays unmatched.
    if p_name_method = 'name_trigram' then
        -- Ordered by the distance alone, so that the GiST index answers (k nearest); ranks are numbered outside.
        create temporary table supplier_name_candidates on commit drop as
        select
            targets.id,
            nearest.product_id,
            nearest.similarity,
            row_number() over (partition by targets.id order by nearest.similarity desc, nearest.product_id) as rank
        from supplier_match_targets as targets
        cross join lateral (
            select products.id as product_id, 1 - (lower(products.name) <-> targets.product_name) as similarity
            from ${schema}.products
            order by lower(products.name) <-> targets.product_name
            limit 2
        ) as nearest
        where targets.product_id is null and targets.product_name is not null;
    else
        create temporary table supplier_name_vectors on commit drop as
        select products.id as product_id, ${schema}.name_ngram_vector(products.name) as name_vector
        from ${schema}.products;
        -- Target vectors computed once into a table (an inlined function call in the ORDER BY below would be
        -- recomputed for every catalogue product).
        create temporary table supplier_target_vectors on commit drop as
        select targets.id, ${schema}.name_ngram_vector(targets.product_name) as name_vector
        from supplier_match_targets as targets
        where targets.product_id is null and targets.product_name is not null;
        create temporary table supplier_name_candidates on commit drop as
        select
            target_vectors.id,
            nearest.product_id,
            nearest.similarity,
            row_number() over (partition by target_vectors.id order by nearest.similarity desc, nearest.product_id)
            as rank
        from supplier_target_vectors as target_vectors
        cross join lateral (
            select vectors.product_id, 1 - (vectors.name_vector <=> target_vectors.name_vector) as similarity
            from supplier_name_vectors as vectors
            where vectors.name_vector is not null
            order by vectors.name_vector <=> target_vectors.name_vector
            limit 2
        ) as nearest
        where target_vectors.name_vector is not null;
    end if;

    with best as (
        select
            candidates.id,
            candidates.product_id,
            greatest(candidates.similarity::numeric, 0) as similarity,
            coalesce(greatest(candidates.similarity::numeric, 0) - (
                select second.similarity::numeric from supplier_name_candidates as second
                where second.id = candidates.id and second.rank = 2
            ), 1) as margin
        from supplier_name_candidates as candidates
        where candidates.rank = 1 and candidates.similarity >= v_min_similarity
    )
    update supplier_match_targets as targets
    set product_id = best.product_id,
        match_method_id = case p_name_method when 'name_trigram' then 3 else 4 end,
        match_confidence = round(least(best.similarity, 1), 4),
        match_status = case
            when best.similarity >= v_min_confidence and best.margin >= v_min_margin then 'applied' else 'proposed'
        end
    from best
    where best.id = targets.id;

    update ${schema}.supplier_available_products as available
    set product_id = targets.product_id,
        match_method_id = targets.match_method_id,
        match_confidence = targets.match_confidence,
        match_status = targets.match_status,
        matched_at = clock_timestamp()
    from supplier_match_targets as targets
    where targets.id = available.id
        and (available.product_id, available.match_method_id, available.match_confidence, available.match_status)
        is distinct from (targets.product_id, targets.match_method_id, targets.match_confidence, targets.match_status);

    drop table supplier_match_targets;
    drop table supplier_name_candidates;
    if p_name_method = 'name_vector' then
        drop table supplier_name_vectors;
        drop table supplier_target_vectors;
    end if;
end
$$;
comment on procedure ${schema}.supplier_availability_match(integer [], text) is
'Matches the rows of supplier_available_products of the given suppliers (null = all) that no planner reviewed: '
'supplier_ref (vendor SKU, else product SKU), EAN with a valid check digit, then the product name by pg_trgm '
'(p_name_method name_trigram, default) or hashed n-gram vectors (name_vector). Name matches at or above '
'uploads.match_min_confidence with a margin of uploads.match_min_margin over the second-best are applied, weaker ones '
'down to uploads.match_min_similarity proposed. Rows whose match did not change are not rewritten.';

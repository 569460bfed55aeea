-- product_behaviors.supplier_availability_score and is_supplier_availability_confirmed of one snapshot, from the
-- current supplier availability lists (docs/uploads.md "Scores"). Called by step behaviors and after an upload.
create or replace procedure ${schema}.supplier_availability_behaviors_write(
    p_snapshot_date date,
    p_products integer [] default null
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_snapshot_date date := coalesce(
        p_snapshot_date, (select max(behaviors.snapshot_date) from ${schema}.product_behaviors as behaviors)
    );
begin
    with listing_suppliers as (
        select distinct available.supplier_id
        from ${schema}.supplier_available_products as available
    ),
    -- The product's suppliers that sent a list, and any other supplier whose list matches the product. A product's
    -- score reads its own pairs only, so a scoped call reads the scoped products' pairs, not the whole client's.
    product_supplier_pairs as (
        select product_suppliers.product_id, product_suppliers.supplier_id
        from ${schema}.product_suppliers
        inner join listing_suppliers on listing_suppliers.supplier_id = product_suppliers.supplier_id
        where product_suppliers.is_active
            and (p_products is null or product_suppliers.product_id = any(p_products))
        union
        select available.product_id, available.supplier_id
        from ${schema}.supplier_available_products as available
        where available.is_match_effective
            and (p_products is null or available.product_id = any(p_products))
    ),
    pair_listings as (
        select
            pairs.product_id,
            pairs.supplier_id,
            coalesce(bool_or(available.is_available), false) as is_available,
            bool_and(available.match_method_id in (1, 2) or available.is_match_confirmed) as is_certain
        from product_supplier_pairs as pairs
        left join ${schema}.supplier_available_products as available
            on available.supplier_id = pairs.supplier_id
            and available.product_id = pairs.product_id
            and available.is_match_effective
        group by pairs.product_id, pairs.supplier_id
    ),
    scores as (
        select
            pair_listings.product_id,
            round(100.0 * count(*) filter (where pair_listings.is_available) / count(*), 2) as score,
            coalesce(bool_and(pair_listings.is_certain), true) as is_confirmed
        from pair_listings
        group by pair_listings.product_id
    ),
    snapshot_scores as (
        select behaviors.id, scores.score, scores.is_confirmed
        from ${schema}.product_behaviors as behaviors
        left join scores on scores.product_id = behaviors.product_id
        where behaviors.snapshot_date = v_snapshot_date
            and (p_products is null or behaviors.product_id = any(p_products))
    )
    update ${schema}.product_behaviors as behaviors
    set supplier_availability_score = snapshot_scores.score,
        is_supplier_availability_confirmed = snapshot_scores.is_confirmed
    from snapshot_scores
    where snapshot_scores.id = behaviors.id
        and (behaviors.supplier_availability_score, behaviors.is_supplier_availability_confirmed)
        is distinct from (snapshot_scores.score, snapshot_scores.is_confirmed);
end
$$;
comment on procedure ${schema}.supplier_availability_behaviors_write(date, integer []) is
'Writes supplier_availability_score (0-100: share of the product''s suppliers with a current list - its active '
'product_suppliers that sent one, and any supplier whose list matches it - that list it as available, effective '
'matches only; null without such a supplier) and is_supplier_availability_confirmed (every match behind it is by '
'supplier_ref or EAN, or confirmed by a planner) into product_behaviors of the snapshot (null = the latest), for the '
'given products (null = all). Unchanged rows are not rewritten.';

-- Product attribute vectors (embedding type product_attributes): signed feature hashing of the catalogue attributes
-- into 256 dimensions, unit norm. Model-free and set-based; only vectors whose inputs changed are rewritten.
-- Definitions: docs/forecast.md "New products".
create or replace function ${schema}.embeddings_refresh_attributes(p_products integer [])
returns bigint
language plpgsql
volatile
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_model_version text;
    v_written       bigint;
begin
    select embedding_types.model_version into strict v_model_version
    from ${schema}.embedding_types
    where embedding_types.id = 1;

    with scoped_products as (
        select products.id, products.product_category_id, products.brand_id, products.price, products.pack_size_qty,
               coalesce(products.product_type_override, products.product_type_id) as product_type_id,
               products.is_dropship
        from ${schema}.products
        where p_products is null or products.id = any(p_products)
    ),
    -- Every level of the category path is a feature of weight 1: two products in the same leaf share all of them,
    -- two in sibling leaves share the levels above.
    category_features as (
        select scoped_products.id as product_id,
               'category:' || array_to_string(path_parts.parts[1:levels.level], ' > ') as feature,
               1.0::float8 as weight
        from scoped_products
        inner join ${schema}.product_categories on product_categories.id = scoped_products.product_category_id
        cross join lateral (select string_to_array(product_categories.path, ' > ') as parts) as path_parts
        cross join lateral generate_series(1, cardinality(path_parts.parts)) as levels (level)
    ),
    -- Price bands on a log scale (factor 1.25 a band), pack size bands on log 2; the neighbouring bands get half the
    -- weight, so that close prices overlap instead of falling either side of a band edge.
    band_features as (
        select scoped_products.id as product_id,
               'price_band:' || (floor(ln(scoped_products.price::float8) / ln(1.25)) + offsets.band_offset)
               as feature,
               case when offsets.band_offset = 0 then 1.0 else 0.5 end::float8 as weight
        from scoped_products
        cross join (values (-1), (0), (1)) as offsets (band_offset)
        where scoped_products.price > 0
        union all
        select scoped_products.id as product_id,
               'pack_band:' || (floor(ln(scoped_products.pack_size_qty::float8) / ln(2)) + offsets.band_offset)
               as feature,
               case when offsets.band_offset = 0 then 0.5 else 0.25 end::float8 as weight
        from scoped_products
        cross join (values (-1), (0), (1)) as offsets (band_offset)
        where scoped_products.pack_size_qty > 0
    ),
    features as (
        select category_features.product_id, category_features.feature, category_features.weight
        from category_features
        union all
        select band_features.product_id, band_features.feature, band_features.weight
        from band_features
        union all
        select scoped_products.id, 'brand:' || scoped_products.brand_id, 1.0::float8
        from scoped_products
        where scoped_products.brand_id is not null
        union all
        select scoped_products.id, 'product_type:' || scoped_products.product_type_id, 0.5::float8
        from scoped_products
        union all
        select scoped_products.id, 'dropship', 0.5::float8
        from scoped_products
        where scoped_products.is_dropship
    ),
    hashes as (
        select features.product_id,
               md5(v_model_version || '|' || string_agg(features.feature || '=' || features.weight, ','
                                                        order by features.feature, features.weight))::uuid
               as input_hash
        from features
        group by features.product_id
    ),
    -- Only products whose input hash differs from the stored vector's are hashed into vectors and written.
    changed as (
        select hashes.product_id, hashes.input_hash
        from hashes
        left join ${schema}.embeddings as current
            on current.product_id = hashes.product_id and current.embedding_type_id = 1
        where current.input_hash is distinct from hashes.input_hash
    ),
    -- Signed hashing: the bucket and the sign come from md5 of the feature (stable on every platform), so that
    -- collisions cancel on average instead of adding up.
    hashed as (
        select features.product_id,
               ('x' || substr(md5(features.feature), 1, 2))::bit(8)::integer as bucket,
               case when ('x' || substr(md5(features.feature), 3, 1))::bit(4)::integer % 2 = 0 then 1 else -1 end
               * features.weight as value
        from features
        inner join changed on changed.product_id = features.product_id
    ),
    buckets as (
        select hashed.product_id, hashed.bucket, sum(hashed.value) as value
        from hashed
        group by hashed.product_id, hashed.bucket
    ),
    -- Unit norm; built as a sparse vector ({bucket:value,...}/256, buckets 1-based) and cast to a dense one.
    vectors as (
        select buckets.product_id,
               (('{' || string_agg((buckets.bucket + 1) || ':' || (buckets.value / norms.norm)::real, ','
                                  order by buckets.bucket) || '}/256')::sparsevec)::vector as vector_values
        from buckets
        inner join (select buckets.product_id, sqrt(sum(buckets.value ^ 2)) as norm
                    from buckets
                    group by buckets.product_id
                    having sqrt(sum(buckets.value ^ 2)) > 1e-9) as norms
            on norms.product_id = buckets.product_id
        where buckets.value != 0
        group by buckets.product_id
    )
    insert into ${schema}.embeddings as current (product_id, embedding_type_id, vector, model_version, input_hash)
    select vectors.product_id, 1, vectors.vector_values, v_model_version, changed.input_hash
    from vectors
    inner join changed on changed.product_id = vectors.product_id
    on conflict (product_id, embedding_type_id) do update
    set vector = excluded.vector, model_version = excluded.model_version, input_hash = excluded.input_hash,
        computed_at = clock_timestamp();
    get diagnostics v_written = row_count;
    return v_written;
end
$$;
comment on function ${schema}.embeddings_refresh_attributes(integer []) is
'Computes the product_attributes vector of the given products (null = every product) and writes the ones whose '
'inputs changed (input_hash: model version and every feature with its weight). Features (weight): each level of the '
'category path (1), brand (1), price band ln(price)/ln(1.25) (1, neighbouring bands 0.5), pack size band log2 (0.5, '
'neighbours 0.25), effective product type (0.5), dropship (0.5); signed md5 hashing into 256 buckets, unit norm. '
'Returns the number of rows written. Called by step forecast (docs/forecast.md).';

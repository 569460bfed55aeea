-- The model-free name vector of the name_vector match method: hashed character n-grams (pgvector), measured against
-- pg_trgm similarity on generated supplier lists (docs/uploads.md "Name match: trigrams or vectors").
create or replace function ${schema}.name_ngram_vector(p_name text)
returns cw_global.vector
language sql
immutable
parallel safe
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    -- Lower case, every run of non-alphanumerics one space, padded: character 3-grams and 4-grams (word edges
    -- included) and whole words are hashed (signed feature hashing) into 256 dimensions, then scaled to unit norm.
    with cleaned as (
        select ' ' || btrim(regexp_replace(lower(p_name), '[^[:alnum:]]+', ' ', 'g')) || ' ' as text_value
    ),
    grams as (
        select substr(cleaned.text_value, start_at, gram_length) as gram
        from cleaned
        cross join generate_series(3, 4) as lengths (gram_length)
        cross join generate_series(1, length(cleaned.text_value) - 2) as starts (start_at)
        where start_at + gram_length - 1 <= length(cleaned.text_value)
        union all
        select 'w:' || word as gram
        from cleaned
        cross join regexp_split_to_table(btrim(cleaned.text_value), ' ') as words (word)
        where word != ''
    ),
    hashed as (
        select
            abs(hashtext(grams.gram) % 256) as dimension,
            case when hashtext('s' || grams.gram) % 2 = 0 then 1.0 else -1.0 end as sign
        from grams
    ),
    summed as (
        select dimension, sum(sign) as weight
        from hashed
        group by dimension
    ),
    dense as (
        select dimensions.dimension, coalesce(summed.weight, 0) as weight
        from generate_series(0, 255) as dimensions (dimension)
        left join summed on summed.dimension = dimensions.dimension
    ),
    norm as (
        select sqrt(sum(dense.weight * dense.weight)) as length_value
        from dense
    )
    select (array_agg(dense.weight / norm.length_value order by dense.dimension))::real []::cw_global.vector
    from dense
    cross join norm
    where norm.length_value > 0
    group by norm.length_value
$$;
comment on function ${schema}.name_ngram_vector(text) is
'A product name as a unit-norm 256-dimensional pgvector of hashed character 3- and 4-grams and whole words (signed '
'feature hashing; no model): similar spellings are near by cosine distance. Null for a name without letters or '
'digits. The name_vector match method; docs/uploads.md compares it with pg_trgm.';

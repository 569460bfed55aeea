-- Step 7 (forecast), new series: the prior weekly level of a product x location with too little own history,
-- borrowed from the product's most similar products (similar_products_many, pgvector) — at the same location when
-- they sell there. step forecast shrinks a new series towards it. Definitions: docs/forecast.md "New products".
drop function if exists ${schema}.forecast_similar_priors(date, integer [], integer [], jsonb);
create function ${schema}.forecast_similar_priors(
    p_forecast_date date, p_product_ids integer [], p_location_ids integer [], p_settings jsonb
)
returns table (
    product_id integer, location_id integer, prior_level_qty float8, neighbour_count integer, prior_basis text
)
language plpgsql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_min_weeks    integer := (p_settings ->> 'min_history_weeks')::integer;
    v_k            integer := (p_settings -> 'embeddings' ->> 'neighbours')::integer;
    v_max_distance float8 := (p_settings -> 'embeddings' ->> 'max_distance')::float8;
    v_kappa        float8 := (p_settings -> 'embeddings' ->> 'category_weight')::float8;
    -- The level of a pair: its demand per listed day x 7 over the last 13 weeks (a quarter: long enough to average
    -- the noise of a slow mover, short enough to follow a trend); a pair listed on fewer days than its minimum
    -- history (at most 13 weeks) is not established and lends nothing.
    v_level_from   date := p_forecast_date - 7 * 13 + 1;
    v_min_days     integer := 7 * least(v_min_weeks, 13) - 3;
begin
    if cardinality(p_product_ids) is distinct from cardinality(p_location_ids) then
        raise exception 'forecast_similar_priors: % products but % locations (one pair per position)',
            cardinality(p_product_ids), cardinality(p_location_ids)
            using errcode = 'CW213', hint = 'pass two arrays of the same length: product ids and their location ids';
    end if;
    if v_min_weeks is null or v_k is null or v_max_distance is null or v_kappa is null then
        raise exception 'forecast_similar_priors: settings lack min_history_weeks or embeddings.neighbours / '
                        'max_distance / category_weight: %', p_settings
            using errcode = 'CW213', hint = 'pass the settings step forecast builds (forecast section plus '
                                            '{"embeddings": settings(''embeddings'')})';
    end if;
    if coalesce(cardinality(p_product_ids), 0) = 0 then
        return;
    end if;
    return query
    with new_pairs as (
        select distinct pairs.product_id, pairs.location_id
        from unnest(p_product_ids, p_location_ids) as pairs (product_id, location_id)
    ),
    neighbours as (
        -- Weight of a neighbour: exp(-6 x distance). A twin (distance 0) weighs 1; one that shares only the category
        -- path (about 0.5 with the attribute vectors' weights) 0.05: the level of a product follows its brand and
        -- price far more closely than its category's.
        select nearest.product_id, nearest.similar_product_id, exp(-6 * nearest.distance) as weight
        from ${schema}.similar_products_many(
            array(select distinct new_pairs.product_id from new_pairs), v_k, v_min_weeks
        ) as nearest
        where nearest.distance <= v_max_distance
    ),
    new_categories as (
        select distinct new_pairs.product_id, products.product_category_id
        from new_pairs
        inner join ${schema}.products on products.id = new_pairs.product_id
        where products.product_category_id is not null
    ),
    pair_levels as (
        -- Established pairs of the neighbours, of the new products themselves (their other locations) and of the
        -- new products' categories. Read from the weekly aggregate demand_weeks (R__0608: one row per pair and ISO
        -- week, running sums of demand from Monday and a bit per listed day), not from the daily rows: the 91 days
        -- cut an ISO week at each end, and a row contributes its days lo .. hi (0 = Monday) inside the window, i.e.
        -- demand_qty_cum[hi + 1] - demand_qty_cum[lo] and the listed bits 6 - hi .. 6 - lo. The same sums as
        -- the daily rows (numeric, exact), a seventh of the rows.
        select weeks.product_id, weeks.location_id,
               sum(weeks.demand_qty_cum[days.hi + 1] - coalesce(weeks.demand_qty_cum[days.lo], 0))::float8 * 7
               / sum(bit_count((weeks.listed_mask::integer & ((1 << (7 - days.lo)) - (1 << (6 - days.hi))))::bit(7)))
               as level_qty
        from ${schema}.demand_weeks as weeks
        cross join lateral (
            select greatest(v_level_from - weeks.week_start, 0) as lo,
                   least(p_forecast_date - weeks.week_start, 6) as hi
        ) as days
        where weeks.week_start between v_level_from - 6 and p_forecast_date
          and weeks.listed_mask::integer & ((1 << (7 - days.lo)) - (1 << (6 - days.hi))) <> 0
          and weeks.product_id in (select neighbours.similar_product_id from neighbours
                                   union
                                   select new_pairs.product_id from new_pairs
                                   union
                                   select products.id from ${schema}.products
                                   where products.product_category_id in (select new_categories.product_category_id
                                                                          from new_categories))
        group by weeks.product_id, weeks.location_id
        having sum(bit_count((weeks.listed_mask::integer & ((1 << (7 - days.lo)) - (1 << (6 - days.hi))))::bit(7)))
               >= v_min_days
    ),
    category_here as (
        -- The category's mean level at the new pair's location: what the neighbours are shrunk towards.
        select new_pairs.product_id, new_pairs.location_id, avg(pair_levels.level_qty) as level_qty
        from new_pairs
        inner join new_categories on new_categories.product_id = new_pairs.product_id
        inner join ${schema}.products as members on members.product_category_id = new_categories.product_category_id
        inner join pair_levels
            on pair_levels.product_id = members.id and pair_levels.location_id = new_pairs.location_id
        group by new_pairs.product_id, new_pairs.location_id
    ),
    own_elsewhere as (
        -- The new product's established locations (other than the new pair's).
        select new_pairs.product_id, new_pairs.location_id, pair_levels.location_id as other_location_id,
               pair_levels.level_qty
        from new_pairs
        inner join pair_levels
            on pair_levels.product_id = new_pairs.product_id and pair_levels.location_id <> new_pairs.location_id
    ),
    here as (
        -- The neighbours' distance-weighted level at the new pair's location (sums: shrunk below).
        select new_pairs.product_id, new_pairs.location_id,
               sum(neighbours.weight * pair_levels.level_qty) as weighted_qty, sum(neighbours.weight) as weight,
               count(*)::integer as neighbour_count
        from new_pairs
        inner join neighbours on neighbours.product_id = new_pairs.product_id
        inner join pair_levels
            on pair_levels.product_id = neighbours.similar_product_id
            and pair_levels.location_id = new_pairs.location_id
        group by new_pairs.product_id, new_pairs.location_id
    ),
    everywhere as (
        -- The neighbours' distance-weighted mean level over their established locations (sums: shrunk below).
        select neighbour_means.product_id,
               sum(neighbour_means.weight * neighbour_means.level_qty) as weighted_qty,
               sum(neighbour_means.weight) as weight,
               count(*)::integer as neighbour_count
        from (select neighbours.product_id, neighbours.similar_product_id, neighbours.weight,
                     avg(pair_levels.level_qty) as level_qty
              from neighbours
              inner join pair_levels on pair_levels.product_id = neighbours.similar_product_id
              group by neighbours.product_id, neighbours.similar_product_id, neighbours.weight) as neighbour_means
        group by neighbour_means.product_id
    ),
    location_ratio as (
        -- For a product that sells elsewhere: how its neighbours sell here against where the product already
        -- sells, over the neighbours established at both (ratio of distance-weighted sums).
        select pair_sums.product_id, pair_sums.location_id,
               sum(pair_sums.weight * pair_sums.here_qty) / nullif(sum(pair_sums.weight * pair_sums.elsewhere_qty), 0)
               as ratio,
               count(*)::integer as neighbour_count
        from (select own_elsewhere.product_id, own_elsewhere.location_id, neighbours.similar_product_id,
                     neighbours.weight, here_levels.level_qty as here_qty,
                     avg(elsewhere_levels.level_qty) as elsewhere_qty
              from own_elsewhere
              inner join neighbours on neighbours.product_id = own_elsewhere.product_id
              inner join pair_levels as here_levels
                  on here_levels.product_id = neighbours.similar_product_id
                  and here_levels.location_id = own_elsewhere.location_id
              inner join pair_levels as elsewhere_levels
                  on elsewhere_levels.product_id = neighbours.similar_product_id
                  and elsewhere_levels.location_id = own_elsewhere.other_location_id
              group by own_elsewhere.product_id, own_elsewhere.location_id, neighbours.similar_product_id,
                       neighbours.weight, here_levels.level_qty) as pair_sums
        group by pair_sums.product_id, pair_sums.location_id
    ),
    own_levels as (
        select own_elsewhere.product_id, own_elsewhere.location_id, avg(own_elsewhere.level_qty) as level_qty
        from own_elsewhere
        group by own_elsewhere.product_id, own_elsewhere.location_id
    ),
    priors as (
        select new_pairs.product_id, new_pairs.location_id,
               case
                   when own_levels.level_qty is not null and location_ratio.ratio is not null
                       then own_levels.level_qty * location_ratio.ratio
                   when own_levels.level_qty is not null then null
                   -- Shrunk towards the category at the location with category_weight twins' weight: many close
                   -- neighbours outweigh the category, a few distant ones do not.
                   when here.weight is not null
                       then (here.weighted_qty + v_kappa * coalesce(category_here.level_qty, 0))
                            / (here.weight + v_kappa * (category_here.level_qty is not null)::integer)
                   else (everywhere.weighted_qty + v_kappa * coalesce(category_here.level_qty, 0))
                        / (everywhere.weight + v_kappa * (category_here.level_qty is not null)::integer)
               end as prior_level_qty,
               case
                   when own_levels.level_qty is not null and location_ratio.ratio is not null
                       then location_ratio.neighbour_count
                   when own_levels.level_qty is not null then null
                   when here.weight is not null then here.neighbour_count
                   else everywhere.neighbour_count
               end as neighbour_count,
               case
                   when own_levels.level_qty is not null and location_ratio.ratio is not null
                       then 'own_elsewhere_scaled_by_neighbours'
                   when own_levels.level_qty is not null then null
                   when here.weight is not null then 'neighbours_here'
                   when everywhere.weight is not null then 'neighbours_everywhere'
               end as prior_basis
        from new_pairs
        left join own_levels
            on own_levels.product_id = new_pairs.product_id and own_levels.location_id = new_pairs.location_id
        left join location_ratio
            on location_ratio.product_id = new_pairs.product_id
            and location_ratio.location_id = new_pairs.location_id
        left join here on here.product_id = new_pairs.product_id and here.location_id = new_pairs.location_id
        left join everywhere on everywhere.product_id = new_pairs.product_id
        left join category_here
            on category_here.product_id = new_pairs.product_id and category_here.location_id = new_pairs.location_id
    )
    select priors.product_id, priors.location_id, priors.prior_level_qty, priors.neighbour_count, priors.prior_basis
    from priors
    where priors.prior_level_qty is not null;
end
$$;
comment on function ${schema}.forecast_similar_priors(date, integer [], integer [], jsonb) is
'Prior weekly level of new product x location pairs (arrays of the same length; CW213 otherwise or without the '
'settings) from the product''s similar products (similar_products_many: embeddings.neighbours nearest within '
'embeddings.max_distance, with at least min_history_weeks of history), weighted exp(-6 x distance). A pair''s level '
'is its demand per listed day x 7 over the 13 weeks up to p_forecast_date, established pairs only. prior_basis: '
'own_elsewhere_scaled_by_neighbours (the product sells at other locations: its level there x its neighbours'' level '
'here / theirs there), neighbours_here (the neighbours'' weighted level at this location), neighbours_everywhere '
'(their weighted mean level over their locations); both shrunk towards the category''s mean level at the location '
'with embeddings.category_weight k (in twins): (sum(w x level) + k x category) / (sum(w) + k). Pairs without any of '
'these get no row (step forecast falls back to the product''s level elsewhere or its category''s at the location).';

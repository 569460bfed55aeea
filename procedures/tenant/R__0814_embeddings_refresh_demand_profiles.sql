-- Demand-profile vectors (embedding type demand_profile): the shape of a product's demand over all its locations,
-- level excluded: 52 seasonal indices, 7 weekday shares and a constant, unit norm. Set-based; computes and rewrites
-- only the vectors whose inputs changed. Definitions: docs/forecast.md "New products".
create or replace function ${schema}.embeddings_refresh_demand_profiles(p_as_of date, p_products integer [])
returns bigint
language plpgsql
volatile
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
-- The aggregation of the 104-week window spilled to disk with 64 MB at 1,000 products x 20 locations; JIT compiled
-- for longer than it saved.
set work_mem = '128MB'
set jit = off
as $$
declare
    -- Whole ISO weeks (Monday .. Sunday) up to the last Sunday on or before p_as_of: the profile changes once a week,
    -- not every day, so daily refreshes rewrite only what late corrections changed.
    v_to            date := p_as_of - (extract(isodow from p_as_of)::integer % 7);
    v_from          date := v_to - 7 * 104 + 1;
    v_model_version text;
    v_written       bigint;
    v_deleted       bigint;
begin
    if p_as_of is null then
        raise exception 'embeddings_refresh_demand_profiles needs a date, got null'
            using errcode = 'CW211', hint = 'pass the run date: the profile reads the 104 whole weeks before it';
    end if;
    select embedding_types.model_version into strict v_model_version
    from ${schema}.embedding_types
    where embedding_types.id = 2;

    -- The inputs of each product's profile, in one light pass over the window (one group per product): the window,
    -- its listed pair-days, its total demand (exact numeric), its last change and its first listed day (the
    -- profile's history_weeks). A product whose stored profile has this key has the profile the computation below
    -- would write again: only the others are computed (a nightly run within an ISO week, or a re-run, computes
    -- none but the products late corrections touched).
    create temporary table embedding_keys on commit drop as
    with keys as (
        select weeks.product_id,
               md5(v_model_version || '|' || v_to || '|' || sum(bit_count(weeks.listed_mask::integer::bit(7)))
                   || '|' || sum(weeks.demand_qty_cum[7]) || '|' || max(weeks.changed_at)
                   || '|' || min(weeks.week_start + position(b'1' in weeks.listed_mask::integer::bit(7)) - 1)
               )::uuid as input_hash
        from ${schema}.demand_weeks as weeks
        where weeks.week_start between v_from and v_to - 6
          and (p_products is null or weeks.product_id = any(p_products))
        group by weeks.product_id
    )
    select keys.product_id, keys.input_hash,
           not exists (select from ${schema}.embeddings
                       where embeddings.product_id = keys.product_id and embeddings.embedding_type_id = 2
                         and embeddings.input_hash = keys.input_hash
                         and embeddings.model_version = v_model_version) as changed
    from keys;

    create temporary table embedding_profiles on commit drop as
    with window_weeks as (
        -- The window's whole ISO weeks and their ISO week of the year (week 53 counts as 52), once per week.
        select week::date as week_start, least(extract(week from week)::integer, 52) - 1 as position
        from generate_series(v_from, v_to - 6, interval '7 days') as week
    ),
    product_positions as (
        -- One pass over the window in the weekly aggregate demand_weeks (R__0608; day k of a week is
        -- demand_qty_cum[k] - demand_qty_cum[k - 1]), which may run in parallel workers: per product and ISO week of
        -- the year, the demand and the listed pair-days of each weekday (demand per listed pair-day: a product
        -- rolled out to more stores does not look seasonal).
        select weeks.product_id, window_weeks.position,
               sum(weeks.demand_qty_cum[1]) as qty_1,
               sum(weeks.demand_qty_cum[2] - weeks.demand_qty_cum[1]) as qty_2,
               sum(weeks.demand_qty_cum[3] - weeks.demand_qty_cum[2]) as qty_3,
               sum(weeks.demand_qty_cum[4] - weeks.demand_qty_cum[3]) as qty_4,
               sum(weeks.demand_qty_cum[5] - weeks.demand_qty_cum[4]) as qty_5,
               sum(weeks.demand_qty_cum[6] - weeks.demand_qty_cum[5]) as qty_6,
               sum(weeks.demand_qty_cum[7] - weeks.demand_qty_cum[6]) as qty_7,
               count(*) filter (where weeks.listed_mask & 64 <> 0) as days_1,
               count(*) filter (where weeks.listed_mask & 32 <> 0) as days_2,
               count(*) filter (where weeks.listed_mask & 16 <> 0) as days_3,
               count(*) filter (where weeks.listed_mask & 8 <> 0) as days_4,
               count(*) filter (where weeks.listed_mask & 4 <> 0) as days_5,
               count(*) filter (where weeks.listed_mask & 2 <> 0) as days_6,
               count(*) filter (where weeks.listed_mask & 1 <> 0) as days_7,
               -- The week's first listed day: the first 1 of the mask read Monday first.
               min(weeks.week_start + position(b'1' in weeks.listed_mask::integer::bit(7)) - 1) as first_date
        from ${schema}.demand_weeks as weeks
        inner join window_weeks on window_weeks.week_start = weeks.week_start
        inner join embedding_keys on embedding_keys.product_id = weeks.product_id and embedding_keys.changed
        where weeks.week_start between v_from and v_to - 6
        group by weeks.product_id, window_weeks.position
    ),
    cells as (
        -- Per product, ISO week of the year and weekday.
        select product_positions.product_id, product_positions.position, days.weekday,
               days.demand_qty::float8 as demand_qty, days.pair_days, product_positions.first_date
        from product_positions
        cross join lateral (
            values
                   (1, product_positions.qty_1, product_positions.days_1),
                   (2, product_positions.qty_2, product_positions.days_2),
                   (3, product_positions.qty_3, product_positions.days_3),
                   (4, product_positions.qty_4, product_positions.days_4),
                   (5, product_positions.qty_5, product_positions.days_5),
                   (6, product_positions.qty_6, product_positions.days_6),
                   (7, product_positions.qty_7, product_positions.days_7)
        ) as days (weekday, demand_qty, pair_days)
        where days.pair_days > 0
    ),
    totals as (
        select cells.product_id, sum(cells.demand_qty) as demand_qty, sum(cells.pair_days) as pair_days,
               min(cells.first_date) as first_date
        from cells
        group by cells.product_id
        having sum(cells.demand_qty) > 0
    ),
    positions as (
        select cells.product_id, cells.position, sum(cells.demand_qty) as demand_qty,
               sum(cells.pair_days) as pair_days
        from cells
        group by cells.product_id, cells.position
    ),
    weekday_sums as (
        select cells.product_id, cells.weekday, sum(cells.demand_qty) as demand_qty
        from cells
        group by cells.product_id, cells.weekday
    ),
    -- Seasonal index per ISO week of the year, shrunk towards 1 with 20 expected units:
    -- (units + 20) / (expected units + 20), expected = the product's mean rate x the pair-days of that week.
    season as (
        select totals.product_id, all_positions.position,
               (coalesce(positions.demand_qty, 0) + 20)
               / (coalesce(positions.pair_days, 0) * totals.demand_qty / totals.pair_days + 20) - 1 as component
        from totals
        cross join generate_series(0, 51) as all_positions (position)
        left join positions
            on positions.product_id = totals.product_id and positions.position = all_positions.position
    ),
    -- Weekday shares x 7 - 1 (0 = an even week), shrunk towards even with 14 units; weight 2, as seven components
    -- against fifty-two.
    weekdays as (
        select totals.product_id, all_days.weekday,
               2 * (7 * (coalesce(weekday_sums.demand_qty, 0) + 2) / (totals.demand_qty + 14) - 1) as component
        from totals
        cross join generate_series(1, 7) as all_days (weekday)
        left join weekday_sums
            on weekday_sums.product_id = totals.product_id and weekday_sums.weekday = all_days.weekday
    ),
    components as (
        select season.product_id, season.position as position, season.component
        from season
        union all
        select weekdays.product_id, 51 + weekdays.weekday as position, weekdays.component
        from weekdays
        union all
        -- A constant: a flat profile (all other components 0) is still a direction, shared by every flat product.
        select totals.product_id, 59 as position, 0.25::float8 as component
        from totals
    ),
    norms as (
        select components.product_id, sqrt(sum(components.component ^ 2)) as norm
        from components
        group by components.product_id
    )
    select norms.product_id,
           array_agg((components.component / norms.norm)::real order by components.position) as vector_values,
           least(104, (v_to - totals.first_date) / 7 + 1)::smallint as history_weeks,
           embedding_keys.input_hash
    from norms
    inner join components on components.product_id = norms.product_id
    inner join totals on totals.product_id = norms.product_id
    inner join embedding_keys on embedding_keys.product_id = norms.product_id
    group by norms.product_id, totals.first_date, embedding_keys.input_hash;

    -- A product without demand in the window lends nothing: its profile goes (no row in the window, or computed
    -- without a profile).
    delete from ${schema}.embeddings
    where embeddings.embedding_type_id = 2
      and (p_products is null or embeddings.product_id = any(p_products))
      and not exists (select from embedding_keys
                      where embedding_keys.product_id = embeddings.product_id and not embedding_keys.changed)
      and not exists (select from embedding_profiles where embedding_profiles.product_id = embeddings.product_id);
    get diagnostics v_deleted = row_count;

    insert into ${schema}.embeddings as current (
        product_id, embedding_type_id, vector, model_version, input_hash, history_weeks
    )
    select embedding_profiles.product_id, 2, embedding_profiles.vector_values::vector, v_model_version,
           embedding_profiles.input_hash, embedding_profiles.history_weeks
    from embedding_profiles
    on conflict (product_id, embedding_type_id) do update
    set vector = excluded.vector, model_version = excluded.model_version, input_hash = excluded.input_hash,
        history_weeks = excluded.history_weeks, computed_at = clock_timestamp()
    where current.input_hash <> excluded.input_hash or current.history_weeks <> excluded.history_weeks;
    get diagnostics v_written = row_count;
    drop table embedding_profiles;
    drop table embedding_keys;
    return v_written + v_deleted;
end
$$;
comment on function ${schema}.embeddings_refresh_demand_profiles(date, integer []) is
'Computes the demand_profile vector of the given products (null = every product with demand) from demand_weeks (the '
'weekly aggregate of demand_history) over the 104 whole ISO weeks up to the last Sunday on or before p_as_of, over '
'all locations, per listed pair-day: 52 seasonal indices (ISO week of year, shrunk towards 1 with 20 units) minus 1, '
'7 weekday shares x 7 minus 1 (shrunk towards even with 14 units, weight 2) and a constant 0.25, unit norm; '
'history_weeks = weeks since the first row (max 104). Computes and writes only profiles whose inputs changed '
'(input_hash: model version, window, listed pair-days, total demand, last change, first listed day; read in one '
'light pass first), deletes the profile of a scoped product without demand in the window. Returns '
'rows written + deleted. CW211: null date.';

-- Step 7 (forecast), the method: weekly demand per product x location from demand_history, a yearly seasonal index
-- (own history shrunk towards the category at the location), four smoothing candidates computed for every series at
-- once with window functions (exponential smoothing in closed form), weights from a rolling-origin backtest, and the
-- weekly forecast per horizon into temporary tables. Set-based: no loop over series. Definitions: docs/forecast.md.
create or replace procedure ${schema}.forecast_compute(
    p_forecast_date date, p_settings jsonb, p_products integer [], p_locations integer [], p_pool_forecast_id bigint
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
-- The temporary tables' row estimates (and trading_calendar's) cross the JIT cost thresholds: compiling cost seconds
-- (4 s for the calendar alone on the shared test machine) and saved nothing measurable.
set jit = off
-- The weekly aggregation of the history window and the window functions over every series sort and hash a few hundred
-- thousand rows per 1,000 pairs; 64 MB spilled them to disk (the weekly sums alone: 170 MB of batches at 6,000
-- pairs). A hash may use twice this (hash_mem_multiplier).
set work_mem = '128MB'
as $$
declare
    v_history_weeks   integer := (p_settings ->> 'history_weeks')::integer;
    v_horizon_weeks   integer := (p_settings ->> 'horizon_weeks')::integer;
    v_dead_weeks      integer := (p_settings ->> 'dead_weeks')::integer;
    v_min_weeks       integer := (p_settings ->> 'min_history_weeks')::integer;
    v_hold_pct        float8 := (p_settings ->> 'holding_cost_pct_year')::float8;
    v_season_units    float8 := (p_settings ->> 'season_prior_units')::float8;
    v_weekday_units   float8 := (p_settings ->> 'weekday_prior_units')::float8;
    v_promo_units     float8 := (p_settings ->> 'promo_prior_units')::float8;
    v_from            date := p_forecast_date - 7 * v_history_weeks + 1;
    v_profile_from    date := p_forecast_date - 7 * 26 + 1;
    -- ISO weekday of the forecast date and the Monday of its ISO week (1900-01-01 was a Monday).
    v_weekday         integer := (p_forecast_date - date '1900-01-01') % 7 + 1;
    v_week_monday     date := p_forecast_date - (p_forecast_date - date '1900-01-01') % 7;
    v_table           text;
    v_calendar_locations integer [];
    v_young_stored    jsonb;
    v_durations_here  boolean;
    v_season_stored   jsonb;
    v_data_first_week integer;
    v_nestloop        text;
begin
    -- The working tables live until commit; a second call in the same transaction replaces them.
    foreach v_table in array array['fc_neighbours', 'fc_weeks', 'fc_weekdays', 'fc_season_weeks', 'fc_pools',
                                   'fc_season', 'fc_series', 'fc_calendar', 'fc_location_shares', 'fc_day_shares',
                                   'fc_pair_weeks',
                                   'fc_week_sums', 'fc_uplift', 'fc_horizon_open', 'fc_backtest',
                                   'fc_errors', 'fc_fit', 'fc_ses_fitted', 'fc_season_shrinkage', 'fc_pair_start',
                                   'fc_start_weeks', 'fc_ramp', 'fc_prior_shape', 'fc_young', 'fc_category_levels',
                                   'fc_listing_factors', 'fc_promo_active', 'fc_promo_days', 'fc_promo_durations',
                                   'fc_promo_lift', 'fc_out_series', 'fc_out_rows'] loop
        if to_regclass('pg_temp.' || v_table) is not null then
            execute format('drop table pg_temp.%I', v_table);
        end if;
    end loop;

    -- The pairs' demand by weekday over the last 26 weeks (weekday profiles, and the locations' weekly shape), from
    -- the weekly aggregate demand_weeks (R__0608): day k of a week is demand_qty_cum[k] - demand_qty_cum[k - 1].
    create temporary table fc_weekdays on commit drop as
    select weeks.product_id, weeks.location_id, days.weekday,
           sum(weeks.demand_qty_cum[days.weekday] - coalesce(weeks.demand_qty_cum[days.weekday - 1], 0))::float8
           as demand_qty
    from ${schema}.demand_weeks as weeks
    cross join generate_series(1, 7) as days (weekday)
    where weeks.week_start between v_profile_from - 6 and p_forecast_date
      and weeks.week_start + days.weekday - 1 between v_profile_from and p_forecast_date
      and weeks.listed_mask & (1 << (7 - days.weekday)) <> 0
      and (p_products is null or weeks.product_id = any(p_products))
    group by weeks.product_id, weeks.location_id, days.weekday;

    -- Trading calendar of the history and the horizon (closed days: configured dates, public holidays the location
    -- observes, closed weekdays, before opening / after closing; docs/demand.md).
    -- A scoped run needs only the locations its products have history at (the later lookups then scale with the
    -- scope, not with every location's 130 weeks), and reads their calendar from the forecast it rewrites
    -- (demand_forecast_locations: the calendar that forecast used); a location it has none of (a forecast written
    -- before they were stored, other calendar settings) computes its calendar.
    if p_products is not null then
        -- (from the weekly aggregate: a pair's ~104 weekly rows, not its ~730 daily ones; a day of the window's
        -- first or last ISO week counts only inside the window)
        v_calendar_locations := array(
            select distinct weeks.location_id
            from ${schema}.demand_weeks as weeks
            where weeks.product_id = any(p_products) and weeks.week_start between v_from - 6 and p_forecast_date
              and exists (select from generate_series(greatest(v_from - weeks.week_start, 0),
                                                      least(p_forecast_date - weeks.week_start, 6)) as days (day_offset)
                          where weeks.listed_mask & (1 << (6 - days.day_offset)) <> 0)
        );
    end if;
    create temporary table fc_calendar on commit drop as
    with stored as (
        select stored.location_id, stored.calendar_from, stored.calendar_to, stored.closed_dates
        from ${schema}.demand_forecast_locations as stored
        where stored.demand_forecast_id = p_pool_forecast_id
          and (v_calendar_locations is null or stored.location_id = any(v_calendar_locations))
          and stored.calendar_from = v_from and stored.calendar_to = p_forecast_date + 7 * v_horizon_weeks
    )
    select stored.location_id, stored.calendar_from + offsets.day_offset as calendar_date,
           stored.calendar_from + offsets.day_offset <> all(stored.closed_dates) as is_trading_day
    from stored
    cross join lateral generate_series(0, stored.calendar_to - stored.calendar_from) as offsets (day_offset)
    union all
    select calendar.location_id, calendar.calendar_date, calendar.is_trading_day
    from ${schema}.trading_calendar(
        v_from, p_forecast_date + 7 * v_horizon_weeks,
        case when p_pool_forecast_id is not null then array(
            select locations.id from ${schema}.locations
            where v_calendar_locations is null or locations.id = any(v_calendar_locations)
            except
            select stored.location_id from stored
        ) else v_calendar_locations end
    ) as calendar;
    if p_products is null then
        create index on fc_calendar (location_id, calendar_date);
        analyze fc_calendar;
    end if;

    -- Each location's normal week: the share of its demand on each weekday (a weekday it never trades ~ 0). A full
    -- run sums its pairs' last 26 weeks; a scoped run (which reads only its own products) takes the shares the
    -- forecast it rewrites used (demand_forecast_locations), else averages the stored pools' weekday shares. Without
    -- data: 1/7 a day.
    create temporary table fc_location_shares on commit drop as
    with raw as (
        select fc_weekdays.location_id, fc_weekdays.weekday, sum(fc_weekdays.demand_qty) as demand_qty
        from fc_weekdays
        where p_pool_forecast_id is null
        group by fc_weekdays.location_id, fc_weekdays.weekday
        union all
        select pools.location_id, days.weekday, avg(pools.weekday_shares[days.weekday])::float8
        from ${schema}.demand_forecast_pools as pools
        cross join generate_series(1, 7) as days (weekday)
        where pools.demand_forecast_id = p_pool_forecast_id
          and (v_calendar_locations is null or pools.location_id = any(v_calendar_locations))
          -- only where the forecast stored no shares of the location (below, they win): the pools of every
          -- category at the location are not read for nothing
          and not exists (select from ${schema}.demand_forecast_locations as stored
                          where stored.demand_forecast_id = p_pool_forecast_id
                            and stored.location_id = pools.location_id)
        group by pools.location_id, days.weekday
    ),
    totals as (
        select raw.location_id, sum(raw.demand_qty) as demand_qty from raw group by raw.location_id
    )
    select calendar_locations.location_id, days.weekday,
           coalesce(stored.weekday_shares[days.weekday], raw.demand_qty / nullif(totals.demand_qty, 0), 1.0 / 7)::float8
           as share
    from (select distinct fc_calendar.location_id from fc_calendar) as calendar_locations
    cross join generate_series(1, 7) as days (weekday)
    left join totals on totals.location_id = calendar_locations.location_id
    left join raw on raw.location_id = calendar_locations.location_id and raw.weekday = days.weekday
    left join ${schema}.demand_forecast_locations as stored
        on stored.demand_forecast_id = p_pool_forecast_id and stored.location_id = calendar_locations.location_id;
    if p_products is null then
        create index on fc_location_shares (location_id, weekday);
        analyze fc_location_shares;
    end if;

    -- Each calendar day's share of its location's normal week: the weekday's share on a trading day, 0 on a closed
    -- one. One lookup per demand_history row (instead of the calendar and the weekday shares, the weekday computed
    -- per row as a numeric).
    create temporary table fc_day_shares on commit drop as
    select calendar.location_id, calendar.calendar_date,
           case when coalesce(calendar.is_trading_day, true) then shares.share else 0 end::float8 as share
    from fc_calendar as calendar
    inner join fc_location_shares as shares
        on shares.location_id = calendar.location_id
        and shares.weekday = (calendar.calendar_date - date '1900-01-01') % 7 + 1; -- ISO weekday (a Monday)
    if p_products is null then
        create index on fc_day_shares (location_id, calendar_date);
        analyze fc_day_shares;
    end if;

    -- Weekly buckets: week i covers forecast_date - 7i - 6 .. forecast_date - 7i (week 0 ends on the forecast date).
    -- open_share: the share of the location's normal week that the pair was listed on a trading day (1 for a full
    -- normal week; a week with a closed public holiday on a Saturday loses that Saturday's share). A week counts as
    -- observed when open_share >= 0.5 (week 0 always); its demand is scaled to a full week by it. The realized
    -- selling price of the week (gross revenue / units sold) shows promotions. Every pair of the scoped products is
    -- read (the product-level rules need all locations).
    -- The weeks come from the weekly aggregate demand_weeks (R__0608, one row per pair and ISO week with running
    -- sums from Monday), not from the daily rows: with d the forecast date's ISO weekday, week i is days 1 .. d of the
    -- ISO week whose Monday is forecast_date - (d - 1) - 7i (the head part of that row) and days d + 1 .. 7 of the
    -- ISO week before (the tail part of the row one week older). Per pair and week: the listed days, the demand, a
    -- bit mask of the listed days (bit k: the day k days before the week's last day; demand_weeks.listed_mask has
    -- bit k = k days before the ISO week's Sunday, shifted into place) and the sold revenue and units.
    create temporary table fc_pair_weeks on commit drop as
    with parts as (
        select weeks.product_id, weeks.location_id, (v_week_monday - weeks.week_start) / 7 as week_index,
               weeks.listed_mask >> (7 - v_weekday) as day_mask,
               weeks.demand_qty_cum[v_weekday] as demand_qty,
               weeks.sold_revenue_cum[v_weekday] as sold_revenue, weeks.sold_qty_cum[v_weekday] as sold_qty
        from ${schema}.demand_weeks as weeks
        where weeks.week_start between v_from - 6 and p_forecast_date
          and (p_products is null or weeks.product_id = any(p_products))
        union all
        select weeks.product_id, weeks.location_id, (v_week_monday - weeks.week_start) / 7 - 1,
               (weeks.listed_mask & ((1 << (7 - v_weekday)) - 1)) << v_weekday,
               weeks.demand_qty_cum[7] - weeks.demand_qty_cum[v_weekday],
               weeks.sold_revenue_cum[7] - weeks.sold_revenue_cum[v_weekday],
               weeks.sold_qty_cum[7] - weeks.sold_qty_cum[v_weekday]
        from ${schema}.demand_weeks as weeks
        where v_weekday < 7
          and weeks.week_start between v_from - 6 and p_forecast_date
          and (p_products is null or weeks.product_id = any(p_products))
    )
    select parts.product_id, parts.location_id, parts.week_index,
           bit_count(bit_or(parts.day_mask)::bit(7))::integer as listed_days,
           sum(parts.demand_qty)::float8 as demand_qty,
           bit_or(parts.day_mask) as day_mask,
           -- The selling price stays an exact numeric ratio (its 5 % promotion threshold is a comparison).
           (sum(parts.sold_revenue) / nullif(sum(parts.sold_qty), 0))::float8 as unit_price
    from parts
    where parts.day_mask <> 0 and parts.week_index between 0 and v_history_weeks - 1
    group by parts.product_id, parts.location_id, parts.week_index;

    create temporary table fc_week_sums on commit drop as
    with week_shares as (
        -- shares[k + 1]: the day share of the day k days before the week's last day.
        select day_shares.location_id, (p_forecast_date - day_shares.calendar_date) / 7 as week_index,
               array_agg(day_shares.share order by (p_forecast_date - day_shares.calendar_date) % 7) as shares
        from fc_day_shares as day_shares
        where day_shares.calendar_date <= p_forecast_date
        group by day_shares.location_id, (p_forecast_date - day_shares.calendar_date) / 7
    )
    select pair_weeks.product_id, pair_weeks.location_id, pair_weeks.week_index, pair_weeks.listed_days,
           pair_weeks.demand_qty,
           (case when pair_weeks.day_mask & 64 <> 0 then coalesce(week_shares.shares[7], 0) else 0 end
            + case when pair_weeks.day_mask & 32 <> 0 then coalesce(week_shares.shares[6], 0) else 0 end
            + case when pair_weeks.day_mask & 16 <> 0 then coalesce(week_shares.shares[5], 0) else 0 end
            + case when pair_weeks.day_mask & 8 <> 0 then coalesce(week_shares.shares[4], 0) else 0 end
            + case when pair_weeks.day_mask & 4 <> 0 then coalesce(week_shares.shares[3], 0) else 0 end
            + case when pair_weeks.day_mask & 2 <> 0 then coalesce(week_shares.shares[2], 0) else 0 end
            + case when pair_weeks.day_mask & 1 <> 0 then coalesce(week_shares.shares[1], 0) else 0 end)::float8
           as open_share,
           pair_weeks.unit_price
    from fc_pair_weeks as pair_weeks
    left join week_shares
        on week_shares.location_id = pair_weeks.location_id and week_shares.week_index = pair_weeks.week_index;

    -- Promotion weeks: a week whose selling price is at least 5 % below the pair's regular price, the lower of the
    -- highest price of the 4 weeks before and of the 4 weeks after (a promotion is a temporary dip: a permanent price
    -- change is a step, below one side only). base_qty: the mean demand of the unpromoted observed weeks among the
    -- 4 before and 4 after, what the week would have sold without the promotion.
    -- Both windows run in one sort of the weeks (the products' categories are joined after them, fcwrite).
    create temporary table fc_weeks on commit drop as
    with priced as (
        select sums.*,
               sums.demand_qty / greatest(sums.open_share, 1.0 / 7) as calendar_qty,
               least(coalesce(sums.before_price, sums.after_price), coalesce(sums.after_price, sums.before_price))
               as regular_price
        from (select sums.*,
                     max(sums.unit_price) over (series_order rows between 4 preceding and 1 preceding) as before_price,
                     max(sums.unit_price) over (series_order rows between 1 following and 4 following) as after_price
              from fc_week_sums as sums
              window series_order as (partition by sums.product_id, sums.location_id order by sums.week_index desc)
        ) as sums
    ),
    discounted as (
        select priced.*,
               case when priced.unit_price > 0 and priced.regular_price > 0
                         and priced.unit_price <= 0.95 * priced.regular_price
                    then 1 - priced.unit_price / priced.regular_price else 0 end::float8 as discount
        from priced
    ),
    based as (
        select discounted.*,
               avg(discounted.calendar_qty) filter (where discounted.discount = 0 and discounted.open_share >= 0.5)
                   over (partition by discounted.product_id, discounted.location_id
                         order by discounted.week_index desc rows between 4 preceding and 4 following) as base_qty
        from discounted
    )
    select based.product_id, based.location_id, based.week_index, based.listed_days,
           based.demand_qty, based.open_share, based.unit_price, coalesce(products.product_category_id, 0)
           as product_category_id,
           based.calendar_qty, based.discount, based.regular_price, based.base_qty
    from based
    inner join ${schema}.products on products.id = based.product_id;
    if p_products is null then
        analyze fc_weeks;
    end if;

    -- Promotion uplift per unit of discount, pooled per category (demand = base x (1 + uplift x discount)): the
    -- ratio of the promotion weeks' excess demand to their base x discount, shrunk with promo_prior_units towards
    -- the uplift of all categories, itself shrunk towards 0 (no effect). A scoped run reuses the stored pools'.
    create temporary table fc_uplift (
        product_category_id integer primary key,
        uplift float8 not null
    ) on commit drop;
    -- A scoped run reads only its products' categories (and, for the pools below, its locations): work in proportion
    -- to the scope, not to the catalogue.
    if p_pool_forecast_id is not null then
        insert into fc_uplift
        select pools.product_category_id, max(pools.promo_uplift)
        from ${schema}.demand_forecast_pools as pools
        where pools.demand_forecast_id = p_pool_forecast_id
          and (p_products is null
               or pools.product_category_id in (select coalesce(products.product_category_id, 0)
                                                from ${schema}.products where products.id = any(p_products)))
        group by pools.product_category_id;
    else
        insert into fc_uplift
        with category_sums as (
            select weeks.product_category_id, sum(weeks.calendar_qty - weeks.base_qty) as excess_qty,
                   sum(weeks.base_qty * weeks.discount) as exposure_qty
            from fc_weeks as weeks
            where weeks.discount > 0 and weeks.base_qty is not null and weeks.open_share >= 0.5
            group by weeks.product_category_id
        ),
        overall as (
            select greatest(coalesce(sum(category_sums.excess_qty), 0), 0)
                   / (coalesce(sum(category_sums.exposure_qty), 0) + v_promo_units) as uplift
            from category_sums
        )
        -- At the precision the pools store it (real): a scoped rewrite reads it from there and must compute the same.
        select categories.product_category_id,
               greatest((coalesce(category_sums.excess_qty, 0) + v_promo_units * overall.uplift)
                        / (coalesce(category_sums.exposure_qty, 0) + v_promo_units), 0)::real::float8
        from (select distinct fc_weeks.product_category_id from fc_weeks) as categories
        cross join overall
        left join category_sums on category_sums.product_category_id = categories.product_category_id;
    end if;

    -- Seasonal positions and the neighbours that smooth them (weights 1, 2, 1 over p-1, p, p+1, circular).
    create temporary table fc_neighbours on commit drop as
    select positions.position, (positions.position + neighbours.offset_weeks + 52) % 52 as source_position,
           neighbours.weight
    from generate_series(0, 51) as positions (position)
    cross join (values (-1, 1.0::float8), (0, 2.0::float8), (1, 1.0::float8)) as neighbours (offset_weeks, weight);

    -- Seasonal observations: every observed week of a series with at least 78 observed weeks (a year and a half:
    -- each position seen, and a trend tellable from a season) against its expected demand, the mean of the 52
    -- observed weeks around it (centred where the history allows, else the first or last 52): level and trend are
    -- removed, every position of the year weighs the same in it.
    -- One pass over the observed weeks (fc12b): t, n and the running sum in the series' order, and in the same order
    -- (no second sort) the running sums at the window's last week (t = window_from + 51) and at the week before its
    -- first (t = window_from - 1; none before the first week: 0), fetched by lead with a per-row offset. The values
    -- are the running sums the two key lookups of a materialised, indexed table of the observed weeks read before
    -- (every partition is whole after the n >= 78 filter, so a row's offset reaches the same week).
    create temporary table fc_season_weeks on commit drop as
    with observed as (
        select weeks.product_id, weeks.location_id, weeks.week_index, weeks.week_index % 52 as position,
               weeks.calendar_qty / (1 + uplift.uplift * weeks.discount) as demand_qty,
               row_number() over series_order as t,
               count(*) over (partition by weeks.product_id, weeks.location_id) as n,
               sum(weeks.calendar_qty / (1 + uplift.uplift * weeks.discount)) over series_order as running_qty
        from fc_weeks as weeks
        inner join fc_uplift as uplift on uplift.product_category_id = weeks.product_category_id
        where weeks.open_share >= 0.5
        window series_order as (partition by weeks.product_id, weeks.location_id order by weeks.week_index desc)
    ),
    long_enough as (
        select observed.*, greatest(1, least(observed.t - 26, observed.n - 51))::integer as window_from
        from observed
        where observed.n >= 78
    ),
    bounded as (
        select long_enough.product_id, long_enough.location_id, long_enough.position, long_enough.demand_qty,
               lead(long_enough.running_qty, long_enough.window_from + 51 - long_enough.t::integer)
                   over series_order as end_running_qty,
               lead(long_enough.running_qty, long_enough.window_from - 1 - long_enough.t::integer)
                   over series_order as start_running_qty
        from long_enough
        window series_order as (partition by long_enough.product_id, long_enough.location_id
                                order by long_enough.week_index desc)
    )
    select bounded.product_id, bounded.location_id, bounded.position, bounded.demand_qty,
           (bounded.end_running_qty - coalesce(bounded.start_running_qty, 0)) / 52 as expected_qty
    from bounded;

    -- Pools per category x location: a full run computes them from every series, a scoped run reuses the stored
    -- pools of the forecast it rewrites (so that it reads only its own products' history).
    create temporary table fc_pools (
        location_id integer not null,
        product_category_id integer not null,
        season_index real [] not null,
        weekday_shares real [] not null,
        primary key (location_id, product_category_id)
    ) on commit drop;
    if p_pool_forecast_id is not null then
        insert into fc_pools
        select pools.location_id, pools.product_category_id, pools.season_index, pools.weekday_shares
        from ${schema}.demand_forecast_pools as pools
        where pools.demand_forecast_id = p_pool_forecast_id
          and (v_calendar_locations is null or pools.location_id = any(v_calendar_locations))
          and (p_products is null
               or pools.product_category_id in (select coalesce(products.product_category_id, 0)
                                                from ${schema}.products where products.id = any(p_products)));
    else
        insert into fc_pools
        with matched as (
            select coalesce(products.product_category_id, 0) as product_category_id, season_weeks.location_id,
                   season_weeks.position, sum(season_weeks.demand_qty) as demand_qty,
                   sum(season_weeks.expected_qty) as expected_qty
            from fc_season_weeks as season_weeks
            inner join ${schema}.products on products.id = season_weeks.product_id
            group by coalesce(products.product_category_id, 0), season_weeks.location_id, season_weeks.position
        ),
        cells as (
            select category_locations.product_category_id, category_locations.location_id, positions.position
            from (select distinct coalesce(products.product_category_id, 0) as product_category_id,
                                  weeks.location_id
                  from fc_weeks as weeks
                  inner join ${schema}.products on products.id = weeks.product_id) as category_locations
            cross join generate_series(0, 51) as positions (position)
        ),
        smoothed_local as (
            select cells.product_category_id, cells.location_id, cells.position,
                   coalesce(sum(neighbours.weight * matched.demand_qty), 0) as demand_qty,
                   coalesce(sum(neighbours.weight * matched.expected_qty), 0) as expected_qty
            from cells
            inner join fc_neighbours as neighbours on neighbours.position = cells.position
            left join matched
                on matched.product_category_id = cells.product_category_id
                and matched.location_id = cells.location_id
                and matched.position = neighbours.source_position
            group by cells.product_category_id, cells.location_id, cells.position
        ),
        category_raw as (
            select smoothed_local.product_category_id, smoothed_local.position,
                   (sum(smoothed_local.demand_qty) + v_season_units)
                   / (sum(smoothed_local.expected_qty) + v_season_units) as season_index
            from smoothed_local
            group by smoothed_local.product_category_id, smoothed_local.position
        ),
        category_index as (
            select category_raw.product_category_id, category_raw.position,
                   category_raw.season_index
                   / avg(category_raw.season_index) over (partition by category_raw.product_category_id)
                   as season_index
            from category_raw
        ),
        -- How far a category's seasonal index truly differs between its locations (empirical Bayes, method of
        -- moments): the cells' squared deviations of demand / expected from the category's index, weighted by their
        -- expected units, minus what Poisson noise alone gives (variance 1.5 m / E for the 1-2-1 sums: the kernel's
        -- sum of squared weights over its sum), per unit of expected demand: tau^2. The location's index is then
        -- shrunk towards the category with kappa = 1.5 / tau^2 units (the posterior mean of a ratio with prior
        -- variance tau^2), at most 10^6 (no difference measured: the category's shape). Per category: a weather- or
        -- tourist-driven category differs between stores, a staple does not.
        location_spread as (
            select smoothed_local.product_category_id,
                   1.5 / greatest((sum(smoothed_local.expected_qty * (smoothed_local.demand_qty
                                                                     / smoothed_local.expected_qty
                                                                     - category_index.season_index) ^ 2)
                                   - 1.5 * sum(category_index.season_index))
                                  / sum(smoothed_local.expected_qty), 1.5e-6) as prior_units
            from smoothed_local
            inner join category_index
                on category_index.product_category_id = smoothed_local.product_category_id
                and category_index.position = smoothed_local.position
            where smoothed_local.expected_qty > 0
            group by smoothed_local.product_category_id
        ),
        local_raw as (
            select smoothed_local.product_category_id, smoothed_local.location_id, smoothed_local.position,
                   (smoothed_local.demand_qty + kappa.prior_units * category_index.season_index)
                   / (smoothed_local.expected_qty + kappa.prior_units) as season_index
            from smoothed_local
            inner join category_index
                on category_index.product_category_id = smoothed_local.product_category_id
                and category_index.position = smoothed_local.position
            left join location_spread
                on location_spread.product_category_id = smoothed_local.product_category_id
            cross join lateral (select coalesce(location_spread.prior_units, 1e6)) as kappa (prior_units)
        ),
        local_normalised as (
            select local_raw.product_category_id, local_raw.location_id, local_raw.position,
                   local_raw.season_index / avg(local_raw.season_index) over (
                       partition by local_raw.product_category_id, local_raw.location_id
                   ) as season_index
            from local_raw
        ),
        local_index as (
            select local_normalised.product_category_id, local_normalised.location_id,
                   array_agg(local_normalised.season_index::real order by local_normalised.position) as season_index
            from local_normalised
            group by local_normalised.product_category_id, local_normalised.location_id
        ),
        location_weekdays as (
            select fc_weekdays.location_id, fc_weekdays.weekday, sum(fc_weekdays.demand_qty) as demand_qty
            from fc_weekdays
            group by fc_weekdays.location_id, fc_weekdays.weekday
        ),
        location_shares as (
            select location_weekdays.location_id, days.weekday,
                   coalesce(location_weekdays.demand_qty, 0)
                   / nullif(sum(location_weekdays.demand_qty) over (partition by location_weekdays.location_id), 0)
                   as share
            from location_weekdays
            right join generate_series(1, 7) as days (weekday) on location_weekdays.weekday = days.weekday
        ),
        category_weekdays as (
            select coalesce(products.product_category_id, 0) as product_category_id, fc_weekdays.location_id,
                   fc_weekdays.weekday, sum(fc_weekdays.demand_qty) as demand_qty
            from fc_weekdays
            inner join ${schema}.products on products.id = fc_weekdays.product_id
            group by coalesce(products.product_category_id, 0), fc_weekdays.location_id, fc_weekdays.weekday
        ),
        category_shares as (
            select local_index.product_category_id, local_index.location_id,
                   array_agg(((coalesce(category_weekdays.demand_qty, 0)
                               + v_weekday_units * coalesce(location_shares.share, 1.0::float8 / 7))
                              / (coalesce(category_totals.demand_qty, 0) + v_weekday_units))::real
                             order by days.weekday) as weekday_shares
            from local_index
            cross join generate_series(1, 7) as days (weekday)
            left join location_shares
                on location_shares.location_id = local_index.location_id and location_shares.weekday = days.weekday
            left join category_weekdays
                on category_weekdays.product_category_id = local_index.product_category_id
                and category_weekdays.location_id = local_index.location_id
                and category_weekdays.weekday = days.weekday
            left join (
                select category_weekdays.product_category_id, category_weekdays.location_id,
                       sum(category_weekdays.demand_qty) as demand_qty
                from category_weekdays
                group by category_weekdays.product_category_id, category_weekdays.location_id
            ) as category_totals
                on category_totals.product_category_id = local_index.product_category_id
                and category_totals.location_id = local_index.location_id
            group by local_index.product_category_id, local_index.location_id
        )
        select local_index.location_id, local_index.product_category_id, local_index.season_index,
               category_shares.weekday_shares
        from local_index
        inner join category_shares
            on category_shares.product_category_id = local_index.product_category_id
            and category_shares.location_id = local_index.location_id;
    end if;

    -- How far a series' own seasonal index truly differs from its pool's (empirical Bayes, as for the locations
    -- above): tau^2 over every series' matched cells, kappa = 1.5 / tau^2 units (at most 10^6). One number per
    -- forecast: a scoped rewrite takes the full run's (its metadata, seasonality.own_prior_units) instead of
    -- measuring it on its own few series. Without series of 78 observed weeks nothing is measured: 10^6 (the
    -- pool's shape; such series have no own index anyway).
    if p_pool_forecast_id is not null then
        select demand_forecasts.metadata -> 'seasonality' into v_season_stored
        from ${schema}.demand_forecasts
        where demand_forecasts.id = p_pool_forecast_id;
    end if;
    create temporary table fc_season_shrinkage on commit drop as
    with matched as (
        select season_weeks.product_id, season_weeks.location_id, season_weeks.position,
               sum(season_weeks.demand_qty) as demand_qty, sum(season_weeks.expected_qty) as expected_qty
        from fc_season_weeks as season_weeks
        where v_season_stored ->> 'own_prior_units' is null
        group by season_weeks.product_id, season_weeks.location_id, season_weeks.position
    ),
    cells as (
        select matched.product_id, matched.location_id, neighbours.position,
               sum(neighbours.weight * matched.demand_qty) as demand_qty,
               sum(neighbours.weight * matched.expected_qty) as expected_qty
        from matched
        inner join fc_neighbours as neighbours on neighbours.source_position = matched.position
        group by matched.product_id, matched.location_id, neighbours.position
    ),
    spread as (
        select (sum(cells.expected_qty * (cells.demand_qty / cells.expected_qty - pool.season_index) ^ 2)
                - 1.5 * sum(pool.season_index)) / nullif(sum(cells.expected_qty), 0) as variance
        from cells
        inner join ${schema}.products on products.id = cells.product_id
        inner join fc_pools
            on fc_pools.location_id = cells.location_id
            and fc_pools.product_category_id = coalesce(products.product_category_id, 0)
        cross join lateral (select fc_pools.season_index[cells.position + 1]::float8 as season_index) as pool
        where cells.expected_qty > 0
    )
    select coalesce((v_season_stored ->> 'own_prior_units')::float8,
                    1.5 / greatest(coalesce(spread.variance, 0), 1.5e-6))::float8 as own_prior_units
    from spread;

    -- The series' own seasonal index: its matched-week demand shrunk towards the pool with the measured prior units.
    create temporary table fc_season on commit drop as
    with matched as (
        select season_weeks.product_id, season_weeks.location_id, season_weeks.position,
               sum(season_weeks.demand_qty) as demand_qty, sum(season_weeks.expected_qty) as expected_qty
        from fc_season_weeks as season_weeks
        group by season_weeks.product_id, season_weeks.location_id, season_weeks.position
    ),
    series as (
        select distinct weeks.product_id, weeks.location_id, coalesce(products.product_category_id, 0)
                        as product_category_id
        from fc_weeks as weeks
        inner join ${schema}.products on products.id = weeks.product_id
        where weeks.week_index = 0
          and (p_locations is null or weeks.location_id = any(p_locations))
    ),
    shrunk_sums as (
        select series.product_id, series.location_id, neighbours.position,
               coalesce(sum(neighbours.weight * matched.demand_qty), 0) as demand_qty,
               coalesce(sum(neighbours.weight * matched.expected_qty), 0) as expected_qty
        from series
        cross join fc_neighbours as neighbours
        left join matched
            on matched.product_id = series.product_id
            and matched.location_id = series.location_id
            and matched.position = neighbours.source_position
        group by series.product_id, series.location_id, neighbours.position
    ),
    with_pool as (
        select shrunk_sums.product_id, shrunk_sums.location_id, shrunk_sums.position,
               (shrunk_sums.demand_qty
                + shrinkage.own_prior_units * coalesce(fc_pools.season_index[shrunk_sums.position + 1], 1))
               / (shrunk_sums.expected_qty + shrinkage.own_prior_units) as season_index,
               shrunk_sums.expected_qty / (shrunk_sums.expected_qty + shrinkage.own_prior_units) as own_weight
        from shrunk_sums
        inner join series
            on series.product_id = shrunk_sums.product_id and series.location_id = shrunk_sums.location_id
        left join fc_pools
            on fc_pools.location_id = series.location_id
            and fc_pools.product_category_id = series.product_category_id
        cross join fc_season_shrinkage as shrinkage
    )
    select with_pool.product_id, with_pool.location_id, with_pool.position,
           greatest(with_pool.season_index / avg(with_pool.season_index) over (
               partition by with_pool.product_id, with_pool.location_id
           ), 0.1) as season_index,
           avg(with_pool.own_weight) over (partition by with_pool.product_id, with_pool.location_id) as own_weight
    from with_pool;
    if p_products is null then
        create index on fc_season (product_id, location_id, position);
        analyze fc_season;
    end if;

    -- The observed weeks of every series listed in week 0, oldest first (t = 1 ..), deseasonalised.
    -- Every window below runs in one order, the series' week_index descending (= t ascending: t numbers the weeks in
    -- that order), and the start values are window aggregates over the same partition instead of a grouped join:
    -- the rows are sorted once, not once per level (the running sums see the same rows in the same order, so the
    -- values are bit for bit those of the per-level sorts; docs/benchmarks.md "forecast", fcwrite).
    -- A full run joins the weeks to the seasonal index by one hash join, not by ~320,000 memoized index lookups
    -- (the planner expects a tenth of the matching rows; at 1,000 x 20 the statement's CPU fell by about a tenth,
    -- fc12c): nested loops are off for this statement alone. The rows are sorted for the windows on a unique key
    -- afterwards, so the join's order changes nothing. A scoped run keeps the lookups (a few series).
    if p_products is null then
        v_nestloop := current_setting('enable_nestloop');
        perform set_config('enable_nestloop', 'off', true);
    end if;
    create temporary table fc_series on commit drop as
    with observed as (
        select weeks.product_id, weeks.location_id, weeks.week_index,
               weeks.calendar_qty / (1 + uplift.uplift * weeks.discount) as demand_qty, fc_season.season_index
        from fc_weeks as weeks
        inner join fc_uplift as uplift on uplift.product_category_id = weeks.product_category_id
        inner join fc_season
            on fc_season.product_id = weeks.product_id
            and fc_season.location_id = weeks.location_id
            and fc_season.position = weeks.week_index % 52
        where weeks.open_share >= 0.5 or weeks.week_index = 0
    ),
    numbered as (
        select observed.*, observed.demand_qty / observed.season_index as deseasonalised_qty,
               row_number() over series_order as t,
               count(*) filter (where observed.demand_qty > 0) over series_order as demand_count
        from observed
        window series_order as (partition by observed.product_id, observed.location_id
                                order by observed.week_index desc)
    ),
    initial as (
        -- Start values: means of the first (up to) 8 observed weeks, of the first (up to) 8 demand sizes.
        select numbered.*,
               avg(numbered.deseasonalised_qty) filter (where numbered.t <= 8) over series as level0,
               avg((numbered.demand_qty > 0)::integer::float8) filter (where numbered.t <= 8) over series
               as occurrence0,
               coalesce(avg(numbered.deseasonalised_qty) filter (where numbered.demand_qty > 0
                                                                  and numbered.demand_count <= 8) over series, 0)
               as size0
        from numbered
        -- Ordered like the windows around it, over the whole partition (the same rows summed in the same order): the
        -- rows leave this node in the series' order and are not sorted again for the smoothing (fc12).
        window series as (partition by numbered.product_id, numbered.location_id order by numbered.week_index desc
                          rows between unbounded preceding and unbounded following)
    ),
    -- Exponential smoothing in closed form: L_t = a L_(t-1) + (1-a) x_t with weight alpha = 1 - a is
    -- alpha a^t sum_(j<=t) a^(-j) x_j + a^t L_0, a running sum (exact in double precision for the history lengths
    -- used here: a^-156 <= 1.3e15 for alpha = 0.2).
    smoothed as (
        select initial.product_id, initial.location_id, initial.t, initial.week_index, initial.demand_qty,
               initial.season_index, initial.deseasonalised_qty, initial.demand_count,
               0.05 * power(0.95::float8, initial.t)
               * sum(initial.deseasonalised_qty * power(0.95::float8, -initial.t))
               over series_order + power(0.95::float8, initial.t) * initial.level0 as level_slow,
               0.2 * power(0.8::float8, initial.t) * sum(initial.deseasonalised_qty * power(0.8::float8, -initial.t))
               over series_order + power(0.8::float8, initial.t) * initial.level0 as level,
               0.1 * power(0.9::float8, initial.t)
               * sum((initial.demand_qty > 0)::integer * power(0.9::float8, -initial.t))
               over series_order + power(0.9::float8, initial.t) * initial.occurrence0 as occurrence,
               0.1 * power(0.9::float8, initial.demand_count)
               * sum(case when initial.demand_qty > 0
                     then initial.deseasonalised_qty * power(0.9::float8, -initial.demand_count) else 0 end)
               over series_order + power(0.9::float8, initial.demand_count) * initial.size0 as size,
               initial.level0
        from initial
        window series_order as (partition by initial.product_id, initial.location_id
                                order by initial.week_index desc)
    ),
    differenced as (
        select smoothed.*,
               smoothed.level - coalesce(lag(smoothed.level) over series_order, smoothed.level0) as level_change
        from smoothed
        window series_order as (partition by smoothed.product_id, smoothed.location_id
                                order by smoothed.week_index desc)
    )
    -- Trend: the level's weekly change smoothed with beta 0.1 (start 0).
    select differenced.product_id, differenced.location_id, differenced.t, differenced.week_index,
           differenced.demand_qty, differenced.season_index, differenced.deseasonalised_qty, differenced.level_slow,
           differenced.level, differenced.occurrence, differenced.size,
           0.1 * power(0.9::float8, differenced.t) * sum(differenced.level_change * power(0.9::float8, -differenced.t))
           over (partition by differenced.product_id, differenced.location_id order by differenced.week_index desc)
           as trend
    from differenced;
    if p_products is null then
        perform set_config('enable_nestloop', v_nestloop, true);
        create index on fc_series (product_id, location_id, t);
        analyze fc_series;
    end if;

    -- The candidate 'ses': SES with its smoothing constant fitted per series, alpha in 0.05, 0.1, 0.2, 0.3, 0.5, the
    -- one with the least in-sample one-step squared error on the original scale over the whole history (the textbook
    -- SES fit; ties: the smaller alpha). A fast-moving level (a growing product) gets a high alpha, a stable one a
    -- low alpha; with one fixed alpha the combination could be worse than plain SES. Closed form as above (a^-t
    -- stays finite for alpha <= 0.5 up to 520 weeks: 2^520 ~ 3e156). The damped trend keeps the alpha 0.2 level.
    -- One window pass over the series in their (product, location, t) order computes the five candidates' levels
    -- side by side (the five-fold copy of every week, partitioned and sorted by alpha, cost a fifth of a full run at
    -- 1,000 x 20); each running sum is the same expression summed in the same order, so the levels, their errors and
    -- the choice are bit for bit those of the five-row form.
    -- Rolling-origin backtest: every target week among the last 26 observed, forecast from the origin 1 and 4
    -- observed weeks before it with the states at that origin. Errors on the original scale.
    -- The same pass gives both origins' states (lags 1 and 4 of every candidate's level, the fitted SES among
    -- them, whose alpha the grouped errors choose): fc_backtest keeps the last 26 weeks of each series, with the
    -- states at both origins, and the fitted level and alpha; fc_ses_fitted (the level now) and fc_errors (one row
    -- per target and horizon) are read from it. One sort of the series instead of two and a join (fcwrite; the
    -- values are those of the two passes: the same expressions over the same rows in the same order). The states at
    -- the origins are two lags of one array (the five candidates' levels, the slow level, the alpha 0.2 level, the
    -- trend and TSB's occurrence x size) instead of 23 lags of single values: a lag costs about as much per row as
    -- the array, and the elements are the same float8 values (fc12).
    create temporary table fc_backtest on commit drop as
    with initial as (
        select fc_series.*,
               avg(fc_series.deseasonalised_qty) filter (where fc_series.t <= 8) over series as level0,
               max(fc_series.t) over series as n,
               count(*) filter (where fc_series.demand_qty > 0) over series as demand_weeks
        from fc_series
        -- Ordered by t over the whole partition, as for fc_series: one sort for every window of the pass (fc12).
        window series as (partition by fc_series.product_id, fc_series.location_id order by fc_series.t
                          rows between unbounded preceding and unbounded following)
    ),
    paths as (
        select initial.product_id, initial.location_id, initial.t, initial.n, initial.demand_qty, initial.season_index,
               initial.deseasonalised_qty, initial.level_slow, initial.level, initial.trend, initial.occurrence,
               initial.size, initial.demand_weeks,
               0.05::float8 * power(1 - 0.05::float8, initial.t)
               * sum(initial.deseasonalised_qty * power(1 - 0.05::float8, -initial.t)) over series_order
               + power(1 - 0.05::float8, initial.t) * initial.level0 as level_1,
               0.1::float8 * power(1 - 0.1::float8, initial.t)
               * sum(initial.deseasonalised_qty * power(1 - 0.1::float8, -initial.t)) over series_order
               + power(1 - 0.1::float8, initial.t) * initial.level0 as level_2,
               0.2::float8 * power(1 - 0.2::float8, initial.t)
               * sum(initial.deseasonalised_qty * power(1 - 0.2::float8, -initial.t)) over series_order
               + power(1 - 0.2::float8, initial.t) * initial.level0 as level_3,
               0.3::float8 * power(1 - 0.3::float8, initial.t)
               * sum(initial.deseasonalised_qty * power(1 - 0.3::float8, -initial.t)) over series_order
               + power(1 - 0.3::float8, initial.t) * initial.level0 as level_4,
               0.5::float8 * power(1 - 0.5::float8, initial.t)
               * sum(initial.deseasonalised_qty * power(1 - 0.5::float8, -initial.t)) over series_order
               + power(1 - 0.5::float8, initial.t) * initial.level0 as level_5
        from initial
        window series_order as (partition by initial.product_id, initial.location_id order by initial.t)
    ),
    lagged as (
        select paths.*,
               lag(array[paths.level_1, paths.level_2, paths.level_3, paths.level_4, paths.level_5, paths.level_slow,
                         paths.level, paths.trend, paths.occurrence * paths.size], 1) over series_order as states_1,
               lag(array[paths.level_1, paths.level_2, paths.level_3, paths.level_4, paths.level_5, paths.level_slow,
                         paths.level, paths.trend, paths.occurrence * paths.size], 4) over series_order as states_4,
               paths.demand_qty - lag(paths.demand_qty, 1) over series_order as demand_change
        from paths
        window series_order as (partition by paths.product_id, paths.location_id order by paths.t)
    ),
    errors as (
        select lagged.*,
               ((lagged.deseasonalised_qty - lagged.states_1[1]) * lagged.season_index) ^ 2 as error_1,
               ((lagged.deseasonalised_qty - lagged.states_1[2]) * lagged.season_index) ^ 2 as error_2,
               ((lagged.deseasonalised_qty - lagged.states_1[3]) * lagged.season_index) ^ 2 as error_3,
               ((lagged.deseasonalised_qty - lagged.states_1[4]) * lagged.season_index) ^ 2 as error_4,
               ((lagged.deseasonalised_qty - lagged.states_1[5]) * lagged.season_index) ^ 2 as error_5
        from lagged
    ),
    -- Each series' in-sample squared errors summed as window aggregates over the whole partition, in t order as the
    -- grouped sums read them (the same sums bit for bit), and the alpha with the least (ties: the smaller alpha; a
    -- null sum last, as the old ordered choice had it) chosen per row: no grouped pass and join back, and the errors
    -- are not materialised for two readers (that tuplestore spilled 190 MB at 1,000 x 20, fc12).
    sums as (
        select errors.*,
               sum(errors.error_1) over series as sse_1, sum(errors.error_2) over series as sse_2,
               sum(errors.error_3) over series as sse_3, sum(errors.error_4) over series as sse_4,
               sum(errors.error_5) over series as sse_5,
               -- The scale of the backtest's RMSSE (fc_fit): the mean squared one-week change of the series, summed
               -- in t order as the grouped average over a lag pass of fc_series read it (fc12b).
               avg(errors.demand_change ^ 2) over series as change_scale
        from errors
        window series as (partition by errors.product_id, errors.location_id order by errors.t
                          rows between unbounded preceding and unbounded following)
    ),
    best as (
        select sums.*, chosen.candidate, (array[0.05, 0.1, 0.2, 0.3, 0.5]::float8 [])[chosen.candidate] as alpha
        from sums
        cross join lateral (
            select least(sums.sse_1, sums.sse_2, sums.sse_3, sums.sse_4, sums.sse_5) as sse
        ) as least_sse
        cross join lateral (
            select case when sums.sse_1 = least_sse.sse then 1 when sums.sse_2 = least_sse.sse then 2
                        when sums.sse_3 = least_sse.sse then 3 when sums.sse_4 = least_sse.sse then 4
                        when sums.sse_5 = least_sse.sse then 5 else 1 end as candidate
        ) as chosen
        where sums.t > sums.n - 26
    )
    select best.product_id, best.location_id, best.t, best.n, best.demand_qty, best.season_index,
           best.level_slow, best.level, best.trend, best.occurrence, best.size, best.alpha, best.demand_weeks,
           best.change_scale,
           (array[best.level_1, best.level_2, best.level_3, best.level_4, best.level_5])[best.candidate] as fitted,
           best.states_1[6] as level_slow_1, best.states_1[7] as level_1_ago,
           best.states_1[best.candidate] as fitted_1, best.states_1[8] as trend_1, best.states_1[9] as tsb_1,
           best.states_4[6] as level_slow_4, best.states_4[7] as level_4_ago,
           best.states_4[best.candidate] as fitted_4, best.states_4[8] as trend_4, best.states_4[9] as tsb_4
    from best;

    -- Each series' state now (its last week): the candidates' levels, trend, occurrence and size, and the fitted SES
    -- level and its alpha (fc_fit reads it instead of sorting fc_series for its last rows and joining the fit).
    create temporary table fc_ses_fitted on commit drop as
    select fc_backtest.product_id, fc_backtest.location_id, fc_backtest.t, fc_backtest.alpha,
           fc_backtest.fitted as level, fc_backtest.level_slow, fc_backtest.level as level_alpha_02,
           fc_backtest.trend, fc_backtest.occurrence, fc_backtest.size, fc_backtest.demand_weeks::integer,
           fc_backtest.change_scale
    from fc_backtest
    where fc_backtest.t = fc_backtest.n;
    if p_products is null then
        analyze fc_ses_fitted;
    end if;

    -- The backtest's errors: each target row yields one row per horizon.
    create temporary table fc_errors on commit drop as
    with origins as (
        select fc_backtest.product_id, fc_backtest.location_id, fc_backtest.t, fc_backtest.n,
               fc_backtest.demand_qty, fc_backtest.season_index,
               horizons.h, horizons.level_slow, horizons.level, horizons.fitted, horizons.trend, horizons.tsb
        from fc_backtest
        cross join lateral (
            values (1, fc_backtest.level_slow_1, fc_backtest.level_1_ago, fc_backtest.fitted_1, fc_backtest.trend_1,
                    fc_backtest.tsb_1),
                   (4, fc_backtest.level_slow_4, fc_backtest.level_4_ago, fc_backtest.fitted_4, fc_backtest.trend_4,
                    fc_backtest.tsb_4)
        ) as horizons (h, level_slow, level, fitted, trend, tsb)
    )
    select origins.product_id, origins.location_id, origins.t, origins.h,
           origins.demand_qty - origins.season_index * origins.level_slow as error_ses_slow,
           origins.demand_qty - origins.season_index * origins.fitted as error_ses,
           origins.demand_qty - origins.season_index * greatest(
               origins.level + origins.trend * (4 + 0.9 * (1 - power(0.9::float8, origins.h)) / 0.1), 0
           ) as error_damped_trend,
           origins.demand_qty - origins.season_index * origins.tsb as error_tsb
    from origins
    where origins.t - origins.h >= 2;

    -- Weights: Akaike-style weights of the backtest, w_m proportional to (MSE_min / MSE_m)^(n/2), n = the targets
    -- (errors / 2: two horizons per target): the relative likelihood of each candidate under Gaussian errors. With
    -- few targets the weights stay near equal, with many the best candidate dominates. Scale of the RMSSE: the
    -- in-sample mean squared one-week change (M5).
    create temporary table fc_fit on commit drop as
    with mse as (
        select fc_errors.product_id, fc_errors.location_id, count(*) as errors,
               avg(fc_errors.error_ses_slow ^ 2) as ses_slow, avg(fc_errors.error_ses ^ 2) as ses,
               avg(fc_errors.error_damped_trend ^ 2) as damped_trend, avg(fc_errors.error_tsb ^ 2) as tsb
        from fc_errors
        group by fc_errors.product_id, fc_errors.location_id
    ),
    likelihood as (
        select mse.product_id, mse.location_id, mse.errors,
               exp(greatest(-700, mse.errors / 4.0 * ln((best.mse + 1e-9) / (mse.ses_slow + 1e-9)))) as ses_slow,
               exp(greatest(-700, mse.errors / 4.0 * ln((best.mse + 1e-9) / (mse.ses + 1e-9)))) as ses,
               exp(greatest(-700, mse.errors / 4.0 * ln((best.mse + 1e-9) / (mse.damped_trend + 1e-9))))
               as damped_trend,
               exp(greatest(-700, mse.errors / 4.0 * ln((best.mse + 1e-9) / (mse.tsb + 1e-9)))) as tsb
        from mse
        cross join lateral (select least(mse.ses_slow, mse.ses, mse.damped_trend, mse.tsb) as mse) as best
    ),
    weights as (
        select likelihood.product_id, likelihood.location_id, likelihood.errors,
               likelihood.ses_slow / total.likelihood_sum as ses_slow, likelihood.ses / total.likelihood_sum as ses,
               likelihood.damped_trend / total.likelihood_sum as damped_trend,
               likelihood.tsb / total.likelihood_sum as tsb
        from likelihood
        cross join lateral (select likelihood.ses_slow + likelihood.ses + likelihood.damped_trend + likelihood.tsb
                            as likelihood_sum) as total
    ),
    combined as (
        select fc_errors.product_id, fc_errors.location_id,
               avg((weights.ses_slow * fc_errors.error_ses_slow + weights.ses * fc_errors.error_ses
                    + weights.damped_trend * fc_errors.error_damped_trend + weights.tsb * fc_errors.error_tsb) ^ 2)
               as mse
        from fc_errors
        inner join weights
            on weights.product_id = fc_errors.product_id and weights.location_id = fc_errors.location_id
        group by fc_errors.product_id, fc_errors.location_id
    )
    -- The RMSSE's scale (the in-sample mean squared one-week change) and the weeks with demand are per-series
    -- constants of fc_backtest's pass, read from the last week's state: no lag pass and no grouped pass over
    -- fc_series here (fc12b).
    select last_state.product_id, last_state.location_id, last_state.t as history_weeks,
           last_state.level_slow, last_state.level_alpha_02 as level, last_state.trend, last_state.occurrence,
           last_state.size, last_state.level as level_fitted, last_state.alpha as ses_alpha, last_state.demand_weeks,
           coalesce(weights.ses_slow, 0.25) as weight_ses_slow, coalesce(weights.ses, 0.25) as weight_ses,
           coalesce(weights.damped_trend, 0.25) as weight_damped_trend, coalesce(weights.tsb, 0.25) as weight_tsb,
           case when combined.mse = 0 then 0 else sqrt(combined.mse / nullif(last_state.change_scale, 0)) end
           as backtest_rmsse,
           -- The series' level now as the combination weighs its candidates (the damped trend without its
           -- extrapolation): the one definition of the level that the priors of new series pool (prior shape,
           -- category levels, a product's level elsewhere).
           coalesce(weights.ses_slow, 0.25) * last_state.level_slow + coalesce(weights.ses, 0.25) * last_state.level
           + coalesce(weights.damped_trend, 0.25) * last_state.level_alpha_02
           + coalesce(weights.tsb, 0.25) * last_state.occurrence * last_state.size as current_level_qty
    from fc_ses_fitted as last_state
    left join weights
        on weights.product_id = last_state.product_id and weights.location_id = last_state.location_id
    left join combined
        on combined.product_id = last_state.product_id and combined.location_id = last_state.location_id
    where p_locations is null or last_state.location_id = any(p_locations);

    -- Young series (docs/forecast.md "Young series"). A pair's first evidence is its first listed week (its oldest
    -- week with a demand_history row); kind: 'launch' when no other location of the product was listed earlier (the
    -- product is new), 'listing' when the product sold elsewhere before (new at this location), 'censored' when the
    -- pair starts with the data itself (its start is not seen: no ramp is assumed).
    -- A pair that starts with the data is 'censored': the oldest first week of all pairs. A scoped rewrite sees only
    -- its own products' pairs (a product launched in the window would look censored): it takes the full run's (its
    -- metadata young_series.data_first_week).
    if p_pool_forecast_id is not null then
        select (demand_forecasts.metadata -> 'young_series' ->> 'data_first_week')::integer into v_data_first_week
        from ${schema}.demand_forecasts
        where demand_forecasts.id = p_pool_forecast_id;
    end if;
    create temporary table fc_pair_start on commit drop as
    with firsts as (
        select weeks.product_id, weeks.location_id, max(weeks.week_index) as first_week
        from fc_weeks as weeks
        group by weeks.product_id, weeks.location_id
    )
    select firsts.product_id, firsts.location_id, firsts.first_week,
           case when firsts.first_week >= coalesce(v_data_first_week, max(firsts.first_week) over ()) then 'censored'
                when firsts.first_week >= max(firsts.first_week) over (partition by firsts.product_id) then 'launch'
                else 'listing' end as kind
    from firsts;
    if p_products is null then
        create index on fc_pair_start (product_id, location_id);
        analyze fc_pair_start;
    end if;

    -- The weeks that tell how series start: every listed week (partial ones too: a launch rarely starts on a
    -- Monday) of the pairs that started at least 25 weeks ago, up to their 13th week, and every week of the young
    -- series. units: the week's demand, de-promoted and deseasonalised like the smoothing input; exposure: the
    -- week's open share (the share of a normal week the pair was listed on trading days).
    create temporary table fc_start_weeks on commit drop as
    select weeks.product_id, weeks.location_id, starts.kind, starts.first_week - weeks.week_index + 1 as age,
           least(weeks.open_share, 1) as exposure,
           weeks.demand_qty / (1 + uplift.uplift * weeks.discount) / fc_season.season_index as units,
           coalesce(fc_fit.history_weeks < v_min_weeks, false) as is_young
    from fc_weeks as weeks
    inner join fc_pair_start as starts
        on starts.product_id = weeks.product_id and starts.location_id = weeks.location_id
    inner join fc_uplift as uplift on uplift.product_category_id = weeks.product_category_id
    inner join fc_season
        on fc_season.product_id = weeks.product_id and fc_season.location_id = weeks.location_id
        and fc_season.position = weeks.week_index % 52
    left join fc_fit on fc_fit.product_id = weeks.product_id and fc_fit.location_id = weeks.location_id
    where (starts.kind <> 'censored' and starts.first_week >= 25 and starts.first_week - weeks.week_index < 13)
       or fc_fit.history_weeks < v_min_weeks;

    -- The ramp: demand in week k since the first evidence (k = 1 the first listed week) relative to the pair's mature
    -- level (mean of its observed weeks 14..26), pooled per kind over every pair whose start is seen and that has
    -- reached its 26th week: r(k) = (sum of week-k units + 25 c(k)) / (sum of exposure x mature level + 25). The 25
    -- units shrink r where few pairs started in the window (a ratio of sums with E expected units has a relative noise
    -- of about 1 / sqrt(E): 20 % at 25 units) towards c(k), the same ratio pooled over the weeks k - 1 .. k + 1
    -- (itself shrunk towards 1, no ramp, with 25 units): a ramp is smooth in k, and a launch's first week is far
    -- below 1 (0.2 - 0.3 of its mature level), so shrinking it towards 1 raised it by half and made a launch's own
    -- first days look weak against it (docs/benchmarks.md, "The launch under-forecast"). Without starts in the window
    -- r = 1. From week 14 on r = 1. Pooled, not per product: a launch's own first weeks are what is being forecast.
    create temporary table fc_ramp on commit drop as
    with mature as (
        select series.product_id, series.location_id, avg(series.deseasonalised_qty) as level_qty
        from fc_series as series
        inner join fc_pair_start as starts
            on starts.product_id = series.product_id and starts.location_id = series.location_id
        where starts.kind <> 'censored' and starts.first_week >= 25
          and starts.first_week - series.week_index + 1 between 14 and 26
        group by series.product_id, series.location_id
        having count(*) >= 7
    ),
    sums as (
        select start_weeks.kind, start_weeks.age, sum(start_weeks.units) as demand_qty,
               sum(start_weeks.exposure * mature.level_qty) as level_qty
        from fc_start_weeks as start_weeks
        inner join mature
            on mature.product_id = start_weeks.product_id and mature.location_id = start_weeks.location_id
        where start_weeks.age <= 13
        group by start_weeks.kind, start_weeks.age
    )
    select kinds.kind, ages.age,
           ((coalesce(sums.demand_qty, 0) + 25 * adjacent.ratio) / (coalesce(sums.level_qty, 0) + 25))::float8
           as ratio
    from (values ('launch'), ('listing')) as kinds (kind)
    cross join generate_series(1, 13) as ages (age)
    left join sums on sums.kind = kinds.kind and sums.age = ages.age
    cross join lateral (
        select (coalesce(sum(near.demand_qty), 0) + 25) / (coalesce(sum(near.level_qty), 0) + 25) as ratio
        from sums as near
        where near.kind = kinds.kind and near.age between ages.age - 1 and ages.age + 1
    ) as adjacent;
    if p_products is null then
        create index on fc_ramp (kind, age);
        analyze fc_ramp;
    end if;

    -- How much a borrowed level is worth, as the shape a of a gamma prior of the level (mean m = the prior level,
    -- coefficient of variation 1 / sqrt(a)): a = 1 / CV^2 of the established series' levels around what a prior
    -- says. imputed_global_only: around their category's mean level at the location; imputed_local_global: around
    -- their product's mean level over its locations times the location's factor. Retail levels within a category
    -- are heavily skewed (CV^2 of 2-4 is common: a < 0.5), across the locations of one product far less. Without
    -- two established series in any cell a = 1 (an exponential prior); bounded to 0.05 .. 100.
    create temporary table fc_prior_shape on commit drop as
    with levels as (
        select fc_fit.product_id, fc_fit.location_id, coalesce(products.product_category_id, 0) as category_id,
               fc_fit.current_level_qty as level_qty
        from fc_fit
        inner join ${schema}.products on products.id = fc_fit.product_id
        where fc_fit.history_weeks >= v_min_weeks
    ),
    category_cells as (
        select levels.level_qty,
               avg(levels.level_qty) over (partition by levels.category_id, levels.location_id) as mean_qty,
               count(*) over (partition by levels.category_id, levels.location_id) as members
        from levels
    ),
    products_spread as (
        select levels.product_id, levels.location_id, levels.level_qty,
               avg(levels.level_qty) over (partition by levels.product_id) as mean_qty,
               count(*) over (partition by levels.product_id) as members
        from levels
    ),
    location_factors as (
        select products_spread.location_id,
               sum(products_spread.level_qty) / nullif(sum(products_spread.mean_qty), 0) as factor
        from products_spread
        where products_spread.members >= 2
        group by products_spread.location_id
    ),
    sums as (
        select (select sum(category_cells.mean_qty ^ 2) from category_cells where category_cells.members >= 2)
               as global_mean_squares,
               (select sum((category_cells.level_qty - category_cells.mean_qty) ^ 2)
                from category_cells where category_cells.members >= 2) as global_deviations,
               (select sum((products_spread.mean_qty * location_factors.factor) ^ 2)
                from products_spread
                inner join location_factors on location_factors.location_id = products_spread.location_id
                where products_spread.members >= 2) as local_mean_squares,
               (select sum((products_spread.level_qty - products_spread.mean_qty * location_factors.factor) ^ 2)
                from products_spread
                inner join location_factors on location_factors.location_id = products_spread.location_id
                where products_spread.members >= 2) as local_deviations
    )
    -- No cell to measure: 1; levels exactly as the prior says: 100.
    select case when coalesce(sums.global_mean_squares, 0) = 0 then 1
                else least(greatest(sums.global_mean_squares / greatest(sums.global_deviations, 1e-300), 0.05), 100)
           end::float8 as global_shape,
           case when coalesce(sums.local_mean_squares, 0) = 0 then 1
                else least(greatest(sums.local_mean_squares / greatest(sums.local_deviations, 1e-300), 0.05), 100)
           end::float8 as local_shape
    from sums;

    -- A scoped rewrite sees only its own products, too few to measure the ramp and the prior's shape: it takes the
    -- ones the full run of the forecast it rewrites measured (its metadata young_series), so that it computes the
    -- full run's rows. A forecast written before they were stored keeps the scoped estimate.
    if p_pool_forecast_id is not null then
        select demand_forecasts.metadata -> 'young_series' into v_young_stored
        from ${schema}.demand_forecasts
        where demand_forecasts.id = p_pool_forecast_id;
        if v_young_stored is not null then
            update fc_ramp
            set ratio = (v_young_stored -> 'ramp' ->> (fc_ramp.kind || ':' || fc_ramp.age))::float8
            where v_young_stored -> 'ramp' ? (fc_ramp.kind || ':' || fc_ramp.age);
            update fc_prior_shape
            set global_shape = (v_young_stored ->> 'global_shape')::float8,
                local_shape = (v_young_stored ->> 'local_shape')::float8;
        end if;
    end if;

    -- The own evidence of each young series, over every listed week since its first evidence (a partial first or
    -- last week counts by its open share, not as a full week): its units and its exposure, the weeks' open shares
    -- times the ramp at their age (in weeks of mature demand).
    create temporary table fc_young on commit drop as
    select start_weeks.product_id, start_weeks.location_id, start_weeks.kind, starts.first_week,
           sum(start_weeks.units) as own_qty,
           sum(start_weeks.exposure
               * case when start_weeks.kind = 'censored' then 1 else coalesce(ramp.ratio, 1) end) as exposure_weeks
    from fc_start_weeks as start_weeks
    inner join fc_pair_start as starts
        on starts.product_id = start_weeks.product_id and starts.location_id = start_weeks.location_id
    left join fc_ramp as ramp on ramp.kind = start_weeks.kind and ramp.age = start_weeks.age
    where start_weeks.is_young
    group by start_weeks.product_id, start_weeks.location_id, start_weeks.kind, starts.first_week;
    if p_products is null then
        create index on fc_young (product_id, location_id);
        analyze fc_young;
    end if;

    -- The fallback priors of new series pool every series: the category's mean level at the location (established
    -- series) and the location's factor for its new listings. A full run computes them; a scoped rewrite reads the
    -- ones the forecast it rewrites stored (demand_forecast_pools, demand_forecast_locations), so that a new series
    -- without similar products gets the full run's prior; a forecast written before they were stored computes them
    -- from the scoped products as before.
    create temporary table fc_category_levels on commit drop as
    select coalesce(products.product_category_id, 0) as product_category_id, fc_fit.location_id,
           count(*)::integer as established_series,
           avg(fc_fit.current_level_qty) as level_qty
    from fc_fit
    inner join ${schema}.products on products.id = fc_fit.product_id
    where fc_fit.history_weeks >= v_min_weeks
      and not exists (select from fc_pools
                      inner join ${schema}.demand_forecast_pools as stored
                          on stored.demand_forecast_id = p_pool_forecast_id
                          and stored.location_id = fc_pools.location_id
                          and stored.product_category_id = fc_pools.product_category_id
                      where stored.established_series is not null)
    group by coalesce(products.product_category_id, 0), fc_fit.location_id
    union all
    select stored.product_category_id, stored.location_id, stored.established_series, stored.category_level_qty
    from fc_pools
    inner join ${schema}.demand_forecast_pools as stored
        on stored.demand_forecast_id = p_pool_forecast_id
        and stored.location_id = fc_pools.location_id
        and stored.product_category_id = fc_pools.product_category_id
    where stored.established_series is not null;

    create temporary table fc_listing_factors on commit drop as
    with established as (
        select fc_fit.product_id, avg(fc_fit.current_level_qty) as level_qty
        from fc_fit
        where fc_fit.history_weeks >= v_min_weeks
        group by fc_fit.product_id
    ),
    computed as (
        -- How a location sells the products newly listed there against their established locations' mean level,
        -- pooled over all its young 'listing' pairs (own units / (exposure weeks x the product's level elsewhere)),
        -- shrunk towards 1 with 25 units: a new store's size is learned from all its products' first weeks at once.
        select young.location_id,
               (sum(young.own_qty) + 25) / (sum(young.exposure_weeks * established.level_qty) + 25) as factor
        from fc_young as young
        inner join established on established.product_id = young.product_id
        where young.kind = 'listing'
        group by young.location_id
    ),
    stored as (
        select stored.location_id, stored.listing_factor
        from ${schema}.demand_forecast_locations as stored
        where stored.demand_forecast_id = p_pool_forecast_id and stored.listing_factor is not null
          and stored.location_id in (select distinct fc_calendar.location_id from fc_calendar)
    )
    select computed.location_id, computed.factor
    from computed
    where computed.location_id not in (select stored.location_id from stored)
    union all
    select stored.location_id, stored.listing_factor from stored;

    -- Per series: source type, the level prior of a short series, the weekday shares, critical ratio, confidence.
    create temporary table fc_out_series on commit drop as
    with product_facts as (
        select weeks.product_id,
               coalesce(sum(weeks.demand_qty) filter (where weeks.week_index < v_dead_weeks), 0) as recent_qty,
               max(weeks.week_index) as oldest_week,
               bool_and(locations.location_type = 'online') as is_online_only
        from fc_weeks as weeks
        inner join ${schema}.locations on locations.id = weeks.location_id
        group by weeks.product_id
    ),
    established as (
        -- Mean level of the product's series with enough history (the prior of its new locations).
        select fc_fit.product_id, avg(fc_fit.current_level_qty) as level_qty
        from fc_fit
        where fc_fit.history_weeks >= v_min_weeks
        group by fc_fit.product_id
    ),
    category_levels as (
        select fc_category_levels.product_category_id, fc_category_levels.location_id, fc_category_levels.level_qty
        from fc_category_levels
        where fc_category_levels.level_qty is not null
    ),
    young_location_factors as (
        select fc_listing_factors.location_id, fc_listing_factors.factor from fc_listing_factors
    ),
    pair_weekdays as (
        select fc_fit.product_id, fc_fit.location_id,
               array_agg(((coalesce(fc_weekdays.demand_qty, 0)
                           + v_weekday_units * coalesce(fc_pools.weekday_shares[days.weekday], 1.0::float8 / 7))
                          / (coalesce(totals.demand_qty, 0) + v_weekday_units))::real
                         order by days.weekday) as weekday_shares
        from fc_fit
        inner join ${schema}.products on products.id = fc_fit.product_id
        cross join generate_series(1, 7) as days (weekday)
        left join fc_pools
            on fc_pools.location_id = fc_fit.location_id
            and fc_pools.product_category_id = coalesce(products.product_category_id, 0)
        left join fc_weekdays
            on fc_weekdays.product_id = fc_fit.product_id and fc_weekdays.location_id = fc_fit.location_id
            and fc_weekdays.weekday = days.weekday
        left join (select fc_weekdays.product_id, fc_weekdays.location_id, sum(fc_weekdays.demand_qty) as demand_qty
                   from fc_weekdays group by fc_weekdays.product_id, fc_weekdays.location_id) as totals
            on totals.product_id = fc_fit.product_id and totals.location_id = fc_fit.location_id
        group by fc_fit.product_id, fc_fit.location_id
    )
    select fc_fit.*, products.is_dropship, products.launch_date,
           case when products.is_discontinued then products.discontinue_date end as phase_out_date,
           case
               when product_facts.recent_qty = 0 and product_facts.oldest_week >= v_dead_weeks then 'dead_product'
               when products.is_dropship then 'dropship'
               when product_facts.is_online_only then 'online_only'
               when fc_fit.history_weeks < v_min_weeks and established.level_qty is not null
                   then 'imputed_local_global'
               when fc_fit.history_weeks < v_min_weeks then 'imputed_global_only'
               else 'actual'
           end as source_type,
           -- New series: the level of similar products (forecast_similar_priors, docs/forecast.md "New products"),
           -- else the product's mean level at its established locations times the location's factor for its new
           -- listings, else its category's at the location.
           coalesce(similar_priors.prior_level_qty,
                    established.level_qty * coalesce(young_location_factors.factor, 1),
                    category_levels.level_qty, 0)
           as prior_level_qty,
           case when similar_priors.prior_level_qty is not null then similar_priors.prior_basis
                when established.level_qty is not null then 'own_elsewhere_times_listing_factor'
                when category_levels.level_qty is not null then 'category_at_location'
                else 'none' end as prior_basis,
           case
               when products.price is null or products.cost is null then null
               when products.price <= products.cost then 0
               else (products.price - products.cost)
                    / ((products.price - products.cost) + products.cost * v_hold_pct / 100 * 7 / 365)
           end::float8 as critical_ratio,
           (fc_fit.history_weeks::float8 / (fc_fit.history_weeks + 13)) / (1 + coalesce(fc_fit.backtest_rmsse, 1))
           as confidence,
           pair_weekdays.weekday_shares,
           (select max(fc_season.own_weight) from fc_season
            where fc_season.product_id = fc_fit.product_id and fc_season.location_id = fc_fit.location_id
              and fc_season.position = 0) as season_own_weight
    from fc_fit
    inner join ${schema}.products on products.id = fc_fit.product_id
    inner join product_facts on product_facts.product_id = fc_fit.product_id
    inner join pair_weekdays
        on pair_weekdays.product_id = fc_fit.product_id and pair_weekdays.location_id = fc_fit.location_id
    left join established on established.product_id = fc_fit.product_id
    left join young_location_factors on young_location_factors.location_id = fc_fit.location_id
    left join category_levels
        on category_levels.product_category_id = coalesce(products.product_category_id, 0)
        and category_levels.location_id = fc_fit.location_id
    left join ${schema}.forecast_similar_priors(
        p_forecast_date,
        array(select new_series.product_id from fc_fit as new_series where new_series.history_weeks < v_min_weeks
              order by new_series.product_id, new_series.location_id),
        array(select new_series.location_id from fc_fit as new_series where new_series.history_weeks < v_min_weeks
              order by new_series.product_id, new_series.location_id),
        p_settings
    ) as similar_priors
        on similar_priors.product_id = fc_fit.product_id and similar_priors.location_id = fc_fit.location_id;

    -- A young series' level: the posterior mean of a gamma prior (mean = prior level, shape a) after its own evidence,
    -- (a + own units) / (a / prior + exposure weeks); own units / exposure without a prior. Kept per series with its
    -- ingredients (demand_forecast_series), null for established series.
    alter table fc_out_series add column start_kind text, add column prior_shape float8, add column own_qty float8,
        add column exposure_weeks float8, add column young_level_qty float8;
    update fc_out_series
    set prior_shape = case when fc_out_series.source_type = 'imputed_local_global' then shapes.local_shape
                           else shapes.global_shape end,
        own_qty = 0, exposure_weeks = 0
    from fc_prior_shape as shapes
    where fc_out_series.history_weeks < v_min_weeks;
    update fc_out_series
    set start_kind = young.kind, own_qty = young.own_qty,
        exposure_weeks = young.exposure_weeks
    from fc_young as young
    where fc_out_series.history_weeks < v_min_weeks
      and young.product_id = fc_out_series.product_id and young.location_id = fc_out_series.location_id;
    update fc_out_series
    set young_level_qty = case when fc_out_series.prior_level_qty > 0
                               then (fc_out_series.prior_shape + fc_out_series.own_qty)
                                    / (fc_out_series.prior_shape / fc_out_series.prior_level_qty
                                       + fc_out_series.exposure_weeks)
                               when fc_out_series.exposure_weeks > 0
                               then fc_out_series.own_qty / fc_out_series.exposure_weeks
                               else 0 end
    where fc_out_series.history_weeks < v_min_weeks;

    -- The forecast per horizon week h: seasonal index of the week a year earlier (position (52 - h % 52) % 52)
    -- x the weighted candidates; a young series (under min_history_weeks) is its ramp at the week's age x the
    -- gamma posterior of its prior level after its own weeks (fc_young); zero for dead products, before a launch and
    -- after a phase-out date.
    -- The horizon weeks' open share per location (a closed holiday lowers the week's expected demand).
    create temporary table fc_horizon_open on commit drop as
    select calendar.location_id, (calendar.calendar_date - p_forecast_date - 1) / 7 + 1 as h,
           coalesce(sum(shares.share) filter (where calendar.is_trading_day), 0) as open_share
    from fc_calendar as calendar
    inner join fc_location_shares as shares
        on shares.location_id = calendar.location_id
        and shares.weekday = (calendar.calendar_date - date '1900-01-01') % 7 + 1
    where calendar.calendar_date > p_forecast_date
    group by calendar.location_id, (calendar.calendar_date - p_forecast_date - 1) / 7 + 1;

    -- A promotion running on the forecast date (method 1c, docs/forecast.md): the price list carries today's
    -- promotion price (prices.promo_price), the ERP's fact, not a plan. Each pair's list: the location's channel (the
    -- webshop's list is 'online', every other location's 'store'), its country or a list without a country (one
    -- for all stores), active and valid on the forecast date; a country's own list wins. discount = 1 - promo
    -- price / list price, a promotion when >= 5 % (the history's threshold, method 1b).
    -- The pairs and the promotion prices are read once each (materialised) and joined by product: as one join tree
    -- the planner estimated the locations' lists at one row and scanned fc_weeks once per location and the prices
    -- once per pair (23.6 s of a full run at 1,000 x 20 under load, fc12).
    create temporary table fc_promo_active on commit drop as
    with pairs as materialized (
        select fc_weeks.product_id, fc_weeks.location_id from fc_weeks where fc_weeks.week_index = 0
    ),
    promo_prices as materialized (
        select prices.product_id, prices.price_list_id, prices.price, prices.promo_price, price_lists.channel,
               price_lists.country_id
        from ${schema}.prices
        inner join ${schema}.price_lists on price_lists.id = prices.price_list_id
        where price_lists.is_active
          and (price_lists.valid_from is null or price_lists.valid_from <= p_forecast_date)
          and (price_lists.valid_to is null or price_lists.valid_to >= p_forecast_date)
          and prices.is_active and prices.price > 0 and prices.promo_price <= 0.95 * prices.price
    )
    select distinct on (pairs.product_id, pairs.location_id)
           pairs.product_id, pairs.location_id, promo_prices.price_list_id, promo_prices.price::float8 as list_price,
           (1 - promo_prices.promo_price / promo_prices.price)::float8 as discount, null::integer as elapsed_days
    from pairs
    inner join ${schema}.locations on locations.id = pairs.location_id
    inner join promo_prices
        on promo_prices.product_id = pairs.product_id
        and promo_prices.channel = case when locations.location_type = 'online' then 'online' else 'store' end
        and (promo_prices.country_id is null or promo_prices.country_id = locations.country_id)
    order by pairs.product_id, pairs.location_id, promo_prices.country_id nulls last, promo_prices.price_list_id;

    -- The sold days both promotion rules below read (the running promotion and the past durations): per pair, the
    -- weeks they look at (the running promotion: weeks 0 .. 7 of the pairs with a price-list promotion today, the
    -- forecast date's last 56 days; the past durations: every promotion week of method 1b and the weeks either side,
    -- unless the durations are the stored ones) and each sold day of them with its sold revenue and units, from the
    -- weekly aggregate demand_weeks (day k of a week: the running sums' k-th minus (k - 1)-th). One table for both,
    -- so that what a sold day is and what it sold at are defined once.
    v_durations_here := p_pool_forecast_id is null
                        or not exists (select from ${schema}.demand_forecasts
                                       where demand_forecasts.id = p_pool_forecast_id
                                         and demand_forecasts.metadata -> 'promotions' ? 'durations');
    -- A week of the durations carries its regular price (the highest of the promotion weeks it is or neighbours), the
    -- others null.
    create temporary table fc_promo_days on commit drop as
    with candidate as (
        select weeks.product_id, weeks.location_id, weeks.week_index + offsets.offset_weeks as week_index,
               max(weeks.regular_price) as regular_price
        from fc_weeks as weeks
        cross join (values (-1), (0), (1)) as offsets (offset_weeks)
        where v_durations_here
          and weeks.discount > 0 and weeks.week_index + offsets.offset_weeks between 0 and v_history_weeks - 1
        group by weeks.product_id, weeks.location_id, weeks.week_index + offsets.offset_weeks
    ),
    active_weeks as (
        select fc_promo_active.product_id, fc_promo_active.location_id, weeks.week_index
        from fc_promo_active
        cross join generate_series(0, 7) as weeks (week_index)
    ),
    wanted as (
        select product_id, location_id, week_index, candidate.regular_price
        from candidate
        full join active_weeks using (product_id, location_id, week_index)
    )
    -- Each wanted week is read from the two ISO-week rows it overlaps (the row of its last day's ISO week and the
    -- one before: days 1 .. d and d + 1 .. 7), expanded to the days of those rows that fall in the week: one key
    -- per ISO week instead of one per day (fc12c; the same days and values, and every reader of this table groups
    -- or orders it by its keys, so the rows' order does not matter).
    select wanted.product_id, wanted.location_id, wanted.week_index, wanted.regular_price,
           weeks.week_start + days.weekday - 1 as demand_date,
           weeks.sold_revenue_cum[days.weekday] - coalesce(weeks.sold_revenue_cum[days.weekday - 1], 0)
           as sold_revenue,
           weeks.sold_qty_cum[days.weekday] - coalesce(weeks.sold_qty_cum[days.weekday - 1], 0) as sold_qty
    from wanted
    cross join (values (0), (7)) as iso_weeks (days_before)
    inner join ${schema}.demand_weeks as weeks
        on weeks.product_id = wanted.product_id and weeks.location_id = wanted.location_id
        and weeks.week_start = v_week_monday - 7 * wanted.week_index - iso_weeks.days_before
    cross join generate_series(1, 7) as days (weekday)
    where weeks.week_start + days.weekday - 1 between p_forecast_date - 7 * wanted.week_index - 6
                                                  and p_forecast_date - 7 * wanted.week_index
      and weeks.sold_qty_cum[days.weekday] - coalesce(weeks.sold_qty_cum[days.weekday - 1], 0) > 0;

    -- Days the promotion has run: the history must confirm it (a price list is a snapshot of the load's day; a
    -- re-run of an older date must not take today's promotion for that date's). Per product and price list over the
    -- last 8 weeks, each sold day of a pair on the list is a promotion day when its realized price (sold revenue /
    -- units) is >= 5 % below the list price, a regular day otherwise (a day with both, e.g. a store not yet
    -- switched, is regular). The promotion is confirmed when the list's last sold day is a promotion day within the
    -- last 7 days; it started on the first promotion day after the last regular day: elapsed = forecast date - that
    -- day + 1 (the forecast date is its elapsed-th day). Measured from the first sale at the promotion price, like
    -- the past durations below.
    if exists (select from fc_promo_active) then
        with list_days as (
            select active.product_id, active.price_list_id, days.demand_date,
                   bool_and(days.sold_revenue <= 0.95 * active.list_price * days.sold_qty) as is_promotion
            from fc_promo_active as active
            inner join fc_promo_days as days
                on days.product_id = active.product_id and days.location_id = active.location_id
                and days.week_index between 0 and 7
            group by active.product_id, active.price_list_id, days.demand_date
        ),
        bounds as (
            select list_days.*,
                   max(list_days.demand_date) filter (where not list_days.is_promotion)
                       over (partition by list_days.product_id, list_days.price_list_id) as last_regular_day,
                   max(list_days.demand_date) over (partition by list_days.product_id, list_days.price_list_id)
                   as last_sold_day
            from list_days
        ),
        started as (
            select bounds.product_id, bounds.price_list_id, bounds.last_sold_day, bounds.last_regular_day,
                   min(bounds.demand_date) as first_day
            from bounds
            where bounds.is_promotion and bounds.demand_date > coalesce(bounds.last_regular_day, date '-infinity')
            group by bounds.product_id, bounds.price_list_id, bounds.last_sold_day, bounds.last_regular_day
        )
        update fc_promo_active
        set elapsed_days = p_forecast_date - started.first_day + 1
        from started
        where started.product_id = fc_promo_active.product_id
          and started.price_list_id = fc_promo_active.price_list_id
          and started.last_sold_day >= p_forecast_date - 6
          and started.last_sold_day > coalesce(started.last_regular_day, date '-infinity');
    end if;

    -- How long the client's promotions last: past promotion episodes, per product and price list (a promotion is a
    -- price-list event: the stores on one list run it together), from the sold days of the promotion weeks (method
    -- 1b) and the weeks either side. A day is a promotion day when its realized price is >= 5 % below the week's
    -- regular price (1b), regular otherwise; an episode is a run of promotion days with no regular day and no gap
    -- over 7 days between them, counted only when a regular day closes it on both sides within 7 days (a completed
    -- promotion whose start was seen). Its duration: first to last promotion day + 1, measured as the elapsed days
    -- are. The current promotion is not complete: no regular day after it. A scoped rewrite takes the full run's
    -- durations from the forecast's metadata (promotions.durations), so that it computes the full run's rows.
    create temporary table fc_promo_durations (
        duration_days integer primary key,
        episodes integer not null
    ) on commit drop;
    if not v_durations_here then
        insert into fc_promo_durations
        select stored.key::integer, stored.value::integer
        from ${schema}.demand_forecasts
        cross join lateral jsonb_each_text(demand_forecasts.metadata -> 'promotions' -> 'durations') as stored
        where demand_forecasts.id = p_pool_forecast_id;
    else
        insert into fc_promo_durations
        with list_days as (
            select days.product_id,
                   -- the location's price list as today's lists say (a list's stores share its promotions), else
                   -- the location on its own
                   coalesce(lists.price_list_id, -days.location_id) as list_key, days.demand_date,
                   bool_and(days.sold_revenue <= 0.95 * days.regular_price * days.sold_qty) as is_promotion
            from fc_promo_days as days
            left join lateral (
                select price_lists.id as price_list_id
                from ${schema}.locations
                inner join ${schema}.price_lists
                    on price_lists.is_active
                    and price_lists.channel
                        = case when locations.location_type = 'online' then 'online' else 'store' end
                    and (price_lists.country_id is null or price_lists.country_id = locations.country_id)
                where locations.id = days.location_id
                order by price_lists.country_id nulls last, price_lists.id
                limit 1
            ) as lists on true
            where days.regular_price > 0
            group by days.product_id, coalesce(lists.price_list_id, -days.location_id), days.demand_date
        ),
        neighbours as (
            select list_days.*,
                   lag(list_days.is_promotion) over list_order as previous_promotion,
                   list_days.demand_date - lag(list_days.demand_date) over list_order as previous_gap,
                   lead(list_days.is_promotion) over list_order as next_promotion,
                   lead(list_days.demand_date) over list_order - list_days.demand_date as next_gap
            from list_days
            window list_order as (partition by list_days.product_id, list_days.list_key
                                  order by list_days.demand_date)
        ),
        numbered as (
            select neighbours.*,
                   count(*) filter (where not neighbours.is_promotion or neighbours.previous_promotion is not true
                                          or neighbours.previous_gap > 7)
                       over (partition by neighbours.product_id, neighbours.list_key order by neighbours.demand_date)
                   as episode
            from neighbours
        ),
        episodes as (
            select numbered.product_id, numbered.list_key, numbered.episode,
                   max(numbered.demand_date) - min(numbered.demand_date) + 1 as duration_days,
                   bool_and(numbered.previous_promotion is false and numbered.previous_gap <= 7)
                       filter (where numbered.previous_promotion is not true or numbered.previous_gap > 7)
                   as closed_before,
                   bool_and(numbered.next_promotion is false and numbered.next_gap <= 7)
                       filter (where numbered.next_promotion is not true or numbered.next_gap > 7)
                   as closed_after
            from numbered
            where numbered.is_promotion
            group by numbered.product_id, numbered.list_key, numbered.episode
        )
        select episodes.duration_days, count(*)
        from episodes
        where episodes.closed_before and episodes.closed_after
        group by episodes.duration_days;
    end if;

    -- The expected lift of each horizon week (1 + uplift x discount on the days the promotion still runs): the
    -- remaining days R = D - elapsed over the past durations D that reached the elapsed days (D >= elapsed: it runs
    -- today), each with its share of those episodes — the empirical distribution of the remaining duration given
    -- the days already run, not a plugged-in mean (a week's promoted days, min(R, 7), is not linear in R). Day k
    -- after the forecast date counts with its day share (weekday share, 0 when closed), the week's lift is the
    -- expected promoted share of its demand x uplift x discount. No lift when the history does not confirm the
    -- promotion or no past promotion of the client lasted that long (it is expected to end).
    create temporary table fc_promo_lift on commit drop as
    with remaining as (
        select active.product_id, active.location_id, active.discount * uplift.uplift as day_lift,
               durations.duration_days - active.elapsed_days as remaining_days,
               durations.episodes::float8
               / sum(durations.episodes) over (partition by active.product_id, active.location_id) as probability
        from fc_promo_active as active
        inner join ${schema}.products on products.id = active.product_id
        inner join fc_uplift as uplift on uplift.product_category_id = coalesce(products.product_category_id, 0)
        inner join fc_promo_durations as durations on durations.duration_days >= active.elapsed_days
        where active.elapsed_days is not null
    ),
    promoted as (
        -- (the days 1 .. R after the forecast date: one range of the calendar's index per pair and duration)
        select remaining.product_id, remaining.location_id,
               (day_shares.calendar_date - p_forecast_date - 1) / 7 + 1 as h,
               sum(remaining.probability * remaining.day_lift * day_shares.share) as lifted_share
        from remaining
        inner join fc_day_shares as day_shares
            on day_shares.location_id = remaining.location_id
            and day_shares.calendar_date between p_forecast_date + 1
                                             and p_forecast_date + least(remaining.remaining_days, 7 * v_horizon_weeks)
        group by remaining.product_id, remaining.location_id, (day_shares.calendar_date - p_forecast_date - 1) / 7 + 1
    )
    select promoted.product_id, promoted.location_id, promoted.h,
           1 + promoted.lifted_share / horizon_open.open_share as factor
    from promoted
    inner join fc_horizon_open as horizon_open
        on horizon_open.location_id = promoted.location_id and horizon_open.h = promoted.h
    where horizon_open.open_share > 0;

    create temporary table fc_out_rows on commit drop as
    with horizons as (
        select fc_out_series.*, horizon.h,
               p_forecast_date + 7 * (horizon.h - 1) + 1 as week_start, p_forecast_date + 7 * horizon.h as week_end,
               fc_season.season_index, coalesce(horizon_open.open_share, 1) as open_share,
               greatest(fc_out_series.weight_ses_slow * fc_out_series.level_slow
                        + fc_out_series.weight_ses * fc_out_series.level_fitted
                        + fc_out_series.weight_damped_trend * greatest(
                            fc_out_series.level
                            + fc_out_series.trend * (4 + 0.9 * (1 - power(0.9::float8, horizon.h)) / 0.1), 0)
                        + fc_out_series.weight_tsb * fc_out_series.occurrence * fc_out_series.size, 0)
               as deseasonalised_qty,
               greatest(fc_out_series.weight_ses_slow * fc_out_series.level_slow
                        + fc_out_series.weight_ses * fc_out_series.level_fitted
                        + fc_out_series.weight_damped_trend * greatest(
                            fc_out_series.level + fc_out_series.trend * (4 + 0.9), 0)
                        + fc_out_series.weight_tsb * fc_out_series.occurrence * fc_out_series.size, 0)
               as reference_qty,
               -- Young series: their level (fc_out_series.young_level_qty, the gamma posterior) times the ramp at the
               -- horizon week's age (below).
               case when young.kind = 'censored' then 1 else coalesce(ramp_h.ratio, 1) end as ramp_h,
               case when young.kind = 'censored' then 1 else coalesce(ramp_1.ratio, 1) end as ramp_1,
               coalesce(promo_lift.factor, 1) as promo_factor
        from fc_out_series
        cross join generate_series(1, v_horizon_weeks) as horizon (h)
        left join fc_young as young
            on young.product_id = fc_out_series.product_id and young.location_id = fc_out_series.location_id
        left join fc_ramp as ramp_h on ramp_h.kind = young.kind and ramp_h.age = young.first_week + 1 + horizon.h
        left join fc_ramp as ramp_1 on ramp_1.kind = young.kind and ramp_1.age = young.first_week + 2
        inner join fc_season
            on fc_season.product_id = fc_out_series.product_id
            and fc_season.location_id = fc_out_series.location_id
            and fc_season.position = (52 - horizon.h % 52) % 52
        left join fc_horizon_open as horizon_open
            on horizon_open.location_id = fc_out_series.location_id and horizon_open.h = horizon.h
        left join fc_promo_lift as promo_lift
            on promo_lift.product_id = fc_out_series.product_id
            and promo_lift.location_id = fc_out_series.location_id and promo_lift.h = horizon.h
    ),
    shrunk as (
        select horizons.*,
               -- x the expected lift of a promotion running on the forecast date (fc_promo_lift; 1 without)
               case when horizons.history_weeks < v_min_weeks
                    then greatest(horizons.ramp_h * horizons.young_level_qty, 0)
                    else horizons.deseasonalised_qty end * horizons.promo_factor as adjusted_qty,
               case when horizons.history_weeks < v_min_weeks
                    then greatest(horizons.ramp_1 * horizons.young_level_qty, 0)
                    else horizons.reference_qty end as adjusted_reference_qty
        from horizons
    ),
    predicted as (
        select shrunk.product_id, shrunk.location_id, shrunk.h, shrunk.source_type, shrunk.critical_ratio,
               shrunk.confidence, shrunk.occurrence, shrunk.adjusted_reference_qty,
               case
                   when shrunk.source_type = 'dead_product' then 0
                   when shrunk.launch_date > shrunk.week_end then 0
                   when shrunk.phase_out_date < shrunk.week_start then 0
                   when shrunk.open_share * shrunk.season_index * shrunk.adjusted_qty < 1e-6 then 0
                   else shrunk.open_share * shrunk.season_index * shrunk.adjusted_qty
               end as predicted_qty
        from shrunk
    )
    select predicted.product_id, predicted.location_id, predicted.h * 7 as horizon_days,
           demand_source_types.id as demand_source_type_id,
           -- Occurrence as a Poisson process: P(any demand) = 1 - exp(-lambda), lambda = -ln(1 - p) at the
           -- reference level, scaled with the week's expected demand relative to it.
           case when predicted.predicted_qty <= 0 or predicted.adjusted_reference_qty <= 0 then 0
                else least(1 - exp(ln(1 - least(greatest(predicted.occurrence, 0.001), 0.999))
                                   * predicted.predicted_qty / predicted.adjusted_reference_qty), 1)
           end as prob_demand,
           predicted.predicted_qty,
           predicted.critical_ratio,
           case when predicted.source_type = 'dead_product' then 0 else predicted.confidence end as confidence
    from predicted
    inner join ${schema}.demand_source_types on demand_source_types.name = predicted.source_type;
end
$$;
comment on procedure ${schema}.forecast_compute(date, jsonb, integer [], integer [], bigint) is
'The forecast method of step forecast (docs/forecast.md), set-based over every series at once: weekly buckets of '
'demand_history.demand_qty, yearly seasonal index (own history shrunk towards the category at the location, by '
'shrinkage measured from the data), four candidates (SES 0.05, SES with alpha fitted per series, damped trend, TSB) '
'in closed form with window functions, weights from a rolling-origin backtest, the weekly forecast per horizon; '
'young series (under min_history_weeks): a launch or listing ramp pooled '
'from the pairs that started in the window times the gamma posterior of their prior level after their own weeks '
'(docs/forecast.md "Young series"); a promotion running on the forecast date (price list, confirmed by the recent '
'sales) lifts the days it is expected to go on, from the client''s past promotion durations (method 1c). Writes '
'temporary tables fc_pools, fc_promo_durations, fc_out_series, fc_out_rows (dropped at '
'commit). p_products null = every product; p_locations null = every location; p_pool_forecast_id: reuse the pools of '
'that forecast (scoped runs) instead of computing them.';

-- Step 7: forecast. A new demand_forecasts row with the weekly forecast per product x store/webshop x horizon
-- (seed 004), unless the inputs are unchanged since the active forecast of the date; scoped runs rewrite the scoped
-- products' rows of the date's forecast in place. Retention by dropping partitions. Method and settings:
-- docs/forecast.md.
create or replace procedure ${schema}.step_forecast(p_run_date date, p_scope jsonb)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
-- Every statement of the step crosses the JIT cost thresholds at 1,000 products and compiles for seconds (the trading
-- calendar of the watermark 2.7 s, the demand profiles' aggregation) without saving more than it costs.
set jit = off
as $$
declare
    v_config        jsonb := ${schema}.settings('forecast');
    v_history_weeks integer := (v_config ->> 'history_weeks')::integer;
    v_horizon_weeks integer := (v_config ->> 'horizon_weeks')::integer;
    v_dead_weeks    integer := (v_config ->> 'dead_weeks')::integer;
    v_min_weeks     integer := (v_config ->> 'min_history_weeks')::integer;
    v_hold_pct      numeric := (v_config ->> 'holding_cost_pct_year')::numeric;
    v_season_units  numeric := (v_config ->> 'season_prior_units')::numeric;
    v_weekday_units numeric := (v_config ->> 'weekday_prior_units')::numeric;
    v_promo_units   numeric := (v_config ->> 'promo_prior_units')::numeric;
    v_keep_days     integer := (v_config ->> 'keep_daily_days')::integer;
    v_keep_weeks    integer := (v_config ->> 'keep_weekly_weeks')::integer;
    v_scope         jsonb := ${schema}.validate_scope(p_scope);
    v_settings      jsonb;
    v_watermark     jsonb;
    v_products      integer [];
    v_locations     integer [];
    v_active        record;
    v_forecast_id   bigint;
    v_series        bigint;
    v_written       bigint := 0;
    v_deleted       bigint := 0;
    v_dropped       date [];
    v_rows_in       bigint;
    v_detail        jsonb;
    v_vectors       bigint := 0;
    -- ISO weekday of the run date and the Monday of its ISO week (1900-01-01 was a Monday).
    v_weekday       integer := (p_run_date - date '1900-01-01') % 7 + 1;
    v_week_monday   date := p_run_date - (p_run_date - date '1900-01-01') % 7;
begin
    -- The settings are validated by settings('forecast') against cw_global.setting_definitions (CW080).
    if p_run_date is null then
        raise exception 'step forecast needs a forecast date, got null'
            using errcode = 'CW081', hint = 'call step_forecast(date, scope) with the run date';
    end if;
    if v_scope ? 'products' then
        select coalesce(array_agg(products.id), '{}') into v_products
        from ${schema}.products
        where products.erp_id in (select jsonb_array_elements_text(v_scope -> 'products'));
    end if;
    if v_scope ? 'locations' then
        select coalesce(array_agg(locations.id), '{}') into v_locations
        from ${schema}.locations
        where locations.erp_id in (select jsonb_array_elements_text(v_scope -> 'locations'));
    end if;
    v_settings := jsonb_build_object(
        'history_weeks', v_history_weeks, 'horizon_weeks', v_horizon_weeks, 'dead_weeks', v_dead_weeks,
        'min_history_weeks', v_min_weeks, 'holding_cost_pct_year', v_hold_pct, 'season_prior_units', v_season_units,
        'weekday_prior_units', v_weekday_units, 'promo_prior_units', v_promo_units,
        'embeddings', ${schema}.settings('embeddings')
    );
    -- The weekly aggregate follows demand_history through its triggers; a bulk fill with triggers off
    -- (session_replication_role = replica) leaves it empty: rebuild it then (docs/demand.md "Weekly aggregate").
    if not exists (select from ${schema}.demand_weeks) and exists (select from ${schema}.demand_history) then
        perform ${schema}.demand_weeks_rebuild();
    end if;
    select demand_forecasts.id, demand_forecasts.metadata into v_active
    from ${schema}.demand_forecasts
    where demand_forecasts.forecast_date = p_run_date
      and demand_forecasts.demand_forecast_status_id = 3
    order by demand_forecasts.created_at desc, demand_forecasts.id desc
    limit 1;

    -- The input watermark: what the forecast reads (the history window: rows, total demand, last change; the product
    -- master data's last change) and how (method version, settings). Not needed by a scoped rewrite (it would cost a
    -- scan of the whole window).
    if v_scope is null or v_active.id is null then
        -- The history window's figures from the weekly aggregate demand_weeks (R__0608; the window's first and last
        -- ISO weeks are cut to their days in the window as in forecast_compute): listed days, total demand, and the
        -- last time a row of the ISO weeks overlapping the window changed (refreshed_at: also after a deleted day;
        -- whole weeks, so that it covers the demand profiles' window of whole ISO weeks too).
        -- One pass over the window's rows: each row gives its head part (days 1 .. d, forecast week (Monday - week
        -- start) / 7) and its tail part (days d + 1 .. 7, one week later); a part counts when it has a listed day and
        -- its forecast week is in the window (three passes before: the two parts and the last change, 18 s at
        -- 1,000 x 20 under load). The sums are numeric and exact, so the figures are those of the part-wise sums.
        with parts as (
            select case when weeks.listed_mask >> (7 - v_weekday) <> 0
                         and (v_week_monday - weeks.week_start) / 7 between 0 and v_history_weeks - 1
                        then weeks.listed_mask >> (7 - v_weekday) end as head_mask,
                   case when v_weekday < 7
                         and (weeks.listed_mask & ((1 << (7 - v_weekday)) - 1)) <> 0
                         and (v_week_monday - weeks.week_start) / 7 - 1 between 0 and v_history_weeks - 1
                        then (weeks.listed_mask & ((1 << (7 - v_weekday)) - 1)) << v_weekday end as tail_mask,
                   weeks.demand_qty_cum[v_weekday] as head_qty,
                   weeks.demand_qty_cum[7] - weeks.demand_qty_cum[v_weekday] as tail_qty,
                   weeks.refreshed_at
            from ${schema}.demand_weeks as weeks
            where weeks.week_start between p_run_date - 7 * v_history_weeks - 5 and p_run_date
        ),
        sums as (
            select coalesce(sum(bit_count(parts.head_mask::integer::bit(7))), 0)
                   + coalesce(sum(bit_count(parts.tail_mask::integer::bit(7))), 0) as listed_days,
                   sum(parts.head_qty) filter (where parts.head_mask is not null) as head_qty,
                   sum(parts.tail_qty) filter (where parts.tail_mask is not null) as tail_qty,
                   max(parts.refreshed_at) as changed_at
            from parts
        )
        select jsonb_build_object('rows', sums.listed_days,
                                  'qty', case when sums.head_qty is not null or sums.tail_qty is not null
                                              then coalesce(sums.head_qty, 0) + coalesce(sums.tail_qty, 0) end,
                                  'changed_at', sums.changed_at)
        into v_watermark
        from sums;
        select jsonb_build_object(
            'method_version', ${schema}.forecast_method() ->> 'version',
            'settings', v_settings,
            'demand_history_rows', v_watermark -> 'rows',
            'demand_history_qty', v_watermark -> 'qty',
            'demand_history_changed_at', v_watermark -> 'changed_at',
            'products_changed_at', (select max(products.updated_at) from ${schema}.products),
            -- Today's promotion prices (method 1c): a promotion starting or ending forecasts again.
            'promotions_md5', (select md5(coalesce(string_agg(prices.price_list_id || ':' || prices.product_id || ':'
                                                              || prices.price || ':' || prices.promo_price, ','
                                                              order by prices.price_list_id, prices.product_id), ''))
                               from ${schema}.prices
                               where prices.promo_price is not null and prices.is_active),
            -- Closed days of the history and the horizon: a newly configured holiday forecasts again.
            'closed_days_md5', (select md5(coalesce(string_agg(calendar.location_id || ':' || calendar.calendar_date,
                                                               ',' order by calendar.location_id,
                                                               calendar.calendar_date), ''))
                                from ${schema}.trading_calendar(p_run_date - 7 * v_history_weeks + 1,
                                                                p_run_date + 7 * v_horizon_weeks) as calendar
                                where not calendar.is_trading_day)
        ) into v_watermark;
    end if;

    if v_scope is not null and v_active.id is not null then
        -- Scoped: recompute the scoped products (or, with locations only, every product at those locations) with
        -- the stored pools and rewrite only their rows that changed, in place. Product vectors for the
        -- similar-product search of new series (docs/forecast.md "New products"): only those whose inputs changed are
        -- rewritten; a scoped run refreshes its products only.
        v_vectors := ${schema}.embeddings_refresh_attributes(v_products)
                     + ${schema}.embeddings_refresh_demand_profiles(p_run_date, v_products);
        call ${schema}.forecast_compute(p_run_date, v_settings, v_products, v_locations, v_active.id);
        v_forecast_id := v_active.id;
        delete from ${schema}.demand_forecast_products as old
        where old.demand_forecast_id = v_forecast_id and old.forecast_date = p_run_date
          and (v_products is null or old.product_id = any(v_products))
          and (v_locations is null or old.location_id = any(v_locations))
          and not exists (
              select from fc_out_rows as new
              where new.product_id = old.product_id and new.location_id = old.location_id
                and new.horizon_days = old.horizon_days
                and new.demand_source_type_id = old.demand_source_type_id
                and new.prob_demand::real = old.prob_demand and new.predicted_qty::real = old.predicted_qty
                and new.critical_ratio::real is not distinct from old.critical_ratio
                and new.confidence::real = old.confidence
          );
        get diagnostics v_deleted = row_count;
        insert into ${schema}.demand_forecast_products (
            forecast_date, demand_forecast_id, product_id, location_id, demand_source_type_id, horizon_days,
            prob_demand, predicted_qty, critical_ratio, confidence
        )
        select p_run_date, v_forecast_id, new.product_id, new.location_id, new.demand_source_type_id,
               new.horizon_days, new.prob_demand, new.predicted_qty, new.critical_ratio, new.confidence
        from fc_out_rows as new
        where not exists (
            select from ${schema}.demand_forecast_products as old
            where old.demand_forecast_id = v_forecast_id and old.forecast_date = p_run_date
              and old.product_id = new.product_id and old.location_id = new.location_id
              and old.horizon_days = new.horizon_days
        );
        get diagnostics v_written = row_count;
        delete from ${schema}.demand_forecast_series as old
        where old.demand_forecast_id = v_forecast_id and old.forecast_date = p_run_date
          and (v_products is null or old.product_id = any(v_products))
          and (v_locations is null or old.location_id = any(v_locations));
        call ${schema}.forecast_write_series(p_run_date, v_forecast_id);
        select count(*) into v_series from fc_out_series;
        select coalesce(sum(fc_weeks.listed_days), 0) into v_rows_in from fc_weeks;
        update ${schema}.demand_forecasts
        set metadata = jsonb_set(demand_forecasts.metadata, '{scoped_runs}',
                                 coalesce(demand_forecasts.metadata -> 'scoped_runs', '[]') || jsonb_build_array(
                                     jsonb_build_object('at', clock_timestamp(), 'scope', v_scope,
                                                        'series', v_series, 'rows_written', v_written,
                                                        'rows_deleted', v_deleted))),
            updated_at = clock_timestamp(),
            -- The rewritten products' weeks follow forecast.horizon_weeks now: a longer horizon extends the
            -- forecast's last week; a shorter one can only shorten it if no other product has the old last week
            -- (counted from the rows: only when the setting was lowered since the full run).
            last_horizon_days = case
                when 7 * v_horizon_weeks >= coalesce(demand_forecasts.last_horizon_days, 0) and v_written > 0
                    then 7 * v_horizon_weeks
                when 7 * v_horizon_weeks < demand_forecasts.last_horizon_days and v_deleted > 0
                    then (select max(rows.horizon_days) from ${schema}.demand_forecast_products as rows
                          where rows.demand_forecast_id = v_forecast_id and rows.forecast_date = p_run_date)
                else demand_forecasts.last_horizon_days
            end
        where demand_forecasts.id = v_forecast_id and (v_written > 0 or v_deleted > 0);
        v_detail := jsonb_build_object('forecast_id', v_forecast_id, 'mode', 'scoped rewrite', 'series', v_series);
    elsif v_active.id is not null and v_active.metadata -> 'input_watermark' = v_watermark then
        v_detail := jsonb_build_object('forecast_id', v_active.id, 'mode', 'unchanged inputs: nothing written');
        v_series := 0;
    else
        -- The product vectors first (see above). Not refreshed when the watermark is unchanged: the vectors read the
        -- same products and the same ISO weeks of demand_weeks (the watermark's changed_at covers whole weeks).
        v_vectors := ${schema}.embeddings_refresh_attributes(null)
                     + ${schema}.embeddings_refresh_demand_profiles(p_run_date, null);
        call ${schema}.forecast_compute(p_run_date, v_settings, null, null, null);
        insert into ${schema}.demand_forecasts (forecast_date, demand_forecast_status_id, metadata)
        values (p_run_date, 2, jsonb_build_object('method', ${schema}.forecast_method(), 'settings', v_settings,
                                                  'input_watermark', v_watermark))
        returning demand_forecasts.id into v_forecast_id;
        -- The rows (a new date's partition is filled, then attached: R__0806), then the series' partition.
        call ${schema}.forecast_write_rows(p_run_date, v_forecast_id, v_written);
        call ${schema}.forecast_ensure_partition(p_run_date);
        call ${schema}.forecast_write_series(p_run_date, v_forecast_id);
        -- Statistics of the series' partition (one row per series; the rows' partition is analysed by
        -- forecast_write_rows): later steps join them.
        execute format('analyze %I.%I', '${schema}', 'demand_forecast_series_p' || to_char(p_run_date, 'YYYYMMDD'));
        -- The pools with the category's mean level of established series (a new series' fallback prior).
        insert into ${schema}.demand_forecast_pools (demand_forecast_id, location_id, product_category_id,
                                                     season_index, weekday_shares, promo_uplift, established_series,
                                                     category_level_qty)
        select v_forecast_id, fc_pools.location_id, fc_pools.product_category_id, fc_pools.season_index,
               fc_pools.weekday_shares, coalesce(fc_uplift.uplift, 0),
               coalesce(fc_category_levels.established_series, 0), fc_category_levels.level_qty
        from fc_pools
        left join fc_uplift on fc_uplift.product_category_id = fc_pools.product_category_id
        left join fc_category_levels
            on fc_category_levels.product_category_id = fc_pools.product_category_id
            and fc_category_levels.location_id = fc_pools.location_id;
        -- Each location's calendar, weekday shares and factor for new listings as this forecast used them: a scoped
        -- rewrite reads them.
        insert into ${schema}.demand_forecast_locations (demand_forecast_id, location_id, calendar_from, calendar_to,
                                                         closed_dates, weekday_shares, listing_factor)
        select v_forecast_id, calendars.location_id, calendars.calendar_from, calendars.calendar_to,
               calendars.closed_dates, shares.weekday_shares, coalesce(listing_factors.factor, 1)
        from (select fc_calendar.location_id, min(fc_calendar.calendar_date) as calendar_from,
                     max(fc_calendar.calendar_date) as calendar_to,
                     coalesce(array_agg(fc_calendar.calendar_date order by fc_calendar.calendar_date)
                                  filter (where not fc_calendar.is_trading_day), '{}') as closed_dates
              from fc_calendar
              group by fc_calendar.location_id) as calendars
        inner join (select fc_location_shares.location_id,
                           array_agg(fc_location_shares.share order by fc_location_shares.weekday) as weekday_shares
                    from fc_location_shares
                    group by fc_location_shares.location_id) as shares
            on shares.location_id = calendars.location_id
        left join fc_listing_factors as listing_factors on listing_factors.location_id = calendars.location_id;
        select count(*) into v_series from fc_out_series;
        update ${schema}.demand_forecasts
        set demand_forecast_status_id = 3,
            updated_at = clock_timestamp(),
            -- Every row has the weeks 7 .. 7 x horizon_weeks (forecast_compute's horizon rows): the last one, read
            -- by the accumulation functions instead of a scan of the rows; none without rows.
            last_horizon_days = case when v_written > 0 then 7 * v_horizon_weeks end,
            metadata = demand_forecasts.metadata || jsonb_build_object(
                'series', v_series,
                'rows', v_written,
                'series_by_source_type', (select jsonb_object_agg(counted.source_type, counted.series)
                                          from (select fc_out_series.source_type, count(*) as series
                                                from fc_out_series group by fc_out_series.source_type) as counted),
                'mean_weights', (select jsonb_build_object(
                    'ses_slow', round(avg(fc_out_series.weight_ses_slow)::numeric, 3),
                    'ses', round(avg(fc_out_series.weight_ses)::numeric, 3),
                    'damped_trend', round(avg(fc_out_series.weight_damped_trend)::numeric, 3),
                    'tsb', round(avg(fc_out_series.weight_tsb)::numeric, 3)) from fc_out_series),
                'scope_requested', v_scope,
                -- the young series' ramp, prior shapes and the data's first week (a pair starting there is censored)
                -- as this run measured them: a scoped rewrite reuses them
                'young_series', (select jsonb_build_object(
                    'ramp', (select jsonb_object_agg(fc_ramp.kind || ':' || fc_ramp.age, fc_ramp.ratio) from fc_ramp),
                    'global_shape', fc_prior_shape.global_shape,
                    'local_shape', fc_prior_shape.local_shape,
                    'data_first_week', (select max(fc_pair_start.first_week) from fc_pair_start))
                                 from fc_prior_shape),
                -- the past promotions' durations (days: episodes) this run measured: a scoped rewrite reuses them
                'promotions', (select jsonb_build_object('durations', coalesce(jsonb_object_agg(
                                   fc_promo_durations.duration_days, fc_promo_durations.episodes), '{}'::jsonb))
                               from fc_promo_durations),
                -- the seasonal shrinkage this run measured (series towards their pool): a scoped rewrite reuses it
                'seasonality', (select jsonb_build_object('own_prior_units', fc_season_shrinkage.own_prior_units)
                                from fc_season_shrinkage)
            )
        where demand_forecasts.id = v_forecast_id;
        v_detail := jsonb_build_object('forecast_id', v_forecast_id,
                                       'mode', case when v_scope is null then 'full'
                                                    else 'full (scope given but the date had no forecast yet)' end,
                                       'series', v_series);
    end if;

    if v_scope is null then
        call ${schema}.forecast_drop_expired(p_run_date, v_keep_days, v_keep_weeks, v_dropped);
    end if;
    call ${schema}.forecast_score(p_run_date); -- accuracy of the stored forecasts' passed weeks (R__0842)
    v_detail := v_detail || jsonb_build_object(
        'rows_written', v_written, 'rows_deleted', v_deleted, 'partitions_dropped', to_jsonb(coalesce(v_dropped, '{}')),
        'embeddings_written', v_vectors,
        'scope_products_unknown', jsonb_array_length(coalesce(v_scope -> 'products', '[]'))
        - coalesce(cardinality(v_products), 0),
        'scope_locations_unknown', jsonb_array_length(coalesce(v_scope -> 'locations', '[]'))
        - coalesce(cardinality(v_locations), 0)
    );
    call ${schema}.report_step(coalesce((v_watermark ->> 'demand_history_rows')::bigint, v_rows_in), v_written,
                               v_detail);
end
$$;
comment on procedure ${schema}.step_forecast(date, jsonb) is
'Step 7 (forecast): a new demand_forecasts row (status completed) with the weekly forecast of every product x '
'store/webshop listed in the last week, horizons 7 .. 7 x forecast.horizon_weeks days, unless the date''s active '
'forecast has the same input watermark (then nothing is written). A scope {"products": [...], "locations": [...]} '
'rewrites only the scoped rows of the date''s forecast in place (changed rows only) and records it in its metadata; '
'without a forecast of the date it computes a full one. Unscoped runs then drop expired partitions. Settings '
'forecast.* (catalog, CW080), CW081: docs/forecast.md.';

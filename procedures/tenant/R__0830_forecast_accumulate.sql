-- Accumulation of the active forecast over date ranges (seed 004 "demand forecasts & accumulation"): the engine for
-- many product x location x range at once; the one-pair and reorder-time wrappers are in R__0832 and R__0834.
create or replace function ${schema}.forecast_accumulate(
    p_product_ids integer [], p_location_ids integer [], p_from_dates date [], p_to_dates date [],
    p_prorate text default 'weekday_profile'
)
returns table (product_id integer, location_id integer, from_date date, to_date date, demand_qty float8)
language plpgsql
stable
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
declare
    v_forecast_id   bigint;
    v_forecast_date date;
    v_last_date     date;
    v_bad           record;
begin
    if p_prorate is null or p_prorate not in ('weekday_profile', 'uniform') then
        raise exception 'unknown pro-rating %, expected weekday_profile or uniform', quote_nullable(p_prorate)
            using errcode = 'CW082',
                  hint = 'weekday_profile (default) spreads a week by the series'' weekday shares, '
                         'uniform by 1/7 a day';
    end if;
    if cardinality(p_product_ids) is distinct from cardinality(p_location_ids)
        or cardinality(p_product_ids) is distinct from cardinality(p_from_dates)
        or cardinality(p_product_ids) is distinct from cardinality(p_to_dates) then
        raise exception 'forecast_accumulate needs arrays of equal length: % products, % locations, % from dates, '
            '% to dates', cardinality(p_product_ids), cardinality(p_location_ids), cardinality(p_from_dates),
            cardinality(p_to_dates)
            using errcode = 'CW083', hint = 'pass one product id, location id, from date and to date per range';
    end if;
    select active.id, active.forecast_date into v_forecast_id, v_forecast_date
    from ${schema}.active_demand_forecast as active;
    if v_forecast_id is null then
        raise exception 'client ${client_code} has no completed demand forecast to accumulate'
            using errcode = 'CW084', hint = 'run step forecast: cw run CODE --date D --from-step forecast';
    end if;
    -- Recorded when the forecast completed (R__0831): no scan of the forecast's rows.
    v_last_date := v_forecast_date + ${schema}.demand_forecast_last_horizon(v_forecast_id);
    select ranges.from_date, ranges.to_date into v_bad
    from unnest(p_from_dates, p_to_dates) as ranges (from_date, to_date)
    where ranges.from_date is null or ranges.to_date is null or ranges.from_date > ranges.to_date
       or ranges.to_date > v_last_date
    limit 1;
    if found then
        raise exception 'invalid accumulation range % .. % (the active forecast of % covers % .. %)',
            v_bad.from_date, v_bad.to_date, v_forecast_date, v_forecast_date + 1, v_last_date
            using errcode = 'CW085',
                  hint = 'from <= to, both dates given, to within the horizon (setting forecast.horizon_weeks); '
                         'days up to the forecast date count 0 (they are history, not forecast)';
    end if;

    -- Per range and forecast week: the days of the week inside the range. A whole week counts its predicted_qty;
    -- a partial week the shares of its days (the series' weekday profile) or 1/7 a day (uniform). Each range reads
    -- its weeks by key: (forecast, product, location, horizon_days between the range's first and last week) is a
    -- range of the unique index, so a pair costs an index probe, not a scan of the forecast.
    return query
    with ranges as (
        select requested.ordinality, requested.product_id, requested.location_id, requested.from_date,
               requested.to_date
        from unnest(p_product_ids, p_location_ids, p_from_dates, p_to_dates)
            with ordinality as requested (product_id, location_id, from_date, to_date, ordinality)
    ),
    week_parts as (
        select ranges.ordinality, rows.predicted_qty, series.weekday_shares,
               greatest(ranges.from_date, v_forecast_date + rows.horizon_days - 6) as overlap_from,
               least(ranges.to_date, v_forecast_date + rows.horizon_days) as overlap_to
        from ranges
        inner join ${schema}.demand_forecast_products as rows
            on rows.demand_forecast_id = v_forecast_id and rows.forecast_date = v_forecast_date
            and rows.product_id = ranges.product_id and rows.location_id = ranges.location_id
            and rows.horizon_days >= ranges.from_date - v_forecast_date
            and rows.horizon_days <= ranges.to_date - v_forecast_date + 6
        left join ${schema}.demand_forecast_series as series
            on series.demand_forecast_id = v_forecast_id and series.forecast_date = v_forecast_date
            and series.product_id = ranges.product_id and series.location_id = ranges.location_id
    ),
    weighted as (
        select week_parts.ordinality,
               week_parts.predicted_qty * case
                   when week_parts.overlap_to - week_parts.overlap_from + 1 = 7 then 1
                   when p_prorate = 'uniform' or week_parts.weekday_shares is null
                       then (week_parts.overlap_to - week_parts.overlap_from + 1) / 7.0
                   -- the shares of the partial week's days: day k (0 .. days - 1) is ISO weekday (d0 + k - 1) % 7 + 1
                   else (case when week_parts.days > 0 then week_parts.weekday_shares[(week_parts.d0 - 1) % 7 + 1]
                              else 0 end
                         + case when week_parts.days > 1 then week_parts.weekday_shares[week_parts.d0 % 7 + 1]
                                else 0 end
                         + case when week_parts.days > 2 then week_parts.weekday_shares[(week_parts.d0 + 1) % 7 + 1]
                                else 0 end
                         + case when week_parts.days > 3 then week_parts.weekday_shares[(week_parts.d0 + 2) % 7 + 1]
                                else 0 end
                         + case when week_parts.days > 4 then week_parts.weekday_shares[(week_parts.d0 + 3) % 7 + 1]
                                else 0 end
                         + case when week_parts.days > 5 then week_parts.weekday_shares[(week_parts.d0 + 4) % 7 + 1]
                                else 0 end)
               end as demand_qty
        from (select week_parts.*, week_parts.overlap_to - week_parts.overlap_from + 1 as days,
                     extract(isodow from week_parts.overlap_from)::integer as d0
              from week_parts) as week_parts
    )
    select ranges.product_id, ranges.location_id, ranges.from_date, ranges.to_date, sum(weighted.demand_qty)::float8
    from ranges
    left join weighted on weighted.ordinality = ranges.ordinality
    group by ranges.ordinality, ranges.product_id, ranges.location_id, ranges.from_date, ranges.to_date
    order by ranges.ordinality;
end
$$;
comment on function ${schema}.forecast_accumulate(integer [], integer [], date [], date [], text) is
'Forecast demand of the active forecast summed over date ranges, one per (product id, location id, from, to) of the '
'arrays, in their order. Whole forecast weeks count their predicted_qty; partial weeks are pro-rated by the series'' '
'weekday profile (default, weekday_profile) or uniformly (uniform: remaining_days / 7, the seed''s rule). Days up to '
'the forecast date count 0; demand_qty is null for a pair the forecast does not hold. CW082 unknown pro-rating, '
'CW083 arrays of different lengths, CW084 no forecast, CW085 invalid range or beyond the horizon.';

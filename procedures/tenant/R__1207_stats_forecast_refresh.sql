-- Step 12 helper: the forecast statistics (forecast_daily) from step 7's forecasts and step 5's demand. The forecast
-- of a day is the one-day-ahead forecast: the active forecast dated the day before (the latest completed one of that
-- date), its first horizon week pro-rated to the day by the series' weekday profile (as the accumulation functions
-- do). Definitions: docs/stats.md "forecast".
create or replace procedure ${schema}.stats_forecast_refresh(
    p_full boolean, p_since timestamptz, p_dh_dates date [], inout p_rows bigint default null
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_source  record;
    v_written bigint;
    v_deleted bigint;
    v_demand  bigint;
begin
    -- The forecasts to (re)read: every completed one on a full refresh; else those created or rewritten in place (a
    -- scoped run) since the previous refresh. One per date: the latest completed, as the active forecast is chosen.
    -- Days whose forecast retention has since dropped keep their rows on both paths: forecast_daily is the archive of
    -- the one-day-ahead forecasts, never truncated, so a full refresh equals the incremental ones.
    call ${schema}.load_drop_temp('stats_forecast_new');
    create temp table stats_forecast_new (
        product_id integer not null, location_id integer not null, stat_date date not null,
        forecast_qty numeric(16, 3) not null, demand_qty numeric(16, 3)
    ) on commit drop;
    for v_source in
        select distinct on (forecasts.forecast_date) forecasts.id, forecasts.forecast_date
        from ${schema}.demand_forecasts as forecasts
        inner join ${schema}.demand_forecast_statuses as statuses
            on statuses.id = forecasts.demand_forecast_status_id
        where statuses.name = 'completed'
          and forecasts.forecast_date in (
              select changed.forecast_date
              from ${schema}.demand_forecasts as changed
              where p_full or greatest(changed.created_at, changed.updated_at) > p_since
          )
        order by forecasts.forecast_date, forecasts.created_at desc, forecasts.id desc
    loop
        -- One statement per forecast so that it reads one partition.
        insert into pg_temp.stats_forecast_new (product_id, location_id, stat_date, forecast_qty, demand_qty)
        select rows.product_id, rows.location_id, v_source.forecast_date + 1,
               (rows.predicted_qty::double precision
                * coalesce(series.weekday_shares[extract(isodow from v_source.forecast_date + 1)::integer]::double
                           precision, 1.0 / 7))::numeric(16, 3),
               history.demand_qty
        from ${schema}.demand_forecast_products as rows
        left join ${schema}.demand_forecast_series as series
            on series.forecast_date = v_source.forecast_date and series.demand_forecast_id = v_source.id
            and series.product_id = rows.product_id and series.location_id = rows.location_id
        left join ${schema}.demand_history as history
            on history.product_id = rows.product_id and history.location_id = rows.location_id
            and history.demand_date = v_source.forecast_date + 1
        where rows.forecast_date = v_source.forecast_date and rows.demand_forecast_id = v_source.id
          and rows.horizon_days = 7;
    end loop;
    analyze pg_temp.stats_forecast_new;

    with upserted as (
        insert into ${stats_schema}.forecast_daily as target (
            product_id, location_id, stat_date, forecast_qty, demand_qty
        )
        select computed.product_id, computed.location_id, computed.stat_date, computed.forecast_qty,
               computed.demand_qty
        from pg_temp.stats_forecast_new as computed
        on conflict (product_id, location_id, stat_date) do update
        set forecast_qty = excluded.forecast_qty, demand_qty = excluded.demand_qty
        where (target.forecast_qty, target.demand_qty) is distinct from (excluded.forecast_qty, excluded.demand_qty)
        returning target.product_id, target.location_id, target.stat_date
    ),
    deleted as (
        -- Pairs no longer in the day's forecast (a re-run of the date without them).
        delete from ${stats_schema}.forecast_daily as target
        where target.stat_date in (select distinct computed.stat_date from pg_temp.stats_forecast_new as computed)
          and not exists (select from pg_temp.stats_forecast_new as computed
                          where computed.product_id = target.product_id and computed.location_id = target.location_id
                            and computed.stat_date = target.stat_date)
        returning target.product_id, target.location_id, target.stat_date
    )
    insert into pg_temp.stats_changed (metric, product_id, location_id, stat_date)
    select 'forecast', upserted.product_id, upserted.location_id, upserted.stat_date from upserted
    union all
    select 'forecast', deleted.product_id, deleted.location_id, deleted.stat_date from deleted;
    get diagnostics v_written = row_count;

    -- The demand that came, on the dates demand_history rewrote (every date on a full refresh), also for the days
    -- whose forecast is gone.
    with recomputed as (
        select daily.product_id, daily.location_id, daily.stat_date, history.demand_qty
        from ${stats_schema}.forecast_daily as daily
        left join ${schema}.demand_history as history
            on history.product_id = daily.product_id and history.location_id = daily.location_id
            and history.demand_date = daily.stat_date
        where p_full or daily.stat_date = any(p_dh_dates)
    ),
    updated as (
        update ${stats_schema}.forecast_daily as target
        set demand_qty = recomputed.demand_qty
        from recomputed
        where target.product_id = recomputed.product_id and target.location_id = recomputed.location_id
          and target.stat_date = recomputed.stat_date
          and target.demand_qty is distinct from recomputed.demand_qty
        returning target.product_id, target.location_id, target.stat_date
    )
    insert into pg_temp.stats_changed (metric, product_id, location_id, stat_date)
    select 'forecast', updated.product_id, updated.location_id, updated.stat_date from updated;
    get diagnostics v_demand = row_count;
    p_rows := v_written + v_demand;
end
$$;
comment on procedure ${schema}.stats_forecast_refresh(boolean, timestamptz, date [], bigint) is
'Step 12 helper: upserts forecast_daily from the forecasts created or rewritten since p_since (every completed one '
'when p_full): the forecast of day d is the latest completed forecast dated d - 1, its first horizon week''s '
'predicted_qty times the series'' weekday share of d (1/7 without a profile); demand_qty from demand_history '
'(re-read on the dates p_dh_dates, every date when p_full; null while ahead or unlisted). Never truncates: days '
'whose forecast retention dropped keep their rows. Marks written rows in pg_temp.stats_changed (metric forecast) '
'for stats_roll_up. Returns the rows written.';

-- Retention of forecasts: whole daily partitions are dropped, never rows one by one.
create or replace procedure ${schema}.forecast_drop_expired(
    p_run_date date, p_keep_daily_days integer, p_keep_weekly_weeks integer, inout p_dropped date [] default null
)
language plpgsql
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
declare
    v_date  date;
    v_table text;
begin
    p_dropped := '{}';
    -- Partition dates: every forecast of the last p_keep_daily_days days is kept; older ones only the first date of
    -- each ISO week for p_keep_weekly_weeks weeks (what accuracy scoring over the horizon needs); the partition of
    -- the active forecast and dates after the run date (a re-run of an old date) are never dropped.
    for v_date in
        with partitions as (
            select to_date(right(child.relname, 8), 'YYYYMMDD') as forecast_date
            from pg_catalog.pg_inherits as inherits
            inner join pg_catalog.pg_class as child on child.oid = inherits.inhrelid
            where inherits.inhparent = format('%I.%I', '${schema}', 'demand_forecast_products')::regclass
              and child.relname ~ '_p[0-9]{8}$'
        ),
        ranked as (
            select partitions.forecast_date,
                   row_number() over (partition by date_trunc('week', partitions.forecast_date)
                                      order by partitions.forecast_date) as rank_in_week
            from partitions
        )
        select ranked.forecast_date
        from ranked
        where ranked.forecast_date <= p_run_date - p_keep_daily_days
          and (ranked.rank_in_week > 1 or ranked.forecast_date <= p_run_date - 7 * p_keep_weekly_weeks)
          and ranked.forecast_date is distinct from (select active.forecast_date
                                                     from ${schema}.active_demand_forecast as active)
        order by ranked.forecast_date
    loop
        foreach v_table in array array['demand_forecast_products', 'demand_forecast_series'] loop
            execute format('drop table if exists %I.%I', '${schema}', v_table || '_p' || to_char(v_date, 'YYYYMMDD'));
        end loop;
        delete from ${schema}.demand_forecasts where demand_forecasts.forecast_date = v_date;
        p_dropped := p_dropped || v_date;
    end loop;
end
$$;
comment on procedure ${schema}.forecast_drop_expired(date, integer, integer, date []) is
'Retention of demand forecasts (settings forecast.keep_daily_days, forecast.keep_weekly_weeks): drops the daily '
'partitions of demand_forecast_products and demand_forecast_series older than keep_daily_days except the first date '
'of each ISO week younger than keep_weekly_weeks, and the headers of the dropped dates (pools go with them). Never '
'the active forecast''s date. Returns the dropped dates. Called by unscoped runs of step_forecast.';

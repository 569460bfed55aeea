-- How many of the client's selling locations trade on each day: what the gate scales sales volumes by.
create or replace function ${schema}.quality_trading_days(p_from date, p_to date)
returns table (calendar_date date, selling_locations bigint, trading_locations bigint, closure_reasons text)
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    with selling as (
        select closures.location_id
        from ${schema}.location_weekday_closures as closures
        group by closures.location_id
        having sum(closures.sales_days) > 0
            and max(closures.learned_to) = (select max(latest.learned_to)
                                            from ${schema}.location_weekday_closures as latest)
    ),

    final as (
        select calendar.calendar_date, count(*) as selling_locations,
               count(*) filter (where calendar.is_trading_day) as trading_locations,
               string_agg(distinct calendar.closure_reason, '; ' order by calendar.closure_reason)
                   as closure_reasons
        from ${schema}.trading_calendar(p_from, p_to) as calendar
        inner join selling on selling.location_id = calendar.location_id
        group by calendar.calendar_date
    )

    select * from final
$$;
comment on function ${schema}.quality_trading_days(date, date) is
'Per day with a known selling location: the client''s selling locations (those with sales in the latest trading '
'weekday learning window), how many of them trade that day (trading_calendar) and the distinct reasons of the '
'closures. No rows before the first learning. The gate scales sales volumes by trading_locations.';

-- The trading calendar: for every location and day, whether it trades and, when not, why. The one entry point for
-- the gate, the demand history and the forecast (is_trading_day() is the one-day convenience).
create or replace function ${schema}.trading_calendar(p_from date, p_to date, p_locations integer [])
returns table (
    location_id integer, location_erp_id text, calendar_date date, is_trading_day boolean, closure_reason text,
    closure_source text
)
language plpgsql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_settings      jsonb := ${schema}.settings('calendar');
    v_holidays      boolean := (v_settings ->> 'public_holidays')::boolean;
    v_subdivisions  text [] := array(select jsonb_array_elements_text(v_settings -> 'holiday_subdivisions'));
begin
    if p_to - p_from > 10958 then
        raise exception 'trading calendar range % to % is longer than thirty years', p_from, p_to
            using errcode = 'CW093', hint = 'ask for at most thirty years at a time';
    end if;
    return query
    -- Days as date arithmetic (1900-01-01 was a Monday): generate_series over an interval yields timestamptz, whose
    -- cast to date and isodow were recomputed for every location and day of every join (half the function's time).
    with days as materialized (
        select p_from + offsets.day_offset as calendar_date,
               ((p_from + offsets.day_offset - date '1900-01-01') % 7 + 1)::smallint as isodow
        from generate_series(0, p_to - p_from) as offsets (day_offset)
    ),

    grid as (
        select locations.id as location_id, locations.erp_id, locations.open_date, locations.close_date,
               countries.code as country_code, observance.is_trading_override, observance.is_learned_trading,
               days.calendar_date, days.isodow
        from ${schema}.locations
        left join cw_global.countries on countries.id = locations.country_id
        left join ${schema}.location_holiday_observance as observance on observance.location_id = locations.id
        cross join days
        where p_locations is null or locations.id = any(p_locations)
    ),

    -- The configured dates and the observed public holidays of the range, one row per key, hash-joined below (a
    -- lookup per location and day cost 20 us a day: 0.4 s for 20 locations over 130 weeks). A location's own date
    -- comes before the one for every location (location_calendar_dates_location_date_key: at most one of each); of
    -- a country's holidays on a date, the national one (no subdivision) before a listed subdivision's, then by code
    -- (public_holidays_country_subdivision_date_key: unique).
    configured_dates as (
        select dates.location_id, dates.calendar_date, dates.is_closed, dates.reason
        from ${schema}.location_calendar_dates as dates
        where dates.calendar_date between p_from and p_to
          and (p_locations is null or dates.location_id is null or dates.location_id = any(p_locations))
    ),

    holidays as (
        select distinct on (public_holidays.country_code, public_holidays.holiday_date)
               public_holidays.country_code, public_holidays.holiday_date, public_holidays.name,
               public_holidays.subdivision_code
        from cw_global.public_holidays
        where v_holidays and public_holidays.holiday_date between p_from and p_to
          and (public_holidays.subdivision_code is null
               or public_holidays.country_code || '-' || public_holidays.subdivision_code = any(v_subdivisions))
        order by public_holidays.country_code, public_holidays.holiday_date,
                 public_holidays.subdivision_code nulls first
    ),

    judged as (
        select grid.location_id, grid.erp_id, grid.calendar_date,
               case
                   when configured.is_closed is not null then configured.is_closed
                   when grid.calendar_date < grid.open_date or grid.calendar_date > grid.close_date then true
                   when holiday.name is not null then true
                   else coalesce(weekday.is_closed_override, weekday.is_learned_closed, false)
               end as is_closed,
               case
                   when configured.is_closed is not null then configured.reason
                   when grid.calendar_date < grid.open_date then 'not open yet (opens ' || grid.open_date || ')'
                   when grid.calendar_date > grid.close_date then 'closed down on ' || grid.close_date
                   when holiday.name is not null then 'public holiday ' || grid.country_code
                                                     || coalesce('-' || holiday.subdivision_code, '') || ': '
                                                     || holiday.name
                   when weekday.is_closed_override then to_char(grid.calendar_date, 'FMDay') || ': '
                                                        || weekday.override_reason
                   when weekday.is_closed_override is null and weekday.is_learned_closed
                       then format('no sales on %ss in %s weeks (learned)', to_char(grid.calendar_date, 'FMDay'),
                                   weekday.weeks_observed)
               end as reason,
               case
                   when configured.is_closed is not null then 'configured date'
                   when grid.calendar_date < grid.open_date or grid.calendar_date > grid.close_date
                       then 'location dates'
                   when holiday.name is not null then 'public holiday'
                   when weekday.is_closed_override is not null then 'configured weekday'
                   when weekday.is_learned_closed then 'learned weekday'
               end as source
        from grid
        left join configured_dates as own_date
            on own_date.location_id = grid.location_id and own_date.calendar_date = grid.calendar_date
        left join configured_dates as every_date
            on every_date.location_id is null and every_date.calendar_date = grid.calendar_date
        cross join lateral (
            select coalesce(own_date.is_closed, every_date.is_closed) as is_closed,
                   case when own_date.calendar_date is not null then own_date.reason else every_date.reason end
                   as reason
        ) as configured
        left join holidays as holiday
            on holiday.country_code = grid.country_code and holiday.holiday_date = grid.calendar_date
            and not coalesce(grid.is_trading_override, grid.is_learned_trading, true)
        left join ${schema}.location_weekday_closures as weekday
            on weekday.location_id = grid.location_id and weekday.isodow = grid.isodow
    )

    select judged.location_id, judged.erp_id, judged.calendar_date, not judged.is_closed,
           case when judged.is_closed then judged.reason end,
           case when judged.is_closed or judged.source = 'configured date' then judged.source end
    from judged
    order by judged.location_id, judged.calendar_date;
end
$$;
comment on function ${schema}.trading_calendar(date, date, integer []) is
'For every location of p_locations (null: every location) and day from p_from to p_to: whether it trades, and '
'when not why (closure_reason, e.g. "public '
'holiday GB-ENG: Easter Monday", "no sales on Saturdays in 8 weeks (learned)") and from which source. Precedence: a '
'configured date of the location, else of every location (location_calendar_dates, may also open a day); the '
'location''s open and close dates; a public holiday of its country when the location observes them '
'(location_holiday_observance: learned or overridden; a location without sales history is not judged by holidays; '
'setting calendar.public_holidays; subdivision holidays per calendar.holiday_subdivisions, e.g. GB-ENG); its weekday'
' closure, overridden or learned '
'(location_weekday_closures). CW092 (the settings catalog) for invalid settings, CW093 for a range over thirty '
'years.';

create or replace function ${schema}.trading_calendar(p_from date, p_to date)
returns table (
    location_id integer, location_erp_id text, calendar_date date, is_trading_day boolean, closure_reason text,
    closure_source text
)
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select * from ${schema}.trading_calendar(p_from, p_to, null)
$$;
comment on function ${schema}.trading_calendar(date, date) is
'trading_calendar(p_from, p_to, null): every location''s trading calendar from p_from to p_to.';

create or replace function ${schema}.is_trading_day(p_location_id integer, p_date date)
returns boolean
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select calendar.is_trading_day
    from ${schema}.trading_calendar(p_date, p_date) as calendar
    where calendar.location_id = p_location_id
$$;
comment on function ${schema}.is_trading_day(integer, date) is
'Whether the location trades on the day (trading_calendar for one day); null for an unknown location. For ranges '
'and many locations join trading_calendar(from, to) instead.';

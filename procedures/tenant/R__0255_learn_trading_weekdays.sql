-- Learns each location's weekly closures from its sales (a weekday it never sells on while it sells on others) and
-- whether it trades on public holidays.
create or replace function ${schema}.learn_trading_weekdays(p_as_of date)
returns integer
language plpgsql
volatile
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_settings     jsonb := ${schema}.settings('calendar');
    v_window_days  integer := (v_settings ->> 'learning_window_days')::integer;
    v_min_weeks    integer := (v_settings ->> 'learning_min_weeks')::integer;
    v_changed      integer;
begin
    with selling_days as (
        select orders.location_id, orders.order_date
        from ${schema}.sales_orders as orders
        where orders.order_date between p_as_of - v_window_days + 1 and p_as_of
            and orders.status is distinct from 'cancelled'
        group by orders.location_id, orders.order_date
    ),

    first_sales as (
        select selling_days.location_id, min(selling_days.order_date) as first_date
        from selling_days
        group by selling_days.location_id
    ),

    weekdays as (
        select first_sales.location_id, isodow.isodow::smallint as isodow,
               (select count(*) from selling_days
                where selling_days.location_id = first_sales.location_id
                    and extract(isodow from selling_days.order_date) = isodow.isodow)::integer as sales_days,
               (select count(*) from generate_series(first_sales.first_date, p_as_of, interval '1 day') as day
                where extract(isodow from day) = isodow.isodow)::integer as weeks_observed
        from first_sales
        cross join generate_series(1, 7) as isodow (isodow)
    ),

    learned as (
        select weekdays.*, weekdays.sales_days = 0 and weekdays.weeks_observed >= v_min_weeks as is_learned_closed
        from weekdays
    ),

    written as (
        insert into ${schema}.location_weekday_closures as closures (
            location_id, isodow, is_learned_closed, sales_days, weeks_observed, learned_from, learned_to
        )
        select learned.location_id, learned.isodow, learned.is_learned_closed, learned.sales_days,
               learned.weeks_observed, p_as_of - v_window_days + 1, p_as_of
        from learned
        on conflict (location_id, isodow) do update
        set is_learned_closed = excluded.is_learned_closed, sales_days = excluded.sales_days,
            weeks_observed = excluded.weeks_observed, learned_from = excluded.learned_from,
            learned_to = excluded.learned_to, updated_at = now()
        where (closures.is_learned_closed, closures.sales_days, closures.weeks_observed, closures.learned_to)
            is distinct from (excluded.is_learned_closed, excluded.sales_days, excluded.weeks_observed,
                              excluded.learned_to)
        returning 1
    )

    select count(*) into v_changed from written;

    with selling_days as (
        select orders.location_id, orders.order_date
        from ${schema}.sales_orders as orders
        where orders.order_date between p_as_of - v_window_days + 1 and p_as_of
            and orders.status is distinct from 'cancelled'
        group by orders.location_id, orders.order_date
    ),

    first_sales as (
        select selling_days.location_id, min(selling_days.order_date) as first_date
        from selling_days
        group by selling_days.location_id
    ),

    holidays as (
        select first_sales.location_id, count(distinct holidays.holiday_date)::integer as holidays_in_window,
               count(distinct holidays.holiday_date) filter (where selling_days.order_date is not null)::integer
                   as holidays_with_sales
        from first_sales
        inner join ${schema}.locations on locations.id = first_sales.location_id
        left join cw_global.countries on countries.id = locations.country_id
        left join cw_global.public_holidays as holidays
            on holidays.country_code = countries.code and holidays.subdivision_code is null
            and holidays.holiday_date between first_sales.first_date and p_as_of
        left join selling_days
            on selling_days.location_id = first_sales.location_id and selling_days.order_date = holidays.holiday_date
        group by first_sales.location_id
    ),

    written as (
        insert into ${schema}.location_holiday_observance as observance (
            location_id, holidays_in_window, holidays_with_sales, is_learned_trading, learned_from, learned_to
        )
        select holidays.location_id, holidays.holidays_in_window, holidays.holidays_with_sales,
               holidays.holidays_with_sales > 0, p_as_of - v_window_days + 1, p_as_of
        from holidays
        on conflict (location_id) do update
        set holidays_in_window = excluded.holidays_in_window, holidays_with_sales = excluded.holidays_with_sales,
            is_learned_trading = excluded.is_learned_trading, learned_from = excluded.learned_from,
            learned_to = excluded.learned_to, updated_at = now()
        where (observance.holidays_in_window, observance.holidays_with_sales, observance.learned_to)
            is distinct from (excluded.holidays_in_window, excluded.holidays_with_sales, excluded.learned_to)
        returning 1
    )

    select v_changed + count(*) into v_changed from written;
    return v_changed;
end
$$;
comment on function ${schema}.learn_trading_weekdays(date) is
'Learns location_weekday_closures from the sales of the calendar.learning_window_days (default 56) days up to '
'p_as_of: for every location with a sale in the window, each weekday with no sale over at least '
'calendar.learning_min_weeks (default 4) occurrences since its first sale in the window is learned closed; a '
'weekday with a sale is learned open again; and location_holiday_observance: a location that sold on a '
'country-wide public holiday of the window trades on holidays. UI overrides are kept. Returns the rows written. Run '
'by the quality '
'gate before its checks; CW092 for invalid settings.';

-- Quality check closed_day_sales: sales at a location on a day its trading calendar says it is closed.
create or replace function ${schema}.quality_check_closed_day_sales(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    if not exists (select from ${schema}.quality_endpoints('closed_day_sales') as quality_endpoints
                   where quality_endpoints.endpoint = 'sales_orders') then
        return;
    end if;
    return query
    with orders as (
        select sales.raw_file_id, sales.record_no, sales.so_id, sales.location_id, sales.order_date
        from ${staging_schema}.staging_sales_orders as sales
        where sales.order_date between p_run_date - 35 and p_run_date
    ),

    closed_orders as (
        select orders.*, calendar.closure_reason
        from orders
        inner join ${schema}.trading_calendar(
            (select coalesce(min(orders.order_date), p_run_date) from orders), p_run_date
        ) as calendar
            on calendar.location_erp_id = orders.location_id and calendar.calendar_date = orders.order_date
        where not calendar.is_trading_day
    ),

    final as (
        select 'sales_orders'::text, 'closed_day_sales'::text, null::text, count(closed_orders.so_id) = 0,
               '0 sales on closed days', count(distinct closed_orders.so_id)::text || ' order(s)',
               count(distinct closed_orders.so_id),
               (select string_agg(format('%s on %s (%s): %s order(s)', location_id, order_date, closure_reason, n),
                                  '; ' order by location_id, order_date)
                from (select closed_orders.location_id, closed_orders.order_date, closed_orders.closure_reason,
                             count(distinct closed_orders.so_id) as n
                      from closed_orders group by 1, 2, 3) as per_day),
               (select jsonb_agg(sample) from (
                    select jsonb_build_object('file', closed_orders.raw_file_id, 'record', closed_orders.record_no,
                                              'location_id', closed_orders.location_id,
                                              'order_date', closed_orders.order_date,
                                              'closed', closed_orders.closure_reason) as sample
                    from closed_orders order by closed_orders.raw_file_id, closed_orders.record_no limit 5
                ) as samples)
        from closed_orders
    )

    select * from final;
end
$$;
comment on function ${schema}.quality_check_closed_day_sales(date) is
'Gate check closed_day_sales (warning): staged sales orders of the last 35 days whose location is closed on the '
'order date by its trading calendar (trading_calendar), per location and day with the closure reason.';

-- Quality check file_present: an endpoint's file was delivered for the run date.
create or replace function ${schema}.quality_check_file_present(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    return query
    with closed as (
        select trading_days.closure_reasons
        from ${schema}.quality_trading_days(p_run_date, p_run_date) as trading_days
        where trading_days.trading_locations = 0
    )

    select quality_endpoints.endpoint, 'file_present'::text, null::text,
           count(delivered.id) > 0
               or (quality_endpoints.follows_trading_calendar and closed.closure_reasons is not null),
           'file delivered',
           case when count(delivered.id) = 0 then 'no file' else count(delivered.id) || ' file(s) delivered' end,
           (count(delivered.id) = 0 and not (quality_endpoints.follows_trading_calendar
                                             and closed.closure_reasons is not null))::int::bigint,
           case when count(delivered.id) = 0 and quality_endpoints.follows_trading_calendar
                    and closed.closure_reasons is not null then 'closed: ' || closed.closure_reasons
                when count(delivered.id) = 0 then format('no %s file was delivered for %s',
                                                         quality_endpoints.endpoint, p_run_date) end,
           null::jsonb
    from ${schema}.quality_endpoints('file_present') as quality_endpoints
    left join closed on true
    left join ${staging_schema}.raw_files as delivered
        on delivered.endpoint = quality_endpoints.endpoint and delivered.file_date = p_run_date
    group by quality_endpoints.endpoint, quality_endpoints.follows_trading_calendar, closed.closure_reasons;
end
$$;
comment on function ${schema}.quality_check_file_present(date) is
'Gate check file_present: per endpoint the client sends, whether a file was delivered for the date. A missing '
'sales file passes with "closed: <reason>" on a day every selling location is closed (trading calendar).';

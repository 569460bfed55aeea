-- The gate's one baseline: what each endpoint's record count is compared with, and what the trend rows store.
create or replace function ${schema}.quality_volume_baselines(p_run_date date)
returns table (
    endpoint text, records bigint, baseline numeric, basis text, samples bigint, trading_locations bigint,
    closure_reasons text
)
language sql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
    with trading_days as (
        select * from ${schema}.quality_trading_days(p_run_date - 35, p_run_date)
    ),

    today as (
        select trading_days.trading_locations, trading_days.closure_reasons
        from trading_days
        where trading_days.calendar_date = p_run_date
    ),

    volumes as (
        select quality_endpoints.endpoint, quality_endpoints.follows_trading_calendar,
               coalesce(sum(files.record_count), 0)::bigint as records
        from ${schema}.quality_endpoints('volume_change') as quality_endpoints
        left join ${staging_schema}.raw_files as files
            on files.endpoint = quality_endpoints.endpoint and files.file_date = p_run_date and files.status = 'loaded'
        where quality_endpoints.endpoint <> all(
            array(
                select jsonb_array_elements_text(${schema}.settings('quality') -> 'volume_excluded_endpoints')))
        group by quality_endpoints.endpoint, quality_endpoints.follows_trading_calendar
    ),

    -- Endpoints that follow the trading calendar are compared per trading location: a day every selling location
    -- was closed says nothing about the volume of an open one and is left out.
    history as (
        select reports.endpoint, reports.run_date,
               case when volumes.follows_trading_calendar and today.trading_locations is not null
                    then reports.metric_value / nullif(trading_days.trading_locations, 0)
                    else reports.metric_value end as metric_value,
               extract(isodow from reports.run_date) = extract(isodow from p_run_date) as is_same_weekday
        from ${schema}.data_quality_check_reports as reports
        inner join volumes on volumes.endpoint = reports.endpoint
        left join today on true
        left join trading_days on trading_days.calendar_date = reports.run_date
        where reports.source = 'gateway' and reports.check_name = 'record_count' and reports.is_baseline_eligible
            and reports.run_date between p_run_date - 35 and p_run_date - 1
            and not (volumes.follows_trading_calendar and today.trading_locations is not null
                     and coalesce(trading_days.trading_locations, 0) = 0)
    ),

    -- Same weekday over five weeks when there are two such days (weekly seasonality), else the last 30 days.
    baselines as (
        select history.endpoint,
               case when count(*) filter (where history.is_same_weekday) >= 2
                    then avg(history.metric_value) filter (where history.is_same_weekday)
                    else avg(history.metric_value) filter (where history.run_date >= p_run_date - 30) end as baseline,
               case when count(*) filter (where history.is_same_weekday) >= 2
                    then 'same weekday' else '30-day' end as basis,
               count(*) as samples
        from history
        group by history.endpoint
    ),

    final as (
        select volumes.endpoint, volumes.records,
               case when volumes.follows_trading_calendar and today.trading_locations is not null
                    then baselines.baseline * today.trading_locations
                    else baselines.baseline end,
               case when volumes.follows_trading_calendar and today.trading_locations = 0 then 'closed'
                    when volumes.follows_trading_calendar and today.trading_locations is not null
                        then baselines.basis || ' per trading location'
                    else baselines.basis end,
               coalesce(baselines.samples, 0),
               case when volumes.follows_trading_calendar then today.trading_locations end,
               case when volumes.follows_trading_calendar then today.closure_reasons end
        from volumes
        left join baselines on baselines.endpoint = volumes.endpoint
        left join today on true
    )

    select * from final
$$;
comment on function ${schema}.quality_volume_baselines(date) is
'Per endpoint the client sends (but those of the volume_excluded_endpoints setting): the record count loaded for '
'the date and its baseline, the mean of the baseline-eligible record counts (data_quality_check_reports) of the '
'same weekday over the last five weeks when two such days exist ("same weekday"), else of the last 30 days '
'("30-day"); null without history. Endpoints that follow the trading calendar (sales) are averaged per trading '
'location (quality_trading_days; days every selling location was closed left out) and the baseline is that times '
'the locations trading on the date: 0 with basis "closed" when none does, with the closure reasons. The volume_change '
'check and the trend rows of data_quality_check_reports both use it.';

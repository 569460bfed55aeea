-- Quality check volume_change: a record count far from its baseline.
create or replace function ${schema}.quality_check_volume_change(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_drop_pct     numeric := (${schema}.settings('quality') ->> 'volume_drop_pct')::numeric;
    v_spike_pct    numeric := (${schema}.settings('quality') ->> 'volume_spike_pct')::numeric;
    v_min_baseline numeric := (${schema}.settings('quality') ->> 'volume_min_baseline')::numeric;
begin
    return query
    select volumes.endpoint, 'volume_change'::text,
           case when volumes.baseline > 0 and volumes.records > volumes.baseline * (1 + v_spike_pct / 100)
                then 'warning' end,
           volumes.basis = 'closed' or volumes.baseline is null or volumes.baseline < v_min_baseline
               or volumes.records between volumes.baseline * (1 - v_drop_pct / 100)
                                      and volumes.baseline * (1 + v_spike_pct / 100),
           case when volumes.basis = 'closed' then '0 records (closed)'
                when volumes.baseline is null then 'a baseline'
                else format('%s to %s records', round(volumes.baseline * (1 - v_drop_pct / 100)),
                            round(volumes.baseline * (1 + v_spike_pct / 100))) end,
           volumes.records::text,
           0::bigint,
           case when volumes.basis = 'closed' and volumes.records = 0 then 'closed: ' || volumes.closure_reasons
                when volumes.basis = 'closed'
                    then format('closed: %s; %s records on a closed day (see closed_day_sales)',
                                volumes.closure_reasons, volumes.records)
                when volumes.baseline is null then 'no baseline — first run'
                when volumes.baseline < v_min_baseline
                    then format('%s records; baseline %s is below %s records: too small to judge', volumes.records,
                                round(volumes.baseline, 1), v_min_baseline)
                else format('%s records against a %s baseline of %s (%s%%)%s', volumes.records, volumes.basis,
                            round(volumes.baseline, 1),
                            round(100 * (volumes.records - volumes.baseline) / nullif(volumes.baseline, 0), 1),
                            case when volumes.trading_locations is not null
                                 then format('; %s trading location(s)', volumes.trading_locations)
                                     || coalesce(', closed: ' || volumes.closure_reasons, '') end)
           end,
           null::jsonb
    from ${schema}.quality_volume_baselines(p_run_date) as volumes;
end
$$;
comment on function ${schema}.quality_check_volume_change(date) is
'Gate check volume_change: per endpoint (but those of the volume_excluded_endpoints setting), the record count '
'against quality_volume_baselines: a drop of more than volume_drop_pct fails with the configured severity, a rise '
'of more than volume_spike_pct as a warning; no baseline or one below volume_min_baseline passes. Sales are '
'judged per trading location (trading calendar): a day every selling location is closed passes with '
'"closed: <reason>".';

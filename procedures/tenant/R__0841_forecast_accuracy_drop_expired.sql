-- Retention of forecast scores: whole daily partitions are dropped, never rows one by one.
create or replace procedure ${schema}.forecast_accuracy_drop_expired(
    p_run_date date, p_keep_weeks integer, inout p_dropped date [] default null
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
    for v_date in
        select to_date(right(child.relname, 8), 'YYYYMMDD') as forecast_date
        from pg_catalog.pg_inherits as inherits
        inner join pg_catalog.pg_class as child on child.oid = inherits.inhrelid
        where inherits.inhparent = format('%I.%I', '${schema}', 'demand_forecast_accuracy')::regclass
          and child.relname ~ '_p[0-9]{8}$'
          and to_date(right(child.relname, 8), 'YYYYMMDD') <= p_run_date - 7 * p_keep_weeks
        order by 1
    loop
        foreach v_table in array array['demand_forecast_accuracy', 'demand_forecast_accuracy_series'] loop
            execute format('drop table if exists %I.%I', '${schema}', v_table || '_p' || to_char(v_date, 'YYYYMMDD'));
        end loop;
        delete from ${schema}.demand_forecast_scorings where demand_forecast_scorings.forecast_date = v_date;
        p_dropped := p_dropped || v_date;
    end loop;
end
$$;
comment on procedure ${schema}.forecast_accuracy_drop_expired(date, integer, date []) is
'Retention of forecast scores (setting forecast_accuracy.keep_weeks): drops the daily partitions of '
'demand_forecast_accuracy and demand_forecast_accuracy_series of forecasts dated keep_weeks weeks before the run date '
'or earlier, and their demand_forecast_scorings rows. Returns the dropped dates. Called by forecast_score.';

-- Daily partitions of demand_forecast_accuracy and demand_forecast_accuracy_series, created by forecast_score; owned
-- by the client's owner role whoever runs the step (docs/architecture.md, objects created at run time).
create or replace procedure ${schema}.forecast_accuracy_ensure_partition(p_forecast_date date)
language plpgsql
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
declare
    v_table text;
    v_name  text;
begin
    foreach v_table in array array['demand_forecast_accuracy', 'demand_forecast_accuracy_series'] loop
        v_name := v_table || '_p' || to_char(p_forecast_date, 'YYYYMMDD');
        if to_regclass(format('%I.%I', '${schema}', v_name)) is null then
            execute format('create table %I.%I partition of %I.%I for values from (%L) to (%L)',
                           '${schema}', v_name, '${schema}', v_table, p_forecast_date, p_forecast_date + 1);
            execute format('alter table %I.%I owner to %I', '${schema}', v_name, '${owner_role}');
            execute format('comment on table %I.%I is %L', '${schema}', v_name,
                           'Scores of the forecast dated ' || p_forecast_date || ' (partition of ' || v_table
                           || '; dropped whole by forecast_accuracy_drop_expired).');
        end if;
    end loop;
end
$$;
comment on procedure ${schema}.forecast_accuracy_ensure_partition(date) is
'Creates the partitions of demand_forecast_accuracy and demand_forecast_accuracy_series for one forecast date '
'(<table>_pYYYYMMDD), if missing, owned by the client''s owner role. Called by forecast_score.';

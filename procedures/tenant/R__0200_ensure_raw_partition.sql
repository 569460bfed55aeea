-- Monthly partitions of the raw landing table, created on demand by the loader. Whoever calls it (a superuser, an
-- admin, the owner role), the partition belongs to the client's owner role, as pg_partman does: a later migration
-- that alters raw_records as the owner must be able to alter every partition.
create or replace procedure ${schema}.ensure_raw_partition(p_file_date date)
language plpgsql
security invoker
set search_path = ${staging_schema}, pg_catalog, pg_temp
as $$
declare
    v_from date := date_trunc('month', p_file_date)::date;
    v_name text := 'raw_records_' || to_char(p_file_date, 'YYYYMM');
begin
    if to_regclass(format('%I.%I', '${staging_schema}', v_name)) is null then
        execute format('create table %I.%I partition of %I.raw_records for values from (%L) to (%L)',
                       '${staging_schema}', v_name, '${staging_schema}', v_from, (v_from + interval '1 month')::date);
        execute format('alter table %I.%I owner to %I', '${staging_schema}', v_name, '${owner_role}');
        execute format('comment on table %I.%I is %L', '${staging_schema}', v_name,
                       'Raw landing rows of ' || to_char(v_from, 'YYYY-MM') || ' (partition of raw_records).');
        -- Nobody plans on the content of a payload: no statistics for it (they were most of the analyze time).
        execute format('alter table %I.%I alter column payload set statistics 0', '${staging_schema}', v_name);
    end if;
end
$$;
comment on procedure ${schema}.ensure_raw_partition(date) is
'Creates the monthly partition of raw_records that holds p_file_date, if missing, owned by the client''s owner '
'role whoever calls it. Called by the loader.';

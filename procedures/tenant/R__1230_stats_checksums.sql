-- Step 12: table checksums of the UI statistics (incremental refresh = full rebuild, tested and benchmarked).
create or replace function ${schema}.stats_checksums()
returns table (table_name text, row_count bigint, checksum text)
language plpgsql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_table text;
    v_date  text;
begin
    for v_table in
        select metric || '_' || grain
        from unnest(array['sales', 'inventory', 'service', 'forecast']) as metric
        cross join unnest(array['daily', 'weekly', 'monthly', 'yearly']) as grain
        order by 1
    loop
        v_date := case when v_table like '%daily' then 'stat_date' else 'period_start' end;
        table_name := v_table;
        execute format(
            'select count(*), coalesce(md5(string_agg(src::text, %L order by src.product_id, src.location_id, '
            'src.%I)), %L) from %I.%I as src', '|', v_date, '-', '${stats_schema}', v_table
        ) into row_count, checksum;
        return next;
    end loop;
end
$$;
comment on function ${schema}.stats_checksums() is
'Row count and MD5 of the rows (in key order) of each of the 16 UI statistics tables: equal checksums mean equal '
'tables. The tables hold no timestamps, so an incremental refresh and a full rebuild compare directly.';

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
begin
    for v_table in
        select tables.name
        from (
            select metric || '_' || grain as name
            from unnest(array['sales', 'inventory', 'service', 'forecast']) as metric
            cross join unnest(array['daily', 'weekly', 'monthly', 'yearly']) as grain
            union all
            select unnest(array['dim_date', 'dim_products', 'dim_customers', 'dim_locations', 'dim_payment_method',
                                'fact_sales', 'agg_daily_sales', 'agg_product_sales', 'agg_customer_lifetime'])
        ) as tables
        order by 1
    loop
        table_name := v_table;
        execute format(
            'select count(*), coalesce(md5(string_agg(src::text, %L order by src::text)), %L) from %I.%I as src',
            '|', '-', '${stats_schema}', v_table
        ) into row_count, checksum;
        return next;
    end loop;
end
$$;
comment on function ${schema}.stats_checksums() is
'Row count and MD5 of the rows (sorted by their text) of each of the 16 UI statistics tables and of the star schema '
'(dimensions, fact_sales, aggregates): equal checksums mean equal tables. The tables hold no timestamps, so an '
'incremental refresh and a full rebuild compare directly.';

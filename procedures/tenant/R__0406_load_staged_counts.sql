-- Rows of the staging batch per load entity, from the catalog cw_global.load_entities (the one list of the staging
-- tables): the DataHealthMonitor reconciles them with load_entity_stats.
create or replace function ${schema}.load_staged_counts()
returns table (entity text, staged_rows bigint)
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    return query execute (
        select string_agg(format('select %L::text, count(*) from %I.%I',
                                 coalesce(load_entities.line_entity, load_entities.entity), '${staging_schema}',
                                 load_entities.staging_table), ' union all ' order by load_entities.load_order)
        from cw_global.load_entities
    );
end
$$;
comment on function ${schema}.load_staged_counts() is
'Rows each staging table of cw_global.load_entities holds, under the entity whose load_entity_stats count one row '
'per staging row: the line entity of a document (sales_order_lines), else the entity itself.';

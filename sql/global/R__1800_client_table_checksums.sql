-- Disaster recovery (issue 18): a checksum per table of one client over its business columns, so that two clients
-- (the live one and a rebuild) can be compared without any query joining two clients' schemas. cw verify A B calls
-- it once per client and compares the results. The exclusions are listed in docs/recovery.md.
create or replace function cw_global.client_table_checksums(p_code text)
returns table (
    schema_kind text,
    table_name text,
    row_count bigint,
    checksum text,
    compared_columns text[],
    excluded_columns text[]
)
language plpgsql
stable
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_schema  text := cw_global.client_schema(p_code);
    v_table   record;
    v_columns record;
    v_sql     text;
begin
    perform cw_global.client_id(p_code);
    for v_table in
        select class.oid, namespace.nspname,
               case namespace.nspname when v_schema then 'production'
                                      when v_schema || '_staging' then 'staging'
                                      else 'stats' end as kind,
               class.relname
        from pg_class as class
        inner join pg_namespace as namespace on namespace.oid = class.relnamespace
        where namespace.nspname in (v_schema, v_schema || '_staging', v_schema || '_stats')
          and class.relkind in ('r', 'p')
          and not class.relispartition
          and class.relpersistence = 'p'
          -- run logs: when and how often something ran, not what the data is; change events and runs are the
          -- log of when, by whom and how UI edits were re-run (the edits they journal are compared where they
          -- landed: the edited tables); ui_edits is the old journal table, kept as history;
          -- demand_forecasts is the log of forecast computations (when, input watermark, scoped re-runs): the
          -- forecast itself is demand_forecast_products, which is compared
          and class.relname not in ('flyway_schema_history', 'pipeline_runs', 'pipeline_step_runs',
                                    'demand_history_runs', 'change_events', 'change_runs', 'demand_forecasts',
                                    'ui_edits')
        order by 3, 4
    loop
        with table_columns as (
            select attribute.attnum, attribute.attname, attribute.attidentity,
                   format_type(attribute.atttypid, null) as type_name,
                   pg_get_expr(defaults.adbin, defaults.adrelid) as default_expression
            from pg_attribute as attribute
            left join pg_attrdef as defaults
                on defaults.adrelid = attribute.attrelid and defaults.adnum = attribute.attnum
            where attribute.attrelid = v_table.oid and attribute.attnum > 0 and not attribute.attisdropped
        ),

        -- single-column foreign keys to an identity column, with the natural key of the referenced table: its first
        -- unique constraint (by name) without identity columns
        references_to_ids as (
            select referencing.conkey[1] as attnum, referencing.confrelid,
                   referenced_namespace.nspname as referenced_schema, referenced_class.relname as referenced_table,
                   referenced_column.attname as referenced_column,
                   (select array_agg(key_column.attname order by key_position.ordinality)
                    from pg_constraint as unique_key
                    cross join unnest(unique_key.conkey) with ordinality as key_position (attnum, ordinality)
                    inner join pg_attribute as key_column
                        on key_column.attrelid = unique_key.conrelid and key_column.attnum = key_position.attnum
                    where unique_key.oid = (
                        select candidate.oid from pg_constraint as candidate
                        where candidate.conrelid = referencing.confrelid and candidate.contype = 'u'
                          and not exists (select from pg_attribute as candidate_column
                                          where candidate_column.attrelid = candidate.conrelid
                                            and candidate_column.attnum = any(candidate.conkey)
                                            and candidate_column.attidentity <> '')
                        order by candidate.conname limit 1)) as natural_key
            from pg_constraint as referencing
            inner join pg_class as referenced_class on referenced_class.oid = referencing.confrelid
            inner join pg_namespace as referenced_namespace on referenced_namespace.oid = referenced_class.relnamespace
            inner join pg_attribute as referenced_column
                on referenced_column.attrelid = referencing.confrelid and referenced_column.attnum = referencing.confkey[1]
            where referencing.conrelid = v_table.oid and referencing.contype = 'f'
              and cardinality(referencing.conkey) = 1 and referenced_column.attidentity <> ''
        ),

        classified as (
            select table_columns.attnum, table_columns.attname,
                   case
                       when table_columns.attidentity <> '' then null
                       when table_columns.type_name in ('timestamp with time zone', 'timestamp without time zone')
                           and (table_columns.default_expression ~* '(now|clock_timestamp|current_timestamp)'
                                or table_columns.attname in ('started_at', 'finished_at', 'completed_at',
                                                             'loaded_at', 'staged_at', 'exported_at',
                                                             'detected_at', 'computed_at', 'applied_at',
                                                             'changed_at'))
                           then null
                       when table_columns.attname in ('duration_ms', 'execution_time') then null
                       -- surrogate keys of the warehouse star schema (dimension versions are production version
                       -- ids): the dimensions' business columns are compared instead
                       when table_columns.attname ~ '_sk$' and v_table.nspname = v_schema || '_stats' then null
                       -- production ids copied into the statistics without a foreign key: their ERP ids (order_erp_id,
                       -- product_erp_id, customer_erp_id ...) beside them are compared instead
                       when table_columns.attname ~ '_id$' and v_table.nspname = v_schema || '_stats'
                           and references_to_ids.attnum is null then null
                       -- floating-point results (forecast weights, smoothed levels): SQL fixes no summation order,
                       -- so two computations of the same inputs may differ in the last bits; compared to 6 decimals
                       when table_columns.type_name in ('real', 'double precision') then
                           format('round(source.%I::numeric, 6)', table_columns.attname)
                       when table_columns.type_name in ('real[]', 'double precision[]') then
                           format('(select array_agg(round(element::numeric, 6) order by position) '
                                  'from unnest(source.%I) with ordinality as elements (element, position))',
                                  table_columns.attname)
                       -- load's skip cache: a hash seeded per client (load_raw_hash_seed), not data
                       when table_columns.attname = 'raw_hash' then null
                       -- the demand-profile embeddings' change-detection key: it hashes the time of the last demand
                       -- change (demand_history.updated_at, a clock timestamp), so two correct copies always differ;
                       -- the vector it guards is compared
                       when v_table.relname = 'embeddings' and table_columns.attname = 'input_hash' then null
                       -- role names (updated_by, edited_by) name a client's roles: compared without the client number
                       when table_columns.attname ~ '_by$' and table_columns.type_name = 'text' then
                           format('regexp_replace(source.%I, ''^cw_[0-9]{6}_'', ''cw_nnnnnn_'')', table_columns.attname)
                       when references_to_ids.attnum is not null and references_to_ids.natural_key is null then null
                       when references_to_ids.attnum is not null then
                           format('(select row(%s)::text from %I.%I as referenced where referenced.%I = source.%I)',
                                  -- a natural key naming a master by its id (inventory_targets: product_id,
                                  -- location_id, ...) names it by ERP id, as the columns of the table itself
                                  (select string_agg(case
                                       when key_name in ('product_id', 'location_id', 'supplier_id', 'customer_id')
                                           then format('(select master.erp_id from %I.%I as master '
                                                       'where master.id = referenced.%I)',
                                                       v_schema, replace(key_name::text, '_id', 's'), key_name)
                                       else format('referenced.%I', key_name) end, ', ')
                                   from unnest(references_to_ids.natural_key) as key_name),
                                  references_to_ids.referenced_schema, references_to_ids.referenced_table,
                                  references_to_ids.referenced_column, table_columns.attname)
                       -- undeclared references to the masters (tables without the foreign key, e.g. demand_weeks,
                       -- behavior_window_sums, the forecast series): compared by ERP id like a declared one — a
                       -- rebuilt client may number a product differently (an insert's identity gaps)
                       when references_to_ids.attnum is null and v_table.nspname = v_schema
                           and table_columns.attname in ('product_id', 'location_id', 'supplier_id', 'customer_id')
                           then format('(select referenced.erp_id from %I.%I as referenced '
                                       'where referenced.id = source.%I)',
                                       v_schema, replace(table_columns.attname::text, '_id', 's'),
                                       table_columns.attname)
                       -- undeclared references to the raw file registry (triggers, not foreign keys: V11)
                       when table_columns.attname in ('raw_file_id', 'file_id') and v_table.relname <> 'raw_files' then
                           format('(select raw_files.object_key from %I.raw_files where raw_files.id = source.%I)',
                                  v_schema || '_staging', table_columns.attname)
                       else format('source.%I', table_columns.attname)
                   end as expression
            from table_columns
            left join references_to_ids on references_to_ids.attnum = table_columns.attnum
        )

        select array_agg(classified.attname::text order by classified.attnum)
                   filter (where classified.expression is not null) as compared,
               coalesce(array_agg(classified.attname::text order by classified.attnum)
                   filter (where classified.expression is null), '{}') as excluded,
               string_agg(classified.expression, ', ' order by classified.attnum) as expressions
        into v_columns
        from classified;

        schema_kind := v_table.kind;
        table_name := v_table.relname;
        compared_columns := v_columns.compared;
        excluded_columns := v_columns.excluded;
        -- Order-independent: the sum of a 60-bit hash of every row (no sort, no size limit), with the row count.
        v_sql := format('select count(*), coalesce(sum((''x'' || substr(md5(row(%s)::text), 1, 15))::bit(60)'
                        '::bigint::numeric), 0)::text from %I.%I as source',
                        coalesce(v_columns.expressions, 'null'), v_table.nspname, v_table.relname);
        execute v_sql into row_count, checksum;
        return next;
    end loop;
end
$$;
comment on function cw_global.client_table_checksums(text) is
'One row per durable table of a client: row count and an order-independent checksum over its business columns '
'(identity ids, audit timestamps, run timings and change-detection keys built from them excluded; references to '
'identity ids compared by the referenced row''s natural key). cw verify compares two clients with it. Errors: '
'CW001, CW002.';

CREATE SCHEMA cw_global;

ALTER SCHEMA cw_global OWNER TO postgres;

COMMENT ON SCHEMA cw_global IS 'CatWing shared reference and control data: geography, currencies, FX, client registry, users, roles, the pipeline step catalog. Client roles (members of cw_tenant) may only read it.';

CREATE TYPE cw_global.quality_check_result AS (
	endpoint text,
	check_name text,
	severity text,
	passed boolean,
	expected_value text,
	actual_value text,
	failed_count bigint,
	detail text,
	sample_records jsonb
);

ALTER TYPE cw_global.quality_check_result OWNER TO postgres;

COMMENT ON TYPE cw_global.quality_check_result IS 'One result row of a quality check function: endpoint, check name (optionally suffixed, e.g. orphan_references:product_id), a severity when the check decides it from the data (null: the configured one), passed, expected and actual values, offending count, detail and up to five sample records.';

CREATE FUNCTION cw_global.client_id(p_code text) RETURNS integer
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_id integer;
begin
    select clients.id into v_id
    from cw_global.clients
    where clients.schema_name = cw_global.client_schema(p_code);
    if v_id is null then
        raise exception 'unknown client code %', p_code
            using errcode = 'CW002', hint = 'create it with: cw tenant create ' || p_code;
    end if;
    return v_id;
end
$$;

ALTER FUNCTION cw_global.client_id(p_code text) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.client_id(p_code text) IS 'Id of the registered client with this code; SQLSTATE CW002 when no such client exists.';

CREATE FUNCTION cw_global.client_registry_rows(p_code text) RETURNS jsonb
    LANGUAGE sql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
    select jsonb_build_object(
        'code', clients.code,
        'name', clients.name,
        'timezone', clients.timezone,
        'currency', currencies.code,
        'erp_dialect', erp_dialects.code,
        'is_active', clients.is_active,
        'settings', clients.settings,
        'users', coalesce((
            select jsonb_agg(jsonb_build_object(
                'email', users.email, 'display_name', users.display_name, 'is_active', users.is_active,
                'roles', coalesce((select jsonb_agg(roles.name order by roles.name)
                                   from cw_global.user_roles
                                   inner join cw_global.roles on roles.id = user_roles.role_id
                                   where user_roles.user_id = users.id), '[]')) order by users.email)
            from cw_global.users
            where users.client_id = clients.id), '[]'),
        -- Default privileges of the client's roles that are not tied to one of its schemas (the client's first
        -- migration revokes EXECUTE on the owner's new routines from PUBLIC): pg_dump of the schemas holds only the
        -- per-schema ones, and the roles are lost with the cluster.
        'default_privileges', coalesce((
            select jsonb_agg(jsonb_build_object(
                'role', case when defaults.defaclrole::regrole::text = clients.schema_name || '_owner' then 'owner'
                             else 'ui' end,
                'object_type', defaults.defaclobjtype,
                'grants', (select coalesce(jsonb_agg(jsonb_build_object(
                                      'grantee', case when acl.grantee = 0 then 'public'
                                                      when acl.grantee::regrole::text = clients.schema_name || '_owner'
                                                          then 'owner'
                                                      when acl.grantee::regrole::text = clients.schema_name || '_ui'
                                                          then 'ui'
                                                      else acl.grantee::regrole::text end,
                                      'privilege', acl.privilege_type, 'grantable', acl.is_grantable)
                                  order by acl.grantee, acl.privilege_type), '[]')
                           from aclexplode(defaults.defaclacl) as acl))
                order by defaults.defaclrole::regrole::text, defaults.defaclobjtype)
            from pg_catalog.pg_default_acl as defaults
            where defaults.defaclnamespace = 0
              and defaults.defaclrole::regrole::text in (clients.schema_name || '_owner',
                                                         clients.schema_name || '_ui')), '[]'))
    from cw_global.clients
    inner join cw_global.currencies on currencies.id = clients.currency_id
    inner join cw_global.erp_dialects on erp_dialects.id = clients.erp_dialect_id
    where clients.id = cw_global.client_id(p_code)
$$;

ALTER FUNCTION cw_global.client_registry_rows(p_code text) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.client_registry_rows(p_code text) IS 'The client''s rows of cw_global as JSON (registry row and settings, UI users and their application roles) and the default privileges of its two roles not tied to a schema (role owner or ui, object_type, grants with the grantee public, owner, ui or a role name): what cw backup writes into the dump and restore_client_registry puts back. Errors: CW001, CW002.';

CREATE FUNCTION cw_global.client_schema(p_code text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
begin
    if p_code is null or p_code !~ '^CW-[0-9]{6}$' then
        raise exception 'invalid client code % (expected CW- followed by six digits, e.g. CW-000200)',
            coalesce(quote_literal(p_code), 'NULL')
            using errcode = 'CW001', hint = 'list the registered clients with: cw tenant list';
    end if;
    return 'cw_' || substr(p_code, 4);
end
$_$;

ALTER FUNCTION cw_global.client_schema(p_code text) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.client_schema(p_code text) IS 'Validates a client code (CW- and six digits; SQLSTATE CW001 otherwise) and returns its production schema name.';

CREATE FUNCTION cw_global.client_table_checksums(p_code text) RETURNS TABLE(schema_kind text, table_name text, row_count bigint, checksum text, compared_columns text[], excluded_columns text[])
    LANGUAGE plpgsql STABLE
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
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
$_$;

ALTER FUNCTION cw_global.client_table_checksums(p_code text) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.client_table_checksums(p_code text) IS 'One row per durable table of a client: row count and an order-independent checksum over its business columns (identity ids, audit timestamps, run timings and change-detection keys built from them excluded; references to identity ids compared by the referenced row''s natural key). cw verify compares two clients with it. Errors: CW001, CW002.';

CREATE PROCEDURE cw_global.drop_client(IN p_code text)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_schema text := cw_global.client_schema(p_code);
    v_role   text;
begin
    perform cw_global.client_id(p_code);
    execute format('drop schema if exists %I, %I, %I cascade', v_schema, v_schema || '_staging', v_schema || '_stats');
    delete from cw_global.clients where clients.code = p_code;
    foreach v_role in array array[v_schema || '_ui', v_schema || '_owner'] loop
        if exists (select from pg_roles where rolname = v_role) then
            execute format('drop owned by %I', v_role);
            begin
                execute format('drop role %I', v_role);
            exception when dependent_objects_still_exist then
                raise notice 'role % kept: it still has objects or privileges in another database', v_role;
            end;
        end if;
    end loop;
end
$$;

ALTER PROCEDURE cw_global.drop_client(IN p_code text) OWNER TO postgres;

COMMENT ON PROCEDURE cw_global.drop_client(IN p_code text) IS 'Drops a client: its three schemas with all data, its registry row and its roles (kept, with a notice, when another database still uses them). Errors: CW001 bad code, CW002 unknown client. Raw data in S3 is untouched.';

CREATE FUNCTION cw_global.normal_cdf(p_x double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- Zelen & Severo (Abramowitz and Stegun 26.2.17): absolute error below 7.5e-8.
    select case
        when p_x is null then null
        -- Beyond 8 standard deviations Phi is 0 or 1 to double precision (and exp() would underflow further out).
        when p_x < -8 then 0
        when p_x > 8 then 1
        else (
            with terms as (
                select 1 / (1 + 0.2316419 * abs(p_x)) as t,
                       exp(-p_x * p_x / 2) / sqrt(2 * pi()) as density
            ),
            upper_tail as (
                select terms.density * terms.t * (0.319381530 + terms.t * (-0.356563782 + terms.t * (1.781477937
                       + terms.t * (-1.821255978 + terms.t * 1.330274429)))) as tail
                from terms
            )
            select case when p_x >= 0 then 1 - upper_tail.tail else upper_tail.tail end from upper_tail
        )
    end
$$;

ALTER FUNCTION cw_global.normal_cdf(p_x double precision) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.normal_cdf(p_x double precision) IS 'Standard normal cumulative distribution Phi(x) (Zelen and Severo, Abramowitz and Stegun 26.2.17; absolute error below 7.5e-8). Used for cycle service levels and fill rates of inventory targets.';

CREATE FUNCTION cw_global.normal_loss(p_k double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select cw_global.normal_pdf(p_k) - p_k * (1 - cw_global.normal_cdf(p_k))
$$;

ALTER FUNCTION cw_global.normal_loss(p_k double precision) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.normal_loss(p_k double precision) IS 'Standard normal loss function G(k) = phi(k) - k (1 - Phi(k)): expected units short per unit of standard deviation when stock covers the mean plus k standard deviations (Silver, Pyke and Peterson, ch. 7). Fill rate = 1 - sigma G(k) / demand per cycle.';

CREATE FUNCTION cw_global.normal_loss_inverse(p_loss double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- G is strictly decreasing: bisection over [-4, 6] in 40 steps (precision 1e-11), as one recursive CTE.
    with recursive bisection (step, low, high) as (
        select 0, -4::float8, 6::float8
        union all
        select bisection.step + 1,
               case when cw_global.normal_loss((bisection.low + bisection.high) / 2) > p_loss
                    then (bisection.low + bisection.high) / 2 else bisection.low end,
               case when cw_global.normal_loss((bisection.low + bisection.high) / 2) > p_loss
                    then bisection.high else (bisection.low + bisection.high) / 2 end
        from bisection
        where bisection.step < 40
    )
    select case when p_loss is null or p_loss <= 0 then null
                else (select (bisection.low + bisection.high) / 2 from bisection where bisection.step = 40) end
$$;

ALTER FUNCTION cw_global.normal_loss_inverse(p_loss double precision) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.normal_loss_inverse(p_loss double precision) IS 'The safety factor k with G(k) = p_loss (standard normal loss), by bisection on [-4, 6]: the k that reaches a target fill rate beta when p_loss = (1 - beta) x demand per cycle / sigma.';

CREATE FUNCTION cw_global.normal_pdf(p_x double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- exp() raises an underflow error below about -745: the density is 0 to double precision long before that.
    select case when abs(p_x) > 37 then 0 else exp(-p_x * p_x / 2) / sqrt(2 * pi()) end
$$;

ALTER FUNCTION cw_global.normal_pdf(p_x double precision) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.normal_pdf(p_x double precision) IS 'Standard normal density phi(x).';

CREATE FUNCTION cw_global.normal_quantile(p_probability double precision) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    -- Acklam's rational approximation of the inverse normal (relative error below 1.2e-9).
    select case
        when p_probability is null or p_probability <= 0 or p_probability >= 1 then null
        when p_probability < 0.02425 then (
            with tail as (select sqrt(-2 * ln(p_probability)) as q)
            select (((((-7.784894002430293e-03 * tail.q - 3.223964580411365e-01) * tail.q - 2.400758277161838e+00)
                      * tail.q - 2.549732539343734e+00) * tail.q + 4.374664141464968e+00) * tail.q
                    + 2.938163982698783e+00)
                   / ((((7.784695709041462e-03 * tail.q + 3.224671290700398e-01) * tail.q + 2.445134137142996e+00)
                       * tail.q + 3.754408661907416e+00) * tail.q + 1)
            from tail)
        when p_probability > 1 - 0.02425 then (
            with tail as (select sqrt(-2 * ln(1 - p_probability)) as q)
            select -(((((-7.784894002430293e-03 * tail.q - 3.223964580411365e-01) * tail.q - 2.400758277161838e+00)
                       * tail.q - 2.549732539343734e+00) * tail.q + 4.374664141464968e+00) * tail.q
                     + 2.938163982698783e+00)
                   / ((((7.784695709041462e-03 * tail.q + 3.224671290700398e-01) * tail.q + 2.445134137142996e+00)
                       * tail.q + 3.754408661907416e+00) * tail.q + 1)
            from tail)
        else (
            with central as (select p_probability - 0.5 as q, (p_probability - 0.5) * (p_probability - 0.5) as r)
            select (((((-3.969683028665376e+01 * central.r + 2.209460984245205e+02) * central.r
                       - 2.759285104469687e+02) * central.r + 1.383577518672690e+02) * central.r
                     - 3.066479806614716e+01) * central.r + 2.506628277459239e+00) * central.q
                   / (((((-5.447609879822406e+01 * central.r + 1.615858368580409e+02) * central.r
                         - 1.556989798598866e+02) * central.r + 6.680131188771972e+01) * central.r
                       - 1.328068155288572e+01) * central.r + 1)
            from central)
    end
$$;

ALTER FUNCTION cw_global.normal_quantile(p_probability double precision) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.normal_quantile(p_probability double precision) IS 'Inverse standard normal Phi^-1(p) for 0 < p < 1 (Acklam''s approximation, relative error below 1.2e-9); null outside (0, 1). The safety factor z of a cycle service level.';

CREATE PROCEDURE cw_global.provision_client(IN p_code text, IN p_name text, IN p_currency text DEFAULT 'EUR'::text, IN p_timezone text DEFAULT 'Europe/Berlin'::text, IN p_erp_dialect text DEFAULT 'catwing'::text)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_schema      text := cw_global.client_schema(p_code);
    v_owner       text := cw_global.client_schema(p_code) || '_owner';
    v_ui          text := cw_global.client_schema(p_code) || '_ui';
    v_currency_id smallint;
    v_dialect_id  smallint;
begin
    if exists (select from cw_global.clients where clients.code = p_code) then
        raise exception 'client % already exists', p_code
            using errcode = 'CW003', hint = 'bring its schemas up to date with: cw migrate';
    end if;
    if p_name is null or length(trim(p_name)) = 0 or length(p_name) > 200 then
        raise exception 'invalid client name % (1 to 200 characters)', coalesce(quote_literal(p_name), 'NULL')
            using errcode = 'CW004', hint = 'pass --name "Some Retailer"';
    end if;
    select currencies.id into v_currency_id from cw_global.currencies where currencies.code = upper(p_currency);
    if v_currency_id is null then
        raise exception 'unknown currency % for client %', quote_literal(p_currency), p_code
            using errcode = 'CW022', hint = 'use an ISO 4217 code listed in cw_global.currencies, e.g. EUR';
    end if;
    if not exists (select from pg_timezone_names where pg_timezone_names.name = p_timezone) then
        raise exception 'unknown time zone % for client %', quote_literal(p_timezone), p_code
            using errcode = 'CW021', hint = 'use an IANA time zone name, e.g. Europe/Berlin';
    end if;
    select erp_dialects.id into v_dialect_id from cw_global.erp_dialects where erp_dialects.code = p_erp_dialect;
    if v_dialect_id is null then
        raise exception 'unknown ERP dialect % for client %', quote_literal(p_erp_dialect), p_code
            using errcode = 'CW023', hint = 'use one of: ' || (select string_agg(code, ', ' order by code)
                                                                from cw_global.erp_dialects);
    end if;
    if exists (select from pg_namespace where nspname in (v_schema, v_schema || '_staging', v_schema || '_stats')) then
        raise exception 'schema % already exists but client % is not registered', v_schema, p_code
            using errcode = 'CW005', hint = 'drop the leftover schemas by hand after checking them';
    end if;

    insert into cw_global.clients (code, name, schema_name, timezone, currency_id, erp_dialect_id)
    values (p_code, trim(p_name), v_schema, p_timezone, v_currency_id, v_dialect_id);

    -- Roles are cluster-wide; they may survive from an earlier life of the client in another database.
    if not exists (select from pg_roles where rolname = v_owner) then
        execute format('create role %I login', v_owner);
    end if;
    if not exists (select from pg_roles where rolname = v_ui) then
        execute format('create role %I login', v_ui);
    end if;
    execute format('comment on role %I is %L', v_owner,
                   'Client ' || p_code || ': owns its schemas; the pipeline and its pg_cron jobs run as this role.');
    execute format('comment on role %I is %L', v_ui,
                   'Client ' || p_code || ': what the UI connects as; writes UI-owned columns only.');
    execute format('grant cw_tenant to %I, %I', v_owner, v_ui);

    execute format('create schema %I authorization %I', v_schema, v_owner);
    execute format('create schema %I authorization %I', v_schema || '_staging', v_owner);
    execute format('create schema %I authorization %I', v_schema || '_stats', v_owner);
    execute format('comment on schema %I is %L', v_schema,
                   'Client ' || p_code || ' production schema: core, orders, behaviours, forecasts, '
                   || 'recommendations, quality and the pipeline procedures.');
    execute format('comment on schema %I is %L', v_schema || '_staging',
                   'Client ' || p_code || ' raw landing rows, file registry and typed staging tables.');
    execute format('comment on schema %I is %L', v_schema || '_stats',
                   'Client ' || p_code || ' UI statistics and warehouse star schema.');
    execute format('grant usage on schema %I, %I to %I', v_schema, v_schema || '_stats', v_ui);
end
$$;

ALTER PROCEDURE cw_global.provision_client(IN p_code text, IN p_name text, IN p_currency text, IN p_timezone text, IN p_erp_dialect text) OWNER TO postgres;

COMMENT ON PROCEDURE cw_global.provision_client(IN p_code text, IN p_name text, IN p_currency text, IN p_timezone text, IN p_erp_dialect text) IS 'Registers a client and creates its roles (cw_nnnnnn_owner, cw_nnnnnn_ui) and schemas (cw_nnnnnn, _staging, _stats). Errors: CW001 bad code, CW003 exists, CW004 bad name, CW005 leftover schema, CW021 time zone, CW022 currency, CW023 ERP dialect. Tables come from the tenant''s Flyway migration that follows.';

CREATE FUNCTION cw_global.repair_client_ownership(p_code text) RETURNS integer
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_schema  text := cw_global.client_schema(p_code);
    v_owner   text := cw_global.client_schema(p_code) || '_owner';
    v_object  record;
    v_count   integer := 0;
begin
    for v_object in
        select format('alter %s %I.%I owner to %I',
                      case pg_class.relkind when 'S' then 'sequence' when 'v' then 'view'
                                            when 'm' then 'materialized view' else 'table' end,
                      pg_namespace.nspname, pg_class.relname, v_owner) as statement
        from pg_class
        inner join pg_namespace on pg_namespace.oid = pg_class.relnamespace
        where pg_namespace.nspname in (v_schema, v_schema || '_staging', v_schema || '_stats')
            and pg_class.relkind in ('r', 'p', 'S', 'v', 'm', 'f')
            and pg_class.relowner <> (select pg_roles.oid from pg_roles where pg_roles.rolname = v_owner)
            and not exists (select from pg_depend where pg_depend.objid = pg_class.oid and pg_depend.deptype = 'a'
                                                    and pg_depend.classid = 'pg_class'::regclass
                                                    and pg_class.relkind = 'S')
        union all
        select format('alter routine %s owner to %I', pg_proc.oid::regprocedure, v_owner)
        from pg_proc
        inner join pg_namespace on pg_namespace.oid = pg_proc.pronamespace
        where pg_namespace.nspname in (v_schema, v_schema || '_staging', v_schema || '_stats')
            and pg_proc.proowner <> (select pg_roles.oid from pg_roles where pg_roles.rolname = v_owner)
    loop
        execute v_object.statement;
        v_count := v_count + 1;
    end loop;
    if v_count > 0 then
        raise notice 'client %: % object(s) given back to %', p_code, v_count, v_owner;
    end if;
    return v_count;
end
$$;

ALTER FUNCTION cw_global.repair_client_ownership(p_code text) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.repair_client_ownership(p_code text) IS 'Alters the owner of every relation and routine in the client''s three schemas that is not owned by its owner role back to that role and returns how many it changed. cw migrate runs it (as the administrator) before the client''s migrations, which run as the owner and must be able to alter everything.';

CREATE PROCEDURE cw_global.restore_client_registry(IN p_code text, IN p_rows jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_client_id integer := cw_global.client_id(p_code);
    v_owner     text := cw_global.client_schema(p_code) || '_owner';
    v_default   record;
    v_grant     record;
begin
    if p_rows ->> 'code' is distinct from p_code then
        raise exception 'the registry rows in the backup are for client %, not %', p_rows ->> 'code', p_code
            using errcode = 'CW133', hint = 'restore a backup of ' || p_code || ' (cw backup --list ' || p_code || ')';
    end if;
    update cw_global.clients
    set name = p_rows ->> 'name',
        timezone = p_rows ->> 'timezone',
        currency_id = (select currencies.id from cw_global.currencies where currencies.code = p_rows ->> 'currency'),
        erp_dialect_id = (select erp_dialects.id from cw_global.erp_dialects
                          where erp_dialects.code = p_rows ->> 'erp_dialect'),
        is_active = (p_rows ->> 'is_active')::boolean,
        settings = p_rows -> 'settings'
    where clients.id = v_client_id;

    insert into cw_global.users (client_id, email, display_name, is_active)
    select v_client_id, backup_user ->> 'email', backup_user ->> 'display_name', (backup_user ->> 'is_active')::boolean
    from jsonb_array_elements(p_rows -> 'users') as backup_users (backup_user)
    on conflict on constraint users_email_key do update
    set display_name = excluded.display_name, is_active = excluded.is_active
    where users.client_id = v_client_id;

    insert into cw_global.user_roles (user_id, role_id)
    select users.id, roles.id
    from jsonb_array_elements(p_rows -> 'users') as backup_users (backup_user)
    cross join jsonb_array_elements_text(backup_user -> 'roles') as backup_roles (role_name)
    inner join cw_global.users on users.email = backup_user ->> 'email' and users.client_id = v_client_id
    inner join cw_global.roles on roles.name = backup_roles.role_name
    on conflict on constraint user_roles_pkey do nothing;

    -- Default privileges of the roles (lost with the cluster, not in a dump of the schemas): each recorded entry is
    -- rebuilt exactly (revoke all from PUBLIC and the role, grant what the entry lists). A backup taken before they
    -- were recorded gets the one the client's first migration sets.
    if not p_rows ? 'default_privileges' then
        execute format('alter default privileges for role %I revoke execute on routines from public', v_owner);
    end if;
    for v_default in
        select cw_global.client_schema(p_code) || '_' || (entries.entry ->> 'role') as role_name,
               entries.entry ->> 'role' as role_kind, entries.entry -> 'grants' as grants,
               case entries.entry ->> 'object_type' when 'r' then 'tables' when 'S' then 'sequences'
                   when 'f' then 'functions' when 'T' then 'types' when 'n' then 'schemas' end as object_word,
               entries.entry ->> 'object_type' as object_type
        from jsonb_array_elements(coalesce(p_rows -> 'default_privileges', '[]')) as entries (entry)
    loop
        if v_default.role_kind is null or v_default.role_kind not in ('owner', 'ui') or v_default.object_word is null
        then
            raise exception 'the backup of % holds a default privilege of role % on object type %: not the client''s '
                            'owner or ui role, or an unknown type', p_code, v_default.role_kind, v_default.object_type
                using errcode = 'CW234',
                      hint = 'the backup was edited or comes from another version of cw; restore another backup';
        end if;
        execute format('alter default privileges for role %I revoke all on %s from public, %I',
                       v_default.role_name, v_default.object_word, v_default.role_name);
        for v_grant in
            select grants.item ->> 'privilege' as privilege_type, (grants.item ->> 'grantable')::boolean as is_grantable,
                   case grants.item ->> 'grantee'
                       when 'public' then 'public'
                       when 'owner' then quote_ident(v_owner)
                       when 'ui' then quote_ident(cw_global.client_schema(p_code) || '_ui')
                       else quote_ident(grants.item ->> 'grantee') end as grantee
            from jsonb_array_elements(v_default.grants) as grants (item)
        loop
            execute format('alter default privileges for role %I grant %s on %s to %s%s', v_default.role_name,
                           v_grant.privilege_type, v_default.object_word, v_grant.grantee,
                           case when v_grant.is_grantable then ' with grant option' else '' end);
        end loop;
    end loop;
end
$$;

ALTER PROCEDURE cw_global.restore_client_registry(IN p_code text, IN p_rows jsonb) OWNER TO postgres;

COMMENT ON PROCEDURE cw_global.restore_client_registry(IN p_code text, IN p_rows jsonb) IS 'Puts back a client''s cw_global rows from client_registry_rows: registry row and settings, UI users (by email) and their application roles, and the default privileges of its roles not tied to a schema (all of an older backup''s: EXECUTE on new routines revoked from PUBLIC). Run inside cw restore''s transaction. Errors: CW002, CW133 rows of another client, CW234 a default privilege of a role other than owner or ui, or of an unknown object type.';

CREATE FUNCTION cw_global.safe_make_date(p_year integer, p_month integer, p_day integer) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case
        when p_year between 1 and 9999 and p_month between 1 and 12
            and p_day between 1 and case
                when p_month = 2 then
                    case when (p_year % 4 = 0 and p_year % 100 <> 0) or p_year % 400 = 0 then 29 else 28 end
                when p_month in (4, 6, 9, 11) then 30
                else 31
            end
            then make_date(p_year, p_month, p_day)
    end
$$;

ALTER FUNCTION cw_global.safe_make_date(p_year integer, p_month integer, p_day integer) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.safe_make_date(p_year integer, p_month integer, p_day integer) IS 'make_date that returns null for an impossible calendar date (2024-02-30) instead of raising.';

CREATE FUNCTION cw_global.section_settings(p_section text, p_overrides jsonb, p_client_code text) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
declare
    v_section   cw_global.setting_sections;
    v_unknown   text;
    v_values    jsonb := '{}';
    v_violation record;
begin
    select * into v_section from cw_global.setting_sections where section = p_section;
    if not found then
        raise exception 'unknown settings section %', quote_literal(p_section)
            using errcode = 'CW050',
                  hint = 'sections: ' || (select string_agg(section, ', ' order by section)
                                          from cw_global.setting_sections);
    end if;
    if p_overrides is not null and jsonb_typeof(p_overrides) <> 'object' then
        raise exception 'invalid settings of client %: section % is %, not an object of key/value pairs',
            p_client_code, p_section, p_overrides
            using errcode = v_section.errcode,
                  hint = format('e.g. {"%s": {"<name>": <value>}}; see %s', p_section, v_section.docs_page);
    end if;
    select string_agg(quote_literal(p_section || '.' || override.key), ', ' order by override.key) into v_unknown
    from jsonb_object_keys(coalesce(p_overrides, '{}')) as override (key)
    where not exists (select from cw_global.setting_definitions
                      where setting_key = p_section || '.' || override.key);
    if v_unknown is not null then
        raise exception 'unknown setting % of client % (a misspelt key would be silently ignored)', v_unknown,
            p_client_code
            using errcode = v_section.errcode,
                  hint = format('known settings of %s: %s (remove it with: cw settings %s --unset <key>)', p_section,
                                (select string_agg(setting_key, ', ' order by setting_key)
                                 from cw_global.setting_definitions where section = p_section), p_client_code);
    end if;
    select coalesce(jsonb_object_agg(substr(setting_key, length(p_section) + 2),
                                     cw_global.setting_value(setting_key,
                                                             p_overrides -> substr(setting_key, length(p_section) + 2),
                                                             p_client_code)), '{}')
    into v_values
    from cw_global.setting_definitions
    where section = p_section;
    for v_violation in
        select lower_setting.setting_key as lower_key, upper_setting.setting_key as upper_key,
               v_values -> substr(lower_setting.setting_key, length(p_section) + 2) as lower_value,
               v_values -> substr(upper_setting.setting_key, length(p_section) + 2) as upper_value
        from cw_global.setting_definitions as lower_setting
        inner join cw_global.setting_definitions as upper_setting
            on upper_setting.setting_key = lower_setting.below_key
        where lower_setting.section = p_section
            and (v_values ->> substr(lower_setting.setting_key, length(p_section) + 2))::numeric
                >= (v_values ->> substr(upper_setting.setting_key, length(p_section) + 2))::numeric
        order by lower_setting.setting_key
        limit 1
    loop
        raise exception 'invalid setting % of client %: % is not below % (%)', v_violation.lower_key, p_client_code,
            v_violation.lower_value, v_violation.upper_key, v_violation.upper_value
            using errcode = v_section.errcode,
                  hint = format('keep %s below %s: cw settings %s --set %s=<value> (docs: %s)', v_violation.lower_key,
                                v_violation.upper_key, p_client_code, v_violation.lower_key, v_section.docs_page);
    end loop;
    return v_values;
end
$$;

ALTER FUNCTION cw_global.section_settings(p_section text, p_overrides jsonb, p_client_code text) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.section_settings(p_section text, p_overrides jsonb, p_client_code text) IS 'One validated settings section: p_overrides (the client''s values, a JSON object name -> value) checked against cw_global.setting_definitions — unknown keys, types, ranges, below_key orderings — with the defaults filled in. Raises the section''s SQLSTATE naming the key, the bad value and the allowed range. Steps call it through <schema>.settings(section).';

CREATE PROCEDURE cw_global.set_client_setting(IN p_code text, IN p_setting_key text, IN p_value jsonb)
    LANGUAGE plpgsql
    SET search_path TO 'pg_catalog', 'pg_temp'
    AS $_$
declare
    v_client_id integer := cw_global.client_id(p_code);
    v_schema    text := cw_global.client_schema(p_code);
    v_section   cw_global.setting_sections;
    v_name      text := substr(p_setting_key, strpos(p_setting_key, '.') + 1);
    v_value     jsonb;
    v_settings  jsonb;
begin
    -- A misspelt key that a DBA wrote by hand can always be removed, even though it is not in the catalog.
    if p_value is null and not exists (select from cw_global.setting_definitions
                                       where setting_definitions.setting_key = p_setting_key) then
        update cw_global.clients set settings = settings #- string_to_array(p_setting_key, '.')
        where clients.id = v_client_id and settings #> string_to_array(p_setting_key, '.') is not null;
        if found then
            return;
        end if;
    end if;
    -- Validates the key and the value (the section's SQLSTATE, or CW050 for an unknown key).
    v_value := cw_global.setting_value(p_setting_key, p_value, p_code);
    select setting_sections.* into v_section
    from cw_global.setting_sections
    inner join cw_global.setting_definitions on setting_definitions.section = setting_sections.section
    where setting_definitions.setting_key = p_setting_key;
    if v_section.stored_in = 'client_settings' then
        execute format('insert into %I.client_settings as current_setting (setting_key, setting_value, description) '
                       'select setting_key, $1, description from cw_global.setting_definitions '
                       'where setting_key = $2 '
                       'on conflict (setting_key) do update set setting_value = excluded.setting_value, '
                       'updated_at = now(), updated_by = current_user '
                       'where current_setting.setting_value is distinct from excluded.setting_value', v_schema)
        using v_value, p_setting_key;
        -- The whole section must stay valid; the row is rolled back with the error otherwise.
        execute format('select %I.settings($1)', v_schema) using v_section.section;
    else
        select clients.settings into v_settings from cw_global.clients where clients.id = v_client_id for update;
        v_settings := case
            when p_value is null then v_settings #- array[v_section.section, v_name]
            else jsonb_set(v_settings, array[v_section.section],
                           coalesce(v_settings -> v_section.section, '{}') || jsonb_build_object(v_name, v_value))
        end;
        if v_settings -> v_section.section = '{}' then
            v_settings := v_settings - v_section.section;
        end if;
        -- The whole section must stay valid (e.g. abc_a_pct below abc_b_pct); a reset is always allowed, so that a
        -- DBA can clear values one by one.
        if p_value is not null then
            perform cw_global.section_settings(v_section.section, v_settings -> v_section.section, p_code);
        end if;
        update cw_global.clients set settings = v_settings
        where clients.id = v_client_id and clients.settings is distinct from v_settings;
    end if;
end
$_$;

ALTER PROCEDURE cw_global.set_client_setting(IN p_code text, IN p_setting_key text, IN p_value jsonb) OWNER TO postgres;

COMMENT ON PROCEDURE cw_global.set_client_setting(IN p_code text, IN p_setting_key text, IN p_value jsonb) IS 'Sets one setting of a client (p_value JSON; null resets it to the catalog default) after validating it and its whole section against cw_global.setting_definitions. cw settings <client> --set key=value / --unset key call it.';

CREATE TABLE cw_global.setting_definitions (
    setting_key text NOT NULL,
    section text NOT NULL,
    value_type text NOT NULL,
    default_value jsonb NOT NULL,
    min_value numeric,
    is_min_exclusive boolean DEFAULT false NOT NULL,
    max_value numeric,
    is_max_exclusive boolean DEFAULT false NOT NULL,
    below_key text,
    allowed_values text[],
    element_pattern text,
    unit text,
    description text NOT NULL,
    CONSTRAINT setting_allowed_values_type_check CHECK (((allowed_values IS NULL) OR (value_type = ANY (ARRAY['text'::text, 'text[]'::text])))),
    CONSTRAINT setting_key_check CHECK ((setting_key ~ '^[a-z][a-z0-9_]{1,30}\.[a-z][a-z0-9_]{1,62}$'::text)),
    CONSTRAINT setting_key_section_check CHECK ((split_part(setting_key, '.'::text, 1) = section)),
    CONSTRAINT setting_range_check CHECK (((min_value IS NULL) OR (max_value IS NULL) OR (min_value <= max_value))),
    CONSTRAINT setting_range_type_check CHECK ((((min_value IS NULL) AND (max_value IS NULL) AND (below_key IS NULL)) OR (value_type = ANY (ARRAY['integer'::text, 'numeric'::text])))),
    CONSTRAINT setting_value_type_check CHECK ((value_type = ANY (ARRAY['integer'::text, 'numeric'::text, 'boolean'::text, 'date'::text, 'text'::text, 'text[]'::text])))
);

ALTER TABLE cw_global.setting_definitions OWNER TO postgres;

COMMENT ON TABLE cw_global.setting_definitions IS 'One row per per-client setting: its type, default, allowed range or values, unit and meaning. Steps read their section through <schema>.settings(section), which validates every value against this catalog; cw settings lists and changes them with the same validation. A new setting is a new row here (docs/architecture.md).';

COMMENT ON COLUMN cw_global.setting_definitions.setting_key IS 'section.name, e.g. behaviors.window_days.';

COMMENT ON COLUMN cw_global.setting_definitions.section IS 'The section (and so the SQLSTATE) the setting belongs to.';

COMMENT ON COLUMN cw_global.setting_definitions.value_type IS 'integer, numeric, boolean, date (ISO yyyy-mm-dd), text or text[] (a JSON array of strings).';

COMMENT ON COLUMN cw_global.setting_definitions.default_value IS 'The value used when the client sets none, as JSON of the setting''s type.';

COMMENT ON COLUMN cw_global.setting_definitions.min_value IS 'Lowest allowed value (numbers only); null = unbounded.';

COMMENT ON COLUMN cw_global.setting_definitions.is_min_exclusive IS 'True when min_value itself is not allowed.';

COMMENT ON COLUMN cw_global.setting_definitions.max_value IS 'Highest allowed value (numbers only); null = unbounded.';

COMMENT ON COLUMN cw_global.setting_definitions.is_max_exclusive IS 'True when max_value itself is not allowed.';

COMMENT ON COLUMN cw_global.setting_definitions.below_key IS 'Another setting of the same section this one must stay strictly below (e.g. abc_a_pct below abc_b_pct).';

COMMENT ON COLUMN cw_global.setting_definitions.allowed_values IS 'For text and text[]: the only values allowed (null = any value matching element_pattern).';

COMMENT ON COLUMN cw_global.setting_definitions.element_pattern IS 'For text and text[]: a regular expression every value (every element) must match.';

COMMENT ON COLUMN cw_global.setting_definitions.unit IS 'Unit of the value (days, pct, units, ...), null when none.';

COMMENT ON COLUMN cw_global.setting_definitions.description IS 'What the setting changes, for the DBA and the UI.';

CREATE FUNCTION cw_global.setting_allowed(p_definition cw_global.setting_definitions) RETURNS text
    LANGUAGE sql IMMUTABLE
    SET search_path TO 'cw_global', 'pg_catalog', 'pg_temp'
    AS $$
    select concat_ws(' ', p_definition.value_type,
        case when p_definition.min_value is not null
             then case when p_definition.is_min_exclusive then '> ' else '>= ' end || p_definition.min_value end,
        case when p_definition.min_value is not null and p_definition.max_value is not null then 'and' end,
        case when p_definition.max_value is not null
             then case when p_definition.is_max_exclusive then '< ' else '<= ' end || p_definition.max_value end,
        case when p_definition.below_key is not null then 'and below ' || p_definition.below_key end,
        case when p_definition.allowed_values is not null
             then 'one of ' || array_to_string(p_definition.allowed_values, ', ') end,
        case when p_definition.element_pattern is not null then 'matching ' || p_definition.element_pattern end,
        case when p_definition.unit is not null then '(' || p_definition.unit || ')' end)
$$;

ALTER FUNCTION cw_global.setting_allowed(p_definition cw_global.setting_definitions) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.setting_allowed(p_definition cw_global.setting_definitions) IS 'The allowed values of a setting in words (type, range, list or pattern, unit), as error messages and cw settings show them.';

CREATE FUNCTION cw_global.setting_value(p_setting_key text, p_value jsonb, p_client_code text DEFAULT NULL::text) RETURNS jsonb
    LANGUAGE plpgsql STABLE
    SET search_path TO 'cw_global', 'pg_catalog', 'pg_temp'
    AS $_$
declare
    v_definition  cw_global.setting_definitions;
    v_errcode     text;
    v_docs        text;
    v_text        text;
    v_number      numeric;
    v_elements    text [];
    v_element     text;
    v_result      jsonb;
    v_problem     text;
    v_allowed     text;
begin
    select * into v_definition from cw_global.setting_definitions where setting_key = p_setting_key;
    if not found then
        raise exception 'unknown setting %', quote_literal(p_setting_key)
            using errcode = 'CW050',
                  hint = 'list the settings with: cw settings <client code> (or select setting_key from '
                         'cw_global.setting_definitions)';
    end if;
    select setting_sections.errcode, setting_sections.docs_page into v_errcode, v_docs
    from cw_global.setting_sections where setting_sections.section = v_definition.section;
    if p_value is null or jsonb_typeof(p_value) = 'null' then
        return v_definition.default_value;
    end if;
    v_text := case when jsonb_typeof(p_value) = 'string' then p_value #>> '{}' else p_value::text end;
    if v_definition.value_type in ('integer', 'numeric') then
        if jsonb_typeof(p_value) not in ('number', 'string') or cw_global.try_numeric(btrim(v_text)) is null then
            v_problem := 'not a number';
        else
            v_number := cw_global.try_numeric(btrim(v_text));
            if v_definition.value_type = 'integer' and v_number <> trunc(v_number) then
                v_problem := 'not a whole number';
            elsif v_definition.min_value is not null and (v_number < v_definition.min_value
                    or (v_definition.is_min_exclusive and v_number = v_definition.min_value)) then
                v_problem := 'outside the allowed range';
            elsif v_definition.max_value is not null and (v_number > v_definition.max_value
                    or (v_definition.is_max_exclusive and v_number = v_definition.max_value)) then
                v_problem := 'outside the allowed range';
            else
                v_result := to_jsonb(case when v_definition.value_type = 'integer' then trunc(v_number) else v_number end);
            end if;
        end if;
    elsif v_definition.value_type = 'boolean' then
        if jsonb_typeof(p_value) = 'boolean' then
            v_result := p_value;
        elsif lower(btrim(v_text)) in ('true', 'false', 'yes', 'no', 'on', 'off') then
            v_result := to_jsonb(lower(btrim(v_text)) in ('true', 'yes', 'on'));
        else
            v_problem := 'not a boolean';
        end if;
    elsif v_definition.value_type = 'date' then
        if jsonb_typeof(p_value) = 'string' and btrim(v_text) ~ '^\d{4}-\d{2}-\d{2}$'
            and cw_global.safe_make_date(substr(btrim(v_text), 1, 4)::integer, substr(btrim(v_text), 6, 2)::integer,
                                         substr(btrim(v_text), 9, 2)::integer) is not null then
            v_result := to_jsonb(btrim(v_text));
        else
            v_problem := 'not a date (yyyy-mm-dd)';
        end if;
    else
        -- text and text[]: a text[] accepts a JSON array, a PostgreSQL array literal or a comma-separated list.
        if v_definition.value_type = 'text' then
            if jsonb_typeof(p_value) <> 'string' then
                v_problem := 'not a string';
            else
                v_elements := array[v_text];
            end if;
        elsif jsonb_typeof(p_value) = 'array' then
            if exists (select from jsonb_array_elements(p_value) as element (value)
                       where jsonb_typeof(element.value) <> 'string') then
                v_problem := 'not an array of strings';
            else
                v_elements := array(select jsonb_array_elements_text(p_value));
            end if;
        elsif jsonb_typeof(p_value) = 'string' then
            v_elements := array(
                select btrim(element.value)
                from unnest(string_to_array(btrim(btrim(v_text), '{}'), ',')) as element (value)
                where btrim(element.value) <> ''
            );
        else
            v_problem := 'not a list of strings';
        end if;
        if v_problem is null then
            foreach v_element in array v_elements loop
                if v_definition.allowed_values is not null and not v_element = any (v_definition.allowed_values) then
                    v_problem := format('%s is not an allowed value', quote_literal(v_element));
                elsif v_definition.element_pattern is not null and v_element !~ v_definition.element_pattern then
                    v_problem := format('%s does not match %s', quote_literal(v_element), v_definition.element_pattern);
                end if;
                exit when v_problem is not null;
            end loop;
        end if;
        if v_problem is null then
            v_result := case when v_definition.value_type = 'text' then to_jsonb(v_elements[1])
                             else to_jsonb(v_elements) end;
        end if;
    end if;
    if v_problem is not null then
        v_allowed := cw_global.setting_allowed(v_definition);
        raise exception 'invalid setting % of client %: % is %', p_setting_key, coalesce(p_client_code, '(any)'),
            v_text, v_problem
            using errcode = v_errcode,
                  detail = format('allowed: %s', v_allowed),
                  hint = format('change it with: cw settings %s --set %s=<value> (%s; docs: %s)',
                                coalesce(p_client_code, '<client code>'), p_setting_key, v_allowed, v_docs);
    end if;
    return v_result;
end
$_$;

ALTER FUNCTION cw_global.setting_value(p_setting_key text, p_value jsonb, p_client_code text) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.setting_value(p_setting_key text, p_value jsonb, p_client_code text) IS 'Validates a value of one setting against cw_global.setting_definitions and returns it normalised (JSON of the setting''s type; the default when the value is null). Raises the section''s SQLSTATE naming the key, the bad value and the allowed range; CW050 for an unknown key.';

CREATE FUNCTION cw_global.try_boolean(p_value text) RETURNS boolean
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$
    select case lower(trim(p_value))
        when 'true' then true when 't' then true when '1' then true when 'yes' then true when 'y' then true
        when 'false' then false when 'f' then false when '0' then false when 'no' then false when 'n' then false
    end
$$;

ALTER FUNCTION cw_global.try_boolean(p_value text) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.try_boolean(p_value text) IS 'true/false/1/0/yes/no as boolean, or null.';

CREATE FUNCTION cw_global.try_date(p_value text, p_format text DEFAULT 'YYYY-MM-DD'::text) RETURNS date
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    select case
        -- Fast path without a regular expression: exactly YYYY-MM-DD.
        when coalesce(p_format, 'YYYY-MM-DD') = 'YYYY-MM-DD' and length(p_value) = 10
            and translate(p_value, '0123456789', '') = '--' and substr(p_value, 5, 1) = '-'
            and substr(p_value, 8, 1) = '-'
            then cw_global.safe_make_date(substr(p_value, 1, 4)::integer, substr(p_value, 6, 2)::integer,
                                          substr(p_value, 9, 2)::integer)
        when p_format = 'DD.MM.YYYY' and length(p_value) = 10
            and translate(p_value, '0123456789', '') = '..' and substr(p_value, 3, 1) = '.'
            and substr(p_value, 6, 1) = '.'
            then cw_global.safe_make_date(substr(p_value, 7, 4)::integer, substr(p_value, 4, 2)::integer,
                                          substr(p_value, 1, 2)::integer)
        when coalesce(p_format, 'YYYY-MM-DD') = 'YYYY-MM-DD'
            and p_value ~ '^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+(Z|[+-][0-9:]+)?)?\s*$'
            then cw_global.safe_make_date(substr(trim(p_value), 1, 4)::integer, substr(trim(p_value), 6, 2)::integer,
                                          substr(trim(p_value), 9, 2)::integer)
        when p_format = 'DD.MM.YYYY' and p_value ~ '^\s*[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}\s*$'
            then cw_global.safe_make_date(split_part(trim(p_value), '.', 3)::integer,
                                          split_part(trim(p_value), '.', 2)::integer,
                                          split_part(trim(p_value), '.', 1)::integer)
    end
$_$;

ALTER FUNCTION cw_global.try_date(p_value text, p_format text) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.try_date(p_value text, p_format text) IS 'The value as a date in the given format (YYYY-MM-DD, optionally with a time part, or DD.MM.YYYY), or null when it is not a real calendar date.';

CREATE FUNCTION cw_global.try_integer(p_value text) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    select case when trim(p_value) ~ '^[-+]?[0-9]{1,18}$' then trim(p_value)::bigint end
$_$;

ALTER FUNCTION cw_global.try_integer(p_value text) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.try_integer(p_value text) IS 'The value as bigint, or null when it is not an integer.';

CREATE FUNCTION cw_global.try_numeric(p_value text, p_format text DEFAULT NULL::text) RETURNS numeric
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $_$
    select case
        -- Fast path without a regular expression: digits with at most a leading minus and one point.
        when p_format is null and length(p_value) between 1 and 40
            and translate(p_value, '0123456789', '') in ('', '.', '-', '-.')
            and strpos(p_value, '-') <= 1 and p_value not in ('.', '-', '-.')
            then p_value::numeric
        when p_format = 'days_suffix' and trim(p_value) ~ '^[0-9]{1,5}[Dd]$'
            then left(trim(p_value), -1)::numeric
        when p_format = 'decimal_comma'
            and trim(p_value) ~ '^[-+]?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?$'
            then replace(replace(trim(p_value), '.', ''), ',', '.')::numeric
        when trim(p_value) ~ '^[-+]?([0-9]{1,30}(\.[0-9]{0,20})?|\.[0-9]{1,20})([eE][-+]?[0-9]{1,3})?$'
            then trim(p_value)::numeric
    end
$_$;

ALTER FUNCTION cw_global.try_numeric(p_value text, p_format text) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.try_numeric(p_value text, p_format text) IS 'The value as numeric, or null when it is not a number (decimal_comma accepts "1.234,50", days_suffix "14D").';

CREATE FUNCTION cw_global.try_timestamptz(p_value text) RETURNS timestamp with time zone
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $_$
    select case
        when p_value ~ '^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?\s*$'
            and cw_global.try_date(p_value, 'YYYY-MM-DD') is not null
            then p_value::timestamptz
    end
$_$;

ALTER FUNCTION cw_global.try_timestamptz(p_value text) OWNER TO postgres;

COMMENT ON FUNCTION cw_global.try_timestamptz(p_value text) IS 'An ISO-8601 timestamp as timestamptz, or null.';

CREATE TABLE cw_global.currencies (
    id smallint NOT NULL,
    code character(3) NOT NULL,
    name text NOT NULL,
    minor_units smallint DEFAULT 2 NOT NULL,
    CONSTRAINT currency_code_check CHECK ((code ~ '^[A-Z]{3}$'::text)),
    CONSTRAINT currency_minor_units_check CHECK (((minor_units >= 0) AND (minor_units <= 4)))
);

ALTER TABLE cw_global.currencies OWNER TO postgres;

COMMENT ON TABLE cw_global.currencies IS 'ISO 4217 currencies that clients, prices and FX rates may use.';

COMMENT ON COLUMN cw_global.currencies.id IS 'Identity key of the currency; referenced as currency_id by countries, fx_rates, clients and the tenant tables that carry money (locations, suppliers, products, price_lists, sales_orders, purchase_orders, behaviours).';

COMMENT ON COLUMN cw_global.currencies.code IS 'ISO 4217 alphabetic code, e.g. EUR.';

COMMENT ON COLUMN cw_global.currencies.name IS 'English name of the currency, e.g. Euro (display only).';

COMMENT ON COLUMN cw_global.currencies.minor_units IS 'Digits after the decimal point in the currency (2 for EUR, 0 for JPY).';

CREATE TABLE cw_global.clients (
    id integer NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    schema_name text NOT NULL,
    timezone text NOT NULL,
    currency_id smallint NOT NULL,
    erp_dialect_id smallint NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    settings jsonb DEFAULT '{}'::jsonb NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT client_code_check CHECK ((code ~ '^CW-[0-9]{6}$'::text)),
    CONSTRAINT client_schema_name_check CHECK ((schema_name = ('cw_'::text || substr(code, 4)))),
    CONSTRAINT client_settings_object_check CHECK ((jsonb_typeof(settings) = 'object'::text))
);

ALTER TABLE cw_global.clients OWNER TO postgres;

COMMENT ON TABLE cw_global.clients IS 'Client registry: one row per tenant. Each client owns the schemas cw_nnnnnn, cw_nnnnnn_staging and cw_nnnnnn_stats and the roles cw_nnnnnn_owner and cw_nnnnnn_ui. Row-level security shows a client role its own row only.';

COMMENT ON COLUMN cw_global.clients.id IS 'Identity key of the client; referenced as client_id by users. Tenant schemas are found through code and schema_name, not this id.';

COMMENT ON COLUMN cw_global.clients.code IS 'Client code CW- and six digits, e.g. CW-000200.';

COMMENT ON COLUMN cw_global.clients.name IS 'Legal or trading name of the client (cw tenant create --name).';

COMMENT ON COLUMN cw_global.clients.schema_name IS 'Production schema of the client (cw_ and the six digits).';

COMMENT ON COLUMN cw_global.clients.timezone IS 'IANA time zone: the pipeline''s run date is the client''s local date.';

COMMENT ON COLUMN cw_global.clients.currency_id IS 'Client currency: money is normalised to it on load.';

COMMENT ON COLUMN cw_global.clients.erp_dialect_id IS 'Dialect of the client''s ERP exports (field mapping).';

COMMENT ON COLUMN cw_global.clients.is_active IS 'False for a client whose service is paused. Informational today: cw tenant list shows it; migrations, loads and pipeline runs do not consult it.';

COMMENT ON COLUMN cw_global.clients.settings IS 'Per-client configuration overrides (thresholds, class boundaries) as a JSON object.';

COMMENT ON COLUMN cw_global.clients.created_at IS 'When the client was registered (provision_client).';

COMMENT ON CONSTRAINT client_schema_name_check ON cw_global.clients IS 'The schema name is derived from the code (CW-000200 -> cw_000200): tools find a client''s schemas and roles from its code alone.';

CREATE TABLE cw_global.setting_sections (
    section text NOT NULL,
    errcode text NOT NULL,
    stored_in text NOT NULL,
    docs_page text NOT NULL,
    description text NOT NULL,
    CONSTRAINT setting_section_errcode_check CHECK ((errcode ~ '^CW[0-9]{3}$'::text)),
    CONSTRAINT setting_section_name_check CHECK ((section ~ '^[a-z][a-z0-9_]{1,30}$'::text)),
    CONSTRAINT setting_section_stored_in_check CHECK ((stored_in = ANY (ARRAY['client_registry'::text, 'client_settings'::text])))
);

ALTER TABLE cw_global.setting_sections OWNER TO postgres;

COMMENT ON TABLE cw_global.setting_sections IS 'Sections of the per-client settings catalog (one per pipeline step or concern). Each section has its own SQLSTATE, raised when one of its settings is unknown or invalid, and says where its values are stored.';

COMMENT ON COLUMN cw_global.setting_sections.section IS 'Section name: the first part of a setting key (quality in quality.max_quantity).';

COMMENT ON COLUMN cw_global.setting_sections.errcode IS 'SQLSTATE raised when a value of this section is invalid or a key is unknown (listed in docs/sqlstates.md).';

COMMENT ON COLUMN cw_global.setting_sections.stored_in IS 'Where the client''s values live: client_registry = cw_global.clients.settings -> section (set by a DBA with cw settings); client_settings = the client''s own <schema>.client_settings table, which its UI role edits.';

COMMENT ON COLUMN cw_global.setting_sections.docs_page IS 'Repository page that explains the section''s settings.';

COMMENT ON COLUMN cw_global.setting_sections.description IS 'What the section configures.';

CREATE TABLE cw_global.change_impact_rules (
    id integer NOT NULL,
    client_id integer,
    table_name text NOT NULL,
    column_name text NOT NULL,
    severity text NOT NULL,
    from_step text,
    reason text NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    updated_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT change_impact_from_step_check CHECK (
CASE severity
    WHEN 'none'::text THEN (from_step IS NULL)
    WHEN 'gate'::text THEN (from_step = 'quality_gate'::text)
    ELSE (from_step IS NOT NULL)
END),
    CONSTRAINT change_impact_name_check CHECK ((((table_name = '*'::text) OR (table_name ~ '^[a-z][a-z0-9_]{0,62}$'::text)) AND ((column_name = '*'::text) OR (column_name ~ '^[a-z][a-z0-9_]{0,62}$'::text)))),
    CONSTRAINT change_impact_reason_check CHECK ((length(btrim(reason)) >= 10)),
    CONSTRAINT change_impact_severity_check CHECK ((severity = ANY (ARRAY['none'::text, 'local'::text, 'moderate'::text, 'cascade'::text, 'gate'::text])))
);

ALTER TABLE cw_global.change_impact_rules OWNER TO postgres;

COMMENT ON TABLE cw_global.change_impact_rules IS 'Change impact rules: what a UI edit of a table.column requires of the pipeline. severity none = recorded only; local = re-run from_step alone for the edited rows'' products/locations; moderate = re-run from from_step to the last step for them; cascade = re-run from from_step for the whole client; gate = re-run from the quality gate for the whole client. client_id null is the default for every client; a row with a client_id overrides it for that client. column_name ''*'' is a table''s default, (''*'', ''*'') the catch-all. Read by process_change_events; client roles may read (their own overrides only), never write. docs/cyclicity.md has the table with reasons.';

COMMENT ON COLUMN cw_global.change_impact_rules.id IS 'Surrogate key of the impact rule.';

COMMENT ON COLUMN cw_global.change_impact_rules.client_id IS 'The client this override applies to; null = the default rule of every client.';

COMMENT ON COLUMN cw_global.change_impact_rules.table_name IS 'Production table of the client schema, or * (any).';

COMMENT ON COLUMN cw_global.change_impact_rules.column_name IS 'UI-owned column of the table, or * (any).';

COMMENT ON COLUMN cw_global.change_impact_rules.severity IS 'none, local, moderate, cascade or gate (see the table comment).';

COMMENT ON COLUMN cw_global.change_impact_rules.from_step IS 'First pipeline step to re-run (cw_global.pipeline_steps.name); null for none, quality_gate for gate.';

COMMENT ON COLUMN cw_global.change_impact_rules.reason IS 'Why: which derived values depend on the column.';

COMMENT ON COLUMN cw_global.change_impact_rules.created_at IS 'When the rule was added.';

COMMENT ON COLUMN cw_global.change_impact_rules.updated_at IS 'When the rule was last changed (set by the DBA).';

ALTER TABLE cw_global.change_impact_rules ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.change_impact_rules_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.cities (
    id integer NOT NULL,
    country_id smallint NOT NULL,
    region_id integer,
    name text NOT NULL,
    latitude numeric(9,6),
    longitude numeric(9,6),
    timezone text NOT NULL,
    CONSTRAINT city_latitude_check CHECK (((latitude >= ('-90'::integer)::numeric) AND (latitude <= (90)::numeric))),
    CONSTRAINT city_longitude_check CHECK (((longitude >= ('-180'::integer)::numeric) AND (longitude <= (180)::numeric)))
);

ALTER TABLE cw_global.cities OWNER TO postgres;

COMMENT ON TABLE cw_global.cities IS 'Cities where locations stand; the key for weather data.';

COMMENT ON COLUMN cw_global.cities.id IS 'Identity key of the city; referenced as city_id by weather_daily and the tenant table locations.';

COMMENT ON COLUMN cw_global.cities.country_id IS 'Country of the city (cw_global.countries).';

COMMENT ON COLUMN cw_global.cities.region_id IS 'Region of the city (cw_global.regions); null when not known.';

COMMENT ON COLUMN cw_global.cities.name IS 'Name of the city, unique within its country: load matches a location''s city and country to it (case-insensitive) to fill locations.city_id.';

COMMENT ON COLUMN cw_global.cities.latitude IS 'Latitude in decimal degrees (WGS 84, north positive); null when not known.';

COMMENT ON COLUMN cw_global.cities.longitude IS 'Longitude in decimal degrees (WGS 84, east positive); null when not known.';

COMMENT ON COLUMN cw_global.cities.timezone IS 'IANA time zone name, e.g. Europe/Berlin.';

ALTER TABLE cw_global.cities ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.cities_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE cw_global.clients ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.clients_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.countries (
    id smallint NOT NULL,
    code character(2) NOT NULL,
    name text NOT NULL,
    currency_id smallint NOT NULL,
    CONSTRAINT country_code_check CHECK ((code ~ '^[A-Z]{2}$'::text))
);

ALTER TABLE cw_global.countries OWNER TO postgres;

COMMENT ON TABLE cw_global.countries IS 'ISO 3166-1 countries where clients have locations or suppliers.';

COMMENT ON COLUMN cw_global.countries.id IS 'Identity key of the country; referenced as country_id by regions, cities and the tenant tables locations, suppliers and price_lists.';

COMMENT ON COLUMN cw_global.countries.code IS 'ISO 3166-1 alpha-2 code, e.g. DE.';

COMMENT ON COLUMN cw_global.countries.name IS 'English name of the country, e.g. Germany (display only).';

COMMENT ON COLUMN cw_global.countries.currency_id IS 'Legal tender of the country.';

ALTER TABLE cw_global.countries ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.countries_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE cw_global.currencies ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.currencies_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.erp_dialects (
    id smallint NOT NULL,
    code text NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    blank_currency_code text,
    file_format text DEFAULT 'json'::text NOT NULL,
    single_location_id text,
    single_location_name text,
    standardises_customer_names boolean DEFAULT false NOT NULL,
    unknown_text text,
    negative_return_prefix text,
    discount_is_fraction boolean DEFAULT false NOT NULL,
    recalculates_line_totals boolean DEFAULT false NOT NULL,
    fixes_invalid_prices boolean DEFAULT false NOT NULL,
    validates_payment_methods boolean DEFAULT false NOT NULL,
    CONSTRAINT erp_dialect_code_check CHECK ((code ~ '^[a-z][a-z0-9_]{1,30}$'::text)),
    CONSTRAINT erp_dialect_file_format_check CHECK ((file_format = ANY (ARRAY['json'::text, 'csv'::text]))),
    CONSTRAINT erp_dialect_single_location_check CHECK (((single_location_id IS NULL) = (single_location_name IS NULL)))
);

ALTER TABLE cw_global.erp_dialects OWNER TO postgres;

COMMENT ON TABLE cw_global.erp_dialects IS 'ERP export dialects the Quality Mapper understands; each has its own field mapping configuration.';

COMMENT ON COLUMN cw_global.erp_dialects.id IS 'Identity key of the dialect; referenced as erp_dialect_id by clients, erp_endpoint_mappings and erp_value_mappings.';

COMMENT ON COLUMN cw_global.erp_dialects.code IS 'Short lowercase identifier used on the command line (--erp-dialect).';

COMMENT ON COLUMN cw_global.erp_dialects.name IS 'Human-readable name of the dialect, e.g. Navision-style export.';

COMMENT ON COLUMN cw_global.erp_dialects.description IS 'What distinguishes the dialect''s exports: field naming, nesting, date and id formats.';

COMMENT ON COLUMN cw_global.erp_dialects.blank_currency_code IS 'Currency of an amount the dialect sends with a blank currency code (navision writes none for its local currency, EUR); null: the client''s own currency.';

COMMENT ON COLUMN cw_global.erp_dialects.file_format IS 'json: JSON arrays or JSON Lines; csv: RFC 4180 CSV with a header row (the loader only; the in-database aws_s3 ingest path refuses a csv dialect with CW300).';

COMMENT ON COLUMN cw_global.erp_dialects.single_location_id IS 'ERP id of the one location every client of the dialect has (a web shop), created by step load when no locations file is sent; sales orders without a location are booked there. Null: locations come from the ERP.';

COMMENT ON COLUMN cw_global.erp_dialects.single_location_name IS 'Name of that location when load creates it.';

COMMENT ON COLUMN cw_global.erp_dialects.standardises_customer_names IS 'Load rule: customer names are trimmed, inner blanks collapsed and written in title case (JOHN  smith: John Smith).';

COMMENT ON COLUMN cw_global.erp_dialects.unknown_text IS 'Load rule: an identified customer''s missing name or city is stored as this text (Unknown). Null: left null.';

COMMENT ON COLUMN cw_global.erp_dialects.negative_return_prefix IS 'Load rule: a sales document whose id starts with this prefix and whose every line has a negative quantity is a return of that many units (the web-shop cancellation-invoice convention, C536379), never negative demand. Null: no such convention (a negative quantity is a gate failure or a removed line).';

COMMENT ON COLUMN cw_global.erp_dialects.discount_is_fraction IS 'The ERP sends a line discount as a fraction of qty x unit price (0.1 = 10 %); load stores the amount. A fraction outside 0..1 is not trusted: it is derived from the sent line total when that lies between 0 and qty x unit price, else 0 (reported by the gate check cleansing).';

COMMENT ON COLUMN cw_global.erp_dialects.recalculates_line_totals IS 'Load rule: line revenue is recalculated as qty x unit price - discount, rounded to cents; the sent line total is only compared (the gate check cleansing reports lines where it differs).';

COMMENT ON COLUMN cw_global.erp_dialects.fixes_invalid_prices IS 'Load rule: a product price that is missing, not a number, zero or negative keeps the product''s last valid loaded price (null for a new product); a cost at or above the valid price is not trusted and stored as null.';

COMMENT ON COLUMN cw_global.erp_dialects.validates_payment_methods IS 'Load rule: a payment method that is not a canonical value of the dialect''s payment_method value mappings is stored as unknown (null).';

ALTER TABLE cw_global.erp_dialects ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.erp_dialects_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.erp_endpoint_joins (
    id integer NOT NULL,
    erp_endpoint_mapping_id integer NOT NULL,
    joined_endpoint text NOT NULL,
    record_key_path text[] NOT NULL,
    joined_key text NOT NULL,
    target_key text NOT NULL,
    is_many boolean NOT NULL,
    CONSTRAINT erp_endpoint_join_target_key_check CHECK ((target_key ~ '^[a-z_]{1,40}$'::text))
);

ALTER TABLE cw_global.erp_endpoint_joins OWNER TO postgres;

COMMENT ON TABLE cw_global.erp_endpoint_joins IS 'Records of another endpoint of the same date joined into each record of an endpoint before it is mapped, for ERPs that send a document''s parts as separate files (web-shop CSV: transaction_items are the lines of transactions, customers.csv the customer of a transaction). Raw records stay as sent; the join happens in the Quality Mapper.';

COMMENT ON COLUMN cw_global.erp_endpoint_joins.id IS 'Identity; joins of one endpoint apply in id order.';

COMMENT ON COLUMN cw_global.erp_endpoint_joins.erp_endpoint_mapping_id IS 'The endpoint whose records are enriched.';

COMMENT ON COLUMN cw_global.erp_endpoint_joins.joined_endpoint IS 'The endpoint whose records are joined in.';

COMMENT ON COLUMN cw_global.erp_endpoint_joins.record_key_path IS 'Path (jsonb #>> style) of the key in the enriched record, e.g. {transaction_id}.';

COMMENT ON COLUMN cw_global.erp_endpoint_joins.joined_key IS 'Key of the joined records that must equal it (trimmed).';

COMMENT ON COLUMN cw_global.erp_endpoint_joins.target_key IS 'Key under which the joined value is added to the record (must not be a key the ERP sends).';

COMMENT ON COLUMN cw_global.erp_endpoint_joins.is_many IS 'true: a JSON array of every matching record in file and record order (document lines); false: the last matching record (a repeated customer row: the last one wins).';

ALTER TABLE cw_global.erp_endpoint_joins ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.erp_endpoint_joins_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.erp_endpoint_mappings (
    id integer NOT NULL,
    erp_dialect_id smallint NOT NULL,
    endpoint text NOT NULL,
    staging_table text NOT NULL,
    lines_path text[],
    is_full_snapshot boolean DEFAULT false NOT NULL,
    follows_trading_calendar boolean DEFAULT false NOT NULL,
    joined_into text,
    CONSTRAINT erp_endpoint_endpoint_check CHECK ((endpoint ~ '^[a-z_]{1,40}$'::text)),
    CONSTRAINT erp_endpoint_staging_table_check CHECK ((staging_table ~ '^staging_[a-z_]+$'::text))
);

ALTER TABLE cw_global.erp_endpoint_mappings OWNER TO postgres;

COMMENT ON TABLE cw_global.erp_endpoint_mappings IS 'Which staging table each endpoint of an ERP dialect maps to; lines_path, when set, is the JSON path of the array of document lines, and the staging table then holds one row per line.';

COMMENT ON COLUMN cw_global.erp_endpoint_mappings.id IS 'Identity key of the endpoint mapping; referenced as erp_endpoint_mapping_id by erp_field_mappings.';

COMMENT ON COLUMN cw_global.erp_endpoint_mappings.erp_dialect_id IS 'Dialect whose export the row describes (cw_global.erp_dialects).';

COMMENT ON COLUMN cw_global.erp_endpoint_mappings.endpoint IS 'ERP endpoint name, the file name in raw-data/{client}/{date}/{endpoint}.json (products, sales_orders, ...); the same names across dialects.';

COMMENT ON COLUMN cw_global.erp_endpoint_mappings.staging_table IS 'Typed staging table in the client''s _staging schema that the endpoint''s records are mapped into, e.g. staging_products.';

COMMENT ON COLUMN cw_global.erp_endpoint_mappings.lines_path IS 'Path (jsonb #> style) of the lines array in a document, e.g. {lines} or {Lines}; null for one row per record.';

COMMENT ON COLUMN cw_global.erp_endpoint_mappings.is_full_snapshot IS 'True when every daily file is the whole snapshot (master data, price lists, inventory): an empty file then fails record_count. False for event endpoints (orders), where an empty day can be legitimate.';

COMMENT ON COLUMN cw_global.erp_endpoint_mappings.follows_trading_calendar IS 'True when the endpoint''s daily volume follows the locations'' trading calendar (sales): the gate expects its volume per trading location and nothing on a day every selling location is closed.';

COMMENT ON COLUMN cw_global.erp_endpoint_mappings.joined_into IS 'Endpoint whose documents this endpoint''s records are joined into (cw_global.erp_endpoint_joins); such records are not mapped on their own and the gate''s staging checks judge them through that endpoint. Null: mapped itself.';

ALTER TABLE cw_global.erp_endpoint_mappings ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.erp_endpoint_mappings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.erp_field_mappings (
    id integer NOT NULL,
    erp_endpoint_mapping_id integer NOT NULL,
    staging_column text NOT NULL,
    source_path text[] NOT NULL,
    is_line_field boolean DEFAULT false NOT NULL,
    data_type text NOT NULL,
    value_format text,
    is_required boolean DEFAULT false NOT NULL,
    is_ignored boolean DEFAULT false NOT NULL,
    default_value text,
    cleansing_rule text,
    CONSTRAINT erp_field_cleansing_rule_check CHECK ((cleansing_rule ~ '^[a-z_]{1,40}$'::text)),
    CONSTRAINT erp_field_data_type_check CHECK ((data_type = ANY (ARRAY['text'::text, 'numeric'::text, 'integer'::text, 'date'::text, 'timestamptz'::text, 'boolean'::text]))),
    CONSTRAINT erp_field_staging_column_check CHECK ((staging_column ~ '^[a-z][a-z0-9_]{0,62}$'::text)),
    CONSTRAINT erp_field_value_format_check CHECK (((value_format IS NULL) OR (value_format = ANY (ARRAY['YYYY-MM-DD'::text, 'DD.MM.YYYY'::text, 'decimal_comma'::text, 'days_suffix'::text]))))
);

ALTER TABLE cw_global.erp_field_mappings OWNER TO postgres;

COMMENT ON TABLE cw_global.erp_field_mappings IS 'One staging column of an endpoint mapping: where its value sits in the raw JSON, its type and format, and whether the ERP must always send it. A value that is present but cannot be cast is a counted quality failure.';

COMMENT ON COLUMN cw_global.erp_field_mappings.id IS 'Identity key of the field mapping (nothing references it).';

COMMENT ON COLUMN cw_global.erp_field_mappings.erp_endpoint_mapping_id IS 'Endpoint mapping (dialect and endpoint) the field belongs to; deleting the endpoint mapping deletes its fields.';

COMMENT ON COLUMN cw_global.erp_field_mappings.staging_column IS 'Column of the endpoint''s staging table that receives the value; a staging column absent from the mapping of a dialect stays null for that dialect.';

COMMENT ON COLUMN cw_global.erp_field_mappings.source_path IS 'jsonb path of the value: from the record root, or from the line element when is_line_field.';

COMMENT ON COLUMN cw_global.erp_field_mappings.is_line_field IS 'True when source_path is read from each element of the lines array (erp_endpoint_mappings.lines_path), false when from the record (document header).';

COMMENT ON COLUMN cw_global.erp_field_mappings.data_type IS 'Type the Quality Mapper casts the JSON value to (text, numeric, integer, date, timestamptz, boolean); a value that does not cast is left null and named in the staging row''s cast_errors.';

COMMENT ON COLUMN cw_global.erp_field_mappings.value_format IS 'How the ERP writes the value: YYYY-MM-DD or DD.MM.YYYY for dates, decimal_comma for numbers like "12,50", days_suffix for date formulas like "14D".';

COMMENT ON COLUMN cw_global.erp_field_mappings.is_required IS 'Missing (absent or null) values of a required field fail the completeness check of the endpoint.';

COMMENT ON COLUMN cw_global.erp_field_mappings.is_ignored IS 'A field the ERP sends that the pipeline does not use: known (no schema-drift warning) but not staged.';

COMMENT ON COLUMN cw_global.erp_field_mappings.default_value IS 'Value used when the record has none (absent or blank), e.g. the web shop''s one location. Null: none.';

COMMENT ON COLUMN cw_global.erp_field_mappings.cleansing_rule IS 'Name of the load rule that fixes or removes invalid values of this field (docs/quality.md "Cleansing rules"): the gate checks type_casts, negative_values and absurd_values leave the field to it and the check cleansing reports what it will do. Null: the gate judges the field.';

COMMENT ON CONSTRAINT erp_field_staging_column_check ON cw_global.erp_field_mappings IS 'The staging column is spliced into generated SQL (quoted with %I): it must be a plain lower-case identifier of at most 63 characters.';

ALTER TABLE cw_global.erp_field_mappings ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.erp_field_mappings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.erp_value_mappings (
    id integer NOT NULL,
    erp_dialect_id smallint NOT NULL,
    endpoint text NOT NULL,
    staging_column text NOT NULL,
    erp_value text NOT NULL,
    canonical_value text NOT NULL,
    CONSTRAINT erp_value_canonical_check CHECK ((canonical_value ~ '^[a-z][a-z_]*$'::text)),
    CONSTRAINT erp_value_normalised_check CHECK (((erp_value = lower(erp_value)) AND (erp_value !~ '\s'::text)))
);

ALTER TABLE cw_global.erp_value_mappings OWNER TO postgres;

COMMENT ON TABLE cw_global.erp_value_mappings IS 'Status and type words of an ERP dialect that differ from the canonical vocabulary (e.g. navision location status Open = active). Load normalises a value to lower case with blanks as underscores, then maps it here; a value without a row is already canonical. On a reference column (a customer or store order number) a row marks a placeholder that references nothing: sales_orders.customer_id cash = anonymous (no customer), transfer_orders.store_order_id store_closure = no store order, the transfer''s reason is store_closure (navision rebalance likewise: reason rebalance).';

COMMENT ON COLUMN cw_global.erp_value_mappings.id IS 'Identity key of the value mapping (nothing references it).';

COMMENT ON COLUMN cw_global.erp_value_mappings.erp_dialect_id IS 'Dialect whose word the row translates (cw_global.erp_dialects).';

COMMENT ON COLUMN cw_global.erp_value_mappings.endpoint IS 'Endpoint of the value (erp_endpoint_mappings.endpoint), e.g. locations.';

COMMENT ON COLUMN cw_global.erp_value_mappings.staging_column IS 'Staging column holding the word, e.g. status or channel.';

COMMENT ON COLUMN cw_global.erp_value_mappings.erp_value IS 'The ERP''s word, normalised: lower case, runs of blanks replaced by one underscore (Partially Received -> partially_received).';

COMMENT ON COLUMN cw_global.erp_value_mappings.canonical_value IS 'The canonical word the production tables use.';

COMMENT ON CONSTRAINT erp_value_normalised_check ON cw_global.erp_value_mappings IS 'Load looks words up after lower-casing them and replacing blanks with underscores: a row stored otherwise would never match.';

ALTER TABLE cw_global.erp_value_mappings ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.erp_value_mappings_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.flyway_schema_history (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);

ALTER TABLE cw_global.flyway_schema_history OWNER TO postgres;

CREATE TABLE cw_global.fx_rates (
    id bigint NOT NULL,
    currency_id smallint NOT NULL,
    rate_date date NOT NULL,
    rate_to_eur numeric(18,8) NOT NULL,
    CONSTRAINT fx_rate_positive_check CHECK ((rate_to_eur > (0)::numeric))
);

ALTER TABLE cw_global.fx_rates OWNER TO postgres;

COMMENT ON TABLE cw_global.fx_rates IS 'Daily FX rates: one unit of the currency in EUR. Money is normalised to a client currency through EUR.';

COMMENT ON COLUMN cw_global.fx_rates.id IS 'Identity key of the rate row (nothing references it).';

COMMENT ON COLUMN cw_global.fx_rates.currency_id IS 'The currency whose value in EUR the row gives (cw_global.currencies).';

COMMENT ON COLUMN cw_global.fx_rates.rate_date IS 'Day the rate applies to. fx_factor() takes the latest rate on or before a date, else the earliest after it; the rows of 2024-01-02 are the fallback reference rates until a daily feed fills the table.';

COMMENT ON COLUMN cw_global.fx_rates.rate_to_eur IS 'Value of one unit of the currency expressed in EUR on rate_date.';

ALTER TABLE cw_global.fx_rates ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.fx_rates_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.load_entities (
    entity text NOT NULL,
    load_order smallint NOT NULL,
    staging_table text NOT NULL,
    erp_key_column text,
    target_table text NOT NULL,
    line_entity text,
    batch_counts_lines boolean DEFAULT false NOT NULL,
    side_tables text[] DEFAULT '{}'::text[] NOT NULL,
    procedure_name text NOT NULL,
    description text NOT NULL,
    CONSTRAINT load_entity_batch_lines_check CHECK (((NOT batch_counts_lines) OR (line_entity IS NOT NULL))),
    CONSTRAINT load_entity_name_check CHECK ((entity ~ '^[a-z][a-z_]{1,40}$'::text)),
    CONSTRAINT load_entity_procedure_name_check CHECK ((procedure_name = ('load_'::text || entity))),
    CONSTRAINT load_entity_staging_table_check CHECK ((staging_table ~ '^staging_[a-z_]+$'::text))
);

ALTER TABLE cw_global.load_entities OWNER TO postgres;

COMMENT ON TABLE cw_global.load_entities IS 'The load entity catalog: step_load (step 3) loops over it in load_order, as run_pipeline loops over pipeline_steps. For each entity it groups the staging records into batch_<entity> (load_batch_records, by erp_key_column, skipping records whose raw hash is that of target_table), calls cw_nnnnnn.load_<entity>(date), which types, pre-checks and writes the changed records, then records load_entity_stats for the entity and its line entity. Adding an entity is a row here plus its procedures (docs/architecture.md, "How to add a load entity").';

COMMENT ON COLUMN cw_global.load_entities.entity IS 'Name of the entity as it appears in load_entity_stats, load_rejects and the work tables batch_<entity> and src_<entity> of the load.';

COMMENT ON COLUMN cw_global.load_entities.load_order IS 'Position in the load: references resolve against entities loaded earlier (locations before orders).';

COMMENT ON COLUMN cw_global.load_entities.staging_table IS 'Staging table (in cw_nnnnnn_staging) that holds the entity''s records of the run date; the one list of the staging tables the load reads.';

COMMENT ON COLUMN cw_global.load_entities.erp_key_column IS 'Staging column with the ERP key of a record (a document''s number for documents with lines). Null: the entity prepares its own batch (inventory balances are grouped by balance date, not by record).';

COMMENT ON COLUMN cw_global.load_entities.target_table IS 'Production table (in cw_nnnnnn) keyed by erp_id that holds the entity; its raw_hash decides which staging records are unchanged.';

COMMENT ON COLUMN cw_global.load_entities.line_entity IS 'Entity and production table of the lines of a document entity (sales_order_lines), null for a flat entity. The driver records its load_entity_stats too.';

COMMENT ON COLUMN cw_global.load_entities.batch_counts_lines IS 'True when a document''s lines are skipped with it (one raw hash for the record and its lines): the unchanged lines are counted by load_batch_records. False for price lists, whose lines are hashed and counted one by one.';

COMMENT ON COLUMN cw_global.load_entities.side_tables IS 'Other production tables the entity''s procedure writes (brands, customers, location_lanes ...): their CHECK constraints need a pre-check too (load_pre_checks).';

COMMENT ON COLUMN cw_global.load_entities.procedure_name IS 'Procedure cw_nnnnnn.load_<entity>(date) that prepares src_<entity> from the changed records and writes them.';

COMMENT ON COLUMN cw_global.load_entities.description IS 'What the entity is and where its rules are documented.';

CREATE TABLE cw_global.load_pre_checks (
    table_name text NOT NULL,
    constraint_name text NOT NULL,
    entity text NOT NULL,
    reject_code text,
    why_no_pre_check text,
    CONSTRAINT load_pre_check_reason_check CHECK (((reject_code IS NULL) = (why_no_pre_check IS NOT NULL))),
    CONSTRAINT load_pre_check_reject_code_check CHECK ((reject_code ~ '^[a-z][a-z0-9_]*$'::text))
);

ALTER TABLE cw_global.load_pre_checks OWNER TO postgres;

COMMENT ON TABLE cw_global.load_pre_checks IS 'The pre-check registry of step load: one row per CHECK constraint of a production table the load writes (load_entities target_table, line_entity and side_tables) with the reject code under which the entity''s procedure refuses a row that would break it, before the set-based write. A test compares it with pg_constraint: a new CHECK constraint on such a table needs its row here (and its pre-check in load_<entity>), or the write of a whole entity falls back to row-by-row.';

COMMENT ON COLUMN cw_global.load_pre_checks.table_name IS 'Production table (in cw_nnnnnn) of the constraint.';

COMMENT ON COLUMN cw_global.load_pre_checks.constraint_name IS 'Name of the CHECK constraint.';

COMMENT ON COLUMN cw_global.load_pre_checks.entity IS 'Load entity whose procedure holds the pre-check.';

COMMENT ON COLUMN cw_global.load_pre_checks.reject_code IS 'reason_code the pre-check writes to load_rejects (the constraint''s own name, or unknown_value for a vocabulary check, missing_fields for a required value); null when no staged value can break the constraint.';

COMMENT ON COLUMN cw_global.load_pre_checks.why_no_pre_check IS 'Why the constraint needs no pre-check (the load sets the column itself, or the UI owns it); null when it has one.';

CREATE TABLE cw_global.pipeline_steps (
    id smallint NOT NULL,
    step_no smallint NOT NULL,
    name text NOT NULL,
    procedure_name text NOT NULL,
    description text NOT NULL,
    CONSTRAINT pipeline_step_procedure_name_check CHECK ((procedure_name = ('step_'::text || name)))
);

ALTER TABLE cw_global.pipeline_steps OWNER TO postgres;

COMMENT ON TABLE cw_global.pipeline_steps IS 'The pipeline step catalog: run_pipeline runs the procedures cw_nnnnnn.step_<name>(date, jsonb) in step_no order.';

COMMENT ON COLUMN cw_global.pipeline_steps.id IS 'Identity key of the step (nothing references it; steps are found by name).';

COMMENT ON COLUMN cw_global.pipeline_steps.step_no IS 'Position of the step in a run, 1 to 13: run_pipeline runs the steps in this order and records it in pipeline_step_runs.step_no.';

COMMENT ON COLUMN cw_global.pipeline_steps.name IS 'Step name used by cw run --from-step/--to-step and in pipeline_step_runs.step_name, e.g. quality_gate.';

COMMENT ON COLUMN cw_global.pipeline_steps.procedure_name IS 'Procedure in the client schema that runs the step.';

COMMENT ON COLUMN cw_global.pipeline_steps.description IS 'What the step computes, in one line.';

COMMENT ON CONSTRAINT pipeline_step_procedure_name_check ON cw_global.pipeline_steps IS 'run_pipeline calls step_<name> in the client schema: the name is the only link between the catalog and the code.';

ALTER TABLE cw_global.pipeline_steps ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.pipeline_steps_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.public_holidays (
    id integer NOT NULL,
    country_code character(2) NOT NULL,
    subdivision_code text,
    holiday_date date NOT NULL,
    name text NOT NULL,
    source text DEFAULT 'configured'::text NOT NULL,
    CONSTRAINT public_holiday_country_code_check CHECK ((country_code ~ '^[A-Z]{2}$'::text)),
    CONSTRAINT public_holiday_name_check CHECK ((name <> ''::text)),
    CONSTRAINT public_holiday_subdivision_code_check CHECK ((subdivision_code ~ '^[A-Z0-9]{1,3}$'::text))
);

ALTER TABLE cw_global.public_holidays OWNER TO postgres;

COMMENT ON TABLE cw_global.public_holidays IS 'Public holidays per country (ISO 3166-1) and, for holidays of one subdivision only, ISO 3166-2 subdivision. A location is closed on its country''s holidays (and on those of the subdivisions its client selects with the calendar.holiday_subdivisions setting) unless location_calendar_dates opens it.';

COMMENT ON COLUMN cw_global.public_holidays.id IS 'Surrogate key of the holiday row.';

COMMENT ON COLUMN cw_global.public_holidays.country_code IS 'ISO 3166-1 alpha-2 code of the country, e.g. GB.';

COMMENT ON COLUMN cw_global.public_holidays.subdivision_code IS 'Subdivision part of the ISO 3166-2 code (ENG for GB-ENG, BY for DE-BY) when the holiday is not country-wide; null for a country-wide holiday.';

COMMENT ON COLUMN cw_global.public_holidays.holiday_date IS 'The day of the holiday (the observed day when moved).';

COMMENT ON COLUMN cw_global.public_holidays.name IS 'Name of the holiday, shown as the reason of a closure.';

COMMENT ON COLUMN cw_global.public_holidays.source IS 'Where the row comes from: the library and version of the shipped data (replaced when the data file changes), or configured (added by a DBA; kept).';

ALTER TABLE cw_global.public_holidays ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.public_holidays_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.quality_check_definitions (
    check_name text NOT NULL,
    category text NOT NULL,
    severity text NOT NULL,
    description text NOT NULL,
    fix_instructions text NOT NULL,
    check_function text NOT NULL,
    run_order smallint NOT NULL,
    endpoints text[],
    reads_staging_rows boolean DEFAULT true NOT NULL,
    CONSTRAINT quality_check_category_check CHECK ((category = ANY (ARRAY['completeness'::text, 'consistency'::text, 'freshness'::text, 'statistical_anomaly'::text]))),
    CONSTRAINT quality_check_function_check CHECK ((check_function ~ '^quality_check_[a-z_]{1,40}$'::text)),
    CONSTRAINT quality_check_name_check CHECK ((check_name ~ '^[a-z_]{1,40}$'::text)),
    CONSTRAINT quality_check_severity_check CHECK ((severity = ANY (ARRAY['critical'::text, 'warning'::text])))
);

ALTER TABLE cw_global.quality_check_definitions OWNER TO postgres;

COMMENT ON TABLE cw_global.quality_check_definitions IS 'The DataQualityGateway''s checks: category, default severity, what each verifies and the client-facing fix instructions shown in the quality report. Some checks raise their severity past a per-client threshold.';

COMMENT ON COLUMN cw_global.quality_check_definitions.check_name IS 'Name of the check as reported in data_quality_checks (a suffix after a colon names the column checked).';

COMMENT ON COLUMN cw_global.quality_check_definitions.category IS 'completeness, consistency, freshness or statistical_anomaly.';

COMMENT ON COLUMN cw_global.quality_check_definitions.severity IS 'Default severity by name: critical (a failure stops the pipeline) or warning. A client may change it (setting quality.checks.<check_name>.severity); a few checks raise it from the data (orphans above the threshold).';

COMMENT ON COLUMN cw_global.quality_check_definitions.description IS 'What the check verifies, for the report.';

COMMENT ON COLUMN cw_global.quality_check_definitions.fix_instructions IS 'Client-facing instructions shown in the quality report; {client} and {date} are filled in.';

COMMENT ON COLUMN cw_global.quality_check_definitions.check_function IS 'Function of each client schema that runs the check: <schema>.<check_function>(p_run_date date) returns setof cw_global.quality_check_result. One file per check: procedures/tenant/R__03xx_quality_check_<name>.sql.';

COMMENT ON COLUMN cw_global.quality_check_definitions.run_order IS 'Order in which the gate runs the checks (results do not depend on it; it only makes runs reproducible).';

COMMENT ON COLUMN cw_global.quality_check_definitions.endpoints IS 'Endpoints the check applies to; null for every endpoint of the client''s dialect (rule-based checks further follow cw_global.quality_rules). Endpoints a client does not send are always left out.';

COMMENT ON COLUMN cw_global.quality_check_definitions.reads_staging_rows IS 'The check judges the typed staging rows of an endpoint; such checks skip endpoints joined into another one (erp_endpoint_mappings.joined_into), whose rows they judge through that endpoint. False: file-level checks.';

CREATE TABLE cw_global.quality_rules (
    id integer NOT NULL,
    endpoint text NOT NULL,
    rule_type text NOT NULL,
    columns text[] NOT NULL,
    ref_endpoint text,
    ref_column text,
    CONSTRAINT quality_rule_reference_check CHECK (((rule_type = 'reference'::text) = (ref_endpoint IS NOT NULL))),
    CONSTRAINT quality_rule_type_check CHECK ((rule_type = ANY (ARRAY['key'::text, 'reference'::text, 'quantity'::text, 'amount'::text, 'event_date'::text, 'planned_date'::text, 'text'::text])))
);

ALTER TABLE cw_global.quality_rules OWNER TO postgres;

COMMENT ON TABLE cw_global.quality_rules IS 'What the gateway checks on each endpoint''s staging table: key (unique business key), reference (must exist in another endpoint of the same batch), quantity and amount (not negative, not absurd), event_date (neither in the future nor ancient), planned_date (a date the ERP plans, such as a launch: not ancient, at most max_planned_days ahead), text (no control characters or absurd lengths).';

COMMENT ON COLUMN cw_global.quality_rules.id IS 'Identity key of the rule; the gate runs the rules in id order.';

COMMENT ON COLUMN cw_global.quality_rules.endpoint IS 'Endpoint whose staging table the rule checks (erp_endpoint_mappings.endpoint), e.g. sales_orders.';

COMMENT ON COLUMN cw_global.quality_rules.rule_type IS 'key (duplicate_keys), reference (orphan_references), quantity and amount (negative_values, absurd_values), event_date (future_dates, ancient_dates) or text (suspicious_text): which checks the rule feeds.';

COMMENT ON COLUMN cw_global.quality_rules.columns IS 'Staging columns the rule applies to.';

COMMENT ON COLUMN cw_global.quality_rules.ref_endpoint IS 'For references: the endpoint whose key must contain the value.';

COMMENT ON COLUMN cw_global.quality_rules.ref_column IS 'For references: the key column of ref_endpoint''s staging table that must hold the value.';

COMMENT ON CONSTRAINT quality_rule_reference_check ON cw_global.quality_rules IS 'A reference rule names the endpoint it points to; other rule types do not.';

ALTER TABLE cw_global.quality_rules ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.quality_rules_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.regions (
    id integer NOT NULL,
    country_id smallint NOT NULL,
    name text NOT NULL
);

ALTER TABLE cw_global.regions OWNER TO postgres;

COMMENT ON TABLE cw_global.regions IS 'First-level administrative regions (states, voivodeships, counties).';

COMMENT ON COLUMN cw_global.regions.id IS 'Identity key of the region; referenced as region_id by cities.';

COMMENT ON COLUMN cw_global.regions.country_id IS 'Country the region belongs to (cw_global.countries).';

COMMENT ON COLUMN cw_global.regions.name IS 'Name of the region, unique within its country.';

ALTER TABLE cw_global.regions ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.regions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.roles (
    id smallint NOT NULL,
    name text NOT NULL,
    description text NOT NULL
);

ALTER TABLE cw_global.roles OWNER TO postgres;

COMMENT ON TABLE cw_global.roles IS 'Application roles of UI users (what a person may do), not database roles.';

COMMENT ON COLUMN cw_global.roles.id IS 'Identity key of the application role; referenced as role_id by user_roles.';

COMMENT ON COLUMN cw_global.roles.name IS 'Application role name: admin, planner or viewer.';

COMMENT ON COLUMN cw_global.roles.description IS 'What a user holding the role may do in the UI.';

ALTER TABLE cw_global.roles ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.roles_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.user_roles (
    user_id integer NOT NULL,
    role_id smallint NOT NULL
);

ALTER TABLE cw_global.user_roles OWNER TO postgres;

COMMENT ON TABLE cw_global.user_roles IS 'Which application roles each user holds.';

COMMENT ON COLUMN cw_global.user_roles.user_id IS 'The user (cw_global.users); deleting the user deletes the row.';

COMMENT ON COLUMN cw_global.user_roles.role_id IS 'The application role the user holds (cw_global.roles).';

CREATE TABLE cw_global.users (
    id integer NOT NULL,
    client_id integer,
    email text NOT NULL,
    display_name text NOT NULL,
    is_active boolean DEFAULT true NOT NULL,
    created_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT user_email_check CHECK ((email ~ '^[^@\s]+@[^@\s]+$'::text))
);

ALTER TABLE cw_global.users OWNER TO postgres;

COMMENT ON TABLE cw_global.users IS 'People who use the CatWing UI; client_id is null for CatWing staff.';

COMMENT ON COLUMN cw_global.users.id IS 'Identity key of the user; referenced as user_id by user_roles.';

COMMENT ON COLUMN cw_global.users.client_id IS 'Client whose data the user works on (cw_global.clients); null for CatWing staff. Deleting the client deletes its users.';

COMMENT ON COLUMN cw_global.users.email IS 'Login e-mail address, unique across all clients.';

COMMENT ON COLUMN cw_global.users.display_name IS 'Name shown in the UI.';

COMMENT ON COLUMN cw_global.users.is_active IS 'False for a user who may no longer sign in (kept for history).';

COMMENT ON COLUMN cw_global.users.created_at IS 'When the user was created.';

ALTER TABLE cw_global.users ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.users_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

CREATE TABLE cw_global.weather_daily (
    id bigint NOT NULL,
    city_id integer NOT NULL,
    weather_date date NOT NULL,
    temperature_min_c numeric(4,1),
    temperature_max_c numeric(4,1),
    temperature_mean_c numeric(4,1),
    precipitation_mm numeric(6,1),
    snowfall_cm numeric(6,1),
    sunshine_hours numeric(4,1),
    wind_speed_max_kmh numeric(5,1),
    source text NOT NULL,
    loaded_at timestamp with time zone DEFAULT now() NOT NULL,
    CONSTRAINT weather_precipitation_check CHECK (((precipitation_mm >= (0)::numeric) AND (snowfall_cm >= (0)::numeric))),
    CONSTRAINT weather_sunshine_check CHECK (((sunshine_hours >= (0)::numeric) AND (sunshine_hours <= (24)::numeric))),
    CONSTRAINT weather_temperature_order_check CHECK ((temperature_min_c <= temperature_max_c)),
    CONSTRAINT weather_temperature_range_check CHECK (((temperature_min_c >= ('-90'::integer)::numeric) AND (temperature_max_c <= (60)::numeric))),
    CONSTRAINT weather_wind_check CHECK ((wind_speed_max_kmh >= (0)::numeric))
);

ALTER TABLE cw_global.weather_daily OWNER TO postgres;

COMMENT ON TABLE cw_global.weather_daily IS 'Observed daily weather per city (a demand driver shared by every client with locations there). Shape only until a weather feed is connected; the pipeline treats a missing day as unknown, never as zero.';

COMMENT ON COLUMN cw_global.weather_daily.id IS 'Identity key of the observation (nothing references it).';

COMMENT ON COLUMN cw_global.weather_daily.city_id IS 'City the observation belongs to (cw_global.cities).';

COMMENT ON COLUMN cw_global.weather_daily.weather_date IS 'Local calendar date of the observation.';

COMMENT ON COLUMN cw_global.weather_daily.temperature_min_c IS 'Lowest air temperature of the day, degrees Celsius.';

COMMENT ON COLUMN cw_global.weather_daily.temperature_max_c IS 'Highest air temperature of the day, degrees Celsius.';

COMMENT ON COLUMN cw_global.weather_daily.temperature_mean_c IS 'Mean air temperature of the day, degrees Celsius.';

COMMENT ON COLUMN cw_global.weather_daily.precipitation_mm IS 'Total precipitation of the day, millimetres.';

COMMENT ON COLUMN cw_global.weather_daily.snowfall_cm IS 'Total snowfall of the day, centimetres.';

COMMENT ON COLUMN cw_global.weather_daily.sunshine_hours IS 'Hours of sunshine.';

COMMENT ON COLUMN cw_global.weather_daily.wind_speed_max_kmh IS 'Highest wind speed of the day, km/h.';

COMMENT ON COLUMN cw_global.weather_daily.source IS 'Feed the row came from (e.g. open-meteo archive).';

COMMENT ON COLUMN cw_global.weather_daily.loaded_at IS 'When the row was loaded or last corrected.';

ALTER TABLE cw_global.weather_daily ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY (
    SEQUENCE NAME cw_global.weather_daily_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1
);

ALTER TABLE ONLY cw_global.change_impact_rules
    ADD CONSTRAINT change_impact_rules_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.cities
    ADD CONSTRAINT cities_country_id_name_key UNIQUE (country_id, name);

ALTER TABLE ONLY cw_global.cities
    ADD CONSTRAINT cities_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.clients
    ADD CONSTRAINT clients_code_key UNIQUE (code);

ALTER TABLE ONLY cw_global.clients
    ADD CONSTRAINT clients_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.clients
    ADD CONSTRAINT clients_schema_name_key UNIQUE (schema_name);

ALTER TABLE ONLY cw_global.countries
    ADD CONSTRAINT countries_code_key UNIQUE (code);

ALTER TABLE ONLY cw_global.countries
    ADD CONSTRAINT countries_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.currencies
    ADD CONSTRAINT currencies_code_key UNIQUE (code);

ALTER TABLE ONLY cw_global.currencies
    ADD CONSTRAINT currencies_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.erp_dialects
    ADD CONSTRAINT erp_dialects_code_key UNIQUE (code);

ALTER TABLE ONLY cw_global.erp_dialects
    ADD CONSTRAINT erp_dialects_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.erp_endpoint_joins
    ADD CONSTRAINT erp_endpoint_joins_erp_endpoint_mapping_id_target_key_key UNIQUE (erp_endpoint_mapping_id, target_key);

ALTER TABLE ONLY cw_global.erp_endpoint_joins
    ADD CONSTRAINT erp_endpoint_joins_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.erp_endpoint_mappings
    ADD CONSTRAINT erp_endpoint_mappings_erp_dialect_id_endpoint_key UNIQUE (erp_dialect_id, endpoint);

ALTER TABLE ONLY cw_global.erp_endpoint_mappings
    ADD CONSTRAINT erp_endpoint_mappings_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.erp_field_mappings
    ADD CONSTRAINT erp_field_mappings_erp_endpoint_mapping_id_staging_column_key UNIQUE (erp_endpoint_mapping_id, staging_column);

ALTER TABLE ONLY cw_global.erp_field_mappings
    ADD CONSTRAINT erp_field_mappings_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.erp_value_mappings
    ADD CONSTRAINT erp_value_mappings_dialect_endpoint_column_value_key UNIQUE (erp_dialect_id, endpoint, staging_column, erp_value);

ALTER TABLE ONLY cw_global.erp_value_mappings
    ADD CONSTRAINT erp_value_mappings_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.flyway_schema_history
    ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);

ALTER TABLE ONLY cw_global.fx_rates
    ADD CONSTRAINT fx_rates_currency_id_rate_date_key UNIQUE (currency_id, rate_date);

ALTER TABLE ONLY cw_global.fx_rates
    ADD CONSTRAINT fx_rates_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.load_entities
    ADD CONSTRAINT load_entities_load_order_key UNIQUE (load_order);

ALTER TABLE ONLY cw_global.load_entities
    ADD CONSTRAINT load_entities_pkey PRIMARY KEY (entity);

ALTER TABLE ONLY cw_global.load_entities
    ADD CONSTRAINT load_entities_staging_table_key UNIQUE (staging_table);

ALTER TABLE ONLY cw_global.load_pre_checks
    ADD CONSTRAINT load_pre_checks_pkey PRIMARY KEY (table_name, constraint_name);

ALTER TABLE ONLY cw_global.pipeline_steps
    ADD CONSTRAINT pipeline_steps_name_key UNIQUE (name);

ALTER TABLE ONLY cw_global.pipeline_steps
    ADD CONSTRAINT pipeline_steps_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.pipeline_steps
    ADD CONSTRAINT pipeline_steps_step_no_key UNIQUE (step_no);

ALTER TABLE ONLY cw_global.public_holidays
    ADD CONSTRAINT public_holidays_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.quality_check_definitions
    ADD CONSTRAINT quality_check_definitions_check_function_key UNIQUE (check_function);

ALTER TABLE ONLY cw_global.quality_check_definitions
    ADD CONSTRAINT quality_check_definitions_pkey PRIMARY KEY (check_name);

ALTER TABLE ONLY cw_global.quality_check_definitions
    ADD CONSTRAINT quality_check_definitions_run_order_key UNIQUE (run_order);

ALTER TABLE ONLY cw_global.quality_rules
    ADD CONSTRAINT quality_rules_endpoint_rule_type_columns_key UNIQUE (endpoint, rule_type, columns);

ALTER TABLE ONLY cw_global.quality_rules
    ADD CONSTRAINT quality_rules_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.regions
    ADD CONSTRAINT regions_country_id_name_key UNIQUE (country_id, name);

ALTER TABLE ONLY cw_global.regions
    ADD CONSTRAINT regions_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.roles
    ADD CONSTRAINT roles_name_key UNIQUE (name);

ALTER TABLE ONLY cw_global.roles
    ADD CONSTRAINT roles_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.setting_definitions
    ADD CONSTRAINT setting_definitions_pkey PRIMARY KEY (setting_key);

ALTER TABLE ONLY cw_global.setting_sections
    ADD CONSTRAINT setting_section_errcode_key UNIQUE (errcode);

ALTER TABLE ONLY cw_global.setting_sections
    ADD CONSTRAINT setting_sections_pkey PRIMARY KEY (section);

ALTER TABLE ONLY cw_global.user_roles
    ADD CONSTRAINT user_roles_pkey PRIMARY KEY (user_id, role_id);

ALTER TABLE ONLY cw_global.users
    ADD CONSTRAINT users_email_key UNIQUE (email);

ALTER TABLE ONLY cw_global.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);

ALTER TABLE ONLY cw_global.weather_daily
    ADD CONSTRAINT weather_daily_city_id_weather_date_key UNIQUE (city_id, weather_date);

ALTER TABLE ONLY cw_global.weather_daily
    ADD CONSTRAINT weather_daily_pkey PRIMARY KEY (id);

CREATE UNIQUE INDEX change_impact_rules_client_id_table_name_column_name_key ON cw_global.change_impact_rules USING btree (COALESCE(client_id, 0), table_name, column_name);

CREATE INDEX flyway_schema_history_s_idx ON cw_global.flyway_schema_history USING btree (success);

CREATE UNIQUE INDEX public_holidays_country_subdivision_date_key ON cw_global.public_holidays USING btree (country_code, COALESCE(subdivision_code, ''::text), holiday_date);

CREATE INDEX public_holidays_holiday_date_idx ON cw_global.public_holidays USING btree (holiday_date);

ALTER TABLE ONLY cw_global.change_impact_rules
    ADD CONSTRAINT change_impact_rules_client_id_fkey FOREIGN KEY (client_id) REFERENCES cw_global.clients(id) ON DELETE CASCADE;

ALTER TABLE ONLY cw_global.change_impact_rules
    ADD CONSTRAINT change_impact_rules_from_step_fkey FOREIGN KEY (from_step) REFERENCES cw_global.pipeline_steps(name) ON UPDATE CASCADE;

ALTER TABLE ONLY cw_global.cities
    ADD CONSTRAINT cities_country_id_fkey FOREIGN KEY (country_id) REFERENCES cw_global.countries(id);

ALTER TABLE ONLY cw_global.cities
    ADD CONSTRAINT cities_region_id_fkey FOREIGN KEY (region_id) REFERENCES cw_global.regions(id);

ALTER TABLE ONLY cw_global.clients
    ADD CONSTRAINT clients_currency_id_fkey FOREIGN KEY (currency_id) REFERENCES cw_global.currencies(id);

ALTER TABLE ONLY cw_global.clients
    ADD CONSTRAINT clients_erp_dialect_id_fkey FOREIGN KEY (erp_dialect_id) REFERENCES cw_global.erp_dialects(id);

ALTER TABLE ONLY cw_global.countries
    ADD CONSTRAINT countries_currency_id_fkey FOREIGN KEY (currency_id) REFERENCES cw_global.currencies(id);

ALTER TABLE ONLY cw_global.erp_dialects
    ADD CONSTRAINT erp_dialects_blank_currency_code_fkey FOREIGN KEY (blank_currency_code) REFERENCES cw_global.currencies(code);

ALTER TABLE ONLY cw_global.erp_endpoint_joins
    ADD CONSTRAINT erp_endpoint_joins_erp_endpoint_mapping_id_fkey FOREIGN KEY (erp_endpoint_mapping_id) REFERENCES cw_global.erp_endpoint_mappings(id) ON DELETE CASCADE;

ALTER TABLE ONLY cw_global.erp_endpoint_mappings
    ADD CONSTRAINT erp_endpoint_mappings_erp_dialect_id_fkey FOREIGN KEY (erp_dialect_id) REFERENCES cw_global.erp_dialects(id);

ALTER TABLE ONLY cw_global.erp_field_mappings
    ADD CONSTRAINT erp_field_mappings_erp_endpoint_mapping_id_fkey FOREIGN KEY (erp_endpoint_mapping_id) REFERENCES cw_global.erp_endpoint_mappings(id) ON DELETE CASCADE;

ALTER TABLE ONLY cw_global.erp_value_mappings
    ADD CONSTRAINT erp_value_mappings_erp_dialect_id_fkey FOREIGN KEY (erp_dialect_id) REFERENCES cw_global.erp_dialects(id);

ALTER TABLE ONLY cw_global.fx_rates
    ADD CONSTRAINT fx_rates_currency_id_fkey FOREIGN KEY (currency_id) REFERENCES cw_global.currencies(id);

ALTER TABLE ONLY cw_global.load_pre_checks
    ADD CONSTRAINT load_pre_checks_entity_fkey FOREIGN KEY (entity) REFERENCES cw_global.load_entities(entity);

ALTER TABLE ONLY cw_global.regions
    ADD CONSTRAINT regions_country_id_fkey FOREIGN KEY (country_id) REFERENCES cw_global.countries(id);

ALTER TABLE ONLY cw_global.setting_definitions
    ADD CONSTRAINT setting_definitions_below_key_fkey FOREIGN KEY (below_key) REFERENCES cw_global.setting_definitions(setting_key);

ALTER TABLE ONLY cw_global.setting_definitions
    ADD CONSTRAINT setting_definitions_section_fkey FOREIGN KEY (section) REFERENCES cw_global.setting_sections(section);

ALTER TABLE ONLY cw_global.user_roles
    ADD CONSTRAINT user_roles_role_id_fkey FOREIGN KEY (role_id) REFERENCES cw_global.roles(id);

ALTER TABLE ONLY cw_global.user_roles
    ADD CONSTRAINT user_roles_user_id_fkey FOREIGN KEY (user_id) REFERENCES cw_global.users(id) ON DELETE CASCADE;

ALTER TABLE ONLY cw_global.users
    ADD CONSTRAINT users_client_id_fkey FOREIGN KEY (client_id) REFERENCES cw_global.clients(id) ON DELETE CASCADE;

ALTER TABLE ONLY cw_global.weather_daily
    ADD CONSTRAINT weather_daily_city_id_fkey FOREIGN KEY (city_id) REFERENCES cw_global.cities(id);

ALTER TABLE cw_global.change_impact_rules ENABLE ROW LEVEL SECURITY;

CREATE POLICY change_impact_rules_default_or_own ON cw_global.change_impact_rules FOR SELECT TO cw_tenant USING (((client_id IS NULL) OR (EXISTS ( SELECT
   FROM cw_global.clients
  WHERE (clients.id = change_impact_rules.client_id)))));

ALTER TABLE cw_global.clients ENABLE ROW LEVEL SECURITY;

CREATE POLICY clients_own_row ON cw_global.clients FOR SELECT TO cw_tenant USING ((EXISTS ( SELECT
   FROM pg_roles
  WHERE ((pg_roles.rolname = ANY (ARRAY[((clients.schema_name || '_owner'::text))::name, ((clients.schema_name || '_ui'::text))::name])) AND pg_has_role(CURRENT_USER, pg_roles.oid, 'usage'::text)))));

ALTER TABLE cw_global.user_roles ENABLE ROW LEVEL SECURITY;

CREATE POLICY user_roles_own_client ON cw_global.user_roles FOR SELECT TO cw_tenant USING ((EXISTS ( SELECT
   FROM cw_global.users
  WHERE (users.id = user_roles.user_id))));

ALTER TABLE cw_global.users ENABLE ROW LEVEL SECURITY;

CREATE POLICY users_own_client ON cw_global.users FOR SELECT TO cw_tenant USING ((EXISTS ( SELECT
   FROM cw_global.clients
  WHERE (clients.id = users.client_id))));

GRANT USAGE ON SCHEMA cw_global TO cw_tenant;

GRANT SELECT ON TABLE cw_global.setting_definitions TO cw_tenant;

GRANT SELECT,REFERENCES ON TABLE cw_global.currencies TO cw_tenant;

GRANT SELECT ON TABLE cw_global.clients TO cw_tenant;

GRANT SELECT ON TABLE cw_global.setting_sections TO cw_tenant;

GRANT SELECT ON TABLE cw_global.change_impact_rules TO cw_tenant;

GRANT SELECT,REFERENCES ON TABLE cw_global.cities TO cw_tenant;

GRANT SELECT,REFERENCES ON TABLE cw_global.countries TO cw_tenant;

GRANT SELECT ON TABLE cw_global.erp_dialects TO cw_tenant;

GRANT SELECT ON TABLE cw_global.erp_endpoint_joins TO cw_tenant;

GRANT SELECT ON TABLE cw_global.erp_endpoint_mappings TO cw_tenant;

GRANT SELECT ON TABLE cw_global.erp_field_mappings TO cw_tenant;

GRANT SELECT ON TABLE cw_global.erp_value_mappings TO cw_tenant;

GRANT SELECT ON TABLE cw_global.flyway_schema_history TO cw_tenant;

GRANT SELECT ON TABLE cw_global.fx_rates TO cw_tenant;

GRANT SELECT ON TABLE cw_global.load_entities TO cw_tenant;

GRANT SELECT ON TABLE cw_global.load_pre_checks TO cw_tenant;

GRANT SELECT ON TABLE cw_global.pipeline_steps TO cw_tenant;

GRANT SELECT ON TABLE cw_global.public_holidays TO cw_tenant;

GRANT SELECT ON TABLE cw_global.quality_check_definitions TO cw_tenant;

GRANT SELECT ON TABLE cw_global.quality_rules TO cw_tenant;

GRANT SELECT ON TABLE cw_global.regions TO cw_tenant;

GRANT SELECT ON TABLE cw_global.roles TO cw_tenant;

GRANT SELECT ON TABLE cw_global.user_roles TO cw_tenant;

GRANT SELECT ON TABLE cw_global.users TO cw_tenant;

GRANT SELECT ON TABLE cw_global.weather_daily TO cw_tenant;

ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA cw_global GRANT SELECT ON TABLES  TO cw_tenant;


-- Tenant provisioning: registry row, roles and the three schemas, in one transaction.
-- Run by the platform administrator (needs CREATEROLE); the tenant's tables come after, from
-- its own Flyway history (cw migrate / cw tenant create).
create or replace procedure cw_global.provision_client(
    p_code text,
    p_name text,
    p_currency text default 'EUR',
    p_timezone text default 'Europe/Berlin',
    p_erp_dialect text default 'catwing'
)
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
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
comment on procedure cw_global.provision_client(text, text, text, text, text) is
'Registers a client and creates its roles (cw_nnnnnn_owner, cw_nnnnnn_ui) and schemas (cw_nnnnnn, _staging, _stats). '
'Errors: CW001 bad code, CW003 exists, CW004 bad name, CW005 leftover schema, CW021 time zone, CW022 currency, '
'CW023 ERP dialect. Tables come from the tenant''s Flyway migration that follows.';

create or replace procedure cw_global.drop_client(p_code text)
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
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
comment on procedure cw_global.drop_client(text) is
'Drops a client: its three schemas with all data, its registry row and its roles (kept, with a notice, when another '
'database still uses them). Errors: CW001 bad code, CW002 unknown client. Raw data in S3 is untouched.';

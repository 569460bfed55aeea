-- Client code validation: the single place that turns a client code into a schema name.
create or replace function cw_global.client_schema(p_code text)
returns text
language plpgsql
immutable
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    if p_code is null or p_code !~ '^CW-[0-9]{6}$' then
        raise exception 'invalid client code % (expected CW- followed by six digits, e.g. CW-000200)',
            coalesce(quote_literal(p_code), 'NULL')
            using errcode = 'CW001', hint = 'list the registered clients with: cw tenant list';
    end if;
    return 'cw_' || substr(p_code, 4);
end
$$;
comment on function cw_global.client_schema(text) is
'Validates a client code (CW- and six digits; SQLSTATE CW001 otherwise) and returns its production schema name.';

-- The registered client for a code, or a clear error: a misconfigured code must fail, never read another client.
create or replace function cw_global.client_id(p_code text)
returns integer
language plpgsql
stable
security invoker
set search_path = pg_catalog, pg_temp
as $$
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
comment on function cw_global.client_id(text) is
'Id of the registered client with this code; SQLSTATE CW002 when no such client exists.';

-- Shared pgTAP fixtures, installed into the migrated test template (schema tests).
create schema if not exists tests;
grant usage on schema tests to public;
comment on schema tests is 'Test fixtures and helpers; exists only in test databases.';

create or replace function tests.run_as(p_role text, p_sql text)
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    execute format('set local role %I', p_role);
    execute p_sql;
    reset role;
end
$$;
comment on function tests.run_as(text, text) is
'Runs a statement as another role; an error propagates (throws_ok rolls the role change back with it).';

create or replace function tests.scalar_as(p_role text, p_sql text)
returns text
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_result text;
begin
    execute format('set local role %I', p_role);
    execute p_sql into v_result;
    reset role;
    return v_result;
end
$$;
comment on function tests.scalar_as(text, text) is 'First column of the first row of a query run as another role.';

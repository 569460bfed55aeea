-- Gives the client's owner role back every object of its three schemas that another role created at run time (e.g. a
-- raw_records partition that a superuser's loader created before ensure_raw_partition fixed its owner).
create or replace function cw_global.repair_client_ownership(p_code text)
returns integer
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
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
comment on function cw_global.repair_client_ownership(text) is
'Alters the owner of every relation and routine in the client''s three schemas that is not owned by its owner role '
'back to that role and returns how many it changed. cw migrate runs it (as the administrator) before the client''s '
'migrations, which run as the owner and must be able to alter everything.';

-- Disaster recovery (issue 18): a client's rows of cw_global (registry row with its settings, its UI users and their
-- application roles) as one JSON document that a backup carries and a restore puts back.
create or replace function cw_global.client_registry_rows(p_code text)
returns jsonb
language sql
stable
security invoker
set search_path = pg_catalog, pg_temp
as $$
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
comment on function cw_global.client_registry_rows(text) is
'The client''s rows of cw_global as JSON (registry row and settings, UI users and their application roles) and the '
'default privileges of its two roles not tied to a schema (role owner or ui, object_type, grants with the grantee '
'public, owner, ui or a role name): what cw backup writes into the dump and restore_client_registry puts back. '
'Errors: CW001, CW002.';

create or replace procedure cw_global.restore_client_registry(p_code text, p_rows jsonb)
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
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
comment on procedure cw_global.restore_client_registry(text, jsonb) is
'Puts back a client''s cw_global rows from client_registry_rows: registry row and settings, UI users (by email) and '
'their application roles, and the default privileges of its roles not tied to a schema (all of an older backup''s: '
'EXECUTE on new routines revoked from PUBLIC). Run inside cw restore''s transaction. Errors: CW002, CW133 rows of '
'another client, CW234 a default privilege of a role other than owner or ui, or of an unknown object type.';

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
            where users.client_id = clients.id), '[]'))
    from cw_global.clients
    inner join cw_global.currencies on currencies.id = clients.currency_id
    inner join cw_global.erp_dialects on erp_dialects.id = clients.erp_dialect_id
    where clients.id = cw_global.client_id(p_code)
$$;
comment on function cw_global.client_registry_rows(text) is
'The client''s rows of cw_global as JSON (registry row and settings, UI users and their application roles): what '
'cw backup writes into the dump and restore_client_registry puts back. Errors: CW001, CW002.';

create or replace procedure cw_global.restore_client_registry(p_code text, p_rows jsonb)
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_client_id integer := cw_global.client_id(p_code);
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
end
$$;
comment on procedure cw_global.restore_client_registry(text, jsonb) is
'Puts back a client''s cw_global rows from client_registry_rows: registry row and settings, UI users (by email) and '
'their application roles. Run inside cw restore''s transaction. Errors: CW002, CW133 rows of another client.';

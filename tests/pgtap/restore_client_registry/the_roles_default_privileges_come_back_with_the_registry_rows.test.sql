-- A restore after the loss of the cluster recreates the client's roles; their default privileges that are not tied
-- to a schema (not in a dump of the schemas) come back from the backup's registry rows.
begin;
select plan(5);

create temporary table tap_rows as select cw_global.client_registry_rows('CW-000901') as registry_rows;
select is(
    (select registry_rows -> 'default_privileges' from tap_rows),
    '[{"role": "owner", "object_type": "f",
       "grants": [{"grantee": "owner", "privilege": "EXECUTE", "grantable": false}]}]'::jsonb,
    'a backup records the owner''s default privilege (EXECUTE on its new routines for itself only, not PUBLIC), '
    'roles named by kind so that a rebuild into another client code applies it to that client''s roles'
);

-- as after provision_client on an empty cluster: the new role has the built-in defaults (PUBLIC may execute)
alter default privileges for role cw_000901_owner grant execute on routines to public;
create function pg_temp.owner_routines_acl()
returns text
language sql
as $$
    select coalesce((select defaclacl::text from pg_default_acl
                     where defaclrole = 'cw_000901_owner'::regrole and defaclnamespace = 0 and defaclobjtype = 'f'),
                    'built-in defaults')
$$;
select is(pg_temp.owner_routines_acl(), 'built-in defaults', 'fixture: the recreated role has the built-in defaults');

select lives_ok(
    $$ do $do$ declare v_rows jsonb := (select registry_rows from tap_rows);
              begin call cw_global.restore_client_registry('CW-000901', v_rows); end $do$ $$,
    'the registry rows are put back'
);
select is(pg_temp.owner_routines_acl(), '{cw_000901_owner=X/cw_000901_owner}',
          'the owner''s routines are again created without EXECUTE for PUBLIC');

update tap_rows set registry_rows = jsonb_set(registry_rows, '{default_privileges,0,role}', '"cw_000902_owner"');
select throws_ok(
    $$ do $do$ declare v_rows jsonb := (select registry_rows from tap_rows);
              begin call cw_global.restore_client_registry('CW-000901', v_rows); end $do$ $$,
    'CW234', null, 'a default privilege of a role that is not the client''s owner or ui role is refused'
);

select * from finish();
rollback;

begin;
select plan(4);

-- The loader may run as a superuser: the partition it creates must still belong to the client's owner role.
call cw_000901.ensure_raw_partition('2031-03-15');
select is(
    (select pg_get_userbyid(relowner)::text from pg_class where oid = 'cw_000901_staging.raw_records_203103'::regclass),
    'cw_000901_owner', 'a partition created by a superuser belongs to the client''s owner role'
);

set local role cw_000901_owner;
select lives_ok(
    $$ alter table cw_000901_staging.raw_records add column probe_note text $$,
    'a migration run as the owner can alter raw_records after data landed in a new partition'
);
reset role;

-- A partition left by an older version, owned by the superuser, is given back by cw migrate.
create table cw_000901_staging.raw_records_203104 partition of cw_000901_staging.raw_records
for values from ('2031-04-01') to ('2031-05-01');
select cmp_ok(cw_global.repair_client_ownership('CW-000901'), '>=', 1,
              'repair_client_ownership reports the objects it gave back');
select is_empty(
    $$ select relname from pg_class inner join pg_namespace on pg_namespace.oid = relnamespace
       where nspname like 'cw\_000901%' and pg_get_userbyid(relowner) <> 'cw_000901_owner' $$,
    'afterwards every relation of the client belongs to its owner role'
);

select * from finish();
rollback;

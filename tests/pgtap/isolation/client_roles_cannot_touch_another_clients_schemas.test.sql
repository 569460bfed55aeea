begin;
select plan(14);

select throws_ok(
    $$ select tests.run_as('cw_000901_owner', 'select count(*) from cw_000902.pipeline_runs') $$,
    '42501', null, 'owner of CW-000901 cannot read CW-000902 production tables'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_owner', 'insert into cw_000902.pipeline_runs (run_date) values (current_date)') $$,
    '42501', null, 'owner of CW-000901 cannot write CW-000902 production tables'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_owner', 'create table cw_000902_staging.intruder (id int)') $$,
    '42501', null, 'owner of CW-000901 cannot create tables in CW-000902 staging'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_owner', 'create table cw_000902_stats.intruder (id int)') $$,
    '42501', null, 'owner of CW-000901 cannot create tables in CW-000902 stats'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_owner', 'call cw_000902.run_pipeline(current_date)') $$,
    '42501', null, 'owner of CW-000901 cannot run the pipeline of CW-000902'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'select count(*) from cw_000902.pipeline_step_runs') $$,
    '42501', null, 'UI role of CW-000901 cannot read CW-000902 tables'
);
select throws_ok(
    $$ select tests.run_as('cw_000902_owner', 'select count(*) from cw_000901.pipeline_runs') $$,
    '42501', null, 'owner of CW-000902 cannot read CW-000901 production tables'
);
select lives_ok(
    $$ select tests.run_as('cw_000901_owner', 'select count(*) from cw_000901.pipeline_runs') $$,
    'owner of CW-000901 reads its own tables'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'delete from cw_000901.pipeline_runs') $$,
    '42501', null, 'UI role of CW-000901 cannot delete the run log of its own client'
);
select schema_privs_are('cw_000902', 'cw_000901_owner', array[]::text[], 'no schema privilege of A on B production');
select schema_privs_are('cw_000902_staging', 'cw_000901_ui', array[]::text[], 'no schema privilege of A UI on B staging');
select schema_privs_are('cw_000901_staging', 'cw_000901_ui', array[]::text[], 'UI role has no access to its own staging');
select table_privs_are(
    'cw_000901', 'pipeline_runs', 'cw_000901_ui', array['SELECT'], 'UI role may only read the run log'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_owner', 'update cw_global.currencies set name = name') $$,
    '42501', null, 'client roles cannot write cw_global'
);

select * from finish();
rollback;

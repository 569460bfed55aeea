begin;
select plan(8);

select table_privs_are('cw_000901', 'change_events', 'cw_000901_ui', array['SELECT'],
                       'the UI role reads change_events (its edit history) and nothing more');
select table_privs_are('cw_000901', 'change_runs', 'cw_000901_ui', array['SELECT'],
                       'the UI role reads change_runs and nothing more');
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'insert into cw_000901.change_events (table_name, row_id, row_key, '
                                           'column_name) values (''products'', 1, ''{}'', ''x'')') $$,
    '42501', null, 'the UI role cannot insert a change event'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'update cw_000901.change_events set status = ''processed''') $$,
    '42501', null, 'the UI role cannot mark events processed'
);
select table_privs_are('cw_global', 'change_impact_rules', 'cw_000901_ui', array['SELECT'],
                       'the UI role may only read the impact rules');
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'update cw_global.change_impact_rules set severity = ''none''') $$,
    '42501', null, 'the UI role cannot alter an impact rule'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_owner', 'delete from cw_global.change_impact_rules') $$,
    '42501', null, 'neither can the client''s owner role (rules are CatWing''s, per-client overrides included)'
);

-- A per-client override is visible to that client only.
insert into cw_global.change_impact_rules (client_id, table_name, column_name, severity, from_step, reason)
select id, 'products', 'planner_note', 'local', 'behaviors', 'test override of client B only'
from cw_global.clients where code = 'CW-000902';
select is(
    tests.scalar_as('cw_000901_ui', 'select count(*) from cw_global.change_impact_rules where client_id is not null'),
    '0', 'client A''s roles do not see client B''s override'
);

select * from finish();
rollback;

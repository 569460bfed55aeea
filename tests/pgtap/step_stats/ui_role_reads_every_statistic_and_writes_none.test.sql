begin;
select plan(8);

select cmp_ok(
    (select count(*) from pg_class
     where relnamespace = 'cw_000901_stats'::regnamespace and relkind in ('r', 'p', 'v', 'm')),
    '>=', 16::bigint,
    'the stats schema holds at least the 16 statistics tables'
);
select is_empty(
    $$ select relname from pg_class
       where relnamespace = 'cw_000901_stats'::regnamespace and relkind in ('r', 'p', 'v', 'm')
           and not has_table_privilege('cw_000901_ui', oid, 'select') $$,
    'the UI role reads every table and view of the stats schema'
);
select is_empty(
    $$ select relname, privilege from pg_class
       cross join unnest(array['insert', 'update', 'delete', 'truncate', 'references', 'trigger']) as privilege
       where relnamespace = 'cw_000901_stats'::regnamespace and relkind in ('r', 'p', 'v', 'm')
           and has_table_privilege('cw_000901_ui', oid, privilege) $$,
    'the UI role has no write privilege on anything in the stats schema'
);
select schema_privs_are('cw_000901_stats', 'cw_000901_ui', array['USAGE'],
    'the UI role may use the stats schema but not create in it');
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'delete from cw_000901_stats.sales_daily') $$,
    '42501', null, 'the UI role cannot delete statistics'
);
select ok(
    not has_function_privilege('cw_000901_ui', 'cw_000901.stats_rebuild(date)', 'execute')
    and not has_function_privilege('cw_000901_ui', 'cw_000901.step_stats(date, jsonb)', 'execute'),
    'the UI role cannot run the refresh'
);
select lives_ok(
    $$ select tests.run_as('cw_000901_ui', 'select * from cw_000901_stats.service_monthly') $$,
    'the UI role reads a statistics table'
);
select tests.run_as('cw_000901_owner', $$ call cw_000901.stats_fact_partition('2031-05-17') $$);
select ok(
    has_table_privilege('cw_000901_ui', 'cw_000901_stats.fact_sales_y2031m05', 'select')
    and not has_table_privilege('cw_000901_ui', 'cw_000901_stats.fact_sales_y2031m05', 'insert'),
    'a fact_sales partition created by the refresh is readable, not writable, by the UI role'
);

select * from finish();
rollback;

begin;
select plan(4);

select tests.stage_hammer_masters(tests.open_load_batch('2024-03-01'));
call cw_000901.step_load('2024-03-01', null);
select is((select count(*) from cw_000901.change_events), 0::bigint, 'a first load (inserts) raises no events');

-- The next snapshot changes ERP-owned values of rows that carry UI-owned columns: load updates them.
select tests.stage_hammer_masters(tests.open_load_batch('2024-03-02'), 'discontinued', 14.99);
update cw_000901_staging.staging_suppliers set lead_time_days = 9, moq = 20;
update cw_000901_staging.staging_locations set name = name || ' (renamed)';
call cw_000901.step_load('2024-03-02', null);
select is(
    (select count(*) from cw_000901.products where erp_status = 'discontinued' and price = 14.99)
    + (select count(*) from cw_000901.suppliers where lead_time_days = 9)
    + (select count(*) from cw_000901.locations where name like '%(renamed)'),
    4::bigint,
    'load did update the product, the supplier and both locations'
);
select is((select count(*) from cw_000901.change_events), 0::bigint, 'load''s updates raise no events');

-- A UI edit between two loads is one event, and the reload after it adds none.
select tests.run_as('cw_000901_ui', 'update cw_000901.suppliers set moq_qty_override = 50');
select tests.stage_hammer_masters(tests.open_load_batch('2024-03-03'), 'active', 15.99);
call cw_000901.step_load('2024-03-03', null);
select results_eq(
    $$ select table_name, column_name, changed_by from cw_000901.change_events $$,
    $$ values ('suppliers'::text, 'moq_qty_override'::text, 'cw_000901_ui'::text) $$,
    'only the UI edit is an event; the reload after it adds none'
);

select * from finish();
rollback;

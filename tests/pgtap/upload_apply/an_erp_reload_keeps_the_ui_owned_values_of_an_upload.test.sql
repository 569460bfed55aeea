begin;
select plan(4);

select tests.stage_hammer_masters(tests.open_load_batch('2024-03-01'));
call cw_000901.step_load('2024-03-01', null);

select tests.staged_upload('suppliers', array[
    '{"supplier_id": "S0001", "lead_time_days": "21", "review_cycle_days": "14"}'
]::jsonb []) as upload_id \gset
call cw_000901.upload_apply(:upload_id, null);
select tests.staged_upload('locations', array[
    '{"location_id": "L002", "is_enabled": "false", "planner_note": "closed for works"}'
]::jsonb []) as upload_id \gset
call cw_000901.upload_apply(:upload_id, null);

select results_eq(
    $$ select lead_time_days, lead_time_days_override, review_cycle_days from cw_000901.suppliers
       where erp_id = 'S0001' $$,
    $$ values (7, 21, 14) $$,
    'the upload fills the override and leaves the ERP''s lead time as it is'
);

-- The next ERP snapshot changes the ERP's lead time and the store's name.
select tests.stage_hammer_masters(tests.open_load_batch('2024-03-02'));
update cw_000901_staging.staging_suppliers set lead_time_days = 9;
update cw_000901_staging.staging_locations set name = name || ' (renamed)';
call cw_000901.step_load('2024-03-02', null);

select results_eq(
    $$ select lead_time_days, lead_time_days_override, review_cycle_days from cw_000901.suppliers
       where erp_id = 'S0001' $$,
    $$ values (9, 21, 14) $$,
    'the reload updates the ERP''s lead time and keeps the uploaded override and review cycle'
);
select results_eq(
    $$ select name, is_enabled, planner_note from cw_000901.locations where erp_id = 'L002' $$,
    $$ values ('Store Berlin (renamed)', false, 'closed for works') $$,
    'the reload renames the store and keeps its uploaded is_enabled and note'
);
select results_eq(
    $$ select table_name, column_name from cw_000901.change_events
       where table_name in ('suppliers', 'locations') order by 1, 2 $$,
    $$ values ('locations', 'is_enabled'), ('locations', 'planner_note'), ('suppliers', 'lead_time_days_override'),
              ('suppliers', 'review_cycle_days') $$,
    'the upload''s UI-owned values are change events like a planner''s edits; the reload adds none'
);

select * from finish();
rollback;

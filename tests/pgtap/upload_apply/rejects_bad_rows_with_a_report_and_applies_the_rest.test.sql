begin;
select plan(5);

select tests.stage_hammer_masters(tests.open_load_batch('2024-03-01'));
call cw_000901.step_load('2024-03-01', null);

select tests.staged_upload('suppliers', array[
    '{"supplier_id": "S0001", "lead_time_days": "21", "moq_qty": "12.5", "is_enabled": "yes"}',
    '{"supplier_id": "S0001", "moq_qty": "ten"}',
    '{"supplier_id": "NOPE", "lead_time_days": "3"}',
    '{"lead_time_days": "999", "review_cycle_days": "0"}'
]::jsonb []) as upload_id \gset
call cw_000901.upload_apply(:upload_id, null);

select results_eq(
    $$ select row_number, column_name, problem from cw_000901.client_upload_errors
       where upload_id = (select max(id) from cw_000901.client_uploads) and problem != 'duplicate'
       order by row_number, column_name $$,
    $$ values (3::bigint, 'moq_qty', 'wrong_type'), (4, 'supplier_id', 'unknown_reference'),
              (5, 'lead_time_days', 'out_of_range'), (5, 'review_cycle_days', 'out_of_range'),
              (5, 'supplier_id', 'missing_value') $$,
    'each bad cell is reported with its row, column and kind of problem'
);
select results_eq(
    $$ select row_number from cw_000901.client_upload_errors
       where upload_id = (select max(id) from cw_000901.client_uploads) and problem = 'duplicate' order by 1 $$,
    $$ values (2::bigint), (3) $$,
    'both rows of a duplicated key are rejected'
);
select results_eq(
    $$ select status, rows_read, rows_rejected, rows_applied from cw_000901.client_uploads
       where id = (select max(id) from cw_000901.client_uploads) $$,
    $$ values ('applied', 4::bigint, 4::bigint, 0::bigint) $$,
    'the upload is applied with its counts'
);

-- A clean file afterwards: the good row applies.
select tests.staged_upload('suppliers', array[
    '{"supplier_id": "S0001", "lead_time_days": "21", "moq_qty": "12.5", "is_enabled": "no", "name": "ignored"}'
]::jsonb []) as upload_id \gset
call cw_000901.upload_apply(:upload_id, null);
select results_eq(
    $$ select lead_time_days_override, moq_qty_override, is_enabled, name from cw_000901.suppliers
       where erp_id = 'S0001' $$,
    $$ values (21, 12.500::numeric(14, 3), false, 'Acme Tools') $$,
    'the valid row fills the UI-owned fields; the informative name is not applied'
);
select is(
    (select count(*) from cw_000901.client_uploads where kind = 'suppliers' and status = 'superseded'),
    1::bigint,
    'the earlier upload of the kind is superseded'
);

select * from finish();
rollback;

begin;
select plan(6);

select is_empty(
    $$ select columns.table_name, columns.column_name
       from information_schema.columns
       inner join cw_000901.field_ownership as ownership on ownership.table_name = columns.table_name
       where columns.table_schema = 'cw_000901'
       except
       select table_name, column_name from cw_000901.field_ownership $$,
    'every column of a registered production table has an owner in field_ownership'
);
select set_eq(
    $$ select table_name::text, column_name::text from information_schema.column_privileges
       where table_schema = 'cw_000901' and grantee = 'cw_000901_ui' and privilege_type = 'UPDATE' $$,
    $$ select table_name, column_name from cw_000901.field_ownership where owner = 'ui' $$,
    'the UI role may update exactly the ui-owned columns of the registry'
);
select is_empty(
    $$ select table_name, privilege_type from information_schema.table_privileges
       where table_schema = 'cw_000901' and grantee = 'cw_000901_ui'
           and privilege_type in ('INSERT', 'DELETE', 'TRUNCATE')
           and table_name in (select table_name from cw_000901.field_ownership where owner <> 'ui') $$,
    'the UI role can neither insert, delete nor truncate production rows (only rows of its own tables, whose every '
    'column is ui-owned, such as inventory_strategy_overrides)'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'delete from cw_000901.products') $$,
    '42501', null, 'the UI role cannot delete products'
);
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'update cw_000901.suppliers set lead_time_days = 1') $$,
    '42501', null, 'the UI role cannot change the ERP''s lead time'
);
select lives_ok(
    $$ select tests.run_as('cw_000901_ui', 'update cw_000901.suppliers set lead_time_days_override = 9') $$,
    'the UI role sets its own lead time beside the ERP''s'
);

select * from finish();
rollback;

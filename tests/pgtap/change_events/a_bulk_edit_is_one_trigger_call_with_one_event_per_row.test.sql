begin;
select plan(4);

select set_eq(
    $$ select pg_class.relname::text from pg_trigger
       inner join pg_class on pg_class.oid = pg_trigger.tgrelid
       where pg_class.relnamespace = 'cw_000901'::regnamespace and pg_trigger.tgname = 'change_events_capture'
           -- tgtype bits: 1 = row level (must be off), 16 = UPDATE; transition tables old_rows/new_rows
           and pg_trigger.tgtype & 1 = 0 and pg_trigger.tgtype & 16 = 16
           and pg_trigger.tgoldtable = 'old_rows' and pg_trigger.tgnewtable = 'new_rows' $$,
    $$ select distinct table_name from cw_000901.field_ownership as ownership where owner = 'ui'
           and (exists (select from information_schema.columns as keyed where keyed.table_schema = 'cw_000901'
                        and keyed.table_name = ownership.table_name and keyed.column_name = 'id')
                or exists (select from pg_constraint where contype = 'p'
                           and conrelid = format('cw_000901.%I', ownership.table_name)::regclass)) $$,
    'every table with UI-owned columns and an id or a primary key has the statement-level change trigger with '
    'transition tables'
);

select set_eq(
    $$ select pg_class.relname::text || ':' || pg_trigger.tgname from pg_trigger
       inner join pg_class on pg_class.oid = pg_trigger.tgrelid
       where pg_class.relnamespace = 'cw_000901'::regnamespace
           and pg_trigger.tgname in ('change_events_capture_insert', 'change_events_capture_delete') $$,
    $$ select distinct ownership.table_name || ':change_events_capture_' || lower(privilege)
       from cw_000901.field_ownership as ownership
       cross join (values ('INSERT'), ('DELETE')) as privileges (privilege)
       where ownership.owner = 'ui'
           and has_table_privilege('cw_000901_ui', format('cw_000901.%I', ownership.table_name), privilege) $$,
    'exactly the UI tables whose rows the UI role may insert (delete) have the insert (delete) trigger'
);

-- 2,000 products edited in one statement: one trigger call writes one event per row.
insert into cw_000901.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash)
select format('B%s', g), 'bulk', 1, 'active', '2024-03-01', gen_random_uuid() from generate_series(1, 2000) as g;
select tests.run_as('cw_000901_ui', $$ update cw_000901.products set assortment_override = 'STOCK'
                                       where erp_id like 'B%' and erp_id <> 'B7' $$);
select is((select count(*) from cw_000901.change_events), 1999::bigint, 'one event per edited row');
select is(
    (select count(distinct transaction_id) from cw_000901.change_events), 1::bigint,
    'the events of one statement share its transaction'
);

select * from finish();
rollback;

begin;
select plan(4);

-- Step 8 analyses what it wrote (docs/inventory.md, "Statistics"): later steps of the same night join the date's
-- targets and parameters, and a table never analysed is planned as if it held a handful of rows.
select tests.inventory_world('2024-06-30');
-- A client's first run: neither table was ever analysed (reltuples -1, as after its migration).
update pg_catalog.pg_class set reltuples = -1
where oid in ('cw_000901.inventory_targets'::regclass, 'cw_000901.inventory_target_params'::regclass);
delete from pg_catalog.pg_statistic
where starelid in ('cw_000901.inventory_targets'::regclass, 'cw_000901.inventory_target_params'::regclass);
select is((select pg_class.reltuples from pg_catalog.pg_class
           where pg_class.oid = 'cw_000901.inventory_targets'::regclass), -1::real,
          'before the first run the targets table was never analysed');

call cw_000901.step_inventory_targets('2024-06-30', null);
select is((select pg_class.reltuples from pg_catalog.pg_class
           where pg_class.oid = 'cw_000901.inventory_targets'::regclass),
          (select count(*)::real from cw_000901.inventory_targets),
          'after the first run the planner knows how many targets there are');
select is((select pg_class.reltuples from pg_catalog.pg_class
           where pg_class.oid = 'cw_000901.inventory_target_params'::regclass),
          (select count(*)::real from cw_000901.inventory_target_params),
          'and how many parameters');
select isnt_empty($$ select from pg_catalog.pg_stats
                    where schemaname = 'cw_000901' and tablename = 'inventory_targets'
                        and attname = 'snapshot_date' $$,
                  'the targets have column statistics (the run date''s share of the table)');

select * from finish();
rollback;

begin;
select plan(4);

-- The tables step load writes, by the catalog: each entity's table, its lines' table and its side tables.
create temp view load_tables as
select load_entities.entity, tables.table_name
from cw_global.load_entities
cross join lateral unnest(array[load_entities.target_table, load_entities.line_entity] || load_entities.side_tables)
    as tables (table_name)
where tables.table_name is not null;

select set_eq(
    $$select constraints.conrelid::regclass::text, constraints.conname::text
      from pg_catalog.pg_constraint as constraints
      where constraints.contype = 'c' and constraints.connamespace = 'cw_000901'::regnamespace
          and constraints.conrelid::regclass::text in (select 'cw_000901.' || load_tables.table_name
                                                       from load_tables)$$,
    $$select 'cw_000901.' || load_pre_checks.table_name, load_pre_checks.constraint_name
      from cw_global.load_pre_checks$$,
    'every CHECK constraint of a table step load writes has its row in cw_global.load_pre_checks, and every row '
    'names an existing constraint'
);

select is_empty(
    $$select load_pre_checks.table_name, load_pre_checks.entity
      from cw_global.load_pre_checks
      where not exists (select from load_tables
                        where load_tables.table_name = load_pre_checks.table_name
                            and load_tables.entity = load_pre_checks.entity)$$,
    'each pre-check belongs to the entity whose load writes its table'
);

select is_empty(
    $$select load_pre_checks.constraint_name, load_pre_checks.reject_code
      from cw_global.load_pre_checks
      inner join cw_global.load_entities on load_entities.entity = load_pre_checks.entity
      where load_pre_checks.reject_code is not null
          and position(quote_literal(load_pre_checks.reject_code) in (
              select procedures.prosrc from pg_catalog.pg_proc as procedures
              where procedures.oid = format('cw_000901.%I(date)', load_entities.procedure_name)::regprocedure)) = 0$$,
    'the procedure of the entity sets the reject code of each registered pre-check'
);

select set_eq(
    $$select tables.relname::text from pg_catalog.pg_class as tables
      where tables.relnamespace = 'cw_000901_staging'::regnamespace and tables.relkind in ('r', 'p')
          and tables.relname like 'staging\_%'$$,
    $$select load_entities.staging_table from cw_global.load_entities$$,
    'the load entity catalog lists every staging table of a client, and only those'
);

select * from finish();
rollback;

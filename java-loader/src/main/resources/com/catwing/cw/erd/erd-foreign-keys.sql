-- The foreign keys of the ERD's tables, each once: the constraints PostgreSQL clones onto partitions (and for
-- references to a partitioned table's partitions) have a parent constraint and are left out. Columns in key order.
-- Parameter: the schema names as text[].
select
    nsp.nspname as schema_name,
    cls.relname as table_name,
    con.conname as constraint_name,
    ref_nsp.nspname as ref_schema_name,
    ref_cls.relname as ref_table_name,
    array(
        select att.attname::text
        from unnest(con.conkey) with ordinality as key_column (attnum, position)
        inner join pg_catalog.pg_attribute as att on att.attrelid = con.conrelid and att.attnum = key_column.attnum
        order by key_column.position
    ) as column_names,
    array(
        select att.attname::text
        from unnest(con.confkey) with ordinality as key_column (attnum, position)
        inner join pg_catalog.pg_attribute as att on att.attrelid = con.confrelid and att.attnum = key_column.attnum
        order by key_column.position
    ) as ref_column_names,
    con.confdeltype as on_delete,
    obj_description(con.oid, 'pg_constraint') as constraint_comment
from pg_catalog.pg_constraint as con
inner join pg_catalog.pg_class as cls on cls.oid = con.conrelid
inner join pg_catalog.pg_namespace as nsp on nsp.oid = cls.relnamespace
inner join pg_catalog.pg_class as ref_cls on ref_cls.oid = con.confrelid
inner join pg_catalog.pg_namespace as ref_nsp on ref_nsp.oid = ref_cls.relnamespace
where
    con.contype = 'f'
    and con.conparentid = 0
    and not cls.relispartition
    and nsp.nspname = any(?::text[])
order by nsp.nspname, cls.relname, con.conname

-- The tables of the ERD: every ordinary and partitioned table of the given schemas (partitions are shown through
-- their parent), with its comment. Parameter: the schema names as text[].
select
    nsp.nspname as schema_name,
    cls.relname as table_name,
    cls.relkind = 'p' as is_partitioned,
    cls.relpersistence = 'u' as is_unlogged,
    obj_description(cls.oid, 'pg_class') as table_comment
from pg_catalog.pg_class as cls
inner join pg_catalog.pg_namespace as nsp on nsp.oid = cls.relnamespace
where
    nsp.nspname = any(?::text[])
    and cls.relkind in ('r', 'p')
    and not cls.relispartition
order by nsp.nspname, cls.relname

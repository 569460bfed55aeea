-- The columns of the ERD's tables in table order: type, nullability, default, comment, and whether the column is part
-- of the primary key or of a unique constraint. Parameter: the schema names as text[].
with tables as (
    select cls.oid, nsp.nspname as schema_name, cls.relname as table_name
    from pg_catalog.pg_class as cls
    inner join pg_catalog.pg_namespace as nsp on nsp.oid = cls.relnamespace
    where nsp.nspname = any(?::text[]) and cls.relkind in ('r', 'p') and not cls.relispartition
),

key_columns as (
    select con.conrelid, key_column.attnum, bool_or(con.contype = 'p') as is_pk, bool_or(con.contype = 'u') as is_unique
    from pg_catalog.pg_constraint as con
    cross join lateral unnest(con.conkey) as key_column (attnum)
    where con.contype in ('p', 'u') and con.conrelid in (select tables.oid from tables)
    group by con.conrelid, key_column.attnum
)

select
    tables.schema_name,
    tables.table_name,
    att.attname as column_name,
    pg_catalog.format_type(att.atttypid, att.atttypmod) as data_type,
    not att.attnotnull as is_nullable,
    pg_catalog.pg_get_expr(def.adbin, def.adrelid) as column_default,
    att.attidentity <> '' as is_identity,
    att.attgenerated <> '' as is_generated,
    coalesce(key_columns.is_pk, false) as is_pk,
    coalesce(key_columns.is_unique, false) as is_unique,
    col_description(tables.oid, att.attnum) as column_comment
from tables
inner join pg_catalog.pg_attribute as att on att.attrelid = tables.oid and att.attnum > 0 and not att.attisdropped
left join pg_catalog.pg_attrdef as def on def.adrelid = att.attrelid and def.adnum = att.attnum
left join key_columns on key_columns.conrelid = tables.oid and key_columns.attnum = att.attnum
order by tables.schema_name, tables.table_name, att.attnum

-- Casts that return null instead of raising: the Quality Mapper counts a present-but-uncastable value as a
-- quality failure rather than crashing on it. They run once per staged value, so they are written to be inlined by
-- the planner: one plain SQL expression each, no exception blocks, no CTE, and no SET search_path clause (a SET
-- clause forbids inlining). That is safe here: the bodies call only pg_catalog built-ins and schema-qualified
-- cw_global functions, and pg_catalog is always searched first.

create or replace function cw_global.safe_make_date(p_year integer, p_month integer, p_day integer)
returns date
language sql
immutable
parallel safe
security invoker
as $$
    select case
        when p_year between 1 and 9999 and p_month between 1 and 12
            and p_day between 1 and case
                when p_month = 2 then
                    case when (p_year % 4 = 0 and p_year % 100 <> 0) or p_year % 400 = 0 then 29 else 28 end
                when p_month in (4, 6, 9, 11) then 30
                else 31
            end
            then make_date(p_year, p_month, p_day)
    end
$$;
comment on function cw_global.safe_make_date(integer, integer, integer) is
'make_date that returns null for an impossible calendar date (2024-02-30) instead of raising.';

create or replace function cw_global.try_numeric(p_value text, p_format text default null)
returns numeric
language sql
immutable
parallel safe
security invoker
as $$
    select case
        -- Fast path without a regular expression: digits with at most a leading minus and one point.
        when p_format is null and length(p_value) between 1 and 40
            and translate(p_value, '0123456789', '') in ('', '.', '-', '-.')
            and strpos(p_value, '-') <= 1 and p_value not in ('.', '-', '-.')
            then p_value::numeric
        when p_format = 'days_suffix' and trim(p_value) ~ '^[0-9]{1,5}[Dd]$'
            then left(trim(p_value), -1)::numeric
        when p_format = 'decimal_comma'
            and trim(p_value) ~ '^[-+]?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?$'
            then replace(replace(trim(p_value), '.', ''), ',', '.')::numeric
        when trim(p_value) ~ '^[-+]?([0-9]{1,30}(\.[0-9]{0,20})?|\.[0-9]{1,20})([eE][-+]?[0-9]{1,3})?$'
            then trim(p_value)::numeric
    end
$$;
comment on function cw_global.try_numeric(text, text) is
'The value as numeric, or null when it is not a number (decimal_comma accepts "1.234,50", days_suffix "14D").';

create or replace function cw_global.try_integer(p_value text)
returns bigint
language sql
immutable
parallel safe
security invoker
as $$
    select case when trim(p_value) ~ '^[-+]?[0-9]{1,18}$' then trim(p_value)::bigint end
$$;
comment on function cw_global.try_integer(text) is 'The value as bigint, or null when it is not an integer.';

create or replace function cw_global.try_boolean(p_value text)
returns boolean
language sql
immutable
parallel safe
security invoker
as $$
    select case lower(trim(p_value))
        when 'true' then true when 't' then true when '1' then true when 'yes' then true when 'y' then true
        when 'false' then false when 'f' then false when '0' then false when 'no' then false when 'n' then false
    end
$$;
comment on function cw_global.try_boolean(text) is 'true/false/1/0/yes/no as boolean, or null.';

create or replace function cw_global.try_date(p_value text, p_format text default 'YYYY-MM-DD')
returns date
language sql
immutable
parallel safe
security invoker
as $$
    select case
        -- Fast path without a regular expression: exactly YYYY-MM-DD.
        when coalesce(p_format, 'YYYY-MM-DD') = 'YYYY-MM-DD' and length(p_value) = 10
            and translate(p_value, '0123456789', '') = '--' and substr(p_value, 5, 1) = '-'
            and substr(p_value, 8, 1) = '-'
            then cw_global.safe_make_date(substr(p_value, 1, 4)::integer, substr(p_value, 6, 2)::integer,
                                          substr(p_value, 9, 2)::integer)
        when p_format = 'DD.MM.YYYY' and length(p_value) = 10
            and translate(p_value, '0123456789', '') = '..' and substr(p_value, 3, 1) = '.'
            and substr(p_value, 6, 1) = '.'
            then cw_global.safe_make_date(substr(p_value, 7, 4)::integer, substr(p_value, 4, 2)::integer,
                                          substr(p_value, 1, 2)::integer)
        when coalesce(p_format, 'YYYY-MM-DD') = 'YYYY-MM-DD'
            and p_value ~ '^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]+(Z|[+-][0-9:]+)?)?\s*$'
            then cw_global.safe_make_date(substr(trim(p_value), 1, 4)::integer, substr(trim(p_value), 6, 2)::integer,
                                          substr(trim(p_value), 9, 2)::integer)
        when p_format = 'DD.MM.YYYY' and p_value ~ '^\s*[0-9]{1,2}\.[0-9]{1,2}\.[0-9]{4}\s*$'
            then cw_global.safe_make_date(split_part(trim(p_value), '.', 3)::integer,
                                          split_part(trim(p_value), '.', 2)::integer,
                                          split_part(trim(p_value), '.', 1)::integer)
    end
$$;
comment on function cw_global.try_date(text, text) is
'The value as a date in the given format (YYYY-MM-DD, optionally with a time part, or DD.MM.YYYY), or null when it '
'is not a real calendar date.';

create or replace function cw_global.try_timestamptz(p_value text)
returns timestamptz
language sql
stable
parallel safe
security invoker
as $$
    select case
        when p_value ~ '^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?\s*$'
            and cw_global.try_date(p_value, 'YYYY-MM-DD') is not null
            then p_value::timestamptz
    end
$$;
comment on function cw_global.try_timestamptz(text) is 'An ISO-8601 timestamp as timestamptz, or null.';

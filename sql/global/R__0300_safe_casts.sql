-- Casts that return null instead of raising: the Quality Mapper counts a present-but-uncastable value as a
-- quality failure rather than crashing on it. Plain SQL (no exception blocks), so the planner can inline them.

create or replace function cw_global.try_numeric(p_value text, p_format text default null)
returns numeric
language sql
immutable
parallel safe
security invoker
set search_path = pg_catalog, pg_temp
as $$
    select case
        when p_format = 'days_suffix' and trim(p_value) ~ '^[0-9]{1,5}[Dd]$'
            then left(trim(p_value), -1)::numeric
        when p_format = 'decimal_comma'
            and trim(p_value) ~ '^[-+]?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?$'
            then replace(replace(trim(p_value), '.', ''), ',', '.')::numeric
        when trim(p_value) ~ '^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]{1,3})?$'
            and length(trim(p_value)) <= 40
            then trim(p_value)::numeric
    end
$$;
comment on function cw_global.try_numeric(text, text) is
'The value as numeric, or null when it is not a number (decimal_comma accepts "1.234,50").';

create or replace function cw_global.try_integer(p_value text)
returns bigint
language sql
immutable
parallel safe
security invoker
set search_path = pg_catalog, pg_temp
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
set search_path = pg_catalog, pg_temp
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
set search_path = pg_catalog, pg_temp
as $$
    with parts as (
        select case
            when coalesce(p_format, 'YYYY-MM-DD') = 'YYYY-MM-DD'
                then regexp_match(p_value, '^\s*([0-9]{4})-([0-9]{2})-([0-9]{2})([T ][0-9:.]+(Z|[+-][0-9:]+)?)?\s*$')
            when p_format = 'DD.MM.YYYY'
                then (select array[m[3], m[2], m[1]]
                      from regexp_match(p_value, '^\s*([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})\s*$') as m)
        end as ymd
    ),

    numbers as (
        select
            ymd[1]::int as year_no,
            ymd[2]::int as month_no,
            ymd[3]::int as day_no
        from parts
        where ymd is not null
    )

    select make_date(year_no, month_no, day_no)
    from numbers
    where year_no between 1 and 9999
        and month_no between 1 and 12
        and day_no between 1 and extract(day from make_date(year_no, month_no, 1) + interval '1 month - 1 day')
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
set search_path = pg_catalog, pg_temp
as $$
    select case
        when cw_global.try_date(p_value, 'YYYY-MM-DD') is not null
            and p_value ~ '^\s*[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?\s*$'
            then p_value::timestamptz
    end
$$;
comment on function cw_global.try_timestamptz(text) is 'An ISO-8601 timestamp as timestamptz, or null.';

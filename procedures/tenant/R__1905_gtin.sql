-- EAN/GTIN check digits for the EAN match of supplier availability lists (docs/uploads.md "Matching").
create or replace function ${schema}.gtin_normalised(p_code text)
returns text
language sql
immutable
parallel safe
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    -- GS1: the last digit makes the weighted sum (weights 3, 1, 3, ... from the right, check digit excluded) a
    -- multiple of 10; left-padding with zeros to 14 digits keeps the weights, so one formula checks GTIN-8/12/13/14.
    with padded as (
        select lpad(trim(p_code), 14, '0') as digits
        where trim(p_code) ~ '^([0-9]{8}|[0-9]{12,14})$'
    ),
    checked as (
        select
            padded.digits,
            (select sum(substr(padded.digits, position, 1)::integer * case when position % 2 = 1 then 3 else 1 end)
             from generate_series(1, 13) as positions (position)) as weighted_sum
        from padded
    )
    select checked.digits
    from checked
    where (10 - checked.weighted_sum % 10) % 10 = substr(checked.digits, 14, 1)::integer
$$;
comment on function ${schema}.gtin_normalised(text) is
'An EAN-8, UPC-A (12), EAN-13 or GTIN-14 with a valid check digit as 14 digits (left-padded with zeros, so the same '
'article compares equal whichever length it was written with); null when the code is not one or its check digit is '
'wrong.';

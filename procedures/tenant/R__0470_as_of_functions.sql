-- "As of date X" over the SCD type 2 history and the sparse inventory balances.

create or replace function ${schema}.product_as_of(p_date date)
returns setof ${schema}.product_versions
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select * from ${schema}.product_versions
    where product_versions.valid_from <= p_date
        and (product_versions.valid_to is null or product_versions.valid_to > p_date)
$$;
comment on function ${schema}.product_as_of(date) is
'Every product as it was on a date: its version valid that day (none before its first load).';

create or replace function ${schema}.location_as_of(p_date date)
returns setof ${schema}.location_versions
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select * from ${schema}.location_versions
    where location_versions.valid_from <= p_date
        and (location_versions.valid_to is null or location_versions.valid_to > p_date)
$$;
comment on function ${schema}.location_as_of(date) is 'Every location as it was on a date.';

create or replace function ${schema}.supplier_as_of(p_date date)
returns setof ${schema}.supplier_versions
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select * from ${schema}.supplier_versions
    where supplier_versions.valid_from <= p_date
        and (supplier_versions.valid_to is null or supplier_versions.valid_to > p_date)
$$;
comment on function ${schema}.supplier_as_of(date) is 'Every supplier as it was on a date.';

create or replace function ${schema}.customer_as_of(p_date date)
returns setof ${schema}.customer_versions
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select * from ${schema}.customer_versions
    where customer_versions.valid_from <= p_date
        and (customer_versions.valid_to is null or customer_versions.valid_to > p_date)
$$;
comment on function ${schema}.customer_as_of(date) is 'Every customer as it was on a date.';

create or replace function ${schema}.inventory_as_of(p_date date)
returns table (
    product_id integer, location_id integer, balance_date date, qty_available numeric, qty_blocked numeric,
    qty_reserved numeric, qty_all numeric
)
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select distinct on (balances.product_id, balances.location_id)
           balances.product_id, balances.location_id, balances.balance_date, balances.qty_available,
           balances.qty_blocked, balances.qty_reserved, balances.qty_all
    from ${schema}.inventory_balances as balances
    where balances.balance_date <= p_date
        and balances.balance_date >= coalesce(
            (select max(snapshots.snapshot_date) from ${schema}.inventory_snapshots as snapshots
             where snapshots.snapshot_type = 'full' and snapshots.snapshot_date <= p_date),
            '-infinity')
    order by balances.product_id, balances.location_id, balances.balance_date desc
$$;
comment on function ${schema}.inventory_as_of(date) is
'End-of-day stock of every pair on a date: its latest reported balance since the latest full snapshot on or before '
'the date (a pair missing from that full snapshot is no longer stocked). Delta days only update the pairs they list.';

grant execute on function ${schema}.product_as_of(date) to ${ui_role};
grant execute on function ${schema}.location_as_of(date) to ${ui_role};
grant execute on function ${schema}.supplier_as_of(date) to ${ui_role};
grant execute on function ${schema}.customer_as_of(date) to ${ui_role};
grant execute on function ${schema}.inventory_as_of(date) to ${ui_role};

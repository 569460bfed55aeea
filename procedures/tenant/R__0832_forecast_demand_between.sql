-- Forecast demand over an arbitrary date range (seed 004, accumulation level 2): one pair, and many pairs at once.
create or replace function ${schema}.forecast_demand_between(
    p_product_id integer, p_location_id integer, p_from date, p_to date, p_prorate text default 'weekday_profile'
)
returns float8
language sql
stable
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
    select accumulated.demand_qty
    from ${schema}.forecast_accumulate(array[p_product_id], array[p_location_id], array[p_from], array[p_to],
                                       p_prorate) as accumulated
$$;
comment on function ${schema}.forecast_demand_between(integer, integer, date, date, text) is
'Forecast demand of one product x location from p_from to p_to (inclusive) in the active forecast; partial weeks '
'pro-rated by the weekday profile (default) or uniformly. See forecast_accumulate.';

create or replace function ${schema}.forecast_demand_between_many(
    p_product_ids integer [], p_location_ids integer [], p_from date, p_to date,
    p_prorate text default 'weekday_profile'
)
returns table (product_id integer, location_id integer, demand_qty float8)
language sql
stable
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
    select accumulated.product_id, accumulated.location_id, accumulated.demand_qty
    from ${schema}.forecast_accumulate(
        p_product_ids, p_location_ids, array_fill(p_from, array[cardinality(p_product_ids)]),
        array_fill(p_to, array[cardinality(p_product_ids)]), p_prorate
    ) as accumulated
$$;
comment on function ${schema}.forecast_demand_between_many(integer [], integer [], date, date, text) is
'Forecast demand from p_from to p_to of many product x location pairs at once (p_product_ids[i] at '
'p_location_ids[i]), one row per pair in the order given. See forecast_accumulate.';

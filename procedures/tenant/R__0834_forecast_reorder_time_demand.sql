-- Forecast demand over a product x location's reorder time = lead time + review cycle (seed 004, level 1).
create or replace function ${schema}.forecast_reorder_time_demand_many(
    p_product_ids integer [], p_location_ids integer [], p_prorate text default 'weekday_profile'
)
returns table (product_id integer, location_id integer, reorder_days integer, demand_qty float8)
language plpgsql
stable
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
declare
    v_forecast_date date := (select active.forecast_date from ${schema}.active_demand_forecast as active);
begin
    -- Reorder time: the primary supplier's lead time (the product's override, else the supplier's override, else
    -- the ERP's) + its review cycle (1 day when not set: daily review); null without a primary supplier lead time.
    return query
    with pairs as (
        select requested.ordinality, requested.product_id, requested.location_id,
               coalesce(product_suppliers.lead_time_days_override, suppliers.lead_time_days_override,
                        suppliers.lead_time_days) + coalesce(suppliers.review_cycle_days, 1) as reorder_days
        from unnest(p_product_ids, p_location_ids) with ordinality as requested (product_id, location_id, ordinality)
        left join ${schema}.products on products.id = requested.product_id
        left join ${schema}.suppliers on suppliers.id = products.primary_supplier_id
        left join ${schema}.product_suppliers
            on product_suppliers.product_id = products.id and product_suppliers.supplier_id = suppliers.id
    ),
    known as (
        select pairs.* from pairs where pairs.reorder_days is not null
    ),
    accumulated as (
        select known.ordinality, sums.demand_qty
        from ${schema}.forecast_accumulate(
            array(select known.product_id from known order by known.ordinality),
            array(select known.location_id from known order by known.ordinality),
            array(select v_forecast_date + 1 from known order by known.ordinality),
            array(select v_forecast_date + known.reorder_days from known order by known.ordinality),
            p_prorate
        ) with ordinality as sums (product_id, location_id, from_date, to_date, demand_qty, position)
        inner join (select known.ordinality, row_number() over (order by known.ordinality) as position
                    from known) as known
            on known.position = sums.position
    )
    select pairs.product_id, pairs.location_id, pairs.reorder_days, accumulated.demand_qty
    from pairs
    left join accumulated on accumulated.ordinality = pairs.ordinality
    order by pairs.ordinality;
end
$$;
comment on function ${schema}.forecast_reorder_time_demand_many(integer [], integer [], text) is
'Forecast demand over the reorder time (primary supplier lead time + review cycle, from the day after the active '
'forecast''s date) of many product x location pairs, one row per pair in the order given; reorder_days and '
'demand_qty null without a lead time. Partial weeks pro-rated by the weekday profile (default) or uniformly.';

create or replace function ${schema}.forecast_reorder_time_demand(
    p_product_id integer, p_location_id integer, p_prorate text default 'weekday_profile'
)
returns float8
language sql
stable
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
    select accumulated.demand_qty
    from ${schema}.forecast_reorder_time_demand_many(array[p_product_id], array[p_location_id], p_prorate)
        as accumulated
$$;
comment on function ${schema}.forecast_reorder_time_demand(integer, integer, text) is
'Forecast demand of one product x location over its reorder time (lead time + review cycle). See '
'forecast_reorder_time_demand_many.';

grant execute on function ${schema}.forecast_reorder_time_demand(integer, integer, text) to ${ui_role};
grant execute on function ${schema}.forecast_reorder_time_demand_many(integer [], integer [], text) to ${ui_role};
grant execute on function ${schema}.forecast_demand_between(integer, integer, date, date, text) to ${ui_role};
grant execute on function ${schema}.forecast_demand_between_many(integer [], integer [], date, date, text)
to ${ui_role};
grant execute on function ${schema}.forecast_accumulate(integer [], integer [], date [], date [], text) to ${ui_role};

-- Quality check missing_cost: products without a cost (a warning: cost-based measures stay null).
create or replace function ${schema}.quality_check_missing_cost(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    if not exists (select from ${schema}.quality_endpoints('missing_cost') as quality_endpoints
                   where quality_endpoints.endpoint = 'products') then
        return;
    end if;
    return query
    with missing as (
        select products.raw_file_id, products.record_no, products.product_id
        from ${staging_schema}.staging_products as products
        where products.cost is null and not 'cost' = any(products.cast_errors)
    ),

    final as (
        select 'products'::text, 'missing_cost'::text, null::text, count(missing.product_id) = 0,
               'a cost on every product',
               (select count(*) from missing)::text || ' of '
               || (select count(*) from ${staging_schema}.staging_products) || ' product(s) without cost',
               count(missing.product_id),
               case when count(missing.product_id) > 0
                    then format('%s product(s) have no cost: their cost-based measures stay empty',
                                count(missing.product_id)) end,
               (select jsonb_agg(sample) from (
                    select jsonb_build_object('file', missing.raw_file_id, 'record', missing.record_no,
                                              'product_id', missing.product_id) as sample
                    from missing order by missing.raw_file_id, missing.record_no limit 5
                ) as samples)
        from missing
    )

    select * from final;
end
$$;
comment on function ${schema}.quality_check_missing_cost(date) is
'Gate check missing_cost (warning): staged products without a cost (an uncastable cost is type_casts''s). Cost is '
'not a required field: a shop that records no cost runs, and cost-based measures stay null.';

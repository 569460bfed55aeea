-- Product types (issue 22 point 3): the pipeline-owned product_type_id of every product from the ERP's type, else the
-- first matching product_type_rules rule, else merchandise. The UI's product_type_override is never written here.
create or replace procedure ${schema}.resolve_product_types()
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    with resolved as (
        select products.id, coalesce(sent.id, ruled.product_type_id, 1::smallint) as product_type_id
        from ${schema}.products
        left join ${schema}.product_types as sent on sent.name = products.erp_product_type
        left join lateral (
            select rules.product_type_id
            from ${schema}.product_type_rules as rules
            where (rules.erp_id_pattern is null or products.erp_id ~* rules.erp_id_pattern)
                and (rules.name_pattern is null or products.name ~* rules.name_pattern)
            order by rules.priority, rules.id
            limit 1
        ) as ruled on sent.id is null
    )

    update ${schema}.products
    set product_type_id = resolved.product_type_id, updated_at = now()
    from resolved
    where resolved.id = products.id and products.product_type_id is distinct from resolved.product_type_id;
end
$$;
comment on procedure ${schema}.resolve_product_types() is
'Sets products.product_type_id (pipeline-owned) from the ERP''s type (erp_product_type naming a product_types row), '
'else the first product_type_rules rule by priority matching the ERP id and name, else merchandise; writes only '
'changed rows. Called by load after products; call it after editing product_type_rules. The effective type is '
'coalesce(product_type_override, product_type_id).';

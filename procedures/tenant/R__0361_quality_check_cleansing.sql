-- Quality check cleansing: what the dialect's load rules will fix or remove in the date's batch (docs/quality.md
-- "Cleansing rules"), one result per rule the dialect's mapping names (erp_field_mappings.cleansing_rule). Load
-- applies the rules through the same functions, so the counts are what load does.
create or replace function ${schema}.quality_check_cleansing(p_run_date date)
returns setof cw_global.quality_check_result
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    -- plpgsql, not sql: its body names load helpers (erp_word) deployed after the quality checks.
    return query
    with rules as (
        select distinct endpoint_mappings.endpoint, field_mappings.cleansing_rule
        from cw_global.erp_field_mappings as field_mappings
        inner join cw_global.erp_endpoint_mappings as endpoint_mappings
            on endpoint_mappings.id = field_mappings.erp_endpoint_mapping_id
        inner join ${schema}.quality_endpoints('cleansing') as quality_endpoints
            on quality_endpoints.endpoint = endpoint_mappings.endpoint
        inner join cw_global.clients on clients.erp_dialect_id = endpoint_mappings.erp_dialect_id
        where clients.schema_name = '${schema}' and field_mappings.cleansing_rule is not null
            and not field_mappings.is_ignored
    ),

    accepted_payments as (
        select value_mappings.canonical_value
        from cw_global.erp_value_mappings as value_mappings
        inner join cw_global.clients on clients.erp_dialect_id = value_mappings.erp_dialect_id
        where clients.schema_name = '${schema}' and value_mappings.endpoint = 'sales_orders'
            and value_mappings.staging_column = 'payment_method'
    ),

    findings as (
        select 'invalid_price' as rule, prices.raw_file_id, prices.record_no,
               jsonb_build_object('product_id', prices.product_id, 'price', staged.price, 'price_used', prices.price)
                   as sample
        from ${schema}.product_price_cleansing() as prices
        inner join ${staging_schema}.staging_products as staged
            on staged.raw_file_id = prices.raw_file_id and staged.record_no = prices.record_no
        where prices.price_rule is not null
        union all
        select 'cost_not_below_price', prices.raw_file_id, prices.record_no,
               jsonb_build_object('product_id', prices.product_id, 'cost', staged.cost, 'price', prices.price)
        from ${schema}.product_price_cleansing() as prices
        inner join ${staging_schema}.staging_products as staged
            on staged.raw_file_id = prices.raw_file_id and staged.record_no = prices.record_no
        where prices.cost_rule is not null
        union all
        select cleansed.reject_code, cleansed.raw_file_id, cleansed.record_no,
               jsonb_build_object('line_no', cleansed.line_no, 'qty', staged.qty, 'unit_price', staged.unit_price)
        from ${schema}.sales_line_cleansing() as cleansed
        inner join ${staging_schema}.staging_sales_orders as staged
            on staged.raw_file_id = cleansed.raw_file_id and staged.record_no = cleansed.record_no
                and staged.line_no = cleansed.line_no
        where cleansed.reject_code is not null
        union all
        select 'discount_range', cleansed.raw_file_id, cleansed.record_no,
               jsonb_build_object('line_no', cleansed.line_no, 'discount', staged.discount)
        from ${schema}.sales_line_cleansing() as cleansed
        inner join ${staging_schema}.staging_sales_orders as staged
            on staged.raw_file_id = cleansed.raw_file_id and staged.record_no = cleansed.record_no
                and staged.line_no = cleansed.line_no
        where cleansed.is_discount_out_of_range
        union all
        select 'line_total_recalculated', cleansed.raw_file_id, cleansed.record_no,
               jsonb_build_object('line_no', cleansed.line_no, 'line_total', staged.revenue, 'recalculated',
                                  cleansed.revenue)
        from ${schema}.sales_line_cleansing() as cleansed
        inner join ${staging_schema}.staging_sales_orders as staged
            on staged.raw_file_id = cleansed.raw_file_id and staged.record_no = cleansed.record_no
                and staged.line_no = cleansed.line_no
        where cleansed.is_line_total_recalculated and cleansed.reject_code is null
        union all
        select distinct on (staged.raw_file_id, staged.record_no) 'invalid_date', staged.raw_file_id,
               staged.record_no, jsonb_build_object('order', staged.so_id, 'order_date', staged.order_date)
        from ${staging_schema}.staging_sales_orders as staged
        where staged.order_date is null
            or staged.order_date > p_run_date + (${schema}.settings('quality') ->> 'max_future_days')::integer
            or staged.order_date < (${schema}.settings('quality') ->> 'oldest_event_date')::date
        union all
        select distinct on (staged.raw_file_id, staged.record_no) 'invalid_payment_method', staged.raw_file_id,
               staged.record_no, jsonb_build_object('order', staged.so_id, 'payment_method', staged.payment_method)
        from ${staging_schema}.staging_sales_orders as staged
        where nullif(btrim(staged.payment_method), '') is not null
            and ${schema}.erp_word('sales_orders', 'payment_method', staged.payment_method)
            not in (select accepted_payments.canonical_value from accepted_payments)
    )

    select rules.endpoint, 'cleansing:' || rules.cleansing_rule, null::text,
           count(findings.rule) = 0, '0 values to cleanse', count(findings.rule)::text || ' value(s)',
           count(findings.rule),
           case when count(findings.rule) > 0 then format('load will %s in %s record(s)',
               case rules.cleansing_rule
                   when 'invalid_price' then 'keep the last valid price (null for a new product)'
                   when 'cost_not_below_price' then 'store the cost as unknown (it is not below the price)'
                   when 'invalid_quantity' then 'remove lines with a quantity of zero or a negative one on a sale'
                   when 'invalid_unit_price' then 'remove lines with a negative unit price'
                   when 'discount_range' then 'ignore discounts outside 0..1'
                   when 'line_total_recalculated' then 'replace the line total by qty x unit price x (1 - discount)'
                   when 'invalid_payment_method' then 'store an unknown payment method as unknown'
                   when 'invalid_date' then 'reject the transaction (date missing, not a date or implausible)'
                   else rules.cleansing_rule end,
               count(distinct (findings.raw_file_id, findings.record_no))) end,
           to_jsonb((array_agg(jsonb_build_object('file', findings.raw_file_id, 'record', findings.record_no)
                               || findings.sample order by findings.raw_file_id, findings.record_no)
                        filter (where findings.rule is not null))[1:5])
    from rules
    left join findings on findings.rule = rules.cleansing_rule
    group by rules.endpoint, rules.cleansing_rule
    order by rules.endpoint, rules.cleansing_rule;
end
$$;
comment on function ${schema}.quality_check_cleansing(date) is
'Gate check cleansing:<rule> (dialects whose mapping names cleansing rules, webshop_csv): per rule, the staged '
'records whose values load will fix or remove (product_price_cleansing, sales_line_cleansing, unknown payment '
'methods), with up to five samples. A warning: the data loads, corrected as the rule says.';

-- Seed 003's cleansing rules as load rules of a dialect (cw_global.erp_dialects flags; docs/quality.md "Cleansing
-- rules"): the same functions give load its values and the gate check cleansing its counts, so the report says
-- exactly what load does. Empty for a dialect without the rules (catwing, navision).

create or replace function ${schema}.product_price_cleansing()
returns table (
    raw_file_id bigint,
    record_no integer,
    product_id text,
    price numeric,
    cost numeric,
    price_rule text,
    cost_rule text
)
language sql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
    with dialect as (
        select erp_dialects.fixes_invalid_prices
        from cw_global.erp_dialects
        inner join cw_global.clients on clients.erp_dialect_id = erp_dialects.id
        where clients.schema_name = '${schema}'
    ),

    priced as (
        select staged.raw_file_id, staged.record_no, staged.product_id, staged.cost,
               case when staged.price > 0 then staged.price
                    else (select products.erp_price from ${schema}.products
                          where products.erp_id = staged.product_id and products.erp_price > 0) end as price,
               case when staged.price > 0 then null
                    when staged.price is null and nullif(btrim(staged.product_id), '') is null then null
                    else 'invalid_price' end as price_rule
        from ${staging_schema}.staging_products as staged
        where (select dialect.fixes_invalid_prices from dialect)
    ),

    costed as (
        select priced.raw_file_id, priced.record_no, priced.product_id, priced.price,
               case when priced.cost >= priced.price then null else priced.cost end as cost,
               priced.price_rule,
               case when priced.cost >= priced.price then 'cost_not_below_price' end as cost_rule
        from priced
    )

    select * from costed
$$;
comment on function ${schema}.product_price_cleansing() is
'Load rule of dialects with erp_dialects.fixes_invalid_prices (webshop_csv), per staged product: a price that is '
'missing, not a number, zero or negative is replaced by the product''s last valid loaded ERP price (null for a '
'product never loaded with one; price_rule invalid_price); a cost at or above the valid price is not trusted and '
'becomes null (cost_rule cost_not_below_price), so cost-based measures stay null rather than wrong. No rows for '
'other dialects.';

create or replace function ${schema}.sales_line_cleansing()
returns table (
    raw_file_id bigint,
    record_no integer,
    line_no integer,
    is_negative_return boolean,
    qty numeric,
    unit_price numeric,
    discount numeric,
    revenue numeric,
    reject_code text,
    is_discount_out_of_range boolean,
    is_line_total_recalculated boolean
)
language sql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
    with dialect as (
        select erp_dialects.negative_return_prefix, erp_dialects.discount_is_fraction,
               erp_dialects.recalculates_line_totals
        from cw_global.erp_dialects
        inner join cw_global.clients on clients.erp_dialect_id = erp_dialects.id
        where clients.schema_name = '${schema}'
    ),

    lines as (
        select staged.raw_file_id, staged.record_no, staged.line_no, staged.qty, staged.unit_price, staged.discount,
               staged.revenue,
               coalesce(bool_and(staged.qty < 0) over (partition by staged.raw_file_id, staged.record_no)
                        and starts_with(staged.so_id, dialect.negative_return_prefix), false) as is_negative_return,
               dialect.discount_is_fraction, dialect.recalculates_line_totals
        from ${staging_schema}.staging_sales_orders as staged
        cross join dialect
        where dialect.negative_return_prefix is not null or dialect.discount_is_fraction
            or dialect.recalculates_line_totals
    ),

    signed as (
        select lines.*,
               case when lines.is_negative_return then -lines.qty else lines.qty end as net_qty,
               -- a fraction outside 0..1 (a percentage, a sign error): derived from the sent line total when that
               -- lies between 0 and the gross amount, else no discount
               case when not lines.discount_is_fraction then null
                    when lines.discount between 0 and 1 then lines.discount
                    when lines.discount is not null and lines.qty * lines.unit_price <> 0
                        and abs(lines.revenue) <= abs(lines.qty * lines.unit_price)
                        then round(1 - abs(lines.revenue) / abs(lines.qty * lines.unit_price), 4)
                    else 0 end as fraction
        from lines
    ),

    cleansed as (
        select signed.raw_file_id, signed.record_no, signed.line_no, signed.is_negative_return, signed.net_qty as qty,
               signed.unit_price,
               case when signed.discount_is_fraction
                   then round(signed.net_qty * signed.unit_price * signed.fraction, 2)
                   else signed.discount end as discount,
               case when signed.recalculates_line_totals
                   then round(signed.net_qty * signed.unit_price
                              * (1 - coalesce(signed.fraction, 0)), 2)
                   else signed.revenue end as revenue,
               case when signed.net_qty <= 0 then 'invalid_quantity'
                    when signed.unit_price < 0 then 'invalid_unit_price' end as reject_code,
               coalesce(signed.discount_is_fraction and (signed.discount < 0 or signed.discount > 1), false)
                   as is_discount_out_of_range,
               signed.recalculates_line_totals and signed.net_qty > 0 and signed.unit_price >= 0
               and (signed.revenue is null
                    or abs(abs(signed.revenue) - round(signed.net_qty * signed.unit_price
                                                       * (1 - coalesce(signed.fraction, 0)), 2)) >= 0.005)
                   as is_line_total_recalculated
        from signed
    )

    select * from cleansed
$$;
comment on function ${schema}.sales_line_cleansing() is
'Load rules of dialects with erp_dialects.negative_return_prefix, discount_is_fraction or recalculates_line_totals '
'(webshop_csv), per staged sales order line: a document whose every line has a negative quantity is a return '
'(is_negative_return: its id starts with erp_dialects.negative_return_prefix; quantities made positive); a discount '
'fraction outside 0..1 is not trusted (derived from the sent line total when that lies between 0 and qty x unit '
'price, else 0; is_discount_out_of_range); the discount amount is qty x unit price x fraction and the line revenue '
'qty x unit price - discount, rounded to cents (is_line_total_recalculated where the sent line total differs by a '
'cent or more); a line with a quantity of zero or below after that, or a negative unit price, is removed (reject_code '
'invalid_quantity / invalid_unit_price). No rows for other dialects.';

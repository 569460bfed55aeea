-- Step load, products: the typed view of staging. The records step_load found changed (not is_unchanged in
-- batch_products) as the columns of the production row, before pre-checks and deduplication.
create or replace function ${schema}.typed_products(p_run_date date)
returns table (
    raw_file_id bigint,
    record_no integer,
    erp_key text,
    occurrence bigint,
    raw_hash bigint,
    missing_fields text [],
    cast_errors text [],
    sku text,
    ean text,
    name text,
    brand text,
    category_levels text [],
    category_code text,
    supplier_erp_id text,
    vendor_sku text,
    currency_code text,
    currency_id smallint,
    cost numeric,
    price numeric,
    pack_size_qty numeric,
    is_dropship boolean,
    erp_status text,
    launch_date date,
    discontinue_date date,
    erp_updated_at timestamptz,
    erp_product_type text,
    category_path text,
    fx_rate numeric
)
language plpgsql
stable
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
#variable_conflict use_column
declare
    v_default   text := ${schema}.erp_default_currency();
begin
    return query
    -- Each distinct status word and currency is mapped once per batch, not once per row.
    with statuses as (
        select words.erp_value, ${schema}.erp_word('products', 'status', words.erp_value) as erp_status
        from (select distinct staging_products.status as erp_value
              from ${staging_schema}.staging_products) as words
    ),

    product_types_sent as (
        select words.erp_value,
               ${schema}.erp_word('products', 'product_type', words.erp_value) as erp_product_type
        from (select distinct staging_products.product_type as erp_value
              from ${staging_schema}.staging_products
              where staging_products.product_type is not null) as words
    ),

    rates as (
        select currencies.id as currency_id, ${schema}.fx_factor(currencies.id, p_run_date) as fx_rate
        from cw_global.currencies
    ),

    staged as (
        select staging_products.*, batch.raw_hash,
               row_number() over (partition by staging_products.product_id
                                  order by staging_products.raw_file_id desc, staging_products.record_no desc)
                   as occurrence
        from ${staging_schema}.staging_products
        inner join batch_products as batch
            on batch.raw_file_id = staging_products.raw_file_id and batch.record_no = staging_products.record_no
        where not batch.is_unchanged
    ),

    typed as (
        select staged.raw_file_id, staged.record_no, staged.product_id as erp_key, staged.occurrence,
            staged.raw_hash,
               staged.missing_fields,
               -- a value a load rule of the dialect cleanses is not a cast error here (the gate's check cleansing)
               case when cleansed.product_id is null then staged.cast_errors
                    else array(select field from unnest(staged.cast_errors) as field
                               where field <> all(${schema}.cleansed_columns('products'))) end as cast_errors,
               staged.sku, staged.ean, staged.name,
               nullif(btrim(staged.brand), '') as brand,
               case when staged.category_level1 is not null
                        then array_remove(array[btrim(staged.category_level1), btrim(staged.category_level2),
                                                btrim(staged.category_level3)], null)
                    else array_remove(regexp_split_to_array(btrim(staged.category_path), '\s*>\s*'), '')
               end as category_levels,
               staged.category_code, nullif(btrim(staged.supplier_id), '') as supplier_erp_id,
               nullif(btrim(staged.vendor_sku), '') as vendor_sku,
               upper(coalesce(nullif(btrim(staged.currency), ''), v_default)) as currency_code,
               currencies.id as currency_id,
               -- the dialect's load rule (erp_dialects.fixes_invalid_prices, product_price_cleansing): an invalid
               -- price keeps the last valid one, a cost at or above the valid price is not trusted
               case when cleansed.product_id is not null then cleansed.cost else staged.cost end as cost,
               case when cleansed.product_id is not null then cleansed.price else staged.price end as price,
               staged.pack_size as pack_size_qty,
               coalesce(staged.is_dropship, false) as is_dropship,
               statuses.erp_status, staged.launch_date,
               staged.discontinue_date, staged.updated_at as erp_updated_at, product_types_sent.erp_product_type
        from staged
        left join cw_global.currencies
            on currencies.code = upper(coalesce(nullif(btrim(staged.currency), ''), v_default))
        left join statuses on statuses.erp_value = staged.status
        left join ${schema}.product_price_cleansing() as cleansed
            on cleansed.raw_file_id = staged.raw_file_id and cleansed.record_no = staged.record_no
        left join product_types_sent on product_types_sent.erp_value = staged.product_type
    ),

    priced as (
        select typed.*, array_to_string(typed.category_levels, ' > ') as category_path, rates.fx_rate
        from typed
        left join rates on rates.currency_id = typed.currency_id
    )
    select priced.* from priced;
end
$$;
comment on function ${schema}.typed_products(date) is
'Step load, products: the changed staging records of the run (those batch_products does not mark unchanged; call it '
'inside step_load, or after load_batch_records in the same transaction) typed as the production row needs them: '
'status and product type words canonical (mapped once per distinct word), the dialect''s price and cost rule '
'(product_price_cleansing), category levels from category_path or '
'Level1..3, supplier ERP id, currency resolved and the FX factor of the run date; with occurrence (1 = the last '
'copy of the key in the batch) and the raw hash. load_products pre-checks these rows into src_products.';

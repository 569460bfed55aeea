-- Step load, sales_orders: the typed view of staging. The records step_load found changed (not is_unchanged in
-- batch_sales_orders) as the columns of the production row, before pre-checks and deduplication.
create or replace function ${schema}.typed_sales_orders(p_run_date date)
returns table (
    raw_file_id bigint,
    record_no integer,
    erp_key text,
    order_date date,
    location_erp_id text,
    customer_erp_id text,
    customer_name text,
    customer_email text,
    customer_city text,
    payment_method text,
    channel text,
    status text,
    document_type text,
    original_erp_id text,
    currency_code text,
    raw_hash bigint,
    currency_id smallint,
    occurrence bigint,
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
    -- Customer numbers the dialect sends for an anonymous sale (navision CASH), from cw_global.erp_value_mappings.
    v_anonymous text [] := array(
        select value_mappings.erp_value from cw_global.erp_value_mappings as value_mappings
        inner join cw_global.clients on clients.erp_dialect_id = value_mappings.erp_dialect_id
        where clients.schema_name = '${schema}' and value_mappings.endpoint = 'sales_orders'
            and value_mappings.staging_column = 'customer_id' and value_mappings.canonical_value = 'anonymous');
    -- The dialect's load rules (docs/quality.md "Cleansing rules").
    v_rules     record;
    v_payment   text [];
begin
    select erp_dialects.standardises_customer_names, erp_dialects.unknown_text,
           erp_dialects.validates_payment_methods
    into v_rules
    from cw_global.erp_dialects
    inner join cw_global.clients on clients.erp_dialect_id = erp_dialects.id
    where clients.schema_name = '${schema}';
    v_payment := array(
        select distinct value_mappings.canonical_value from cw_global.erp_value_mappings as value_mappings
        inner join cw_global.clients on clients.erp_dialect_id = value_mappings.erp_dialect_id
        where clients.schema_name = '${schema}' and value_mappings.endpoint = 'sales_orders'
            and value_mappings.staging_column = 'payment_method');
    return query
    -- Each distinct channel and status word, and each currency and order date, is mapped once per batch.
    with channels as (
        select words.erp_value, ${schema}.erp_word('sales_orders', 'channel', words.erp_value) as channel
        from (select distinct staged.channel as erp_value
              from ${staging_schema}.staging_sales_orders as staged) as words
    ),

    statuses as (
        select words.erp_value, ${schema}.erp_word('sales_orders', 'status', words.erp_value) as status
        from (select distinct staged.status as erp_value
              from ${staging_schema}.staging_sales_orders as staged) as words
    ),

    document_types as (
        select words.erp_value,
               ${schema}.erp_word('sales_orders', 'document_type', words.erp_value) as document_type
        from (select distinct staged.document_type as erp_value
              from ${staging_schema}.staging_sales_orders as staged) as words
    ),

    payments as (
        select words.erp_value,
               case when not v_rules.validates_payment_methods then lower(nullif(btrim(words.erp_value), ''))
                    when ${schema}.erp_word('sales_orders', 'payment_method', words.erp_value) = any(v_payment)
                        then ${schema}.erp_word('sales_orders', 'payment_method', words.erp_value)
               end as payment_method
        from (select distinct staged.payment_method as erp_value
              from ${staging_schema}.staging_sales_orders as staged) as words
    ),

    negative_returns as (
        select distinct cleansed.raw_file_id, cleansed.record_no
        from ${schema}.sales_line_cleansing() as cleansed
        where cleansed.is_negative_return
    ),

    records as (
        select distinct on (staged.raw_file_id, staged.record_no)
               staged.raw_file_id, staged.record_no, staged.so_id as erp_key, staged.order_date,
               staged.location_id as location_erp_id,
               case when cardinality(v_anonymous) > 0
                        and lower(regexp_replace(btrim(staged.customer_id), '\s+', '_', 'g')) = any(v_anonymous)
                        then null
                    else nullif(btrim(staged.customer_id), '') end as customer_erp_id,
               case when nullif(btrim(staged.customer_id), '') is null then staged.customer_name
                    else coalesce(
                        case when v_rules.standardises_customer_names
                            then nullif(initcap(regexp_replace(btrim(coalesce(
                                nullif(btrim(staged.customer_name), ''),
                                concat_ws(' ', nullif(btrim(staged.customer_first_name), ''),
                                          nullif(btrim(staged.customer_last_name), '')))), '\s+', ' ', 'g')), '')
                            else coalesce(staged.customer_name,
                                          nullif(concat_ws(' ', nullif(btrim(staged.customer_first_name), ''),
                                                           nullif(btrim(staged.customer_last_name), '')), ''))
                        end, v_rules.unknown_text) end as customer_name,
               staged.customer_email,
               case when nullif(btrim(staged.customer_id), '') is null then staged.customer_city
                    else coalesce(nullif(btrim(staged.customer_city), ''), v_rules.unknown_text) end as customer_city,
               case when v_rules.validates_payment_methods then payments.payment_method
                    else lower(nullif(btrim(staged.payment_method), '')) end as payment_method,
               channels.channel, coalesce(statuses.status, 'completed') as status,
               case when negative_returns.raw_file_id is not null then 'return'
                    else coalesce(document_types.document_type, 'order') end as document_type,
               case when document_types.document_type = 'return' or negative_returns.raw_file_id is not null
                   then nullif(btrim(staged.original_so_id), '') end as original_erp_id,
               upper(coalesce(nullif(btrim(staged.currency), ''), v_default)) as currency_code, batch.raw_hash
        from ${staging_schema}.staging_sales_orders as staged
        inner join batch_sales_orders as batch
            on batch.raw_file_id = staged.raw_file_id and batch.record_no = staged.record_no
        left join channels on channels.erp_value = staged.channel
        left join statuses on statuses.erp_value = staged.status
        left join document_types on document_types.erp_value = staged.document_type
        left join payments on payments.erp_value = staged.payment_method
        left join negative_returns
            on negative_returns.raw_file_id = staged.raw_file_id and negative_returns.record_no = staged.record_no
        where not batch.is_unchanged
        order by staged.raw_file_id, staged.record_no, staged.line_no
    ),

    typed as (
        select records.*, currencies.id as currency_id,
               row_number() over (partition by records.erp_key order by records.raw_file_id desc,
                   records.record_no desc)
                   as occurrence
        from records
        left join cw_global.currencies on currencies.code = records.currency_code
    ),

    rates as (
        select pairs.currency_id, pairs.order_date, ${schema}.fx_factor(pairs.currency_id,
            pairs.order_date) as fx_rate
        from (select distinct typed.currency_id, typed.order_date from typed) as pairs
    ),

    priced as (
        select typed.*, rates.fx_rate
        from typed
        left join rates
            on rates.currency_id = typed.currency_id
                and coalesce(rates.order_date, '-infinity') = coalesce(typed.order_date, '-infinity')
    )
    select priced.* from priced;
end
$$;
comment on function ${schema}.typed_sales_orders(date) is
'Step load, sales_orders: the changed staging records of the run (those batch_sales_orders does not mark unchanged; '
'call it inside step_load, or after load_batch_records in the same transaction) typed as the production row needs '
'them: one row per document (its first line): channel, status and document type words canonical, anonymous customer '
'numbers of the dialect as null, the dialect''s load rules (a customer name from first and last name, standardised; '
'Unknown for a missing name or city; payment methods outside the dialect''s words as null; a document of negative '
'quantities as a return: docs/quality.md "Cleansing rules"), the original order of a return, currency and the FX '
'factor of the order date; with '
'occurrence (1 = the last copy of the key in the batch) and the raw hash. load_sales_orders pre-checks these rows '
'into src_sales_orders.';

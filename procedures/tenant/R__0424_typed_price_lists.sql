-- Step load, price_lists: the typed view of staging. The records step_load found changed (not is_unchanged in
-- batch_price_lists) as the columns of the production row, before pre-checks and deduplication.
create or replace function ${schema}.typed_price_lists(p_run_date date)
returns table (
    raw_file_id bigint,
    record_no integer,
    erp_key text,
    raw_hash bigint,
    occurrence bigint,
    missing_fields text [],
    cast_errors text [],
    name text,
    channel text,
    country text,
    country_id smallint,
    currency_code text,
    currency_id smallint,
    valid_from date,
    valid_to date
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
    with records as (
        select distinct on (staging_prices.raw_file_id, staging_prices.record_no)
               staging_prices.raw_file_id, staging_prices.record_no, staging_prices.price_list_id as erp_key,
               staging_prices.name, staging_prices.channel, staging_prices.country, staging_prices.currency,
               staging_prices.valid_from, staging_prices.valid_to, staging_prices.missing_fields,
               staging_prices.cast_errors, batch.raw_hash
        from ${staging_schema}.staging_prices
        inner join batch_price_lists as batch
            on batch.raw_file_id = staging_prices.raw_file_id and batch.record_no = staging_prices.record_no
        where not batch.is_unchanged
        order by staging_prices.raw_file_id, staging_prices.record_no, staging_prices.line_no
    ),

    typed as (
        select records.raw_file_id, records.record_no, records.erp_key, records.raw_hash,
               row_number() over (partition by records.erp_key order by records.raw_file_id desc,
                   records.record_no desc)
                   as occurrence,
               records.missing_fields, records.cast_errors, records.name,
               ${schema}.erp_word('pricing_lists', 'channel', records.channel) as channel, records.country,
               countries.id as country_id,
               upper(coalesce(nullif(btrim(records.currency), ''), v_default)) as currency_code,
               currencies.id as currency_id, records.valid_from, records.valid_to
        from records
        left join cw_global.countries on countries.code = upper(btrim(records.country))
        left join cw_global.currencies
            on currencies.code = upper(coalesce(nullif(btrim(records.currency), ''), v_default))
    )
    select typed.* from typed;
end
$$;
comment on function ${schema}.typed_price_lists(date) is
'Step load, price_lists: the changed staging records of the run (those batch_price_lists does not mark unchanged; '
'call it inside step_load, or after load_batch_records in the same transaction) typed as the production row needs '
'them: one row per price list record (its first line), channel word canonical, country and currency resolved; with '
'occurrence (1 = the last copy of the key in the batch) and the raw hash. load_price_lists pre-checks these rows '
'into src_price_lists.';

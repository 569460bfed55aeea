-- Step load, locations: the typed view of staging. The records step_load found changed (not is_unchanged in
-- batch_locations) as the columns of the production row, before pre-checks and deduplication.
create or replace function ${schema}.typed_locations(p_run_date date)
returns table (
    raw_file_id bigint,
    record_no integer,
    erp_key text,
    occurrence bigint,
    raw_hash bigint,
    missing_fields text [],
    cast_errors text [],
    name text,
    location_type text,
    echelon integer,
    parent_erp_id text,
    city_name text,
    city_id integer,
    country text,
    country_id smallint,
    currency_code text,
    currency_id smallint,
    timezone text,
    erp_status text,
    open_date date,
    close_date date
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
    with staged as (
        select staging_locations.*, batch.raw_hash,
               row_number() over (partition by staging_locations.location_id
                                  order by staging_locations.raw_file_id desc, staging_locations.record_no desc)
                   as occurrence
        from ${staging_schema}.staging_locations
        inner join batch_locations as batch
            on batch.raw_file_id = staging_locations.raw_file_id and batch.record_no = staging_locations.record_no
        where not batch.is_unchanged
    ),

    typed as (
        select staged.raw_file_id, staged.record_no, staged.location_id as erp_key, staged.occurrence,
            staged.raw_hash,
               staged.missing_fields, staged.cast_errors, btrim(staged.name) as name,
               ${schema}.erp_word('locations', 'type', staged.type) as location_type,
               coalesce(staged.echelon, case ${schema}.erp_word('locations', 'type', staged.type)
                                            when 'store' then 1 when 'online' then 1 when 'dc' then 2
                                            when 'warehouse' then 3 when 'central' then 4 end) as echelon,
               nullif(btrim(staged.parent_location_id), '') as parent_erp_id, btrim(staged.city) as city_name,
               cities.id as city_id, staged.country, countries.id as country_id,
               upper(coalesce(nullif(btrim(staged.currency), ''), v_default)) as currency_code,
               currencies.id as currency_id, nullif(btrim(staged.timezone), '') as timezone,
               ${schema}.erp_word('locations', 'status', staged.status) as erp_status, staged.open_date,
               staged.close_date
        from staged
        left join cw_global.countries on countries.code = upper(btrim(staged.country))
        left join cw_global.cities on cities.country_id = countries.id
            and lower(cities.name) = lower(btrim(staged.city))
        left join cw_global.currencies
            on currencies.code = upper(coalesce(nullif(btrim(staged.currency), ''), v_default))
    )
    select typed.* from typed;
end
$$;
comment on function ${schema}.typed_locations(date) is
'Step load, locations: the changed staging records of the run (those batch_locations does not mark unchanged; call '
'it inside step_load, or after load_batch_records in the same transaction) typed as the production row needs them: '
'type and status words canonical, echelon from the type when not sent, parent ERP id, city, country and currency '
'resolved; with occurrence (1 = the last copy of the key in the batch) and the raw hash. load_locations pre-checks '
'these rows into src_locations.';

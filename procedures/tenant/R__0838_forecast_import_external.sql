-- cw ml import: an external model's daily predictions (predictions.parquet, read by the loader into the temporary
-- table forecast_import_rows) become a forecast of their own, which the later steps then use like step 7's.
-- Definitions: docs/ml.md.
create or replace procedure ${schema}.forecast_import_external(
    p_forecast_date date,
    p_model text,
    p_source jsonb,
    inout p_forecast_id bigint default null
)
language plpgsql
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
declare
    v_own         record;
    v_latest      record;
    v_horizon     integer;
    v_rows        bigint;
    v_bad         bigint;
    v_sample      text;
    v_weeks       integer [];
    v_pairs       bigint;
    v_ignored     bigint;
    v_written     bigint;
    v_replaced    bigint;
begin
    if p_model is null or p_model !~ '^[a-z][a-z0-9_.-]{0,62}$' then
        raise exception 'invalid model name %', coalesce(quote_literal(p_model), 'null')
            using errcode = 'CW149',
                  hint = 'a lower-case name of up to 63 letters, digits, dots, dashes or underscores, e.g. lgbm-v3';
    end if;
    if to_regclass('pg_temp.forecast_import_rows') is null then
        raise exception 'no rows to import: temporary table forecast_import_rows is missing'
            using errcode = 'CW148',
                  hint = 'create temporary table forecast_import_rows (product_id text, location_id text, '
                         'forecast_date date, predicted_qty double precision) and fill it (cw ml import does)';
    end if;

    -- The base: the date's latest completed forecast of step 7 itself (an import never builds on an import).
    select demand_forecasts.id, demand_forecasts.metadata into v_own
    from ${schema}.demand_forecasts
    where demand_forecasts.forecast_date = p_forecast_date
        and demand_forecasts.demand_forecast_status_id = 3
        and not coalesce(demand_forecasts.metadata ? 'external', false)
    order by demand_forecasts.created_at desc, demand_forecasts.id desc
    limit 1;
    if v_own.id is null then
        raise exception 'client ${client_code} has no forecast of step 7 dated % to import predictions into',
            p_forecast_date
            using errcode = 'CW146',
                  hint = pg_catalog.format('run step 7 for that date first: cw run ${client_code} --date %s --to forecast',
                                           p_forecast_date);
    end if;
    v_horizon := (v_own.metadata -> 'settings' ->> 'horizon_weeks')::integer * 7;

    -- Bad rows fail the whole import before anything is written: the file is fixed and imported again.
    select count(*), count(*) filter (where invalid.is_invalid),
           string_agg(format('%s/%s/%s: %s', invalid.product_id, invalid.location_id, invalid.forecast_date,
                             invalid.predicted_qty), '; ') filter (where invalid.is_invalid and invalid.invalid_no <= 5)
    into v_rows, v_bad, v_sample
    from (select rows.*, checked.is_invalid,
                 count(*) filter (where checked.is_invalid) over (order by rows.ctid) as invalid_no
          from pg_temp.forecast_import_rows as rows
          cross join lateral (select rows.product_id is null or rows.location_id is null or rows.forecast_date is null
                                     or rows.predicted_qty is null or rows.predicted_qty < 0
                                     or rows.predicted_qty in ('NaN'::double precision, 'Infinity'::double precision)
                                     or rows.forecast_date <= p_forecast_date
                                     or rows.forecast_date > p_forecast_date + v_horizon as is_invalid) as checked
         ) as invalid;
    if v_rows = 0 then
        raise exception 'the predictions file holds no rows' using errcode = 'CW148',
            hint = 'write one row per product, location and day from the run date + 1 on';
    end if;
    if v_bad > 0 then
        raise exception '% of % predictions are invalid (null, negative or not a number, or dated outside % .. %)',
            v_bad, v_rows, p_forecast_date + 1, p_forecast_date + v_horizon
            using errcode = 'CW148', detail = 'first ones: ' || v_sample,
                  hint = 'fix the model''s output and import again; nothing was written';
    end if;
    select count(*), string_agg(duplicated.key, '; ') filter (where duplicated.n <= 5)
    into v_bad, v_sample
    from (select format('%s/%s/%s', rows.product_id, rows.location_id, rows.forecast_date) as key,
                 row_number() over () as n
          from pg_temp.forecast_import_rows as rows
          group by rows.product_id, rows.location_id, rows.forecast_date
          having count(*) > 1) as duplicated;
    if v_bad > 0 then
        raise exception '% product/location/day keys appear more than once in the predictions', v_bad
            using errcode = 'CW148', detail = 'first ones: ' || v_sample,
                  hint = 'write one row per product, location and day; nothing was written';
    end if;
    select count(*), string_agg(unknown.key, '; ') filter (where unknown.n <= 5)
    into v_bad, v_sample
    from (select format('%s/%s', keys.product_id, keys.location_id) as key, row_number() over () as n
          from (select distinct rows.product_id, rows.location_id from pg_temp.forecast_import_rows as rows) as keys
          where not exists (select from ${schema}.products where products.erp_id = keys.product_id)
              or not exists (select from ${schema}.locations where locations.erp_id = keys.location_id)) as unknown;
    if v_bad > 0 then
        raise exception '% product/location pairs of the predictions name a product or location the client does not have',
            v_bad
            using errcode = 'CW147', detail = 'first ones: ' || v_sample,
                  hint = 'predictions use the ERP ids of features.parquet (product_id, location_id); nothing was written';
    end if;

    -- The model's weeks: horizon week h covers forecast_date + 7(h-1) + 1 .. + 7h; a week counts only when the
    -- model predicted all seven of its days (a partial week keeps step 7's value).
    drop table if exists fi_weeks;
    create temporary table fi_weeks on commit drop as
    select products.id as product_id, locations.id as location_id,
           ((rows.forecast_date - p_forecast_date + 6) / 7 * 7)::smallint as horizon_days,
           sum(rows.predicted_qty) as predicted_qty
    from pg_temp.forecast_import_rows as rows
    inner join ${schema}.products on products.erp_id = rows.product_id
    inner join ${schema}.locations on locations.erp_id = rows.location_id
    group by 1, 2, 3
    having count(*) = 7;

    -- Unchanged: the date's active forecast already is this file's import onto the same base.
    select demand_forecasts.id, demand_forecasts.metadata into v_latest
    from ${schema}.demand_forecasts
    where demand_forecasts.forecast_date = p_forecast_date and demand_forecasts.demand_forecast_status_id = 3
    order by demand_forecasts.created_at desc, demand_forecasts.id desc
    limit 1;
    if v_latest.metadata -> 'external' ->> 'base_forecast_id' = v_own.id::text
        and v_latest.metadata -> 'external' -> 'source' = p_source
        and v_latest.metadata -> 'external' ->> 'model' = p_model then
        p_forecast_id := v_latest.id;
        drop table fi_weeks;
        raise notice 'forecast % already holds these predictions: nothing written', v_latest.id;
        return;
    end if;

    select count(*) into v_ignored
    from (select distinct fi_weeks.product_id, fi_weeks.location_id from fi_weeks) as pairs
    where not exists (select from ${schema}.demand_forecast_products as own
                      where own.demand_forecast_id = v_own.id and own.forecast_date = p_forecast_date
                          and own.product_id = pairs.product_id and own.location_id = pairs.location_id);
    select array_agg(distinct fi_weeks.horizon_days order by fi_weeks.horizon_days),
           count(distinct (fi_weeks.product_id, fi_weeks.location_id))
    into v_weeks, v_pairs
    from fi_weeks;

    -- The input watermark of the base is kept: a nightly re-run of step 7 with unchanged inputs leaves the import
    -- active; changed inputs write a new forecast of step 7, which replaces it (import again after it).
    insert into ${schema}.demand_forecasts (forecast_date, demand_forecast_status_id, metadata)
    values (p_forecast_date, 2, v_own.metadata || jsonb_build_object(
        'method', jsonb_build_object('name', 'external', 'model', p_model,
                                     'base_method', v_own.metadata -> 'method'),
        'external', jsonb_build_object('model', p_model, 'source', p_source, 'base_forecast_id', v_own.id,
                                       'rows_read', v_rows, 'pairs', v_pairs, 'pairs_not_forecast', v_ignored,
                                       'horizon_days_from_model', to_jsonb(v_weeks), 'imported_at', clock_timestamp())))
    returning demand_forecasts.id into p_forecast_id;

    -- Every row of the base, the model's weekly sum where it covers the week. Probability of any demand in a model
    -- week: 1 - exp(-q), the Poisson value of the week's expected demand q (a model of means says nothing more).
    insert into ${schema}.demand_forecast_products (
        forecast_date, demand_forecast_id, product_id, location_id, demand_source_type_id, horizon_days,
        prob_demand, predicted_qty, critical_ratio, confidence
    )
    select own.forecast_date, p_forecast_id, own.product_id, own.location_id, own.demand_source_type_id,
           own.horizon_days,
           case when fi_weeks.predicted_qty is null then own.prob_demand
                else (1 - exp(-fi_weeks.predicted_qty))::real end,
           coalesce(fi_weeks.predicted_qty::real, own.predicted_qty),
           own.critical_ratio, own.confidence
    from ${schema}.demand_forecast_products as own
    left join fi_weeks on fi_weeks.product_id = own.product_id and fi_weeks.location_id = own.location_id
        and fi_weeks.horizon_days = own.horizon_days
    where own.demand_forecast_id = v_own.id and own.forecast_date = p_forecast_date
    order by own.product_id, own.location_id, own.horizon_days;
    get diagnostics v_written = row_count;
    select count(*) into v_replaced
    from fi_weeks
    inner join ${schema}.demand_forecast_products as own on own.demand_forecast_id = v_own.id
        and own.forecast_date = p_forecast_date and own.product_id = fi_weeks.product_id
        and own.location_id = fi_weeks.location_id and own.horizon_days = fi_weeks.horizon_days;

    -- The base's per-series diagnostics (weekday profiles for the accumulation) and pools, copied column for column.
    insert into ${schema}.demand_forecast_series
    select (jsonb_populate_record(null::${schema}.demand_forecast_series,
                                  to_jsonb(series) || jsonb_build_object('demand_forecast_id', p_forecast_id))).*
    from ${schema}.demand_forecast_series as series
    where series.demand_forecast_id = v_own.id and series.forecast_date = p_forecast_date;
    insert into ${schema}.demand_forecast_pools
    select (jsonb_populate_record(null::${schema}.demand_forecast_pools,
                                  to_jsonb(pools) || jsonb_build_object('demand_forecast_id', p_forecast_id))).*
    from ${schema}.demand_forecast_pools as pools
    where pools.demand_forecast_id = v_own.id;
    -- The locations' calendar, weekday shares and new-listing factor too: a scoped rewrite of the imported forecast
    -- reads them.
    insert into ${schema}.demand_forecast_locations (demand_forecast_id, location_id, calendar_from, calendar_to,
                                                     closed_dates, weekday_shares, listing_factor)
    select p_forecast_id, stored.location_id, stored.calendar_from, stored.calendar_to, stored.closed_dates,
           stored.weekday_shares, stored.listing_factor
    from ${schema}.demand_forecast_locations as stored
    where stored.demand_forecast_id = v_own.id;

    update ${schema}.demand_forecasts
    set demand_forecast_status_id = 3, updated_at = clock_timestamp(),
        metadata = demand_forecasts.metadata || jsonb_build_object('rows', v_written, 'rows_from_model', v_replaced),
        -- every row of the base: its weeks (the accumulation reads this instead of scanning the rows)
        last_horizon_days = ${schema}.demand_forecast_last_horizon(v_own.id)
    where demand_forecasts.id = p_forecast_id;
    drop table fi_weeks;
    raise notice 'forecast % (model %): % of % rows from the model (% pairs, weeks %), the rest from forecast %; '
                 '% predicted pairs have no forecast of step 7 and were left out',
        p_forecast_id, p_model, v_replaced, v_written, v_pairs, v_weeks, v_own.id, v_ignored;
end
$$;
comment on procedure ${schema}.forecast_import_external(date, text, jsonb, bigint) is
'cw ml import: turns an external model''s daily predictions (temporary table forecast_import_rows: ERP product and '
'location ids, day, predicted_qty) into a completed forecast of the date that becomes the active one: every row of '
'the date''s forecast of step 7, with predicted_qty (and prob_demand = 1 - exp(-qty)) replaced by the model''s sum '
'for each week it predicts all seven days of. Invalid, duplicate or unknown rows fail the whole import (CW147, '
'CW148); no step 7 forecast of the date: CW146; bad model name: CW149. Importing the same file again writes '
'nothing. docs/ml.md.';

-- Writes the rows of a full forecast (temporary table fc_out_rows of forecast_compute) into demand_forecast_products.
-- The first forecast of a date fills a new table and attaches it as the date's partition: its four foreign keys are
-- then checked by one join each and its indexes built by one sort, instead of four key lookups and two index
-- insertions per row (21 s of a 200 s run at 1,000 x 20 under load; docs/benchmarks.md "forecast").
create or replace procedure ${schema}.forecast_write_rows(
    p_forecast_date date, p_forecast_id bigint, inout p_written bigint default null
)
language plpgsql
security invoker
set search_path = ${schema}, pg_catalog, pg_temp
as $$
declare
    v_name     text := 'demand_forecast_products_p' || to_char(p_forecast_date, 'YYYYMMDD');
    v_sequence text := pg_get_serial_sequence(format('%I.%I', '${schema}', 'demand_forecast_products'), 'id');
begin
    if to_regclass(format('%I.%I', '${schema}', v_name)) is not null then
        -- A later forecast of the same date: its partition exists, the rows go in through the parent.
        insert into ${schema}.demand_forecast_products (
            forecast_date, demand_forecast_id, product_id, location_id, demand_source_type_id, horizon_days,
            prob_demand, predicted_qty, critical_ratio, confidence
        )
        select p_forecast_date, p_forecast_id, fc_out_rows.product_id, fc_out_rows.location_id,
               fc_out_rows.demand_source_type_id, fc_out_rows.horizon_days, fc_out_rows.prob_demand,
               fc_out_rows.predicted_qty, fc_out_rows.critical_ratio, fc_out_rows.confidence
        from fc_out_rows
        order by fc_out_rows.product_id, fc_out_rows.location_id, fc_out_rows.horizon_days;
        get diagnostics p_written = row_count;
        -- Statistics of the partition with its new rows: steps 8 and later plan their joins on it.
        execute format('analyze %I.%I', '${schema}', v_name);
        return;
    end if;
    -- The same columns, not-null and check constraints as the parent (attach demands them); the id from the
    -- parent's identity sequence, as an insert through the parent would take it.
    execute format('create table %I.%I (like %I.%I including defaults including constraints)',
                   '${schema}', v_name, '${schema}', 'demand_forecast_products');
    execute format($sql$
        insert into %I.%I (
            id, forecast_date, demand_forecast_id, product_id, location_id, demand_source_type_id, horizon_days,
            prob_demand, predicted_qty, critical_ratio, confidence
        )
        select nextval(%L::regclass), $1, $2, fc_out_rows.product_id, fc_out_rows.location_id,
               fc_out_rows.demand_source_type_id, fc_out_rows.horizon_days, fc_out_rows.prob_demand,
               fc_out_rows.predicted_qty, fc_out_rows.critical_ratio, fc_out_rows.confidence
        from fc_out_rows
        order by fc_out_rows.product_id, fc_out_rows.location_id, fc_out_rows.horizon_days
    $sql$, '${schema}', v_name, v_sequence) using p_forecast_date, p_forecast_id;
    get diagnostics p_written = row_count;
    -- Builds the parent's indexes on the partition and validates the partition bound and the foreign keys, each in
    -- one pass. Locks the referenced tables in share row exclusive mode until the step commits (their writers wait,
    -- their readers do not).
    execute format('alter table %I.%I attach partition %I.%I for values from (%L) to (%L)',
                   '${schema}', 'demand_forecast_products', '${schema}', v_name, p_forecast_date,
                   p_forecast_date + 1);
    execute format('alter table %I.%I owner to %I', '${schema}', v_name, '${owner_role}');
    -- Statistics of the new partition (autovacuum would take them only after the step commits, if ever before the
    -- next steps run): steps 8 and later plan their joins on it, and planned nested loops over it without them.
    execute format('analyze %I.%I', '${schema}', v_name);
    execute format('comment on table %I.%I is %L', '${schema}', v_name,
                   'Rows of the forecasts dated ' || p_forecast_date
                   || ' (partition of demand_forecast_products; dropped whole by forecast_drop_expired).');
end
$$;
comment on procedure ${schema}.forecast_write_rows(date, bigint, bigint) is
'Inserts the rows of the temporary table fc_out_rows (forecast_compute) into demand_forecast_products for one '
'forecast and returns their number in p_written. The first forecast of a date is written into a new table that is '
'then attached as the date''s partition (foreign keys validated and indexes built once, set-based); later forecasts '
'of the date insert through the parent. The partition is analysed after the write. Called by step_forecast (full '
'runs).';

-- Step 3: the Production Mapper. Staging (one run date, rebuilt by the quality gate) into the int-keyed production
-- tables, in dependency order, in the one transaction of the step: an error leaves production exactly as before.
-- jit = off for the step: its statements are short but look expensive to the planner (correlated existence checks
-- per row), so with JIT on most of them paid tens of milliseconds of compilation each, more than they ran (bench load,
-- docs/benchmarks.md#load). The SET clause holds for the nested per-entity procedures and ends with the call.
create or replace procedure ${schema}.step_load(p_run_date date, p_scope jsonb)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
set jit = off
as $$
declare
    v_staged_dates date [];
    v_gate_passed  boolean;
    v_last_loaded  date;
    v_rows_in      bigint;
    v_rows_out     bigint;
    v_detail       jsonb;
    v_entity       cw_global.load_entities;
    v_started      timestamptz;
    v_staged_files text;
    v_incomplete   text;
begin
    -- Every catalog entity needs its staging table and its procedure in this client.
    select string_agg(format('%s (%s)', load_entities.entity, concat_ws(' and ',
               case when to_regclass(format('%I.%I', '${staging_schema}', load_entities.staging_table)) is null
                   then format('no table %s.%s', '${staging_schema}', load_entities.staging_table) end,
               case when to_regprocedure(format('%I.%I(date)', '${schema}', load_entities.procedure_name)) is null
                   then format('no procedure ${schema}.%s(date)', load_entities.procedure_name) end)),
           '; ' order by load_entities.load_order)
    into v_incomplete
    from cw_global.load_entities
    where to_regclass(format('%I.%I', '${staging_schema}', load_entities.staging_table)) is null
        or to_regprocedure(format('%I.%I(date)', '${schema}', load_entities.procedure_name)) is null;
    if v_incomplete is not null then
        raise exception 'cw_global.load_entities lists entities client ${client_code} cannot load: %', v_incomplete
            using errcode = 'CW230',
                  hint = 'migrate the client (cw migrate ${client_code}) so that it has the tables and procedures of '
                         'every catalog entity, or remove the catalog row of an entity that is not built yet';
    end if;
    -- Staging must hold this date's batch, and that batch must have passed the gate.
    -- The staging tables are those of the load entity catalog (cw_global.load_entities), listed nowhere else.
    select string_agg(format('select staged.raw_file_id from %I.%I as staged', '${staging_schema}',
                             load_entities.staging_table), ' union ' order by load_entities.load_order)
    into v_staged_files
    from cw_global.load_entities;
    execute format('select array_agg(distinct raw_files.file_date order by raw_files.file_date) '
                   'from %I.raw_files where raw_files.id in (%s)', '${staging_schema}', v_staged_files)
    into v_staged_dates;
    if v_staged_dates is distinct from array[p_run_date] then
        raise exception 'staging of client ${client_code} holds the batch of %, not of %',
            coalesce(array_to_string(v_staged_dates, ', '), 'no date (it is empty)'), p_run_date
            using errcode = 'CW040',
                  hint = format('run the quality gate for the date first: CALL ${schema}.run_pipeline(%L, '
                                '''quality_gate'', ''load'')', p_run_date);
    end if;
    select data_quality_runs.gate_passed into v_gate_passed
    from ${schema}.data_quality_runs
    where data_quality_runs.run_date = p_run_date;
    if v_gate_passed is distinct from true then
        raise exception 'the quality gate of client ${client_code} for % %', p_run_date,
            case when v_gate_passed is null then 'has not run' else 'failed' end
            using errcode = 'CW041',
                  hint = format('read the gate''s report (cw report quality ${client_code} --date %s), fix the source '
                                'data, then run from quality_gate', p_run_date);
    end if;
    -- An older batch never overwrites newer data: re-running a past date loads nothing and says so.
    select max(load_entity_stats.run_date) into v_last_loaded from ${schema}.load_entity_stats;
    if v_last_loaded > p_run_date then
        raise notice 'client ${client_code} is loaded up to %: the older batch of % is not applied', v_last_loaded,
            p_run_date;
        call ${schema}.report_step(0, 0, jsonb_build_object(
            'note', format('the batch of %s is older than the latest loaded date %s: nothing written (an older '
                           'snapshot never overwrites newer data; replay dates in order to rebuild)', p_run_date,
                           v_last_loaded)));
        return;
    end if;

    -- The seed of every raw hash, once per load (load_seed() reads it back).
    perform set_config('cw.load_raw_hash_seed', ${schema}.load_raw_hash_seed()::text, true);
    call ${schema}.load_drop_temp('load_counts');
    create temp table load_counts (
        entity text not null, inserted bigint not null, updated bigint not null, unchanged bigint not null default 0,
        deactivated bigint not null default 0
    )
    on commit drop;
    delete from ${schema}.load_rejects where load_rejects.run_date = p_run_date;

    -- The load protocol, entity by entity in the catalog's order: group the staging records and skip the unchanged
    -- ones (load_batch_records), prepare and write the others (load_<entity>), record the entity's statistics.
    for v_entity in select * from cw_global.load_entities order by load_entities.load_order loop
        v_started := clock_timestamp();
        if v_entity.erp_key_column is not null then
            call ${schema}.load_batch_records(v_entity.entity, v_entity.staging_table, v_entity.erp_key_column,
                                              v_entity.target_table,
                                              case when v_entity.batch_counts_lines then v_entity.line_entity end);
        end if;
        execute format('call %I.%I($1)', '${schema}', v_entity.procedure_name) using p_run_date;
        call ${schema}.load_record_stats(v_entity.entity, p_run_date, v_started);
        if v_entity.line_entity is not null then
            call ${schema}.load_record_stats(v_entity.line_entity, p_run_date, v_started);
        end if;
    end loop;

    call ${schema}.record_versions(p_run_date, 'products', 'product_versions', 'product_id', array[
        'name', 'brand_id', 'product_category_id', 'primary_supplier_id', 'cost', 'price', 'pack_size_qty',
        'is_dropship', 'erp_status', 'is_discontinued', 'is_active']);
    call ${schema}.record_versions(p_run_date, 'locations', 'location_versions', 'location_id', array[
        'name', 'location_type', 'echelon', 'parent_location_id', 'city_name', 'country_id', 'erp_status',
        'is_enabled', 'is_active']);
    call ${schema}.record_versions(p_run_date, 'suppliers', 'supplier_versions', 'supplier_id', array[
        'name', 'country_id', 'currency_id', 'lead_time_days', 'moq_qty', 'erp_status', 'is_enabled',
        'lead_time_days_override', 'moq_qty_override', 'is_active']);
    call ${schema}.record_versions(p_run_date, 'customers', 'customer_versions', 'customer_id', array[
        'name', 'email', 'city_name']);

    select coalesce(sum(stats.rows_in), 0), coalesce(sum(stats.rows_inserted + stats.rows_updated
                                                         + stats.rows_deactivated), 0),
           jsonb_object_agg(stats.entity, jsonb_build_object(
               'in', stats.rows_in, 'inserted', stats.rows_inserted, 'updated', stats.rows_updated,
               'unchanged', stats.rows_unchanged, 'rejected', stats.rows_rejected,
               'deactivated', stats.rows_deactivated, 'ms', stats.duration_ms))
    into v_rows_in, v_rows_out, v_detail
    from ${schema}.load_entity_stats as stats
    where stats.run_date = p_run_date;
    v_detail := jsonb_build_object(
        'entities', v_detail,
        'rejected', (select count(*) from ${schema}.load_rejects where load_rejects.run_date = p_run_date),
        'new_versions', (select jsonb_object_agg(load_counts.entity, load_counts.inserted) from load_counts
                         where load_counts.entity like '%\_versions'));
    call ${schema}.report_step(v_rows_in, v_rows_out, v_detail);
end
$$;
comment on procedure ${schema}.step_load(date, jsonb) is
'Step 3 (load), the Production Mapper: the gate-passed staging batch of the run date into the production tables, '
'entity by entity as cw_global.load_entities lists them (load_batch_records, load_<entity>, load_record_stats) '
'(suppliers, locations and lanes, brands, categories, products, supplier links, price lists and prices, payment '
'methods, customers, sales, purchase, store, transfer and receiving orders with lines, inventory), then SCD2 '
'versions. Records whose raw hash (V10, load_batch_records) matches their production row are counted and skipped '
'before any preparation; the others go through set-based upserts by ERP id that write only changed rows and never '
'UI-owned columns; unplaceable rows go to load_rejects with their reason; masters absent from a full snapshot are '
'deactivated. Raises CW230 (a catalog entity without its staging table or procedure), CW040 (staging holds another '
'date) and CW041 (gate not passed); a date older than the latest '
'loaded one writes nothing (reported). The scope is ignored: master snapshots are loaded whole.';

-- Step 4: the DataHealthMonitor. Advisory checks of what step load did: reconciliation staging ->
-- production per entity, reject and orphan rates, null-rate and volume drift against the last 30 runs. Writes
-- data_health_reports and trend rows in data_quality_check_reports (source health). Never stops the run.
create or replace procedure ${schema}.step_health(p_run_date date, p_scope jsonb)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_settings     jsonb := ${schema}.settings('health');
    v_reject_pct   numeric := (v_settings ->> 'reject_rate_pct')::numeric;
    v_orphan_pct   numeric := (v_settings ->> 'orphan_rate_pct')::numeric;
    v_volume_pct   numeric := (v_settings ->> 'volume_drift_pct')::numeric;
    v_null_points  numeric := (v_settings ->> 'null_rate_drift_points')::numeric;
    v_min_baseline numeric := (v_settings ->> 'volume_min_baseline')::numeric;
    v_passed       integer;
    v_failed       integer;
    v_anomalies    jsonb;
    v_checks       jsonb;
begin
    call ${schema}.load_drop_temp('health_metrics');
    create temp table health_metrics (
        entity text not null, check_name text not null, metric_value numeric, threshold numeric, is_drift boolean,
        detail text
    ) on commit drop;

    -- Reconciliation: every staging row is accounted for (inserted, updated, unchanged or rejected), and the entity
    -- saw as many rows as its staging table holds.
    insert into health_metrics
    with staged as (
        select counts.entity, counts.staged_rows as n from ${schema}.load_staged_counts() as counts
    )

    select stats.entity, 'unreconciled_rows',
           abs(stats.rows_in - stats.rows_inserted - stats.rows_updated - stats.rows_unchanged - stats.rows_rejected)
           + abs(stats.rows_in - coalesce(staged.n, stats.rows_in)), 0, false,
           format('staging %s, in %s = inserted %s + updated %s + unchanged %s + rejected %s',
                  coalesce(staged.n::text, '-'), stats.rows_in, stats.rows_inserted, stats.rows_updated,
                  stats.rows_unchanged, stats.rows_rejected)
    from ${schema}.load_entity_stats as stats
    left join staged on staged.entity = stats.entity
    where stats.run_date = p_run_date;

    -- Reject and orphan rates per entity.
    insert into health_metrics
    select stats.entity, 'reject_rate_pct', round(100.0 * stats.rows_rejected / greatest(stats.rows_in, 1), 3),
           v_reject_pct, false,
           format('%s of %s rows rejected%s', stats.rows_rejected, stats.rows_in,
                  coalesce(': ' || (select string_agg(format('%s %s', reasons.n, reasons.reason_code), ', ')
                                    from (select load_rejects.reason_code, count(*) as n
                                          from ${schema}.load_rejects
                                          where load_rejects.run_date = p_run_date
                                              and load_rejects.entity = stats.entity
                                          group by load_rejects.reason_code) as reasons), ''))
    from ${schema}.load_entity_stats as stats
    where stats.run_date = p_run_date
    union all
    select stats.entity, 'orphan_rate_pct',
           round(100.0 * (select count(*) from ${schema}.load_rejects
                          where load_rejects.run_date = p_run_date and load_rejects.entity = stats.entity
                              and load_rejects.reason_code like 'orphan\_%') / greatest(stats.rows_in, 1), 3),
           v_orphan_pct, false, 'rows pointing at a product, location, supplier or document that does not exist'
    from ${schema}.load_entity_stats as stats
    where stats.run_date = p_run_date;

    -- Null rates of optional references among current rows (drift against the baseline, not absolute).
    insert into health_metrics
    select 'products', 'null_rate_pct:' || columns_checked.column_name, columns_checked.pct, v_null_points, true, null
    from (
        select 'brand_id' as column_name,
               round(100.0 * count(*) filter (where products.brand_id is null) / greatest(count(*), 1), 3) as pct
        from ${schema}.products where products.is_active
        union all
        select 'product_category_id',
               round(100.0 * count(*) filter (where products.product_category_id is null) / greatest(count(*), 1), 3)
        from ${schema}.products where products.is_active
        union all
        select 'primary_supplier_id',
               round(100.0 * count(*) filter (where products.primary_supplier_id is null) / greatest(count(*), 1), 3)
        from ${schema}.products where products.is_active
    ) as columns_checked
    union all
    select 'sales_orders', 'null_rate_pct:customer_id',
           round(100.0 * count(*) filter (where sales_orders.customer_id is null) / greatest(count(*), 1), 3),
           v_null_points, true, 'share of anonymous sales documents of the day'
    from ${schema}.sales_orders
    where sales_orders.order_date = p_run_date
    union all
    select 'receiving_orders', 'null_rate_pct:source_document',
           round(100.0 * count(*) filter (where receiving_orders.purchase_order_id is null
                                              and receiving_orders.transfer_order_id is null)
                 / greatest(count(*), 1), 3),
           v_null_points, true, 'receipts whose PO or transfer is not loaded'
    from ${schema}.receiving_orders
    where receiving_orders.received_date = p_run_date;

    -- Volume per entity (rows offered by staging): drift against the baseline.
    insert into health_metrics
    select stats.entity, 'rows_in', stats.rows_in, v_volume_pct, true, null
    from ${schema}.load_entity_stats as stats
    where stats.run_date = p_run_date;

    -- Baselines: mean of the last 30 health runs before this date; trend rows for every metric.
    delete from ${schema}.data_quality_check_reports
    where data_quality_check_reports.run_date = p_run_date and data_quality_check_reports.source = 'health';
    call ${schema}.load_drop_temp('health_results');
    create temp table health_results on commit drop as
    with baselines as (
        select health_metrics.entity, health_metrics.check_name,
               (select avg(recent.metric_value) from (
                    select reports.metric_value from ${schema}.data_quality_check_reports as reports
                    where reports.source = 'health' and reports.endpoint = health_metrics.entity
                        and reports.check_name = health_metrics.check_name and reports.run_date < p_run_date
                        and reports.is_baseline_eligible
                    order by reports.run_date desc
                    limit 30) as recent) as baseline
        from health_metrics
    )

    select health_metrics.*, baselines.baseline,
           round(100 * (health_metrics.metric_value - baselines.baseline) / nullif(baselines.baseline, 0), 2)
               as deviation_pct,
           case when not health_metrics.is_drift then health_metrics.metric_value <= health_metrics.threshold
                when baselines.baseline is null then true
                when health_metrics.check_name = 'rows_in'
                    then baselines.baseline < v_min_baseline
                         or abs(health_metrics.metric_value - baselines.baseline)
                            <= baselines.baseline * health_metrics.threshold / 100
                else abs(health_metrics.metric_value - baselines.baseline) <= health_metrics.threshold
           end as passed,
           coalesce(health_metrics.detail || '; ', '')
           || case when health_metrics.is_drift and baselines.baseline is null then 'no baseline — first run'
                   when health_metrics.is_drift then format('baseline %s over the last 30 runs',
                                                            round(baselines.baseline, 3))
                   else format('threshold %s', health_metrics.threshold) end as note
    from health_metrics
    inner join baselines
        on baselines.entity = health_metrics.entity and baselines.check_name = health_metrics.check_name;

    insert into ${schema}.data_quality_check_reports (
        endpoint, check_name, run_date, source, metric_value, baseline, deviation_pct, is_baseline_eligible
    )
    select results.entity, results.check_name, p_run_date, 'health', results.metric_value, results.baseline,
           results.deviation_pct, true
    from health_results as results;

    select count(*) filter (where results.passed), count(*) filter (where not results.passed),
           jsonb_agg(jsonb_build_object('check', results.check_name, 'entity', results.entity,
                                        'value', results.metric_value, 'threshold', results.threshold,
                                        'baseline', round(results.baseline, 3), 'detail', results.note)
                     order by results.entity, results.check_name) filter (where not results.passed),
           jsonb_agg(jsonb_build_object('check', results.check_name, 'entity', results.entity,
                                        'value', results.metric_value, 'passed', results.passed,
                                        'detail', results.note)
                     order by results.entity, results.check_name)
    into v_passed, v_failed, v_anomalies, v_checks
    from health_results as results;

    insert into ${schema}.data_health_reports (
        run_date, step_name, checks_passed, checks_failed, quality_score, anomalies, checks
    )
    values (
        p_run_date, 'load', v_passed, v_failed, round(100.0 * v_passed / greatest(v_passed + v_failed, 1), 2),
        v_anomalies, coalesce(v_checks, '[]')
    )
    on conflict on constraint data_health_reports_run_date_step_name_key do update
    set checks_passed = excluded.checks_passed, checks_failed = excluded.checks_failed,
        quality_score = excluded.quality_score, anomalies = excluded.anomalies, checks = excluded.checks,
        created_at = now();

    call ${schema}.report_step(v_passed + v_failed, v_failed, jsonb_build_object(
        'checks_passed', v_passed, 'anomalies', coalesce(jsonb_array_length(v_anomalies), 0),
        'score', round(100.0 * v_passed / greatest(v_passed + v_failed, 1), 2)));
end
$$;
comment on procedure ${schema}.step_health(date, jsonb) is
'Step 4 (health), the DataHealthMonitor: advisory checks after load - per entity reconciliation (staging rows = '
'inserted + updated + unchanged + rejected), reject and orphan rates (settings {health,reject_rate_pct}, '
'{health,orphan_rate_pct}), null-rate drift of optional references ({health,null_rate_drift_points}) and volume '
'drift ({health,volume_drift_pct}) against the mean of the last 30 runs. Writes data_health_reports (anomalies) and '
'data_quality_check_reports (source health). Never stops the run; a re-run replaces the date''s report.';

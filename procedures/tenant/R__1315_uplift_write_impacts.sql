-- Step 13 helper: writes the computed impacts of one side (purchase or transfer orders) to its impacts table: only
-- the rows that are new or differ, and deletes the rows of measured recommendations that can no longer be computed.
create or replace procedure ${schema}.uplift_write_impacts(
    p_side text, p_run_date date, inout p_written bigint default null, inout p_deleted bigint default null
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_table    text;
    v_key      text;
    v_type     text;
begin
    if p_side = 'po' then
        v_table := 'purchase_order_recommendation_impacts';
        v_key := 'po_recommendation_id';
        v_type := 'purchase_order_recommendation_impact_type_id';
    elsif p_side = 'to' then
        v_table := 'transfer_order_recommendation_impacts';
        v_key := 'to_recommendation_id';
        v_type := 'transfer_order_recommendation_impact_type_id';
    else
        raise exception 'uplift_write_impacts: unknown side %', coalesce(p_side, 'null')
            using errcode = 'CW196', hint = 'the sides are po (purchase orders) and to (transfer orders)';
    end if;

    execute format($sql$
        insert into %1$I.%2$I as impacts (
            %3$I, %4$I, measurement_method_id, measurement_date, baseline_start_date, baseline_end_date,
            actual_start_date, actual_end_date, is_respected, baseline_value, actual_value, control_count,
            control_baseline_value, control_actual_value, impact_std_error, impact_ci_low, impact_ci_high,
            computed_on
        )
        select computed.recommendation_id, computed.impact_type_id, computed.measurement_method_id,
               computed.measurement_date, computed.baseline_start_date, computed.baseline_end_date,
               computed.actual_start_date, computed.actual_end_date, computed.is_respected, computed.baseline_value,
               computed.actual_value, computed.control_count, computed.control_baseline_value,
               computed.control_actual_value, computed.impact_std_error, computed.impact_ci_low,
               computed.impact_ci_high, %5$L::date
        from (select computed_rows.*,
                     computed_rows.actual_value - computed_rows.baseline_value - computed_rows.impact_ci_margin
                     as impact_ci_low,
                     computed_rows.actual_value - computed_rows.baseline_value + computed_rows.impact_ci_margin
                     as impact_ci_high
              from pg_temp.uplift_impacts_computed as computed_rows) as computed
        left join %1$I.%2$I as stored
            on stored.%3$I = computed.recommendation_id
            and stored.%4$I = computed.impact_type_id
            and stored.measurement_method_id = computed.measurement_method_id
        where stored.id is null
            or (stored.measurement_date, stored.baseline_start_date, stored.baseline_end_date,
                stored.actual_start_date, stored.actual_end_date, stored.is_respected, stored.baseline_value,
                stored.actual_value, stored.control_count, stored.control_baseline_value, stored.control_actual_value,
                stored.impact_std_error, stored.impact_ci_low, stored.impact_ci_high)
            is distinct from
                (computed.measurement_date, computed.baseline_start_date, computed.baseline_end_date,
                 computed.actual_start_date, computed.actual_end_date, computed.is_respected, computed.baseline_value,
                 computed.actual_value, computed.control_count, computed.control_baseline_value,
                 computed.control_actual_value, computed.impact_std_error, computed.impact_ci_low,
                 computed.impact_ci_high)
        on conflict (%3$I, %4$I, measurement_method_id)
        do update
        set measurement_date = excluded.measurement_date,
            baseline_start_date = excluded.baseline_start_date,
            baseline_end_date = excluded.baseline_end_date,
            actual_start_date = excluded.actual_start_date,
            actual_end_date = excluded.actual_end_date,
            is_respected = excluded.is_respected,
            baseline_value = excluded.baseline_value,
            actual_value = excluded.actual_value,
            control_count = excluded.control_count,
            control_baseline_value = excluded.control_baseline_value,
            control_actual_value = excluded.control_actual_value,
            impact_std_error = excluded.impact_std_error,
            impact_ci_low = excluded.impact_ci_low,
            impact_ci_high = excluded.impact_ci_high,
            computed_on = excluded.computed_on,
            updated_at = now()
    $sql$, '${schema}', v_table, v_key, v_type, p_run_date);
    get diagnostics p_written = row_count;

    -- Rows of measured recommendations that can no longer be computed (a diff_in_diff that lost its controls, a
    -- measure without demand any more).
    execute format($sql$
        delete from %1$I.%2$I as impacts
        using pg_temp.uplift_targets as targets
        where impacts.%3$I = targets.recommendation_id
            and not exists (select from pg_temp.uplift_impacts_computed as computed
                            where computed.recommendation_id = impacts.%3$I
                                and computed.impact_type_id = impacts.%4$I
                                and computed.measurement_method_id = impacts.measurement_method_id)
    $sql$, '${schema}', v_table, v_key, v_type);
    get diagnostics p_deleted = row_count;
end
$$;
comment on procedure ${schema}.uplift_write_impacts(text, date, bigint, bigint) is
'Step 13 helper, one side at a time (p_side po: purchase_order_recommendation_impacts; to: '
'transfer_order_recommendation_impacts), from the temporary tables uplift_impacts_computed / uplift_targets that '
'uplift_measure(p_side) wrote: inserts or updates only the impact rows that are new or differ (computed_on = '
'p_run_date; the 95 % interval is impact_value plus or minus the computed margin), deletes the rows of the measured '
'recommendations that can no longer be computed. Returns the rows written and deleted. CW196 for another side.';

-- Step 5 helper: writes the temporary table demand_targets into demand_history (only changed rows) and removes rows
-- of the recomputed dates and pairs that no longer exist.
create or replace procedure ${schema}.demand_history_write(
    p_run_date date, p_dates date [], p_products integer [], p_locations integer [],
    inout p_written bigint default null, inout p_deleted bigint default null
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_sums_from date;
    v_sums_to   date;
begin
    -- Rows of days already in step 6's window sums (behavior_window_state) that change are recorded in
    -- behavior_changed_pairs: the next behaviors run sums those products again (new days are read as the window edge).
    select state.window_end - (state.settings ->> 'window_days')::integer + 1, state.window_end
    into v_sums_from, v_sums_to
    from ${schema}.behavior_window_state as state;
    -- demand_history_guard lets these statements through (any other writer drops the window state).
    perform set_config('cw.demand_history_writer', 'step', true);

    with written as (
    insert into ${schema}.demand_history as history (
        product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock, stockout_qty, is_oos_imputed,
        demand_qty, demand_source_type_id, selling_rate_qty, computed_on, returned_qty, returned_revenue
    )
    select targets.product_id, targets.location_id, targets.demand_date, targets.quantity, targets.revenue,
           targets.cost, targets.is_in_stock, targets.stockout_qty, targets.is_oos_imputed, targets.demand_qty,
           targets.demand_source_type_id, targets.selling_rate_qty, p_run_date, targets.returned_qty,
           targets.returned_revenue
    from demand_targets as targets
    on conflict (product_id, location_id, demand_date) do update
    set quantity = excluded.quantity,
        revenue = excluded.revenue,
        cost = excluded.cost,
        is_in_stock = excluded.is_in_stock,
        stockout_qty = excluded.stockout_qty,
        is_oos_imputed = excluded.is_oos_imputed,
        demand_qty = excluded.demand_qty,
        demand_source_type_id = excluded.demand_source_type_id,
        selling_rate_qty = excluded.selling_rate_qty,
        computed_on = excluded.computed_on,
        returned_qty = excluded.returned_qty,
        returned_revenue = excluded.returned_revenue,
        updated_at = now()
    where (history.quantity, history.revenue, history.cost, history.is_in_stock, history.stockout_qty,
           history.is_oos_imputed, history.demand_qty, history.demand_source_type_id, history.selling_rate_qty,
           history.returned_qty, history.returned_revenue)
        is distinct from (excluded.quantity, excluded.revenue, excluded.cost, excluded.is_in_stock,
                          excluded.stockout_qty, excluded.is_oos_imputed, excluded.demand_qty,
                          excluded.demand_source_type_id, excluded.selling_rate_qty, excluded.returned_qty,
                          excluded.returned_revenue)
    returning history.product_id, history.location_id, history.demand_date
    ),

    logged as (
        insert into ${schema}.behavior_changed_pairs as changed (product_id, location_id)
        select distinct written.product_id, written.location_id
        from written
        where written.demand_date between v_sums_from and v_sums_to
        on conflict on constraint behavior_changed_pairs_pkey do nothing
    )

    select count(*) into p_written from written;

    with deleted as (
    delete from ${schema}.demand_history as history
    where history.demand_date = any(p_dates)
        and (p_products is null or history.product_id = any(p_products))
        and (p_locations is null or history.location_id = any(p_locations))
        and not exists (select from demand_targets as targets
                        where targets.product_id = history.product_id and targets.location_id = history.location_id
                            and targets.demand_date = history.demand_date)
    returning history.product_id, history.location_id, history.demand_date
    ),

    logged as (
        insert into ${schema}.behavior_changed_pairs as changed (product_id, location_id)
        select distinct deleted.product_id, deleted.location_id
        from deleted
        where deleted.demand_date between v_sums_from and v_sums_to
        on conflict on constraint behavior_changed_pairs_pkey do nothing
    )

    select count(*) into p_deleted from deleted;
    perform set_config('cw.demand_history_writer', '', true);
end
$$;
comment on procedure ${schema}.demand_history_write(date, date [], integer [], integer [], bigint, bigint) is
'Step 5 helper: upserts the temporary table demand_targets into demand_history, writing only rows whose values '
'changed (an unchanged recomputation leaves the row and its updated_at as they were), and deletes rows of the '
'recomputed dates within the product/location filter that were not recomputed. Returns rows written and deleted. '
'Pairs whose rows changed on days already summed by step 6 (behavior_window_state) go into behavior_changed_pairs.';

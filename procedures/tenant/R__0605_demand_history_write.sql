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
    v_products  integer [];
    v_locations integer [];
    v_weeks     date [];
begin
    -- Rows of days already in step 6's window sums (behavior_window_state) that change are recorded in
    -- behavior_changed_pairs: the next behaviors run sums those products again (new days are read as the window edge).
    select state.window_end - (state.settings ->> 'window_days')::integer + 1, state.window_end
    into v_sums_from, v_sums_to
    from ${schema}.behavior_window_state as state;
    -- demand_history_guard lets these statements through (any other writer drops the window state).
    perform set_config('cw.demand_history_writer', 'step', true);
    -- demand_weeks follows this upsert inside the statement (weeks_updated, weeks_inserted: the written rows' changes
    -- added to the running sums), so the generic demand_weeks_capture triggers skip it; they still cover the delete
    -- below and every other writer.
    perform set_config('cw.demand_weeks_maintained', 'on', true);

    with old_rows as (
        select history.product_id, history.location_id, history.demand_date, history.demand_qty, history.quantity,
               case when history.quantity > 0 then history.revenue + history.returned_revenue else 0 end
               as sold_revenue
        from demand_targets as targets
        inner join ${schema}.demand_history as history
            on history.product_id = targets.product_id and history.location_id = targets.location_id
            and history.demand_date = targets.demand_date
    ),

    written as (
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
    returning history.product_id, history.location_id, history.demand_date, history.demand_qty, history.quantity,
              case when history.quantity > 0 then history.revenue + history.returned_revenue else 0 end
              as sold_revenue, history.updated_at
    ),

    logged as (
        insert into ${schema}.behavior_changed_pairs as changed (product_id, location_id)
        select distinct written.product_id, written.location_id
        from written
        where written.demand_date between v_sums_from and v_sums_to
        on conflict on constraint behavior_changed_pairs_pkey do nothing
    ),

    -- Each written row's change against its old values (a new row: against nothing), by ISO week and weekday.
    day_changes as (
        select written.product_id, written.location_id,
               written.demand_date - (written.demand_date - date '1900-01-01') % 7 as week_start,
               (written.demand_date - date '1900-01-01') % 7 as day_offset,
               old_rows.product_id is null as is_new,
               written.demand_qty - coalesce(old_rows.demand_qty, 0) as demand_qty,
               written.sold_revenue - coalesce(old_rows.sold_revenue, 0) as sold_revenue,
               written.quantity - coalesce(old_rows.quantity, 0) as quantity, written.updated_at
        from written
        left join old_rows
            on old_rows.product_id = written.product_id and old_rows.location_id = written.location_id
            and old_rows.demand_date = written.demand_date
    ),

    week_changes as (
        select day_changes.product_id, day_changes.location_id, day_changes.week_start,
               coalesce(bit_or(1 << (6 - day_changes.day_offset)) filter (where day_changes.is_new), 0)::smallint
               as new_mask,
               array[coalesce(sum(day_changes.demand_qty) filter (where day_changes.day_offset <= 0), 0),
                     coalesce(sum(day_changes.demand_qty) filter (where day_changes.day_offset <= 1), 0),
                     coalesce(sum(day_changes.demand_qty) filter (where day_changes.day_offset <= 2), 0),
                     coalesce(sum(day_changes.demand_qty) filter (where day_changes.day_offset <= 3), 0),
                     coalesce(sum(day_changes.demand_qty) filter (where day_changes.day_offset <= 4), 0),
                     coalesce(sum(day_changes.demand_qty) filter (where day_changes.day_offset <= 5), 0),
                     coalesce(sum(day_changes.demand_qty), 0)] as demand_qty_cum,
               array[coalesce(sum(day_changes.sold_revenue) filter (where day_changes.day_offset <= 0), 0),
                     coalesce(sum(day_changes.sold_revenue) filter (where day_changes.day_offset <= 1), 0),
                     coalesce(sum(day_changes.sold_revenue) filter (where day_changes.day_offset <= 2), 0),
                     coalesce(sum(day_changes.sold_revenue) filter (where day_changes.day_offset <= 3), 0),
                     coalesce(sum(day_changes.sold_revenue) filter (where day_changes.day_offset <= 4), 0),
                     coalesce(sum(day_changes.sold_revenue) filter (where day_changes.day_offset <= 5), 0),
                     coalesce(sum(day_changes.sold_revenue), 0)] as sold_revenue_cum,
               array[coalesce(sum(day_changes.quantity) filter (where day_changes.day_offset <= 0), 0),
                     coalesce(sum(day_changes.quantity) filter (where day_changes.day_offset <= 1), 0),
                     coalesce(sum(day_changes.quantity) filter (where day_changes.day_offset <= 2), 0),
                     coalesce(sum(day_changes.quantity) filter (where day_changes.day_offset <= 3), 0),
                     coalesce(sum(day_changes.quantity) filter (where day_changes.day_offset <= 4), 0),
                     coalesce(sum(day_changes.quantity) filter (where day_changes.day_offset <= 5), 0),
                     coalesce(sum(day_changes.quantity), 0)] as sold_qty_cum,
               max(day_changes.updated_at) as changed_at
        from day_changes
        group by day_changes.product_id, day_changes.location_id, day_changes.week_start
    ),

    -- A week already aggregated gets the changes added element by element (written out: a function call per array
    -- and row cost more than the rest of the update) (every written row's updated_at is now(), the latest of
    -- the week); a week not aggregated yet is refreshed from demand_history after the statement (below: it may hold
    -- rows a bulk fill wrote without the triggers, so its sums are measured, not assumed).
    weeks_updated as (
        update ${schema}.demand_weeks as weeks
        set listed_mask = weeks.listed_mask | changes.new_mask,
            demand_qty_cum = array[weeks.demand_qty_cum[1] + changes.demand_qty_cum[1],
                                   weeks.demand_qty_cum[2] + changes.demand_qty_cum[2],
                                   weeks.demand_qty_cum[3] + changes.demand_qty_cum[3],
                                   weeks.demand_qty_cum[4] + changes.demand_qty_cum[4],
                                   weeks.demand_qty_cum[5] + changes.demand_qty_cum[5],
                                   weeks.demand_qty_cum[6] + changes.demand_qty_cum[6],
                                   weeks.demand_qty_cum[7] + changes.demand_qty_cum[7]],
            sold_revenue_cum = array[weeks.sold_revenue_cum[1] + changes.sold_revenue_cum[1],
                                     weeks.sold_revenue_cum[2] + changes.sold_revenue_cum[2],
                                     weeks.sold_revenue_cum[3] + changes.sold_revenue_cum[3],
                                     weeks.sold_revenue_cum[4] + changes.sold_revenue_cum[4],
                                     weeks.sold_revenue_cum[5] + changes.sold_revenue_cum[5],
                                     weeks.sold_revenue_cum[6] + changes.sold_revenue_cum[6],
                                     weeks.sold_revenue_cum[7] + changes.sold_revenue_cum[7]],
            sold_qty_cum = array[weeks.sold_qty_cum[1] + changes.sold_qty_cum[1],
                                 weeks.sold_qty_cum[2] + changes.sold_qty_cum[2],
                                 weeks.sold_qty_cum[3] + changes.sold_qty_cum[3],
                                 weeks.sold_qty_cum[4] + changes.sold_qty_cum[4],
                                 weeks.sold_qty_cum[5] + changes.sold_qty_cum[5],
                                 weeks.sold_qty_cum[6] + changes.sold_qty_cum[6],
                                 weeks.sold_qty_cum[7] + changes.sold_qty_cum[7]],
            changed_at = greatest(weeks.changed_at, changes.changed_at),
            refreshed_at = clock_timestamp()
        from week_changes as changes
        where weeks.product_id = changes.product_id and weeks.location_id = changes.location_id
            and weeks.week_start = changes.week_start
        returning 1
    )

    select (select count(*) from written), missing.product_ids, missing.location_ids, missing.week_starts
    into p_written, v_products, v_locations, v_weeks
    from (
        select array_agg(week_changes.product_id) as product_ids, array_agg(week_changes.location_id) as location_ids,
               array_agg(week_changes.week_start) as week_starts
        from week_changes
        where not exists (select from ${schema}.demand_weeks as weeks
                          where weeks.product_id = week_changes.product_id
                              and weeks.location_id = week_changes.location_id
                              and weeks.week_start = week_changes.week_start)
    ) as missing;
    perform set_config('cw.demand_weeks_maintained', '', true);
    if v_products is not null then
        perform ${schema}.demand_weeks_refresh(v_products, v_locations, v_weeks);
    end if;

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
'Pairs whose rows changed on days already summed by step 6 (behavior_window_state) go into behavior_changed_pairs. '
'The upsert also adds its rows'' changes to the demand_weeks rows of their weeks (running sums, listed days) in the '
'same statement, and weeks without a row yet are refreshed from demand_history after it; the demand_weeks_capture '
'triggers skip the upsert (cw.demand_weeks_maintained) and still cover the delete.';

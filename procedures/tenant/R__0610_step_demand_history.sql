-- Step 5: demand_history. Daily demand facts per product x customer-facing location, stockout detection and
-- missed-demand imputation. Incremental: only dates touched by data changed since the last unscoped run
-- are recomputed; a scope recomputes every date of the scoped pairs only. Definitions: docs/demand.md.
create or replace procedure ${schema}.step_demand_history(p_run_date date, p_scope jsonb)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
-- jit off: the grid's statements look expensive to the planner (a set-returning calendar, lateral lookups) but run
-- in well under a second; JIT compiled them for seconds on every run.
set jit = off
as $$
declare
    v_settings     jsonb := ${schema}.settings('demand_history');
    v_window_days  integer := (v_settings ->> 'rate_window_days')::integer;
    v_prior_days   numeric := (v_settings ->> 'prior_weight_days')::numeric;
    v_stop_prob    numeric := (v_settings ->> 'sales_stop_probability')::numeric;
    v_min_selling  integer := (v_settings ->> 'stop_min_selling_days')::integer;
    v_max_open     integer := (v_settings ->> 'stop_max_open_days')::integer;
    v_outlier      numeric := (v_settings ->> 'outlier_factor')::numeric;
    v_started      timestamptz := transaction_timestamp();
    v_scope        jsonb := ${schema}.validate_scope(p_scope);
    v_products     integer [];
    v_locations    integer [];
    v_watermark    timestamptz;
    v_last_run     date;
    v_first_date   date;
    v_end          date;
    v_from         date;
    v_dates        date [];
    v_rows_in      bigint;
    v_written      bigint;
    v_deleted      bigint;
    v_detail       jsonb;
    v_compute      jsonb;
    v_path         text;
begin
    if v_scope ? 'products' then
        select coalesce(array_agg(products.id), '{}') into v_products
        from ${schema}.products
        where products.erp_id in (select jsonb_array_elements_text(v_scope -> 'products'));
    end if;
    if v_scope ? 'locations' then
        select coalesce(array_agg(locations.id), '{}') into v_locations
        from ${schema}.locations
        where locations.erp_id in (select jsonb_array_elements_text(v_scope -> 'locations'));
    end if;

    select max(runs.started_at), max(runs.run_date) into v_watermark, v_last_run
    from ${schema}.demand_history_runs as runs
    where runs.scope is null;
    -- What the loads touched since the last unscoped run (demand_touched_capture), consumed by an unscoped run.
    call ${schema}.load_drop_temp('demand_touched');
    create temp table demand_touched on commit drop as
    select touched.product_id, touched.location_id, touched.touched_date, touched.has_sales_change,
           touched.has_stock_change
    from ${schema}.demand_touched_pairs as touched;
    if v_scope is null then
        delete from ${schema}.demand_touched_pairs as touched
        using demand_touched
        where touched.product_id = demand_touched.product_id and touched.location_id = demand_touched.location_id
            and touched.touched_date = demand_touched.touched_date;
    end if;

    -- The pairs' first evidence: all of them when nothing was computed yet, else only the touched pairs that are
    -- new or were touched on or before their first date (a later change cannot move the first evidence).
    if v_watermark is null then
        delete from ${schema}.demand_pairs;
        insert into ${schema}.demand_pairs (product_id, location_id, first_date)
        select evidence.product_id, evidence.location_id, min(evidence.first_date)
        from (
            select lines.product_id, orders.location_id, min(orders.order_date) as first_date
            from ${schema}.sales_order_lines as lines
            inner join ${schema}.sales_orders as orders on orders.id = lines.sales_order_id
            where lines.is_active and not lines.is_cancelled and orders.status is distinct from 'cancelled'
            group by lines.product_id, orders.location_id
            union all
            select balances.product_id, balances.location_id, min(balances.balance_date)
            from ${schema}.inventory_balances as balances
            group by balances.product_id, balances.location_id
        ) as evidence
        group by evidence.product_id, evidence.location_id;
    else
        call ${schema}.demand_pairs_refresh();
    end if;

    select least(
        (select min(sales_orders.order_date) from ${schema}.sales_orders),
        (select min(demand_pairs.first_date) from ${schema}.demand_pairs)
    ) into v_first_date;
    v_end := greatest(p_run_date, v_last_run);

    -- Dates to recompute: everything on a first or scoped run; else the touched dates (a changed stock reading
    -- holds until the pair's next reading), the days since the last run and the run date; a touched date already
    -- computed also recomputes the days whose rates and sales-stop pattern look back at it (rate_window_days +
    -- 2 x stop_max_open_days after it), so the result equals a full recompute.
    if v_first_date is null then
        v_dates := '{}';
    elsif v_scope is not null or v_watermark is null then
        select array_agg(day::date order by day) into v_dates
        from generate_series(v_first_date, v_end, interval '1 day') as day;
    else
        with changed_sales as (
            select distinct demand_touched.touched_date
            from demand_touched
            where demand_touched.has_sales_change
        ),

        changed_balances as (
            select day::date as touched_date
            from demand_touched
            cross join lateral (
                select min(later.balance_date) as next_date
                from ${schema}.inventory_balances as later
                where later.product_id = demand_touched.product_id
                    and later.location_id = demand_touched.location_id
                    and later.balance_date > demand_touched.touched_date
            ) as readings
            cross join lateral generate_series(
                demand_touched.touched_date, coalesce(readings.next_date - 1, v_end), interval '1 day'
            ) as day
            where demand_touched.has_stock_change
        ),

        touched_days as (
            select changed_sales.touched_date from changed_sales
            union select changed_balances.touched_date from changed_balances
        ),

        -- Days already computed whose rates look back at a touched day.
        dependent_days as (
            select day::date as touched_date
            from touched_days
            cross join lateral generate_series(
                touched_days.touched_date + 1,
                least(touched_days.touched_date + v_window_days + 2 * v_max_open, v_last_run), interval '1 day'
            ) as day
            where touched_days.touched_date <= v_last_run
        ),

        new_days as (
            select day::date as touched_date
            from generate_series(coalesce(v_last_run + 1, p_run_date), v_end, interval '1 day') as day
        ),

        all_touched as (
            select touched_days.touched_date from touched_days
            union select dependent_days.touched_date from dependent_days
            union select new_days.touched_date from new_days
            union select p_run_date
        )

        select array_agg(all_touched.touched_date order by all_touched.touched_date) into v_dates
        from all_touched
        where all_touched.touched_date between v_first_date and v_end;
    end if;
    v_dates := coalesce(v_dates, '{}');
    -- The rates look v_window_days back; a sales stop looks back to the last sale (at most v_max_open open days,
    -- twice that in calendar days covers weekly closures) and the window before it.
    v_from := v_dates[1] - v_window_days - 2 * v_max_open;

    v_compute := jsonb_build_object(
        'rate_window_days', v_window_days, 'prior_weight_days', v_prior_days, 'sales_stop_probability', v_stop_prob,
        'stop_min_selling_days', v_min_selling, 'stop_max_open_days', v_max_open, 'outlier_factor', v_outlier
    );
    -- The nightly path: an unscoped run whose only date is the day after the pair state (same settings) computes
    -- that day from demand_pair_state, one row per pair. Anything else (first run, a catch-up of several days, a
    -- correction of a computed day, a scope, other settings) computes the grid, and an unscoped grid rebuilds the
    -- state. Both end in demand_history_finish: the same rows either way.
    v_path := case
        when v_scope is null and v_watermark is not null and cardinality(v_dates) = 1 and v_dates[1] = v_end
            and exists (select from ${schema}.demand_rate_state as state
                        where state.window_end = v_end - 1 and state.settings = v_compute) then 'day'
        else 'grid'
    end;
    if v_path = 'day' then
        call ${schema}.demand_history_compute_day(v_end, v_compute);
    else
        call ${schema}.demand_history_compute(v_from, v_end, v_compute, v_dates);
    end if;

    -- Rows to write: the touched dates of the scoped pairs; the rates come from every pair (global, category).
    call ${schema}.load_drop_temp('demand_targets');
    create temp table demand_targets on commit drop as
    select * from demand_computed
    where demand_computed.demand_date = any(v_dates)
        and (v_products is null or demand_computed.product_id = any(v_products))
        and (v_locations is null or demand_computed.location_id = any(v_locations));
    get diagnostics v_rows_in = row_count;
    -- demand_history_write removes rows of the recomputed dates without a target: an anti join that must probe, not
    -- scan, the targets when a catch-up recomputes a year (a one-batch onboarding).
    create index on demand_targets (product_id, location_id, demand_date);
    analyze demand_targets;

    call ${schema}.demand_history_write(p_run_date, v_dates, v_products, v_locations, v_written, v_deleted);
    -- A scoped run leaves the state as it was (its data did not change: the touched pairs wait for the nightly).
    if v_scope is null then
        call ${schema}.demand_pair_state_save(v_end, v_compute, v_path);
    end if;

    insert into ${schema}.demand_history_runs (run_date, scope, started_at, dates_rewritten, rows_written, rows_deleted)
    values (p_run_date, v_scope, v_started, v_dates, v_written, v_deleted);

    select jsonb_build_object(
        'dates_rewritten', cardinality(v_dates),
        'path', v_path,
        'grid_days', case when v_path = 'grid' then v_end - v_from + 1 else 1 end,
        'first_date', v_dates[1],
        'last_date', v_dates[cardinality(v_dates)],
        'rows_deleted', v_deleted,
        'stockout_rows', (select count(*) from demand_history
                          where demand_history.demand_date = any(v_dates) and not demand_history.is_in_stock),
        'imputed_qty', (select coalesce(sum(demand_history.stockout_qty), 0) from demand_history
                        where demand_history.demand_date = any(v_dates)),
        'scope_products_unknown', jsonb_array_length(coalesce(v_scope -> 'products', '[]'))
        - coalesce(cardinality(v_products), 0),
        'scope_locations_unknown', jsonb_array_length(coalesce(v_scope -> 'locations', '[]'))
        - coalesce(cardinality(v_locations), 0)
    ) into v_detail;
    call ${schema}.report_step(v_rows_in, v_written, v_detail);
end
$$;
comment on procedure ${schema}.step_demand_history(date, jsonb) is
'Step 5 (demand_history): daily demand facts per product x store/webshop with stockout detection and missed-demand '
'imputation into demand_history. Recomputes only the dates touched by data changed since the last unscoped run (and '
'the days up to the run date); with a scope {"products": [...], "locations": [...]} (ERP ids) every date of the '
'scoped pairs and nothing else. Settings {demand_history,...}: rate_window_days (28), prior_weight_days (3), '
'sales_stop_probability (0.001), stop_min_selling_days (5), stop_max_open_days (7), outlier_factor (3); CW060 when '
'invalid. See docs/demand.md.';

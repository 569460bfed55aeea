-- Step 12: refresh the UI statistics (_stats: sales, inventory, service, forecast x daily, weekly, monthly, yearly).
-- Incremental from what changed in production since the previous refresh; full = truncate and rebuild. Both paths run
-- the same computations, so they give identical tables (tested with checksums). Definitions: docs/stats.md.
create or replace procedure ${schema}.stats_refresh(p_run_date date, p_full boolean, inout p_detail jsonb default null)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
set jit = off
as $$
declare
    v_started    timestamptz := transaction_timestamp();
    v_clock      timestamptz := clock_timestamp();
    v_prev       ${stats_schema}.stats_runs;
    v_full       boolean := p_full;
    v_end        date;
    v_dh_dates   date [];
    v_version    bigint;
    v_customer_version bigint;
    v_rows       jsonb := '{}';
    v_count      bigint;
    v_metric     text;
    v_grain      text;
    v_touched    integer;
    v_warehouse_full boolean;
begin
    if p_run_date is null then
        raise exception 'stats refresh of client ${client_code} needs a run date'
            using errcode = 'CW121', hint = 'call ${schema}.stats_rebuild(current_date) or run the pipeline for a date';
    end if;
    select * into v_prev from ${stats_schema}.stats_runs order by stats_runs.id desc limit 1;
    v_full := v_full or v_prev.id is null;
    v_end := greatest(p_run_date, v_prev.horizon_end);
    select max(product_versions.id) into v_version from ${schema}.product_versions;
    select max(customer_versions.id) into v_customer_version from ${schema}.customer_versions;

    call ${schema}.load_drop_temp('stats_changed');
    create temp table stats_changed (
        metric text not null, product_id integer not null, location_id integer not null, stat_date date not null
    ) on commit drop;
    -- The old (sign -1) and new (sign +1) values of every daily row written or deleted: the roll-ups add them.
    call ${schema}.load_drop_temp('stats_delta_sales');
    create temp table stats_delta_sales (
        product_id integer not null, location_id integer not null, stat_date date not null, sign smallint not null,
        sold_qty numeric, revenue numeric, cost numeric
    ) on commit drop;
    call ${schema}.load_drop_temp('stats_delta_service');
    create temp table stats_delta_service (
        product_id integer not null, location_id integer not null, stat_date date not null, sign smallint not null,
        demand_qty numeric, sold_qty numeric, lost_sales_qty numeric, stockout_days integer,
        unimputed_stockout_days integer
    ) on commit drop;
    call ${schema}.load_drop_temp('stats_delta_inventory');
    create temp table stats_delta_inventory (
        product_id integer not null, location_id integer not null, stat_date date not null, sign smallint not null,
        on_hand_qty numeric, stock_value numeric, is_out_of_stock boolean
    ) on commit drop;
    call ${schema}.load_drop_temp('stats_inventory_touch');
    create temp table stats_inventory_touch (
        product_id integer not null, location_id integer not null, from_date date not null
    ) on commit drop;

    if v_full then
        truncate ${stats_schema}.sales_daily, ${stats_schema}.service_daily, ${stats_schema}.inventory_daily;
        insert into ${stats_schema}.sales_daily (product_id, location_id, stat_date, sold_qty, revenue, cost)
        select history.product_id, history.location_id, history.demand_date, history.quantity, history.revenue,
               history.cost
        from ${schema}.demand_history as history
        where history.demand_date <= v_end and (history.quantity <> 0 or history.revenue <> 0);
        get diagnostics v_count = row_count;
        v_rows := v_rows || jsonb_build_object('sales_daily', v_count);

        insert into ${stats_schema}.service_daily (
            product_id, location_id, stat_date, demand_qty, sold_qty, lost_sales_qty, listed_days, stockout_days,
            unimputed_stockout_days
        )
        select history.product_id, history.location_id, history.demand_date, history.demand_qty, history.quantity,
               coalesce(history.stockout_qty, 0), 1, (not history.is_in_stock)::integer,
               (not history.is_in_stock and history.stockout_qty is null)::integer
        from ${schema}.demand_history as history
        where history.demand_date <= v_end;
        get diagnostics v_count = row_count;
        v_rows := v_rows || jsonb_build_object('service_daily', v_count);

        insert into pg_temp.stats_inventory_touch (product_id, location_id, from_date)
        select balances.product_id, balances.location_id, min(balances.balance_date)
        from ${schema}.inventory_balances as balances
        group by balances.product_id, balances.location_id;
        analyze pg_temp.stats_inventory_touch;
        call ${schema}.stats_inventory_compute(v_end);
        insert into ${stats_schema}.inventory_daily (
            product_id, location_id, stat_date, balance_date, on_hand_qty, blocked_qty, reserved_qty, stock_value
        )
        select computed.product_id, computed.location_id, computed.stat_date, computed.balance_date,
               computed.on_hand_qty, computed.blocked_qty, computed.reserved_qty, computed.stock_value
        from pg_temp.stats_inventory_new as computed;
        get diagnostics v_count = row_count;
        v_rows := v_rows || jsonb_build_object('inventory_daily', v_count);
        select count(distinct daily.stat_date) into v_touched from ${stats_schema}.service_daily as daily;
    else
        -- Sales and service: demand_history rewrites only the dates of its runs (dates_rewritten), and stamps the
        -- rows it changes with updated_at: read those rows of those dates, and drop rows whose source vanished.
        select array_agg(distinct rewritten.day) into v_dh_dates
        from ${schema}.demand_history_runs as runs
        cross join lateral unnest(runs.dates_rewritten) as rewritten (day)
        where runs.started_at > v_prev.started_at and rewritten.day <= v_end;
        v_dh_dates := coalesce(v_dh_dates, '{}');

        call ${schema}.load_drop_temp('stats_history_changed');
        create temp table stats_history_changed on commit drop as
        select history.product_id, history.location_id, history.demand_date, history.quantity, history.revenue,
               history.cost, history.demand_qty, history.stockout_qty, history.is_in_stock
        from ${schema}.demand_history as history
        where history.demand_date = any(v_dh_dates) and history.updated_at > v_prev.started_at;
        -- Analysed, as every temporary table a later statement joins: unanalysed, it is planned from its size on disk.
        analyze pg_temp.stats_history_changed;

        with old as (
            -- Read before the upsert: every sub-statement sees the snapshot taken before any of them writes.
            select daily.product_id, daily.location_id, daily.stat_date, daily.sold_qty, daily.revenue, daily.cost
            from pg_temp.stats_history_changed as changed
            inner join ${stats_schema}.sales_daily as daily
                on daily.product_id = changed.product_id and daily.location_id = changed.location_id
                    and daily.stat_date = changed.demand_date
        ),

        upserted as (
            insert into ${stats_schema}.sales_daily as target (
                product_id, location_id, stat_date, sold_qty, revenue, cost
            )
            select changed.product_id, changed.location_id, changed.demand_date, changed.quantity, changed.revenue,
                   changed.cost
            from pg_temp.stats_history_changed as changed
            where changed.quantity <> 0 or changed.revenue <> 0
            on conflict (product_id, location_id, stat_date) do update
            set sold_qty = excluded.sold_qty, revenue = excluded.revenue, cost = excluded.cost
            where (target.sold_qty, target.revenue, target.cost)
                is distinct from (excluded.sold_qty, excluded.revenue, excluded.cost)
            returning target.product_id, target.location_id, target.stat_date, target.sold_qty, target.revenue,
                      target.cost
        ),

        deleted as (
            delete from ${stats_schema}.sales_daily as target
            where target.stat_date = any(v_dh_dates)
                and not exists (select from ${schema}.demand_history as history
                                where history.product_id = target.product_id
                                    and history.location_id = target.location_id
                                    and history.demand_date = target.stat_date
                                    and (history.quantity <> 0 or history.revenue <> 0))
            returning target.product_id, target.location_id, target.stat_date, target.sold_qty, target.revenue,
                      target.cost
        )

        insert into pg_temp.stats_delta_sales (product_id, location_id, stat_date, sign, sold_qty, revenue, cost)
        select upserted.product_id, upserted.location_id, upserted.stat_date, 1, upserted.sold_qty, upserted.revenue,
               upserted.cost
        from upserted
        union all
        select old.product_id, old.location_id, old.stat_date, -1, old.sold_qty, old.revenue, old.cost
        from old
        inner join upserted
            on upserted.product_id = old.product_id and upserted.location_id = old.location_id
                and upserted.stat_date = old.stat_date
        union all
        select deleted.product_id, deleted.location_id, deleted.stat_date, -1, deleted.sold_qty, deleted.revenue,
               deleted.cost
        from deleted;
        get diagnostics v_count = row_count;
        v_rows := v_rows || jsonb_build_object('sales_daily', (select count(distinct (delta.product_id,
            delta.location_id, delta.stat_date)) from pg_temp.stats_delta_sales as delta));

        with old as (
            select daily.product_id, daily.location_id, daily.stat_date, daily.demand_qty, daily.sold_qty,
                   daily.lost_sales_qty, daily.stockout_days, daily.unimputed_stockout_days
            from pg_temp.stats_history_changed as changed
            inner join ${stats_schema}.service_daily as daily
                on daily.product_id = changed.product_id and daily.location_id = changed.location_id
                    and daily.stat_date = changed.demand_date
        ),

        upserted as (
            insert into ${stats_schema}.service_daily as target (
                product_id, location_id, stat_date, demand_qty, sold_qty, lost_sales_qty, listed_days,
                stockout_days, unimputed_stockout_days
            )
            select changed.product_id, changed.location_id, changed.demand_date, changed.demand_qty, changed.quantity,
                   coalesce(changed.stockout_qty, 0), 1, (not changed.is_in_stock)::integer,
                   (not changed.is_in_stock and changed.stockout_qty is null)::integer
            from pg_temp.stats_history_changed as changed
            on conflict (product_id, location_id, stat_date) do update
            set demand_qty = excluded.demand_qty, sold_qty = excluded.sold_qty,
                lost_sales_qty = excluded.lost_sales_qty, stockout_days = excluded.stockout_days,
                unimputed_stockout_days = excluded.unimputed_stockout_days
            where (target.demand_qty, target.sold_qty, target.lost_sales_qty, target.stockout_days,
                   target.unimputed_stockout_days)
                is distinct from (excluded.demand_qty, excluded.sold_qty, excluded.lost_sales_qty,
                                  excluded.stockout_days, excluded.unimputed_stockout_days)
            returning target.product_id, target.location_id, target.stat_date, target.demand_qty, target.sold_qty,
                      target.lost_sales_qty, target.stockout_days, target.unimputed_stockout_days
        ),

        deleted as (
            delete from ${stats_schema}.service_daily as target
            where target.stat_date = any(v_dh_dates)
                and not exists (select from ${schema}.demand_history as history
                                where history.product_id = target.product_id
                                    and history.location_id = target.location_id
                                    and history.demand_date = target.stat_date)
            returning target.product_id, target.location_id, target.stat_date, target.demand_qty, target.sold_qty,
                      target.lost_sales_qty, target.stockout_days, target.unimputed_stockout_days
        )

        insert into pg_temp.stats_delta_service (
            product_id, location_id, stat_date, sign, demand_qty, sold_qty, lost_sales_qty, stockout_days,
            unimputed_stockout_days
        )
        select upserted.product_id, upserted.location_id, upserted.stat_date, 1, upserted.demand_qty,
               upserted.sold_qty, upserted.lost_sales_qty, upserted.stockout_days, upserted.unimputed_stockout_days
        from upserted
        union all
        select old.product_id, old.location_id, old.stat_date, -1, old.demand_qty, old.sold_qty, old.lost_sales_qty,
               old.stockout_days, old.unimputed_stockout_days
        from old
        inner join upserted
            on upserted.product_id = old.product_id and upserted.location_id = old.location_id
                and upserted.stat_date = old.stat_date
        union all
        select deleted.product_id, deleted.location_id, deleted.stat_date, -1, deleted.demand_qty, deleted.sold_qty,
               deleted.lost_sales_qty, deleted.stockout_days, deleted.unimputed_stockout_days
        from deleted;
        v_rows := v_rows || jsonb_build_object('service_daily', (select count(distinct (delta.product_id,
            delta.location_id, delta.stat_date)) from pg_temp.stats_delta_service as delta));

        -- Inventory: the pairs and first days whose stock may have changed. Balance dates (re)loaded since the
        -- last refresh: new, another type or another raw hash; the latest days always (a reload of the latest date
        -- corrects them in place). Kept: stats_inventory_dates takes only these dates at the end.
        call ${schema}.load_drop_temp('stats_changed_dates');
        create temp table stats_changed_dates on commit drop as
        select snapshots.snapshot_date, snapshots.snapshot_type, snapshots.raw_hash
        from ${schema}.inventory_snapshots as snapshots
        left join ${stats_schema}.stats_inventory_dates as seen on seen.snapshot_date = snapshots.snapshot_date
        where snapshots.snapshot_date <= v_end
            and (seen.snapshot_date is null or seen.snapshot_type <> snapshots.snapshot_type
                 or seen.raw_hash is distinct from snapshots.raw_hash or snapshots.raw_hash is null
                 or snapshots.snapshot_date >= v_prev.horizon_end);
        analyze pg_temp.stats_changed_dates;

        with changed_dates as (
            select stats_changed_dates.snapshot_date, stats_changed_dates.snapshot_type
            from pg_temp.stats_changed_dates
        ),

        reloaded_pairs as (
            -- Per location and date, through the (location_id, balance_date) index: never a scan of all readings.
            select balances.product_id, balances.location_id, balances.balance_date as from_date
            from changed_dates
            cross join ${schema}.locations
            cross join lateral (
                select readings.product_id, readings.location_id, readings.balance_date
                from ${schema}.inventory_balances as readings
                where readings.location_id = locations.id and readings.balance_date = changed_dates.snapshot_date
                -- offset 0: an index probe per location and date; as a join, the planner (which expects many
                -- changed dates) hashed every stock reading (392k at 1,000 x 12 x 365 for 15k rows).
                offset 0
            ) as balances
        ),

        delisted_pairs as (
            -- A full snapshot ends every pair stocked the day before that it does not hold.
            select daily.product_id, daily.location_id, changed_dates.snapshot_date as from_date
            from changed_dates
            inner join ${stats_schema}.inventory_daily as daily on daily.stat_date = changed_dates.snapshot_date - 1
            where changed_dates.snapshot_type = 'full'
        ),

        extended_pairs as (
            -- New days up to the horizon: every pair stocked on the previous horizon's last day.
            select daily.product_id, daily.location_id, v_prev.horizon_end + 1 as from_date
            from ${stats_schema}.inventory_daily as daily
            where daily.stat_date = v_prev.horizon_end and v_end > v_prev.horizon_end
        ),

        revised_versions as (
            -- Product versions written since the previous refresh (written_at, any valid_from: a replay of an old
            -- date corrects its version in place), compared with what the previous refresh valued with
            -- (dim_products, refreshed after this): a new version or another cost revalues from its first day; a
            -- version only closed or reopened changes the days from its old or new end on.
            select versions.product_id,
                   case when dim.product_sk is null or dim.cost is distinct from versions.cost
                            then versions.valid_from
                        when versions.valid_to is distinct from dim.end_date + 1
                            then least(versions.valid_to, dim.end_date + 1)
                   end as from_date
            from ${schema}.product_versions as versions
            left join ${stats_schema}.dim_products as dim on dim.product_sk = versions.id
            where versions.written_at > v_prev.started_at
                or versions.id > coalesce(v_prev.product_version_id_max, 0)
        ),

        revalued_pairs as (
            -- The stock of those products from that day on (the pairs stocked then or later): per location, one
            -- probe of the (product_id, location_id, stat_date) key from that day. A join on the product alone read
            -- the product's whole inventory_daily range (every day of history) and filtered the dates afterwards.
            select revised_versions.product_id, locations.id as location_id,
                   min(revised_versions.from_date) as from_date
            from revised_versions
            cross join ${schema}.locations
            cross join lateral (
                select
                from ${stats_schema}.inventory_daily as daily
                where daily.product_id = revised_versions.product_id and daily.location_id = locations.id
                    and daily.stat_date >= revised_versions.from_date
                -- limit 1: a probe per (product, location) that stops at the first day, never a semi-join that
                -- hashes the table.
                limit 1
            ) as stocked
            group by revised_versions.product_id, locations.id
        ),

        all_touched as (
            select reloaded_pairs.product_id, reloaded_pairs.location_id, reloaded_pairs.from_date
            from reloaded_pairs
            union all
            select delisted_pairs.product_id, delisted_pairs.location_id, delisted_pairs.from_date
            from delisted_pairs
            union all
            select extended_pairs.product_id, extended_pairs.location_id, extended_pairs.from_date
            from extended_pairs
            union all
            select revalued_pairs.product_id, revalued_pairs.location_id, revalued_pairs.from_date
            from revalued_pairs
        )

        insert into pg_temp.stats_inventory_touch (product_id, location_id, from_date)
        select all_touched.product_id, all_touched.location_id, min(all_touched.from_date)
        from all_touched
        group by all_touched.product_id, all_touched.location_id;
        analyze pg_temp.stats_inventory_touch;
        call ${schema}.stats_inventory_compute(v_end);
        analyze pg_temp.stats_inventory_new;

        with old as (
            select daily.product_id, daily.location_id, daily.stat_date, daily.on_hand_qty, daily.stock_value,
                   daily.is_out_of_stock
            from pg_temp.stats_inventory_new as computed
            inner join ${stats_schema}.inventory_daily as daily
                on daily.product_id = computed.product_id and daily.location_id = computed.location_id
                    and daily.stat_date = computed.stat_date
        ),

        upserted as (
            insert into ${stats_schema}.inventory_daily as target (
                product_id, location_id, stat_date, balance_date, on_hand_qty, blocked_qty, reserved_qty, stock_value
            )
            select computed.product_id, computed.location_id, computed.stat_date, computed.balance_date,
                   computed.on_hand_qty, computed.blocked_qty, computed.reserved_qty, computed.stock_value
            from pg_temp.stats_inventory_new as computed
            on conflict (product_id, location_id, stat_date) do update
            set balance_date = excluded.balance_date, on_hand_qty = excluded.on_hand_qty,
                blocked_qty = excluded.blocked_qty, reserved_qty = excluded.reserved_qty,
                stock_value = excluded.stock_value
            where (target.balance_date, target.on_hand_qty, target.blocked_qty, target.reserved_qty,
                   target.stock_value)
                is distinct from (excluded.balance_date, excluded.on_hand_qty, excluded.blocked_qty,
                                  excluded.reserved_qty, excluded.stock_value)
            returning target.product_id, target.location_id, target.stat_date, target.on_hand_qty,
                      target.stock_value, target.is_out_of_stock
        ),

        deleted as (
            delete from ${stats_schema}.inventory_daily as target
            using pg_temp.stats_inventory_touch as touch
            where target.product_id = touch.product_id and target.location_id = touch.location_id
                and target.stat_date >= touch.from_date
                and not exists (select from pg_temp.stats_inventory_new as computed
                                where computed.product_id = target.product_id
                                    and computed.location_id = target.location_id
                                    and computed.stat_date = target.stat_date)
            returning target.product_id, target.location_id, target.stat_date, target.on_hand_qty,
                      target.stock_value, target.is_out_of_stock
        )

        insert into pg_temp.stats_delta_inventory (
            product_id, location_id, stat_date, sign, on_hand_qty, stock_value, is_out_of_stock
        )
        select upserted.product_id, upserted.location_id, upserted.stat_date, 1, upserted.on_hand_qty,
               upserted.stock_value, upserted.is_out_of_stock
        from upserted
        union all
        select old.product_id, old.location_id, old.stat_date, -1, old.on_hand_qty, old.stock_value,
               old.is_out_of_stock
        from old
        inner join upserted
            on upserted.product_id = old.product_id and upserted.location_id = old.location_id
                and upserted.stat_date = old.stat_date
        union all
        select deleted.product_id, deleted.location_id, deleted.stat_date, -1, deleted.on_hand_qty,
               deleted.stock_value, deleted.is_out_of_stock
        from deleted;
        v_rows := v_rows || jsonb_build_object('inventory_daily', (select count(distinct (delta.product_id,
            delta.location_id, delta.stat_date)) from pg_temp.stats_delta_inventory as delta));
        analyze pg_temp.stats_delta_sales;
        analyze pg_temp.stats_delta_service;
        analyze pg_temp.stats_delta_inventory;
        select count(distinct changed.stat_date) into v_touched
        from (
            select delta.stat_date from pg_temp.stats_delta_sales as delta
            union
            select delta.stat_date from pg_temp.stats_delta_service as delta
            union
            select delta.stat_date from pg_temp.stats_delta_inventory as delta
        ) as changed;
    end if;

    -- Forecasts (step 7): the one-day-ahead forecast of each day and the demand that came.
    call ${schema}.stats_forecast_refresh(v_full, v_prev.started_at, v_dh_dates, v_count);
    v_rows := v_rows || jsonb_build_object('forecast_daily', v_count);

    foreach v_metric in array array['sales', 'inventory', 'service', 'forecast'] loop
        foreach v_grain in array array['weekly', 'monthly', 'yearly'] loop
            call ${schema}.stats_roll_up(v_metric, v_grain, v_full, v_count);
            v_rows := v_rows || jsonb_build_object(v_metric || '_' || v_grain, v_count);
        end loop;
    end loop;

    -- The warehouse star schema: facts of the order dates demand_history rewrote (every date when full).
    -- A star schema never built (a client refreshed before it existed) is built whole.
    v_warehouse_full := v_full or not exists (select from ${stats_schema}.dim_date);
    call ${schema}.stats_warehouse_refresh(v_warehouse_full, v_end, v_dh_dates, v_rows);

    -- What the next incremental refresh compares against: every snapshot after a full refresh; after an
    -- incremental one only the dates it found changed (inventory_snapshots rows are never deleted: load upserts
    -- them), so a night writes a few rows instead of one per day of history.
    if v_full then
        delete from ${stats_schema}.stats_inventory_dates;
        insert into ${stats_schema}.stats_inventory_dates (snapshot_date, snapshot_type, raw_hash)
        select snapshots.snapshot_date, snapshots.snapshot_type, snapshots.raw_hash
        from ${schema}.inventory_snapshots as snapshots;
    else
        insert into ${stats_schema}.stats_inventory_dates as seen (snapshot_date, snapshot_type, raw_hash)
        select changed.snapshot_date, changed.snapshot_type, changed.raw_hash
        from pg_temp.stats_changed_dates as changed
        on conflict (snapshot_date) do update
        set snapshot_type = excluded.snapshot_type, raw_hash = excluded.raw_hash
        where (seen.snapshot_type, seen.raw_hash) is distinct from (excluded.snapshot_type, excluded.raw_hash);
    end if;

    insert into ${stats_schema}.stats_runs (
        run_date, refresh_mode, started_at, horizon_end, product_version_id_max, customer_version_id_max,
        dates_touched, rows_written, duration_ms
    )
    values (
        p_run_date, case when v_full then 'full' else 'incremental' end, v_started, v_end, v_version,
        v_customer_version,
        coalesce(v_touched, 0), v_rows, round((extract(epoch from clock_timestamp() - v_clock) * 1000)::numeric, 1)
    );
    p_detail := jsonb_build_object(
        'refresh_mode', case when v_full then 'full' else 'incremental' end, 'horizon_end', v_end,
        'dates_touched', coalesce(v_touched, 0), 'rows_written', v_rows
    );
end
$$;
comment on procedure ${schema}.stats_refresh(date, boolean, jsonb) is
'Step 12 core: refreshes the 16 UI statistics tables of ${stats_schema} up to the horizon greatest(run date, '
'previous horizon). Incremental (p_full false, and a previous refresh exists): re-reads the demand_history rows '
'changed since the previous refresh, the pairs whose stock readings, full snapshots or product versions changed, and '
'the new days; writes only changed daily rows and recomputes only the weeks, months and years that hold one. Full: '
'truncates and rebuilds from production with the same computations. Then the warehouse star schema '
'(stats_warehouse_refresh). Records the refresh in stats_runs and returns '
'what it did. The forecast tables from step 7 (stats_forecast_refresh; recommended_order_qty stays null). CW121 '
'without a run date.';

-- Step 12 helper: the daily stock of the touched pairs, from their touch date to the horizon, into a temporary table.
create or replace procedure ${schema}.stats_inventory_compute(p_end date)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    call ${schema}.load_drop_temp('stats_inventory_new');

    -- Set-based: the reading in force on each pair's touch date, every later reading up to the horizon, each valid
    -- until the pair's next reading or the next full snapshot (which delists a pair it does not hold), one row a day.
    create temp table stats_inventory_new on commit drop as
    with next_full as (
        select snapshots.snapshot_date as balance_date,
               min(snapshots.snapshot_date) filter (where snapshots.snapshot_type = 'full') over (
                   order by snapshots.snapshot_date rows between 1 following and unbounded following
               ) as next_full_date
        from ${schema}.inventory_snapshots as snapshots
    ),

    starting as (
        select touch.product_id, touch.location_id, touch.from_date,
               coalesce(in_force.balance_date, touch.from_date) as first_reading_date
        from pg_temp.stats_inventory_touch as touch
        left join lateral (
            select balances.balance_date
            from ${schema}.inventory_balances as balances
            where balances.product_id = touch.product_id and balances.location_id = touch.location_id
                and balances.balance_date <= touch.from_date
            order by balances.balance_date desc
            limit 1
        ) as in_force on true
    ),

    readings as (
        select balances.product_id, balances.location_id, balances.balance_date, balances.qty_available,
               balances.qty_blocked, balances.qty_reserved, starting.from_date,
               lead(balances.balance_date) over (
                   partition by balances.product_id, balances.location_id order by balances.balance_date
               ) as next_reading_date
        from starting
        cross join lateral (
            -- Only the readings from the one in force on the touch date: an index range per pair, not its history.
            select readings_of_pair.product_id, readings_of_pair.location_id, readings_of_pair.balance_date,
                   readings_of_pair.qty_available, readings_of_pair.qty_blocked, readings_of_pair.qty_reserved
            from ${schema}.inventory_balances as readings_of_pair
            where readings_of_pair.product_id = starting.product_id
                and readings_of_pair.location_id = starting.location_id
                and readings_of_pair.balance_date >= starting.first_reading_date
                and readings_of_pair.balance_date <= p_end
            -- offset 0 keeps this a subquery run per pair: flattened, the planner memoized each pair's whole reading
            -- history and filtered the start date afterwards (386k readings for 5.6k rows at 1,000 x 12 x 365).
            offset 0
        ) as balances
    ),

    stocked_days as (
        select readings.product_id, readings.location_id, day::date as stat_date, readings.balance_date,
               readings.qty_available, readings.qty_blocked, readings.qty_reserved
        from readings
        left join next_full on next_full.balance_date = readings.balance_date
        cross join lateral generate_series(
            greatest(readings.balance_date, readings.from_date),
            least(readings.next_reading_date, next_full.next_full_date, p_end + 1) - 1,
            interval '1 day'
        ) as day
    ),

    valued as (
        select stocked_days.product_id, stocked_days.location_id, stocked_days.stat_date, stocked_days.balance_date,
               stocked_days.qty_available as on_hand_qty, stocked_days.qty_blocked as blocked_qty,
               stocked_days.qty_reserved as reserved_qty,
               round(stocked_days.qty_available * versions.cost, 4) as stock_value
        from stocked_days
        left join ${schema}.product_versions as versions
            on versions.product_id = stocked_days.product_id and versions.valid_from <= stocked_days.stat_date
                and (versions.valid_to is null or versions.valid_to > stocked_days.stat_date)
    )

    select * from valued;
end
$$;
comment on procedure ${schema}.stats_inventory_compute(date) is
'Step 12 helper: for each pair of the temporary table stats_inventory_touch (product_id, location_id, from_date), '
'its end-of-day stock on every day from from_date to p_end into the temporary table stats_inventory_new, with '
'inventory_as_of semantics (the latest reading since the latest full snapshot holds until the next reading; a full '
'snapshot without the pair ends it) and valued at the product''s cost of that day (product_versions).';

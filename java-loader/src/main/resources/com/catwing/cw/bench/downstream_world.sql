-- cw bench behaviors --reuse --downstream: what steps 8-11 read beyond the behaviours bench world, written set-based
-- into the kept client (docs/benchmarks.md "Steps 8-11 at M-scale"). A BENCH SHORTCUT, NOT A FORECAST: step 7 at
-- M-scale costs ~6 x behaviours and wants a longer history than the 100-day world, so the world gets a synthetic
-- completed forecast instead. Placeholders: ${schema}, ${run_date} (the world's last day). Idempotent: each part is
-- written only when it is missing. The writes bypass the triggers (session_replication_role = replica), as the
-- world's own fill does: no change events, no record versions.
set session_replication_role = replica;

-- The supply network: every store and the webshop is supplied by the DC (parent_location_id, the network's fallback
-- for a location without purchase or transfer history); the DC buys from the suppliers (the world's purchase orders).
update ${schema}.locations as stores
set parent_location_id = dc.id
from ${schema}.locations as dc
where dc.location_type = 'dc' and stores.location_type in ('store', 'online') and stores.parent_location_id is null;

-- Pack sizes: half the products by the unit, 30 % in packs of 6, 20 % in packs of 12.
update ${schema}.products
set pack_size_qty = case when products.id % 10 between 5 and 7 then 6 when products.id % 10 >= 8 then 12 end
where products.pack_size_qty is null and products.id % 10 >= 5;

-- The DC's stock on the last full snapshot: two weeks of the pooled demand of the stores it supplies, varied by
-- product between 0.5 and 1.5 times (the world holds store balances only).
insert into ${schema}.inventory_balances (product_id, location_id, balance_date, qty_available, qty_all, row_hash)
select pooled.product_id, dc.id, snapshots.snapshot_date, stock.qty, stock.qty,
       md5('dc/' || pooled.product_id || '/' || snapshots.snapshot_date)::uuid
from (select bench_pairs.product_id, sum(bench_pairs.rate) as rate_per_day
      from ${schema}.bench_pairs
      group by bench_pairs.product_id) as pooled
cross join (select locations.id from ${schema}.locations where locations.location_type = 'dc') as dc
cross join (select max(inventory_snapshots.snapshot_date) as snapshot_date
            from ${schema}.inventory_snapshots
            where inventory_snapshots.snapshot_type = 'full' and inventory_snapshots.snapshot_date <= '${run_date}')
    as snapshots
cross join lateral (select round((pooled.rate_per_day * 14 * (0.5 + (pooled.product_id % 101) / 100.0))::numeric)
                           as qty) as stock
where snapshots.snapshot_date is not null
    and not exists (select from ${schema}.inventory_balances as stored
                    where stored.location_id = dc.id and stored.balance_date = snapshots.snapshot_date);

-- The synthetic completed forecast of the run date: per ranged pair, every week of the horizon predicts the mean
-- weekly demand of the pair's last 8 weeks of demand_history; prob_demand is the share of those weeks with demand.
-- Weekday profile flat (the world's demand has none). Written only when the date has no completed forecast yet.
do $$
declare
    v_horizon_weeks integer := (${schema}.settings('forecast') ->> 'horizon_weeks')::integer;
    v_forecast_id   bigint;
begin
    if exists (select from ${schema}.demand_forecasts
               where demand_forecasts.forecast_date = '${run_date}' and demand_forecasts.demand_forecast_status_id = 3)
    then
        raise notice 'the world already has a completed forecast of ${run_date}: kept';
        return;
    end if;
    create temp table bench_forecast_pairs on commit drop as
    with weeks as (
        select demand_history.product_id, demand_history.location_id,
               ('${run_date}'::date - demand_history.demand_date) / 7 as week_no,
               sum(demand_history.demand_qty)::float8 as demand_qty
        from ${schema}.demand_history
        where demand_history.demand_date > '${run_date}'::date - 56 and demand_history.demand_date <= '${run_date}'
        group by 1, 2, 3
    ),

    per_pair as (
        select bench_pairs.product_id, bench_pairs.location_id,
               coalesce(sum(weeks.demand_qty), 0) / 8 as mean_week_qty,
               count(*) filter (where weeks.demand_qty > 0) as demand_weeks
        from ${schema}.bench_pairs
        left join weeks on weeks.product_id = bench_pairs.product_id and weeks.location_id = bench_pairs.location_id
        group by bench_pairs.product_id, bench_pairs.location_id
    )

    select per_pair.product_id, per_pair.location_id, per_pair.mean_week_qty::real as predicted_qty,
           case when per_pair.mean_week_qty > 0 then per_pair.demand_weeks / 8.0 else 0 end::real as prob_demand,
           per_pair.demand_weeks
    from per_pair;
    call ${schema}.forecast_ensure_partition('${run_date}');
    insert into ${schema}.demand_forecasts (forecast_date, demand_forecast_status_id, metadata)
    values ('${run_date}', 2, jsonb_build_object(
        'method', jsonb_build_object('name', 'bench_synthetic_mean_8_weeks'),
        'settings', jsonb_build_object('horizon_weeks', v_horizon_weeks),
        'bench_shortcut', 'cw bench behaviors --downstream: not a forecast of step 7; every week of a pair predicts '
            || 'the mean weekly demand of its last 8 weeks'))
    returning demand_forecasts.id into v_forecast_id;
    insert into ${schema}.demand_forecast_products (
        forecast_date, demand_forecast_id, product_id, location_id, demand_source_type_id, horizon_days,
        prob_demand, predicted_qty, critical_ratio, confidence
    )
    select '${run_date}'::date, v_forecast_id, pairs.product_id, pairs.location_id, 1, (7 * week.week_no)::smallint,
           pairs.prob_demand, pairs.predicted_qty, null, 0.8
    from bench_forecast_pairs as pairs
    cross join generate_series(1, v_horizon_weeks) as week (week_no)
    order by pairs.product_id, pairs.location_id, week.week_no;
    insert into ${schema}.demand_forecast_series (
        forecast_date, demand_forecast_id, product_id, location_id, history_weeks, demand_weeks, level_qty, trend_qty,
        occurrence_prob, weight_ses_slow, weight_ses, weight_damped_trend, weight_tsb, backtest_rmsse,
        season_own_weight, weekday_shares
    )
    select '${run_date}'::date, v_forecast_id, pairs.product_id, pairs.location_id, 8, pairs.demand_weeks,
           pairs.predicted_qty, 0, pairs.prob_demand, 0, 1, 0, 0, null, 0, array_fill((1 / 7.0)::real, array[7])
    from bench_forecast_pairs as pairs
    order by pairs.product_id, pairs.location_id;
    update ${schema}.demand_forecasts
    set demand_forecast_status_id = 3, updated_at = clock_timestamp(), last_horizon_days = 7 * v_horizon_weeks,
        metadata = demand_forecasts.metadata
            || jsonb_build_object('rows', (select count(*) from bench_forecast_pairs) * v_horizon_weeks)
    where demand_forecasts.id = v_forecast_id;
end
$$;

set session_replication_role = origin;
-- Statistics as step 7 leaves them (it analyses the partitions it writes) and for the DC's new balances.
analyze ${schema}.demand_forecast_products, ${schema}.demand_forecast_series, ${schema}.inventory_balances,
${schema}.locations, ${schema}.products;

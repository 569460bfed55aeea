-- Step 8's memo of simulated fill rates: a policy simulation's result keyed by the fingerprint of everything it
-- depends on, so that a pair whose inputs did not change since the last run is not simulated again.
create table ${schema}.inventory_simulation_cache (
    simulation_key bigint not null,
    paths integer not null,
    demand_qty float8 not null,
    served_qty float8 not null,
    fill_rate float8,
    fill_rate_se float8,
    cycles integer not null,
    stockout_cycles integer not null,
    cycle_service_level float8,
    stockout_days float8 not null,
    avg_on_hand_qty float8 not null,
    first_used_date date not null,
    last_used_date date not null,
    created_at timestamptz not null default now(),
    constraint inventory_simulation_cache_pkey primary key (simulation_key),
    constraint inventory_simulation_cache_paths_check check (paths >= 1),
    constraint inventory_simulation_cache_fill_rate_check check (fill_rate between 0 and 1),
    constraint inventory_simulation_cache_dates_check check (last_used_date >= first_used_date)
);
create index inventory_simulation_cache_last_used_date_idx on ${schema}.inventory_simulation_cache (last_used_date);
comment on table ${schema}.inventory_simulation_cache is
'Step 8 (inventory targets): results of the fill-rate simulation (inventory_policy_simulate) by simulation_key, '
'the hash of every input of one policy simulation (s, S, review days, lead time and its deviation, pack, MOQ, '
'warm-up, the rounded daily demand means and dispersion, paths, days, seed). A target whose key is here copies the '
'result instead of simulating again: the result is a deterministic function of the key, so a copy equals a re-run. '
'Rows not used for 91 days are deleted by a full run of the step. Safe to truncate (the next run re-simulates). '
'docs/inventory.md, "Simulated fill rate".';
comment on column ${schema}.inventory_simulation_cache.simulation_key is
'64-bit hash of the simulation''s inputs and settings (inventory_policy_simulate, column simulation_key).';
comment on column ${schema}.inventory_simulation_cache.paths is 'Demand paths simulated (adaptive: min .. max paths).';
comment on column ${schema}.inventory_simulation_cache.demand_qty is 'Units demanded over all paths'' measured days.';
comment on column ${schema}.inventory_simulation_cache.served_qty is 'Units served over all paths'' measured days.';
comment on column ${schema}.inventory_simulation_cache.fill_rate is
'Simulated fill rate in units: served_qty / demand_qty (null without demand).';
comment on column ${schema}.inventory_simulation_cache.fill_rate_se is
'Standard error of fill_rate between paths (ratio estimator), as a fraction; null with one path.';
comment on column ${schema}.inventory_simulation_cache.cycles is
'Replenishment cycles (an order arriving ends one) over all paths'' measured days.';
comment on column ${schema}.inventory_simulation_cache.stockout_cycles is 'Cycles of those with lost demand.';
comment on column ${schema}.inventory_simulation_cache.cycle_service_level is
'Share of replenishment cycles without lost demand (null without a completed cycle).';
comment on column ${schema}.inventory_simulation_cache.stockout_days is
'Days ending with nothing on hand per path (measured days).';
comment on column ${schema}.inventory_simulation_cache.avg_on_hand_qty is 'Mean closing stock on hand (units).';
comment on column ${schema}.inventory_simulation_cache.first_used_date is 'Run date that first simulated this key.';
comment on column ${schema}.inventory_simulation_cache.last_used_date is
'Latest run date whose targets used this key (rows unused for 91 days are deleted).';
comment on column ${schema}.inventory_simulation_cache.created_at is 'When the simulation ran.';

revoke all on ${schema}.inventory_simulation_cache from ${ui_role};

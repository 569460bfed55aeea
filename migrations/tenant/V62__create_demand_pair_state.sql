-- Issue 21 point 4: a nightly step demand_history whose cost follows the day's pairs, not a 43-day grid of every
-- pair. Each pair's trailing window (the days its rates and sales-stop pattern look back at) is kept as state, so a
-- night computes its one new day per pair from the state and moves the state by that day (docs/demand.md "Cost").

create table ${schema}.demand_rate_state (
    id boolean not null default true,
    window_end date not null,
    settings jsonb not null,
    pair_count integer not null,
    built_by text not null,
    updated_at timestamptz not null default now(),
    constraint demand_rate_state_pkey primary key (id),
    constraint demand_rate_state_single_check check (id),
    constraint demand_rate_state_built_by_check check (built_by in ('grid', 'day'))
);
comment on table ${schema}.demand_rate_state is
'One row: the last day (window_end) that demand_pair_state describes and the demand_history settings it was built '
'with. An unscoped step demand_history run whose only date to compute is window_end + 1 computes that day from the '
'state (one row per pair) instead of a grid of rate_window_days + 2 x stop_max_open_days days of every pair; any '
'other run (first run, catch-up of several days, correction of an earlier day, scope, other settings) computes the '
'grid and rebuilds the state from it. Delete the row to force the grid on the next run.';
comment on column ${schema}.demand_rate_state.id is 'Always true: the table has one row.';
comment on column ${schema}.demand_rate_state.window_end is 'The last day included in demand_pair_state.';
comment on column ${schema}.demand_rate_state.settings is 'The demand_history settings the state was computed with; '
'other settings make the next run compute the grid.';
comment on column ${schema}.demand_rate_state.pair_count is 'Pairs (rows of demand_pair_state) at window_end.';
comment on column ${schema}.demand_rate_state.built_by is 'How the state reached window_end: grid (rebuilt from a '
'grid run) or day (moved by one day from the previous state).';
comment on column ${schema}.demand_rate_state.updated_at is 'When the state was last written.';

create table ${schema}.demand_pair_state (
    product_id integer not null,
    location_id integer not null,
    qty_days numeric [] not null,
    rate_days boolean [] not null,
    rate_qty numeric(20, 3) not null,
    rate_day_count integer not null,
    rate_sale_days integer not null,
    window_qty numeric(20, 3) not null,
    has_sale boolean not null,
    open_days_since_sale integer not null,
    regular_sale_days integer,
    regular_frequency numeric,
    regular_size_qty numeric,
    constraint demand_pair_state_pkey primary key (product_id, location_id),
    constraint demand_pair_state_window_check check (
        cardinality(qty_days) = cardinality(rate_days) and rate_day_count between 0 and cardinality(rate_days)
        and rate_sale_days between 0 and rate_day_count
    )
);
comment on table ${schema}.demand_pair_state is
'Step demand_history''s per-pair window as of demand_rate_state.window_end (E), one row per product x store/webshop '
'in the grid on E: the units sold and the rate-day flags of the rate_window_days days ending on E, their sums, and '
'the pair''s sales-stop pattern as it stood on its last sale. A nightly run for E + 1 reads a pair''s own rate '
'(rate_qty / rate_day_count) and the products'' and categories'' pooled rates (sums of these rows) from here instead '
'of recomputing them, then moves every row by one day; the result equals a full recompute '
'(DemandHistoryTest). Rebuilt by any run that computes the grid. Not read by anything else.';
comment on column ${schema}.demand_pair_state.product_id is 'The product (products.id).';
comment on column ${schema}.demand_pair_state.location_id is 'The store or webshop (locations.id).';
comment on column ${schema}.demand_pair_state.qty_days is 'Units sold on each of the rate_window_days days ending on '
'window_end, oldest first (0 before the pair''s first evidence).';
comment on column ${schema}.demand_pair_state.rate_days is 'For the same days: was it a rate day (the location sold '
'something, the pair was listed and not known to be out of stock)?';
comment on column ${schema}.demand_pair_state.rate_qty is 'Units sold on the rate days of qty_days: the own-rate '
'numerator of the day after window_end.';
comment on column ${schema}.demand_pair_state.rate_day_count is 'Rate days among them: the own-rate denominator.';
comment on column ${schema}.demand_pair_state.rate_sale_days is 'Rate days among them with units sold.';
comment on column ${schema}.demand_pair_state.window_qty is 'Units sold on all days of qty_days (dead-product test).';
comment on column ${schema}.demand_pair_state.has_sale is 'The pair sold on some day of the computed range up to '
'window_end (a sales stop needs an earlier sale).';
comment on column ${schema}.demand_pair_state.open_days_since_sale is 'Days the location was open after the pair''s '
'last sale, up to window_end.';
comment on column ${schema}.demand_pair_state.regular_sale_days is 'Selling rate days in the window ending on the '
'last sale.';
comment on column ${schema}.demand_pair_state.regular_frequency is 'Selling frequency on the last sale: selling rate '
'days / (rate days + 1) over the window ending on it.';
comment on column ${schema}.demand_pair_state.regular_size_qty is 'Robust size of a selling day on the last sale: mean '
'of the window''s selling-day quantities up to outlier_factor x their median.';

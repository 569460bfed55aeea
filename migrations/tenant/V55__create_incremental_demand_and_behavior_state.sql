-- Issue 21 point 4: a nightly whose cost follows the day's data. What the load touched (consumed by step 5), the
-- pairs' first evidence (so step 5 no longer scans every order line), the rows of demand_history changed behind the
-- window state of step 6, and step 6's per-pair window sums (docs/demand.md, docs/behaviors.md "Incremental").

create table ${schema}.demand_touched_pairs (
    product_id integer not null,
    location_id integer not null,
    touched_date date not null,
    has_sales_change boolean not null,
    has_stock_change boolean not null,
    first_touched_at timestamptz not null default now(),
    constraint demand_touched_pairs_pkey primary key (product_id, location_id, touched_date),
    constraint demand_touched_pairs_change_check check (has_sales_change or has_stock_change)
);
comment on table ${schema}.demand_touched_pairs is
'What loads (or any other writer) changed since the last unscoped demand_history run: one row per product x '
'location x date whose sales order lines (order date, location, status, quantities, product) or stock reading '
'changed. Filled set-based by statement triggers on sales_orders, sales_order_lines and inventory_balances '
'(demand_touched_capture); consumed and emptied by step demand_history, which recomputes those dates (and, for an '
'old date, the days whose rates look back at it). A one-batch onboarding touches every date of the batch. Small: '
'a nightly load adds the day''s pairs only.';
comment on column ${schema}.demand_touched_pairs.product_id is
'The product (products.id) whose sales or stock changed.';
comment on column ${schema}.demand_touched_pairs.location_id is 'The location (locations.id) of the change.';
comment on column ${schema}.demand_touched_pairs.touched_date is 'The order date or balance date that changed (for an '
'order moved to another date, both dates).';
comment on column ${schema}.demand_touched_pairs.has_sales_change is 'A sales order or line of that date changed.';
comment on column ${schema}.demand_touched_pairs.has_stock_change is 'A stock reading of that date changed: step 5 '
'recomputes from it up to the pair''s next reading (a reading holds until then).';
comment on column ${schema}.demand_touched_pairs.first_touched_at is 'When the change was first recorded.';

create table ${schema}.demand_pairs (
    product_id integer not null,
    location_id integer not null,
    first_date date not null,
    updated_at timestamptz not null default now(),
    constraint demand_pairs_pkey primary key (product_id, location_id),
    constraint demand_pairs_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint demand_pairs_location_id_fkey foreign key (location_id) references ${schema}.locations (id)
);
comment on table ${schema}.demand_pairs is
'Every product x location with evidence (a sale, a stock reading) and its first evidence date: the grid of step '
'demand_history starts there. Kept by step demand_history (all pairs on a first run, the touched pairs after), so '
'a nightly run reads no order line older than its window.';
comment on column ${schema}.demand_pairs.product_id is 'The product (products.id).';
comment on column ${schema}.demand_pairs.location_id is 'The location (locations.id; any type, step 5 keeps stores '
'and the webshop).';
comment on column ${schema}.demand_pairs.first_date is 'Date of the pair''s first active, not cancelled sale line or '
'first stock reading.';
comment on column ${schema}.demand_pairs.updated_at is 'When the row was last written.';

create table ${schema}.behavior_window_state (
    id boolean not null default true,
    window_end date not null,
    settings jsonb not null,
    updated_at timestamptz not null default now(),
    constraint behavior_window_state_pkey primary key (id),
    constraint behavior_window_state_single_check check (id)
);
comment on table ${schema}.behavior_window_state is
'One row: the run date (window end) and the window settings that behavior_window_sums were last brought to by an '
'unscoped behaviors run. A run for a later date within window_days applies the window edges and the changed pairs '
'only; an earlier date, a gap of window_days or more, or other settings rebuild the sums. Delete the row to force '
'a rebuild.';
comment on column ${schema}.behavior_window_state.id is 'Always true: the table has one row.';
comment on column ${schema}.behavior_window_state.window_end is 'Run date of the snapshot the sums describe.';
comment on column ${schema}.behavior_window_state.settings is 'window_days, hot_recent_days and growth_days the sums '
'were built with.';
comment on column ${schema}.behavior_window_state.updated_at is 'When the sums were last brought up to date.';

create table ${schema}.behavior_changed_pairs (
    product_id integer not null,
    location_id integer not null,
    changed_at timestamptz not null default now(),
    constraint behavior_changed_pairs_pkey primary key (product_id, location_id)
);
comment on table ${schema}.behavior_changed_pairs is
'Pairs whose demand_history changed on or before behavior_window_state.window_end (a correction of a day already '
'in the window sums), recorded by a statement trigger on demand_history (behavior_changes_capture); the next '
'unscoped behaviors run recomputes their sums from demand_history and empties the table. New days after the '
'window end are not recorded: the run reads them as the window''s leading edge.';
comment on column ${schema}.behavior_changed_pairs.product_id is 'The product (products.id).';
comment on column ${schema}.behavior_changed_pairs.location_id is 'The store or webshop (locations.id).';
comment on column ${schema}.behavior_changed_pairs.changed_at is 'When the first change was recorded.';

create table ${schema}.behavior_window_sums (
    product_id integer not null,
    location_id integer,
    listed_days integer not null,
    demand_days integer not null,
    oos_days integer not null,
    imputed_days integer not null,
    cost_days integer not null,
    demand_qty numeric(20, 3) not null,
    demand_qty_sq numeric(30, 6) not null,
    sold_qty numeric(20, 3) not null,
    demand_revenue numeric(22, 4) not null,
    demand_cost numeric(22, 4) not null,
    stockout_qty numeric(20, 3) not null,
    day_sum bigint not null,
    day_sq_sum bigint not null,
    day_demand_sum numeric(30, 3) not null,
    recent_days integer not null,
    recent_demand_qty numeric(20, 3) not null,
    growth_recent_days integer not null,
    growth_recent_revenue numeric(22, 4) not null,
    growth_prior_days integer not null,
    growth_prior_revenue numeric(22, 4) not null
);
-- One row per pair and one per product (location_id null).
create unique index behavior_window_sums_product_id_location_id_key
on ${schema}.behavior_window_sums (product_id, coalesce(location_id, 0));
comment on table ${schema}.behavior_window_sums is
'Step 6 partial aggregates: per product x store/webshop (location_id set) and per product (location_id null, its '
'daily demand summed over locations) the sums over the trailing window of demand_history ending on '
'behavior_window_state.window_end, from which every measure and class of behavior_stats is computed (velocity, CV, '
'ADI, CV², trend and t statistic, FMR, frequency, hotness, growth). A nightly run adds the day entering each '
'window and subtracts the day leaving it, and recomputes the pairs of behavior_changed_pairs. Day numbers count '
'from 2000-01-01. Rows with no listed day are removed. Fixed scales (those of demand_history), so moved and '
'rebuilt sums are equal to the digit.';
comment on column ${schema}.behavior_window_sums.product_id is 'The product (products.id).';
comment on column ${schema}.behavior_window_sums.location_id is 'The store or webshop; null = the product over all '
'locations.';
comment on column ${schema}.behavior_window_sums.listed_days is 'Days of the window with a demand_history row.';
comment on column ${schema}.behavior_window_sums.demand_days is 'Listed days with demand_qty > 0.';
comment on column ${schema}.behavior_window_sums.oos_days is 'Rows out of stock (product level: pair-days).';
comment on column ${schema}.behavior_window_sums.imputed_days is 'Days with imputed missed demand.';
comment on column ${schema}.behavior_window_sums.cost_days is 'Days with a known cost (demand_cost is null when 0).';
comment on column ${schema}.behavior_window_sums.demand_qty is 'Sum of daily demand_qty.';
comment on column ${schema}.behavior_window_sums.demand_qty_sq is 'Sum of squared daily demand_qty.';
comment on column ${schema}.behavior_window_sums.sold_qty is 'Sum of units sold (quantity).';
comment on column ${schema}.behavior_window_sums.demand_revenue is 'Sum of revenue.';
comment on column ${schema}.behavior_window_sums.demand_cost is 'Sum of the known costs.';
comment on column ${schema}.behavior_window_sums.stockout_qty is 'Sum of imputed missed demand.';
comment on column ${schema}.behavior_window_sums.day_sum is 'Sum of the listed days'' numbers (days since '
'2000-01-01), for the trend.';
comment on column ${schema}.behavior_window_sums.day_sq_sum is 'Sum of the squared day numbers.';
comment on column ${schema}.behavior_window_sums.day_demand_sum is 'Sum of day number x demand_qty.';
comment on column ${schema}.behavior_window_sums.recent_days is 'Listed days in the last hot_recent_days days.';
comment on column ${schema}.behavior_window_sums.recent_demand_qty is 'Demand of those days.';
comment on column ${schema}.behavior_window_sums.growth_recent_days is 'Listed days in the last growth period.';
comment on column ${schema}.behavior_window_sums.growth_recent_revenue is 'Revenue of the last growth period.';
comment on column ${schema}.behavior_window_sums.growth_prior_days is 'Listed days in the growth period before it.';
comment on column ${schema}.behavior_window_sums.growth_prior_revenue is 'Revenue of the growth period before it.';

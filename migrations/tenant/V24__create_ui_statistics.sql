-- Step 12 (stats), UI statistics: 4 metrics x 4 granularities = 16 tables in the client's _stats schema (seed 000
-- "Statistics"). Metrics: sales, inventory, service (demand, lost sales, stockouts) and forecast (empty until steps
-- 7-10 land); granularities: daily, weekly (ISO weeks, Monday), monthly, yearly; grain: product x location.
-- Ratios are generated columns, so every stored figure is additive or a period-end value and the coarser tables are
-- sums of the finer ones. Logic: procedures R__12xx; definitions: docs/stats.md. The UI role only reads.

create table ${stats_schema}.stats_runs (
    id bigint generated always as identity,
    run_date date not null,
    refresh_mode text not null,
    started_at timestamptz not null,
    horizon_end date,
    product_version_id_max bigint,
    dates_touched integer not null default 0,
    rows_written jsonb not null default '{}',
    duration_ms numeric(12, 1),
    constraint stats_runs_pkey primary key (id),
    constraint stats_run_refresh_mode_check check (refresh_mode in ('incremental', 'full'))
);
create index stats_runs_started_at_idx on ${stats_schema}.stats_runs (started_at);
comment on table ${stats_schema}.stats_runs is
'One row per refresh of the _stats tables by step stats (incremental) or stats_rebuild (full): the watermark of the '
'next incremental refresh (started_at: production rows changed after it are re-read) and what the refresh wrote.';
comment on column ${stats_schema}.stats_runs.run_date is 'Run date of the refresh (the pipeline run''s date).';
comment on column ${stats_schema}.stats_runs.refresh_mode is 'incremental (only what changed since the previous '
'refresh) or full (every table truncated and rebuilt from production).';
comment on column ${stats_schema}.stats_runs.started_at is 'Transaction start of the refresh: the watermark.';
comment on column ${stats_schema}.stats_runs.horizon_end is 'Last day the statistics cover: the latest run date '
'refreshed so far (stock holds until this day).';
comment on column ${stats_schema}.stats_runs.product_version_id_max is 'Highest product_versions.id seen: a newer '
'product version (e.g. a new cost) revalues the stock of its product from its valid_from.';
comment on column ${stats_schema}.stats_runs.dates_touched is 'Distinct days whose daily rows were recomputed.';
comment on column ${stats_schema}.stats_runs.rows_written is 'Rows inserted, changed or deleted per table.';
comment on column ${stats_schema}.stats_runs.duration_ms is 'Wall time of the refresh in milliseconds.';

create table ${stats_schema}.stats_inventory_dates (
    snapshot_date date not null,
    snapshot_type text not null,
    raw_hash bigint,
    constraint stats_inventory_dates_pkey primary key (snapshot_date)
);
comment on table ${stats_schema}.stats_inventory_dates is
'The inventory_snapshots rows (date, type, raw hash) as the last refresh of the _stats tables saw them: a date that '
'is new or whose type or hash differs now had its balances (re)loaded, and its pairs are recomputed from that date.';
comment on column ${stats_schema}.stats_inventory_dates.snapshot_date is 'Balance date (inventory_snapshots).';
comment on column ${stats_schema}.stats_inventory_dates.snapshot_type is 'full or delta, as seen.';
comment on column ${stats_schema}.stats_inventory_dates.raw_hash is 'inventory_snapshots.raw_hash as seen; null '
'hashes never match (the date is re-read every refresh).';

-- Metric 1: sales (from demand_history: the active lines of orders not cancelled, customer-facing locations).
create table ${stats_schema}.sales_daily (
    product_id integer not null,
    location_id integer not null,
    stat_date date not null,
    sold_qty numeric(16, 3) not null,
    revenue numeric(18, 4) not null,
    cost numeric(18, 4),
    gross_margin numeric(18, 4) generated always as (revenue - cost) stored,
    constraint sales_daily_pkey primary key (product_id, location_id, stat_date),
    constraint sales_daily_nonzero_check check (sold_qty != 0 or revenue != 0)
);
create index sales_daily_stat_date_location_id_idx on ${stats_schema}.sales_daily (stat_date, location_id);
comment on table ${stats_schema}.sales_daily is
'Sales per product x store/webshop x day, only days with a sale (sparse): units, revenue and cost of the active lines '
'of sales orders not cancelled, as in demand_history. Client currency. Refreshed by step stats.';
comment on column ${stats_schema}.sales_daily.product_id is 'The product (production products.id).';
comment on column ${stats_schema}.sales_daily.location_id is 'The store or webshop (production locations.id).';
comment on column ${stats_schema}.sales_daily.stat_date is 'Business date (sales order date).';
comment on column ${stats_schema}.sales_daily.sold_qty is 'Units sold (demand_history.quantity).';
comment on column ${stats_schema}.sales_daily.revenue is 'Revenue in the client currency (demand_history.revenue).';
comment on column ${stats_schema}.sales_daily.cost is 'Cost of the units sold (demand_history.cost: units x the '
'product''s unit cost); null when the cost is unknown.';
comment on column ${stats_schema}.sales_daily.gross_margin is 'revenue - cost; null when the cost is unknown.';

create table ${stats_schema}.sales_weekly (
    product_id integer not null,
    location_id integer not null,
    period_start date not null,
    through_date date not null,
    sold_qty numeric(16, 3) not null,
    revenue numeric(18, 4) not null,
    cost numeric(18, 4),
    gross_margin numeric(18, 4) generated always as (revenue - cost) stored,
    selling_days integer not null,
    constraint sales_weekly_pkey primary key (product_id, location_id, period_start),
    constraint sales_period_check check (through_date >= period_start and selling_days > 0)
);
comment on table ${stats_schema}.sales_weekly is
'Sales per product x store/webshop x ISO week (Monday to Sunday): sums of sales_daily. Only weeks with a sale.';
comment on column ${stats_schema}.sales_weekly.product_id is 'The product (production products.id).';
comment on column ${stats_schema}.sales_weekly.location_id is 'The store or webshop (production locations.id).';
comment on column ${stats_schema}.sales_weekly.period_start is 'First day of the period (Monday, 1st of the month, '
'1 January).';
comment on column ${stats_schema}.sales_weekly.through_date is 'Last day of the period with a sale (shows a period '
'still running).';
comment on column ${stats_schema}.sales_weekly.sold_qty is 'Units sold in the period.';
comment on column ${stats_schema}.sales_weekly.revenue is 'Revenue in the period, client currency.';
comment on column ${stats_schema}.sales_weekly.cost is 'Cost of the units sold; null when unknown on any day of '
'the period (so that gross_margin is never overstated).';
comment on column ${stats_schema}.sales_weekly.gross_margin is 'revenue - cost; null when the cost is unknown.';
comment on column ${stats_schema}.sales_weekly.selling_days is 'Days of the period with a sale.';

create table ${stats_schema}.sales_monthly (like ${stats_schema}.sales_weekly including all);
comment on table ${stats_schema}.sales_monthly is
'Sales per product x store/webshop x calendar month: sums of sales_daily. Only months with a sale.';
create table ${stats_schema}.sales_yearly (like ${stats_schema}.sales_weekly including all);
comment on table ${stats_schema}.sales_yearly is
'Sales per product x store/webshop x calendar year: sums of sales_monthly. Only years with a sale.';

-- Metric 2: inventory (from inventory_balances with inventory_as_of semantics, every location).
create table ${stats_schema}.inventory_daily (
    product_id integer not null,
    location_id integer not null,
    stat_date date not null,
    balance_date date not null,
    on_hand_qty numeric(16, 3) not null,
    blocked_qty numeric(16, 3) not null,
    reserved_qty numeric(16, 3) not null,
    stock_value numeric(18, 4),
    is_out_of_stock boolean generated always as (on_hand_qty <= 0) stored,
    constraint inventory_daily_pkey primary key (product_id, location_id, stat_date),
    constraint inventory_daily_balance_date_check check (balance_date <= stat_date)
);
create index inventory_daily_stat_date_location_id_idx on ${stats_schema}.inventory_daily (stat_date, location_id);
comment on table ${stats_schema}.inventory_daily is
'End-of-day stock per product x location (every location type) x day on which the pair is stocked: the day''s value '
'of inventory_as_of (the latest reading since the latest full snapshot; a reading holds until the next one, up to '
'the latest run date). Dense: one row per stocked pair and day.';
comment on column ${stats_schema}.inventory_daily.product_id is 'The product (production products.id).';
comment on column ${stats_schema}.inventory_daily.location_id is 'The location (production locations.id).';
comment on column ${stats_schema}.inventory_daily.stat_date is 'The day.';
comment on column ${stats_schema}.inventory_daily.balance_date is 'Date of the reading the day''s stock comes from.';
comment on column ${stats_schema}.inventory_daily.on_hand_qty is 'Available units at the end of the day '
'(inventory_balances.qty_available).';
comment on column ${stats_schema}.inventory_daily.blocked_qty is 'Blocked units (quality hold, damaged).';
comment on column ${stats_schema}.inventory_daily.reserved_qty is 'Units reserved for open orders.';
comment on column ${stats_schema}.inventory_daily.stock_value is 'on_hand_qty x the product''s unit cost valid that '
'day (product_as_of), client currency; null when the cost is unknown.';
comment on column ${stats_schema}.inventory_daily.is_out_of_stock is 'True when nothing is available (on_hand_qty '
'<= 0).';

create table ${stats_schema}.inventory_weekly (
    product_id integer not null,
    location_id integer not null,
    period_start date not null,
    through_date date not null,
    stocked_days integer not null,
    out_of_stock_days integer not null,
    on_hand_qty_days numeric(20, 3) not null,
    stock_value_days numeric(22, 4),
    closing_on_hand_qty numeric(16, 3) not null,
    closing_stock_value numeric(18, 4),
    avg_on_hand_qty numeric(16, 3) generated always as (round(on_hand_qty_days / stocked_days, 3)) stored,
    avg_stock_value numeric(18, 4) generated always as (round(stock_value_days / stocked_days, 4)) stored,
    constraint inventory_weekly_pkey primary key (product_id, location_id, period_start),
    constraint inventory_period_check check (
        through_date >= period_start and stocked_days > 0 and out_of_stock_days between 0 and stocked_days
    )
);
comment on table ${stats_schema}.inventory_weekly is
'Stock per product x location x ISO week, from inventory_daily: days stocked and out of stock, the average and the '
'closing (last stocked day) stock in units and value.';
comment on column ${stats_schema}.inventory_weekly.product_id is 'The product (production products.id).';
comment on column ${stats_schema}.inventory_weekly.location_id is 'The location (production locations.id).';
comment on column ${stats_schema}.inventory_weekly.period_start is 'First day of the period (Monday, 1st of the '
'month, 1 January).';
comment on column ${stats_schema}.inventory_weekly.through_date is 'Last stocked day of the period: the closing '
'figures are that day''s.';
comment on column ${stats_schema}.inventory_weekly.stocked_days is 'Days of the period with a row in '
'inventory_daily.';
comment on column ${stats_schema}.inventory_weekly.out_of_stock_days is 'Stocked days with nothing available.';
comment on column ${stats_schema}.inventory_weekly.on_hand_qty_days is 'Sum of the daily on_hand_qty (unit-days).';
comment on column ${stats_schema}.inventory_weekly.stock_value_days is 'Sum of the daily stock_value; null when '
'the value is unknown on any stocked day.';
comment on column ${stats_schema}.inventory_weekly.closing_on_hand_qty is 'on_hand_qty on through_date.';
comment on column ${stats_schema}.inventory_weekly.closing_stock_value is 'stock_value on through_date.';
comment on column ${stats_schema}.inventory_weekly.avg_on_hand_qty is 'on_hand_qty_days / stocked_days.';
comment on column ${stats_schema}.inventory_weekly.avg_stock_value is 'stock_value_days / stocked_days.';

create table ${stats_schema}.inventory_monthly (like ${stats_schema}.inventory_weekly including all);
comment on table ${stats_schema}.inventory_monthly is
'Stock per product x location x calendar month, from inventory_daily (see inventory_weekly for the columns).';
create table ${stats_schema}.inventory_yearly (like ${stats_schema}.inventory_weekly including all);
comment on table ${stats_schema}.inventory_yearly is
'Stock per product x location x calendar year, from inventory_monthly (see inventory_weekly for the columns).';

-- Metric 3: service (demand, lost sales, stockouts; from demand_history, one row per listed pair and day).
create table ${stats_schema}.service_daily (
    product_id integer not null,
    location_id integer not null,
    stat_date date not null,
    demand_qty numeric(16, 3) not null,
    sold_qty numeric(16, 3) not null,
    lost_sales_qty numeric(16, 3) not null,
    listed_days integer not null,
    stockout_days integer not null,
    unimputed_stockout_days integer not null,
    fill_rate_pct numeric(7, 2) generated always as (
        case when demand_qty > 0 then round(100 * sold_qty / demand_qty, 2) end
    ) stored,
    in_stock_pct numeric(7, 2) generated always as (
        round(100 * (listed_days - stockout_days)::numeric / listed_days, 2)
    ) stored,
    constraint service_daily_pkey primary key (product_id, location_id, stat_date),
    constraint service_daily_days_check check (listed_days = 1 and stockout_days in (0, 1)),
    constraint service_figures_check check (
        lost_sales_qty >= 0 and demand_qty = sold_qty + lost_sales_qty
        and unimputed_stockout_days between 0 and stockout_days
    )
);
create index service_daily_stat_date_location_id_idx on ${stats_schema}.service_daily (stat_date, location_id);
comment on table ${stats_schema}.service_daily is
'Service level per product x store/webshop x listed day (every demand_history row): estimated demand, units sold, '
'lost sales on stockout days (imputed missed demand) and the fill rate. The daily table keeps the day counts (1 or '
'0) so that every granularity has the same columns.';
comment on column ${stats_schema}.service_daily.product_id is 'The product (production products.id).';
comment on column ${stats_schema}.service_daily.location_id is 'The store or webshop (production locations.id).';
comment on column ${stats_schema}.service_daily.stat_date is 'The day.';
comment on column ${stats_schema}.service_daily.demand_qty is 'Estimated true demand (demand_history.demand_qty).';
comment on column ${stats_schema}.service_daily.sold_qty is 'Units sold (demand_history.quantity).';
comment on column ${stats_schema}.service_daily.lost_sales_qty is 'Missed demand on stockout days '
'(demand_history.stockout_qty, 0 when not imputed).';
comment on column ${stats_schema}.service_daily.listed_days is 'Days the pair was listed (has a demand_history '
'row): 1.';
comment on column ${stats_schema}.service_daily.stockout_days is 'Days out of stock (not is_in_stock): 0 or 1.';
comment on column ${stats_schema}.service_daily.unimputed_stockout_days is 'Stockout days without a rate to '
'impute from (lost sales unknown, counted as 0).';
comment on column ${stats_schema}.service_daily.fill_rate_pct is '100 x sold / demand: the share of demand served; '
'null without demand.';
comment on column ${stats_schema}.service_daily.in_stock_pct is '100 x (listed - stockout days) / listed days.';

create table ${stats_schema}.service_weekly (
    product_id integer not null,
    location_id integer not null,
    period_start date not null,
    through_date date not null,
    demand_qty numeric(16, 3) not null,
    sold_qty numeric(16, 3) not null,
    lost_sales_qty numeric(16, 3) not null,
    listed_days integer not null,
    stockout_days integer not null,
    unimputed_stockout_days integer not null,
    fill_rate_pct numeric(7, 2) generated always as (
        case when demand_qty > 0 then round(100 * sold_qty / demand_qty, 2) end
    ) stored,
    in_stock_pct numeric(7, 2) generated always as (
        round(100 * (listed_days - stockout_days)::numeric / listed_days, 2)
    ) stored,
    constraint service_weekly_pkey primary key (product_id, location_id, period_start),
    constraint service_period_check check (
        through_date >= period_start and listed_days > 0 and stockout_days between 0 and listed_days
    ),
    constraint service_figures_check check (
        lost_sales_qty >= 0 and demand_qty = sold_qty + lost_sales_qty
        and unimputed_stockout_days between 0 and stockout_days
    )
);
comment on table ${stats_schema}.service_weekly is
'Service level per product x store/webshop x ISO week: sums of service_daily; fill rate and in-stock rate of the '
'period.';
comment on column ${stats_schema}.service_weekly.product_id is 'The product (production products.id).';
comment on column ${stats_schema}.service_weekly.location_id is 'The store or webshop (production locations.id).';
comment on column ${stats_schema}.service_weekly.period_start is 'First day of the period (Monday, 1st of the '
'month, 1 January).';
comment on column ${stats_schema}.service_weekly.through_date is 'Last listed day of the period.';
comment on column ${stats_schema}.service_weekly.demand_qty is 'Estimated true demand in the period.';
comment on column ${stats_schema}.service_weekly.sold_qty is 'Units sold in the period.';
comment on column ${stats_schema}.service_weekly.lost_sales_qty is 'Missed demand on the stockout days.';
comment on column ${stats_schema}.service_weekly.listed_days is 'Days the pair was listed.';
comment on column ${stats_schema}.service_weekly.stockout_days is 'Listed days out of stock.';
comment on column ${stats_schema}.service_weekly.unimputed_stockout_days is 'Stockout days without imputation.';
comment on column ${stats_schema}.service_weekly.fill_rate_pct is '100 x sold / demand; null without demand.';
comment on column ${stats_schema}.service_weekly.in_stock_pct is '100 x (listed - stockout days) / listed days.';

create table ${stats_schema}.service_monthly (like ${stats_schema}.service_weekly including all);
comment on table ${stats_schema}.service_monthly is
'Service level per product x store/webshop x calendar month: sums of service_daily.';
create table ${stats_schema}.service_yearly (like ${stats_schema}.service_weekly including all);
comment on table ${stats_schema}.service_yearly is
'Service level per product x store/webshop x calendar year: sums of service_monthly.';

-- Metric 4: forecast and recommendations. Shape only: steps 7 (forecast) and 10-11 (PO/TO recommendations) are not
-- built yet; step stats leaves these tables empty until they are (docs/stats.md).
create table ${stats_schema}.forecast_daily (
    product_id integer not null,
    location_id integer not null,
    stat_date date not null,
    forecast_qty numeric(16, 3) not null,
    demand_qty numeric(16, 3),
    abs_error_qty numeric(16, 3) generated always as (abs(forecast_qty - demand_qty)) stored,
    bias_qty numeric(16, 3) generated always as (forecast_qty - demand_qty) stored,
    recommended_order_qty numeric(16, 3),
    constraint forecast_daily_pkey primary key (product_id, location_id, stat_date),
    constraint forecast_figures_check check (forecast_qty >= 0 and recommended_order_qty >= 0)
);
comment on table ${stats_schema}.forecast_daily is
'Forecast accuracy and recommendations per product x location x day: the one-day-ahead forecast, the demand that '
'came (service_daily.demand_qty), their error, and the units the PO/TO recommendations proposed. EMPTY until steps '
'forecast (7) and po/to_recommendations (10-11) exist; then step stats fills it.';
comment on column ${stats_schema}.forecast_daily.product_id is 'The product (production products.id).';
comment on column ${stats_schema}.forecast_daily.location_id is 'The location (production locations.id).';
comment on column ${stats_schema}.forecast_daily.stat_date is 'The forecast day.';
comment on column ${stats_schema}.forecast_daily.forecast_qty is 'Units forecast for the day one day ahead.';
comment on column ${stats_schema}.forecast_daily.demand_qty is 'Estimated true demand of the day; null while the '
'day is still ahead.';
comment on column ${stats_schema}.forecast_daily.abs_error_qty is '|forecast - demand| (the numerator of WAPE).';
comment on column ${stats_schema}.forecast_daily.bias_qty is 'forecast - demand (positive = over-forecast).';
comment on column ${stats_schema}.forecast_daily.recommended_order_qty is 'Units of the day''s PO and TO '
'recommendations for the pair; null without a recommendation.';

create table ${stats_schema}.forecast_weekly (
    product_id integer not null,
    location_id integer not null,
    period_start date not null,
    through_date date not null,
    forecast_qty numeric(16, 3) not null,
    demand_qty numeric(16, 3),
    abs_error_qty numeric(16, 3),
    bias_qty numeric(16, 3),
    recommended_order_qty numeric(16, 3),
    wape_pct numeric(9, 2) generated always as (
        case when demand_qty > 0 then round(100 * abs_error_qty / demand_qty, 2) end
    ) stored,
    constraint forecast_weekly_pkey primary key (product_id, location_id, period_start),
    constraint forecast_period_check check (through_date >= period_start)
);
comment on table ${stats_schema}.forecast_weekly is
'Forecast accuracy and recommendations per product x location x ISO week: sums of forecast_daily and the WAPE. '
'EMPTY until steps 7 and 10-11 exist.';
comment on column ${stats_schema}.forecast_weekly.product_id is 'The product (production products.id).';
comment on column ${stats_schema}.forecast_weekly.location_id is 'The location (production locations.id).';
comment on column ${stats_schema}.forecast_weekly.period_start is 'First day of the period.';
comment on column ${stats_schema}.forecast_weekly.through_date is 'Last forecast day of the period.';
comment on column ${stats_schema}.forecast_weekly.forecast_qty is 'Units forecast (one day ahead, summed).';
comment on column ${stats_schema}.forecast_weekly.demand_qty is 'Estimated true demand of the forecast days.';
comment on column ${stats_schema}.forecast_weekly.abs_error_qty is 'Sum of the daily absolute errors.';
comment on column ${stats_schema}.forecast_weekly.bias_qty is 'Sum of the daily errors (forecast - demand).';
comment on column ${stats_schema}.forecast_weekly.recommended_order_qty is 'Units recommended (PO and TO).';
comment on column ${stats_schema}.forecast_weekly.wape_pct is '100 x abs_error / demand (weighted absolute '
'percentage error); null without demand.';

create table ${stats_schema}.forecast_monthly (like ${stats_schema}.forecast_weekly including all);
comment on table ${stats_schema}.forecast_monthly is
'Forecast accuracy and recommendations per product x location x month. EMPTY until steps 7 and 10-11 exist.';
create table ${stats_schema}.forecast_yearly (like ${stats_schema}.forecast_weekly including all);
comment on table ${stats_schema}.forecast_yearly is
'Forecast accuracy and recommendations per product x location x year. EMPTY until steps 7 and 10-11 exist.';

-- The UI role reads every table of the stats schema and writes none.
revoke all on all tables in schema ${stats_schema} from ${ui_role};
grant select on all tables in schema ${stats_schema} to ${ui_role};

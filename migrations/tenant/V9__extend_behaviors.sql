-- Step 6 (behaviors), second part: the remaining seed 004 measures of product and product x location behaviours
-- (cost, recent velocity, trend significance, hotness, seasonality, stock and shelf time, n_stores) and the
-- location, supplier and category snapshots. Logic: procedures R__07xx; definitions: docs/behaviors.md.

alter table ${schema}.product_location_behaviors
add column demand_cost numeric(16, 4),
add column recent_velocity numeric(14, 4),
add column trend_t_stat numeric(10, 3),
add column is_trend_significant boolean,
add column hotness_score numeric(5, 2),
add constraint product_location_behaviors_hotness_check check (hotness_score between 0 and 100);
comment on column ${schema}.product_location_behaviors.demand_cost is
'Cost of the units sold in the window (demand_history.cost); null when no day has a known cost.';
comment on column ${schema}.product_location_behaviors.recent_velocity is
'Mean daily demand over the listed days of the last hot_recent_days (default 14) days of the window; 0 when none.';
comment on column ${schema}.product_location_behaviors.trend_t_stat is
't statistic of the trend slope, r * sqrt((n - 2) / (1 - r^2)) over the listed days; 0 for flat demand; null with '
'fewer than 3 listed days.';
comment on column ${schema}.product_location_behaviors.is_trend_significant is
'abs(trend_t_stat) >= trend_min_t (default 1.96, about 95 %); null with fewer than 3 listed days.';
comment on column ${schema}.product_location_behaviors.hotness_score is
'0-100: 100 * lift / (1 + lift), lift = recent_velocity / velocity. 50 = selling as usual, above 50 accelerating, '
'0 = no demand recently (or none in the window).';

alter table ${schema}.product_behaviors
add column demand_cost numeric(16, 4),
add column recent_velocity numeric(14, 4),
add column trend_t_stat numeric(10, 3),
add column is_trend_significant boolean,
add column hotness_score numeric(5, 2),
add column seasonality_strength numeric(5, 4),
add column avg_inventory_qty numeric(16, 3),
add column shelf_time_days numeric(12, 2),
add column n_stores integer,
add constraint product_behaviors_hotness_check check (hotness_score between 0 and 100),
add constraint product_behaviors_seasonality_check check (seasonality_strength between 0 and 1),
add constraint product_behaviors_stock_check check (avg_inventory_qty >= 0 and shelf_time_days >= 0 and n_stores >= 0);
comment on column ${schema}.product_behaviors.demand_cost is
'Cost of the units sold in the window over all locations; null when no day has a known cost.';
comment on column ${schema}.product_behaviors.recent_velocity is
'Mean daily demand (all locations) over the listed days of the last hot_recent_days days of the window.';
comment on column ${schema}.product_behaviors.trend_t_stat is
't statistic of the trend slope of the product''s daily demand (see product_location_behaviors.trend_t_stat).';
comment on column ${schema}.product_behaviors.is_trend_significant is
'abs(trend_t_stat) >= trend_min_t (default 1.96); null with fewer than 3 listed days.';
comment on column ${schema}.product_behaviors.hotness_score is
'0-100: 100 * lift / (1 + lift), lift = recent_velocity / velocity, over all locations.';
comment on column ${schema}.product_behaviors.seasonality_strength is
'0-1: year-over-year correlation of the weekly demand profile (each year''s 52 weeks divided by that year''s mean, '
'floored at 0) over the last 104 weeks; null with fewer than seasonality_min_weeks (default 26) weeks in each year.';
comment on column ${schema}.product_behaviors.avg_inventory_qty is
'Time-weighted mean end-of-day stock (qty_available, inventory_as_of semantics) summed over the stores and webshop '
'over the window; 0 without readings.';
comment on column ${schema}.product_behaviors.shelf_time_days is
'Days a unit stays on the shelf: avg_inventory_qty / velocity; null without demand.';
comment on column ${schema}.product_behaviors.n_stores is
'Stores and webshop where the product is listed on the snapshot date (a demand_history row that day).';

create table ${schema}.location_behaviors (
    id bigint generated always as identity,
    location_id integer not null,
    snapshot_date date not null,
    window_days integer not null,
    currency_id smallint not null,
    revenue numeric(18, 4) not null,
    sold_qty numeric(16, 3) not null,
    demand_qty numeric(16, 3) not null,
    fill_rate numeric(7, 4),
    stockout_rate numeric(7, 4),
    avg_inventory_value numeric(18, 4),
    active_products integer not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint location_behaviors_pkey primary key (id),
    constraint location_behaviors_location_id_snapshot_date_key unique (location_id, snapshot_date),
    constraint location_behaviors_location_id_fkey foreign key (location_id) references ${schema}.locations (id),
    constraint location_behaviors_currency_id_fkey foreign key (currency_id) references cw_global.currencies (id),
    constraint location_behaviors_rates_check check (
        fill_rate between 0 and 1 and stockout_rate between 0 and 1 and active_products >= 0
        and sold_qty <= demand_qty
    )
);
comment on table ${schema}.location_behaviors is
'Per location and snapshot date (step behaviors, unscoped runs): revenue, service (fill rate, stockout rate), '
'average stock value and active products over the trailing window (seed 004; docs/behaviors.md).';
comment on column ${schema}.location_behaviors.id is 'Surrogate key.';
comment on column ${schema}.location_behaviors.location_id is 'The location (every type: stores, webshop, DCs).';
comment on column ${schema}.location_behaviors.snapshot_date is 'Run date the snapshot describes (window end).';
comment on column ${schema}.location_behaviors.window_days is 'Length of the trailing window in days.';
comment on column ${schema}.location_behaviors.currency_id is 'Currency of the money columns: the client currency.';
comment on column ${schema}.location_behaviors.revenue is 'Revenue of the units sold in the window (0 for DCs).';
comment on column ${schema}.location_behaviors.sold_qty is 'Units sold in the window.';
comment on column ${schema}.location_behaviors.demand_qty is 'Estimated true demand in the window (sales + imputed).';
comment on column ${schema}.location_behaviors.fill_rate is
'Share of demand served: sold_qty / demand_qty; null without demand.';
comment on column ${schema}.location_behaviors.stockout_rate is
'Share of listed product-days out of stock (demand_history.is_in_stock false); null without listed days.';
comment on column ${schema}.location_behaviors.avg_inventory_value is
'Time-weighted mean stock value over the window: qty_available x products.cost summed over products; null when no '
'stocked product has a cost.';
comment on column ${schema}.location_behaviors.active_products is
'Products with demand in the window or stock on some day of it.';
comment on column ${schema}.location_behaviors.created_at is 'When the row was first written.';
comment on column ${schema}.location_behaviors.updated_at is 'When a re-run last changed the row.';

create table ${schema}.supplier_behaviors (
    id bigint generated always as identity,
    supplier_id integer not null,
    snapshot_date date not null,
    window_days integer not null,
    po_count integer not null,
    received_po_count integer not null,
    avg_lead_time_days numeric(8, 2),
    lead_time_p90 numeric(8, 2),
    fill_rate numeric(7, 4),
    on_time_rate numeric(7, 4),
    open_po_count integer not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint supplier_behaviors_pkey primary key (id),
    constraint supplier_behaviors_supplier_id_snapshot_date_key unique (supplier_id, snapshot_date),
    constraint supplier_behaviors_supplier_id_fkey foreign key (supplier_id) references ${schema}.suppliers (id),
    constraint supplier_behaviors_rates_check check (
        fill_rate >= 0 and on_time_rate between 0 and 1 and avg_lead_time_days >= 0 and lead_time_p90 >= 0
        and received_po_count between 0 and po_count and open_po_count >= 0
    )
);
comment on table ${schema}.supplier_behaviors is
'Per supplier and snapshot date (step behaviors, unscoped runs): lead time from purchase order to first receipt '
'(mean, p90), fill rate, on-time rate over the purchase orders of the trailing supplier window, and open orders '
'(seed 004; docs/behaviors.md).';
comment on column ${schema}.supplier_behaviors.id is 'Surrogate key.';
comment on column ${schema}.supplier_behaviors.supplier_id is 'The supplier.';
comment on column ${schema}.supplier_behaviors.snapshot_date is 'Run date the snapshot describes (window end).';
comment on column ${schema}.supplier_behaviors.window_days is
'Length of the supplier window (setting supplier_window_days, default 365): orders dated in it are measured.';
comment on column ${schema}.supplier_behaviors.po_count is 'Purchase orders (not cancelled) dated in the window.';
comment on column ${schema}.supplier_behaviors.received_po_count is 'Of those, orders with at least one receipt.';
comment on column ${schema}.supplier_behaviors.avg_lead_time_days is
'Mean days from order date to first receipt over the received orders; null without any.';
comment on column ${schema}.supplier_behaviors.lead_time_p90 is
'90th percentile (continuous) of those lead times; null without any.';
comment on column ${schema}.supplier_behaviors.fill_rate is
'Units delivered / units ordered over the due orders (expected date, or order date + supplier lead time, on or '
'before the snapshot date); delivered = purchase line qty_delivered, else the receipts of the order''s product; '
'null without due orders.';
comment on column ${schema}.supplier_behaviors.on_time_rate is
'Share of the received orders with an expected date whose first receipt was on or before it; null without any.';
comment on column ${schema}.supplier_behaviors.open_po_count is
'Orders open on the snapshot date (open, confirmed or partially received; dated on or before it).';
comment on column ${schema}.supplier_behaviors.created_at is 'When the row was first written.';
comment on column ${schema}.supplier_behaviors.updated_at is 'When a re-run last changed the row.';

create table ${schema}.category_behaviors (
    id bigint generated always as identity,
    product_category_id integer not null,
    snapshot_date date not null,
    window_days integer not null,
    currency_id smallint not null,
    product_count integer not null,
    active_product_count integer not null,
    total_revenue numeric(18, 4) not null,
    total_inventory_value numeric(18, 4),
    avg_hotness_score numeric(5, 2),
    avg_velocity numeric(14, 4),
    growth_rate numeric(12, 4),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint category_behaviors_pkey primary key (id),
    constraint category_behaviors_category_snapshot_key unique (product_category_id, snapshot_date),
    constraint category_behaviors_product_category_id_fkey foreign key (product_category_id)
    references ${schema}.product_categories (id),
    constraint category_behaviors_currency_id_fkey foreign key (currency_id) references cw_global.currencies (id),
    constraint category_behaviors_counts_check check (
        product_count >= 0 and active_product_count >= 0 and growth_rate >= -1
    )
);
comment on table ${schema}.category_behaviors is
'Per product category (its whole subtree) and snapshot date (step behaviors, unscoped runs): products, revenue, '
'stock value, mean hotness and velocity, revenue growth (seed 004; docs/behaviors.md).';
comment on column ${schema}.category_behaviors.id is 'Surrogate key.';
comment on column ${schema}.category_behaviors.product_category_id is 'The category; figures include its subtree.';
comment on column ${schema}.category_behaviors.snapshot_date is 'Run date the snapshot describes (window end).';
comment on column ${schema}.category_behaviors.window_days is 'Length of the trailing window in days.';
comment on column ${schema}.category_behaviors.currency_id is 'Currency of the money columns: the client currency.';
comment on column ${schema}.category_behaviors.product_count is 'Active products (products.is_active) in the subtree.';
comment on column ${schema}.category_behaviors.active_product_count is
'Products of the subtree with a product_behaviors row of the snapshot (listed in the window).';
comment on column ${schema}.category_behaviors.total_revenue is 'Revenue of the subtree in the window.';
comment on column ${schema}.category_behaviors.total_inventory_value is
'Time-weighted mean stock value of the subtree at the stores and webshop (avg_inventory_qty x products.cost); null '
'when no product has a cost.';
comment on column ${schema}.category_behaviors.avg_hotness_score is 'Mean hotness_score of the listed products.';
comment on column ${schema}.category_behaviors.avg_velocity is 'Mean velocity of the listed products (units a day).';
comment on column ${schema}.category_behaviors.growth_rate is
'Revenue of the last g days / revenue of the g days before - 1, g = least(setting growth_days (default 28), '
'window_days / 2); null when the earlier period has no revenue.';
comment on column ${schema}.category_behaviors.created_at is 'When the row was first written.';
comment on column ${schema}.category_behaviors.updated_at is 'When a re-run last changed the row.';

-- A scoped run ranks its products against the other rows of the snapshot: an index-only scan of the date's revenues.
drop index ${schema}.product_location_behaviors_snapshot_date_location_id_idx;
create index product_location_behaviors_snapshot_date_location_id_idx
on ${schema}.product_location_behaviors (snapshot_date, location_id) include (product_id, demand_revenue);
drop index ${schema}.product_behaviors_snapshot_date_idx;
create index product_behaviors_snapshot_date_idx
on ${schema}.product_behaviors (snapshot_date) include (product_id, demand_revenue);

create index location_behaviors_snapshot_date_idx on ${schema}.location_behaviors (snapshot_date);
create index supplier_behaviors_snapshot_date_idx on ${schema}.supplier_behaviors (snapshot_date);
create index category_behaviors_snapshot_date_idx on ${schema}.category_behaviors (snapshot_date);

grant select on ${schema}.location_behaviors, ${schema}.supplier_behaviors, ${schema}.category_behaviors
to ${ui_role};

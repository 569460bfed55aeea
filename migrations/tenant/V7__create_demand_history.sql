-- Step 5 (demand_history): daily demand facts per product x location with stockout detection and missed-demand
-- imputation (seed 004: stockout_qty, is_oos_imputed, demand_qty, demand_source_types). Logic: procedures R__06xx.

create table ${schema}.demand_source_types (
    id smallint not null,
    name text not null,
    description text not null,
    constraint demand_source_types_pkey primary key (id),
    constraint demand_source_types_name_key unique (name)
);
comment on table ${schema}.demand_source_types is
'Where a demand figure comes from (seed 004 vocabulary): recorded sales, an imputation blending local and global '
'rates, a global-only imputation, or a product class whose demand is taken as sold (dead, online only, dropship).';
comment on column ${schema}.demand_source_types.id is 'Small fixed id (1-7), stable across clients.';
comment on column ${schema}.demand_source_types.name is 'Vocabulary word: actual, imputed_local_global, '
'imputed_global_only, dead_product, online_only, dropship, unknown.';
comment on column ${schema}.demand_source_types.description is
'What the word means for demand_history (docs/demand.md).';

insert into ${schema}.demand_source_types (id, name, description) values
(1, 'actual', 'In stock: demand is what was sold.'),
(2, 'imputed_local_global', 'Stockout: missed demand from the pair''s own in-stock rate blended with the product''s '
 || 'rate at other locations (scaled to this location by its category pattern) or the category''s rate here.'),
(3, 'imputed_global_only', 'Stockout with no in-stock history of the pair: missed demand from the product''s rate at '
 || 'other locations scaled by the category pattern, or from the category''s rate at this location.'),
(4, 'dead_product', 'In stock, but the product sold nowhere in the rate window: demand is zero (what was sold).'),
(5, 'online_only', 'Stockout at the webshop of a product with no other location: its own rate only.'),
(6, 'dropship', 'Delivered by the supplier, never stocked: demand is what was sold, never imputed.'),
(7, 'unknown', 'Stockout without any rate to impute from (no history of the product or its category).');

create table ${schema}.demand_history (
    id bigint generated always as identity,
    product_id integer not null,
    location_id integer not null,
    demand_date date not null,
    quantity numeric(14, 3) not null,
    revenue numeric(16, 4) not null,
    cost numeric(16, 4),
    is_in_stock boolean not null,
    stockout_qty numeric(14, 3),
    is_oos_imputed boolean not null,
    demand_qty numeric(14, 3) not null,
    demand_source_type_id smallint not null,
    selling_rate_qty numeric(14, 4),
    computed_on date not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint demand_history_pkey primary key (id),
    constraint demand_history_product_id_location_id_demand_date_key unique (product_id, location_id, demand_date),
    constraint demand_history_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint demand_history_location_id_fkey foreign key (location_id) references ${schema}.locations (id),
    constraint demand_history_demand_source_type_id_fkey foreign key (demand_source_type_id)
    references ${schema}.demand_source_types (id),
    constraint demand_history_qty_check check (quantity >= 0 and demand_qty >= quantity),
    constraint demand_history_stockout_check check (
        stockout_qty >= 0 and demand_qty = quantity + coalesce(stockout_qty, 0)
    ),
    constraint demand_history_imputed_check check (not is_oos_imputed or (not is_in_stock and stockout_qty is not null))
);
create index demand_history_demand_date_idx on ${schema}.demand_history (demand_date);
create index demand_history_location_id_demand_date_idx on ${schema}.demand_history (location_id, demand_date);
comment on table ${schema}.demand_history is
'Daily demand facts per product x customer-facing location (store, webshop), built by step demand_history: what '
'was sold, whether the pair was in stock, and on stockout days the imputed missed demand (stockout_qty), so that '
'demand_qty = quantity + stockout_qty estimates true demand. Rewritten only for dates touched by new data '
'(docs/demand.md).';
comment on column ${schema}.demand_history.id is 'Surrogate key.';
comment on column ${schema}.demand_history.product_id is 'The product.';
comment on column ${schema}.demand_history.location_id is 'The store or webshop.';
comment on column ${schema}.demand_history.demand_date is 'Business date (sales order date).';
comment on column ${schema}.demand_history.quantity is 'Units sold that day (active lines of orders not cancelled).';
comment on column ${schema}.demand_history.revenue is 'Revenue of those lines in the client currency.';
comment on column ${schema}.demand_history.cost is 'Units sold x the product''s current unit cost (client currency); '
'null when the cost is unknown.';
comment on column ${schema}.demand_history.is_in_stock is 'False on a stockout day: end-of-day available stock was '
'zero, or (no stock reading) sales stopped for longer than the selling rate makes plausible.';
comment on column ${schema}.demand_history.stockout_qty is 'Imputed missed demand on a stockout day (rate - sold, '
'never negative; 0 when the location sold nothing at all that day, i.e. was closed); null when in stock or when no '
'rate exists.';
comment on column ${schema}.demand_history.is_oos_imputed is 'True when stockout_qty was imputed (stockout day with '
'a selling rate).';
comment on column ${schema}.demand_history.demand_qty is 'Estimated true demand: quantity + stockout_qty.';
comment on column ${schema}.demand_history.demand_source_type_id is
'Where demand_qty comes from (demand_source_types).';
comment on column ${schema}.demand_history.selling_rate_qty is 'Blended expected units a day used for stockout '
'detection and imputation (own in-stock rate shrunk towards the global/category prior); null without history.';
comment on column ${schema}.demand_history.computed_on is 'Run date of the step run that last wrote the row.';
comment on column ${schema}.demand_history.created_at is 'When the row was first written.';
comment on column ${schema}.demand_history.updated_at is 'When the row last changed (unchanged recomputations do not '
'write).';

create table ${schema}.demand_history_runs (
    id bigint generated always as identity,
    run_date date not null,
    scope jsonb,
    started_at timestamptz not null,
    dates_rewritten date [] not null,
    rows_written bigint not null,
    rows_deleted bigint not null,
    constraint demand_history_runs_pkey primary key (id),
    constraint demand_history_run_rows_check check (rows_written >= 0 and rows_deleted >= 0)
);
create index demand_history_runs_started_at_idx on ${schema}.demand_history_runs (started_at);
comment on table ${schema}.demand_history_runs is
'One row per run of step demand_history: the incremental watermark (started_at of the latest unscoped run: data '
'changed after it touches its dates) and what the run rewrote.';
comment on column ${schema}.demand_history_runs.id is 'Surrogate key.';
comment on column ${schema}.demand_history_runs.run_date is 'Run date of the pipeline run.';
comment on column ${schema}.demand_history_runs.scope is 'Incremental scope of the run; null = every pair.';
comment on column ${schema}.demand_history_runs.started_at is 'Transaction start of the step (the watermark).';
comment on column ${schema}.demand_history_runs.dates_rewritten is 'Demand dates recomputed by the run.';
comment on column ${schema}.demand_history_runs.rows_written is 'Rows inserted or changed.';
comment on column ${schema}.demand_history_runs.rows_deleted is 'Rows of recomputed dates that no longer had a pair.';

grant select on ${schema}.demand_source_types, ${schema}.demand_history, ${schema}.demand_history_runs
to ${ui_role};

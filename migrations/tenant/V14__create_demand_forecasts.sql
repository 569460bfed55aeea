-- Step 7 (forecast): the demand forecast tables of seed 004 ("Demand Forecasting & Embeddings"):
-- demand_forecast_statuses, demand_forecasts (one header per run), demand_forecast_products (product x location x
-- weekly horizon, partitioned by forecast date so that retention drops whole partitions), the per-series diagnostics
-- the accumulation functions read (weekday profile) and the pooled seasonal and weekday profiles a scoped run reuses.
-- Logic: procedures R__08xx; definitions: docs/forecast.md.

create table ${schema}.demand_forecast_statuses (
    id smallint not null,
    name text not null,
    description text not null,
    constraint demand_forecast_statuses_pkey primary key (id),
    constraint demand_forecast_statuses_name_key unique (name)
);
comment on table ${schema}.demand_forecast_statuses is
'Life cycle of a demand forecast (seed 004 vocabulary): pending, running, completed, failed. The active forecast is '
'the latest completed one (view active_demand_forecast).';
comment on column ${schema}.demand_forecast_statuses.id is 'Small fixed id (1-4), stable across clients.';
comment on column ${schema}.demand_forecast_statuses.name is 'Vocabulary word: pending, running, completed, failed.';
comment on column ${schema}.demand_forecast_statuses.description is 'What the status means.';

insert into ${schema}.demand_forecast_statuses (id, name, description) values
(1, 'pending', 'Created, not started.'),
(2, 'running', 'Rows are being written (only ever visible to the writing transaction: step forecast writes the '
 || 'header and its rows in one transaction).'),
(3, 'completed', 'Every row is written; the latest completed forecast is the active one.'),
(4, 'failed', 'The computation failed; its rows are not to be used.');

create table ${schema}.demand_forecasts (
    id bigint generated always as identity,
    forecast_date date not null,
    demand_forecast_status_id smallint not null,
    metadata jsonb,
    created_at timestamptz not null default clock_timestamp(),
    updated_at timestamptz not null default clock_timestamp(),
    constraint demand_forecasts_pkey primary key (id),
    constraint demand_forecasts_demand_forecast_status_id_fkey foreign key (demand_forecast_status_id)
    references ${schema}.demand_forecast_statuses (id),
    constraint demand_forecast_metadata_check check (metadata is null or jsonb_typeof(metadata) = 'object')
);
create index demand_forecasts_forecast_date_created_at_idx on ${schema}.demand_forecasts (forecast_date, created_at);
create index demand_forecasts_created_at_idx on ${schema}.demand_forecasts (created_at);
comment on table ${schema}.demand_forecasts is
'One row per forecast computed by step forecast (seed 004): usually one a day per client; a re-run after a failure '
'or after its inputs changed adds another for the same date and the older one stays for audit (until retention drops '
'its date). A re-run with unchanged inputs (same input watermark in metadata) adds nothing. The active forecast is '
'the latest completed one: view active_demand_forecast (docs/forecast.md).';
comment on column ${schema}.demand_forecasts.id is 'Surrogate key.';
comment on column ${schema}.demand_forecasts.forecast_date is 'Run date: the last day of demand the forecast saw; '
'horizon week h covers forecast_date + 7(h-1) + 1 .. forecast_date + 7h.';
comment on column ${schema}.demand_forecasts.demand_forecast_status_id is
'pending, running, completed or failed (demand_forecast_statuses).';
comment on column ${schema}.demand_forecasts.metadata is
'What the forecast was computed from: method and its version and constants, the settings used, the input watermark '
'(demand_history rows and last change, products last change: a re-run with the same watermark writes nothing), '
'series counts by source type and method, and the scoped runs that rewrote some products in place.';
comment on column ${schema}.demand_forecasts.created_at is 'When the forecast was created.';
comment on column ${schema}.demand_forecasts.updated_at is 'When the header last changed (status, a scoped rewrite).';

create table ${schema}.demand_forecast_products (
    id bigint generated always as identity,
    forecast_date date not null,
    demand_forecast_id bigint not null,
    product_id integer not null,
    location_id integer not null,
    demand_source_type_id smallint not null,
    horizon_days smallint not null,
    prob_demand real not null,
    predicted_qty real not null,
    critical_ratio real,
    confidence real not null,
    constraint demand_forecast_products_pkey primary key (id, forecast_date),
    constraint demand_forecast_products_forecast_product_location_horizon_key
    unique (demand_forecast_id, product_id, location_id, horizon_days, forecast_date),
    constraint demand_forecast_products_demand_forecast_id_fkey foreign key (demand_forecast_id)
    references ${schema}.demand_forecasts (id),
    constraint demand_forecast_products_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint demand_forecast_products_location_id_fkey foreign key (location_id)
    references ${schema}.locations (id),
    constraint demand_forecast_products_demand_source_type_id_fkey foreign key (demand_source_type_id)
    references ${schema}.demand_source_types (id),
    constraint demand_forecast_product_horizon_check check (horizon_days > 0 and horizon_days % 7 = 0),
    constraint demand_forecast_product_prob_check check (prob_demand between 0 and 1),
    constraint demand_forecast_product_qty_check check (predicted_qty >= 0 and (predicted_qty > 0 or prob_demand = 0)),
    constraint demand_forecast_product_critical_ratio_check check (critical_ratio between 0 and 1),
    constraint demand_forecast_product_confidence_check check (confidence between 0 and 1)
) partition by range (forecast_date);
comment on table ${schema}.demand_forecast_products is
'The forecast (seed 004): one row per product x store/webshop x weekly horizon of a demand_forecasts row. Partitioned '
'by forecast_date, one partition a day (demand_forecast_products_pYYYYMMDD, created by the step); retention drops '
'whole partitions (forecast_drop_expired). The unique key leads with demand_forecast_id: it is the index the seed '
'asks for. Method and definitions: docs/forecast.md.';
comment on column ${schema}.demand_forecast_products.id is 'Surrogate key (with forecast_date, the partition key).';
comment on column ${schema}.demand_forecast_products.forecast_date is
'The forecast''s date (copied from demand_forecasts): the partition key.';
comment on column ${schema}.demand_forecast_products.demand_forecast_id is 'The forecast (demand_forecasts).';
comment on column ${schema}.demand_forecast_products.product_id is 'The product.';
comment on column ${schema}.demand_forecast_products.location_id is 'The store or webshop.';
comment on column ${schema}.demand_forecast_products.demand_source_type_id is 'Where the forecast comes from: actual '
'(own history), imputed_local_global (too little own history, level borrowed from the product''s category at this '
'location while the product sells at other locations), imputed_global_only (the same, the product sells nowhere '
'yet), dead_product (sold nowhere for forecast.dead_weeks: zero), online_only, dropship (demand_source_types).';
comment on column ${schema}.demand_forecast_products.horizon_days is
'End of the forecast week in days after forecast_date: 7, 14, ... 7 x forecast.horizon_weeks.';
comment on column ${schema}.demand_forecast_products.prob_demand is
'Probability of any demand in that week (0-1): the smoothed weekly occurrence probability (TSB) scaled with the '
'week''s seasonal and trend factor under a Poisson occurrence model.';
comment on column ${schema}.demand_forecast_products.predicted_qty is
'Expected demand (units) in that week: seasonal index x the backtest-weighted combination of smoothing methods.';
comment on column ${schema}.demand_forecast_products.critical_ratio is 'Newsvendor critical ratio Cu / (Cu + Co) with '
'underage Cu = price - cost and overage Co = cost x forecast.holding_cost_pct_year / 100 x 7 / 365 (holding one unit '
'for the week); null without price or cost; 0 when the price does not exceed the cost.';
comment on column ${schema}.demand_forecast_products.confidence is 'Trust in the series'' forecast, 0-1: '
'n / (n + 13) / (1 + backtest RMSSE), n = weeks of own history; 0 for dead products (docs/forecast.md).';

create table ${schema}.demand_forecast_series (
    forecast_date date not null,
    demand_forecast_id bigint not null,
    product_id integer not null,
    location_id integer not null,
    history_weeks smallint not null,
    demand_weeks smallint not null,
    level_qty real not null,
    trend_qty real not null,
    occurrence_prob real not null,
    weight_ses_slow real not null,
    weight_ses real not null,
    weight_damped_trend real not null,
    weight_tsb real not null,
    backtest_rmsse real,
    season_own_weight real not null,
    weekday_shares real [] not null,
    constraint demand_forecast_series_pkey primary key (demand_forecast_id, product_id, location_id, forecast_date),
    constraint demand_forecast_series_demand_forecast_id_fkey foreign key (demand_forecast_id)
    references ${schema}.demand_forecasts (id),
    constraint demand_forecast_series_weekday_check check (cardinality(weekday_shares) = 7),
    constraint demand_forecast_series_weight_check check (
        abs(weight_ses_slow + weight_ses + weight_damped_trend + weight_tsb - 1) < 0.001
    )
) partition by range (forecast_date);
comment on table ${schema}.demand_forecast_series is
'Per product x location of a forecast: how it was made (history, smoothed level and trend, TSB occurrence '
'probability, the backtest weights of the four candidate methods, the backtest RMSSE, how much of the seasonal '
'index is the series'' own) and its weekday profile, which the accumulation functions use to pro-rate partial weeks. '
'Partitioned like demand_forecast_products and dropped with it.';
comment on column ${schema}.demand_forecast_series.forecast_date is 'The forecast''s date: the partition key.';
comment on column ${schema}.demand_forecast_series.demand_forecast_id is 'The forecast (demand_forecasts).';
comment on column ${schema}.demand_forecast_series.product_id is 'The product.';
comment on column ${schema}.demand_forecast_series.location_id is 'The store or webshop.';
comment on column ${schema}.demand_forecast_series.history_weeks is 'Weeks of own history used (weeks with a '
'demand_history row, at most forecast.history_weeks).';
comment on column ${schema}.demand_forecast_series.demand_weeks is 'Of those, weeks with demand.';
comment on column ${schema}.demand_forecast_series.level_qty is
'Deseasonalised weekly level at the forecast date (SES, alpha 0.2), units a week.';
comment on column ${schema}.demand_forecast_series.trend_qty is
'Smoothed weekly change of that level (units a week per week, before damping).';
comment on column ${schema}.demand_forecast_series.occurrence_prob is
'TSB probability of demand in a week at the forecast date (before seasonal scaling).';
comment on column ${schema}.demand_forecast_series.weight_ses_slow is
'Weight of SES alpha 0.05 in the combination (Akaike-style backtest weight (MSE_min / MSE)^(targets / 2)).';
comment on column ${schema}.demand_forecast_series.weight_ses is 'Weight of SES alpha 0.2.';
comment on column ${schema}.demand_forecast_series.weight_damped_trend is
'Weight of the damped-trend method (SES level + damped smoothed trend).';
comment on column ${schema}.demand_forecast_series.weight_tsb is 'Weight of TSB (occurrence x size).';
comment on column ${schema}.demand_forecast_series.backtest_rmsse is 'RMSSE of the combination in the rolling-origin '
'backtest (last 26 weeks, horizons 1 and 4 weeks), scaled by the in-sample one-week naive error; null without '
'enough history.';
comment on column ${schema}.demand_forecast_series.season_own_weight is
'Share of the seasonal index that comes from the series'' own history (the rest is pooled from its category at the '
'location): E / (E + forecast.season_prior_units), E = own units in the matched weeks.';
comment on column ${schema}.demand_forecast_series.weekday_shares is 'Share of a week''s demand on each weekday, '
'Monday first (sums to 1): own demand of the last 26 weeks shrunk towards the category''s profile at the location '
'(a weekday the location never trades gets 0).';

create table ${schema}.demand_forecast_pools (
    demand_forecast_id bigint not null,
    location_id integer not null,
    product_category_id integer not null,
    season_index real [] not null,
    weekday_shares real [] not null,
    constraint demand_forecast_pools_pkey primary key (demand_forecast_id, location_id, product_category_id),
    constraint demand_forecast_pools_demand_forecast_id_fkey foreign key (demand_forecast_id)
    references ${schema}.demand_forecasts (id) on delete cascade,
    constraint demand_forecast_pool_season_check check (cardinality(season_index) = 52),
    constraint demand_forecast_pool_weekday_check check (cardinality(weekday_shares) = 7)
);
comment on table ${schema}.demand_forecast_pools is
'The pooled profiles of a full forecast, per category (0 = products without a category) x location: the yearly '
'seasonal index (52 weeks, position 0 = the week ending on the forecast date, mean 1) and the weekday shares. '
'A series shrinks towards them; a scoped run reuses them instead of re-reading every series.';
comment on column ${schema}.demand_forecast_pools.demand_forecast_id is 'The forecast (demand_forecasts).';
comment on column ${schema}.demand_forecast_pools.location_id is 'The store or webshop.';
comment on column ${schema}.demand_forecast_pools.product_category_id is
'The product''s category (its own, not the parent); 0 for products without a category.';
comment on column ${schema}.demand_forecast_pools.season_index is 'Seasonal index by week position p = 0..51 (the '
'week ending 7p days before the forecast date, and the same week of earlier years): the category''s demand at the '
'location relative to its yearly mean, shrunk towards the category everywhere and then towards 1.';
comment on column ${schema}.demand_forecast_pools.weekday_shares is
'Share of demand on each weekday (Monday first) of the category at the location, shrunk towards the location.';

grant select on ${schema}.demand_forecast_statuses, ${schema}.demand_forecasts, ${schema}.demand_forecast_products,
${schema}.demand_forecast_series, ${schema}.demand_forecast_pools to ${ui_role};

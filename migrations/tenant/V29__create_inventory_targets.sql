-- Step 8: inventory targets. The strategies, the targets per product x location x snapshot date, every parameter a
-- strategy used, and the planner's strategy override per pair (UI-owned). Formulas: docs/inventory.md.
create table ${schema}.inventory_strategies (
    id smallint not null,
    name text not null,
    echelon smallint not null,
    service_measure text not null,
    description text not null,
    constraint inventory_strategies_pkey primary key (id),
    constraint inventory_strategies_name_key unique (name),
    constraint inventory_strategy_echelon_check check (echelon between 1 and 4),
    constraint inventory_strategy_service_measure_check check (
        service_measure in ('cycle_service_level', 'fill_rate', 'critical_ratio', 'days_of_cover', 'minimum_qty')
    )
);
comment on table ${schema}.inventory_strategies is
'The 14 inventory strategies of step 8: how a target stock, reorder point and safety stock are set. Each is a '
'documented formula (docs/inventory.md).';
comment on column ${schema}.inventory_strategies.id is 'Stable id (referenced by inventory_targets).';
comment on column ${schema}.inventory_strategies.name is 'Strategy name, as settings and overrides use it.';
comment on column ${schema}.inventory_strategies.echelon is
'Echelon the strategy is designed for: 1 store, 2 DC, 3 warehouse, 4 central.';
comment on column ${schema}.inventory_strategies.service_measure is
'What its service parameter means: cycle_service_level (probability of no stockout per replenishment cycle), '
'fill_rate (share of demanded units served from stock), critical_ratio (newsvendor), days_of_cover or minimum_qty.';
comment on column ${schema}.inventory_strategies.description is 'The formula in words.';

insert into ${schema}.inventory_strategies (id, name, echelon, service_measure, description) values
(1, 'fmr_abc_quantile', 1, 'cycle_service_level',
 'Stock covers a quantile of lead-time + review demand chosen by the pair''s FMR x ABC class.'),
(2, 'product_level', 1, 'days_of_cover', 'Lead-time demand plus a fixed number of days of forecast demand.'),
(3, 'service_level', 1, 'cycle_service_level',
 'Forecast demand over lead time + review cycle plus z sigma at the client''s cycle service level.'),
(4, 'newsvendor', 1, 'critical_ratio',
 'The critical-ratio quantile of demand over lead time + review: margin lost against holding cost.'),
(5, 'seasonal_trend', 1, 'cycle_service_level',
 'As service_level, with the demand deviation scaled by the seasonal level ahead against the past level.'),
(6, 'moving_average', 1, 'cycle_service_level',
 'As service_level, with the trailing moving average of demand instead of the forecast.'),
(7, 'abc_xyz_matrix', 1, 'cycle_service_level',
 'As service_level, with the cycle service level of the pair''s ABC x XYZ class.'),
(8, 'dynamic_safety', 1, 'cycle_service_level',
 'As service_level, with a demand deviation that weighs recent volatility with the longer window''s.'),
(9, 'margin_weighted', 1, 'cycle_service_level',
 'As service_level, with a cycle service level that rises with the product''s gross margin.'),
(10, 'forecast_based', 1, 'cycle_service_level',
 'Forecast demand plus z times the forecast''s own backtest error over lead time + review.'),
(11, 'downstream_aggregate', 2, 'cycle_service_level',
 'Upper echelons: the pooled demand of the locations supplied, deviations added in quadrature (risk pooling).'),
(12, 'periodic_review', 1, 'cycle_service_level',
 'Order-up-to level S of an (R, S) policy; the reorder point is S, reviewed every R days.'),
(13, 'base_stock', 1, 'fill_rate', 'Order-up-to level reaching a target fill rate through the normal loss function.'),
(14, 'buffer_min_qty', 1, 'minimum_qty',
 'A minimum presentation stock for slow movers, at least a pack and the MOQ.');

create table ${schema}.inventory_targets (
    id bigint generated always as identity,
    product_id integer not null,
    location_id integer not null,
    snapshot_date date not null,
    inventory_strategy_id smallint not null,
    target_stock numeric(14, 3) not null,
    reorder_point numeric(14, 3) not null,
    safety_stock numeric(14, 3) not null,
    fill_rate_simulated numeric(6, 4),
    zero_reason text,
    strategy_source text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint inventory_targets_pkey primary key (id),
    constraint inventory_targets_product_location_snapshot_key unique (product_id, location_id, snapshot_date),
    constraint inventory_targets_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint inventory_targets_location_id_fkey foreign key (location_id) references ${schema}.locations (id),
    constraint inventory_targets_inventory_strategy_id_fkey foreign key (inventory_strategy_id)
    references ${schema}.inventory_strategies (id),
    constraint inventory_target_quantities_check check (
        target_stock >= 0 and reorder_point >= 0 and safety_stock >= 0 and reorder_point <= target_stock
    ),
    constraint inventory_target_fill_rate_check check (fill_rate_simulated between 0 and 1),
    constraint inventory_target_zero_check check (zero_reason is null or (target_stock = 0 and reorder_point = 0)),
    constraint inventory_target_zero_reason_check check (
        zero_reason in ('not_stocked', 'discontinued', 'dead_product', 'location_disabled', 'no_demand')
    ),
    constraint inventory_target_strategy_source_check check (strategy_source in ('override', 'class', 'echelon'))
);
create index inventory_targets_snapshot_date_idx on ${schema}.inventory_targets (snapshot_date);
comment on table ${schema}.inventory_targets is
'Inventory targets per product x location x snapshot (run) date: the strategy used, the order-up-to level '
'(target_stock), reorder point and safety stock in units, and the policy''s expected fill rate. Written by step 8 '
'(step_inventory_targets); a re-run of a date rewrites only rows that changed.';
comment on column ${schema}.inventory_targets.product_id is 'The product.';
comment on column ${schema}.inventory_targets.location_id is 'The location (store, DC, warehouse).';
comment on column ${schema}.inventory_targets.snapshot_date is 'Run date the target was computed for.';
comment on column ${schema}.inventory_targets.inventory_strategy_id is 'Strategy that set the target.';
comment on column ${schema}.inventory_targets.target_stock is
'Order-up-to level S in units, rounded up to the pack size: stock on hand + on order is raised to it at a review.';
comment on column ${schema}.inventory_targets.reorder_point is
'Reorder point s in units: an order is due when stock on hand + on order falls to or below it.';
comment on column ${schema}.inventory_targets.safety_stock is
'Units held above expected demand over lead time + review cycle against demand and lead-time variability.';
comment on column ${schema}.inventory_targets.fill_rate_simulated is
'Expected fill rate (share of demanded units served from stock) of the (s, S) policy with review period R under the '
'forecast demand distribution (docs/inventory.md says how it is computed); null for zero targets.';
comment on column ${schema}.inventory_targets.zero_reason is
'Why the target is zero: not_stocked (assortment NOT-STOCK), discontinued, dead_product (forecast), '
'location_disabled, no_demand; null for a regular target.';
comment on column ${schema}.inventory_targets.strategy_source is
'Why this strategy: override (the planner''s inventory_strategy_overrides row), class (the class_strategies '
'setting) or echelon (the echelon''s default strategy).';
comment on column ${schema}.inventory_targets.created_at is 'When the row was first written.';
comment on column ${schema}.inventory_targets.updated_at is 'When a value of the row last changed.';
comment on index ${schema}.inventory_targets_snapshot_date_idx is 'Finds the targets of one run date.';

create table ${schema}.inventory_target_params (
    id bigint generated always as identity,
    inventory_target_id bigint not null,
    param_name text not null,
    param_value float8,
    constraint inventory_target_params_pkey primary key (id),
    constraint inventory_target_params_target_name_key unique (inventory_target_id, param_name),
    constraint inventory_target_params_inventory_target_id_fkey foreign key (inventory_target_id)
    references ${schema}.inventory_targets (id) on delete cascade,
    constraint inventory_target_param_name_check check (param_name ~ '^[a-z][a-z0-9_]{1,62}$')
);
comment on table ${schema}.inventory_target_params is
'Every parameter a strategy used for one target, by name (lead_time_days, review_days, demand_per_day, '
'demand_sd_per_day, cycle_service_level or fill_rate_target, z or k, pack_size_qty, ...; listed in '
'docs/inventory.md), so that a planner can recompute the target by hand.';
comment on column ${schema}.inventory_target_params.inventory_target_id is 'The target the parameter belongs to.';
comment on column ${schema}.inventory_target_params.param_name is 'Parameter name (docs/inventory.md).';
comment on column ${schema}.inventory_target_params.param_value is 'Its value; null when the input was missing.';

create table ${schema}.inventory_strategy_overrides (
    product_id integer not null,
    location_id integer not null,
    inventory_strategy_id smallint not null,
    note text,
    updated_at timestamptz not null default now(),
    updated_by text not null default current_user,
    constraint inventory_strategy_overrides_pkey primary key (product_id, location_id),
    constraint inventory_strategy_overrides_product_id_fkey foreign key (product_id)
    references ${schema}.products (id),
    constraint inventory_strategy_overrides_location_id_fkey foreign key (location_id)
    references ${schema}.locations (id),
    constraint inventory_strategy_overrides_inventory_strategy_id_fkey foreign key (inventory_strategy_id)
    references ${schema}.inventory_strategies (id),
    constraint inventory_strategy_override_note_check check (length(note) <= 1000)
);
comment on table ${schema}.inventory_strategy_overrides is
'UI-owned: the planner''s choice of strategy for one product x location, which wins over the configured strategy. '
'Neither the load nor the pipeline writes it.';
comment on column ${schema}.inventory_strategy_overrides.product_id is 'UI: the product.';
comment on column ${schema}.inventory_strategy_overrides.location_id is 'UI: the location.';
comment on column ${schema}.inventory_strategy_overrides.inventory_strategy_id is 'UI: the strategy to use.';
comment on column ${schema}.inventory_strategy_overrides.note is 'UI: why the planner chose it.';
comment on column ${schema}.inventory_strategy_overrides.updated_at is 'UI: when it was last changed.';
comment on column ${schema}.inventory_strategy_overrides.updated_by is 'UI: database role that last changed it.';

revoke all on ${schema}.inventory_strategies, ${schema}.inventory_targets, ${schema}.inventory_target_params,
${schema}.inventory_strategy_overrides from ${ui_role};
grant select on ${schema}.inventory_strategies, ${schema}.inventory_targets, ${schema}.inventory_target_params,
${schema}.inventory_strategy_overrides to ${ui_role};
grant insert, update, delete on ${schema}.inventory_strategy_overrides to ${ui_role};

-- The override table is the planner's own: every column is UI-owned (the change events of cyclicity follow this).
insert into ${schema}.field_ownership (table_name, column_name, owner)
select
    columns.table_name,
    columns.column_name,
    'ui' as column_owner
from information_schema.columns
where columns.table_schema = '${schema}' and columns.table_name = 'inventory_strategy_overrides';

-- Cyclicity (seed 001 "Data cyclicity", DESIGN.md "Cyclicity and change impact"): what a UI edit of a table and
-- column requires of the pipeline, as data. The processor process_change_events of each client reads the client's
-- override of a rule first, then the default (client_id null), then the catch-all ('*', '*').

create table cw_global.change_impact_rules (
    id integer generated always as identity,
    client_id integer,
    table_name text not null,
    column_name text not null,
    severity text not null,
    from_step text,
    reason text not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint change_impact_rules_pkey primary key (id),
    constraint change_impact_rules_client_id_fkey foreign key (client_id) references cw_global.clients (id)
    on delete cascade,
    constraint change_impact_rules_from_step_fkey foreign key (from_step) references cw_global.pipeline_steps (name)
    on update cascade,
    constraint change_impact_severity_check check (severity in ('none', 'local', 'moderate', 'cascade', 'gate')),
    constraint change_impact_from_step_check check (
        case severity
            when 'none' then from_step is null
            when 'gate' then from_step = 'quality_gate'
            else from_step is not null
        end
    ),
    constraint change_impact_name_check check (
        (table_name = '*' or table_name ~ '^[a-z][a-z0-9_]{0,62}$')
        and (column_name = '*' or column_name ~ '^[a-z][a-z0-9_]{0,62}$')
    ),
    constraint change_impact_reason_check check (length(btrim(reason)) >= 10)
);
-- One rule per client (null = default) and table.column: client ids start at 1, so 0 stands for the default.
create unique index change_impact_rules_client_id_table_name_column_name_key
on cw_global.change_impact_rules (coalesce(client_id, 0), table_name, column_name);
comment on table cw_global.change_impact_rules is
'Change impact rules: what a UI edit of a table.column requires of the pipeline. severity none = recorded only; '
'local = re-run from_step alone for the edited rows'' products/locations; moderate = re-run from from_step to the '
'last step for them; cascade = re-run from from_step for the whole client; gate = re-run from the quality gate for '
'the whole client. client_id null is the default for every client; a row with a client_id overrides it for that '
'client. column_name ''*'' is a table''s default, (''*'', ''*'') the catch-all. Read by process_change_events; '
'client roles may read (their own overrides only), never write. docs/cyclicity.md has the table with reasons.';
comment on column cw_global.change_impact_rules.client_id is
'The client this override applies to; null = the default rule of every client.';
comment on column cw_global.change_impact_rules.table_name is 'Production table of the client schema, or * (any).';
comment on column cw_global.change_impact_rules.column_name is 'UI-owned column of the table, or * (any).';
comment on column cw_global.change_impact_rules.severity is
'none, local, moderate, cascade or gate (see the table comment).';
comment on column cw_global.change_impact_rules.from_step is
'First pipeline step to re-run (cw_global.pipeline_steps.name); null for none, quality_gate for gate.';
comment on column cw_global.change_impact_rules.reason is 'Why: which derived values depend on the column.';
comment on column cw_global.change_impact_rules.created_at is 'When the rule was added.';
comment on column cw_global.change_impact_rules.updated_at is 'When the rule was last changed (set by the DBA).';

insert into cw_global.change_impact_rules (table_name, column_name, severity, from_step, reason) values
('products', 'discontinued_override', 'moderate', 'forecast',
 'is_discontinued feeds the forecast (a discontinued product is a dead product), targets, assortment and '
 'recommendations of that product; its demand history and behaviours are facts of the past and do not change.'),
('products', 'assortment_override', 'moderate', 'assortment',
 'A forced STOCK / NOT-STOCK changes the product''s assortment decision and, from there, its purchase and transfer '
 'recommendations and statistics; forecasts and targets do not read it.'),
('products', 'planner_note', 'none', null,
 'Free text for people; no derived value reads it.'),
('locations', 'is_enabled', 'moderate', 'inventory_targets',
 'A disabled location gets no targets and no recommendations and stops receiving transfers: the location and its '
 'supply partners (lanes in both directions) are re-planned from inventory targets on. Behaviours and forecasts '
 'describe what was sold there and stay.'),
('locations', 'planner_note', 'none', null,
 'Free text for people; no derived value reads it.'),
('suppliers', 'is_enabled', 'moderate', 'po_recommendations',
 'A disabled supplier gets no purchase-order recommendations: the products it supplies are re-planned from PO '
 'recommendations on.'),
('suppliers', 'lead_time_days_override', 'cascade', 'behaviors',
 'The effective lead time measures the supplier''s on-time rate in supplier_behaviors, which only an unscoped '
 'behaviours run writes, and then every target and PO of its products: client-wide from behaviours until step 6 '
 'learns a supplier scope.'),
('suppliers', 'moq_qty_override', 'moderate', 'po_recommendations',
 'The minimum order quantity rounds the purchase-order recommendations of the supplier''s products; nothing '
 'before them reads it.'),
('suppliers', 'review_cycle_days', 'moderate', 'inventory_targets',
 'The review cycle is part of the protection period of the targets (lead time + review cycle) of the supplier''s '
 'products, and so of their recommendations.'),
('product_suppliers', 'moq_qty_override', 'moderate', 'po_recommendations',
 'The product''s own minimum order quantity rounds its purchase-order recommendations only.'),
('product_suppliers', 'lead_time_days_override', 'moderate', 'inventory_targets',
 'The product''s own lead time is part of its protection period: its targets and recommendations change.'),
('location_lanes', 'is_enabled', 'moderate', 'inventory_targets',
 'A forbidden lane changes which location replenishes which: both ends are re-planned from inventory targets on '
 '(transfers move to other lanes).'),
('location_lanes', 'transit_days_override', 'moderate', 'inventory_targets',
 'Transit time is the lead time of transfers on the lane: the targets and transfer recommendations of both ends.'),
('client_settings', 'setting_value', 'cascade', 'inventory_targets',
 'Client planning settings (service level, default review cycle) apply to every product and location from '
 'inventory targets on.'),
('client_settings', 'updated_at', 'none', null,
 'Bookkeeping written together with setting_value; the value''s own event carries the impact.'),
('client_settings', 'updated_by', 'none', null,
 'Bookkeeping written together with setting_value; the value''s own event carries the impact.'),
('inventory_strategy_overrides', 'inventory_strategy_id', 'moderate', 'inventory_targets',
 'The planner''s strategy for one product x location decides its target and from there its recommendations.'),
('inventory_strategy_overrides', 'product_id', 'moderate', 'inventory_targets',
 'Moving an override to another product re-plans the pair it leaves and the pair it reaches.'),
('inventory_strategy_overrides', 'location_id', 'moderate', 'inventory_targets',
 'Moving an override to another location re-plans the pair it leaves and the pair it reaches.'),
('inventory_strategy_overrides', 'note', 'none', null,
 'Free text for people; no derived value reads it.'),
('inventory_strategy_overrides', 'updated_at', 'none', null,
 'Bookkeeping written with the strategy; the strategy''s own event carries the impact.'),
('inventory_strategy_overrides', 'updated_by', 'none', null,
 'Bookkeeping written with the strategy; the strategy''s own event carries the impact.'),
('*', '*', 'cascade', 'demand_history',
 'Catch-all for a UI-owned column without a rule of its own (a new table of a later step): recompute everything '
 'after load for the whole client, the safe side, until a rule is added.');

alter table cw_global.change_impact_rules enable row level security;
create policy change_impact_rules_default_or_own on cw_global.change_impact_rules for select to cw_tenant
using (client_id is null or exists (select from cw_global.clients where clients.id = change_impact_rules.client_id));
grant select on cw_global.change_impact_rules to cw_tenant;

-- The processor's one setting (the catalog of docs/architecture.md "How to add a setting").
insert into cw_global.setting_sections (section, errcode, stored_in, docs_page, description) values
('changes', 'CW111', 'client_registry', 'docs/cyclicity.md',
 'How the change processor turns UI edits into re-runs (process_change_events).');
insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
                                           is_min_exclusive, max_value, is_max_exclusive, unit, description) values
('changes.whole_client_above_pct', 'changes', 'numeric', '30', 0, true, 100, false, 'pct',
 'A scoped re-run whose scope names more than this share of the client''s active products (or locations) runs for '
 'the whole client instead: a scoped behaviours run ranks each product against the stored rows, which costs more '
 'than the full computation once the scope covers about a third of the catalogue (docs/benchmarks.md#changes).');

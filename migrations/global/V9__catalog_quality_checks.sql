-- The DataQualityGateway as a catalog: every check is a function of the client's schema registered in
-- quality_check_definitions, which the gate loops over in run_order (as run_pipeline loops over pipeline_steps).
-- Endpoints say whether they are full snapshots (an empty file is then a failure) and whether their volume follows
-- the locations' trading calendar (sales: nothing is expected on a day every selling location is closed).

create type cw_global.quality_check_result as (
    endpoint text,
    check_name text,
    severity text,
    passed boolean,
    expected_value text,
    actual_value text,
    failed_count bigint,
    detail text,
    sample_records jsonb
);
comment on type cw_global.quality_check_result is
'One result row of a quality check function: endpoint, check name (optionally suffixed, e.g. '
'orphan_references:product_id), a severity when the check decides it from the data (null: the configured one), '
'passed, expected and actual values, offending count, detail and up to five sample records.';

alter table cw_global.quality_check_definitions
add column check_function text,
add column run_order smallint,
add column endpoints text [];

update cw_global.quality_check_definitions
set check_function = 'quality_check_' || check_name,
    run_order = case check_name
        when 'file_present' then 10 when 'file_parsable' then 20 when 'raw_immutable' then 30
        when 'unknown_endpoint' then 40 when 'record_count' then 50 when 'required_fields' then 60
        when 'type_casts' then 70 when 'unexpected_fields' then 80 when 'duplicate_keys' then 90
        when 'orphan_references' then 100 when 'negative_values' then 110 when 'absurd_values' then 120
        when 'future_dates' then 130 when 'ancient_dates' then 140 when 'suspicious_text' then 150
        when 'stale_snapshot' then 160 when 'volume_change' then 170
    end;

alter table cw_global.quality_check_definitions
alter column check_function set not null,
alter column run_order set not null,
add constraint quality_check_definitions_run_order_key unique (run_order),
add constraint quality_check_definitions_check_function_key unique (check_function),
add constraint quality_check_function_check check (check_function ~ '^quality_check_[a-z_]{1,40}$'),
add constraint quality_check_name_check check (check_name ~ '^[a-z_]{1,40}$');

comment on column cw_global.quality_check_definitions.check_name is
'Name of the check as reported in data_quality_checks (a suffix after a colon names the column checked).';
comment on column cw_global.quality_check_definitions.category is
'completeness, consistency, freshness or statistical_anomaly.';
comment on column cw_global.quality_check_definitions.severity is
'Default severity by name: critical (a failure stops the pipeline) or warning. A client may change it '
'(setting quality.checks.<check_name>.severity); a few checks raise it from the data (orphans above the threshold).';
comment on column cw_global.quality_check_definitions.description is 'What the check verifies, for the report.';
comment on column cw_global.quality_check_definitions.fix_instructions is
'Client-facing instructions shown in the quality report; {client} and {date} are filled in.';
comment on column cw_global.quality_check_definitions.check_function is
'Function of each client schema that runs the check: <schema>.<check_function>(p_run_date date) returns setof '
'cw_global.quality_check_result. One file per check: procedures/tenant/R__03xx_quality_check_<name>.sql.';
comment on column cw_global.quality_check_definitions.run_order is
'Order in which the gate runs the checks (results do not depend on it; it only makes runs reproducible).';
comment on column cw_global.quality_check_definitions.endpoints is
'Endpoints the check applies to; null for every endpoint of the client''s dialect (rule-based checks further '
'follow cw_global.quality_rules). Endpoints a client does not send are always left out.';

alter table cw_global.erp_endpoint_mappings
add column is_full_snapshot boolean not null default false,
add column follows_trading_calendar boolean not null default false;
comment on column cw_global.erp_endpoint_mappings.is_full_snapshot is
'True when every daily file is the whole snapshot (master data, price lists, inventory): an empty file then fails '
'record_count. False for event endpoints (orders), where an empty day can be legitimate.';
comment on column cw_global.erp_endpoint_mappings.follows_trading_calendar is
'True when the endpoint''s daily volume follows the locations'' trading calendar (sales): the gate expects its '
'volume per trading location and nothing on a day every selling location is closed.';

update cw_global.erp_endpoint_mappings
set is_full_snapshot = endpoint in ('products', 'locations', 'suppliers', 'pricing_lists', 'inventory'),
    follows_trading_calendar = endpoint = 'sales_orders';

insert into cw_global.quality_check_definitions (
    check_name, category, severity, description, fix_instructions, check_function, run_order, endpoints
)
values (
    'closed_day_sales', 'consistency', 'warning',
    'No sales are recorded at a location on a day its trading calendar says it is closed.',
    'Sales were recorded on a day the location is closed (weekly closure, public holiday or configured date): check '
    || 'the order dates and locations in the ERP, or open the day in the location''s trading calendar.',
    'quality_check_closed_day_sales', 175, '{sales_orders}'
);

-- A statistical anomaly is a warning unless a client makes it critical (quality.checks.volume_change.severity): a
-- quiet trading day is not a reason to stop the night.
update cw_global.quality_check_definitions
set severity = 'warning',
    description = 'The record count stays near its baseline (same weekday, per trading location for sales).'
where check_name = 'volume_change';

-- A shop that records no cost still runs: a missing cost is the warning missing_cost, not a missing required field,
-- and cost-based measures stay null.
update cw_global.erp_field_mappings
set is_required = false
from cw_global.erp_endpoint_mappings as endpoint_mappings
where endpoint_mappings.id = erp_field_mappings.erp_endpoint_mapping_id and endpoint_mappings.endpoint = 'products'
    and erp_field_mappings.staging_column = 'cost';

insert into cw_global.quality_check_definitions (
    check_name, category, severity, description, fix_instructions, check_function, run_order, endpoints
)
values (
    'missing_cost', 'completeness', 'warning',
    'Products carry a cost; without it margins, stock values and cost-based measures stay empty.',
    'Export the products'' cost (purchase or standard cost) if the ERP records it; CatWing never invents one.',
    'quality_check_missing_cost', 65, '{products}'
);

-- Per-client switches of the checks and the endpoints a client does not send, in the settings catalog.
insert into cw_global.setting_sections (section, errcode, stored_in, docs_page, description) values
('endpoints', 'CW091', 'client_registry', 'docs/quality.md',
 'Which ERP endpoints the client sends (the gate and the steps degrade for the others).');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, element_pattern, unit,
    description) values
('quality.disabled_checks', 'quality', 'text[]', '[]', '^[a-z_]{1,40}$', null,
 'Checks of cw_global.quality_check_definitions the gate does not run for this client.'),
('quality.critical_checks', 'quality', 'text[]', '[]', '^[a-z_]{1,40}$', null,
 'Checks whose failures are critical for this client (they stop the run), whatever the catalog''s severity.'),
('quality.warning_checks', 'quality', 'text[]', '[]', '^[a-z_]{1,40}$', null,
 'Checks whose failures are only warnings for this client, whatever the catalog''s severity.'),
('endpoints.not_delivered', 'endpoints', 'text[]', '[]', '^[a-z_]{1,40}$', null,
 'Endpoints this client does not send (e.g. inventory for a shop without stock data): no check expects them.');

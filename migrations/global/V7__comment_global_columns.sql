-- Every column of cw_global explained in the catalog (\d+), and the constraints and indexes whose purpose their
-- name does not tell. Comments only: no table, row or privilege changes.

-- Geography and money.
comment on column cw_global.currencies.id is
'Identity key of the currency; referenced as currency_id by countries, fx_rates, clients and the tenant tables that '
'carry money (locations, suppliers, products, price_lists, sales_orders, purchase_orders, behaviours).';
comment on column cw_global.currencies.name is 'English name of the currency, e.g. Euro (display only).';
comment on column cw_global.fx_rates.id is 'Identity key of the rate row (nothing references it).';
comment on column cw_global.fx_rates.currency_id is
'The currency whose value in EUR the row gives (cw_global.currencies).';
comment on column cw_global.fx_rates.rate_date is
'Day the rate applies to. fx_factor() takes the latest rate on or before a date, else the earliest after it; '
'the rows of 2024-01-02 are the fallback reference rates until a daily feed fills the table.';
comment on column cw_global.countries.id is
'Identity key of the country; referenced as country_id by regions, cities and the tenant tables locations, '
'suppliers and price_lists.';
comment on column cw_global.countries.name is 'English name of the country, e.g. Germany (display only).';
comment on column cw_global.regions.id is 'Identity key of the region; referenced as region_id by cities.';
comment on column cw_global.regions.country_id is 'Country the region belongs to (cw_global.countries).';
comment on column cw_global.regions.name is 'Name of the region, unique within its country.';
comment on column cw_global.cities.id is
'Identity key of the city; referenced as city_id by weather_daily and the tenant table locations.';
comment on column cw_global.cities.country_id is 'Country of the city (cw_global.countries).';
comment on column cw_global.cities.region_id is 'Region of the city (cw_global.regions); null when not known.';
comment on column cw_global.cities.name is
'Name of the city, unique within its country: load matches a location''s city and country to it (case-insensitive) '
'to fill locations.city_id.';
comment on column cw_global.cities.latitude is 'Latitude in decimal degrees (WGS 84, north positive); null when not '
'known.';
comment on column cw_global.cities.longitude is 'Longitude in decimal degrees (WGS 84, east positive); null when not '
'known.';
comment on column cw_global.weather_daily.id is 'Identity key of the observation (nothing references it).';

-- ERP dialects and the Quality Mapper's configuration.
comment on column cw_global.erp_dialects.id is
'Identity key of the dialect; referenced as erp_dialect_id by clients, erp_endpoint_mappings and '
'erp_value_mappings.';
comment on column cw_global.erp_dialects.name is 'Human-readable name of the dialect, e.g. Navision-style export.';
comment on column cw_global.erp_dialects.description is
'What distinguishes the dialect''s exports: field naming, nesting, date and id formats.';
comment on column cw_global.erp_endpoint_mappings.id is
'Identity key of the endpoint mapping; referenced as erp_endpoint_mapping_id by erp_field_mappings.';
comment on column cw_global.erp_endpoint_mappings.erp_dialect_id is
'Dialect whose export the row describes (cw_global.erp_dialects).';
comment on column cw_global.erp_endpoint_mappings.endpoint is
'ERP endpoint name, the file name in raw-data/{client}/{date}/{endpoint}.json (products, sales_orders, ...); '
'the same names across dialects.';
comment on column cw_global.erp_endpoint_mappings.staging_table is
'Typed staging table in the client''s _staging schema that the endpoint''s records are mapped into, e.g. '
'staging_products.';
comment on column cw_global.erp_field_mappings.id is 'Identity key of the field mapping (nothing references it).';
comment on column cw_global.erp_field_mappings.erp_endpoint_mapping_id is
'Endpoint mapping (dialect and endpoint) the field belongs to; deleting the endpoint mapping deletes its fields.';
comment on column cw_global.erp_field_mappings.staging_column is
'Column of the endpoint''s staging table that receives the value; a staging column absent from the mapping of a '
'dialect stays null for that dialect.';
comment on column cw_global.erp_field_mappings.is_line_field is
'True when source_path is read from each element of the lines array (erp_endpoint_mappings.lines_path), false when '
'from the record (document header).';
comment on column cw_global.erp_field_mappings.data_type is
'Type the Quality Mapper casts the JSON value to (text, numeric, integer, date, timestamptz, boolean); a value that '
'does not cast is left null and named in the staging row''s cast_errors.';
comment on column cw_global.erp_value_mappings.id is 'Identity key of the value mapping (nothing references it).';
comment on column cw_global.erp_value_mappings.erp_dialect_id is
'Dialect whose word the row translates (cw_global.erp_dialects).';
comment on column cw_global.erp_value_mappings.endpoint is
'Endpoint of the value (erp_endpoint_mappings.endpoint), e.g. locations.';
comment on column cw_global.erp_value_mappings.staging_column is
'Staging column holding the word, e.g. status or channel.';

-- Client registry, users and application roles.
comment on column cw_global.clients.id is
'Identity key of the client; referenced as client_id by users. Tenant schemas are found through code and '
'schema_name, not this id.';
comment on column cw_global.clients.name is 'Legal or trading name of the client (cw tenant create --name).';
comment on column cw_global.clients.is_active is
'False for a client whose service is paused. Informational today: cw tenant list shows it; migrations, loads and '
'pipeline runs do not consult it.';
comment on column cw_global.clients.created_at is 'When the client was registered (provision_client).';
comment on column cw_global.users.id is 'Identity key of the user; referenced as user_id by user_roles.';
comment on column cw_global.users.client_id is
'Client whose data the user works on (cw_global.clients); null for CatWing staff. Deleting the client deletes its '
'users.';
comment on column cw_global.users.email is 'Login e-mail address, unique across all clients.';
comment on column cw_global.users.display_name is 'Name shown in the UI.';
comment on column cw_global.users.is_active is 'False for a user who may no longer sign in (kept for history).';
comment on column cw_global.users.created_at is 'When the user was created.';
comment on column cw_global.roles.id is 'Identity key of the application role; referenced as role_id by user_roles.';
comment on column cw_global.roles.name is 'Application role name: admin, planner or viewer.';
comment on column cw_global.roles.description is 'What a user holding the role may do in the UI.';
comment on column cw_global.user_roles.user_id is 'The user (cw_global.users); deleting the user deletes the row.';
comment on column cw_global.user_roles.role_id is 'The application role the user holds (cw_global.roles).';

-- Pipeline and quality catalogs.
comment on column cw_global.pipeline_steps.id is 'Identity key of the step (nothing references it; steps are found '
'by name).';
comment on column cw_global.pipeline_steps.step_no is
'Position of the step in a run, 1 to 13: run_pipeline runs the steps in this order and records it in '
'pipeline_step_runs.step_no.';
comment on column cw_global.pipeline_steps.name is
'Step name used by cw run --from-step/--to-step and in pipeline_step_runs.step_name, e.g. quality_gate.';
comment on column cw_global.pipeline_steps.description is 'What the step computes, in one line.';
comment on column cw_global.quality_check_definitions.check_name is
'Check name as data_quality_checks.check_name shows it (before any '':column'' suffix), e.g. orphan_references.';
comment on column cw_global.quality_check_definitions.category is
'completeness, consistency, freshness or statistical_anomaly: the category the quality report groups the check '
'under.';
comment on column cw_global.quality_check_definitions.severity is
'Default severity: critical (a failure fails the gate and stops the run) or warning (reported only). '
'orphan_references turns critical above the client''s quality.orphan_critical_pct, volume_change is a warning for a '
'spike.';
comment on column cw_global.quality_check_definitions.description is 'What the check verifies, in one line.';
comment on column cw_global.quality_check_definitions.fix_instructions is
'Client-facing instructions copied into data_quality_checks.fix_instructions and shown in the quality report.';
comment on column cw_global.quality_rules.id is 'Identity key of the rule; the gate runs the rules in id order.';
comment on column cw_global.quality_rules.endpoint is
'Endpoint whose staging table the rule checks (erp_endpoint_mappings.endpoint), e.g. sales_orders.';
comment on column cw_global.quality_rules.rule_type is
'key (duplicate_keys), reference (orphan_references), quantity and amount (negative_values, absurd_values), '
'event_date (future_dates, ancient_dates) or text (suspicious_text): which checks the rule feeds.';
comment on column cw_global.quality_rules.ref_column is
'For references: the key column of ref_endpoint''s staging table that must hold the value.';

-- Constraints and indexes whose name does not say why.
comment on constraint client_schema_name_check on cw_global.clients is
'The schema name is derived from the code (CW-000200 -> cw_000200): tools find a client''s schemas and roles from '
'its code alone.';
comment on constraint pipeline_step_procedure_name_check on cw_global.pipeline_steps is
'run_pipeline calls step_<name> in the client schema: the name is the only link between the catalog and the code.';
comment on constraint erp_value_normalised_check on cw_global.erp_value_mappings is
'Load looks words up after lower-casing them and replacing blanks with underscores: a row stored otherwise would '
'never match.';
comment on constraint quality_rule_reference_check on cw_global.quality_rules is
'A reference rule names the endpoint it points to; other rule types do not.';
comment on constraint erp_field_staging_column_check on cw_global.erp_field_mappings is
'The staging column is spliced into generated SQL (quoted with %I): it must be a plain lower-case identifier of at '
'most 63 characters.';

-- cw_global: reference and control data shared by every client. Tenants may only read it
-- (row-level security hides other clients' rows in the tables that name a client).

create schema if not exists cw_global;
comment on schema cw_global is
'CatWing shared reference and control data: geography, currencies, FX, client registry, users, roles, '
'the pipeline step catalog. Client roles (members of cw_tenant) may only read it.';

create extension if not exists vector schema cw_global;

do $$
begin
    if not exists (select 1 from pg_roles where rolname = 'cw_tenant') then
        create role cw_tenant nologin;
    end if;
end
$$;
comment on role cw_tenant is 'Group role of every client role (cw_nnnnnn_owner, cw_nnnnnn_ui): read access to '
'cw_global.';

create table cw_global.currencies (
    id smallint generated always as identity,
    code char(3) not null,
    name text not null,
    minor_units smallint not null default 2,
    constraint currencies_pkey primary key (id),
    constraint currencies_code_key unique (code),
    constraint currency_code_check check (code ~ '^[A-Z]{3}$'),
    constraint currency_minor_units_check check (minor_units between 0 and 4)
);
comment on table cw_global.currencies is 'ISO 4217 currencies that clients, prices and FX rates may use.';
comment on column cw_global.currencies.code is 'ISO 4217 alphabetic code, e.g. EUR.';
comment on column cw_global.currencies.minor_units is 'Digits after the decimal point in the currency (2 for '
'EUR, 0 for JPY).';

create table cw_global.fx_rates (
    id bigint generated always as identity,
    currency_id smallint not null,
    rate_date date not null,
    rate_to_eur numeric(18, 8) not null,
    constraint fx_rates_pkey primary key (id),
    constraint fx_rates_currency_id_rate_date_key unique (currency_id, rate_date),
    constraint fx_rates_currency_id_fkey foreign key (currency_id) references cw_global.currencies (id),
    constraint fx_rate_positive_check check (rate_to_eur > 0)
);
comment on table cw_global.fx_rates is
'Daily FX rates: one unit of the currency in EUR. Money is normalised to a client currency through EUR.';
comment on column cw_global.fx_rates.rate_to_eur is 'Value of one unit of the currency expressed in EUR on '
'rate_date.';

create table cw_global.countries (
    id smallint generated always as identity,
    code char(2) not null,
    name text not null,
    currency_id smallint not null,
    constraint countries_pkey primary key (id),
    constraint countries_code_key unique (code),
    constraint countries_currency_id_fkey foreign key (currency_id) references cw_global.currencies (id),
    constraint country_code_check check (code ~ '^[A-Z]{2}$')
);
comment on table cw_global.countries is 'ISO 3166-1 countries where clients have locations or suppliers.';
comment on column cw_global.countries.code is 'ISO 3166-1 alpha-2 code, e.g. DE.';
comment on column cw_global.countries.currency_id is 'Legal tender of the country.';

create table cw_global.regions (
    id integer generated always as identity,
    country_id smallint not null,
    name text not null,
    constraint regions_pkey primary key (id),
    constraint regions_country_id_name_key unique (country_id, name),
    constraint regions_country_id_fkey foreign key (country_id) references cw_global.countries (id)
);
comment on table cw_global.regions is 'First-level administrative regions (states, voivodeships, counties).';

create table cw_global.cities (
    id integer generated always as identity,
    country_id smallint not null,
    region_id integer,
    name text not null,
    latitude numeric(9, 6),
    longitude numeric(9, 6),
    timezone text not null,
    constraint cities_pkey primary key (id),
    constraint cities_country_id_name_key unique (country_id, name),
    constraint cities_country_id_fkey foreign key (country_id) references cw_global.countries (id),
    constraint cities_region_id_fkey foreign key (region_id) references cw_global.regions (id),
    constraint city_latitude_check check (latitude between -90 and 90),
    constraint city_longitude_check check (longitude between -180 and 180)
);
comment on table cw_global.cities is 'Cities where locations stand; the key for weather data.';
comment on column cw_global.cities.timezone is 'IANA time zone name, e.g. Europe/Berlin.';

create table cw_global.erp_dialects (
    id smallint generated always as identity,
    code text not null,
    name text not null,
    description text not null,
    constraint erp_dialects_pkey primary key (id),
    constraint erp_dialects_code_key unique (code),
    constraint erp_dialect_code_check check (code ~ '^[a-z][a-z0-9_]{1,30}$')
);
comment on table cw_global.erp_dialects is
'ERP export dialects the Quality Mapper understands; each has its own field mapping configuration.';
comment on column cw_global.erp_dialects.code is 'Short lowercase identifier used on the command line '
'(--erp-dialect).';

create table cw_global.clients (
    id integer generated always as identity,
    code text not null,
    name text not null,
    schema_name text not null,
    timezone text not null,
    currency_id smallint not null,
    erp_dialect_id smallint not null,
    is_active boolean not null default true,
    settings jsonb not null default '{}',
    created_at timestamptz not null default now(),
    constraint clients_pkey primary key (id),
    constraint clients_code_key unique (code),
    constraint clients_schema_name_key unique (schema_name),
    constraint clients_currency_id_fkey foreign key (currency_id) references cw_global.currencies (id),
    constraint clients_erp_dialect_id_fkey foreign key (erp_dialect_id) references cw_global.erp_dialects (id),
    constraint client_code_check check (code ~ '^CW-[0-9]{6}$'),
    constraint client_schema_name_check check (schema_name = 'cw_' || substr(code, 4)),
    constraint client_settings_object_check check (jsonb_typeof(settings) = 'object')
);
comment on table cw_global.clients is
'Client registry: one row per tenant. Each client owns the schemas cw_nnnnnn, cw_nnnnnn_staging and cw_nnnnnn_stats '
'and the roles cw_nnnnnn_owner and cw_nnnnnn_ui. Row-level security shows a client role its own row only.';
comment on column cw_global.clients.code is 'Client code CW- and six digits, e.g. CW-000200.';
comment on column cw_global.clients.schema_name is 'Production schema of the client (cw_ and the six digits).';
comment on column cw_global.clients.timezone is 'IANA time zone: the pipeline''s run date is the client''s '
'local date.';
comment on column cw_global.clients.currency_id is 'Client currency: money is normalised to it on load.';
comment on column cw_global.clients.erp_dialect_id is 'Dialect of the client''s ERP exports (field mapping).';
comment on column cw_global.clients.settings is 'Per-client configuration overrides (thresholds, class '
'boundaries) as a JSON object.';

create table cw_global.users (
    id integer generated always as identity,
    client_id integer,
    email text not null,
    display_name text not null,
    is_active boolean not null default true,
    created_at timestamptz not null default now(),
    constraint users_pkey primary key (id),
    constraint users_email_key unique (email),
    constraint users_client_id_fkey foreign key (client_id) references cw_global.clients (id) on delete cascade,
    constraint user_email_check check (email ~ '^[^@\s]+@[^@\s]+$')
);
comment on table cw_global.users is 'People who use the CatWing UI; client_id is null for CatWing staff.';

create table cw_global.roles (
    id smallint generated always as identity,
    name text not null,
    description text not null,
    constraint roles_pkey primary key (id),
    constraint roles_name_key unique (name)
);
comment on table cw_global.roles is 'Application roles of UI users (what a person may do), not database roles.';

create table cw_global.user_roles (
    user_id integer not null,
    role_id smallint not null,
    constraint user_roles_pkey primary key (user_id, role_id),
    constraint user_roles_user_id_fkey foreign key (user_id) references cw_global.users (id) on delete cascade,
    constraint user_roles_role_id_fkey foreign key (role_id) references cw_global.roles (id)
);
comment on table cw_global.user_roles is 'Which application roles each user holds.';

create table cw_global.pipeline_steps (
    id smallint generated always as identity,
    step_no smallint not null,
    name text not null,
    procedure_name text not null,
    description text not null,
    constraint pipeline_steps_pkey primary key (id),
    constraint pipeline_steps_step_no_key unique (step_no),
    constraint pipeline_steps_name_key unique (name),
    constraint pipeline_step_procedure_name_check check (procedure_name = 'step_' || name)
);
comment on table cw_global.pipeline_steps is
'The pipeline step catalog: run_pipeline runs the procedures cw_nnnnnn.step_<name>(date, jsonb) in step_no order.';
comment on column cw_global.pipeline_steps.procedure_name is 'Procedure in the client schema that runs the step.';

insert into cw_global.currencies (code, name, minor_units) values
('EUR', 'Euro', 2), ('USD', 'US dollar', 2), ('GBP', 'Pound sterling', 2), ('PLN', 'Polish zloty', 2),
('CZK', 'Czech koruna', 2), ('SEK', 'Swedish krona', 2), ('CHF', 'Swiss franc', 2), ('DKK', 'Danish krone', 2),
('NOK', 'Norwegian krone', 2), ('HUF', 'Hungarian forint', 2);

insert into cw_global.countries (code, name, currency_id)
select
    country_values.code,
    country_values.name,
    currencies.id
from (
    values
    ('DE', 'Germany', 'EUR'), ('AT', 'Austria', 'EUR'), ('NL', 'Netherlands', 'EUR'),
    ('FR', 'France', 'EUR'), ('PL', 'Poland', 'PLN'), ('CZ', 'Czechia', 'CZK'),
    ('GB', 'United Kingdom', 'GBP'), ('SE', 'Sweden', 'SEK'), ('CH', 'Switzerland', 'CHF'),
    ('US', 'United States', 'USD')
) as country_values (code, name, currency)
inner join cw_global.currencies on country_values.currency = currencies.code;

insert into cw_global.erp_dialects (code, name, description) values
('catwing', 'CatWing canonical', 'snake_case flat records, ISO-8601 dates, string ids (P000123).'),
('navision', 'Navision-style export', 'PascalCase fields, header/lines nesting, dd.MM.yyyy dates, numeric ids.');

insert into cw_global.roles (name, description) values
('admin', 'Manages the client''s users and settings.'),
('planner', 'Edits assortments, supplier settings and accepts recommendations.'),
('viewer', 'Reads dashboards and recommendations.');

insert into cw_global.pipeline_steps (step_no, name, procedure_name, description) values
(1, 'ingest', 'step_ingest', 'Raw JSON from S3 into raw landing rows (jsonb), keyed by object checksum.'),
(2, 'quality_gate', 'step_quality_gate', 'Quality Mapper to typed staging; DataQualityGateway checks; hard gate.'),
(3, 'load', 'step_load', 'Production Mapper: FK resolution, dedup, casts, upserts, SCD2; keeps UI-owned fields.'),
(4, 'health', 'step_health', 'DataHealthMonitor: advisory post-load checks into data_health_reports.'),
(5, 'demand_history', 'step_demand_history', 'Daily demand per product x location with stockout imputation.'),
(6, 'behaviors', 'step_behaviors', 'Product, location, supplier and category behaviours; ABC/XYZ/FMR classes.'),
(7, 'forecast', 'step_forecast', 'Demand forecasts: probability of demand and quantity per horizon.'),
(8, 'inventory_targets', 'step_inventory_targets', 'Target stock, reorder point, safety stock per strategy.'),
(9, 'assortment', 'step_assortment', 'STOCK / NOT-STOCK recommendations, ranking, launch and phase-out scores.'),
(10, 'po_recommendations', 'step_po_recommendations', 'Purchase-order recommendations with priority and confidence.'),
(11, 'to_recommendations', 'step_to_recommendations', 'Transfer-order recommendations between locations.'),
(12, 'stats', 'step_stats', 'UI statistics tables and the warehouse star schema.'),
(13, 'uplift', 'step_uplift', 'Measures past recommendations: impacts and is_respected.');

-- Tenants read reference data; the tables that name a client show a client role only its own rows.
alter table cw_global.clients enable row level security;
alter table cw_global.users enable row level security;
alter table cw_global.user_roles enable row level security;

create policy clients_own_row on cw_global.clients for select to cw_tenant
using (exists (
    select from pg_catalog.pg_roles
    where pg_roles.rolname in (clients.schema_name || '_owner', clients.schema_name || '_ui')
        and pg_has_role(current_user, pg_roles.oid, 'usage')
));
create policy users_own_client on cw_global.users for select to cw_tenant
using (exists (select from cw_global.clients where clients.id = users.client_id));
create policy user_roles_own_client on cw_global.user_roles for select to cw_tenant
using (exists (select from cw_global.users where users.id = user_roles.user_id));

grant usage on schema cw_global to cw_tenant;
grant select on all tables in schema cw_global to cw_tenant;
alter default privileges in schema cw_global grant select on tables to cw_tenant;

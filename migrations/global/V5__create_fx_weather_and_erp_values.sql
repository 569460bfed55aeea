-- Reference data the Production Mapper (step load) needs from cw_global: reference FX rates (so that money can be
-- normalised to a client currency before a rate feed exists), the weather shape (loaded when a feed is present),
-- the canonical vocabulary of ERP status and type words per dialect, and REFERENCES on the reference tables so
-- that tenant tables can carry real foreign keys to them.

-- ECB euro reference rates of 2 January 2024 (units of the currency per EUR, inverted to EUR per unit). They are
-- the fallback for every date until a daily rate feed fills fx_rates: load uses the latest rate on or before a
-- date, else the earliest one after it (docs/production.md).
insert into cw_global.fx_rates (currency_id, rate_date, rate_to_eur)
select
    currencies.id as currency_id,
    date '2024-01-02' as rate_date,
    round(1 / ecb_rates.units_per_eur, 8) as rate_to_eur
from (
    values
    ('EUR', 1.0), ('USD', 1.0956), ('GBP', 0.86725), ('PLN', 4.3520), ('CZK', 24.724), ('SEK', 11.0960),
    ('CHF', 0.9305), ('DKK', 7.4550), ('NOK', 11.2185), ('HUF', 381.93)
) as ecb_rates (code, units_per_eur)
inner join cw_global.currencies on ecb_rates.code = currencies.code
on conflict on constraint fx_rates_currency_id_rate_date_key do nothing;

create table cw_global.weather_daily (
    id bigint generated always as identity,
    city_id integer not null,
    weather_date date not null,
    temperature_min_c numeric(4, 1),
    temperature_max_c numeric(4, 1),
    temperature_mean_c numeric(4, 1),
    precipitation_mm numeric(6, 1),
    snowfall_cm numeric(6, 1),
    sunshine_hours numeric(4, 1),
    wind_speed_max_kmh numeric(5, 1),
    source text not null,
    loaded_at timestamptz not null default now(),
    constraint weather_daily_pkey primary key (id),
    constraint weather_daily_city_id_weather_date_key unique (city_id, weather_date),
    constraint weather_daily_city_id_fkey foreign key (city_id) references cw_global.cities (id),
    constraint weather_temperature_order_check check (temperature_min_c <= temperature_max_c),
    constraint weather_temperature_range_check check (temperature_min_c >= -90 and temperature_max_c <= 60),
    constraint weather_precipitation_check check (precipitation_mm >= 0 and snowfall_cm >= 0),
    constraint weather_sunshine_check check (sunshine_hours between 0 and 24),
    constraint weather_wind_check check (wind_speed_max_kmh >= 0)
);
comment on table cw_global.weather_daily is
'Observed daily weather per city (a demand driver shared by every client with locations there). Shape only until a '
'weather feed is connected; the pipeline treats a missing day as unknown, never as zero.';
comment on column cw_global.weather_daily.city_id is 'City the observation belongs to (cw_global.cities).';
comment on column cw_global.weather_daily.weather_date is 'Local calendar date of the observation.';
comment on column cw_global.weather_daily.temperature_min_c is 'Lowest air temperature of the day, degrees Celsius.';
comment on column cw_global.weather_daily.temperature_max_c is 'Highest air temperature of the day, degrees Celsius.';
comment on column cw_global.weather_daily.temperature_mean_c is 'Mean air temperature of the day, degrees Celsius.';
comment on column cw_global.weather_daily.precipitation_mm is 'Total precipitation of the day, millimetres.';
comment on column cw_global.weather_daily.snowfall_cm is 'Total snowfall of the day, centimetres.';
comment on column cw_global.weather_daily.sunshine_hours is 'Hours of sunshine.';
comment on column cw_global.weather_daily.wind_speed_max_kmh is 'Highest wind speed of the day, km/h.';
comment on column cw_global.weather_daily.source is 'Feed the row came from (e.g. open-meteo archive).';
comment on column cw_global.weather_daily.loaded_at is 'When the row was loaded or last corrected.';

create table cw_global.erp_value_mappings (
    id integer generated always as identity,
    erp_dialect_id smallint not null,
    endpoint text not null,
    staging_column text not null,
    erp_value text not null,
    canonical_value text not null,
    constraint erp_value_mappings_pkey primary key (id),
    constraint erp_value_mappings_dialect_endpoint_column_value_key
    unique (erp_dialect_id, endpoint, staging_column, erp_value),
    constraint erp_value_mappings_erp_dialect_id_fkey foreign key (erp_dialect_id)
    references cw_global.erp_dialects (id),
    constraint erp_value_normalised_check check (erp_value = lower(erp_value) and erp_value !~ '\s'),
    constraint erp_value_canonical_check check (canonical_value ~ '^[a-z][a-z_]*$')
);
comment on table cw_global.erp_value_mappings is
'Status and type words of an ERP dialect that differ from the canonical vocabulary (e.g. navision location status '
'Open = active). Load normalises a value to lower case with blanks as underscores, then maps it here; a value '
'without a row is already canonical.';
comment on column cw_global.erp_value_mappings.erp_value is
'The ERP''s word, normalised: lower case, runs of blanks replaced by one underscore (Partially Received -> '
'partially_received).';
comment on column cw_global.erp_value_mappings.canonical_value is 'The canonical word the production tables use.';

insert into cw_global.erp_value_mappings (erp_dialect_id, endpoint, staging_column, erp_value, canonical_value)
select
    erp_dialects.id,
    value_words.endpoint,
    value_words.staging_column,
    value_words.erp_value,
    value_words.canonical_value
from (
    values
    ('locations', 'type', 'webshop', 'online'),
    ('locations', 'status', 'open', 'active'),
    ('suppliers', 'status', 'all', 'blocked'),
    ('suppliers', 'status', 'yes', 'blocked'),
    ('suppliers', 'status', 'purchase', 'blocked'),
    ('suppliers', 'status', 'payment', 'blocked'),
    ('pricing_lists', 'channel', 'customer_price_group', 'store'),
    ('pricing_lists', 'channel', 'campaign', 'online'),
    ('sales_orders', 'channel', 'web', 'online'),
    ('sales_orders', 'status', 'posted', 'completed'),
    ('purchase_orders', 'status', 'released', 'confirmed'),
    ('purchase_orders', 'status', 'open', 'confirmed')
) as value_words (endpoint, staging_column, erp_value, canonical_value)
inner join cw_global.erp_dialects on erp_dialects.code = 'navision';

-- Tenant tables reference these (currency_id, country_id, city_id): REFERENCES is needed for their foreign keys.
grant references on cw_global.currencies, cw_global.countries, cw_global.cities to cw_tenant;
grant select on cw_global.weather_daily, cw_global.erp_value_mappings to cw_tenant;

-- Shared pgTAP fixtures, installed into the migrated test template (schema tests).
create schema if not exists tests;
grant usage on schema tests to public;
comment on schema tests is 'Test fixtures and helpers; exists only in test databases.';

create or replace function tests.run_as(p_role text, p_sql text)
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    execute format('set local role %I', p_role);
    execute p_sql;
    reset role;
end
$$;
comment on function tests.run_as(text, text) is
'Runs a statement as another role; an error propagates (throws_ok rolls the role change back with it).';

create or replace function tests.scalar_as(p_role text, p_sql text)
returns text
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_result text;
begin
    execute format('set local role %I', p_role);
    execute p_sql into v_result;
    reset role;
    return v_result;
end
$$;
comment on function tests.scalar_as(text, text) is 'First column of the first row of a query run as another role.';

create or replace function tests.open_load_batch(p_day date)
returns bigint
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_file bigint;
begin
    truncate cw_000901_staging.staging_products, cw_000901_staging.staging_locations,
        cw_000901_staging.staging_suppliers, cw_000901_staging.staging_prices, cw_000901_staging.staging_sales_orders,
        cw_000901_staging.staging_purchase_orders, cw_000901_staging.staging_receiving_orders,
        cw_000901_staging.staging_store_orders, cw_000901_staging.staging_transfer_orders,
        cw_000901_staging.staging_inventory_balances;
    insert into cw_000901_staging.raw_files (object_key, endpoint, file_date, size_bytes, etag, status, record_count,
                                             loaded_at)
    values (format('raw-data/CW-000901/%s/products-%s.json', p_day, clock_timestamp()), 'products', p_day, 1, 'etag',
            'loaded', 1, now())
    returning id into v_file;
    insert into cw_000901.data_quality_runs (run_date, data_quality_run_status_id, gate_passed, started_at)
    select p_day, 2, true, now()
    where not exists (select from cw_000901.data_quality_runs where run_date = p_day);
    return v_file;
end
$$;
comment on function tests.open_load_batch(date) is
'Step load fixtures of client CW-000901: empties its typed staging tables, registers a new raw file of the day (a '
're-sent file each call) and records a passed quality gate for the day, as the gateway would leave them; returns the '
'raw file id the test''s staging rows point at.';

create or replace function tests.stage_hammer_masters(p_file bigint, p_hammer_status text default 'active',
                                                      p_hammer_price numeric default 12.99)
returns void
language sql
security invoker
set search_path = pg_catalog, pg_temp
as $$
    insert into cw_000901_staging.staging_suppliers (raw_file_id, record_no, supplier_id, name, country, currency,
                                                     lead_time_days, moq, status)
    values (p_file, 1, 'S0001', 'Acme Tools', 'DE', 'EUR', 7, 10, 'active');
    insert into cw_000901_staging.staging_locations (raw_file_id, record_no, location_id, name, type, echelon,
                                                     parent_location_id, city, country, currency, timezone, status)
    values (p_file, 1, 'L001', 'Warehouse', 'warehouse', 3, null, 'Nürnberg', 'DE', 'EUR', 'Europe/Berlin', 'active'),
           (p_file, 2, 'L002', 'Store Berlin', 'store', 1, 'L001', 'Berlin', 'DE', 'EUR', 'Europe/Berlin', 'active');
    insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, sku, name, brand,
                                                    category_path, supplier_id, vendor_sku, cost, price, currency,
                                                    pack_size, is_dropship, status)
    values (p_file, 1, 'P000001', 'SKU1', 'Hammer', 'Brando', 'Tools > Hand Tools > Hammers', 'S0001', 'V-1', 5,
            p_hammer_price, 'EUR', 6, false, p_hammer_status);
$$;
comment on function tests.stage_hammer_masters(bigint, text, numeric) is
'Step load fixtures of client CW-000901: the master rows most load tests start from, written into staging for a raw '
'file — supplier S0001, warehouse L001 and store L002, and product P000001 (the hammer) with the given status and '
'price.';

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

create or replace function tests.forecast_world(p_end date)
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_eur smallint := (select id from cw_global.currencies where code = 'EUR');
begin
    insert into cw_000901.product_categories (level, name, path, first_seen_date)
    values (1, 'TF Tools', 'TF Tools', p_end - 400);
    insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
    values ('TF-S1', 'TF store 1', 'store', 1, 'active', p_end - 400, md5('tf-s1')::uuid),
           ('TF-S2', 'TF store 2', 'store', 1, 'active', p_end - 400, md5('tf-s2')::uuid),
           ('TF-W', 'TF webshop', 'online', 1, 'active', p_end - 400, md5('tf-w')::uuid);
    insert into cw_000901.products (erp_id, name, product_category_id, erp_currency_id, cost, price, is_dropship,
                                    erp_status, first_seen_date, row_hash)
    select product.erp_id, product.erp_id, (select id from cw_000901.product_categories where path = 'TF Tools'),
           v_eur, 4, 10, product.erp_id = 'TF-DROP', 'active', p_end - 400, md5(product.erp_id)::uuid
    from (values ('TF-STEADY'), ('TF-LUMPY'), ('TF-DEAD'), ('TF-NEW'), ('TF-DROP'), ('TF-ONLINE')) as product (erp_id);
    -- 40 weeks of history ending on p_end. TF-STEADY: 1 a day Monday to Saturday at both stores (Sundays closed);
    -- TF-LUMPY: 3 units on the Wednesday of every 4th week at store 1; TF-DEAD: sold only in the first 10 weeks;
    -- TF-NEW: 2 a day at store 2 for 40 weeks and at store 1 for its last 3 weeks only; TF-DROP: dropship, 1 a day
    -- at store 1; TF-ONLINE: 2 a day at the webshop only.
    insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                          stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id,
                                          computed_on)
    select products.id, locations.id, days.day, demand.qty, demand.qty * 10, demand.qty * 4, true, null, false,
           demand.qty, 1, p_end
    from cw_000901.products
    cross join cw_000901.locations
    cross join generate_series(p_end - 279, p_end, interval '1 day') as days (day)
    cross join lateral (select (p_end - days.day::date) / 7 as week_index,
                               extract(isodow from days.day)::integer as weekday) as calendar
    cross join lateral (select case
        when products.erp_id = 'TF-STEADY' and locations.erp_id in ('TF-S1', 'TF-S2')
            then case when calendar.weekday = 7 then 0 else 1 end
        when products.erp_id = 'TF-LUMPY' and locations.erp_id = 'TF-S1'
            then case when calendar.week_index % 4 = 1 and calendar.weekday = 3 then 3 else 0 end
        when products.erp_id = 'TF-DEAD' and locations.erp_id = 'TF-S1'
            then case when calendar.week_index >= 30 and calendar.weekday = 2 then 1 else 0 end
        when products.erp_id = 'TF-NEW' and locations.erp_id = 'TF-S2' then 2
        when products.erp_id = 'TF-NEW' and locations.erp_id = 'TF-S1' and calendar.week_index < 3 then 2
        when products.erp_id = 'TF-DROP' and locations.erp_id = 'TF-S1' then 1
        when products.erp_id = 'TF-ONLINE' and locations.erp_id = 'TF-W' then 2
    end::numeric as qty) as demand
    where products.erp_id like 'TF-%' and locations.erp_id like 'TF-%' and demand.qty is not null;
end
$$;
comment on function tests.forecast_world(date) is
'Step forecast fixtures of client CW-000901: category TF Tools, stores TF-S1 and TF-S2, webshop TF-W and six products '
'with 40 weeks of demand_history ending on p_end: steady (closed Sundays), lumpy, dead, new at one store, dropship, '
'online only (the comments in the function say how much each sells).';

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

-- Inventory targets world: supplier IT-SUP (lead time 6 days, review every 7 days); store IT-S1 supplied by the
-- supplier; DC IT-DC supplying stores IT-S2 and IT-S3. Products IT-A (price 10, cost 6), IT-B (pack of 6), IT-DISC
-- (discontinued) and IT-NS (NOT-STOCK). Every pair sold 10 and 18 units in alternate weeks over 13 weeks ending on
-- p_end (weekly mean 13.69, sample variance 17.23), and a completed forecast dated p_end predicts 14 a week for 26
-- weeks. No weekday profile is stored, so partial weeks are pro-rated uniformly (2 a day).
create or replace function tests.inventory_world(p_end date)
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_eur      smallint := (select id from cw_global.currencies where code = 'EUR');
    v_forecast bigint;
begin
    insert into cw_000901.suppliers (erp_id, name, currency_id, erp_status, lead_time_days, review_cycle_days,
                                     first_seen_date, row_hash)
    values ('IT-SUP', 'IT supplier', v_eur, 'active', 6, 7, p_end - 400, md5('it-sup')::uuid);
    insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
    values ('IT-S1', 'IT store 1', 'store', 1, 'active', p_end - 400, md5('it-s1')::uuid),
           ('IT-DC', 'IT DC', 'dc', 2, 'active', p_end - 400, md5('it-dc')::uuid);
    insert into cw_000901.locations (erp_id, name, location_type, echelon, parent_location_id, erp_status,
                                     first_seen_date, row_hash)
    select store.erp_id, store.erp_id, 'store', 1, (select id from cw_000901.locations where erp_id = 'IT-DC'),
           'active', p_end - 400, md5(store.erp_id)::uuid
    from (values ('IT-S2'), ('IT-S3')) as store (erp_id);
    insert into cw_000901.products (erp_id, name, erp_currency_id, cost, price, pack_size_qty, primary_supplier_id,
                                    erp_status, first_seen_date, row_hash)
    select product.erp_id, product.erp_id, v_eur, 6, 10, product.pack_size_qty,
           (select id from cw_000901.suppliers where erp_id = 'IT-SUP'), product.erp_status, p_end - 400,
           md5(product.erp_id)::uuid
    from (values ('IT-A', 1, 'active'), ('IT-B', 6, 'active'), ('IT-DISC', 1, 'discontinued'),
                 ('IT-NS', 1, 'active')) as product (erp_id, pack_size_qty, erp_status);
    update cw_000901.products set assortment_override = 'NOT-STOCK' where erp_id = 'IT-NS';

    insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                          stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id,
                                          computed_on)
    select products.id, locations.id, p_end - 7 * week.week_no, weekly.qty, weekly.qty * 10, weekly.qty * 6, true,
           null, false, weekly.qty, 1, p_end
    from cw_000901.products
    cross join cw_000901.locations
    cross join generate_series(0, 12) as week (week_no)
    cross join lateral (select case when week.week_no % 2 = 0 then 10 else 18 end::numeric as qty) as weekly
    where products.erp_id like 'IT-%' and locations.erp_id in ('IT-S1', 'IT-S2', 'IT-S3')
        and (locations.erp_id = 'IT-S1' or products.erp_id = 'IT-A');

    insert into cw_000901.demand_forecasts (forecast_date, demand_forecast_status_id, metadata)
    values (p_end, 3, '{"method": "inventory test fixture"}')
    returning id into v_forecast;
    call cw_000901.forecast_ensure_partition(p_end);
    insert into cw_000901.demand_forecast_products (forecast_date, demand_forecast_id, product_id, location_id,
                                                    demand_source_type_id, horizon_days, prob_demand, predicted_qty,
                                                    critical_ratio, confidence)
    select p_end, v_forecast, history.product_id, history.location_id, 1, 7 * horizon.week_no, 1, 14, 0.5, 0.5
    from (select distinct product_id, location_id from cw_000901.demand_history
          where product_id in (select id from cw_000901.products where erp_id like 'IT-%')) as history
    cross join generate_series(1, 26) as horizon (week_no);
end
$$;

create or replace function tests.quality_file(p_endpoint text, p_day date, p_status text default 'loaded',
                                              p_records bigint default 1, p_sha256 text default null)
returns bigint
language sql
security invoker
set search_path = pg_catalog, pg_temp
as $$
    insert into cw_000901_staging.raw_files (object_key, endpoint, file_date, size_bytes, etag, sha256, status,
                                             record_count, error, error_offset, loaded_at)
    values (format('raw-data/CW-000901/%s/%s-%s.json', p_day, p_endpoint, clock_timestamp()), p_endpoint, p_day, 1,
            'etag', p_sha256, p_status, case when p_status = 'loaded' then p_records end,
            case when p_status = 'failed' then 'unexpected end of input' end,
            case when p_status = 'failed' then 17 end, case when p_status = 'loaded' then now() end)
    returning id
$$;
comment on function tests.quality_file(text, date, text, bigint, text) is
'Quality check fixtures of client CW-000901: registers a raw file of an endpoint and day (loaded with a record '
'count, or failed at byte 17) as the loader would, without records; returns its id for staging rows.';

create or replace function tests.quality_check(p_check text, p_day date)
returns setof cw_global.quality_check_result
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    return query execute format('select * from cw_000901.%I($1)', 'quality_check_' || p_check) using p_day;
end
$$;
comment on function tests.quality_check(text, date) is
'Runs one gate check function of client CW-000901 for a day: the rows it would add to data_quality_checks.';

create or replace function tests.quality_empty_staging()
returns void
language sql
security invoker
set search_path = pg_catalog, pg_temp
as $$
    truncate cw_000901_staging.staging_products, cw_000901_staging.staging_locations,
        cw_000901_staging.staging_suppliers, cw_000901_staging.staging_prices, cw_000901_staging.staging_sales_orders,
        cw_000901_staging.staging_purchase_orders, cw_000901_staging.staging_receiving_orders,
        cw_000901_staging.staging_store_orders, cw_000901_staging.staging_transfer_orders,
        cw_000901_staging.staging_inventory_balances, cw_000901_staging.staged_files;
$$;
comment on function tests.quality_empty_staging() is
'Quality check fixtures: empties the typed staging tables of client CW-000901 before a test stages its own rows.';

create or replace function tests.calendar_web_shop()
returns integer
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_location integer;
begin
    insert into cw_000901.locations (erp_id, name, location_type, echelon, country_id, erp_status, first_seen_date,
                                     row_hash)
    select 'WEB', 'Web shop', 'online', 1, countries.id, 'active', date '2011-01-01', gen_random_uuid()
    from cw_global.countries where countries.code = 'GB'
    returning id into v_location;
    insert into cw_000901.sales_orders (erp_id, order_date, location_id, currency_id, fx_rate, first_loaded_on,
                                        row_hash)
    select 'SO-' || day::date, day::date, v_location, currencies.id, 1, day::date, gen_random_uuid()
    from generate_series(date '2011-03-01', date '2011-05-10', interval '1 day') as day
    cross join (select id from cw_global.currencies where code = 'GBP') as currencies
    where extract(isodow from day) != 6
        and day::date not in (date '2011-04-22', date '2011-04-25', date '2011-04-29', date '2011-05-02');
    return v_location;
end
$$;
comment on function tests.calendar_web_shop() is
'Trading calendar fixture of client CW-000901: a GB web shop (location WEB) with one sale every day from '
'2011-03-01 to 2011-05-10 except Saturdays and the English bank holidays of the period (Good Friday, Easter '
'Monday, the royal wedding, May Day); returns its location id.';

-- Purchase-order recommendations world: the inventory targets world with its step 8 targets, then round targets set
-- by hand, supplier IT-SUP with an MOQ of 10, and stock, open orders and transfers on p_end:
--   IT-A at IT-S1: target 40, reorder point 20; 10 on hand of which 3 blocked and 2 reserved; PO IT-PO1 confirmed 6
--     of 8 ordered (unit cost 5.5); a received PO and a cancelled PO (do not count); transfer IT-TO1 shipped 3, in
--     transit. Position 7 + 6 + 3 - 2 = 14, forecast 2 a day, lead time 6, review 7.
--   IT-B at IT-S1 (pack of 6): target 40, reorder point 20; out of stock (balance 0).
--   IT-A at IT-DC (supplies IT-S2 and IT-S3, 2 a day each): target 52, reorder point 50; 45 on hand, balance 10 days
--     old.
--   IT-A at IT-S2 (has a parent): out of stock, replenished by transfer, never by PO.
create or replace function tests.po_world(p_end date)
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_eur      smallint := (select id from cw_global.currencies where code = 'EUR');
    v_supplier integer;
    v_a        integer;
    v_b        integer;
    v_s1       integer;
    v_dc       integer;
    v_s2       integer;
    v_to       bigint;
begin
    perform tests.inventory_world(p_end);
    call cw_000901.step_inventory_targets(p_end, null);
    select id into v_supplier from cw_000901.suppliers where erp_id = 'IT-SUP';
    select id into v_a from cw_000901.products where erp_id = 'IT-A';
    select id into v_b from cw_000901.products where erp_id = 'IT-B';
    select id into v_s1 from cw_000901.locations where erp_id = 'IT-S1';
    select id into v_dc from cw_000901.locations where erp_id = 'IT-DC';
    select id into v_s2 from cw_000901.locations where erp_id = 'IT-S2';
    update cw_000901.suppliers set moq_qty = 10 where id = v_supplier;

    update cw_000901.inventory_targets as targets
    set target_stock = case when targets.location_id = v_dc then 52 else 40 end,
        reorder_point = case when targets.location_id = v_dc then 50 else 20 end
    where targets.snapshot_date = p_end and targets.zero_reason is null
        and ((targets.location_id = v_s1 and targets.product_id in (v_a, v_b))
             or (targets.location_id = v_dc and targets.product_id = v_a));

    insert into cw_000901.inventory_balances (product_id, location_id, balance_date, qty_available, qty_blocked,
                                              qty_reserved, qty_all, row_hash)
    values (v_a, v_s1, p_end, 5, 3, 2, 10, md5('it-bal-a-s1')::uuid),
           (v_b, v_s1, p_end, 0, 0, 0, 0, md5('it-bal-b-s1')::uuid),
           (v_a, v_dc, p_end - 10, 45, 0, 0, 45, md5('it-bal-a-dc')::uuid),
           (v_a, v_s2, p_end, 0, 0, 0, 0, md5('it-bal-a-s2')::uuid);

    insert into cw_000901.purchase_orders (erp_id, supplier_id, location_id, order_date, expected_date, status,
                                           currency_id, fx_rate, first_loaded_on, row_hash)
    values ('IT-PO1', v_supplier, v_s1, p_end - 2, p_end + 4, 'confirmed', v_eur, 1, p_end - 2, md5('it-po1')::uuid),
           ('IT-PO2', v_supplier, v_s1, p_end - 30, p_end - 24, 'received', v_eur, 1, p_end - 30,
            md5('it-po2')::uuid),
           ('IT-PO3', v_supplier, v_s1, p_end - 3, p_end + 3, 'cancelled', v_eur, 1, p_end - 3, md5('it-po3')::uuid);
    insert into cw_000901.purchase_order_lines (purchase_order_id, line_no, product_id, qty_ordered, qty_confirmed,
                                                qty_delivered, unit_cost, row_hash)
    select purchase_orders.id, 1, v_a, line.qty_ordered, line.qty_confirmed, line.qty_delivered, line.unit_cost,
           md5(purchase_orders.erp_id || '-1')::uuid
    from (values ('IT-PO1', 8, 6, 0, 5.5), ('IT-PO2', 50, 50, 50, 5.0), ('IT-PO3', 20, null, null, 5.0))
        as line (erp_id, qty_ordered, qty_confirmed, qty_delivered, unit_cost)
    inner join cw_000901.purchase_orders on purchase_orders.erp_id = line.erp_id;

    insert into cw_000901.transfer_orders (erp_id, from_location_id, to_location_id, reason, ship_date,
                                           expected_date, status, first_loaded_on, row_hash)
    values ('IT-TO1', v_dc, v_s1, 'rebalance', p_end - 1, p_end + 1, 'shipped', p_end - 1, md5('it-to1')::uuid)
    returning id into v_to;
    insert into cw_000901.transfer_order_lines (transfer_order_id, line_no, product_id, qty_shipped, row_hash)
    values (v_to, 1, v_a, 3, md5('it-to1-1')::uuid);
end
$$;
comment on function tests.po_world(date) is
'Step po_recommendations fixtures of client CW-000901: the inventory targets world with hand-set targets, stock, open '
'and closed purchase orders and a transfer in transit (the comment above the function gives every number).';

-- The overdue purchase order world: tests.po_world(p_end) and one more open order, IT-PO4, of 20 units of IT-A from
-- IT-SUP to IT-DC, ordered on p_order_date and expected on p_expected_date (each overdue test moves these dates), and
-- the temporary view tap_rec: po_recommendations with the product's and location's erp_id.
create or replace function tests.po_overdue_world(p_end date, p_order_date date, p_expected_date date)
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    perform tests.po_world(p_end);
    create temporary view tap_rec as
    select products.erp_id as product, locations.erp_id as location, recommendations.*
    from cw_000901.po_recommendations as recommendations
    inner join cw_000901.products on products.id = recommendations.product_id
    inner join cw_000901.locations on locations.id = recommendations.location_id;

    insert into cw_000901.purchase_orders (erp_id, supplier_id, location_id, order_date, expected_date, status,
                                           currency_id, fx_rate, first_loaded_on, row_hash)
    select 'IT-PO4', suppliers.id, locations.id, p_order_date, p_expected_date, 'open', suppliers.currency_id, 1,
           p_order_date, md5('it-po4')::uuid
    from cw_000901.suppliers, cw_000901.locations where suppliers.erp_id = 'IT-SUP' and locations.erp_id = 'IT-DC';
    insert into cw_000901.purchase_order_lines (purchase_order_id, line_no, product_id, qty_ordered, unit_cost,
                                                row_hash)
    select purchase_orders.id, 1, products.id, 20, 5.5, md5('it-po4-1')::uuid
    from cw_000901.purchase_orders, cw_000901.products
    where purchase_orders.erp_id = 'IT-PO4' and products.erp_id = 'IT-A';
end
$$;
comment on function tests.po_overdue_world(date, date, date) is
'Overdue purchase order fixtures (client CW-000901): tests.po_world(p_end), an open order IT-PO4 of 20 IT-A from '
'IT-SUP to IT-DC ordered on p_order_date and expected on p_expected_date, and the temporary view tap_rec '
'(po_recommendations with product and location erp_id).';

-- Similar products world (embeddings, new series): categories Food > Dairy > Milk / Cheese and Tools > Hammers,
-- brands SP Alpen, SP Farm and SP Forge, stores SP-S1 and SP-S2, 40 weeks of demand_history ending on p_end (a
-- Sunday), the same every day. Per week at S1 / S2: SP-MILK-A (Milk, Alpen, 1.20) 7 / 7; SP-MILK-B (Milk, Alpen,
-- 1.30) 14 / 14; SP-MILK-BULK (Milk, Farm, 9.00, pack of 12) 70 / 70; SP-CHEESE (Cheese, Alpen, 4.50) 21 / 21;
-- SP-HAMMER (Hammers, Forge, 25.00) 14 / 7. New series: SP-YOUNG (Milk, Alpen, 1.20: a twin of MILK-A) 35 at S1 for
-- its 3 last weeks only; SP-NEW-MILK (Milk, Alpen, 1.22) 7 at S1 for its last 2 weeks only; SP-NEW-HAMMER (Hammers,
-- Forge, 26.00) 7 at S2 for 40 weeks and 7 at S1 for its last 2 weeks.
create or replace function tests.similar_world(p_end date)
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_eur smallint := (select id from cw_global.currencies where code = 'EUR');
begin
    insert into cw_000901.product_categories (parent_id, level, name, path, first_seen_date)
    values (null, 1, 'SP Food', 'SP Food', p_end - 400), (null, 1, 'SP Tools', 'SP Tools', p_end - 400);
    insert into cw_000901.product_categories (parent_id, level, name, path, first_seen_date)
    select id, 2, child.name, path || ' > ' || child.name, p_end - 400
    from cw_000901.product_categories
    inner join (values ('SP Food', 'Dairy'), ('SP Tools', 'Hammers')) as child (parent, name) on child.parent = path;
    insert into cw_000901.product_categories (parent_id, level, name, path, first_seen_date)
    select id, 3, child.name, path || ' > ' || child.name, p_end - 400
    from cw_000901.product_categories
    cross join (values ('Milk'), ('Cheese')) as child (name)
    where path = 'SP Food > Dairy';
    insert into cw_000901.brands (name, first_seen_date)
    values ('SP Alpen', p_end - 400), ('SP Farm', p_end - 400), ('SP Forge', p_end - 400);
    insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
    values ('SP-S1', 'SP store 1', 'store', 1, 'active', p_end - 400, md5('sp-s1')::uuid),
           ('SP-S2', 'SP store 2', 'store', 1, 'active', p_end - 400, md5('sp-s2')::uuid);
    insert into cw_000901.products (erp_id, name, brand_id, product_category_id, erp_currency_id, cost, price,
                                    pack_size_qty, erp_status, first_seen_date, row_hash)
    select product.erp_id, product.erp_id, brands.id, product_categories.id, v_eur, product.price / 2, product.price,
           product.pack_size_qty, 'active', p_end - 400, md5(product.erp_id)::uuid
    from (values ('SP-MILK-A', 'SP Alpen', 'SP Food > Dairy > Milk', 1.20, 1),
                 ('SP-MILK-B', 'SP Alpen', 'SP Food > Dairy > Milk', 1.30, 1),
                 ('SP-MILK-BULK', 'SP Farm', 'SP Food > Dairy > Milk', 9.00, 12),
                 ('SP-CHEESE', 'SP Alpen', 'SP Food > Dairy > Cheese', 4.50, 1),
                 ('SP-HAMMER', 'SP Forge', 'SP Tools > Hammers', 25.00, 1),
                 ('SP-YOUNG', 'SP Alpen', 'SP Food > Dairy > Milk', 1.20, 1),
                 ('SP-NEW-MILK', 'SP Alpen', 'SP Food > Dairy > Milk', 1.22, 1),
                 ('SP-NEW-HAMMER', 'SP Forge', 'SP Tools > Hammers', 26.00, 1))
        as product (erp_id, brand, category_path, price, pack_size_qty)
    inner join cw_000901.brands on brands.name = product.brand
    inner join cw_000901.product_categories on product_categories.path = product.category_path;
    insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                          stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id,
                                          computed_on)
    select products.id, locations.id, days.day, sales.per_day, sales.per_day * products.price,
           sales.per_day * products.cost, true, null, false, sales.per_day, 1, p_end
    from (values ('SP-MILK-A', 'SP-S1', 1, 40), ('SP-MILK-A', 'SP-S2', 1, 40),
                 ('SP-MILK-B', 'SP-S1', 2, 40), ('SP-MILK-B', 'SP-S2', 2, 40),
                 ('SP-MILK-BULK', 'SP-S1', 10, 40), ('SP-MILK-BULK', 'SP-S2', 10, 40),
                 ('SP-CHEESE', 'SP-S1', 3, 40), ('SP-CHEESE', 'SP-S2', 3, 40),
                 ('SP-HAMMER', 'SP-S1', 2, 40), ('SP-HAMMER', 'SP-S2', 1, 40),
                 ('SP-YOUNG', 'SP-S1', 5, 3), ('SP-NEW-MILK', 'SP-S1', 1, 2),
                 ('SP-NEW-HAMMER', 'SP-S2', 1, 40), ('SP-NEW-HAMMER', 'SP-S1', 1, 2))
        as sales (erp_id, location_erp_id, per_day, weeks)
    inner join cw_000901.products on products.erp_id = sales.erp_id
    inner join cw_000901.locations on locations.erp_id = sales.location_erp_id
    cross join lateral generate_series(p_end - 7 * sales.weeks + 1, p_end, interval '1 day') as days (day);
end
$$;
comment on function tests.similar_world(date) is
'Similar-product (embeddings) fixtures of client CW-000901: a three-level category tree, three brands, two stores, '
'five established products and three new series with flat daily demand ending on p_end (the comment above the '
'function gives every number).';

-- Assortment world: stores AS-S1 and AS-S2 (no parent), supplier AS-SUP, six products sold over the 91 days ending
-- on p_end (a demand_history row every day from a product's first sale on, price 10):
--   AS-STAR 5 a day at AS-S1 and 1 a day at AS-S2 (cost 9: big revenue, thin margin);
--   AS-GOOD 2 a day at both stores (cost 4: the best margin);
--   AS-DISC 1 a day at AS-S1, discontinued;
--   AS-NEW  2 a day at AS-S1 for its last 10 days, launched 10 days before p_end;
--   AS-SLOW 3 units every Monday at AS-S1 (cost 6);
--   AS-TAIL 1 unit every 10th day at AS-S1 until 30 days before p_end, nothing since (cost 6).
-- Behaviours of p_end are computed by step 6 and a completed forecast dated p_end predicts each pair's weekly demand
-- (AS-STAR 35 / 7, AS-GOOD 14, AS-DISC 7, AS-NEW 14, AS-SLOW 3, AS-TAIL 0) for 26 weeks. Expected ranking at AS-S1
-- with the default weights: STAR 95.83, GOOD 90.00, DISC 67.50, NEW 55.83, SLOW 43.33, TAIL 12.50
-- (docs/assortment.md works it out).
create or replace function tests.assortment_world(p_end date)
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_eur      smallint := (select id from cw_global.currencies where code = 'EUR');
    v_forecast bigint;
begin
    insert into cw_000901.suppliers (erp_id, name, currency_id, erp_status, lead_time_days, review_cycle_days,
                                     first_seen_date, row_hash)
    values ('AS-SUP', 'AS supplier', v_eur, 'active', 5, 7, p_end - 400, md5('as-sup')::uuid);
    insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
    values ('AS-S1', 'AS store 1', 'store', 1, 'active', p_end - 400, md5('as-s1')::uuid),
           ('AS-S2', 'AS store 2', 'store', 1, 'active', p_end - 400, md5('as-s2')::uuid);
    insert into cw_000901.products (erp_id, name, erp_currency_id, cost, price, primary_supplier_id, erp_status,
                                    launch_date, first_seen_date, row_hash)
    select product.erp_id, product.erp_id, v_eur, product.cost, 10,
           (select id from cw_000901.suppliers where erp_id = 'AS-SUP'), product.erp_status,
           case when product.erp_id = 'AS-NEW' then p_end - 10 end, p_end - 400, md5(product.erp_id)::uuid
    from (values ('AS-STAR', 9, 'active'), ('AS-GOOD', 4, 'active'), ('AS-DISC', 6, 'discontinued'),
                 ('AS-NEW', 6, 'active'), ('AS-SLOW', 6, 'active'), ('AS-TAIL', 6, 'active'))
        as product (erp_id, cost, erp_status);

    insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                          stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id,
                                          computed_on)
    select products.id, locations.id, days.day, demand.qty, demand.qty * 10, demand.qty * products.cost, true, null,
           false, demand.qty, 1, p_end
    from cw_000901.products
    cross join cw_000901.locations
    cross join generate_series(p_end - 90, p_end, interval '1 day') as days (day)
    cross join lateral (select (p_end - days.day::date) as age_days,
                               extract(isodow from days.day)::integer as weekday) as calendar
    cross join lateral (select case
        when products.erp_id = 'AS-STAR' then case when locations.erp_id = 'AS-S1' then 5 else 1 end
        when products.erp_id = 'AS-GOOD' then 2
        when locations.erp_id = 'AS-S2' then null
        when products.erp_id = 'AS-DISC' then 1
        when products.erp_id = 'AS-NEW' then case when calendar.age_days < 10 then 2 end
        when products.erp_id = 'AS-SLOW' then case when calendar.weekday = 1 then 3 else 0 end
        when products.erp_id = 'AS-TAIL' then case when calendar.age_days >= 30 and calendar.age_days % 10 = 0 then 1
                                                   else 0 end
    end::numeric as qty) as demand
    where products.erp_id like 'AS-%' and locations.erp_id like 'AS-%' and demand.qty is not null;
    call cw_000901.step_behaviors(p_end, null);

    insert into cw_000901.demand_forecasts (forecast_date, demand_forecast_status_id, metadata)
    values (p_end, 3, '{"method": "assortment test fixture"}')
    returning id into v_forecast;
    call cw_000901.forecast_ensure_partition(p_end);
    insert into cw_000901.demand_forecast_products (forecast_date, demand_forecast_id, product_id, location_id,
                                                    demand_source_type_id, horizon_days, prob_demand, predicted_qty,
                                                    critical_ratio, confidence)
    select p_end, v_forecast, pairs.product_id, pairs.location_id, 1, 7 * horizon.week_no,
           case when weekly.qty > 0 then 1 else 0 end, weekly.qty, 0.5, 0.5
    from (select distinct history.product_id, history.location_id from cw_000901.demand_history as history
          where history.product_id in (select id from cw_000901.products where erp_id like 'AS-%')) as pairs
    inner join cw_000901.products on products.id = pairs.product_id
    inner join cw_000901.locations on locations.id = pairs.location_id
    cross join lateral (select case products.erp_id
        when 'AS-STAR' then case when locations.erp_id = 'AS-S1' then 35 else 7 end
        when 'AS-GOOD' then 14 when 'AS-DISC' then 7 when 'AS-NEW' then 14 when 'AS-SLOW' then 3 else 0
    end::real as qty) as weekly
    cross join generate_series(1, 26) as horizon (week_no);
end
$$;
comment on function tests.assortment_world(date) is
'Step assortment fixtures of client CW-000901: stores AS-S1 and AS-S2, six products (star, good, discontinued, new, '
'slow, tail) with 91 days of demand_history ending on p_end, step 6 behaviours and a completed forecast of p_end (the '
'comments in the function say how much each sells and the expected ranking).';

-- Puts one product into an assortment by hand (the assortment is created when missing): the location's local
-- assortment (p_location an ERP id) or the global one (p_location null), effective p_effective, with a CW status, a
-- client status (null = none) and the assortment's workflow status. Returns the assortment_products id.
create or replace function tests.assortment_row(p_product text, p_location text, p_cw_status text,
                                                p_client_status text default null,
                                                p_workflow text default 'in_review',
                                                p_effective date default '2024-01-01')
returns bigint
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_location   integer := (select id from cw_000901.locations where erp_id = p_location);
    v_workflow   smallint := (select id from cw_000901.assortment_workflow_statuses where name = p_workflow);
    v_assortment integer;
    v_row        bigint;
    v_run_date   text := current_setting('cw.assortment_run_date', true);
begin
    -- The history row is dated p_effective, as if step 9 had decided it that day.
    perform set_config('cw.assortment_run_date', p_effective::text, true);
    select id into v_assortment from cw_000901.assortments
    where location_id is not distinct from v_location and brand_id is null and effective_date = p_effective;
    if v_assortment is null then
        insert into cw_000901.assortments (assortment_type_id, location_id, effective_date,
                                           assortment_workflow_status_id)
        values (case when v_location is null then 1 else 2 end, v_location, p_effective, v_workflow)
        returning id into v_assortment;
    else
        update cw_000901.assortments set assortment_workflow_status_id = v_workflow where id = v_assortment;
    end if;
    insert into cw_000901.assortment_products (assortment_id, product_id, cw_product_assortment_status_id,
                                               client_product_assortment_status_id, assortment_zone_id,
                                               ranking_score, rank, ranking_components, is_launch, is_phase_out,
                                               is_retired, assortment_reason_id, computed_on)
    values (v_assortment, (select id from cw_000901.products where erp_id = p_product),
            (select id from cw_000901.assortment_product_statuses where name = p_cw_status),
            (select id from cw_000901.assortment_product_statuses where name = p_client_status),
            case when p_cw_status = 'STOCK' then 2 else 4 end, 50, 1, '{}', false, p_cw_status = 'NOT-STOCK', false,
            case when p_cw_status = 'STOCK' then 2 else 3 end, p_effective)
    returning id into v_row;
    perform set_config('cw.assortment_run_date', coalesce(v_run_date, ''), true);
    return v_row;
end
$$;
comment on function tests.assortment_row(text, text, text, text, text, date) is
'Puts a product into the global (p_location null) or a location''s assortment by hand with a CW status, a client '
'status and the assortment''s workflow status, its history row dated p_effective; returns the assortment_products '
'id.';

-- Forecast accuracy world (forecast_score), every number chosen for hand arithmetic. Origin p_origin (a forecast
-- dated p_origin, horizons 1-3 weeks). Demand falls on the last day of each week (week i ends on p_origin - 7i):
-- FA-A at store FA-S1: 60 weeks, 10 in even weeks i and 12 in odd ones (one-week changes all +-2: M5 scale 4, MASE
-- scale 2; 60 weeks: seasonal naive, week 1 <- week i 51 = 12, week 2 <- week i 50 = 10); forecast 11 a week; the
-- weeks after the origin bring 14 and 8. FA-B at store FA-S2: 6 weeks 2, 4, 2, 4, 2, 4 (oldest first: scale 4 and 2;
-- under a year: naive = the last week = 4); forecast 3 a week; then 5 and 2. Revenue 10 a unit: weights over the 28
-- days up to the origin 440 (FA-A) and 120 (FA-B). FA-A is class A at the origin, FA-B has no behaviours row.
create or replace function tests.forecast_accuracy_world(p_origin date)
returns bigint
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_eur      smallint := (select id from cw_global.currencies where code = 'EUR');
    v_forecast bigint;
begin
    insert into cw_000901.product_categories (level, name, path, first_seen_date)
    values (1, 'FA Garden', 'FA Garden', p_origin - 500);
    insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
    values ('FA-S1', 'FA store 1', 'store', 1, 'active', p_origin - 500, md5('fa-s1')::uuid),
           ('FA-S2', 'FA store 2', 'store', 1, 'active', p_origin - 500, md5('fa-s2')::uuid);
    insert into cw_000901.products (erp_id, name, product_category_id, erp_currency_id, cost, price, erp_status,
                                    first_seen_date, row_hash)
    select product.erp_id, product.erp_id, (select id from cw_000901.product_categories where path = 'FA Garden'),
           v_eur, 4, 10, 'active', p_origin - 500, md5(product.erp_id)::uuid
    from (values ('FA-A'), ('FA-B')) as product (erp_id);

    insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                          stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id,
                                          computed_on)
    select products.id, locations.id, weeks.demand_date, weeks.qty, weeks.qty * 10, weeks.qty * 4, true, null, false,
           weeks.qty, 1, weeks.demand_date
    from (
        select 'FA-A' as product, 'FA-S1' as location, p_origin - 7 * week_index as demand_date,
               case when week_index % 2 = 0 then 10 else 12 end::numeric as qty
        from generate_series(0, 59) as history (week_index)
        union all
        select 'FA-B', 'FA-S2', p_origin - 7 * week_index, case when week_index % 2 = 0 then 4 else 2 end
        from generate_series(0, 5) as history (week_index)
        union all
        values ('FA-A', 'FA-S1', p_origin + 7, 14::numeric), ('FA-A', 'FA-S1', p_origin + 14, 8),
               ('FA-B', 'FA-S2', p_origin + 7, 5), ('FA-B', 'FA-S2', p_origin + 14, 2)
    ) as weeks
    inner join cw_000901.products on products.erp_id = weeks.product
    inner join cw_000901.locations on locations.erp_id = weeks.location;
    insert into cw_000901.demand_history_runs (run_date, scope, started_at, dates_rewritten, rows_written,
                                               rows_deleted)
    values (p_origin + 14, null, now(), array[p_origin + 14], 4, 0);

    insert into cw_000901.product_location_behaviors (product_id, location_id, snapshot_date, window_days,
                                                      listed_days, demand_days, demand_qty, demand_revenue,
                                                      stockout_qty, is_oos_imputed, velocity, demand_pattern,
                                                      abc_class_id, xyz_class_id, fmr_class_id, freq_class_id)
    select products.id, locations.id, p_origin, 90, 90, 13, 143, 1430, 0, false, 1.5889, 'lumpy', 1, 1, 1, 2
    from cw_000901.products, cw_000901.locations
    where products.erp_id = 'FA-A' and locations.erp_id = 'FA-S1';

    insert into cw_000901.demand_forecasts (forecast_date, demand_forecast_status_id, metadata)
    values (p_origin, 3, '{"settings": {"history_weeks": 104, "horizon_weeks": 3}}')
    returning id into v_forecast;
    call cw_000901.forecast_ensure_partition(p_origin);
    insert into cw_000901.demand_forecast_products (forecast_date, demand_forecast_id, product_id, location_id,
                                                    demand_source_type_id, horizon_days, prob_demand, predicted_qty,
                                                    critical_ratio, confidence)
    select p_origin, v_forecast, products.id, locations.id, 1, horizons.horizon_days, 0.9, rows.qty, null, 0.5
    from (values ('FA-A', 'FA-S1', 11::real), ('FA-B', 'FA-S2', 3)) as rows (product, location, qty)
    cross join (values (7), (14), (21)) as horizons (horizon_days)
    inner join cw_000901.products on products.erp_id = rows.product
    inner join cw_000901.locations on locations.erp_id = rows.location;
    return v_forecast;
end
$$;
comment on function tests.forecast_accuracy_world(date) is
'Forecast accuracy fixtures of client CW-000901: two series with hand-computable M5 scales, revenue weights, '
'seasonal-naive and naive benchmarks and a forecast dated p_origin for three weeks, and the demand of the two weeks '
'after it (the comment above the function gives every number). Returns the forecast''s id.';

-- Transfer recommendations world: the masters of the inventory targets world plus stores IT-S4 (opens p_end + 5),
-- IT-S5 (closes p_end + 2) and IT-S6, all supplied by IT-DC; targets set by hand (no step 8 run), with their
-- transfer lead time (2 days) and demand per day as step 8 parameters, and stock on p_end:
--   IT-B (pack of 6): IT-S2 5 on hand (target 30, reorder point 12, 3 a day: 1.7 days of cover); IT-S3 10 on hand
--     and 2 in transit from IT-DC (position 12 = reorder point); IT-DC 100 on hand: enough for 30 + 18.
--   IT-A (pack of 1): IT-S2 2 on hand (target 20, reorder point 10, 2 a day), IT-S3 out of stock (target 20), IT-S4
--     opening with nothing (target 12); IT-DC 25 on hand of which 5 reserved (balance 10 days old): 20 to share
--     among 18 + 20 + 12 requested. IT-S6 holds 50 against a target of 20 (more than 50 % over: excess 30). IT-S5
--     (closing) 7 on hand of which 1 reserved, and 4 of IT-B.
--   IT-NS (NOT-STOCK) and IT-DISC (zero target) at IT-S2: out of stock, never transferred.
create or replace function tests.transfer_world(p_end date)
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_dc bigint;
    v_to bigint;
begin
    perform tests.inventory_world(p_end);
    select id into v_dc from cw_000901.locations where erp_id = 'IT-DC';
    insert into cw_000901.locations (erp_id, name, location_type, echelon, parent_location_id, erp_status, open_date,
                                     close_date, first_seen_date, row_hash)
    values ('IT-S4', 'IT store 4 (opening)', 'store', 1, v_dc, 'planned', p_end + 5, null, p_end - 30,
            md5('it-s4')::uuid),
           ('IT-S5', 'IT store 5 (closing)', 'store', 1, v_dc, 'active', p_end - 400, p_end + 2, p_end - 400,
            md5('it-s5')::uuid),
           ('IT-S6', 'IT store 6', 'store', 1, v_dc, 'active', p_end - 400, null, p_end - 400, md5('it-s6')::uuid);

    with planned (product, location, target_stock, reorder_point, lead_time_days, demand_per_day, zero_reason) as (
        values ('IT-A', 'IT-S2', 20, 10, 2, 2, null), ('IT-A', 'IT-S3', 20, 10, 2, 2, null),
               ('IT-A', 'IT-S4', 12, 6, 2, 1, null), ('IT-A', 'IT-S5', 20, 10, 2, 2, null),
               ('IT-A', 'IT-S6', 20, 10, 2, 2, null), ('IT-A', 'IT-DC', 60, 40, 6, 9, null),
               ('IT-B', 'IT-S2', 30, 12, 2, 3, null), ('IT-B', 'IT-S3', 30, 12, 2, 3, null),
               ('IT-B', 'IT-DC', 60, 30, 6, 6, null), ('IT-NS', 'IT-S2', 20, 10, 2, 2, null),
               ('IT-DISC', 'IT-S2', 0, 0, 2, 2, 'discontinued')
    ),

    inserted as (
        insert into cw_000901.inventory_targets (product_id, location_id, snapshot_date, inventory_strategy_id,
                                                 target_stock, reorder_point, safety_stock, zero_reason,
                                                 strategy_source)
        select products.id, locations.id, p_end, 7, planned.target_stock, planned.reorder_point, 0,
               planned.zero_reason, 'echelon'
        from planned
        inner join cw_000901.products on products.erp_id = planned.product
        inner join cw_000901.locations on locations.erp_id = planned.location
        returning id, product_id, location_id
    )

    insert into cw_000901.inventory_target_params (inventory_target_id, param_name, param_value)
    select inserted.id, param.param_name, param.param_value
    from inserted
    inner join cw_000901.products on products.id = inserted.product_id
    inner join cw_000901.locations on locations.id = inserted.location_id
    inner join planned on planned.product = products.erp_id and planned.location = locations.erp_id
    cross join lateral (values ('lead_time_days', planned.lead_time_days::float8),
                               ('demand_per_day', planned.demand_per_day::float8)) as param (param_name, param_value);

    insert into cw_000901.inventory_balances (product_id, location_id, balance_date, qty_available, qty_blocked,
                                              qty_reserved, qty_all, row_hash)
    select products.id, locations.id, stock.balance_date, stock.on_hand - stock.reserved, 0, stock.reserved,
           stock.on_hand, md5('tw-' || stock.product || stock.location)::uuid
    from (values ('IT-B', 'IT-S2', 5, 0, p_end), ('IT-B', 'IT-S3', 10, 0, p_end), ('IT-B', 'IT-DC', 100, 0, p_end),
                 ('IT-A', 'IT-S2', 2, 0, p_end), ('IT-A', 'IT-S3', 0, 0, p_end), ('IT-A', 'IT-S4', 0, 0, p_end),
                 ('IT-A', 'IT-DC', 25, 5, p_end - 10), ('IT-A', 'IT-S6', 50, 0, p_end),
                 ('IT-A', 'IT-S5', 7, 1, p_end), ('IT-B', 'IT-S5', 4, 0, p_end),
                 ('IT-NS', 'IT-S2', 0, 0, p_end), ('IT-DISC', 'IT-S2', 0, 0, p_end))
        as stock (product, location, on_hand, reserved, balance_date)
    inner join cw_000901.products on products.erp_id = stock.product
    inner join cw_000901.locations on locations.erp_id = stock.location;

    insert into cw_000901.transfer_orders (erp_id, from_location_id, to_location_id, reason, ship_date,
                                           expected_date, status, first_loaded_on, row_hash)
    values ('TW-TO1', v_dc, (select id from cw_000901.locations where erp_id = 'IT-S3'), 'replenishment', p_end - 1,
            p_end + 1, 'shipped', p_end - 1, md5('tw-to1')::uuid)
    returning id into v_to;
    insert into cw_000901.transfer_order_lines (transfer_order_id, line_no, product_id, qty_shipped, row_hash)
    values (v_to, 1, (select id from cw_000901.products where erp_id = 'IT-B'), 2, md5('tw-to1-1')::uuid);
end
$$;
comment on function tests.transfer_world(date) is
'Step to_recommendations fixtures of client CW-000901: the inventory targets world''s masters, an opening, a closing '
'and an overstocked store under IT-DC, hand-set targets and stock (the comment above the function gives every '
'number).';

-- Uplift world (step 13), client CW-000901, every number chosen for hand arithmetic. Warehouse UP-W (no parent,
-- buys from supplier UP-SUP) supplies store UP-S. Products (price 10, cost 6) UP-RESP and UP-NONE are class A /
-- Frequent, UP-LESS and UP-LATE class B / Frequent (product_behaviors of p_rec - 1). Each has one recommendation at
-- UP-W on p_rec, lead time 2.5 days (after window from p_rec + 3): UP-RESP 100 units, ordered 90 on p_rec + 2
-- (respected); UP-NONE 50 units, never ordered; UP-LESS 100 units, ordered 30 on p_rec + 1 (partial, less); UP-LATE
-- 40 units, ordered 40 on p_rec + 10 (after the 7-day window). A cancelled order of 50 UP-NONE on p_rec + 1 and an
-- order of another supplier do not count. Measurement window: 7 days (the setting's minimum), so the before window
-- is p_rec - 7 .. p_rec - 1 and the after window p_rec + 3 .. p_rec + 9.
-- Demand at UP-S: UP-RESP before: 2 a day in stock on 5 days, out of stock with 3 imputed missed on the last 2 days;
-- after: 3 a day, in stock. UP-NONE before: 1 a day in stock; after: 1 a day on 5 days, out with 1 missed on the last
-- 2. Revenue 10 a unit. Stock (inventory_daily): UP-RESP at UP-W 10 before, 150 after (target stock 120), at UP-S 5
-- every day; UP-NONE at UP-W 20 before, 2 after (target 60).
create or replace function tests.uplift_world(p_rec date)
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_eur smallint := (select id from cw_global.currencies where code = 'EUR');
begin
    update cw_global.clients set settings = jsonb_set(coalesce(settings, '{}'), '{uplift}',
                                                      '{"measurement_window_days": 7}')
    where schema_name = 'cw_000901';
    insert into cw_000901.product_categories (level, name, path, first_seen_date)
    values (1, 'UP Paint', 'UP Paint', p_rec - 400);
    insert into cw_000901.suppliers (erp_id, name, currency_id, lead_time_days, erp_status, first_seen_date, row_hash)
    values ('UP-SUP', 'UP supplier', v_eur, 3, 'active', p_rec - 400, md5('up-sup')::uuid),
           ('UP-OTHER', 'UP other supplier', v_eur, 3, 'active', p_rec - 400, md5('up-other')::uuid);
    insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
    values ('UP-W', 'UP warehouse', 'warehouse', 3, 'active', p_rec - 400, md5('up-w')::uuid);
    insert into cw_000901.locations (erp_id, name, location_type, echelon, parent_location_id, erp_status,
                                     first_seen_date, row_hash)
    select 'UP-S', 'UP store', 'store', 1, locations.id, 'active', p_rec - 400, md5('up-s')::uuid
    from cw_000901.locations where locations.erp_id = 'UP-W';
    insert into cw_000901.products (erp_id, name, product_category_id, primary_supplier_id, erp_currency_id, cost,
                                    price, erp_status, first_seen_date, row_hash)
    select product.erp_id, product.erp_id, (select id from cw_000901.product_categories where path = 'UP Paint'),
           (select id from cw_000901.suppliers where erp_id = 'UP-SUP'), v_eur, 6, 10, 'active', p_rec - 400,
           md5(product.erp_id)::uuid
    from (values ('UP-RESP'), ('UP-NONE'), ('UP-LESS'), ('UP-LATE')) as product (erp_id);

    insert into cw_000901.product_behaviors (product_id, snapshot_date, window_days, listed_days, location_count,
                                             demand_days, demand_qty, demand_revenue, stockout_qty, is_oos_imputed,
                                             velocity, abc_class_id, xyz_class_id, fmr_class_id, freq_class_id)
    select products.id, p_rec - 1, 90, 90, 1, 0, 0, 0, 0, false, 2,
           case when products.erp_id in ('UP-RESP', 'UP-NONE') then 1 else 2 end, 1, 1, 1
    from cw_000901.products where products.erp_id like 'UP-%';

    insert into cw_000901.po_recommendations (
        product_id, supplier_id, location_id, recommendation_date, recommended_qty, predicted_qty, order_buffer,
        unit_cost, currency_id, confidence, confidence_reasons, po_recommendation_priority_id, priority_reasons,
        on_hand_qty, on_order_qty, in_transit_qty, reserved_qty, inventory_position_qty, lead_time_demand_qty,
        reorder_point, target_stock, lead_time_days, cover_days, pack_size_qty, moq_qty
    )
    select products.id, products.primary_supplier_id, (select id from cw_000901.locations where erp_id = 'UP-W'),
           p_rec, rec.qty, rec.qty, 0, 6, v_eur, 0.8, 'fixture', 3, 'fixture', 0, 0, 0, 0, 0, 0, 10, rec.target,
           2.5, null, 1, 0
    from (values ('UP-RESP', 100, 120), ('UP-NONE', 50, 60), ('UP-LESS', 100, 120), ('UP-LATE', 40, 50))
        as rec (erp_id, qty, target)
    inner join cw_000901.products on products.erp_id = rec.erp_id;

    insert into cw_000901.purchase_orders (erp_id, supplier_id, location_id, order_date, status, currency_id, fx_rate,
                                           first_loaded_on, row_hash)
    select po.erp_id, suppliers.id, (select id from cw_000901.locations where erp_id = 'UP-W'), p_rec + po.day_no,
           po.status, v_eur, 1, p_rec + po.day_no, md5(po.erp_id)::uuid
    from (values ('UP-PO-RESP', 'UP-SUP', 2, 'confirmed'), ('UP-PO-LESS', 'UP-SUP', 1, 'open'),
                 ('UP-PO-LATE', 'UP-SUP', 10, 'open'), ('UP-PO-CANC', 'UP-SUP', 1, 'cancelled'),
                 ('UP-PO-OTHER', 'UP-OTHER', 1, 'open')) as po (erp_id, supplier, day_no, status)
    inner join cw_000901.suppliers on suppliers.erp_id = po.supplier;
    insert into cw_000901.purchase_order_lines (purchase_order_id, line_no, product_id, qty_ordered, row_hash)
    select purchase_orders.id, 1, products.id, line.qty, md5(line.po || '-1')::uuid
    from (values ('UP-PO-RESP', 'UP-RESP', 90), ('UP-PO-LESS', 'UP-LESS', 30), ('UP-PO-LATE', 'UP-LATE', 40),
                 ('UP-PO-CANC', 'UP-NONE', 50), ('UP-PO-OTHER', 'UP-NONE', 50)) as line (po, product, qty)
    inner join cw_000901.purchase_orders on purchase_orders.erp_id = line.po
    inner join cw_000901.products on products.erp_id = line.product;

    insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                          stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id,
                                          computed_on)
    select products.id, (select id from cw_000901.locations where erp_id = 'UP-S'), p_rec + day.day_no,
           day.sold, day.sold * 10, day.sold * 6, day.missed is null, day.missed, day.missed is not null,
           day.sold + coalesce(day.missed, 0), case when day.missed is null then 1 else 2 end, p_rec + day.day_no
    from cw_000901.products
    cross join generate_series(-7, 9) as days (day_no)
    cross join lateral (select days.day_no, case
        when products.erp_id = 'UP-RESP' and days.day_no between -7 and -3 then 2
        when products.erp_id = 'UP-RESP' and days.day_no between -2 and -1 then 0
        when products.erp_id = 'UP-RESP' and days.day_no between 3 and 9 then 3
        when products.erp_id = 'UP-NONE' and days.day_no between -7 and 7 then 1
        when products.erp_id = 'UP-NONE' and days.day_no between 8 and 9 then 0
    end::numeric as sold, case
        when products.erp_id = 'UP-RESP' and days.day_no between -2 and -1 then 3
        when products.erp_id = 'UP-NONE' and days.day_no between 8 and 9 then 1
    end::numeric as missed) as day
    where products.erp_id in ('UP-RESP', 'UP-NONE') and day.sold is not null;

    insert into cw_000901_stats.inventory_daily (product_id, location_id, stat_date, balance_date, on_hand_qty,
                                                 blocked_qty, reserved_qty, stock_value)
    select products.id, locations.id, p_rec + days.day_no, p_rec + days.day_no, stock.qty, 0, 0, stock.qty * 6
    from cw_000901.products
    cross join cw_000901.locations
    cross join generate_series(-7, 9) as days (day_no)
    cross join lateral (select case
        when products.erp_id = 'UP-RESP' and locations.erp_id = 'UP-W' then
            case when days.day_no < 0 then 10 else 150 end
        when products.erp_id = 'UP-RESP' and locations.erp_id = 'UP-S' then 5
        when products.erp_id = 'UP-NONE' and locations.erp_id = 'UP-W' then
            case when days.day_no < 0 then 20 else 2 end
    end::numeric as qty) as stock
    where products.erp_id like 'UP-%' and locations.erp_id like 'UP-%' and stock.qty is not null;
end
$$;
comment on function tests.uplift_world(date) is
'Step uplift fixtures of client CW-000901: a warehouse and its store, four purchase-order recommendations dated '
'p_rec (respected, not ordered, ordered less, ordered after the window), their purchase orders, demand and stock '
'around p_rec and a 7-day measurement window (the comment above the function gives every number).';

-- One transfer-order recommendation of the uplift world's lane UP-W -> UP-S (client CW-000901): product p_product
-- (an ERP id) on p_rec_date, p_qty units recommended and requested, transit 1 day, target stock at UP-S 4.
create or replace function tests.uplift_to_recommendation(p_product text, p_rec_date date, p_qty numeric)
returns void
language sql
security invoker
set search_path = pg_catalog, pg_temp
as $$
    insert into cw_000901.to_recommendations (
        product_id, from_location_id, to_location_id, recommendation_date, recommended_qty, requested_qty,
        to_recommendation_reason_id, po_recommendation_priority_id, priority_reasons, confidence, confidence_reasons,
        to_on_hand_qty, to_in_transit_qty, to_on_order_qty, to_reserved_qty, to_position_qty, to_reorder_point,
        to_target_stock, from_available_qty, from_spare_qty, transit_days, pack_size_qty
    )
    select products.id, (select id from cw_000901.locations where erp_id = 'UP-W'),
           (select id from cw_000901.locations where erp_id = 'UP-S'), p_rec_date, p_qty, p_qty, 1, 3, 'fixture',
           0.8, 'fixture', 0, 0, 0, 0, 0, 2, 4, 100, 100, 1.0, 1
    from cw_000901.products
    where products.erp_id = p_product;
$$;
comment on function tests.uplift_to_recommendation(text, date, numeric) is
'Adds one transfer-order recommendation UP-W -> UP-S of the uplift world (client CW-000901): product (ERP id), '
'date and quantity; transit 1 day, target stock 4.';

-- One transfer order of the uplift world from warehouse UP-W to p_to_location (an ERP id), shipped on p_ship_date
-- (expected the day after) with status p_status and one line of p_qty units of p_product (an ERP id).
create or replace function tests.uplift_transfer_order(
    p_erp_id text, p_to_location text, p_ship_date date, p_status text, p_product text, p_qty numeric
)
returns void
language sql
security invoker
set search_path = pg_catalog, pg_temp
as $$
    insert into cw_000901.transfer_orders (erp_id, from_location_id, to_location_id, reason, ship_date, expected_date,
                                           status, first_loaded_on, row_hash)
    select p_erp_id, (select id from cw_000901.locations where erp_id = 'UP-W'), locations.id, 'replenishment',
           p_ship_date, p_ship_date + 1, p_status, p_ship_date, md5(p_erp_id)::uuid
    from cw_000901.locations
    where locations.erp_id = p_to_location;
    insert into cw_000901.transfer_order_lines (transfer_order_id, line_no, product_id, qty_shipped, row_hash)
    select transfer_orders.id, 1, products.id, p_qty, md5(p_erp_id || '-1')::uuid
    from cw_000901.transfer_orders
    cross join cw_000901.products
    where transfer_orders.erp_id = p_erp_id and products.erp_id = p_product;
$$;
comment on function tests.uplift_transfer_order(text, text, date, text, text, numeric) is
'Adds one transfer order of the uplift world (client CW-000901) from UP-W to a location (ERP id), shipped on a day '
'with a status, and its one line (product ERP id, units shipped).';

-- Transfer side of the uplift world (tests.uplift_world(p_rec)): a second store UP-S2 under UP-W and transfer-order
-- recommendations UP-W -> UP-S dated p_rec, transit 1 day (after window p_rec + 1 .. p_rec + 7), target stock at
-- UP-S 4: UP-RESP 20 units, shipped 18 on p_rec + 1 (respected); UP-LESS 20, shipped 5 on p_rec + 2 (partial);
-- UP-NONE 10, whose only transfer to UP-S (10 units, p_rec + 1) was cancelled, and a transfer of 10 UP-NONE to UP-S2
-- on p_rec + 1 does not count either (not respected).
create or replace function tests.uplift_transfer_world(p_rec date)
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    perform tests.uplift_world(p_rec);
    insert into cw_000901.locations (erp_id, name, location_type, echelon, parent_location_id, erp_status,
                                     first_seen_date, row_hash)
    select 'UP-S2', 'UP store 2', 'store', 1, locations.id, 'active', p_rec - 400, md5('up-s2')::uuid
    from cw_000901.locations where locations.erp_id = 'UP-W';
    perform tests.uplift_to_recommendation(rec.product, p_rec, rec.qty)
    from (values ('UP-RESP', 20), ('UP-LESS', 20), ('UP-NONE', 10)) as rec (product, qty);
    perform tests.uplift_transfer_order(transfer.erp_id, transfer.location, p_rec + transfer.day_no, transfer.status,
                                        transfer.product, transfer.qty)
    from (values ('UP-TO-RESP', 'UP-S', 1, 'shipped', 'UP-RESP', 18),
                 ('UP-TO-LESS', 'UP-S', 2, 'shipped', 'UP-LESS', 5),
                 ('UP-TO-CANC', 'UP-S', 1, 'cancelled', 'UP-NONE', 10),
                 ('UP-TO-ELSE', 'UP-S2', 1, 'shipped', 'UP-NONE', 10))
        as transfer (erp_id, location, day_no, status, product, qty);
end
$$;
comment on function tests.uplift_transfer_world(date) is
'Transfer-order fixtures of the uplift world (client CW-000901): tests.uplift_world(p_rec), a second store UP-S2 and '
'three transfer-order recommendations UP-W -> UP-S dated p_rec (followed, partly followed, not followed) with their '
'transfer orders (the comment above the function gives every number).';

create or replace function tests.match_world()
returns bigint
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_eur    smallint := (select id from cw_global.currencies where code = 'EUR');
    v_upload bigint;
begin
    insert into cw_000901.suppliers (erp_id, name, currency_id, erp_status, first_seen_date, row_hash)
    values ('MW-SUP', 'MW supplier', v_eur, 'active', date '2024-01-01', md5('mw-sup')::uuid),
           ('MW-OTHER', 'MW other supplier', v_eur, 'active', date '2024-01-01', md5('mw-other')::uuid);
    insert into cw_000901.products (erp_id, sku, ean, name, erp_currency_id, erp_status, first_seen_date, row_hash)
    values ('MW-HAMMER', 'MW-SKU-1', '4006381333931', 'Brando Classic Claw Hammer 500 g', v_eur, 'active',
            date '2024-01-01', md5('mw-hammer')::uuid),
           ('MW-SAW', 'MW-SKU-2', '96385074', 'Brando Pro Hand Saw Large', v_eur, 'active', date '2024-01-01',
            md5('mw-saw')::uuid),
           ('MW-TAPE', 'MW-SKU-3', null, 'Measura Tape Measure 5 m', v_eur, 'active', date '2024-01-01',
            md5('mw-tape')::uuid),
           ('MW-DRILL18', 'MW-SKU-4', null, 'Voltix Cordless Drill 18 V', v_eur, 'active', date '2024-01-01',
            md5('mw-drill18')::uuid),
           ('MW-DRILL12', 'MW-SKU-5', null, 'Voltix Cordless Drill 12 V', v_eur, 'active', date '2024-01-01',
            md5('mw-drill12')::uuid);
    insert into cw_000901.product_suppliers (product_id, supplier_id, vendor_sku, is_primary, first_seen_date,
                                             row_hash)
    select products.id, suppliers.id, 'V-' || products.erp_id, true, date '2024-01-01', md5(products.erp_id)::uuid
    from cw_000901.products
    cross join cw_000901.suppliers
    where products.erp_id like 'MW-%' and suppliers.erp_id = 'MW-SUP';
    insert into cw_000901.client_uploads (kind, s3_key, file_name, file_format, file_bytes, file_sha256, file_date)
    values ('supplier-availability', 'client-data/CW-000901/supplier-availability/fixture.csv', 'fixture.csv', 'csv',
            1, 'fixture', date '2024-03-01')
    returning id into v_upload;
    -- One row per method: vendor SKU, product SKU (another supplier), EAN-8, an EAN failing its check digit with a
    -- close name, a name between two near twins, a product the catalogue does not have.
    insert into cw_000901.supplier_available_products (supplier_id, supplier_ref, code, product_name, is_available,
                                                       file_date, upload_id, row_number, match_status)
    select suppliers.id, rows_given.supplier_ref, rows_given.code, rows_given.product_name, rows_given.is_available,
           date '2024-03-01', v_upload, rows_given.row_number, 'unmatched'
    from (values
        ('MW-SUP', 2, 'V-MW-HAMMER', null, 'Hammer', true),
        ('MW-OTHER', 3, 'MW-SKU-1', null, 'Claw hammer', true),
        ('MW-SUP', 4, 'X-200', '96385074', 'Saw', false),
        ('MW-SUP', 5, 'X-300', '4006381333932', 'Measura Tape Measure 5m', true),
        ('MW-SUP', 6, 'X-400', null, 'Voltix Cordless Drill', true),
        ('MW-SUP', 7, 'X-500', null, 'Completely Different Widget', true)
    ) as rows_given (supplier, row_number, supplier_ref, code, product_name, is_available)
    inner join cw_000901.suppliers on suppliers.erp_id = rows_given.supplier;
    return v_upload;
end
$$;
comment on function tests.match_world() is
'Supplier availability matching fixtures of client CW-000901: suppliers MW-SUP (vendor SKUs V-<product>) and '
'MW-OTHER, five products (a hammer with EAN-13, a saw with EAN-8, a tape measure, two near-twin drills) and one '
'staged list of six rows, one per matching case; returns the upload id.';

create or replace function tests.staged_upload(p_kind text, p_rows jsonb [])
returns bigint
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_upload bigint;
begin
    insert into cw_000901.client_uploads (kind, s3_key, file_name, file_format, file_bytes, file_sha256, file_date)
    values (p_kind, format('client-data/CW-000901/%s/%s-fixture.csv', p_kind, clock_timestamp()), 'fixture.csv',
            'csv', 1, 'fixture', date '2024-03-01')
    returning id into v_upload;
    insert into cw_000901_staging.client_upload_rows (upload_id, row_number, fields)
    select v_upload, given.position + 1, given.fields
    from unnest(p_rows) with ordinality as given (fields, position);
    return v_upload;
end
$$;
comment on function tests.staged_upload(text, jsonb []) is
'An upload of client CW-000901 as cw upload lands it: a client_uploads row of the kind (status staged) and one '
'staging row per element (row numbers from 2, as under a header row); returns the upload id.';

-- A three-level supply tree: supplier ET-SUP (lead time 10 days, review every 7) supplies warehouse ET-WH (echelon 3,
-- no parent); ET-WH supplies DCs ET-DC1 and ET-DC2 (echelon 2) and webshop ET-W; ET-DC1 supplies stores ET-S1 and
-- ET-S2, ET-DC2 store ET-S3. Product ET-A (pack 1, cost 6). One demand row a week for 13 weeks ending on p_end:
-- ET-S1 10 and 18 units in alternate weeks (10 on p_end), ET-S2 7, ET-S3 14, ET-W 21 every week; a completed
-- forecast dated p_end predicts 14, 7, 14 and 21 a week for 26 weeks (2, 1, 2 and 3 a day; no weekday profile).
create or replace function tests.echelon_world(p_end date)
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_eur      smallint := (select id from cw_global.currencies where code = 'EUR');
    v_forecast bigint;
    v_level    integer;
begin
    insert into cw_000901.suppliers (erp_id, name, currency_id, erp_status, lead_time_days, review_cycle_days,
                                     first_seen_date, row_hash)
    values ('ET-SUP', 'ET supplier', v_eur, 'active', 10, 7, p_end - 400, md5('et-sup')::uuid);
    insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
    values ('ET-WH', 'ET warehouse', 'warehouse', 3, 'active', p_end - 400, md5('et-wh')::uuid);
    -- one statement per level: a row inserted by a statement is not visible to its own sub-selects
    for v_level in 1 .. 2 loop
        insert into cw_000901.locations (erp_id, name, location_type, echelon, parent_location_id, erp_status,
                                         first_seen_date, row_hash)
        select location.erp_id, location.erp_id, location.location_type, location.echelon,
               (select id from cw_000901.locations where erp_id = location.parent), 'active', p_end - 400,
               md5(location.erp_id)::uuid
        from (values ('ET-DC1', 'dc', 2, 'ET-WH', 1), ('ET-DC2', 'dc', 2, 'ET-WH', 1),
                     ('ET-W', 'online', 1, 'ET-WH', 1), ('ET-S1', 'store', 1, 'ET-DC1', 2),
                     ('ET-S2', 'store', 1, 'ET-DC1', 2), ('ET-S3', 'store', 1, 'ET-DC2', 2))
            as location (erp_id, location_type, echelon, parent, level)
        where location.level = v_level;
    end loop;
    insert into cw_000901.products (erp_id, name, erp_currency_id, cost, price, pack_size_qty, primary_supplier_id,
                                    erp_status, first_seen_date, row_hash)
    values ('ET-A', 'ET-A', v_eur, 6, 10, 1, (select id from cw_000901.suppliers where erp_id = 'ET-SUP'), 'active',
            p_end - 400, md5('et-a')::uuid);

    insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                          stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id,
                                          computed_on)
    select products.id, locations.id, p_end - 7 * week.week_no, weekly.qty, weekly.qty * 10, weekly.qty * 6, true,
           null, false, weekly.qty, 1, p_end
    from cw_000901.products
    cross join cw_000901.locations
    cross join generate_series(0, 12) as week (week_no)
    cross join lateral (select case locations.erp_id
                                   when 'ET-S1' then case when week.week_no % 2 = 0 then 10 else 18 end
                                   when 'ET-S2' then 7 when 'ET-S3' then 14 when 'ET-W' then 21
                               end::numeric as qty) as weekly
    where products.erp_id = 'ET-A' and locations.erp_id in ('ET-S1', 'ET-S2', 'ET-S3', 'ET-W');

    insert into cw_000901.demand_forecasts (forecast_date, demand_forecast_status_id, metadata)
    values (p_end, 3, '{"method": "echelon test fixture"}')
    returning id into v_forecast;
    call cw_000901.forecast_ensure_partition(p_end);
    insert into cw_000901.demand_forecast_products (forecast_date, demand_forecast_id, product_id, location_id,
                                                    demand_source_type_id, horizon_days, prob_demand, predicted_qty,
                                                    critical_ratio, confidence)
    select p_end, v_forecast, products.id, locations.id, 1, 7 * horizon.week_no, 1,
           case locations.erp_id when 'ET-S1' then 14 when 'ET-S2' then 7 when 'ET-S3' then 14 else 21 end, 0.5, 0.5
    from cw_000901.products
    cross join cw_000901.locations
    cross join generate_series(1, 26) as horizon (week_no)
    where products.erp_id = 'ET-A' and locations.erp_id in ('ET-S1', 'ET-S2', 'ET-S3', 'ET-W');
end
$$;
comment on function tests.echelon_world(date) is
'Multi-echelon fixtures of client CW-000901: supplier ET-SUP, warehouse ET-WH above DCs ET-DC1 (stores ET-S1, '
'ET-S2) and ET-DC2 (store ET-S3) and webshop ET-W, product ET-A with 13 weeks of demand and a completed forecast '
'dated p_end (the comments in the function give the numbers).';

-- The stats world (client CW-000902): what every stats pgTAP file starts from. One store L1 and one product P1
-- 'Hammer' (EUR), both from 1 January 2024; p_versions: the product's versions in order, each
-- {"from": date, "cost": n, "name": text (default 'Hammer')}, each valid until the next one's "from" (the last is
-- current); p_customers: each {"erp_id", "name", "email" (optional), "versions": [{"from": date, "city": text}]},
-- the customer's current city being its last version's. The sales, stock and demand of a test are its own.
create or replace function tests.stats_world(p_versions jsonb default '[]', p_customers jsonb default '[]')
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    insert into cw_000902.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
    values ('L1', 'Store', 'store', 1, 'active', '2024-01-01', md5('L1')::uuid);
    insert into cw_000902.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash)
    select 'P1', 'Hammer', currencies.id, 'active', '2024-01-01', md5('P1')::uuid
    from cw_global.currencies where currencies.code = 'EUR';
    insert into cw_000902.product_versions (
        product_id, valid_from, valid_to, is_current, name, cost, is_dropship, erp_status, is_discontinued,
        is_active, version_hash
    )
    select products.id, versions.valid_from, versions.valid_to, versions.valid_to is null, versions.name,
           versions.cost, false, 'active', false, true, md5(versions.valid_from || '/' || versions.cost)::uuid
    from cw_000902.products
    cross join (
        select (version ->> 'from')::date as valid_from,
               lead((version ->> 'from')::date) over (order by ordinal) as valid_to,
               coalesce(version ->> 'name', 'Hammer') as name, (version ->> 'cost')::numeric as cost
        from jsonb_array_elements(p_versions) with ordinality as listed (version, ordinal)
    ) as versions;
    insert into cw_000902.customers (erp_id, name, email, city_name, first_order_date, last_order_date, row_hash)
    select customer ->> 'erp_id', customer ->> 'name', customer ->> 'email',
           customer -> 'versions' -> -1 ->> 'city', (customer -> 'versions' -> 0 ->> 'from')::date,
           (customer -> 'versions' -> 0 ->> 'from')::date, md5(customer ->> 'erp_id')::uuid
    from jsonb_array_elements(p_customers) as listed (customer);
    insert into cw_000902.customer_versions (
        customer_id, valid_from, valid_to, is_current, name, email, city_name, version_hash
    )
    select customers.id, versions.valid_from, versions.valid_to, versions.valid_to is null, customers.name,
           customers.email, versions.city_name, md5(customers.erp_id || '/' || versions.valid_from)::uuid
    from jsonb_array_elements(p_customers) as listed (customer)
    inner join cw_000902.customers on customers.erp_id = listed.customer ->> 'erp_id'
    cross join lateral (
        select (version ->> 'from')::date as valid_from,
               lead((version ->> 'from')::date) over (order by ordinal) as valid_to, version ->> 'city' as city_name
        from jsonb_array_elements(listed.customer -> 'versions') with ordinality as customer_versions (version, ordinal)
    ) as versions;
end
$$;
comment on function tests.stats_world(jsonb, jsonb) is
'Stats fixtures (client CW-000902): store L1, product P1 with the versions p_versions ([{from, cost, name}], each '
'valid until the next) and the customers p_customers ([{erp_id, name, email, versions: [{from, city}]}]). The '
'comment above the function gives the shapes.';

-- A night of the stats roll-up tests (client CW-000902, tests.stats_world): what step demand_history writes. For every
-- product x location, the days p_days ([[date, quantity, revenue, cost], …]) upserted, computed on p_run_date and
-- stamped p_night hours after now (after the previous refresh), and a demand_history_runs row of p_run_date that
-- rewrote those dates.
create or replace function tests.stats_write_night(p_run_date date, p_night integer, p_days jsonb)
returns void
language sql
security invoker
set search_path = pg_catalog, pg_temp
as $$
    insert into cw_000902.demand_history (
        product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock, is_oos_imputed, demand_qty,
        demand_source_type_id, computed_on, updated_at
    )
    select products.id, locations.id, night.demand_date, night.quantity, night.revenue, night.cost, true, false,
           night.quantity, 1, p_run_date, clock_timestamp() + p_night * interval '1 hour'
    from (select (days.day ->> 0)::date as demand_date, (days.day ->> 1)::numeric as quantity,
                 (days.day ->> 2)::numeric as revenue, (days.day ->> 3)::numeric as cost
          from jsonb_array_elements(p_days) as days (day)) as night
    cross join cw_000902.products
    cross join cw_000902.locations
    on conflict (product_id, location_id, demand_date) do update
    set quantity = excluded.quantity, revenue = excluded.revenue, cost = excluded.cost,
        demand_qty = excluded.demand_qty, updated_at = excluded.updated_at;
    insert into cw_000902.demand_history_runs (run_date, started_at, dates_rewritten, rows_written, rows_deleted)
    select p_run_date, clock_timestamp() + p_night * interval '1 hour', array_agg((days.day ->> 0)::date), 0, 0
    from jsonb_array_elements(p_days) as days (day);
$$;
comment on function tests.stats_write_night(date, integer, jsonb) is
'Stats roll-up test night (client CW-000902): upserts the days p_days ([[date, quantity, revenue, cost], ...]) of '
'every product x location as step demand_history would on p_run_date, stamped p_night hours from now, and records '
'the run in demand_history_runs.';

-- The statistics tables of client CW-000902 that differ from a full rebuild of the same production data: their
-- checksums (stats_checksums) now, then stats_rebuild(p_run_date) and the checksums again. Empty when the
-- incremental state equals the rebuild. Leaves the rebuilt tables.
create or replace function tests.stats_tables_unlike_a_rebuild(p_run_date date)
returns setof text
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    create temp table if not exists stats_checksums_before (table_name text, row_count bigint, checksum text)
    on commit drop;
    delete from pg_temp.stats_checksums_before;
    insert into pg_temp.stats_checksums_before select * from cw_000902.stats_checksums();
    call cw_000902.stats_rebuild(p_run_date);
    return query
    select coalesce(incremental.table_name, full_rebuild.table_name)
    from pg_temp.stats_checksums_before as incremental
    full join cw_000902.stats_checksums() as full_rebuild on full_rebuild.table_name = incremental.table_name
    where (incremental.row_count, incremental.checksum)
        is distinct from (full_rebuild.row_count, full_rebuild.checksum);
end
$$;
comment on function tests.stats_tables_unlike_a_rebuild(date) is
'The statistics tables of client CW-000902 whose row count or checksum (stats_checksums) differ from a full '
'stats_rebuild(p_run_date) of the same production data; empty when they equal it. Leaves the rebuilt tables.';

-- The web-shop demand world of the step-6 (behaviours) night tests: tests.calendar_web_shop(), p_products products
-- named p_prefix || n (GBP, first seen 2011-01-01) and, at location WEB, a demand_history row per product and day from
-- p_first to p_last with quantity, revenue and demand_qty = the product id modulo p_modulus, in stock, computed on
-- p_computed_on (default: the day itself). Leaves cw.demand_history_writer at 'step' for the transaction.
create or replace function tests.behaviors_web_demand(p_prefix text, p_products integer, p_modulus integer,
                                                      p_first date, p_last date, p_computed_on date default null)
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    perform tests.calendar_web_shop();
    insert into cw_000901.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash)
    select p_prefix || n, 'Product ' || p_prefix || n, currencies.id, 'active', date '2011-01-01', gen_random_uuid()
    from generate_series(1, p_products) as n
    cross join (select id from cw_global.currencies where code = 'GBP') as currencies;

    perform set_config('cw.demand_history_writer', 'step', true);
    insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, is_in_stock,
                                          is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
    select products.id, locations.id, day::date, products.id % p_modulus, products.id % p_modulus, true, false,
           products.id % p_modulus, 1, coalesce(p_computed_on, day::date)
    from cw_000901.products
    cross join cw_000901.locations
    cross join generate_series(p_first, p_last, interval '1 day') as day
    where locations.erp_id = 'WEB' and products.erp_id like p_prefix || '%';
end
$$;
comment on function tests.behaviors_web_demand(text, integer, integer, date, date, date) is
'Step-6 night fixtures (client CW-000901): the web-shop calendar world, p_products products p_prefix || n and their '
'demand at WEB from p_first to p_last (product id modulo p_modulus a day, computed on p_computed_on or the day); '
'sets cw.demand_history_writer to step for the transaction.';

-- The scoped-forecast comparison: the rows of the temporary tables tap_full (a full run's fc_out_rows) and tap_scoped
-- (the scoped runs' fc_out_rows) that differ, restricted to the products p_products (erp_id; null: all; a row only
-- in tap_scoped always counts): a row in only
-- one of them, another demand source, or predicted_qty, prob_demand, confidence differing by more than 1e-9 (relative
-- for the quantity: the scoped run sums fewer rows in another order), or another critical_ratio. Empty when equal.
create or replace function tests.forecast_scoped_mismatches(p_products text [] default null)
returns table (product text, location bigint, horizon integer, full_qty numeric, scoped_qty numeric)
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    return query
    select products.erp_id::text, coalesce(full_rows.location_id, scoped.location_id)::bigint,
           coalesce(full_rows.horizon_days, scoped.horizon_days)::integer,
           full_rows.predicted_qty::numeric, scoped.predicted_qty::numeric
    from tap_full as full_rows
    full join tap_scoped as scoped using (product_id, location_id, horizon_days)
    left join cw_000901.products on products.id = coalesce(full_rows.product_id, scoped.product_id)
    where (p_products is null or products.erp_id = any (p_products) or full_rows.product_id is null)
      and (scoped.product_id is null or full_rows.product_id is null
           or scoped.demand_source_type_id <> full_rows.demand_source_type_id
           or abs(scoped.predicted_qty - full_rows.predicted_qty) > 1e-9 * (1 + abs(full_rows.predicted_qty))
           or abs(scoped.prob_demand - full_rows.prob_demand) > 1e-9
           or abs(scoped.confidence - full_rows.confidence) > 1e-9
           or scoped.critical_ratio is distinct from full_rows.critical_ratio);
end
$$;
comment on function tests.forecast_scoped_mismatches(text []) is
'Scoped-forecast fixtures: the rows of the temporary tables tap_full and tap_scoped (fc_out_rows of a full run and of '
'scoped runs) that differ, for the products p_products (null: all); empty when the scoped runs computed the full '
'run''s rows (the comment above the function gives the tolerances).';

-- The scoped-forecast rewrite check: the ids of the temporary table tap_stored (demand_forecast_products' id and xmin
-- after the full run) whose row is gone or was rewritten since (another xmin). Empty when the scoped runs rewrote no
-- stored row.
create or replace function tests.forecast_rewritten_rows()
returns setof bigint
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    return query
    select tap_stored.id::bigint from tap_stored
    except
    select rows.id::bigint from cw_000901.demand_forecast_products as rows
    inner join tap_stored on tap_stored.id = rows.id and tap_stored.row_version = rows.xmin::text;
end
$$;
comment on function tests.forecast_rewritten_rows() is
'Scoped-forecast fixtures: the ids of the temporary table tap_stored (stored forecast rows with their xmin after the '
'full run) that are gone or rewritten since; empty when no stored row was rewritten.';

-- Demand pair state world (step 5, client CW-000901): categories State A and State B; products S-A, S-B, S-C, S-STOP
-- (State A), S-E, S-NEW (State B) and S-F (no category), cost 2; stores SL-1 (weekly stock readings) and SL-2 (no
-- stock data) and the webshop SL-WEB. Sales 2024-01-01 .. 2024-02-29 on about two days of three, 1 to 5 units at 3
-- each, Sundays closed at the stores; S-STOP stops at SL-2 after 2024-02-23; S-A sold 500 once at SL-2 on 2024-02-20;
-- S-NEW sells for the first time on 2024-02-29 at SL-1. Weekly readings at SL-1 from 2024-01-03 (0 to 3 available: a
-- quarter are stockouts), and each pair's first evidence in demand_pairs, as step demand_history keeps it. Leaves the
-- temporary table fixture_sales (order_date, product, location, qty).
create or replace function tests.demand_state_world()
returns void
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    insert into cw_000901.product_categories (level, name, path, first_seen_date)
    values (1, 'State A', 'State A', '2024-01-01'), (1, 'State B', 'State B', '2024-01-01');
    insert into cw_000901.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash,
                                    product_category_id, cost, erp_cost)
    select product.code, 'state fixture ' || product.code, (select id from cw_global.currencies where code = 'EUR'),
           'active', '2024-01-01', md5(product.code)::uuid,
           (select id from cw_000901.product_categories where path = product.category), 2, 2
    from (values ('S-A', 'State A'), ('S-B', 'State A'), ('S-C', 'State A'), ('S-STOP', 'State A'),
                 ('S-E', 'State B'), ('S-F', null), ('S-NEW', 'State B')) as product (code, category);
    insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
    values ('SL-1', 'state store with stock', 'store', 1, 'active', '2024-01-01', md5('SL-1')::uuid),
           ('SL-2', 'state store without stock', 'store', 1, 'active', '2024-01-01', md5('SL-2')::uuid),
           ('SL-WEB', 'state webshop', 'online', 1, 'active', '2024-01-01', md5('SL-WEB')::uuid);

    -- Sales on about two days of three, 1 to 5 units; Sundays closed at the stores; S-STOP stops at SL-2 after
    -- 2024-02-23; S-A sold 500 once at SL-2; S-NEW sells for the first time on 2024-02-29 at SL-1.
    create temp table fixture_sales as
    select day::date as order_date, product, location,
           case
               when product = 'S-A' and location = 'SL-2' and day = date '2024-02-20' then 500
               else 1 + abs(hashtext(product || location || day::date)) % 5
           end as qty
    from generate_series(date '2024-01-01', date '2024-02-29', interval '1 day') as day
    cross join unnest(array['S-A', 'S-B', 'S-C', 'S-STOP', 'S-E', 'S-F', 'S-NEW']) as product
    cross join unnest(array['SL-1', 'SL-2', 'SL-WEB']) as location
    where (location = 'SL-WEB' or extract(isodow from day) <> 7)
        and (product in ('S-A', 'S-STOP', 'S-NEW') or abs(hashtext(product || location || day::date || 'sells')) % 3 <> 0)
        and (product <> 'S-STOP' or location <> 'SL-2' or day <= date '2024-02-23')
        and (product <> 'S-NEW' or (location = 'SL-1' and day = date '2024-02-29'));

    insert into cw_000901.sales_orders (erp_id, order_date, location_id, currency_id, fx_rate, first_loaded_on, row_hash,
                                        status, channel)
    select distinct 'SS-' || fixture_sales.location || '-' || fixture_sales.order_date, fixture_sales.order_date,
           (select id from cw_000901.locations where erp_id = fixture_sales.location),
           (select id from cw_global.currencies where code = 'EUR'), 1, fixture_sales.order_date,
           md5('SS-' || fixture_sales.location || fixture_sales.order_date)::uuid, 'completed', 'store'
    from fixture_sales;
    insert into cw_000901.sales_order_lines (sales_order_id, line_no, product_id, qty, revenue, row_hash)
    select orders.id, row_number() over (partition by orders.id order by products.id), products.id, fixture_sales.qty,
           fixture_sales.qty * 3, md5('SS-line' || orders.erp_id || products.erp_id)::uuid
    from fixture_sales
    inner join cw_000901.sales_orders as orders
        on orders.erp_id = 'SS-' || fixture_sales.location || '-' || fixture_sales.order_date
    inner join cw_000901.products on products.erp_id = fixture_sales.product;

    -- Weekly stock readings at SL-1 (0 to 3 available: a quarter are stockouts).
    insert into cw_000901.inventory_balances (product_id, location_id, balance_date, qty_available, qty_all, row_hash)
    select products.id, locations.id, day::date, abs(hashtext(products.erp_id || day::date)) % 4,
           abs(hashtext(products.erp_id || day::date)) % 4, md5('SB' || products.erp_id || day::date)::uuid
    from generate_series(date '2024-01-03', date '2024-02-28', interval '7 days') as day
    cross join cw_000901.products
    cross join cw_000901.locations
    where products.erp_id in ('S-A', 'S-B', 'S-C', 'S-E') and locations.erp_id = 'SL-1';

    -- Each pair's first evidence, as step demand_history keeps it.
    insert into cw_000901.demand_pairs (product_id, location_id, first_date)
    select evidence.product_id, evidence.location_id, min(evidence.first_date)
    from (
        select lines.product_id, orders.location_id, orders.order_date as first_date
        from cw_000901.sales_order_lines as lines
        inner join cw_000901.sales_orders as orders on orders.id = lines.sales_order_id
        union all
        select balances.product_id, balances.location_id, balances.balance_date
        from cw_000901.inventory_balances as balances
    ) as evidence
    group by evidence.product_id, evidence.location_id;
end
$$;
comment on function tests.demand_state_world() is
'Step demand_history fixtures of client CW-000901: seven products in two categories (and one without), stores SL-1 '
'(weekly stock readings) and SL-2 (none) and webshop SL-WEB, two months of sales with a sales stop, a 500-unit '
'outlier and a pair first sold on 2024-02-29, and demand_pairs (the comment above the function gives the details).';

-- Promotion world masters (step forecast, client CW-000901): category TP Snacks, store TP-S1 and the products
-- p_products of that category (name = erp_id, cost 4, price 10, EUR, not dropship, active), all first seen on
-- 2023-06-01. Each promotion test writes its own demand_history and price lists.
create or replace function tests.promotion_masters(p_products text [])
returns void
language sql
security invoker
set search_path = pg_catalog, pg_temp
as $$
    insert into cw_000901.product_categories (level, name, path, first_seen_date)
    values (1, 'TP Snacks', 'TP Snacks', '2023-06-01');
    insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
    values ('TP-S1', 'TP store 1', 'store', 1, 'active', '2023-06-01', md5('tp-s1')::uuid);
    insert into cw_000901.products (erp_id, name, product_category_id, erp_currency_id, cost, price, is_dropship,
                                    erp_status, first_seen_date, row_hash)
    select product.erp_id, product.erp_id, (select id from cw_000901.product_categories where path = 'TP Snacks'),
           (select id from cw_global.currencies where code = 'EUR'), 4, 10, false, 'active', '2023-06-01',
           md5(product.erp_id)::uuid
    from unnest(p_products) with ordinality as product (erp_id, position)
    order by product.position;
$$;
comment on function tests.promotion_masters(text []) is
'Step forecast promotion fixtures of client CW-000901: category TP Snacks, store TP-S1 and the products p_products '
'(cost 4, price 10, EUR, first seen 2023-06-01); each test adds its own demand and price lists.';

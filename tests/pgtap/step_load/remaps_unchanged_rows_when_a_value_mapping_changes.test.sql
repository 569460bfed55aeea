begin;
select plan(6);

-- A supplier the ERP reports as Inactive and a product in US dollars; the batch does not change between loads.
create function pg_temp.stage_day(p_day date)
returns void
language plpgsql
as $$
declare
    v_file bigint;
begin
    v_file := tests.open_load_batch(p_day);
    insert into cw_000901_staging.staging_suppliers (raw_file_id, record_no, supplier_id, name, country, currency,
                                                     lead_time_days, moq, status)
    values (v_file, 1, 'S0001', 'Acme Tools', 'DE', 'EUR', 7, 10, 'Inactive');
    insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, sku, name, cost, price,
                                                    currency, pack_size, status, category_path)
    values (v_file, 1, 'P000001', 'SKU1', 'Hammer', 5, 10, 'USD', 6, 'active', 'Tools > Hammers');
end
$$;

select pg_temp.stage_day('2024-03-01');
call cw_000901.step_load('2024-03-01', null);
create temp table seeds on commit drop as select cw_000901.load_raw_hash_seed() as seed_before;
create temp table money on commit drop as select cost, price from cw_000901.products where erp_id = 'P000001';

-- The mapping of the client's dialect now says that this ERP's "inactive" means blocked, and the dollar moves.
insert into cw_global.erp_value_mappings (erp_dialect_id, endpoint, staging_column, erp_value, canonical_value)
select clients.erp_dialect_id, 'suppliers', 'status', 'inactive', 'blocked'
from cw_global.clients
where clients.code = 'CW-000901';
insert into cw_global.fx_rates (currency_id, rate_date, rate_to_eur)
select currencies.id, '2024-03-01', 2
from cw_global.currencies
where currencies.code = 'USD'
on conflict on constraint fx_rates_currency_id_rate_date_key do update set rate_to_eur = excluded.rate_to_eur;

select isnt(
    cw_000901.load_raw_hash_seed(), (select seed_before from seeds),
    'a changed value mapping changes the seed of every raw hash'
);

select pg_temp.stage_day('2024-03-01');
call cw_000901.step_load('2024-03-01', null);

select is(
    (select erp_status from cw_000901.suppliers where erp_id = 'S0001'), 'blocked',
    'the unchanged supplier is mapped again with the new mapping'
);
select results_eq(
    $$ select rows_updated, rows_unchanged from cw_000901.load_entity_stats
       where run_date = '2024-03-01' and entity = 'suppliers' $$,
    $$ values (1::bigint, 0::bigint) $$,
    'the re-mapped supplier counts as updated'
);
select results_eq(
    $$ select cost, price from cw_000901.products where erp_id = 'P000001' $$,
    $$ select cost, price from money $$,
    'an FX rate change alone rewrites nothing: unchanged ERP money keeps the rate of the day it last changed'
);
select is(
    (select rows_updated from cw_000901.load_entity_stats where run_date = '2024-03-01' and entity = 'products'),
    0::bigint, 'the product whose ERP values did not change is not written'
);

-- The product was prepared again but not written: its raw hash alone was brought up to date, so the next load of
-- the same batch skips it (and the supplier) again.
select pg_temp.stage_day('2024-03-01');
call cw_000901.step_load('2024-03-01', null);
select ok(
    (select bool_and(is_unchanged) from pg_temp.batch_products)
    and (select bool_and(is_unchanged) from pg_temp.batch_suppliers),
    'a row whose raw values changed but whose typed values did not has its raw hash refreshed, and is skipped next time'
);

select * from finish();
rollback;

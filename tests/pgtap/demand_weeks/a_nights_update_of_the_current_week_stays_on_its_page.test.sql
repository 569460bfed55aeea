-- A night inserts one day at every pair and the insert trigger adds it to the pair's row of the current week: every
-- row of the week is updated once a night. Packed full, each update moved the row to another page with a new primary
-- key entry (the kept M world: 1,213 of 1,958,702 updates heap-only). With the room V91 leaves on each page (fillfactor
-- 50) the week's rows, inserted by its Monday, take the next day's update on their own page: a heap-only update.
begin;
select plan(3);

select tests.forecast_world('2024-06-30');

-- 200 more products at the three locations: 618 pairs, the new week's rows fill some 20 packed pages.
insert into cw_000901.products (erp_id, name, product_category_id, erp_currency_id, cost, price, is_dropship,
                                erp_status, first_seen_date, row_hash)
select 'HOT-' || n, 'HOT-' || n, (select id from cw_000901.product_categories where path = 'TF Tools'),
       (select id from cw_global.currencies where code = 'EUR'), 4, 10, false, 'active', '2023-06-01',
       md5('hot-' || n)::uuid
from generate_series(1, 200) as n;
create temporary table pairs as
select products.id as product_id, locations.id as location_id
from cw_000901.products
cross join cw_000901.locations;

-- Monday 2024-07-01: a new week, one row per pair inserted. Tuesday: the night adds its day to every one of them.
insert into cw_000901.demand_history (
    product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock, stockout_qty, is_oos_imputed,
    demand_qty, demand_source_type_id, computed_on
)
select pairs.product_id, pairs.location_id, '2024-07-01', 1, 10, 4, true, null, false, 1, 1, '2024-07-01'
from pairs;
create temporary table updates_before as
select n_tup_upd, n_tup_hot_upd from pg_stat_xact_user_tables where relid = 'cw_000901.demand_weeks'::regclass;
insert into cw_000901.demand_history (
    product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock, stockout_qty, is_oos_imputed,
    demand_qty, demand_source_type_id, computed_on
)
select pairs.product_id, pairs.location_id, '2024-07-02', 2, 20, 8, true, null, false, 2, 1, '2024-07-02'
from pairs;

select is((select stats.n_tup_upd - before.n_tup_upd
           from pg_stat_xact_user_tables as stats cross join updates_before as before
           where stats.relid = 'cw_000901.demand_weeks'::regclass),
          (select count(*) from pairs),
          'the Tuesday updates the row of every pair''s new week once');
select is((select stats.n_tup_hot_upd - before.n_tup_hot_upd
           from pg_stat_xact_user_tables as stats cross join updates_before as before
           where stats.relid = 'cw_000901.demand_weeks'::regclass),
          (select count(*) from pairs),
          'every one of those updates stays on its page (heap-only: no new primary-key entry)');
select is(cw_000901.demand_weeks_rebuild(), 0::bigint, 'demand_weeks still equals a full recompute');

select * from finish();
rollback;

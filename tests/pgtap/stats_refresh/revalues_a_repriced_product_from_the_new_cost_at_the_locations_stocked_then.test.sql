-- A repriced product's stock is revalued from the new version's first day, at the locations stocked on that day or
-- later only (found by one probe of the inventory_daily key per location, not by reading the product's whole
-- history). Stores L1 and L2, a product at cost 2 from 1 January 2024; full snapshots on 1 March (5 units at both)
-- and 5 March (7 units at L1 only: L2 delisted). Built up to 10 March. Night 1: a new version at cost 3 from 7 March
-- re-reads L1 from 7 March only. Night 2: the first version corrected in place to 2.5 (a replay) re-reads both stores
-- from 1 March. Values by hand; each night equals a rebuild.
begin;
select plan(6);

select tests.stats_world('[{"from": "2024-01-01", "cost": 2}]');
insert into cw_000902.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
values ('L2', 'Store 2', 'store', 1, 'active', '2024-01-01', md5('L2')::uuid);
insert into cw_000902.inventory_snapshots (snapshot_date, snapshot_type, row_count, raw_hash)
values ('2024-03-01', 'full', 2, hashtext('2024-03-01')), ('2024-03-05', 'full', 1, hashtext('2024-03-05'));
insert into cw_000902.inventory_balances (product_id, location_id, balance_date, qty_available, qty_all, row_hash)
select products.id, locations.id, readings.balance_date, readings.qty, readings.qty, md5(readings.qty::text)::uuid
from cw_000902.products
cross join (values ('L1', '2024-03-01'::date, 5), ('L2', '2024-03-01', 5), ('L1', '2024-03-05', 7))
    as readings (location_erp_id, balance_date, qty)
inner join cw_000902.locations on locations.erp_id = readings.location_erp_id;

call cw_000902.stats_rebuild('2024-03-10');
update cw_000902_stats.stats_runs set started_at = clock_timestamp();

-- Night 1: the new cost from 7 March.
update cw_000902.product_versions set valid_to = '2024-03-07', is_current = false;
insert into cw_000902.product_versions (
    product_id, valid_from, is_current, name, cost, is_dropship, erp_status, is_discontinued, is_active, version_hash
)
select products.id, '2024-03-07', true, 'Hammer', 3, false, 'active', false, true, md5('v2')::uuid
from cw_000902.products;
call cw_000902.stats_refresh('2024-03-10', false);

select results_eq(
    $$ select locations.erp_id, touch.from_date from pg_temp.stats_inventory_touch as touch
       inner join cw_000902.locations on locations.id = touch.location_id order by 1 $$,
    $$ values ('L1', '2024-03-07'::date) $$,
    'night 1 re-reads L1 from the new cost''s first day, and not L2 (delisted on 5 March)'
);
select results_eq(
    $$ select stat_date, stock_value from cw_000902_stats.inventory_daily
       where location_id = (select id from cw_000902.locations where erp_id = 'L1') and stat_date >= '2024-03-05'
       order by 1 $$,
    $$ values ('2024-03-05'::date, 14.0000), ('2024-03-06', 14.0000), ('2024-03-07', 21.0000),
              ('2024-03-08', 21.0000), ('2024-03-09', 21.0000), ('2024-03-10', 21.0000) $$,
    'L1 is valued 7 x 2 until 6 March and 7 x 3 from 7 March'
);
select is_empty($$ select * from tests.stats_tables_unlike_a_rebuild('2024-03-10') $$,
                'night 1 equals a rebuild');
update cw_000902_stats.stats_runs set started_at = clock_timestamp();

-- Night 2: a replay corrects the first version in place (the same row, another cost).
update cw_000902.product_versions set cost = 2.5 where valid_from = '2024-01-01';
call cw_000902.stats_refresh('2024-03-10', false);

select results_eq(
    $$ select locations.erp_id, touch.from_date from pg_temp.stats_inventory_touch as touch
       inner join cw_000902.locations on locations.id = touch.location_id order by 1 $$,
    $$ values ('L1', '2024-01-01'::date), ('L2', '2024-01-01') $$,
    'night 2 re-reads both stores from the corrected version''s first day'
);
select results_eq(
    $$ select locations.erp_id, sum(daily.stock_value) from cw_000902_stats.inventory_daily as daily
       inner join cw_000902.locations on locations.id = daily.location_id group by 1 order by 1 $$,
    $$ values ('L1', 12.5 * 4 + 17.5 * 2 + 21 * 4), ('L2', 12.5 * 4) $$,
    'L1: 5 x 2.5 for four days, 7 x 2.5 for two, 7 x 3 for four; L2: 5 x 2.5 for four days'
);
select is_empty($$ select * from tests.stats_tables_unlike_a_rebuild('2024-03-10') $$,
                'night 2 equals a rebuild');
update cw_000902_stats.stats_runs set started_at = clock_timestamp();

select * from finish();
rollback;

-- stats_inventory_dates (what the next refresh compares the inventory_snapshots against) is written whole only by a
-- full refresh; a night writes only the dates it found changed, so its cost does not grow with the days of history.
-- A store, a product (cost 2), stock files from 1 to 10 March 2024 (a full snapshot on the 1st, deltas after), built
-- up to 10 March. The night of 11 March loads a new delta and reloads 4 March with another content (another raw
-- hash). Only those two rows may be written (the others keep their physical row), and the table must equal the
-- snapshots, as after a full refresh.
begin;
select plan(4);

select tests.stats_world('[{"from": "2024-01-01", "cost": 2}]');
insert into cw_000902.inventory_snapshots (snapshot_date, snapshot_type, row_count, raw_hash)
select day::date, case when day = '2024-03-01' then 'full' else 'delta' end, 1, hashtext(day::text)
from generate_series('2024-03-01'::date, '2024-03-10', interval '1 day') as day;
insert into cw_000902.inventory_balances (product_id, location_id, balance_date, qty_available, qty_all, row_hash)
select products.id, locations.id, day::date, extract(day from day), extract(day from day), md5(day::text)::uuid
from cw_000902.products cross join cw_000902.locations
cross join generate_series('2024-03-01'::date, '2024-03-10', interval '1 day') as day;

call cw_000902.stats_rebuild('2024-03-10');
create temp table rows_before as
select seen.snapshot_date, seen.ctid as row_id from cw_000902_stats.stats_inventory_dates as seen;
update cw_000902_stats.stats_runs set started_at = clock_timestamp();

-- The night: 11 March is new, 4 March is reloaded with 40 units (another raw hash).
insert into cw_000902.inventory_snapshots (snapshot_date, snapshot_type, row_count, raw_hash)
values ('2024-03-11', 'delta', 1, hashtext('2024-03-11'));
insert into cw_000902.inventory_balances (product_id, location_id, balance_date, qty_available, qty_all, row_hash)
select products.id, locations.id, '2024-03-11', 11, 11, md5('2024-03-11')::uuid
from cw_000902.products cross join cw_000902.locations;
update cw_000902.inventory_snapshots set raw_hash = hashtext('reloaded') where snapshot_date = '2024-03-04';
update cw_000902.inventory_balances set qty_available = 40, qty_all = 40 where balance_date = '2024-03-04';
call cw_000902.stats_refresh('2024-03-11', false);

select results_eq(
    $$ select seen.snapshot_date from cw_000902_stats.stats_inventory_dates as seen
       left join pg_temp.rows_before as before on before.snapshot_date = seen.snapshot_date
       where before.row_id is distinct from seen.ctid
       order by 1 $$,
    $$ values ('2024-03-04'::date), ('2024-03-11') $$,
    'the night writes only the reloaded and the new date'
);
select set_eq(
    $$ select snapshot_date, snapshot_type, raw_hash from cw_000902_stats.stats_inventory_dates $$,
    $$ select snapshot_date, snapshot_type, raw_hash from cw_000902.inventory_snapshots $$,
    'stats_inventory_dates holds every snapshot as it is now, as a full refresh writes it'
);
select results_eq(
    $$ select stat_date, on_hand_qty from cw_000902_stats.inventory_daily
       where stat_date in ('2024-03-04', '2024-03-11') order by 1 $$,
    $$ values ('2024-03-04'::date, 40.000), ('2024-03-11', 11.000) $$,
    'the reloaded date and the new one are read'
);

create temp table incremental_sums as select * from cw_000902.stats_checksums();
call cw_000902.stats_rebuild('2024-03-11');
select set_eq(
    $$ select * from cw_000902.stats_checksums() $$,
    $$ select * from pg_temp.incremental_sums $$,
    'the incremental refresh equals a rebuild (checksums of every statistics table)'
);

select * from finish();
rollback;

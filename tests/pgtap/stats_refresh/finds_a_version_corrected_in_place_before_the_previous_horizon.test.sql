-- A store, a product with two versions (cost 2 from 1 January 2024, cost 3 from 1 February), 5 units in stock from
-- 30 January. The statistics are built up to 10 February; then a replay of the load of 1 January corrects the first
-- version in place (record_versions: the same row, cost 2 -> 2.5, name -> 'Hammer (old)'), a date long before the
-- previous horizon. The next incremental refresh must rewrite that dimension row and revalue the stock of 30 and 31
-- January, exactly as a rebuild does.
begin;
select plan(4);

select tests.stats_world('[{"from": "2024-01-01", "cost": 2.0}, {"from": "2024-02-01", "cost": 3.0}]');
insert into cw_000902.inventory_snapshots (snapshot_date, snapshot_type, row_count, raw_hash)
values ('2024-01-30', 'full', 1, hashtext('2024-01-30'));
insert into cw_000902.inventory_balances (product_id, location_id, balance_date, qty_available, qty_all, row_hash)
select products.id, locations.id, '2024-01-30', 5, 5, md5('5')::uuid
from cw_000902.products cross join cw_000902.locations;

call cw_000902.stats_rebuild('2024-02-10');
-- The refresh above ran before the replay below: its watermark is the clock now, not the transaction's start.
update cw_000902_stats.stats_runs set started_at = clock_timestamp();

update cw_000902.product_versions set cost = 2.5, name = 'Hammer (old)' where valid_from = '2024-01-01';
call cw_000902.stats_refresh('2024-02-10', false);

select results_eq(
    $$ select name, cost, effective_date from cw_000902_stats.dim_products order by effective_date $$,
    $$ values ('Hammer (old)', 2.5000, '2024-01-01'::date), ('Hammer', 3.0000, '2024-02-01') $$,
    'dim_products carries the corrected first version'
);
select results_eq(
    $$ select stat_date, stock_value from cw_000902_stats.inventory_daily where stat_date < '2024-02-02'
       order by stat_date $$,
    $$ values ('2024-01-30'::date, 12.5000), ('2024-01-31', 12.5000), ('2024-02-01', 15.0000) $$,
    'the stock of January is revalued at the corrected cost (5 x 2.5), February keeps 5 x 3'
);
select results_eq(
    $$ select (rows_written ->> 'dim_products')::integer from cw_000902_stats.stats_runs
       order by id desc limit 1 $$,
    $$ values (1) $$,
    'the refresh rewrote exactly the one corrected dimension row'
);

create temp table incremental_sums as select * from cw_000902.stats_checksums();
call cw_000902.stats_rebuild('2024-02-10');
select set_eq(
    $$ select * from cw_000902.stats_checksums() $$,
    $$ select * from pg_temp.incremental_sums $$,
    'the incremental refresh equals a rebuild (checksums of every statistics table)'
);

select * from finish();
rollback;

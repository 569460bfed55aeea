begin;
select plan(3);

-- One pair's accumulation reads that pair's weeks of the range through the unique key (forecast, product,
-- location, horizon_days) and nothing else of the forecast: no scan to find the forecast's last week, no read of the
-- pair's other weeks. Counted with this transaction's table statistics of the date's partition.
select tests.forecast_world('2024-06-30');
call cw_000901.step_forecast('2024-06-30', null);
analyze cw_000901.demand_forecast_products_p20240630;
-- The fixture's partition is two pages, where reading it whole is honestly cheaper than an index; at a real client's
-- size it never is. Sequential scans off, the counts below say what the index conditions select: a condition the
-- index cannot use (a computed date, as the accumulation had) or a scan for the last week reads the pair's or the
-- forecast's every row.
set local enable_seqscan = off;

create temporary table tap_before on commit drop as
select seq_scan, seq_tup_read, idx_scan, idx_tup_fetch from pg_stat_xact_user_tables
where schemaname = 'cw_000901' and relname = 'demand_forecast_products_p20240630';

-- 2024-07-01 .. 2024-07-10: the first week whole and 3 days of the second (horizon_days 7 and 14).
select ok(
    cw_000901.forecast_demand_between((select id from cw_000901.products where erp_id = 'TF-STEADY'),
                                      (select id from cw_000901.locations where erp_id = 'TF-S2'),
                                      '2024-07-01', '2024-07-10') > 0,
    'the pair has forecast demand in the range'
);

select is(
    (select after.seq_tup_read - tap_before.seq_tup_read
     from pg_stat_xact_user_tables as after, tap_before
     where after.schemaname = 'cw_000901' and after.relname = 'demand_forecast_products_p20240630'),
    0::bigint, 'no row of the forecast''s partition is read by a scan'
);
select cmp_ok(
    (select after.idx_tup_fetch - tap_before.idx_tup_fetch
     from pg_stat_xact_user_tables as after, tap_before
     where after.schemaname = 'cw_000901' and after.relname = 'demand_forecast_products_p20240630'),
    '<=', 2::bigint,
    'the index lookups fetch only the two weeks the range touches (the forecast holds '
    || (select count(*) from cw_000901.demand_forecast_products) || ' rows)'
);

select * from finish();
rollback;

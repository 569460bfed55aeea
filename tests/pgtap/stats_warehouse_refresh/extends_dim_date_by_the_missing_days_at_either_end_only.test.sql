-- dim_date holds every day from the first order to the horizon, and a night inserts only the days missing at either
-- end of it (its cost does not grow with the days of history). A store, a product, one order on 10 January 2024;
-- built up to 31 January (22 days). Night 1 (2 February): two new days. Night 2 (still 2 February): an order
-- back-dated to 5 January: five days before the stored first. Every night the table must equal what a full refresh
-- keeps (checksums) and stay contiguous.
begin;
select plan(6);

select tests.stats_world('[{"from": "2024-01-01", "cost": 2}]');
create function pg_temp.add_order(p_erp_id text, p_date date) returns void language sql as $$
    insert into cw_000902.sales_orders (
        erp_id, order_date, location_id, channel, status, currency_id, fx_rate, first_loaded_on, row_hash
    )
    select p_erp_id, p_date, locations.id, 'store', 'completed', currencies.id, 1, p_date, md5(p_erp_id)::uuid
    from cw_000902.locations cross join cw_global.currencies
    where currencies.code = 'EUR';
    insert into cw_000902.sales_order_lines (sales_order_id, line_no, product_id, qty, unit_price, discount, revenue,
                                             row_hash)
    select orders.id, 1, products.id, 1, 10, 0, 10, md5(p_erp_id || '/1')::uuid
    from cw_000902.sales_orders as orders cross join cw_000902.products
    where orders.erp_id = p_erp_id;
    insert into cw_000902.demand_history_runs (run_date, started_at, dates_rewritten, rows_written, rows_deleted)
    values (p_date, clock_timestamp() + interval '1 hour', array[p_date], 0, 0);
$$;

select pg_temp.add_order('O1', '2024-01-10');
call cw_000902.stats_rebuild('2024-01-31');
select results_eq(
    $$ select min(full_date), max(full_date), count(*)::integer from cw_000902_stats.dim_date $$,
    $$ values ('2024-01-10'::date, '2024-01-31'::date, 22) $$,
    'the first refresh: every day from the first order to the horizon'
);

call cw_000902.stats_refresh('2024-02-02', false);
select results_eq(
    $$ select (rows_written ->> 'dim_date')::integer from cw_000902_stats.stats_runs order by id desc limit 1 $$,
    $$ values (2) $$,
    'night 1 inserts only the two days after the stored last one'
);

select pg_temp.add_order('O2', '2024-01-05');
update cw_000902_stats.stats_runs set started_at = clock_timestamp();
call cw_000902.stats_refresh('2024-02-02', false);
select results_eq(
    $$ select (rows_written ->> 'dim_date')::integer from cw_000902_stats.stats_runs order by id desc limit 1 $$,
    $$ values (5) $$,
    'a back-dated order adds the five days before the stored first one'
);
select results_eq(
    $$ select min(full_date), max(full_date), count(*)::integer from cw_000902_stats.dim_date $$,
    $$ values ('2024-01-05'::date, '2024-02-02'::date, 29) $$,
    'dim_date stays contiguous from the first order to the horizon'
);
select is_empty(
    $$ select full_date from cw_000902_stats.dim_date
       where (date_sk, year, month, day_of_week, week_start)
           is distinct from (to_char(full_date, 'YYYYMMDD')::integer, extract(year from full_date)::integer,
                             extract(month from full_date)::integer, extract(isodow from full_date)::integer,
                             date_trunc('week', full_date)::date) $$,
    'every day inserted at either end carries its calendar attributes'
);

create temp table incremental_sums as select * from cw_000902.stats_checksums();
call cw_000902.stats_rebuild('2024-02-02');
select set_eq(
    $$ select * from cw_000902.stats_checksums() $$,
    $$ select * from pg_temp.incremental_sums $$,
    'the incremental refreshes equal a rebuild (checksums of every statistics table)'
);

select * from finish();
rollback;

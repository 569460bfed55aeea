-- agg_customer_lifetime by difference. A store, a product (cost 2), four customers. Built up to 10 February 2024:
-- Ada ordered on 10 January (2 x 10) and 5 February (1 x 10, returned the same day: a return document); Bob only
-- returned one unit on 6 February (a return without an order here); Dan ordered on 15 January (1 x 10). Then a night
-- rewrites 10 January, 6 February and 10 February: Ada's January order is cancelled (her first order goes:
-- re-read), she orders again on 10 February (a new last order, no new month); Bob orders on 6 February (his first
-- order); Cyd, a new customer, orders on 10 February; Dan orders again on 10 February (2 x 10: a new month and last
-- order, decided by difference like Bob's first order). The incremental refresh must give the hand-computed rows and
-- a rebuild's.
begin;
select plan(3);

select tests.stats_world(
    '[{"from": "2024-01-01", "cost": 2}]',
    (select jsonb_agg(jsonb_build_object('erp_id', erp_id, 'name', name,
                                         'versions', '[{"from": "2024-01-01", "city": "Berlin"}]'::jsonb))
     from (values ('C1', 'Ada'), ('C2', 'Bob'), ('C3', 'Cyd'), ('C4', 'Dan')) as customers (erp_id, name))
);

create function pg_temp.add_order(p_erp_id text, p_date date, p_customer text, p_qty numeric, p_type text)
returns void language sql as $$
    insert into cw_000902.sales_orders (
        erp_id, order_date, location_id, customer_id, channel, status, currency_id, fx_rate, first_loaded_on,
        row_hash, document_type
    )
    select p_erp_id, p_date, locations.id, customers.id, 'store', 'completed', currencies.id, 1, p_date,
           md5(p_erp_id)::uuid, p_type
    from cw_000902.locations cross join cw_global.currencies
    inner join cw_000902.customers on customers.erp_id = p_customer
    where currencies.code = 'EUR';
    insert into cw_000902.sales_order_lines (sales_order_id, line_no, product_id, qty, unit_price, discount, revenue,
                                             row_hash)
    select orders.id, 1, products.id, p_qty, 10, 0, p_qty * 10, md5(p_erp_id || '/1')::uuid
    from cw_000902.sales_orders as orders cross join cw_000902.products
    where orders.erp_id = p_erp_id;
$$;
select pg_temp.add_order('O1', '2024-01-10', 'C1', 2, 'order'), pg_temp.add_order('O2', '2024-02-05', 'C1', 1, 'order'),
       pg_temp.add_order('R2', '2024-02-05', 'C1', 1, 'return'),
       pg_temp.add_order('R3', '2024-02-06', 'C2', 1, 'return'),
       pg_temp.add_order('O7', '2024-01-15', 'C4', 1, 'order');

call cw_000902.stats_rebuild('2024-02-10');

-- The night: orders changed on three dates, which step demand_history records as rewritten.
update cw_000902.sales_orders set status = 'cancelled' where erp_id = 'O1';
select pg_temp.add_order('O4', '2024-02-10', 'C1', 3, 'order'), pg_temp.add_order('O5', '2024-02-06', 'C2', 4, 'order'),
       pg_temp.add_order('O6', '2024-02-10', 'C3', 1, 'order'),
       pg_temp.add_order('O8', '2024-02-10', 'C4', 2, 'order');
insert into cw_000902.demand_history_runs (run_date, started_at, dates_rewritten, rows_written, rows_deleted)
values ('2024-02-10', clock_timestamp() + interval '1 hour', '{2024-01-10, 2024-02-06, 2024-02-10}', 0, 0);
call cw_000902.stats_refresh('2024-02-10', false);

select results_eq(
    $$ select customers.erp_id, agg.first_order_date, agg.last_order_date, agg.order_count, agg.return_count,
              agg.active_month_count, agg.quantity, agg.revenue, agg.returned_revenue
       from cw_000902_stats.agg_customer_lifetime as agg
       inner join cw_000902.customers on customers.id = agg.customer_id
       order by 1 $$,
    $$ values ('C1', '2024-02-05'::date, '2024-02-10'::date, 2, 1, 1, 3.000, 30.0000, 10.0000),
              ('C2', '2024-02-06', '2024-02-06', 1, 1, 1, 3.000, 30.0000, 10.0000),
              ('C3', '2024-02-10', '2024-02-10', 1, 0, 1, 1.000, 10.0000, 0.0000),
              ('C4', '2024-01-15', '2024-02-10', 2, 0, 2, 3.000, 30.0000, 0.0000) $$,
    'the lifetime rows: Ada without her cancelled first order, Bob''s first order, Cyd new, Dan''s second month'
);
select results_eq(
    $$ select (rows_written ->> 'agg_customer_lifetime')::integer from cw_000902_stats.stats_runs
       order by id desc limit 1 $$,
    $$ values (4) $$,
    'four customer rows written'
);

create temp table incremental_sums as select * from cw_000902.stats_checksums();
call cw_000902.stats_rebuild('2024-02-10');
select set_eq(
    $$ select * from cw_000902.stats_checksums() $$,
    $$ select * from pg_temp.incremental_sums $$,
    'the incremental refresh equals a rebuild (checksums of every statistics and warehouse table)'
);

select * from finish();
rollback;

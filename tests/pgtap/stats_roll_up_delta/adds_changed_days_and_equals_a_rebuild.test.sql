-- The incremental roll-ups add the difference of the changed daily rows (stats_roll_up_delta) and re-read only what
-- the difference cannot decide. One product at one store, sales on 29 Jan (2 for 20, cost 4), 30 Jan (4 for 40,
-- cost 8) and 1 Feb 2024 (2 for 22, cost 4); built in full. Night 1 (demand_history rewrites 29 Jan - 2 Feb): 30 Jan
-- becomes 1 for 10 (cost 2), 29 Jan sells nothing (its sales row goes), 2 Feb sells 3 for 30 (cost 6). Night 2:
-- 2 Feb sells nothing again (the last day of its week, month and year removed: re-read). Figures by hand; after each
-- night every statistics table equals a full rebuild (checksums).
begin;
select plan(8);

select tests.stats_world();

create temp table night (demand_date date, quantity numeric, revenue numeric, cost numeric) on commit drop;
create temp table rebuilt (table_name text, row_count bigint, checksum text) on commit drop;

create function pg_temp.write_night(p_night integer) returns void language sql as $$
    -- What step demand_history writes: the rows of the rewritten dates, stamped after the previous refresh.
    insert into cw_000902.demand_history (
        product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock, is_oos_imputed, demand_qty,
        demand_source_type_id, computed_on, updated_at
    )
    select products.id, locations.id, night.demand_date, night.quantity, night.revenue, night.cost, true, false,
           night.quantity, 1, '2024-02-02', clock_timestamp() + p_night * interval '1 hour'
    from pg_temp.night
    cross join cw_000902.products
    cross join cw_000902.locations
    on conflict (product_id, location_id, demand_date) do update
    set quantity = excluded.quantity, revenue = excluded.revenue, cost = excluded.cost,
        demand_qty = excluded.demand_qty, updated_at = excluded.updated_at;
    insert into cw_000902.demand_history_runs (run_date, started_at, dates_rewritten, rows_written, rows_deleted)
    select '2024-02-02', clock_timestamp() + p_night * interval '1 hour', array_agg(night.demand_date), 0, 0
    from pg_temp.night;
$$;

create function pg_temp.equals_rebuild() returns setof text language plpgsql as $$
begin
    -- Checksums of the incremental state, then of a full rebuild of the same production data.
    delete from pg_temp.rebuilt;
    insert into pg_temp.rebuilt select * from cw_000902.stats_checksums();
    call cw_000902.stats_rebuild('2024-02-02');
    return query
    select coalesce(incremental.table_name, full_rebuild.table_name)
    from pg_temp.rebuilt as incremental
    full join cw_000902.stats_checksums() as full_rebuild on full_rebuild.table_name = incremental.table_name
    where (incremental.row_count, incremental.checksum)
        is distinct from (full_rebuild.row_count, full_rebuild.checksum);
end
$$;

insert into pg_temp.night values
('2024-01-29', 2, 20, 4), ('2024-01-30', 4, 40, 8), ('2024-01-31', 0, 0, 0), ('2024-02-01', 2, 22, 4);
select pg_temp.write_night(0);
call cw_000902.stats_rebuild('2024-02-01');

delete from pg_temp.night;
insert into pg_temp.night values
('2024-01-29', 0, 0, 0), ('2024-01-30', 1, 10, 2), ('2024-01-31', 0, 0, 0), ('2024-02-01', 2, 22, 4),
('2024-02-02', 3, 30, 6);
select pg_temp.write_night(1);
call cw_000902.stats_refresh('2024-02-02', false);

select results_eq(
    $$ select period_start, through_date, sold_qty, revenue, cost, selling_days
       from cw_000902_stats.sales_monthly order by 1 $$,
    $$ values ('2024-01-01'::date, '2024-01-30'::date, 1.000, 10.0000, 2.0000, 1),
              ('2024-02-01', '2024-02-02', 5.000, 52.0000, 10.0000, 2) $$,
    'night 1, sales_monthly: January 1 for 10 on one day (29 Jan removed, 30 Jan changed); February gains 2 Feb'
);
select results_eq(
    $$ select period_start, through_date, sold_qty, revenue, cost, selling_days
       from cw_000902_stats.sales_weekly order by 1 $$,
    $$ values ('2024-01-29'::date, '2024-02-02'::date, 6.000, 62.0000, 12.0000, 3) $$,
    'night 1, sales_weekly: the week across the month end, through the new day'
);
select results_eq(
    $$ select period_start, through_date, demand_qty, sold_qty, listed_days
       from cw_000902_stats.service_yearly order by 1 $$,
    $$ values ('2024-01-01'::date, '2024-02-02'::date, 6.000, 6.000, 5) $$,
    'night 1, service_yearly: five listed days (29 Jan still listed, selling nothing)'
);
select is_empty($$ select * from pg_temp.equals_rebuild() $$, 'night 1: every table equals a full rebuild');

delete from pg_temp.night;
insert into pg_temp.night values ('2024-02-02', 0, 0, 0);
select pg_temp.write_night(2);
call cw_000902.stats_refresh('2024-02-02', false);

select results_eq(
    $$ select period_start, through_date, sold_qty, revenue, selling_days
       from cw_000902_stats.sales_monthly order by 1 $$,
    $$ values ('2024-01-01'::date, '2024-01-30'::date, 1.000, 10.0000, 1),
              ('2024-02-01', '2024-02-01', 2.000, 22.0000, 1) $$,
    'night 2, sales_monthly: February ends on 1 Feb again (its last day removed: re-read)'
);
select results_eq(
    $$ select period_start, through_date, sold_qty, selling_days from cw_000902_stats.sales_yearly $$,
    $$ values ('2024-01-01'::date, '2024-02-01'::date, 3.000, 2) $$,
    'night 2, sales_yearly: the year''s last day removed'
);
select results_eq(
    $$ select (rows_written ->> 'sales_daily')::integer, (rows_written ->> 'sales_monthly')::integer
       from cw_000902_stats.stats_runs order by id desc limit 1 $$,
    $$ values (1, 1) $$,
    'night 2 wrote one daily and one monthly sales row'
);
select is_empty($$ select * from pg_temp.equals_rebuild() $$, 'night 2: every table equals a full rebuild');

select * from finish();
rollback;

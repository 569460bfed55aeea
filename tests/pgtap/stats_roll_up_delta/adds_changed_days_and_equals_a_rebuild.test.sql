-- The incremental roll-ups add the difference of the changed daily rows (stats_roll_up_delta) and re-read only what
-- the difference cannot decide. One product at one store, sales on 29 Jan (2 for 20, cost 4), 30 Jan (4 for 40,
-- cost 8) and 1 Feb 2024 (2 for 22, cost 4); built in full. Night 1 (demand_history rewrites 29 Jan - 2 Feb): 30 Jan
-- becomes 1 for 10 (cost 2), 29 Jan sells nothing (its sales row goes), 2 Feb sells 3 for 30 (cost 6). Night 2:
-- 2 Feb sells nothing again (the last day of its week, month and year removed: re-read). Figures by hand; after each
-- night every statistics table equals a full rebuild (checksums).
begin;
select plan(8);

select tests.stats_world();

select tests.stats_write_night('2024-02-02', 0, '[["2024-01-29", 2, 20, 4], ["2024-01-30", 4, 40, 8],
                                                 ["2024-01-31", 0, 0, 0], ["2024-02-01", 2, 22, 4]]');
call cw_000902.stats_rebuild('2024-02-01');

select tests.stats_write_night('2024-02-02', 1, '[["2024-01-29", 0, 0, 0], ["2024-01-30", 1, 10, 2],
                                                 ["2024-01-31", 0, 0, 0], ["2024-02-01", 2, 22, 4],
                                                 ["2024-02-02", 3, 30, 6]]');
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
select is_empty($$ select * from tests.stats_tables_unlike_a_rebuild('2024-02-02') $$,
                'night 1: every table equals a full rebuild');

select tests.stats_write_night('2024-02-02', 2, '[["2024-02-02", 0, 0, 0]]');
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
select is_empty($$ select * from tests.stats_tables_unlike_a_rebuild('2024-02-02') $$,
                'night 2: every table equals a full rebuild');

select * from finish();
rollback;

-- A night updates every touched pair's weekly, monthly and yearly row; the roll-up tables leave room on each page
-- (tenant V90, fillfactor 50) so that such an update stays on its page and skips the primary key (a heap-only
-- tuple). 400 products sell at store L1 on 29 Jan - 1 Feb 2024 (2 for 20, cost 4), built in full (the rebuild fills
-- several pages per table); the night rewrites 1 Feb (3 for 30, cost 6) for every product: 400 rows of each sales
-- roll-up change, all of them heap-only, and the tables still equal a full rebuild. Without the room, the updates of
-- the full pages moved their rows and inserted index entries.
begin;
select plan(5);

select tests.stats_world();
insert into cw_000902.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash)
select 'P' || n, 'product ' || n, currencies.id, 'active', '2024-01-01', md5('P' || n)::uuid
from generate_series(2, 400) as n
cross join cw_global.currencies
where currencies.code = 'EUR';

create temp table updates_before (table_name text, updated bigint, hot_updated bigint) on commit drop;

select is_empty(
    $$ select tables.relname
       from pg_class as tables
       where tables.relnamespace = 'cw_000902_stats'::regnamespace
           and tables.relname ~ '^(sales|inventory|service|forecast)_(weekly|monthly|yearly)$'
           and not coalesce(tables.reloptions @> '{fillfactor=50}', false) $$,
    'the twelve roll-up tables leave half of each page free (fillfactor 50)'
);

select tests.stats_write_night('2024-02-01', 0, '[["2024-01-29", 2, 20, 4], ["2024-01-30", 2, 20, 4],
                                                 ["2024-01-31", 2, 20, 4], ["2024-02-01", 2, 20, 4]]');
call cw_000902.stats_rebuild('2024-02-01');

-- Updates counted in this transaction so far (pg_stat_xact_user_tables), before the night.
insert into pg_temp.updates_before
select stats.relname, stats.n_tup_upd, stats.n_tup_hot_upd
from pg_stat_xact_user_tables as stats
where stats.schemaname = 'cw_000902_stats' and stats.relname in ('sales_weekly', 'sales_monthly', 'sales_yearly');

select tests.stats_write_night('2024-02-01', 1, '[["2024-02-01", 3, 30, 6]]');
call cw_000902.stats_refresh('2024-02-01', false);

select results_eq(
    $$ select wanted.grain, stats.n_tup_upd - coalesce(before.updated, 0),
              stats.n_tup_hot_upd - coalesce(before.hot_updated, 0)
       from (values (1, 'sales_weekly'), (2, 'sales_monthly'), (3, 'sales_yearly')) as wanted (grain, table_name)
       inner join pg_stat_xact_user_tables as stats
           on stats.schemaname = 'cw_000902_stats' and stats.relname = wanted.table_name
       left join pg_temp.updates_before as before on before.table_name = wanted.table_name
       order by 1 $$,
    $$ values (1, 400::bigint, 400::bigint), (2, 400, 400), (3, 400, 400) $$,
    'the night updated each product''s week, month and year once, every update heap-only'
);
select results_eq(
    $$ select count(*), sum(sold_qty), sum(selling_days) from cw_000902_stats.sales_weekly $$,
    $$ values (400::bigint, 3600.000, 1600::bigint) $$,
    'sales_weekly: 400 weeks of 2 + 2 + 2 + 3 over four selling days'
);
select results_eq(
    $$ select count(*), sum(sold_qty) from cw_000902_stats.sales_monthly where period_start = '2024-02-01' $$,
    $$ values (400::bigint, 1200.000) $$,
    'sales_monthly: February is 1 Feb at 3 for every product'
);

select is_empty($$ select * from tests.stats_tables_unlike_a_rebuild('2024-02-01') $$,
                'the night equals a full rebuild');

select * from finish();
rollback;

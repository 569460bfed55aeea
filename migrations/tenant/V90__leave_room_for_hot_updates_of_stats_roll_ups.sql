-- Step stats (docs/stats.md "Refresh"): a night adds the difference of its changed days to every touched pair's
-- weekly, monthly and yearly row, so each of those rows is updated once a night (every pair at a full stock snapshot).
-- Packed full (the default fillfactor 100, as a full rebuild leaves them), every such update moved the row to another
-- page and inserted a new entry into the primary key. With room left on each page the update stays on its page and
-- skips the index (a heap-only tuple), and the next night's access reclaims the old version. Half of each page: on the
-- pages a rebuild or a new period writes every row is a current one, updated the same night (at 70 a night found room
-- for under half of them). Takes effect on the pages written from now on: the next full rebuild, or as rows move.
alter table ${stats_schema}.sales_weekly set (fillfactor = 50);
alter table ${stats_schema}.sales_monthly set (fillfactor = 50);
alter table ${stats_schema}.sales_yearly set (fillfactor = 50);
alter table ${stats_schema}.inventory_weekly set (fillfactor = 50);
alter table ${stats_schema}.inventory_monthly set (fillfactor = 50);
alter table ${stats_schema}.inventory_yearly set (fillfactor = 50);
alter table ${stats_schema}.service_weekly set (fillfactor = 50);
alter table ${stats_schema}.service_monthly set (fillfactor = 50);
alter table ${stats_schema}.service_yearly set (fillfactor = 50);
alter table ${stats_schema}.forecast_weekly set (fillfactor = 50);
alter table ${stats_schema}.forecast_monthly set (fillfactor = 50);
alter table ${stats_schema}.forecast_yearly set (fillfactor = 50);

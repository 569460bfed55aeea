-- Step stats (docs/stats.md "Refresh"): each night re-reads the demand of the forecast_daily rows on the dates
-- demand_history rewrote, and deletes the pairs no longer in a re-read forecast day. Both select by date; without an
-- index on it they read the whole table, which holds every pair of every day of history (forecast_daily is never
-- truncated). The same index as the other daily tables have.
create index forecast_daily_stat_date_location_id_idx on ${stats_schema}.forecast_daily (stat_date, location_id);

-- Issue 21 point 4 (docs/demand.md "Weekly aggregate", docs/benchmarks.md "night21c"): a night's step 5 inserts one
-- day at every pair, and the insert trigger adds that day to the pair's row of the current week (demand_weeks_capture,
-- R__0608), so every row of the current week is updated once a night, Tuesday to Sunday. Packed full (fillfactor 100),
-- each such update moved the row to another page and inserted a new primary-key entry (the kept M world: 1,213 of
-- 1,958,702 updates heap-only). With half of each page left free the update stays on its page and skips the index (a
-- heap-only tuple); the next night's access prunes the old version. Only the rows of the current week are updated: a
-- week's rows are inserted by its Monday's night, so they land on pages written at this fillfactor.
-- Takes effect on the pages written from now on: for an existing client from the next week that starts (its rows
-- are inserted then); the weeks already written keep their packed pages (no rewrite: they are not updated again),
-- and the current week's rows move once, on their next update, as before. Costs space: new weeks' pages hold half as
-- many rows (demand_weeks grows about twice as fast; ~300 bytes a row).
alter table ${schema}.demand_weeks set (fillfactor = 50);

comment on table ${schema}.demand_weeks is
'demand_history summed per product x location x ISO week (Monday .. Sunday), one row per pair and week with at least '
'one daily row: which days the pair was listed, and running sums of demand, sold revenue and sold units from Monday, '
'so that any 7-day week ending on any weekday is the sum of two rows (days 1..d of one week, d+1..7 of the week '
'before). Read by step forecast (weekly buckets, weekday profiles, input watermark) and the demand-profile vectors '
'instead of the daily rows. Kept exact by statement triggers on demand_history (demand_weeks_capture): inserted days '
'are added to their weeks'' rows (a new week gets a row; a row already listing an inserted day is recomputed), an '
'update or a delete recomputes the weeks it touched from the daily rows; demand_weeks_rebuild() recomputes all. '
'Fillfactor 50 (V91): a night''s update of the current week''s row stays on its page (heap-only).';

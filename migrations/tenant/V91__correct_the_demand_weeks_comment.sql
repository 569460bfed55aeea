-- Issue 21 point 4: demand_weeks' table comment (V61) said an inserted day recomputes its weeks from demand_history;
-- since the insert upkeep adds the inserted days to their weeks (R__0608, docs/demand.md "Weekly aggregate") it is
-- corrected here. A fillfactor of 50 for HOT updates of the current week's rows was measured at M-scale and not kept:
-- 195,822 of 195,872 updates became heap-only, but the night's upkeep took no measurably less time (medians 43.5 s
-- against 46.7 s at fillfactor 100, within the load's spread) while new weeks would take twice the space
-- (docs/benchmarks.md "night21c").
comment on table ${schema}.demand_weeks is
'demand_history summed per product x location x ISO week (Monday .. Sunday), one row per pair and week with at least '
'one daily row: which days the pair was listed, and running sums of demand, sold revenue and sold units from Monday, '
'so that any 7-day week ending on any weekday is the sum of two rows (days 1..d of one week, d+1..7 of the week '
'before). Read by step forecast (weekly buckets, weekday profiles, input watermark) and the demand-profile vectors '
'instead of the daily rows. Kept exact by statement triggers on demand_history (demand_weeks_capture): inserted days '
'are added to their weeks'' rows (a new week gets a row; a row already listing an inserted day is recomputed), an '
'update or a delete recomputes the weeks it touched from the daily rows; demand_weeks_rebuild() recomputes all.';

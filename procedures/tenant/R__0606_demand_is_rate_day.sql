-- A rate day of a product x location: the one definition that step 5's grid (demand_history_compute) and its nightly
-- day (demand_history_compute_day) both use, so that the two paths stay identical.
create or replace function ${schema}.demand_is_rate_day(
    p_is_location_open boolean, p_is_delisted boolean, p_qty_available numeric
)
returns boolean
language sql
immutable
parallel safe
security invoker
-- No pinned search_path: it would stop the planner from inlining the function into the window statements over every
-- pair-day; it uses only the boolean operators, coalesce and the numeric comparison of pg_catalog.
as $$
    select p_is_location_open and not p_is_delisted and coalesce(p_qty_available > 0, true)
$$;
comment on function ${schema}.demand_is_rate_day(boolean, boolean, numeric) is
'True when a product x location day counts in its demand rates: the location traded that day, the pair was not '
'delisted, and it was not known to be out of stock (no stock reading counts as in stock). Step 5''s grid and its '
'nightly one-day path both call it, so their rates stay identical. Inlined by the planner (no pinned search_path).';

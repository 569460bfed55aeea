-- The weekly aggregate of demand_history (table demand_weeks, docs/demand.md "Weekly aggregate"): kept for the
-- pair-weeks a write touched by statement triggers with transition tables (inserted days added, other writes
-- recomputed), so it equals a full recompute after every write (step demand_history's upserts, a bench fill, a DBA's
-- fix, a recovery). Read by step forecast. demand_weeks_refresh recomputes weeks from the daily rows: for the given
-- pair-weeks (the triggers) or, with null arrays, for every pair-week in one grouped pass over demand_history
-- (demand_weeks_rebuild). The insert trigger sums only the inserted days, the same way, and adds them.

-- The element-wise sum of two weeks' running sums (the insert trigger adds a night's days to the week's row). Not
-- pinned to a search_path, on purpose: a SQL function with a SET clause is never inlined, so it would be called once
-- per row and array (28 us a call, 17 s for 600,000 calls against 3 s inlined, measured 4 Dec 2026 at load 5-7: a
-- night at M adds 3 arrays at ~196k pairs). It names nothing but its parameters and pg_catalog's operator, spelled
-- out, so it means the same under any search_path.
create or replace function ${schema}.demand_weeks_cum_add(p_left numeric [], p_right numeric [])
returns numeric []
language sql
immutable
parallel safe
security invoker
as $$
    select array[p_left[1] operator(pg_catalog.+) p_right[1], p_left[2] operator(pg_catalog.+) p_right[2],
                 p_left[3] operator(pg_catalog.+) p_right[3], p_left[4] operator(pg_catalog.+) p_right[4],
                 p_left[5] operator(pg_catalog.+) p_right[5], p_left[6] operator(pg_catalog.+) p_right[6],
                 p_left[7] operator(pg_catalog.+) p_right[7]]
$$;
comment on function ${schema}.demand_weeks_cum_add(numeric [], numeric []) is
'Element-wise sum of two 7-element running-sum arrays of demand_weeks (days added to a week''s row). Immutable and '
'inlined by the planner (no pinned search_path: it names only pg_catalog''s + operator, qualified).';

create or replace function ${schema}.demand_weeks_refresh(
    p_product_ids integer [], p_location_ids integer [], p_week_starts date []
)
returns bigint
language plpgsql
volatile
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
set jit = off
as $$
declare
    v_written bigint;
begin
    if cardinality(p_product_ids) is distinct from cardinality(p_location_ids)
       or cardinality(p_product_ids) is distinct from cardinality(p_week_starts) then
        raise exception 'demand_weeks_refresh needs three arrays of the same length, got %, % and % elements',
            cardinality(p_product_ids), cardinality(p_location_ids), cardinality(p_week_starts)
            using errcode = 'CW175', hint = 'pass one product id, location id and Monday per pair-week, or three nulls '
                                            'for every pair-week';
    end if;
    -- Null arrays: every pair-week. The branches on p_product_ids are decided when the statement is planned (its
    -- value is known then), so a trigger's refresh reads only its weeks' days by index and a full one reads the
    -- table once, without a key per week.
    with keys as (
        select distinct keys.product_id, keys.location_id,
               keys.week_start - (keys.week_start - date '1900-01-01') % 7 as week_start
        from unnest(p_product_ids, p_location_ids, p_week_starts) as keys (product_id, location_id, week_start)
        union all
        -- Every week already aggregated (a full refresh deletes those without daily rows).
        select weeks.product_id, weeks.location_id, weeks.week_start
        from ${schema}.demand_weeks as weeks
        where p_product_ids is null
    ),
    days as (
        select history.product_id, history.location_id,
               history.demand_date - (history.demand_date - date '1900-01-01') % 7 as week_start,
               (history.demand_date - date '1900-01-01') % 7 as day_offset, history.demand_qty, history.quantity,
               history.updated_at,
               case when history.quantity > 0 then history.revenue + history.returned_revenue else 0 end
               as sold_revenue
        from ${schema}.demand_history as history
        where p_product_ids is null
        union all
        select keys.product_id, keys.location_id, keys.week_start, history.demand_date - keys.week_start,
               history.demand_qty, history.quantity, history.updated_at,
               case when history.quantity > 0 then history.revenue + history.returned_revenue else 0 end
        from keys
        inner join ${schema}.demand_history as history
            on history.product_id = keys.product_id and history.location_id = keys.location_id
            and history.demand_date between keys.week_start and keys.week_start + 6
        where p_product_ids is not null
    ),
    fresh as (
        select days.product_id, days.location_id, days.week_start,
               bit_or(1 << (6 - days.day_offset))::smallint as listed_mask,
               array[coalesce(sum(days.demand_qty) filter (where days.day_offset <= 0), 0),
                         coalesce(sum(days.demand_qty) filter (where days.day_offset <= 1), 0),
                         coalesce(sum(days.demand_qty) filter (where days.day_offset <= 2), 0),
                         coalesce(sum(days.demand_qty) filter (where days.day_offset <= 3), 0),
                         coalesce(sum(days.demand_qty) filter (where days.day_offset <= 4), 0),
                         coalesce(sum(days.demand_qty) filter (where days.day_offset <= 5), 0),
                         coalesce(sum(days.demand_qty), 0)] as demand_qty_cum,
               array[coalesce(sum(days.sold_revenue) filter (where days.day_offset <= 0), 0),
                         coalesce(sum(days.sold_revenue) filter (where days.day_offset <= 1), 0),
                         coalesce(sum(days.sold_revenue) filter (where days.day_offset <= 2), 0),
                         coalesce(sum(days.sold_revenue) filter (where days.day_offset <= 3), 0),
                         coalesce(sum(days.sold_revenue) filter (where days.day_offset <= 4), 0),
                         coalesce(sum(days.sold_revenue) filter (where days.day_offset <= 5), 0),
                         coalesce(sum(days.sold_revenue), 0)] as sold_revenue_cum,
               array[coalesce(sum(days.quantity) filter (where days.day_offset <= 0), 0),
                         coalesce(sum(days.quantity) filter (where days.day_offset <= 1), 0),
                         coalesce(sum(days.quantity) filter (where days.day_offset <= 2), 0),
                         coalesce(sum(days.quantity) filter (where days.day_offset <= 3), 0),
                         coalesce(sum(days.quantity) filter (where days.day_offset <= 4), 0),
                         coalesce(sum(days.quantity) filter (where days.day_offset <= 5), 0),
                         coalesce(sum(days.quantity), 0)] as sold_qty_cum,
               max(days.updated_at) as changed_at
        from days
        group by days.product_id, days.location_id, days.week_start
    ),
    emptied as (
        -- Weeks whose last daily row went.
        delete from ${schema}.demand_weeks as weeks
        using keys
        where weeks.product_id = keys.product_id and weeks.location_id = keys.location_id
          and weeks.week_start = keys.week_start
          and not exists (select from fresh
                          where fresh.product_id = keys.product_id and fresh.location_id = keys.location_id
                            and fresh.week_start = keys.week_start)
        returning 1
    ),
    written as (
        insert into ${schema}.demand_weeks as weeks (
            product_id, location_id, week_start, listed_mask, demand_qty_cum, sold_revenue_cum, sold_qty_cum,
            changed_at
        )
        select fresh.product_id, fresh.location_id, fresh.week_start, fresh.listed_mask, fresh.demand_qty_cum,
               fresh.sold_revenue_cum, fresh.sold_qty_cum, fresh.changed_at
        from fresh
        on conflict on constraint demand_weeks_pkey do update
        set listed_mask = excluded.listed_mask, demand_qty_cum = excluded.demand_qty_cum,
            sold_revenue_cum = excluded.sold_revenue_cum, sold_qty_cum = excluded.sold_qty_cum,
            changed_at = excluded.changed_at, refreshed_at = clock_timestamp()
        where (weeks.listed_mask, weeks.demand_qty_cum, weeks.sold_revenue_cum, weeks.sold_qty_cum, weeks.changed_at)
            is distinct from (excluded.listed_mask, excluded.demand_qty_cum, excluded.sold_revenue_cum,
                              excluded.sold_qty_cum, excluded.changed_at)
        returning 1
    )
    select (select count(*) from emptied) + (select count(*) from written) into v_written;
    return v_written;
end
$$;
comment on function ${schema}.demand_weeks_refresh(integer [], integer [], date []) is
'Recomputes demand_weeks from demand_history for the given pair-weeks (three parallel arrays: product id, location '
'id, any day of the week), or for every pair-week in one grouped pass when all three are null: writes rows whose '
'values changed, deletes weeks left without daily rows. Returns rows written + deleted. CW175: arrays of different '
'lengths. Called by the demand_weeks_capture triggers and by demand_weeks_rebuild.';

drop function if exists ${schema}.demand_weeks_add(numeric [], numeric []);

create or replace function ${schema}.demand_weeks_rebuild()
returns bigint
language plpgsql
volatile
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
set jit = off
set work_mem = '128MB'
as $$
begin
    return ${schema}.demand_weeks_refresh(null, null, null);
end
$$;
comment on function ${schema}.demand_weeks_rebuild() is
'Recomputes every row of demand_weeks from demand_history in one grouped pass (demand_weeks_refresh with null '
'arrays; what the triggers keep incrementally; for a check, a repair or the fill after a bulk load without the '
'triggers). Returns rows written + deleted: 0 when the aggregate was exact.';

create or replace function ${schema}.demand_weeks_capture()
returns trigger
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_products  integer [];
    v_locations integer [];
    v_weeks     date [];
begin
    if tg_op = 'TRUNCATE' then
        truncate ${schema}.demand_weeks;
        return null;
    elsif tg_op = 'INSERT' then
        -- Inserted rows are days the weeks did not hold yet (the key is new): their sums are added to the week's row
        -- (a new week gets a row of its own) without reading the week's other days from demand_history: a night's
        -- write of one day at every pair costs the day, not the history (83 s of an M night's step 5 re-read the
        -- weeks). Numeric sums are exact, so this equals the recompute. A week whose row already lists an inserted
        -- day was not exact (a writer that bypassed the triggers): it is recomputed from demand_history instead.
        with days as (
            select new_rows.product_id, new_rows.location_id,
                   new_rows.demand_date - (new_rows.demand_date - date '1900-01-01') % 7 as week_start,
                   (new_rows.demand_date - date '1900-01-01') % 7 as day_offset, new_rows.demand_qty,
                   new_rows.quantity, new_rows.updated_at,
                   case when new_rows.quantity > 0 then new_rows.revenue + new_rows.returned_revenue else 0 end
                   as sold_revenue
            from new_rows
        ),
        added as (
            select days.product_id, days.location_id, days.week_start,
                   bit_or(1 << (6 - days.day_offset))::smallint as listed_mask,
                   array[coalesce(sum(days.demand_qty) filter (where days.day_offset <= 0), 0),
                         coalesce(sum(days.demand_qty) filter (where days.day_offset <= 1), 0),
                         coalesce(sum(days.demand_qty) filter (where days.day_offset <= 2), 0),
                         coalesce(sum(days.demand_qty) filter (where days.day_offset <= 3), 0),
                         coalesce(sum(days.demand_qty) filter (where days.day_offset <= 4), 0),
                         coalesce(sum(days.demand_qty) filter (where days.day_offset <= 5), 0),
                         coalesce(sum(days.demand_qty), 0)] as demand_qty_cum,
                   array[coalesce(sum(days.sold_revenue) filter (where days.day_offset <= 0), 0),
                         coalesce(sum(days.sold_revenue) filter (where days.day_offset <= 1), 0),
                         coalesce(sum(days.sold_revenue) filter (where days.day_offset <= 2), 0),
                         coalesce(sum(days.sold_revenue) filter (where days.day_offset <= 3), 0),
                         coalesce(sum(days.sold_revenue) filter (where days.day_offset <= 4), 0),
                         coalesce(sum(days.sold_revenue) filter (where days.day_offset <= 5), 0),
                         coalesce(sum(days.sold_revenue), 0)] as sold_revenue_cum,
                   array[coalesce(sum(days.quantity) filter (where days.day_offset <= 0), 0),
                         coalesce(sum(days.quantity) filter (where days.day_offset <= 1), 0),
                         coalesce(sum(days.quantity) filter (where days.day_offset <= 2), 0),
                         coalesce(sum(days.quantity) filter (where days.day_offset <= 3), 0),
                         coalesce(sum(days.quantity) filter (where days.day_offset <= 4), 0),
                         coalesce(sum(days.quantity) filter (where days.day_offset <= 5), 0),
                         coalesce(sum(days.quantity), 0)] as sold_qty_cum,
                   max(days.updated_at) as changed_at
            from days
            group by days.product_id, days.location_id, days.week_start
        ),
        written as (
            insert into ${schema}.demand_weeks as weeks (
                product_id, location_id, week_start, listed_mask, demand_qty_cum, sold_revenue_cum, sold_qty_cum,
                changed_at
            )
            select added.product_id, added.location_id, added.week_start, added.listed_mask, added.demand_qty_cum,
                   added.sold_revenue_cum, added.sold_qty_cum, added.changed_at
            from added
            on conflict on constraint demand_weeks_pkey do update
            set listed_mask = weeks.listed_mask | excluded.listed_mask,
                demand_qty_cum = ${schema}.demand_weeks_cum_add(weeks.demand_qty_cum, excluded.demand_qty_cum),
                sold_revenue_cum = ${schema}.demand_weeks_cum_add(weeks.sold_revenue_cum, excluded.sold_revenue_cum),
                sold_qty_cum = ${schema}.demand_weeks_cum_add(weeks.sold_qty_cum, excluded.sold_qty_cum),
                changed_at = greatest(weeks.changed_at, excluded.changed_at), refreshed_at = clock_timestamp()
            where weeks.listed_mask & excluded.listed_mask = 0
            returning weeks.product_id, weeks.location_id, weeks.week_start
        )
        select array_agg(added.product_id), array_agg(added.location_id), array_agg(added.week_start)
        into v_products, v_locations, v_weeks
        from added
        where not exists (select from written
                          where written.product_id = added.product_id and written.location_id = added.location_id
                              and written.week_start = added.week_start);
    elsif tg_op = 'DELETE' then
        select array_agg(keys.product_id), array_agg(keys.location_id), array_agg(keys.week_start)
        into v_products, v_locations, v_weeks
        from (select distinct old_rows.product_id, old_rows.location_id,
                              old_rows.demand_date - (old_rows.demand_date - date '1900-01-01') % 7 as week_start
              from old_rows) as keys;
    else
        select array_agg(keys.product_id), array_agg(keys.location_id), array_agg(keys.week_start)
        into v_products, v_locations, v_weeks
        from (select new_rows.product_id, new_rows.location_id,
                     new_rows.demand_date - (new_rows.demand_date - date '1900-01-01') % 7 as week_start
              from new_rows
              union
              select old_rows.product_id, old_rows.location_id,
                     old_rows.demand_date - (old_rows.demand_date - date '1900-01-01') % 7
              from old_rows) as keys;
    end if;
    if v_products is not null then
        perform ${schema}.demand_weeks_refresh(v_products, v_locations, v_weeks);
    end if;
    return null;
end
$$;
comment on function ${schema}.demand_weeks_capture() is
'Statement trigger on demand_history (insert, update, delete with transition tables; truncate): keeps demand_weeks '
'equal to demand_history (step demand_history''s write included). Inserted days are added to their weeks'' rows '
'(new weeks get a row) without reading the weeks'' other days; a week whose row already lists an inserted day, and '
'every week an update or a delete touched, is recomputed from demand_history (demand_weeks_refresh).';

drop trigger if exists demand_weeks_capture_insert on ${schema}.demand_history;
create trigger demand_weeks_capture_insert
after insert on ${schema}.demand_history
referencing new table as new_rows
for each statement execute function ${schema}.demand_weeks_capture();
comment on trigger demand_weeks_capture_insert on ${schema}.demand_history is
'Recomputes the demand_weeks rows of the inserted rows'' pair-weeks.';
drop trigger if exists demand_weeks_capture_update on ${schema}.demand_history;
create trigger demand_weeks_capture_update
after update on ${schema}.demand_history
referencing old table as old_rows new table as new_rows
for each statement execute function ${schema}.demand_weeks_capture();
comment on trigger demand_weeks_capture_update on ${schema}.demand_history is
'Recomputes the demand_weeks rows of the updated rows'' pair-weeks (before and after the update).';
drop trigger if exists demand_weeks_capture_delete on ${schema}.demand_history;
create trigger demand_weeks_capture_delete
after delete on ${schema}.demand_history
referencing old table as old_rows
for each statement execute function ${schema}.demand_weeks_capture();
comment on trigger demand_weeks_capture_delete on ${schema}.demand_history is
'Recomputes (or removes) the demand_weeks rows of the deleted rows'' pair-weeks.';
drop trigger if exists demand_weeks_capture_truncate on ${schema}.demand_history;
create trigger demand_weeks_capture_truncate
after truncate on ${schema}.demand_history
for each statement execute function ${schema}.demand_weeks_capture();
comment on trigger demand_weeks_capture_truncate on ${schema}.demand_history is
'Empties demand_weeks with demand_history.';

-- The first migrate with demand_weeks (or any time it is empty while demand_history is not): fill it from the history.
do $$
begin
    if not exists (select from ${schema}.demand_weeks) and exists (select from ${schema}.demand_history) then
        perform ${schema}.demand_weeks_rebuild();
    end if;
end
$$;

-- The weekly aggregate of demand_history (table demand_weeks, docs/demand.md "Weekly aggregate"): recomputed for the
-- pair-weeks a write touched by statement triggers with transition tables, so it equals a full recompute after every
-- write (step demand_history's upserts, a bench fill, a DBA's fix, a recovery). Read by step forecast.
-- demand_weeks_refresh is the one place that sums days into weeks: for the given pair-weeks (the triggers) or, with
-- null arrays, for every pair-week in one grouped pass over demand_history (demand_weeks_rebuild).
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
        select array_agg(keys.product_id), array_agg(keys.location_id), array_agg(keys.week_start)
        into v_products, v_locations, v_weeks
        from (select distinct new_rows.product_id, new_rows.location_id,
                              new_rows.demand_date - (new_rows.demand_date - date '1900-01-01') % 7 as week_start
              from new_rows) as keys;
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
'Statement trigger on demand_history (insert, update, delete with transition tables; truncate): recomputes the '
'demand_weeks rows of the pair-weeks the statement touched (demand_weeks_refresh), so the weekly aggregate always '
'equals demand_history (step demand_history''s write included).';

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

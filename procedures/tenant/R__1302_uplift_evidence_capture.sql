-- Step 13 (uplift), issue 15: what changed since a measurement. Statement triggers (transition tables, one insert
-- per statement) record into uplift_evidence_changes what a stored measurement may have read: sales days
-- (demand_history) and stock days (the stats schema's inventory_daily) up to the last day any measurement read,
-- recommendations whose decision or measured fields changed or that were deleted, products whose price or cost
-- changed, locations moved in the tree. Triggers rather than code in steps 5 and 12: every writer (a replay, a
-- rebuild, a DBA's correction) is covered. Consumed by step_uplift (uplift_measure). docs/uplift.md "Cost".
create or replace function ${schema}.uplift_evidence_capture()
returns trigger
language plpgsql
-- definer: the UI role changes a recommendation's status (a statement that fires the trigger and records nothing)
-- and may not write the queue itself
security definer
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_through  date;
    v_day      text;
    v_measured text [];
    v_changed  text;
begin
    if tg_table_name in ('demand_history', 'inventory_daily') then
        select state.measured_through into v_through from ${schema}.uplift_measure_state as state;
        if v_through is null then
            return null; -- nothing measured yet: nothing to re-measure
        end if;
        -- A sales or stock day: its key (product_id, location_id, the day) and the values a measurement reads.
        v_day := case tg_table_name when 'demand_history' then 'demand_date' else 'stat_date' end;
        v_measured := case tg_table_name
            when 'demand_history' then array['quantity', 'revenue', 'demand_qty', 'is_in_stock', 'stockout_qty']
            else array['on_hand_qty'] end;
        -- The changed rows up to measured_through ($1). Dynamic SQL: a statement may name only the transition tables
        -- its trigger has (an insert has no old rows, a delete no new ones).
        if tg_op = 'UPDATE' then
            -- Rows whose measured values changed: one hash full join of the new and the old rows on the row's key
            -- (unique in both), not four set operations over whole rows (uplift6, docs/benchmarks.md). A row whose
            -- key changed, or that crossed measured_through, is unmatched and counts with each key it had.
            v_changed := format($sql$
                select coalesce(new_.product_id, old_.product_id) as product_id,
                       coalesce(new_.location_id, old_.location_id) as location_id,
                       coalesce(new_.%1$I, old_.%1$I) as row_date
                from (select rows_.product_id, rows_.location_id, rows_.%1$I, %2$s
                      from new_rows as rows_ where rows_.%1$I <= $1) as new_
                full join (select rows_.product_id, rows_.location_id, rows_.%1$I, %2$s
                           from old_rows as rows_ where rows_.%1$I <= $1) as old_
                    on old_.product_id = new_.product_id and old_.location_id = new_.location_id
                        and old_.%1$I = new_.%1$I
                where new_.product_id is null or old_.product_id is null
                    or (%3$s) is distinct from (%4$s)
            $sql$,
                v_day,
                (select string_agg(format('rows_.%I', measured.name), ', ')
                 from unnest(v_measured) as measured (name)),
                (select string_agg(format('new_.%I', measured.name), ', ')
                 from unnest(v_measured) as measured (name)),
                (select string_agg(format('old_.%I', measured.name), ', ')
                 from unnest(v_measured) as measured (name)));
        else
            -- An insert or a delete: every row of its one transition table.
            v_changed := format($sql$
                select rows_.product_id, rows_.location_id, rows_.%1$I as row_date
                from %2$I as rows_ where rows_.%1$I <= $1
            $sql$, v_day, case tg_op when 'INSERT' then 'new_rows' else 'old_rows' end);
        end if;
        -- One product x location x day range per pair and statement, for both tables and the three events.
        execute format($sql$
            insert into %1$I.uplift_evidence_changes (source, product_id, location_id, first_date, last_date)
            select %2$L, changed.product_id, changed.location_id, min(changed.row_date), max(changed.row_date)
            from (%3$s) as changed
            group by changed.product_id, changed.location_id
        $sql$, '${schema}', tg_table_name, v_changed)
        using v_through;
        return null;
    end if;
    -- Each branch names only the transition tables its event has (an insert has no old_rows).
    if tg_table_name = 'po_recommendations' and tg_op = 'DELETE' then
        insert into ${schema}.uplift_evidence_changes (source, product_id, location_id, first_date, last_date)
        select distinct 'po_recommendations', rows_.product_id, rows_.location_id, rows_.recommendation_date,
               rows_.recommendation_date
        from old_rows as rows_;
    elsif tg_table_name = 'po_recommendations' then
        -- is_respected (a decision), and every field a measurement reads
        insert into ${schema}.uplift_evidence_changes (source, product_id, location_id, first_date, last_date)
        select distinct 'po_recommendations', changed.product_id, changed.location_id, changed.recommendation_date,
               changed.recommendation_date
        from ((select rows_.id, rows_.product_id, rows_.location_id, rows_.recommendation_date, rows_.is_respected,
                      rows_.target_stock, rows_.lead_time_days
               from new_rows as rows_
               except
               select rows_.id, rows_.product_id, rows_.location_id, rows_.recommendation_date, rows_.is_respected,
                      rows_.target_stock, rows_.lead_time_days
               from old_rows as rows_)
              union
              (select rows_.id, rows_.product_id, rows_.location_id, rows_.recommendation_date, rows_.is_respected,
                      rows_.target_stock, rows_.lead_time_days
               from old_rows as rows_
               except
               select rows_.id, rows_.product_id, rows_.location_id, rows_.recommendation_date, rows_.is_respected,
                      rows_.target_stock, rows_.lead_time_days
               from new_rows as rows_)) as changed;
    elsif tg_table_name = 'to_recommendations' and tg_op = 'DELETE' then
        insert into ${schema}.uplift_evidence_changes (source, product_id, location_id, first_date, last_date)
        select distinct 'to_recommendations', rows_.product_id, rows_.to_location_id, rows_.recommendation_date,
               rows_.recommendation_date
        from old_rows as rows_;
    elsif tg_table_name = 'to_recommendations' then
        insert into ${schema}.uplift_evidence_changes (source, product_id, location_id, first_date, last_date)
        select distinct 'to_recommendations', changed.product_id, changed.to_location_id,
               changed.recommendation_date, changed.recommendation_date
        from ((select rows_.id, rows_.product_id, rows_.to_location_id, rows_.from_location_id,
                      rows_.recommendation_date, rows_.is_respected, rows_.to_target_stock, rows_.transit_days
               from new_rows as rows_
               except
               select rows_.id, rows_.product_id, rows_.to_location_id, rows_.from_location_id,
                      rows_.recommendation_date, rows_.is_respected, rows_.to_target_stock, rows_.transit_days
               from old_rows as rows_)
              union
              (select rows_.id, rows_.product_id, rows_.to_location_id, rows_.from_location_id,
                      rows_.recommendation_date, rows_.is_respected, rows_.to_target_stock, rows_.transit_days
               from old_rows as rows_
               except
               select rows_.id, rows_.product_id, rows_.to_location_id, rows_.from_location_id,
                      rows_.recommendation_date, rows_.is_respected, rows_.to_target_stock, rows_.transit_days
               from new_rows as rows_)) as changed;
    elsif tg_table_name = 'products' then
        insert into ${schema}.uplift_evidence_changes (source, product_id)
        select 'products', new_products.id
        from new_rows as new_products
        inner join old_rows as old_products on old_products.id = new_products.id
        where (old_products.price, old_products.cost) is distinct from (new_products.price, new_products.cost)
            and exists (select from ${schema}.uplift_measure_state);
    elsif tg_table_name = 'locations' then
        insert into ${schema}.uplift_evidence_changes (source, location_id)
        select 'locations', new_locations.id
        from new_rows as new_locations
        inner join old_rows as old_locations on old_locations.id = new_locations.id
        where old_locations.parent_location_id is distinct from new_locations.parent_location_id
            and exists (select from ${schema}.uplift_measure_state);
    end if;
    return null;
end
$$;
comment on function ${schema}.uplift_evidence_capture() is
'Statement trigger (transition tables new_rows / old_rows) recording into uplift_evidence_changes what a stored '
'uplift measurement may have read and what changed: demand_history rows (units, revenue, demand, in stock, stock-out '
'units) and inventory_daily rows (available units) of days up to uplift_measure_state.measured_through, inserted, '
'changed or deleted, as one product x location x day range per statement; po_recommendations / to_recommendations '
'whose is_respected or measured fields (product, locations, date, target stock, lead or transit time) changed, or '
'deleted; products whose price or cost changed; locations whose parent changed. A rewrite that changes none of '
'these records nothing. Security definer (the client''s owner): any writer of the sources, e.g. the UI role setting '
'a recommendation''s status, fires it without a privilege on the queue. Consumed by step_uplift. docs/uplift.md.';

-- The triggers: one per source and event (a trigger with transition tables has one event).
drop trigger if exists demand_history_uplift_evidence_insert on ${schema}.demand_history;
create trigger demand_history_uplift_evidence_insert after insert on ${schema}.demand_history
referencing new table as new_rows
for each statement execute function ${schema}.uplift_evidence_capture();
comment on trigger demand_history_uplift_evidence_insert on ${schema}.demand_history is
'Records what this statement changed that a stored uplift measurement may have read (uplift_evidence_changes).';
drop trigger if exists demand_history_uplift_evidence_update on ${schema}.demand_history;
create trigger demand_history_uplift_evidence_update after update on ${schema}.demand_history
referencing old table as old_rows new table as new_rows
for each statement execute function ${schema}.uplift_evidence_capture();
comment on trigger demand_history_uplift_evidence_update on ${schema}.demand_history is
'Records what this statement changed that a stored uplift measurement may have read (uplift_evidence_changes).';
drop trigger if exists demand_history_uplift_evidence_delete on ${schema}.demand_history;
create trigger demand_history_uplift_evidence_delete after delete on ${schema}.demand_history
referencing old table as old_rows
for each statement execute function ${schema}.uplift_evidence_capture();
comment on trigger demand_history_uplift_evidence_delete on ${schema}.demand_history is
'Records what this statement changed that a stored uplift measurement may have read (uplift_evidence_changes).';
drop trigger if exists inventory_daily_uplift_evidence_insert on ${stats_schema}.inventory_daily;
create trigger inventory_daily_uplift_evidence_insert after insert on ${stats_schema}.inventory_daily
referencing new table as new_rows
for each statement execute function ${schema}.uplift_evidence_capture();
comment on trigger inventory_daily_uplift_evidence_insert on ${stats_schema}.inventory_daily is
'Records what this statement changed that a stored uplift measurement may have read (uplift_evidence_changes).';
drop trigger if exists inventory_daily_uplift_evidence_update on ${stats_schema}.inventory_daily;
create trigger inventory_daily_uplift_evidence_update after update on ${stats_schema}.inventory_daily
referencing old table as old_rows new table as new_rows
for each statement execute function ${schema}.uplift_evidence_capture();
comment on trigger inventory_daily_uplift_evidence_update on ${stats_schema}.inventory_daily is
'Records what this statement changed that a stored uplift measurement may have read (uplift_evidence_changes).';
drop trigger if exists inventory_daily_uplift_evidence_delete on ${stats_schema}.inventory_daily;
create trigger inventory_daily_uplift_evidence_delete after delete on ${stats_schema}.inventory_daily
referencing old table as old_rows
for each statement execute function ${schema}.uplift_evidence_capture();
comment on trigger inventory_daily_uplift_evidence_delete on ${stats_schema}.inventory_daily is
'Records what this statement changed that a stored uplift measurement may have read (uplift_evidence_changes).';
drop trigger if exists po_recommendations_uplift_evidence_update on ${schema}.po_recommendations;
create trigger po_recommendations_uplift_evidence_update after update on ${schema}.po_recommendations
referencing old table as old_rows new table as new_rows
for each statement execute function ${schema}.uplift_evidence_capture();
comment on trigger po_recommendations_uplift_evidence_update on ${schema}.po_recommendations is
'Records what this statement changed that a stored uplift measurement may have read (uplift_evidence_changes).';
drop trigger if exists po_recommendations_uplift_evidence_delete on ${schema}.po_recommendations;
create trigger po_recommendations_uplift_evidence_delete after delete on ${schema}.po_recommendations
referencing old table as old_rows
for each statement execute function ${schema}.uplift_evidence_capture();
comment on trigger po_recommendations_uplift_evidence_delete on ${schema}.po_recommendations is
'Records what this statement changed that a stored uplift measurement may have read (uplift_evidence_changes).';
drop trigger if exists to_recommendations_uplift_evidence_update on ${schema}.to_recommendations;
create trigger to_recommendations_uplift_evidence_update after update on ${schema}.to_recommendations
referencing old table as old_rows new table as new_rows
for each statement execute function ${schema}.uplift_evidence_capture();
comment on trigger to_recommendations_uplift_evidence_update on ${schema}.to_recommendations is
'Records what this statement changed that a stored uplift measurement may have read (uplift_evidence_changes).';
drop trigger if exists to_recommendations_uplift_evidence_delete on ${schema}.to_recommendations;
create trigger to_recommendations_uplift_evidence_delete after delete on ${schema}.to_recommendations
referencing old table as old_rows
for each statement execute function ${schema}.uplift_evidence_capture();
comment on trigger to_recommendations_uplift_evidence_delete on ${schema}.to_recommendations is
'Records what this statement changed that a stored uplift measurement may have read (uplift_evidence_changes).';
drop trigger if exists products_uplift_evidence_update on ${schema}.products;
create trigger products_uplift_evidence_update after update on ${schema}.products
referencing old table as old_rows new table as new_rows
for each statement execute function ${schema}.uplift_evidence_capture();
comment on trigger products_uplift_evidence_update on ${schema}.products is
'Records what this statement changed that a stored uplift measurement may have read (uplift_evidence_changes).';
drop trigger if exists locations_uplift_evidence_update on ${schema}.locations;
create trigger locations_uplift_evidence_update after update on ${schema}.locations
referencing old table as old_rows new table as new_rows
for each statement execute function ${schema}.uplift_evidence_capture();
comment on trigger locations_uplift_evidence_update on ${schema}.locations is
'Records what this statement changed that a stored uplift measurement may have read (uplift_evidence_changes).';

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
    v_through date;
begin
    if tg_table_name in ('demand_history', 'inventory_daily') then
        select state.measured_through into v_through from ${schema}.uplift_measure_state as state;
        if v_through is null then
            return null; -- nothing measured yet: nothing to re-measure
        end if;
    end if;
    -- Each branch names only the transition tables its event has (an insert has no old_rows).
    if tg_table_name = 'demand_history' and tg_op = 'INSERT' then
        insert into ${schema}.uplift_evidence_changes (source, product_id, location_id, first_date, last_date)
        select 'demand_history', rows_.product_id, rows_.location_id, min(rows_.demand_date), max(rows_.demand_date)
        from new_rows as rows_ where rows_.demand_date <= v_through
        group by rows_.product_id, rows_.location_id;
    elsif tg_table_name = 'demand_history' and tg_op = 'DELETE' then
        insert into ${schema}.uplift_evidence_changes (source, product_id, location_id, first_date, last_date)
        select 'demand_history', rows_.product_id, rows_.location_id, min(rows_.demand_date), max(rows_.demand_date)
        from old_rows as rows_ where rows_.demand_date <= v_through
        group by rows_.product_id, rows_.location_id;
    elsif tg_table_name = 'demand_history' then
        -- Rows whose measured values changed: one hash full join of the old and new rows on the row's key
        -- (unique in both), not four set operations over whole rows (uplift6, docs/benchmarks.md). A row whose key
        -- changed, or that crossed measured_through, is unmatched and counts with each key it had.
        insert into ${schema}.uplift_evidence_changes (source, product_id, location_id, first_date, last_date)
        select 'demand_history', changed.product_id, changed.location_id, min(changed.demand_date),
               max(changed.demand_date)
        from (
            select coalesce(new_.product_id, old_.product_id) as product_id,
                   coalesce(new_.location_id, old_.location_id) as location_id,
                   coalesce(new_.demand_date, old_.demand_date) as demand_date
            from (select rows_.product_id, rows_.location_id, rows_.demand_date, rows_.quantity, rows_.revenue,
                         rows_.demand_qty, rows_.is_in_stock, rows_.stockout_qty
                  from new_rows as rows_ where rows_.demand_date <= v_through) as new_
            full join (select rows_.product_id, rows_.location_id, rows_.demand_date, rows_.quantity, rows_.revenue,
                              rows_.demand_qty, rows_.is_in_stock, rows_.stockout_qty
                       from old_rows as rows_ where rows_.demand_date <= v_through) as old_
                on old_.product_id = new_.product_id and old_.location_id = new_.location_id
                    and old_.demand_date = new_.demand_date
            where new_.product_id is null or old_.product_id is null
                or (new_.quantity, new_.revenue, new_.demand_qty, new_.is_in_stock, new_.stockout_qty)
                is distinct from (old_.quantity, old_.revenue, old_.demand_qty, old_.is_in_stock, old_.stockout_qty)
        ) as changed
        group by changed.product_id, changed.location_id;
    elsif tg_table_name = 'inventory_daily' and tg_op = 'INSERT' then
        insert into ${schema}.uplift_evidence_changes (source, product_id, location_id, first_date, last_date)
        select 'inventory_daily', rows_.product_id, rows_.location_id, min(rows_.stat_date), max(rows_.stat_date)
        from new_rows as rows_ where rows_.stat_date <= v_through
        group by rows_.product_id, rows_.location_id;
    elsif tg_table_name = 'inventory_daily' and tg_op = 'DELETE' then
        insert into ${schema}.uplift_evidence_changes (source, product_id, location_id, first_date, last_date)
        select 'inventory_daily', rows_.product_id, rows_.location_id, min(rows_.stat_date), max(rows_.stat_date)
        from old_rows as rows_ where rows_.stat_date <= v_through
        group by rows_.product_id, rows_.location_id;
    elsif tg_table_name = 'inventory_daily' then
        -- as for demand_history: one full join on the key (product_id, location_id, stat_date)
        insert into ${schema}.uplift_evidence_changes (source, product_id, location_id, first_date, last_date)
        select 'inventory_daily', changed.product_id, changed.location_id, min(changed.stat_date),
               max(changed.stat_date)
        from (
            select coalesce(new_.product_id, old_.product_id) as product_id,
                   coalesce(new_.location_id, old_.location_id) as location_id,
                   coalesce(new_.stat_date, old_.stat_date) as stat_date
            from (select rows_.product_id, rows_.location_id, rows_.stat_date, rows_.on_hand_qty
                  from new_rows as rows_ where rows_.stat_date <= v_through) as new_
            full join (select rows_.product_id, rows_.location_id, rows_.stat_date, rows_.on_hand_qty
                       from old_rows as rows_ where rows_.stat_date <= v_through) as old_
                on old_.product_id = new_.product_id and old_.location_id = new_.location_id
                    and old_.stat_date = new_.stat_date
            where new_.product_id is null or old_.product_id is null
                or new_.on_hand_qty is distinct from old_.on_hand_qty
        ) as changed
        group by changed.product_id, changed.location_id;
    elsif tg_table_name = 'po_recommendations' and tg_op = 'DELETE' then
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

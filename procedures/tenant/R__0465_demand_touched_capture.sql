-- Issue 21 point 4: the load records what it touched. Statement triggers (transition tables, set-based: one insert
-- per statement, whatever the number of rows) on sales_orders, sales_order_lines and inventory_balances record the
-- product x location x date of every change step demand_history depends on into demand_touched_pairs. Triggers
-- rather than code in each load procedure: every writer (load, recovery replay, a DBA's correction) is covered.
create or replace function ${schema}.demand_touched_capture()
returns trigger
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    -- Each branch names only the transition tables its event has (an insert has no old_rows).
    if tg_table_name = 'sales_order_lines' and tg_op = 'INSERT' then
        insert into ${schema}.demand_touched_pairs as touched (
            product_id, location_id, touched_date, has_sales_change, has_stock_change
        )
        select distinct new_lines.product_id, orders.location_id, orders.order_date, true, false
        from new_rows as new_lines
        inner join ${schema}.sales_orders as orders on orders.id = new_lines.sales_order_id
        on conflict on constraint demand_touched_pairs_pkey do update set has_sales_change = true
        where not touched.has_sales_change;
    elsif tg_table_name = 'sales_order_lines' and tg_op = 'DELETE' then
        insert into ${schema}.demand_touched_pairs as touched (
            product_id, location_id, touched_date, has_sales_change, has_stock_change
        )
        select distinct old_lines.product_id, orders.location_id, orders.order_date, true, false
        from old_rows as old_lines
        inner join ${schema}.sales_orders as orders on orders.id = old_lines.sales_order_id
        on conflict on constraint demand_touched_pairs_pkey do update set has_sales_change = true
        where not touched.has_sales_change;
    elsif tg_table_name = 'sales_order_lines' then
        -- The old and the new product of a line whose demand-relevant values changed.
        with changed as (
            select old_lines.product_id as old_product_id, new_lines.product_id as new_product_id,
                   new_lines.sales_order_id
            from new_rows as new_lines
            inner join old_rows as old_lines on old_lines.id = new_lines.id
            where (old_lines.product_id, old_lines.qty, old_lines.revenue, old_lines.is_active, old_lines.is_cancelled)
                is distinct from (new_lines.product_id, new_lines.qty, new_lines.revenue, new_lines.is_active,
                                  new_lines.is_cancelled)
        ),

        products_changed as (
            select changed.new_product_id as product_id, changed.sales_order_id from changed
            union
            select changed.old_product_id, changed.sales_order_id from changed
        )

        insert into ${schema}.demand_touched_pairs as touched (
            product_id, location_id, touched_date, has_sales_change, has_stock_change
        )
        select distinct products_changed.product_id, orders.location_id, orders.order_date, true, false
        from products_changed
        inner join ${schema}.sales_orders as orders on orders.id = products_changed.sales_order_id
        on conflict on constraint demand_touched_pairs_pkey do update set has_sales_change = true
        where not touched.has_sales_change;
    elsif tg_table_name = 'sales_orders' then
        -- A header moved to another date or location, or its status or kind changed: the old and the new
        -- date x location of each of its lines.
        with changed_headers as (
            select new_orders.id, new_orders.order_date, new_orders.location_id,
                   old_orders.order_date as old_order_date, old_orders.location_id as old_location_id
            from new_rows as new_orders
            inner join old_rows as old_orders on old_orders.id = new_orders.id
            where (old_orders.order_date, old_orders.location_id, old_orders.status, old_orders.document_type)
                is distinct from (new_orders.order_date, new_orders.location_id, new_orders.status,
                                  new_orders.document_type)
        ),

        header_days as (
            select changed_headers.id, changed_headers.order_date, changed_headers.location_id from changed_headers
            union
            select changed_headers.id, changed_headers.old_order_date, changed_headers.old_location_id
            from changed_headers
        )

        insert into ${schema}.demand_touched_pairs as touched (
            product_id, location_id, touched_date, has_sales_change, has_stock_change
        )
        select distinct lines.product_id, header_days.location_id, header_days.order_date, true, false
        from header_days
        inner join ${schema}.sales_order_lines as lines on lines.sales_order_id = header_days.id
        on conflict on constraint demand_touched_pairs_pkey do update set has_sales_change = true
        where not touched.has_sales_change;
    elsif tg_op = 'INSERT' then
        insert into ${schema}.demand_touched_pairs as touched (
            product_id, location_id, touched_date, has_sales_change, has_stock_change
        )
        select distinct new_balances.product_id, new_balances.location_id, new_balances.balance_date, false, true
        from new_rows as new_balances
        on conflict on constraint demand_touched_pairs_pkey do update set has_stock_change = true
        where not touched.has_stock_change;
    elsif tg_op = 'DELETE' then
        insert into ${schema}.demand_touched_pairs as touched (
            product_id, location_id, touched_date, has_sales_change, has_stock_change
        )
        select distinct old_balances.product_id, old_balances.location_id, old_balances.balance_date, false, true
        from old_rows as old_balances
        on conflict on constraint demand_touched_pairs_pkey do update set has_stock_change = true
        where not touched.has_stock_change;
    else
        with changed as (
            select old_balances.product_id as old_product_id, old_balances.location_id as old_location_id,
                   old_balances.balance_date as old_balance_date, new_balances.product_id,
                   new_balances.location_id, new_balances.balance_date
            from new_rows as new_balances
            inner join old_rows as old_balances on old_balances.id = new_balances.id
            where (old_balances.product_id, old_balances.location_id, old_balances.balance_date,
                   old_balances.qty_available)
                is distinct from (new_balances.product_id, new_balances.location_id, new_balances.balance_date,
                                  new_balances.qty_available)
        ),

        balance_days as (
            select changed.product_id, changed.location_id, changed.balance_date from changed
            union
            select changed.old_product_id, changed.old_location_id, changed.old_balance_date from changed
        )

        insert into ${schema}.demand_touched_pairs as touched (
            product_id, location_id, touched_date, has_sales_change, has_stock_change
        )
        select balance_days.product_id, balance_days.location_id, balance_days.balance_date, false, true
        from balance_days
        on conflict on constraint demand_touched_pairs_pkey do update set has_stock_change = true
        where not touched.has_stock_change;
    end if;
    return null;
end
$$;
comment on function ${schema}.demand_touched_capture() is
'Statement trigger (transition tables new_rows / old_rows) on sales_orders (update), sales_order_lines and '
'inventory_balances (insert, update, delete): records into demand_touched_pairs every product x location x date '
'whose demand-relevant values changed (line product, quantity, revenue, active, cancelled; header date, location, '
'status, document type; available stock; old and new values both). Rewrites that change nothing step '
'demand_history reads (a raw hash only) record nothing. Consumed by step_demand_history (docs/demand.md).';

drop trigger if exists sales_order_lines_touched_insert on ${schema}.sales_order_lines;
create trigger sales_order_lines_touched_insert after insert on ${schema}.sales_order_lines
referencing new table as new_rows
for each statement execute function ${schema}.demand_touched_capture();
comment on trigger sales_order_lines_touched_insert on ${schema}.sales_order_lines is
'Records the product x location x date this statement changed into demand_touched_pairs (step 5 input).';
drop trigger if exists sales_order_lines_touched_update on ${schema}.sales_order_lines;
create trigger sales_order_lines_touched_update after update on ${schema}.sales_order_lines
referencing old table as old_rows new table as new_rows
for each statement execute function ${schema}.demand_touched_capture();
comment on trigger sales_order_lines_touched_update on ${schema}.sales_order_lines is
'Records the product x location x date this statement changed into demand_touched_pairs (step 5 input).';
drop trigger if exists sales_order_lines_touched_delete on ${schema}.sales_order_lines;
create trigger sales_order_lines_touched_delete after delete on ${schema}.sales_order_lines
referencing old table as old_rows
for each statement execute function ${schema}.demand_touched_capture();
comment on trigger sales_order_lines_touched_delete on ${schema}.sales_order_lines is
'Records the product x location x date this statement changed into demand_touched_pairs (step 5 input).';
drop trigger if exists sales_orders_touched_update on ${schema}.sales_orders;
create trigger sales_orders_touched_update after update on ${schema}.sales_orders
referencing old table as old_rows new table as new_rows
for each statement execute function ${schema}.demand_touched_capture();
comment on trigger sales_orders_touched_update on ${schema}.sales_orders is
'Records the product x location x date this statement changed into demand_touched_pairs (step 5 input).';
drop trigger if exists inventory_balances_touched_insert on ${schema}.inventory_balances;
create trigger inventory_balances_touched_insert after insert on ${schema}.inventory_balances
referencing new table as new_rows
for each statement execute function ${schema}.demand_touched_capture();
comment on trigger inventory_balances_touched_insert on ${schema}.inventory_balances is
'Records the product x location x date this statement changed into demand_touched_pairs (step 5 input).';
drop trigger if exists inventory_balances_touched_update on ${schema}.inventory_balances;
create trigger inventory_balances_touched_update after update on ${schema}.inventory_balances
referencing old table as old_rows new table as new_rows
for each statement execute function ${schema}.demand_touched_capture();
comment on trigger inventory_balances_touched_update on ${schema}.inventory_balances is
'Records the product x location x date this statement changed into demand_touched_pairs (step 5 input).';
drop trigger if exists inventory_balances_touched_delete on ${schema}.inventory_balances;
create trigger inventory_balances_touched_delete after delete on ${schema}.inventory_balances
referencing old table as old_rows
for each statement execute function ${schema}.demand_touched_capture();
comment on trigger inventory_balances_touched_delete on ${schema}.inventory_balances is
'Records the product x location x date this statement changed into demand_touched_pairs (step 5 input).';

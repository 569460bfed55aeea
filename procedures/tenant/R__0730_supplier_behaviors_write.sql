-- Step 6 (behaviors): supplier_behaviors of a snapshot from purchase orders and their receipts: lead time
-- from order to first receipt (mean, p90), fill rate, on-time rate and open orders. Definitions: docs/behaviors.md.
create or replace procedure ${schema}.supplier_behaviors_write(
    p_run_date date, p_window_days integer, inout p_counts jsonb
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_written bigint;
    v_deleted bigint;
begin
    call ${schema}.load_drop_temp('behavior_suppliers');
    create temp table behavior_suppliers on commit drop as
    with orders as (
        select orders.id, orders.supplier_id, orders.order_date, orders.expected_date,
               coalesce(orders.expected_date,
                        orders.order_date + coalesce(suppliers.lead_time_days_override, suppliers.lead_time_days, 0))
               as due_date
        from ${schema}.purchase_orders as orders
        inner join ${schema}.suppliers on suppliers.id = orders.supplier_id
        where orders.order_date between p_run_date - (p_window_days - 1) and p_run_date
            and orders.status is distinct from 'cancelled'
    ),

    receipts as (
        select receiving.purchase_order_id, lines.product_id, min(receiving.received_date) as first_receipt,
               sum(lines.qty_received) as qty_received
        from ${schema}.receiving_orders as receiving
        inner join ${schema}.receiving_order_lines as lines on lines.receiving_order_id = receiving.id
        where receiving.purchase_order_id in (select orders.id from orders)
            and receiving.received_date <= p_run_date and lines.is_active
        group by receiving.purchase_order_id, lines.product_id
    ),

    per_order as (
        select orders.id, orders.supplier_id, orders.order_date, orders.expected_date, orders.due_date,
               first_receipts.first_receipt
        from orders
        left join (
            select receipts.purchase_order_id, min(receipts.first_receipt) as first_receipt
            from receipts
            group by receipts.purchase_order_id
        ) as first_receipts on first_receipts.purchase_order_id = orders.id
    ),

    filled as (
        select orders.supplier_id, sum(lines.qty_ordered) as qty_ordered,
               sum(coalesce(lines.qty_delivered, receipts.qty_received, 0)) as qty_delivered
        from orders
        inner join ${schema}.purchase_order_lines as lines on lines.purchase_order_id = orders.id
        left join receipts on receipts.purchase_order_id = orders.id and receipts.product_id = lines.product_id
        where orders.due_date <= p_run_date and lines.is_active
        group by orders.supplier_id
    ),

    measured as (
        select per_order.supplier_id, count(*) as po_count,
               count(per_order.first_receipt) as received_po_count,
               round(avg(per_order.first_receipt - per_order.order_date), 2) as avg_lead_time_days,
               round(percentile_cont(0.9) within group (
                   order by per_order.first_receipt - per_order.order_date
               )::numeric, 2) as lead_time_p90,
               round(avg((per_order.first_receipt <= per_order.expected_date)::integer) filter (
                   where per_order.first_receipt is not null and per_order.expected_date is not null
               ), 4) as on_time_rate
        from per_order
        group by per_order.supplier_id
    ),

    open_orders as (
        select orders.supplier_id, count(*) as open_po_count
        from ${schema}.purchase_orders as orders
        where orders.status in ('open', 'confirmed', 'partially_received') and orders.order_date <= p_run_date
        group by orders.supplier_id
    )

    select suppliers.id as supplier_id, coalesce(measured.po_count, 0) as po_count,
           coalesce(measured.received_po_count, 0) as received_po_count, measured.avg_lead_time_days,
           measured.lead_time_p90, round(filled.qty_delivered / nullif(filled.qty_ordered, 0), 4) as fill_rate,
           measured.on_time_rate, coalesce(open_orders.open_po_count, 0) as open_po_count
    from ${schema}.suppliers
    left join measured on measured.supplier_id = suppliers.id
    left join filled on filled.supplier_id = suppliers.id
    left join open_orders on open_orders.supplier_id = suppliers.id
    where measured.supplier_id is not null or open_orders.supplier_id is not null;

    insert into ${schema}.supplier_behaviors as behaviors (
        supplier_id, snapshot_date, window_days, po_count, received_po_count, avg_lead_time_days, lead_time_p90,
        fill_rate, on_time_rate, open_po_count
    )
    select measured.supplier_id, p_run_date, p_window_days, measured.po_count, measured.received_po_count,
           measured.avg_lead_time_days, measured.lead_time_p90, measured.fill_rate, measured.on_time_rate,
           measured.open_po_count
    from behavior_suppliers as measured
    on conflict on constraint supplier_behaviors_supplier_id_snapshot_date_key do update
    set window_days = excluded.window_days, po_count = excluded.po_count,
        received_po_count = excluded.received_po_count, avg_lead_time_days = excluded.avg_lead_time_days,
        lead_time_p90 = excluded.lead_time_p90, fill_rate = excluded.fill_rate,
        on_time_rate = excluded.on_time_rate, open_po_count = excluded.open_po_count, updated_at = now()
    where (behaviors.window_days, behaviors.po_count, behaviors.received_po_count, behaviors.avg_lead_time_days,
           behaviors.lead_time_p90, behaviors.fill_rate, behaviors.on_time_rate, behaviors.open_po_count)
        is distinct from
        (excluded.window_days, excluded.po_count, excluded.received_po_count, excluded.avg_lead_time_days,
         excluded.lead_time_p90, excluded.fill_rate, excluded.on_time_rate, excluded.open_po_count);
    get diagnostics v_written = row_count;

    delete from ${schema}.supplier_behaviors as behaviors
    where behaviors.snapshot_date = p_run_date
        and not exists (select from behavior_suppliers as measured where measured.supplier_id = behaviors.supplier_id);
    get diagnostics v_deleted = row_count;

    p_counts := coalesce(p_counts, '{}') || jsonb_build_object(
        'suppliers_written', v_written,
        'rows_deleted', coalesce((p_counts ->> 'rows_deleted')::bigint, 0) + v_deleted
    );
end
$$;
comment on procedure ${schema}.supplier_behaviors_write(date, integer, jsonb) is
'Step 6 (behaviors), unscoped runs: supplier_behaviors of the snapshot over the purchase orders (not cancelled) dated '
'in the trailing supplier window: lead time order -> first receipt (mean, p90), fill rate of the due orders, on-time '
'rate against the expected date, and open orders on the date. Only changed rows are written; suppliers without '
'orders lose their row of the date. Adds suppliers_written to p_counts.';

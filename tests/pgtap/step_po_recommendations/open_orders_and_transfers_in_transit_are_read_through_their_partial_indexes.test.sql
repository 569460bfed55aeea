begin;
select plan(4);

-- Tenant V86's partial indexes serve a statement only while its filter implies the index predicate: a step whose
-- filter drifts from the index (another status list, received_date no longer tested) silently reads every order ever
-- loaded again. This file plans steps 10 and 11's filters, as written in R__1000 and R__1040, on tests.po_world with
-- sequential scans disabled, so that the cost of a few fixture rows cannot decide: the plan must name the index.
-- (Which path the planner takes with sequential scans allowed depends on the table's size: a bench world's choices
-- are in docs/recommendations.md, "The plans of V86's indexes".)
select tests.po_world('2024-06-30');
analyze cw_000901.purchase_orders, cw_000901.purchase_order_lines, cw_000901.transfer_orders;
set local enable_seqscan = off;

create function pg_temp.plan_of(p_sql text)
returns text
language plpgsql
as $$
declare
    v_plan json;
begin
    execute 'explain (format json, costs off) ' || p_sql into v_plan;
    return v_plan::text;
end
$$;

select matches(
    pg_temp.plan_of($$
        select purchase_orders.location_id, lines.product_id, sum(lines.qty_ordered)
        from cw_000901.purchase_orders
        inner join cw_000901.purchase_order_lines as lines on lines.purchase_order_id = purchase_orders.id
        where purchase_orders.status in ('open', 'confirmed', 'partially_received')
            and purchase_orders.order_date <= date '2024-06-30' and lines.is_active
        group by purchase_orders.location_id, lines.product_id $$),
    'purchase_orders_open_location_id_idx',
    'step 10''s and 11''s open purchase orders are read through the partial index of open orders'
);
select matches(
    pg_temp.plan_of($$
        select transfer_orders.to_location_id, lines.product_id, sum(lines.qty_shipped)
        from cw_000901.transfer_orders
        inner join cw_000901.transfer_order_lines as lines on lines.transfer_order_id = transfer_orders.id
        where transfer_orders.status in ('open', 'shipped') and transfer_orders.received_date is null
            and transfer_orders.ship_date <= date '2024-06-30' and lines.is_active
        group by transfer_orders.to_location_id, lines.product_id $$),
    'transfer_orders_in_transit_to_location_id_idx',
    'the units in transit are read through the partial index of transfers not yet received'
);
select matches(
    pg_temp.plan_of($$
        select latest.unit_cost
        from (select id as product_id from cw_000901.products where erp_id = 'IT-A') as supplied
        cross join lateral (
            select lines.unit_cost
            from cw_000901.purchase_order_lines as lines
            inner join cw_000901.purchase_orders on purchase_orders.id = lines.purchase_order_id
            where lines.product_id = supplied.product_id and lines.unit_cost is not null
                and purchase_orders.order_date <= date '2024-06-30'
            order by purchase_orders.order_date desc, lines.id desc
            limit 1
        ) as latest $$),
    'purchase_order_lines_product_id_order_idx',
    'step 10''s latest unit cost reads a product''s lines through the index carrying the order and the cost'
);
-- The guard works both ways: a received order is outside the index predicate, so a filter on it cannot use it.
select doesnt_match(
    pg_temp.plan_of($$
        select count(*) from cw_000901.purchase_orders
        where purchase_orders.status in ('open', 'received') and purchase_orders.order_date <= date '2024-06-30' $$),
    'purchase_orders_open_location_id_idx',
    'a filter that does not imply the predicate cannot use the partial index'
);

select * from finish();
rollback;

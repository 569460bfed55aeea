begin;
select plan(2);

-- The po_recommendations world: IT-A bought from IT-SUP by IT-S1 and IT-DC, its latest line IT-PO1 (2024-06-28, 5.5
-- EUR); IT-B never bought (product cost 6). Added: a line of the same date loaded later (5.75: the later line wins a
-- tie), a later line from another supplier (9.9) and a line of IT-SUP dated after the run date (7.7): neither counts.
select tests.po_world('2024-06-30');
insert into cw_000901.suppliers (erp_id, name, currency_id, erp_status, lead_time_days, review_cycle_days,
                                 first_seen_date, row_hash)
select 'IT-OTHER', 'Another supplier', id, 'active', 5, 7, '2023-01-01', md5('it-other')::uuid
from cw_global.currencies where code = 'EUR';
insert into cw_000901.purchase_orders (erp_id, supplier_id, location_id, order_date, expected_date, status,
                                       currency_id, fx_rate, first_loaded_on, row_hash)
select orders.erp_id, suppliers.id, locations.id, orders.order_date, orders.order_date + 5, orders.status,
       suppliers.currency_id, 1, orders.order_date, md5(orders.erp_id)::uuid
from (values ('IT-PO6', 'IT-SUP', date '2024-06-28', 'received'),
             ('IT-PO4', 'IT-OTHER', date '2024-06-29', 'received'),
             ('IT-PO5', 'IT-SUP', date '2024-07-01', 'open')) as orders (erp_id, supplier, order_date, status)
inner join cw_000901.suppliers on suppliers.erp_id = orders.supplier
inner join cw_000901.locations on locations.erp_id = 'IT-S1';
insert into cw_000901.purchase_order_lines (purchase_order_id, line_no, product_id, qty_ordered, qty_confirmed,
                                            qty_delivered, unit_cost, row_hash)
select purchase_orders.id, 1, products.id, 10, 10, line.delivered, line.unit_cost, md5(line.erp_id || '-1')::uuid
from (values ('IT-PO6', 10, 5.75), ('IT-PO4', 10, 9.9), ('IT-PO5', 0, 7.7)) as line (erp_id, delivered, unit_cost)
inner join cw_000901.purchase_orders on purchase_orders.erp_id = line.erp_id
inner join cw_000901.products on products.erp_id = 'IT-A';

call cw_000901.step_po_recommendations('2024-06-30', null);
-- The unit cost of each recommendation, by product and location erp_id.
create temporary view tap_unit_cost as
select products.erp_id as product, locations.erp_id as location, recommendations.unit_cost
from cw_000901.po_recommendations as recommendations
inner join cw_000901.products on products.id = recommendations.product_id
inner join cw_000901.locations on locations.id = recommendations.location_id;

select results_eq(
    $$ select product, location, unit_cost from tap_unit_cost order by 1, 2 $$,
    $$ values ('IT-A'::text, 'IT-DC'::text, 5.7500), ('IT-A', 'IT-S1', 5.7500), ('IT-B', 'IT-S1', 6.0000) $$,
    'every location buying IT-A from IT-SUP gets the latest line of that supplier on or before the run date (a tie '
    'on the order date goes to the later line); a product never bought keeps its product cost'
);

-- A line of another supplier is never the cost of this supplier's product, even as the only line.
delete from cw_000901.purchase_order_lines
where purchase_order_id in (select id from cw_000901.purchase_orders where erp_id in ('IT-PO1', 'IT-PO2', 'IT-PO3',
                                                                                       'IT-PO6'));
call cw_000901.step_po_recommendations('2024-06-30', null);
select results_eq(
    $$ select product, location, unit_cost from tap_unit_cost where product = 'IT-A' order by 1, 2 $$,
    $$ select products.erp_id, locations.erp_id, products.cost::numeric(14, 4)
       from cw_000901.products cross join cw_000901.locations
       where products.erp_id = 'IT-A' and locations.erp_id in ('IT-DC', 'IT-S1')
       order by 1, 2 $$,
    'without a line of its own supplier on or before the run date the product cost is taken'
);

select * from finish();
rollback;

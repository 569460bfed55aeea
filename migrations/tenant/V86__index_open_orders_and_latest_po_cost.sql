-- Steps 6, 10 and 11 (docs/recommendations.md, "What each step reads"): open purchase orders and transfers still in
-- transit are found every night by their status among every order ever loaded (orders are never deleted); these
-- partial indexes hold only the open ones, so the nightly read follows the open orders, not the history. Their
-- predicates are exactly the steps' filters (a partial index serves a query only when its filter implies the
-- predicate). Step 10's unit cost reads the lines of a product through an index that carries the order and the cost.
create index purchase_orders_open_location_id_idx on ${schema}.purchase_orders (location_id, order_date)
where status in ('open', 'confirmed', 'partially_received');
comment on index ${schema}.purchase_orders_open_location_id_idx is
'Open purchase orders (open, confirmed, partially received) by receiving location and order date: the units on order '
'of steps 10 and 11 and step 6''s open order count, without reading the received and cancelled history.';

create index transfer_orders_in_transit_to_location_id_idx on ${schema}.transfer_orders (to_location_id, ship_date)
where status in ('open', 'shipped') and received_date is null;
comment on index ${schema}.transfer_orders_in_transit_to_location_id_idx is
'Transfers not yet received (open or shipped) by receiving location and ship date: the units in transit of steps 10 '
'and 11, without reading the received history.';

create index purchase_order_lines_product_id_order_idx on ${schema}.purchase_order_lines (product_id, purchase_order_id)
include (unit_cost);
comment on index ${schema}.purchase_order_lines_product_id_order_idx is
'The purchase order lines of a product with their unit cost: step 10''s latest unit cost per product and supplier '
'(one read of the product''s lines, whatever the number of locations buying it); also serves the product_id foreign '
'key.';

-- The index above leads with product_id: the single-column one is redundant.
drop index ${schema}.purchase_order_lines_product_id_idx;

-- Navision's REBALANCE placeholder (global migration V80): the reason columns say how each dialect sends it.
comment on column ${schema}.transfer_orders.reason is
'replenishment, store_closure or rebalance (navision: "STORE CLOSURE" or "REBALANCE" in ExternalDocumentNo, else '
'replenishment).';
comment on column ${staging_schema}.staging_transfer_orders.store_order_id is
'Store order the transfer answers; null or blank otherwise (header; catwing store_order_id, navision '
'Header.ExternalDocumentNo, where STORE CLOSURE marks a closing store''s return and REBALANCE a move between two '
'locations that is no replenishment; neither is an order number).';
comment on column ${staging_schema}.staging_transfer_orders.reason is
'Why the goods move: replenishment, store_closure or rebalance (header; catwing reason; navision sends none: load '
'takes store_closure for STORE CLOSURE, rebalance for REBALANCE, else replenishment).';

begin;
select plan(6);

-- Step 10 re-proposes a pair every day while it stays below its reorder point, net of what is already on order (a
-- day's snapshot holds that day's orders). Four products at UP-W from UP-SUP, every number by hand (tolerance 20%):
-- UP-FOLLOW  recommended 40, 12, 8, 5 on 03-01 .. 03-04, and the buyer orders each the next morning (40 on 03-02,
--            12 on 03-03, 8 on 03-04, 5 on 03-05): asked = 5 (last re-proposal) + 60 (ordered 03-01 .. 03-04) = 65,
--            ordered 65 -> respected. The old rule compared 65 with the first quantity, 40: ordered_more.
--            Then 30 on 03-08 (a new episode: 4 days later), ordered 30 on 03-09: that order answers the new episode,
--            so the first episode's window ends on 03-07 (the day before) and the second is respected on its own.
-- UP-IGNORE  recommended 40, 41, 42 on 03-01 .. 03-03, nothing ordered: asked 42, ordered 0 -> not_ordered.
-- UP-ONCE    recommended 50 on 03-01, ordered 50 on 03-02; re-proposed 4 on 03-02 and 3 on 03-03 (the need grew a
--            little), not ordered: asked 3 + 50 = 53, ordered 50 -> respected (within 20%).
-- UP-DOUBLE  recommended 20, 20 on 03-01 .. 03-02, ordered 20 on 03-02 (the re-proposal of 03-02 already saw it and
--            asked 20 more) and 20 on 03-03: asked 20 + 20 = 40, ordered 40 -> respected; ordered once only (20)
--            would be ordered_less.
select tests.uplift_world('2024-03-01');
insert into cw_000901.products (erp_id, name, product_category_id, primary_supplier_id, erp_currency_id, cost, price,
                                erp_status, first_seen_date, row_hash)
select product.erp_id, product.erp_id, template.product_category_id, template.primary_supplier_id,
       template.erp_currency_id, 6, 10, 'active', '2023-01-01', md5(product.erp_id)::uuid
from (values ('UP-FOLLOW'), ('UP-IGNORE'), ('UP-ONCE'), ('UP-DOUBLE')) as product (erp_id)
cross join (select * from cw_000901.products where erp_id = 'UP-RESP') as template;

insert into cw_000901.po_recommendations (
    product_id, supplier_id, location_id, recommendation_date, recommended_qty, predicted_qty, order_buffer,
    unit_cost, currency_id, confidence, confidence_reasons, po_recommendation_priority_id, priority_reasons,
    on_hand_qty, on_order_qty, in_transit_qty, reserved_qty, inventory_position_qty, lead_time_demand_qty,
    reorder_point, target_stock, lead_time_days, cover_days, pack_size_qty, moq_qty
)
select products.id, products.primary_supplier_id, (select id from cw_000901.locations where erp_id = 'UP-W'),
       rec.rec_date, rec.qty, rec.qty, 0, 6, products.erp_currency_id, 0.8, 'fixture', 3, 'fixture', 0, 0, 0, 0, 0,
       0, 10, 60, 2.5, null, 1, 0
from (values ('UP-FOLLOW', '2024-03-01'::date, 40), ('UP-FOLLOW', '2024-03-02', 12), ('UP-FOLLOW', '2024-03-03', 8),
             ('UP-FOLLOW', '2024-03-04', 5), ('UP-FOLLOW', '2024-03-08', 30),
             ('UP-IGNORE', '2024-03-01', 40), ('UP-IGNORE', '2024-03-02', 41), ('UP-IGNORE', '2024-03-03', 42),
             ('UP-ONCE', '2024-03-01', 50), ('UP-ONCE', '2024-03-02', 4), ('UP-ONCE', '2024-03-03', 3),
             ('UP-DOUBLE', '2024-03-01', 20), ('UP-DOUBLE', '2024-03-02', 20)) as rec (product, rec_date, qty)
inner join cw_000901.products on products.erp_id = rec.product;

insert into cw_000901.purchase_orders (erp_id, supplier_id, location_id, order_date, status, currency_id, fx_rate,
                                       first_loaded_on, row_hash)
select 'UP-PO-' || line.product || '-' || line.order_date, suppliers.id,
       (select id from cw_000901.locations where erp_id = 'UP-W'), line.order_date, 'open', suppliers.currency_id, 1,
       line.order_date, md5('UP-PO-' || line.product || '-' || line.order_date)::uuid
from (values ('UP-FOLLOW', '2024-03-02'::date), ('UP-FOLLOW', '2024-03-03'), ('UP-FOLLOW', '2024-03-04'),
             ('UP-FOLLOW', '2024-03-05'), ('UP-FOLLOW', '2024-03-09'), ('UP-ONCE', '2024-03-02'),
             ('UP-DOUBLE', '2024-03-02'), ('UP-DOUBLE', '2024-03-03')) as line (product, order_date)
cross join (select * from cw_000901.suppliers where erp_id = 'UP-SUP') as suppliers;
insert into cw_000901.purchase_order_lines (purchase_order_id, line_no, product_id, qty_ordered, row_hash)
select purchase_orders.id, 1, products.id, line.qty, md5(purchase_orders.erp_id || '-1')::uuid
from (values ('UP-FOLLOW', '2024-03-02'::date, 40), ('UP-FOLLOW', '2024-03-03', 12), ('UP-FOLLOW', '2024-03-04', 8),
             ('UP-FOLLOW', '2024-03-05', 5), ('UP-FOLLOW', '2024-03-09', 30), ('UP-ONCE', '2024-03-02', 50),
             ('UP-DOUBLE', '2024-03-02', 20), ('UP-DOUBLE', '2024-03-03', 20)) as line (product, order_date, qty)
inner join cw_000901.purchase_orders on purchase_orders.erp_id = 'UP-PO-' || line.product || '-' || line.order_date
inner join cw_000901.products on products.erp_id = line.product;

create temporary view tap_episode as
select distinct products.erp_id as product, decisions.episode_first_date, decisions.match_kind,
       decisions.recommended_qty::text as asked_qty, decisions.ordered_qty::text as ordered_qty,
       decisions.window_end_date, decisions.reason
from cw_000901.po_recommendation_respect_decisions as decisions
inner join cw_000901.po_recommendations as recommendations on recommendations.id = decisions.po_recommendation_id
inner join cw_000901.products on products.id = recommendations.product_id;

call cw_000901.step_uplift('2024-03-15', null);

select results_eq(
    $$ select episode_first_date, match_kind, asked_qty, ordered_qty, window_end_date from tap_episode
       where product = 'UP-FOLLOW' order by episode_first_date $$,
    $$ values ('2024-03-01'::date, 'respected', '65.000', '65.000', '2024-03-07'::date),
              ('2024-03-08', 'respected', '30.000', '30.000', '2024-03-15') $$,
    'a buyer who orders every daily re-proposal is respected: the episode asks its last re-proposal plus what was '
    || 'ordered until then, and its window ends the day before the next episode');
select is((select reason from tap_episode where product = 'UP-FOLLOW' and episode_first_date = '2024-03-01'),
          '65 of 65 recommended units ordered on 4 line(s) dated 2024-03-01 to 2024-03-07 (tolerance 20%) for the '
          || 'episode of 4 recommendations dated 2024-03-01 to 2024-03-04 (5 re-proposed on 2024-03-04 + 60 ordered '
          || '2024-03-01 to 2024-03-04): respected',
          'the reason shows how the asked quantity was made up');
select results_eq(
    $$ select match_kind, asked_qty, ordered_qty from tap_episode where product = 'UP-IGNORE' $$,
    $$ values ('not_ordered', '42.000', '0.000') $$,
    'a buyer who ignores every re-proposal is not respected (asked: the last re-proposal)');
select results_eq(
    $$ select match_kind, asked_qty, ordered_qty from tap_episode where product = 'UP-ONCE' $$,
    $$ values ('respected', '53.000', '50.000') $$,
    'a buyer who orders the first proposal and skips small later top-ups is respected within the tolerance');
select results_eq(
    $$ select match_kind, asked_qty, ordered_qty from tap_episode where product = 'UP-DOUBLE' $$,
    $$ values ('respected', '40.000', '40.000') $$,
    'a re-proposal that asks for more after an order counts: ordering both is respected');
select is((select count(*)::integer from cw_000901.po_recommendations as recommendations
           inner join cw_000901.products on products.id = recommendations.product_id
           where products.erp_id = 'UP-FOLLOW' and recommendations.is_respected),
          5, 'every recommendation the follower ordered is flagged respected');

select * from finish();
rollback;

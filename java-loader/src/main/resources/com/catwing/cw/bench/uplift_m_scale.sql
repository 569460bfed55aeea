-- cw bench uplift --m-scale --reuse: what step uplift reads, loaded set-based into a kept behaviours bench world
-- (cw bench behaviors --keep: 10k products x 50 locations, the DC last, the webshop before it, bench_pairs = the
-- ranged store and webshop pairs with their daily demand rate). Parts run in order, each timed by the bench; the
-- placeholders ${schema}, ${stats}, ${first} (the world's first day), ${last} (its last day) and ${rec_start} (the
-- first recommendation date) are replaced by the bench; inventory_daily and the classes are loaded by the bench
-- before the last part (UpliftMScale.stock, .classes). docs/benchmarks.md "upliftm".
-- Every run starts from the same state: the synthetic recommendations and orders are made again from hashes (no
-- random()), so two runs of the bench load the same rows.

-- @part reset: recommendations, decisions, impacts, measurements, kept window sums, the evidence queue and the bench's
-- orders removed
truncate ${schema}.po_recommendations, ${schema}.to_recommendations, ${schema}.uplift_measurements,
    ${schema}.uplift_measurement_units, ${schema}.uplift_window_measures, ${schema}.uplift_evidence_changes,
    ${schema}.uplift_measure_state cascade;
delete from ${schema}.purchase_order_lines as lines
using ${schema}.purchase_orders as orders
where orders.id = lines.purchase_order_id and orders.erp_id like 'BU-%';
delete from ${schema}.purchase_orders where erp_id like 'BU-%';
delete from ${schema}.transfer_order_lines as lines
using ${schema}.transfer_orders as orders
where orders.id = lines.transfer_order_id and orders.erp_id like 'BU-%';
delete from ${schema}.transfer_orders where erp_id like 'BU-%';

-- @part tree: stores and the webshop are served by the DC (the buying location of every purchase order)
update ${schema}.locations as locations
set parent_location_id = dc.id
from (select locations.id from ${schema}.locations where locations.location_type = 'dc') as dc
where locations.location_type in ('store', 'online')
    and locations.parent_location_id is distinct from dc.id;

-- @part episodes: recommendation episodes of both sides, one per unit and block, from hashes
-- A transfer lane (DC -> ranged store or webshop pair) starts an episode every 20 days (0.05 new episode leads per
-- receiving pair and day, uplift4's closed-loop rate), a product at the DC (its primary supplier) every 32 days
-- (0.031 per product and day: uplift4's 0.20 measurements per product and night over 6.4 measurements each); an
-- episode is 1-4 consecutive daily recommendations (uplift4: 2.5 per episode lead); the block's phase and the
-- episode's offset in it are drawn per unit and block. Half of the episodes are followed (every member's quantity
-- ordered or shipped the next morning), a tenth partially (half of each, unrounded: an episode of one is then
-- ordered_less), the rest ignored.
drop table if exists ${schema}.bench_uplift_members;
create unlogged table ${schema}.bench_uplift_members as
with units as (
    select
        'to'::text as side,
        pairs.product_id,
        pairs.location_id,
        dc.id as partner_id,
        20 as block_days,
        greatest(1, ceil(pairs.rate * 10))::numeric as first_qty,
        abs(hashtext('bench-uplift/to/' || pairs.product_id || '/' || pairs.location_id)) as unit_hash
    from ${schema}.bench_pairs as pairs
    cross join (select locations.id from ${schema}.locations where locations.location_type = 'dc') as dc
    union all
    select
        'po',
        products.id,
        dc.id,
        products.primary_supplier_id,
        32,
        greatest(1, ceil(coalesce(demand.rate, 0) * 14))::numeric,
        abs(hashtext('bench-uplift/po/' || products.id))
    from ${schema}.products
    cross join (select locations.id from ${schema}.locations where locations.location_type = 'dc') as dc
    left join (select pairs.product_id, sum(pairs.rate) as rate from ${schema}.bench_pairs as pairs
               group by pairs.product_id) as demand on demand.product_id = products.id
),

blocks as (
    select
        units.*,
        block_no,
        abs(hashtext('bench-uplift/block/' || units.side || '/' || units.product_id || '/' || units.location_id
                     || '/' || block_no)) as block_hash
    from units
    cross join generate_series(-1, (${last}::date - ${rec_start}::date) / 16 + 1) as block_no
),

episodes as (
    select
        blocks.*,
        ${rec_start}::date + blocks.block_no * blocks.block_days - (blocks.unit_hash % blocks.block_days)::integer
        + (blocks.block_hash % (blocks.block_days - 5))::integer as first_date,
        1 + (blocks.block_hash / 7 % 4)::integer as member_count,
        case when blocks.block_hash / 31 % 10 < 5 then 'followed'
             when blocks.block_hash / 31 % 10 = 5 then 'partial'
             else 'ignored' end as follow_kind
    from blocks
)

select
    episodes.side,
    episodes.product_id,
    episodes.location_id,
    episodes.partner_id,
    episodes.block_no,
    member_no,
    episodes.first_date + member_no - 1 as recommendation_date,
    case when member_no = 1 then episodes.first_qty else greatest(1, ceil(episodes.first_qty / 4)) end
    as recommended_qty,
    episodes.first_qty,
    episodes.follow_kind
from episodes
cross join generate_series(1, episodes.member_count) as member_no
where episodes.first_date + member_no - 1 between ${rec_start}::date and ${last}::date;

-- @part recommendations: po_recommendations at the DC, to_recommendations DC -> store / webshop
insert into ${schema}.po_recommendations (
    product_id, supplier_id, location_id, recommendation_date, recommended_qty, predicted_qty, order_buffer,
    unit_cost, currency_id, confidence, confidence_reasons, po_recommendation_priority_id, priority_reasons,
    on_hand_qty, on_order_qty, in_transit_qty, reserved_qty, inventory_position_qty, lead_time_demand_qty,
    reorder_point, target_stock, lead_time_days, cover_days, pack_size_qty, moq_qty
)
select
    members.product_id, members.partner_id, members.location_id, members.recommendation_date,
    members.recommended_qty, members.recommended_qty, 0, products.cost,
    (select currencies.id from cw_global.currencies where currencies.code = 'EUR'), 0.8, 'bench', priority.id,
    'bench', 0, 0, 0, 0, 0, members.first_qty, members.first_qty, 2 * members.first_qty, suppliers.lead_time_days,
    14, 1, 0
from ${schema}.bench_uplift_members as members
inner join ${schema}.products on products.id = members.product_id
inner join ${schema}.suppliers on suppliers.id = members.partner_id
cross join (select min(priorities.id) as id from ${schema}.po_recommendation_priorities as priorities) as priority
where members.side = 'po'
order by members.product_id, members.recommendation_date;

insert into ${schema}.to_recommendations (
    product_id, from_location_id, to_location_id, recommendation_date, recommended_qty, requested_qty,
    to_recommendation_reason_id, po_recommendation_priority_id, priority_reasons, confidence, confidence_reasons,
    to_on_hand_qty, to_in_transit_qty, to_on_order_qty, to_reserved_qty, to_position_qty, to_reorder_point,
    to_target_stock, from_available_qty, from_spare_qty, demand_per_day, cover_days, transit_days, pack_size_qty
)
select
    members.product_id, members.partner_id, members.location_id, members.recommendation_date,
    members.recommended_qty, members.recommended_qty, reason.id, priority.id, 'bench', 0.8, 'bench',
    0, 0, 0, 0, 0, members.first_qty, 2 * members.first_qty, 1000, 1000, null, 10, 1, 1
from ${schema}.bench_uplift_members as members
cross join (select reasons.id from ${schema}.to_recommendation_reasons as reasons
            where reasons.name = 'replenishment') as reason
cross join (select min(priorities.id) as id from ${schema}.po_recommendation_priorities as priorities) as priority
where members.side = 'to'
order by members.product_id, members.location_id, members.recommendation_date;

-- @part orders: the buyer's purchase orders and the DC's transfers, the morning after each followed recommendation
insert into ${schema}.purchase_orders (
    erp_id, supplier_id, location_id, order_date, expected_date, status, currency_id, fx_rate, first_loaded_on,
    row_hash
)
select distinct on (members.partner_id, members.recommendation_date)
    'BU-P-' || members.partner_id || '-' || (members.recommendation_date + 1), members.partner_id,
    members.location_id, members.recommendation_date + 1,
    members.recommendation_date + 1 + suppliers.lead_time_days, 'confirmed', suppliers.currency_id, 1,
    members.recommendation_date + 1,
    md5('BU-P-' || members.partner_id || '-' || (members.recommendation_date + 1))::uuid
from ${schema}.bench_uplift_members as members
inner join ${schema}.suppliers on suppliers.id = members.partner_id
where members.side = 'po' and members.follow_kind <> 'ignored' and members.recommendation_date < ${last}::date
order by members.partner_id, members.recommendation_date;

insert into ${schema}.purchase_order_lines (purchase_order_id, line_no, product_id, qty_ordered, row_hash)
select
    orders.id,
    row_number() over (partition by orders.id order by members.product_id),
    members.product_id,
    case when members.follow_kind = 'followed' then members.recommended_qty
         else members.recommended_qty / 2 end,
    md5('BU-PL-' || orders.id || '-' || members.product_id)::uuid
from ${schema}.bench_uplift_members as members
inner join ${schema}.purchase_orders as orders
    on orders.erp_id = 'BU-P-' || members.partner_id || '-' || (members.recommendation_date + 1)
where members.side = 'po' and members.follow_kind <> 'ignored' and members.recommendation_date < ${last}::date;

insert into ${schema}.transfer_orders (
    erp_id, from_location_id, to_location_id, reason, ship_date, expected_date, received_date, status,
    first_loaded_on, row_hash
)
select distinct on (members.location_id, members.recommendation_date)
    'BU-T-' || members.location_id || '-' || (members.recommendation_date + 1), members.partner_id,
    members.location_id, 'replenishment', members.recommendation_date + 1, members.recommendation_date + 2,
    case when members.recommendation_date + 2 <= ${last}::date then members.recommendation_date + 2 end,
    case when members.recommendation_date + 2 <= ${last}::date then 'received' else 'shipped' end,
    members.recommendation_date + 1,
    md5('BU-T-' || members.location_id || '-' || (members.recommendation_date + 1))::uuid
from ${schema}.bench_uplift_members as members
where members.side = 'to' and members.follow_kind <> 'ignored' and members.recommendation_date < ${last}::date
order by members.location_id, members.recommendation_date;

insert into ${schema}.transfer_order_lines (transfer_order_id, line_no, product_id, qty_shipped, qty_received,
                                            row_hash)
select
    orders.id,
    row_number() over (partition by orders.id order by members.product_id),
    members.product_id,
    shipped.qty,
    case when orders.received_date is not null then shipped.qty end,
    md5('BU-TL-' || orders.id || '-' || members.product_id)::uuid
from ${schema}.bench_uplift_members as members
inner join ${schema}.transfer_orders as orders
    on orders.erp_id = 'BU-T-' || members.location_id || '-' || (members.recommendation_date + 1)
cross join lateral (
    select case when members.follow_kind = 'followed' then members.recommended_qty
                else members.recommended_qty / 2 end as qty
) as shipped
where members.side = 'to' and members.follow_kind <> 'ignored' and members.recommendation_date < ${last}::date;

-- @part analyze
analyze ${schema}.po_recommendations, ${schema}.to_recommendations, ${schema}.purchase_orders,
    ${schema}.purchase_order_lines, ${schema}.transfer_orders, ${schema}.transfer_order_lines, ${schema}.locations,
    ${schema}.product_location_behaviors, ${schema}.product_behaviors, ${stats}.inventory_daily;

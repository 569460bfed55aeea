-- Step 10: purchase-order recommendations (seed 004 "Recommendations"): the statuses (UI-owned workflow) and
-- priorities, one recommendation per product x location x supplier x run date, and the supplier's minimum order
-- value (UI-owned) that the per-supplier summary checks. Formulas: docs/recommendations.md.
create table ${schema}.po_recommendation_statuses (
    id smallint not null,
    name text not null,
    description text not null,
    constraint po_recommendation_statuses_pkey primary key (id),
    constraint po_recommendation_statuses_name_key unique (name)
);
comment on table ${schema}.po_recommendation_statuses is
'Workflow statuses of a purchase-order recommendation. The pipeline writes pending; the buyer (UI role) moves it to '
'accepted, rejected or ordered, and a re-run never resets that.';
comment on column ${schema}.po_recommendation_statuses.id is 'Stable id (referenced by po_recommendations).';
comment on column ${schema}.po_recommendation_statuses.name is 'pending, accepted, rejected or ordered.';
comment on column ${schema}.po_recommendation_statuses.description is 'What the status means for the buyer.';
insert into ${schema}.po_recommendation_statuses (id, name, description) values
(1, 'pending', 'Computed by the pipeline, no decision yet; a re-run of the date may change or remove it.'),
(2, 'accepted', 'The buyer agrees; the pipeline no longer changes the row.'),
(3, 'rejected', 'The buyer declined; the pipeline no longer changes the row.'),
(4, 'ordered', 'A purchase order was placed from it; the pipeline no longer changes the row.');

create table ${schema}.po_recommendation_priorities (
    id smallint not null,
    name text not null,
    description text not null,
    constraint po_recommendation_priorities_pkey primary key (id),
    constraint po_recommendation_priorities_name_key unique (name)
);
comment on table ${schema}.po_recommendation_priorities is
'Urgency of a purchase-order recommendation, most urgent first (id 1 = critical). docs/recommendations.md.';
comment on column ${schema}.po_recommendation_priorities.id is 'Stable id; a lower id is more urgent.';
comment on column ${schema}.po_recommendation_priorities.name is 'critical, high, medium or low.';
comment on column ${schema}.po_recommendation_priorities.description is 'When the pipeline gives this priority.';
insert into ${schema}.po_recommendation_priorities (id, name, description) values
(1, 'critical', 'Out of stock now, or stock and open orders run out before an order placed today can arrive.'),
(2, 'high', 'Stock and open orders last less than the lead time plus the high_cover_margin_days setting.'),
(3, 'medium', 'Regular reorder (at or below the reorder point) of a class A or B product x location.'),
(4, 'low', 'Regular reorder of a class C or unclassified product x location.');

create table ${schema}.po_recommendations (
    id bigint generated always as identity,
    product_id integer not null,
    supplier_id integer not null,
    location_id integer not null,
    recommendation_date date not null,
    recommended_qty numeric(14, 3) not null,
    predicted_qty numeric(14, 3) not null,
    order_buffer numeric(14, 3) not null,
    unit_cost numeric(14, 4),
    currency_id smallint not null,
    confidence numeric(4, 3) not null,
    confidence_reasons text not null,
    po_recommendation_priority_id smallint not null,
    priority_reasons text not null,
    po_recommendation_status_id smallint not null default 1,
    is_respected boolean,
    on_hand_qty numeric(14, 3) not null,
    on_order_qty numeric(14, 3) not null,
    in_transit_qty numeric(14, 3) not null,
    reserved_qty numeric(14, 3) not null,
    inventory_position_qty numeric(14, 3) not null,
    lead_time_demand_qty numeric(14, 3) not null,
    reorder_point numeric(14, 3) not null,
    target_stock numeric(14, 3) not null,
    lead_time_days numeric(8, 2) not null,
    cover_days numeric(10, 1),
    pack_size_qty numeric(12, 3) not null,
    moq_qty numeric(14, 3) not null,
    status_updated_at timestamptz,
    status_updated_by text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint po_recommendations_pkey primary key (id),
    constraint po_recommendations_product_location_supplier_date_key
    unique (product_id, location_id, supplier_id, recommendation_date),
    constraint po_recommendations_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint po_recommendations_supplier_id_fkey foreign key (supplier_id) references ${schema}.suppliers (id),
    constraint po_recommendations_location_id_fkey foreign key (location_id) references ${schema}.locations (id),
    constraint po_recommendations_currency_id_fkey foreign key (currency_id) references cw_global.currencies (id),
    constraint po_recommendations_priority_id_fkey foreign key (po_recommendation_priority_id)
    references ${schema}.po_recommendation_priorities (id),
    constraint po_recommendations_status_id_fkey foreign key (po_recommendation_status_id)
    references ${schema}.po_recommendation_statuses (id),
    constraint po_recommendation_qty_check check (recommended_qty > 0 and predicted_qty >= 0),
    constraint po_recommendation_pack_moq_check check (
        pack_size_qty > 0 and moq_qty >= 0 and recommended_qty >= moq_qty
    ),
    constraint po_recommendation_unit_cost_check check (unit_cost >= 0),
    constraint po_recommendation_confidence_check check (confidence between 0 and 1),
    constraint po_recommendation_stock_check check (
        on_hand_qty >= 0 and on_order_qty >= 0 and in_transit_qty >= 0 and reserved_qty >= 0
    ),
    constraint po_recommendation_status_by_check check (length(status_updated_by) <= 200)
);
create index po_recommendations_recommendation_date_idx
on ${schema}.po_recommendations (recommendation_date, supplier_id);
create index po_recommendations_location_id_idx on ${schema}.po_recommendations (location_id);
comment on table ${schema}.po_recommendations is
'Purchase-order recommendations of step 10 (step_po_recommendations): per product x buying location x supplier and '
'run date, how many units to order now, why, how urgent and how sure. Pipeline-owned except the status columns, '
'which the buyer sets (UI role); a re-run of the date changes only pending rows and only where an input changed. '
'Formulas: docs/recommendations.md.';
comment on column ${schema}.po_recommendations.id is 'Identity of the recommendation (step 13 measures it by id).';
comment on column ${schema}.po_recommendations.product_id is 'The product to order.';
comment on column ${schema}.po_recommendations.supplier_id is 'The supplier to order from (the primary supplier).';
comment on column ${schema}.po_recommendations.location_id is
'The receiving location: a location without a parent location (a store, DC or warehouse nobody supplies).';
comment on column ${schema}.po_recommendations.recommendation_date is 'Run date the recommendation was computed for.';
comment on column ${schema}.po_recommendations.recommended_qty is
'Units to order: target_stock - inventory_position_qty, rounded up to whole packs, at least the MOQ.';
comment on column ${schema}.po_recommendations.predicted_qty is
'Forecast demand over the protection period (lead time + review cycle) that the order has to cover (step 7).';
comment on column ${schema}.po_recommendations.order_buffer is
'Units expected left when the next order arrives if the forecast is exact: inventory_position_qty + recommended_qty '
'- predicted_qty (safety stock plus pack/MOQ rounding; negative when the target does not cover the period).';
comment on column ${schema}.po_recommendations.unit_cost is
'Unit cost assumed at recommendation time, in currency_id (the supplier''s): the latest purchase-order line cost '
'of the product from the supplier, else the product cost, converted at the run date''s rate; null when unknown.';
comment on column ${schema}.po_recommendations.currency_id is 'Currency of unit_cost: the supplier''s currency.';
comment on column ${schema}.po_recommendations.confidence is
'How far the recommendation can be trusted, 0-1: the forecast''s confidence lowered for stale or missing stock '
'figures and a missing cost (confidence_reasons says which).';
comment on column ${schema}.po_recommendations.confidence_reasons is 'Why the confidence is what it is, in words.';
comment on column ${schema}.po_recommendations.po_recommendation_priority_id is
'Urgency (critical, high, medium, low).';
comment on column ${schema}.po_recommendations.priority_reasons is
'Why this priority, for the buyer: days of cover left, lead time, class, stock figures.';
comment on column ${schema}.po_recommendations.po_recommendation_status_id is
'UI: workflow status. The pipeline inserts pending; the buyer sets accepted, rejected or ordered, which freezes the '
'row against re-runs.';
comment on column ${schema}.po_recommendations.is_respected is
'Whether the buyer followed the recommendation; null until step 13 (uplift) measures it.';
comment on column ${schema}.po_recommendations.on_hand_qty is
'Usable units on hand at the run date: the latest balance on or before it (available + reserved, blocked excluded).';
comment on column ${schema}.po_recommendations.on_order_qty is
'Units on open purchase orders to this location not yet received (confirmed, else ordered, minus delivered).';
comment on column ${schema}.po_recommendations.in_transit_qty is
'Units shipped to this location by transfer, not yet received.';
comment on column ${schema}.po_recommendations.reserved_qty is 'Units on hand already allocated to outbound transfers.';
comment on column ${schema}.po_recommendations.inventory_position_qty is
'on_hand_qty + on_order_qty + in_transit_qty - reserved_qty: what the reorder point is compared with.';
comment on column ${schema}.po_recommendations.lead_time_demand_qty is
'Forecast demand over the lead time (step 7 accumulation): inventory_position_qty minus it is the stock expected '
'when an order placed today arrives.';
comment on column ${schema}.po_recommendations.reorder_point is 'Reorder point of step 8 used (inventory_targets).';
comment on column ${schema}.po_recommendations.target_stock is 'Order-up-to level of step 8 used (inventory_targets).';
comment on column ${schema}.po_recommendations.lead_time_days is 'Supplier lead time used, days (step 8''s parameter).';
comment on column ${schema}.po_recommendations.cover_days is
'Days the inventory position lasts at the forecast demand per day; null when no demand is forecast.';
comment on column ${schema}.po_recommendations.pack_size_qty is 'Pack size the quantity was rounded up to.';
comment on column ${schema}.po_recommendations.moq_qty is 'Minimum order quantity applied (product, else supplier).';
comment on column ${schema}.po_recommendations.status_updated_at is
'UI: when the status last changed (set by a trigger).';
comment on column ${schema}.po_recommendations.status_updated_by is
'UI: database role that last changed the status (set by a trigger).';
comment on column ${schema}.po_recommendations.created_at is 'When the row was first written.';
comment on column ${schema}.po_recommendations.updated_at is 'When a pipeline value of the row last changed.';
comment on index ${schema}.po_recommendations_recommendation_date_idx is
'The buyer''s screen: one run date''s recommendations, by supplier.';
comment on index ${schema}.po_recommendations_location_id_idx is 'Recommendations of one location (and its FK).';

create function ${schema}.po_recommendations_stamp_status()
returns trigger
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
begin
    new.status_updated_at := now();
    new.status_updated_by := current_user;
    return new;
end
$$;
comment on function ${schema}.po_recommendations_stamp_status() is
'Trigger: records when and by whom the status of a purchase-order recommendation was changed.';
create trigger po_recommendations_stamp_status
before update of po_recommendation_status_id on ${schema}.po_recommendations
for each row when (old.po_recommendation_status_id is distinct from new.po_recommendation_status_id)
execute function ${schema}.po_recommendations_stamp_status();

alter table ${schema}.suppliers add column min_order_value numeric(14, 2);
alter table ${schema}.suppliers add constraint supplier_min_order_value_check check (min_order_value >= 0);
comment on column ${schema}.suppliers.min_order_value is
'UI: the supplier''s minimum order value in its own currency (currency_id); null = none. The per-supplier summary '
'of purchase-order recommendations checks it.';

revoke all on ${schema}.po_recommendation_statuses, ${schema}.po_recommendation_priorities,
${schema}.po_recommendations from ${ui_role};
grant select on ${schema}.po_recommendation_statuses, ${schema}.po_recommendation_priorities,
${schema}.po_recommendations to ${ui_role};
grant update (po_recommendation_status_id, status_updated_at, status_updated_by) on ${schema}.po_recommendations
to ${ui_role};
grant update (min_order_value) on ${schema}.suppliers to ${ui_role};

insert into ${schema}.field_ownership (table_name, column_name, owner)
select
    columns.table_name,
    columns.column_name,
    case
        when columns.column_name in ('po_recommendation_status_id', 'status_updated_at', 'status_updated_by')
            then 'ui'
        else 'pipeline'
    end as column_owner
from information_schema.columns
where columns.table_schema = '${schema}' and columns.table_name = 'po_recommendations';
insert into ${schema}.field_ownership (table_name, column_name, owner) values ('suppliers', 'min_order_value', 'ui');

-- Step 11: transfer-order recommendations. The statuses (UI-owned workflow, the same words as purchase-order
-- recommendations), the reasons, and one recommendation per product x sending location x receiving location x run
-- date. Priorities share the vocabulary of purchase-order recommendations (po_recommendation_priorities). Formulas:
-- docs/recommendations.md.
create table ${schema}.to_recommendation_statuses (
    id smallint not null,
    name text not null,
    description text not null,
    constraint to_recommendation_statuses_pkey primary key (id),
    constraint to_recommendation_statuses_name_key unique (name)
);
comment on table ${schema}.to_recommendation_statuses is
'Workflow statuses of a transfer-order recommendation, the same words as those of purchase-order recommendations. '
'The pipeline writes pending; the planner (UI role) moves it to accepted, rejected or ordered, and a re-run never '
'resets that.';
comment on column ${schema}.to_recommendation_statuses.id is 'Stable id (referenced by to_recommendations).';
comment on column ${schema}.to_recommendation_statuses.name is 'pending, accepted, rejected or ordered.';
comment on column ${schema}.to_recommendation_statuses.description is 'What the status means for the planner.';
insert into ${schema}.to_recommendation_statuses (id, name, description) values
(1, 'pending', 'Computed by the pipeline, no decision yet; a re-run of the date may change or remove it.'),
(2, 'accepted', 'The planner agrees; the pipeline no longer changes the row.'),
(3, 'rejected', 'The planner declined; the pipeline no longer changes the row.'),
(4, 'ordered', 'A transfer order was created from it; the pipeline no longer changes the row.');

create table ${schema}.to_recommendation_reasons (
    id smallint not null,
    name text not null,
    description text not null,
    constraint to_recommendation_reasons_pkey primary key (id),
    constraint to_recommendation_reasons_name_key unique (name)
);
comment on table ${schema}.to_recommendation_reasons is
'Why a transfer is recommended: replenishment from the supplying location, rebalancing of excess stock between two '
'locations of the same source, the initial fill of an opening store, the return of a closing store''s stock, or the '
'consolidation of a product being phased out. docs/recommendations.md.';
comment on column ${schema}.to_recommendation_reasons.id is 'Stable id (referenced by to_recommendations).';
comment on column ${schema}.to_recommendation_reasons.name is
'replenishment, rebalance_excess, store_opening, store_closure or phase_out_consolidation.';
comment on column ${schema}.to_recommendation_reasons.description is 'When the pipeline gives this reason.';
insert into ${schema}.to_recommendation_reasons (id, name, description) values
(1, 'replenishment', 'The receiving location is at or below its reorder point; its supplying location sends it up to '
 'its target (or a fair share of what it can spare).'),
(2, 'rebalance_excess', 'The sending location holds stock above its target by more than the rebalance margin, and '
 'the receiving location (same source) is short and would run out before its source can restock it.'),
(3, 'store_opening', 'The receiving store opens soon: its initial fill up to its target before the opening date.'),
(4, 'store_closure', 'The sending location closes: all its usable stock goes back to the location that supplies it.'),
(5, 'phase_out_consolidation', 'Stock of a product being phased out is gathered at its supplying location (needs the '
 'assortment step; not produced yet).');

create table ${schema}.to_recommendations (
    id bigint generated always as identity,
    product_id integer not null,
    from_location_id integer not null,
    to_location_id integer not null,
    recommendation_date date not null,
    recommended_qty numeric(14, 3) not null,
    requested_qty numeric(14, 3) not null,
    to_recommendation_reason_id smallint not null,
    po_recommendation_priority_id smallint not null,
    priority_reasons text not null,
    confidence numeric(4, 3) not null,
    confidence_reasons text not null,
    to_recommendation_status_id smallint not null default 1,
    is_respected boolean,
    to_on_hand_qty numeric(14, 3) not null,
    to_in_transit_qty numeric(14, 3) not null,
    to_on_order_qty numeric(14, 3) not null,
    to_reserved_qty numeric(14, 3) not null,
    to_position_qty numeric(14, 3) not null,
    to_reorder_point numeric(14, 3),
    to_target_stock numeric(14, 3),
    from_available_qty numeric(14, 3) not null,
    from_spare_qty numeric(14, 3) not null,
    demand_per_day numeric(14, 4),
    cover_days numeric(10, 1),
    transit_days numeric(8, 2),
    pack_size_qty numeric(12, 3) not null,
    status_updated_at timestamptz,
    status_updated_by text,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint to_recommendations_pkey primary key (id),
    constraint to_recommendations_product_from_to_date_key
    unique (product_id, from_location_id, to_location_id, recommendation_date),
    constraint to_recommendations_product_id_fkey foreign key (product_id) references ${schema}.products (id),
    constraint to_recommendations_from_location_id_fkey foreign key (from_location_id)
    references ${schema}.locations (id),
    constraint to_recommendations_to_location_id_fkey foreign key (to_location_id)
    references ${schema}.locations (id),
    constraint to_recommendations_reason_id_fkey foreign key (to_recommendation_reason_id)
    references ${schema}.to_recommendation_reasons (id),
    constraint to_recommendations_priority_id_fkey foreign key (po_recommendation_priority_id)
    references ${schema}.po_recommendation_priorities (id),
    constraint to_recommendations_status_id_fkey foreign key (to_recommendation_status_id)
    references ${schema}.to_recommendation_statuses (id),
    constraint to_recommendation_locations_check check (from_location_id != to_location_id),
    constraint to_recommendation_qty_check check (recommended_qty > 0 and recommended_qty <= requested_qty),
    constraint to_recommendation_pack_check check (pack_size_qty > 0),
    constraint to_recommendation_confidence_check check (confidence between 0 and 1),
    constraint to_recommendation_stock_check check (
        to_on_hand_qty >= 0 and to_in_transit_qty >= 0 and to_on_order_qty >= 0 and to_reserved_qty >= 0
        and from_available_qty >= 0 and from_spare_qty >= 0
    ),
    constraint to_recommendation_status_by_check check (length(status_updated_by) <= 200)
);
create index to_recommendations_recommendation_date_idx
on ${schema}.to_recommendations (recommendation_date, from_location_id);
create index to_recommendations_from_location_id_idx on ${schema}.to_recommendations (from_location_id);
create index to_recommendations_to_location_id_idx on ${schema}.to_recommendations (to_location_id);
comment on table ${schema}.to_recommendations is
'Transfer-order recommendations of step 11 (step_to_recommendations): per product, sending and receiving location '
'and run date, how many units to move, why (reason), how urgent and how sure. Pipeline-owned except the status '
'columns, which the planner sets (UI role); a re-run of the date changes only pending rows and only where an input '
'changed. Formulas: docs/recommendations.md.';
comment on column ${schema}.to_recommendations.id is 'Identity of the recommendation (step 13 measures it by id).';
comment on column ${schema}.to_recommendations.product_id is 'The product to move.';
comment on column ${schema}.to_recommendations.from_location_id is
'Sending location: the supplying location (replenishment, opening), a sibling with excess stock (rebalancing) or the '
'closing location (closure).';
comment on column ${schema}.to_recommendations.to_location_id is
'Receiving location: the short, opening location, or the supplying location of a closing one.';
comment on column ${schema}.to_recommendations.recommendation_date is 'Run date the recommendation was computed for.';
comment on column ${schema}.to_recommendations.recommended_qty is
'Units to move, in whole packs (a closure moves every usable unit): at most requested_qty, less when the sender '
'cannot spare it all.';
comment on column ${schema}.to_recommendations.requested_qty is
'Units the receiver needs: target_stock - position rounded up to whole packs (replenishment, opening), its need not '
'covered by its source (rebalancing), or the closing location''s usable stock (closure).';
comment on column ${schema}.to_recommendations.to_recommendation_reason_id is
'Why (replenishment, rebalance_excess, store_opening, store_closure, phase_out_consolidation).';
comment on column ${schema}.to_recommendations.po_recommendation_priority_id is
'Urgency, in the vocabulary shared with purchase-order recommendations (critical, high, medium, low).';
comment on column ${schema}.to_recommendations.priority_reasons is
'Why this priority and quantity, for the planner: days of cover, transfer lead time, class, stock figures, what the '
'sender can spare.';
comment on column ${schema}.to_recommendations.confidence is
'How far the recommendation can be trusted, 0-1: lowered for stale or missing stock figures at either end '
'(confidence_reasons says which).';
comment on column ${schema}.to_recommendations.confidence_reasons is 'Why the confidence is what it is, in words.';
comment on column ${schema}.to_recommendations.to_recommendation_status_id is
'UI: workflow status. The pipeline inserts pending; the planner sets accepted, rejected or ordered, which freezes the '
'row against re-runs.';
comment on column ${schema}.to_recommendations.is_respected is
'Whether the planner followed the recommendation; null until step 13 (uplift) measures it.';
comment on column ${schema}.to_recommendations.to_on_hand_qty is
'Usable units on hand at the receiver at the run date (latest balance: available + reserved, blocked excluded).';
comment on column ${schema}.to_recommendations.to_in_transit_qty is
'Units shipped to the receiver by transfer, not yet received.';
comment on column ${schema}.to_recommendations.to_on_order_qty is
'Units on open purchase orders to the receiver, plus units its source allocated to its store orders and not yet '
'shipped.';
comment on column ${schema}.to_recommendations.to_reserved_qty is
'Units on hand at the receiver already allocated to its own outbound transfers.';
comment on column ${schema}.to_recommendations.to_position_qty is
'to_on_hand_qty + to_in_transit_qty + to_on_order_qty - to_reserved_qty: what the reorder point is compared with.';
comment on column ${schema}.to_recommendations.to_reorder_point is
'Receiver''s reorder point of step 8 (inventory_targets); null for a closure return.';
comment on column ${schema}.to_recommendations.to_target_stock is
'Receiver''s order-up-to level of step 8; null for a closure return.';
comment on column ${schema}.to_recommendations.from_available_qty is
'Usable units at the sender not already reserved (on hand - reserved).';
comment on column ${schema}.to_recommendations.from_spare_qty is
'Units the sender can give: everything available at a DC or warehouse (its stock exists to supply), the units above '
'the reorder point at a store or webshop, the units above its target (rebalancing), all of it (closure).';
comment on column ${schema}.to_recommendations.demand_per_day is
'Receiver''s forecast demand per day used for cover_days (step 8''s parameter); null when unknown.';
comment on column ${schema}.to_recommendations.cover_days is
'Days the receiver''s position lasts at demand_per_day; null when no demand is forecast.';
comment on column ${schema}.to_recommendations.transit_days is
'Transfer lead time to the receiver, days: the lane''s transit_days_override, else the setting '
'inventory_targets.transfer_lead_time_days (as step 8 takes it); null for a closure return.';
comment on column ${schema}.to_recommendations.pack_size_qty is 'Pack size the quantity was rounded to.';
comment on column ${schema}.to_recommendations.status_updated_at is
'UI: when the status last changed (set by a trigger).';
comment on column ${schema}.to_recommendations.status_updated_by is
'UI: database role that last changed the status (set by a trigger).';
comment on column ${schema}.to_recommendations.created_at is 'When the row was first written.';
comment on column ${schema}.to_recommendations.updated_at is 'When a pipeline value of the row last changed.';
comment on index ${schema}.to_recommendations_recommendation_date_idx is
'The planner''s screen: one run date''s transfers, by sending location.';
comment on index ${schema}.to_recommendations_from_location_id_idx is 'Transfers of one sender (and its FK).';
comment on index ${schema}.to_recommendations_to_location_id_idx is 'Transfers of one receiver (and its FK).';

create function ${schema}.to_recommendations_stamp_status()
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
comment on function ${schema}.to_recommendations_stamp_status() is
'Trigger: records when and by whom the status of a transfer-order recommendation was changed.';
create trigger to_recommendations_stamp_status
before update of to_recommendation_status_id on ${schema}.to_recommendations
for each row when (old.to_recommendation_status_id is distinct from new.to_recommendation_status_id)
execute function ${schema}.to_recommendations_stamp_status();

revoke all on ${schema}.to_recommendation_statuses, ${schema}.to_recommendation_reasons,
${schema}.to_recommendations from ${ui_role};
grant select on ${schema}.to_recommendation_statuses, ${schema}.to_recommendation_reasons,
${schema}.to_recommendations to ${ui_role};
grant update (to_recommendation_status_id, status_updated_at, status_updated_by) on ${schema}.to_recommendations
to ${ui_role};

insert into ${schema}.field_ownership (table_name, column_name, owner)
select
    columns.table_name,
    columns.column_name,
    case
        when columns.column_name in ('to_recommendation_status_id', 'status_updated_at', 'status_updated_by')
            then 'ui'
        else 'pipeline'
    end as column_owner
from information_schema.columns
where columns.table_schema = '${schema}' and columns.table_name = 'to_recommendations';

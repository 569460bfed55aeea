-- The planner's transfer list of step 11: one line per run date and route (sending -> receiving location) with the
-- units to move, why and how urgently. Rejected recommendations do not count.
create or replace view ${schema}.to_recommendation_route_summary as
with lines as (
    select
        to_recommendations.recommendation_date,
        to_recommendations.from_location_id,
        to_recommendations.to_location_id,
        to_recommendations.recommended_qty,
        to_recommendation_reasons.name as reason_name,
        po_recommendation_priorities.id as priority_id,
        po_recommendation_priorities.name as priority_name,
        to_recommendation_statuses.name as status_name
    from ${schema}.to_recommendations
    inner join ${schema}.to_recommendation_reasons
        on to_recommendations.to_recommendation_reason_id = to_recommendation_reasons.id
    inner join ${schema}.po_recommendation_priorities
        on to_recommendations.po_recommendation_priority_id = po_recommendation_priorities.id
    inner join ${schema}.to_recommendation_statuses
        on to_recommendations.to_recommendation_status_id = to_recommendation_statuses.id
    where to_recommendation_statuses.name != 'rejected'
),

per_route as (
    select
        lines.recommendation_date,
        lines.from_location_id,
        lines.to_location_id,
        count(*) as line_count,
        count(*) filter (where lines.status_name = 'pending') as pending_lines,
        count(*) filter (where lines.priority_name = 'critical') as critical_lines,
        sum(lines.recommended_qty) as total_qty,
        min(lines.priority_id) as top_priority_id,
        string_agg(distinct lines.reason_name, ', ' order by lines.reason_name) as reasons
    from lines
    group by lines.recommendation_date, lines.from_location_id, lines.to_location_id
),

final as (
    select
        per_route.recommendation_date,
        per_route.from_location_id,
        senders.erp_id as from_location_erp_id,
        per_route.to_location_id,
        receivers.erp_id as to_location_erp_id,
        per_route.reasons,
        po_recommendation_priorities.name as top_priority,
        per_route.line_count,
        per_route.pending_lines,
        per_route.critical_lines,
        per_route.total_qty
    from per_route
    inner join ${schema}.locations as senders on per_route.from_location_id = senders.id -- noqa: L031
    inner join ${schema}.locations as receivers on per_route.to_location_id = receivers.id -- noqa: L031
    inner join ${schema}.po_recommendation_priorities
        on per_route.top_priority_id = po_recommendation_priorities.id
)

select * from final;
comment on view ${schema}.to_recommendation_route_summary is
'Per run date and route (sending -> receiving location): the transfers of step 11 not rejected: the reasons, the '
'most urgent priority, lines, pending and critical lines and the units to move. What cw demo prints next to the '
'purchase proposal per supplier.';
grant select on ${schema}.to_recommendation_route_summary to ${ui_role};
comment on column ${schema}.to_recommendation_route_summary.recommendation_date is 'Run date of the recommendations.';
comment on column ${schema}.to_recommendation_route_summary.from_location_id is 'The sending location.';
comment on column ${schema}.to_recommendation_route_summary.from_location_erp_id is 'Its ERP code.';
comment on column ${schema}.to_recommendation_route_summary.to_location_id is 'The receiving location.';
comment on column ${schema}.to_recommendation_route_summary.to_location_erp_id is 'Its ERP code.';
comment on column ${schema}.to_recommendation_route_summary.reasons is
'The reasons of the route''s lines (replenishment, rebalance_excess, store_opening, store_closure), comma-separated.';
comment on column ${schema}.to_recommendation_route_summary.top_priority is 'The most urgent priority of its lines.';
comment on column ${schema}.to_recommendation_route_summary.line_count is 'Recommendations not rejected.';
comment on column ${schema}.to_recommendation_route_summary.pending_lines is 'Of which still pending.';
comment on column ${schema}.to_recommendation_route_summary.critical_lines is 'Of which critical.';
comment on column ${schema}.to_recommendation_route_summary.total_qty is 'Units to move on the route (all products).';

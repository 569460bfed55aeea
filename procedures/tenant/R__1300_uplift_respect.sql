-- Step 13, part 1: is_respected of purchase-order recommendations. Decides every recommendation whose respect window
-- has passed, re-checks recent decisions against late or corrected orders, records each decision with its reason in
-- po_recommendation_respect_decisions and only then sets po_recommendations.is_respected. docs/uplift.md.
create or replace procedure ${schema}.uplift_respect(
    p_run_date date,
    p_product_ids integer [],
    p_location_ids integer [],
    p_settings jsonb,
    inout p_decided bigint default null,
    inout p_changed bigint default null
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
set jit = off
as $$
declare
    v_window_days    integer := (p_settings ->> 'respect_window_days')::integer;
    v_tolerance_pct  numeric := (p_settings ->> 'qty_tolerance_pct')::numeric;
    v_recheck_days   integer := (p_settings ->> 'remeasure_days')::integer;
    v_scoped         boolean := p_product_ids is not null or p_location_ids is not null;
begin
    drop table if exists pg_temp.uplift_respect_evidence;
    -- Candidates: undecided recommendations whose window has passed (any age: the first run catches up), decided
    -- ones whose window ended recently (late data) and, in a scoped run, every decided one in scope. A decided
    -- recommendation keeps the window and tolerance of its first decision: a changed setting reopens nothing.
    create temp table uplift_respect_evidence on commit drop as
    with latest_decisions as (
        select distinct on (decisions.po_recommendation_id) decisions.*
        from ${schema}.po_recommendation_respect_decisions as decisions
        order by decisions.po_recommendation_id, decisions.id desc
    ),

    candidates as (
        select
            recommendations.id as po_recommendation_id,
            recommendations.product_id,
            recommendations.location_id,
            recommendations.supplier_id,
            recommendations.recommended_qty,
            recommendations.recommendation_date as window_start_date,
            coalesce(latest_decisions.window_end_date, recommendations.recommendation_date + v_window_days)
            as window_end_date,
            coalesce(latest_decisions.qty_tolerance_pct, v_tolerance_pct) as qty_tolerance_pct,
            latest_decisions.id as previous_decision_id,
            latest_decisions.decided_on as previous_decided_on,
            latest_decisions.match_kind as previous_match_kind,
            latest_decisions.recommended_qty as previous_recommended_qty,
            latest_decisions.ordered_qty as previous_ordered_qty
        from ${schema}.po_recommendations as recommendations
        left join latest_decisions on latest_decisions.po_recommendation_id = recommendations.id
        where (p_product_ids is null or recommendations.product_id = any (p_product_ids))
            and (p_location_ids is null or recommendations.location_id = any (p_location_ids))
            and ((latest_decisions.id is null and recommendations.recommendation_date + v_window_days <= p_run_date)
                 or (latest_decisions.id is not null
                     and (v_scoped or latest_decisions.window_end_date > p_run_date - v_recheck_days)))
    ),

    ordered as (
        select
            candidates.po_recommendation_id,
            coalesce(sum(lines.qty_ordered), 0) as ordered_qty,
            count(lines.id)::integer as order_line_count
        from candidates
        left join ${schema}.purchase_orders as orders
            on orders.location_id = candidates.location_id
            and orders.supplier_id = candidates.supplier_id
            and orders.order_date between candidates.window_start_date and candidates.window_end_date
            and orders.status is distinct from 'cancelled'
        left join ${schema}.purchase_order_lines as lines
            on lines.purchase_order_id = orders.id
            and lines.product_id = candidates.product_id
            and lines.is_active
        group by candidates.po_recommendation_id
    ),

    judged as (
        select
            candidates.*,
            ordered.ordered_qty,
            ordered.order_line_count,
            case
                when ordered.ordered_qty = 0 then 'not_ordered'
                when abs(ordered.ordered_qty - candidates.recommended_qty)
                    <= candidates.recommended_qty * candidates.qty_tolerance_pct / 100 then 'respected'
                when ordered.ordered_qty < candidates.recommended_qty then 'ordered_less'
                else 'ordered_more'
            end as match_kind
        from candidates
        inner join ordered on ordered.po_recommendation_id = candidates.po_recommendation_id
    ),

    explained as (
        select
            judged.*,
            format('%s of %s recommended units ordered on %s line(s) dated %s to %s (tolerance %s%%): %s',
                   trim_scale(judged.ordered_qty), trim_scale(judged.recommended_qty), judged.order_line_count,
                   judged.window_start_date, judged.window_end_date, trim_scale(judged.qty_tolerance_pct),
                   case judged.match_kind
                       when 'respected' then 'respected'
                       when 'not_ordered' then 'not respected, no matching purchase-order line'
                       when 'ordered_less' then 'not respected, partial: ordered less than recommended'
                       else 'not respected, partial: ordered more than recommended'
                   end) as verdict
        from judged
    )

    select
        explained.*,
        case
            when explained.previous_decision_id is null then explained.verdict
            else concat_ws('; ',
                           'changed since the decision of ' || explained.previous_decided_on,
                           case when explained.previous_ordered_qty <> explained.ordered_qty then
                               format('ordered quantity in the window %s -> %s (a late or corrected purchase order)',
                                      trim_scale(explained.previous_ordered_qty), trim_scale(explained.ordered_qty))
                           end,
                           case when explained.previous_recommended_qty <> explained.recommended_qty then
                               format('recommended quantity %s -> %s (the recommendation date was recomputed)',
                                      trim_scale(explained.previous_recommended_qty),
                                      trim_scale(explained.recommended_qty))
                           end,
                           case when explained.previous_match_kind <> explained.match_kind then
                               format('%s -> %s', explained.previous_match_kind, explained.match_kind)
                           end,
                           explained.verdict)
        end as reason
    from explained
    where explained.previous_decision_id is null
        or (explained.previous_ordered_qty, explained.previous_recommended_qty)
        is distinct from (explained.ordered_qty, explained.recommended_qty);

    insert into ${schema}.po_recommendation_respect_decisions (
        po_recommendation_id, decided_on, is_respected, match_kind, recommended_qty, ordered_qty, order_line_count,
        window_start_date, window_end_date, qty_tolerance_pct, previous_decision_id, reason
    )
    select evidence.po_recommendation_id, p_run_date, evidence.match_kind = 'respected', evidence.match_kind,
           evidence.recommended_qty, evidence.ordered_qty, evidence.order_line_count, evidence.window_start_date,
           evidence.window_end_date, evidence.qty_tolerance_pct, evidence.previous_decision_id, evidence.reason
    from uplift_respect_evidence as evidence
    order by evidence.po_recommendation_id;
    get diagnostics p_decided = row_count;

    -- The flag follows the decision just recorded (the trigger po_recommendations_check_respected checks it).
    update ${schema}.po_recommendations as recommendations
    set is_respected = evidence.match_kind = 'respected'
    from uplift_respect_evidence as evidence
    where recommendations.id = evidence.po_recommendation_id
        and recommendations.is_respected is distinct from (evidence.match_kind = 'respected');
    get diagnostics p_changed = row_count;
    drop table uplift_respect_evidence;
end
$$;
comment on procedure ${schema}.uplift_respect(date, integer [], integer [], jsonb, bigint, bigint) is
'Step 13 (uplift), is_respected: a purchase-order recommendation is respected when active lines of purchase orders '
'(not cancelled) of the same product, location and supplier dated from the recommendation date to respect_window_days '
'after it add up to the recommended quantity within qty_tolerance_pct; otherwise not_ordered, ordered_less or '
'ordered_more. Decided once the window has passed; re-checked while the window ended less than remeasure_days ago '
'(or in a scoped run), and a changed decision is a new row with its reason. Returns decisions written and flags '
'changed. docs/uplift.md.';

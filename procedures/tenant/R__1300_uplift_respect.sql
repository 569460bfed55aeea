-- Step 13, part 1: is_respected of purchase-order recommendations, decided per episode. An episode is a run of
-- recommendations of one product, location and supplier, each dated at most episode_gap_days after the previous one
-- and spanning at most episode_max_days (step 10 recommends a pair every day while it stays below its reorder
-- point). Decides every episode whose respect window has passed, re-checks recent decisions against late or
-- corrected orders, records each decision with its reason in po_recommendation_respect_decisions (one row per
-- member) and only then sets po_recommendations.is_respected. docs/uplift.md.
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
    v_gap_days       integer := (p_settings ->> 'episode_gap_days')::integer;
    v_max_days       integer := (p_settings ->> 'episode_max_days')::integer;
    v_scoped         boolean := p_product_ids is not null or p_location_ids is not null;
begin
    drop table if exists pg_temp.uplift_respect_evidence;
    -- Candidates: members of undecided episodes that are closed (no later recommendation can join: the run date is
    -- episode_gap_days past its last one, or it spans episode_max_days) and whose window has passed (any age: the
    -- first run catches up); decided recommendations whose window ended recently (late data) and, in a scoped run,
    -- every decided one in scope. A decided recommendation keeps the episode, window and tolerance of its first
    -- decision: a changed setting reopens nothing.
    create temp table uplift_respect_evidence on commit drop as
    with latest_decisions as (
        select distinct on (decisions.po_recommendation_id) decisions.*
        from ${schema}.po_recommendation_respect_decisions as decisions
        where (p_product_ids is null or decisions.po_recommendation_id in (
                  select recommendations.id from ${schema}.po_recommendations as recommendations
                  where recommendations.product_id = any (p_product_ids)))
        order by decisions.po_recommendation_id, decisions.id desc
    ),

    undecided as (
        select
            recommendations.*,
            case when recommendations.recommendation_date - lag(recommendations.recommendation_date) over pair
                <= v_gap_days then 0 else 1 end as starts_run
        from ${schema}.po_recommendations as recommendations
        where (p_product_ids is null or recommendations.product_id = any (p_product_ids))
            and (p_location_ids is null or recommendations.location_id = any (p_location_ids))
            and recommendations.recommendation_date <= p_run_date
            and not exists (select from latest_decisions
                            where latest_decisions.po_recommendation_id = recommendations.id)
        window pair as (partition by recommendations.product_id, recommendations.location_id,
                        recommendations.supplier_id order by recommendations.recommendation_date)
    ),

    runs as (
        select
            undecided.*,
            sum(undecided.starts_run) over (partition by undecided.product_id, undecided.location_id,
                                            undecided.supplier_id order by undecided.recommendation_date) as run_no
        from undecided
    ),

    chunks as (
        select
            runs.*,
            (runs.recommendation_date
             - min(runs.recommendation_date) over (partition by runs.product_id, runs.location_id, runs.supplier_id,
                                                   runs.run_no)) / v_max_days as chunk_no
        from runs
    ),

    episodes as (
        select
            chunks.*,
            first_value(chunks.id) over episode as episode_lead_id,
            last_value(chunks.recommended_qty) over episode as last_member_qty,
            min(chunks.recommendation_date) over episode as episode_first_date,
            max(chunks.recommendation_date) over episode as episode_last_date,
            count(*) over episode as episode_size
        from chunks
        window episode as (partition by chunks.product_id, chunks.location_id, chunks.supplier_id, chunks.run_no,
                           chunks.chunk_no order by chunks.recommendation_date
                           rows between unbounded preceding and unbounded following)
    ),

    candidates as (
        select
            episodes.id as po_recommendation_id,
            episodes.product_id,
            episodes.location_id,
            episodes.supplier_id,
            episodes.last_member_qty,
            episodes.episode_lead_id,
            episodes.episode_first_date,
            episodes.episode_last_date,
            episodes.episode_size::integer as episode_size,
            episodes.episode_first_date as window_start_date,
            -- the window ends respect_window_days after the last member, or the day before the pair's next
            -- recommendation (orders from then on answer that re-proposal, and are counted by its episode)
            least(episodes.episode_last_date + v_window_days, next_recommendation.next_date - 1) as window_end_date,
            v_tolerance_pct as qty_tolerance_pct,
            null::bigint as previous_decision_id,
            null::date as previous_decided_on,
            null::text as previous_match_kind,
            null::numeric as previous_recommended_qty,
            null::numeric as previous_ordered_qty
        from episodes
        left join lateral (
            select min(later.recommendation_date) as next_date
            from ${schema}.po_recommendations as later
            where later.product_id = episodes.product_id
                and later.location_id = episodes.location_id
                and later.supplier_id = episodes.supplier_id
                and later.recommendation_date > episodes.episode_last_date
        ) as next_recommendation on true
        where episodes.episode_last_date + v_window_days <= p_run_date
            and (episodes.episode_last_date + v_gap_days <= p_run_date
                 or episodes.episode_last_date - episodes.episode_first_date >= v_max_days - 1)
        union all
        select
            recommendations.id,
            recommendations.product_id,
            recommendations.location_id,
            recommendations.supplier_id,
            last_member.recommended_qty,
            latest_decisions.episode_lead_id,
            latest_decisions.episode_first_date,
            latest_decisions.episode_last_date,
            latest_decisions.episode_size,
            latest_decisions.window_start_date,
            latest_decisions.window_end_date,
            latest_decisions.qty_tolerance_pct,
            latest_decisions.id,
            latest_decisions.decided_on,
            latest_decisions.match_kind,
            latest_decisions.recommended_qty,
            latest_decisions.ordered_qty
        from latest_decisions
        inner join ${schema}.po_recommendations as recommendations
            on recommendations.id = latest_decisions.po_recommendation_id
        -- the episode's last member (still there: a recomputed date may have dropped one)
        inner join lateral (
            select members.recommended_qty
            from ${schema}.po_recommendations as members
            where members.product_id = recommendations.product_id
                and members.location_id = recommendations.location_id
                and members.supplier_id = recommendations.supplier_id
                and members.recommendation_date
                between latest_decisions.episode_first_date and latest_decisions.episode_last_date
            order by members.recommendation_date desc
            limit 1
        ) as last_member on true
        where (p_location_ids is null or recommendations.location_id = any (p_location_ids))
            and (v_scoped or latest_decisions.window_end_date > p_run_date - v_recheck_days)
            -- A re-run of an earlier date leaves decisions whose window had not ended then alone.
            and latest_decisions.window_end_date <= p_run_date
    ),

    -- The orders of an episode are counted once, for all its members.
    episode_windows as (
        select distinct
            candidates.episode_lead_id, candidates.product_id, candidates.location_id, candidates.supplier_id,
            candidates.episode_last_date, candidates.window_start_date, candidates.window_end_date
        from candidates
    ),

    ordered as (
        select
            episode_windows.episode_lead_id,
            episode_windows.window_end_date,
            coalesce(sum(lines.qty_ordered), 0) as ordered_qty,
            -- orders dated up to the last member's date: its re-proposal saw them as on order (a day's snapshot
            -- holds that day's orders), so they are part of what the episode asked for
            coalesce(sum(lines.qty_ordered) filter (where orders.order_date <= episode_windows.episode_last_date), 0)
            as ordered_by_last_qty,
            count(lines.id)::integer as order_line_count
        from episode_windows
        left join ${schema}.purchase_orders as orders
            on orders.location_id = episode_windows.location_id
            and orders.supplier_id = episode_windows.supplier_id
            and orders.order_date between episode_windows.window_start_date and episode_windows.window_end_date
            and orders.status is distinct from 'cancelled'
        left join ${schema}.purchase_order_lines as lines
            on lines.purchase_order_id = orders.id
            and lines.product_id = episode_windows.product_id
            and lines.is_active
        group by episode_windows.episode_lead_id, episode_windows.window_end_date
    ),

    -- What the episode asked for, as re-proposed: its last member's quantity plus what was ordered up to that date
    -- (a buyer who orders every daily re-proposal orders exactly this; one who ignores them all orders 0).
    asked as (
        select
            candidates.*,
            candidates.last_member_qty + ordered.ordered_by_last_qty as recommended_qty,
            ordered.ordered_by_last_qty,
            ordered.ordered_qty,
            ordered.order_line_count
        from candidates
        inner join ordered
            on ordered.episode_lead_id = candidates.episode_lead_id
            and ordered.window_end_date = candidates.window_end_date
    ),

    judged as (
        select
            asked.*,
            case
                when asked.ordered_qty = 0 then 'not_ordered'
                when abs(asked.ordered_qty - asked.recommended_qty)
                    <= asked.recommended_qty * asked.qty_tolerance_pct / 100 then 'respected'
                when asked.ordered_qty < asked.recommended_qty then 'ordered_less'
                else 'ordered_more'
            end as match_kind
        from asked
    ),

    explained as (
        select
            judged.*,
            format('%s of %s recommended units ordered on %s line(s) dated %s to %s (tolerance %s%%)%s%s: %s',
                   trim_scale(judged.ordered_qty), trim_scale(judged.recommended_qty), judged.order_line_count,
                   judged.window_start_date, judged.window_end_date, trim_scale(judged.qty_tolerance_pct),
                   case when judged.episode_size > 1 then
                       format(' for the episode of %s recommendations dated %s to %s', judged.episode_size,
                              judged.episode_first_date, judged.episode_last_date)
                   else '' end,
                   case when judged.ordered_by_last_qty > 0 then
                       format(' (%s re-proposed on %s + %s ordered %s to %s)', trim_scale(judged.last_member_qty),
                              judged.episode_last_date, trim_scale(judged.ordered_by_last_qty),
                              judged.episode_first_date, judged.episode_last_date)
                   else '' end,
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
                               format('recommended quantity %s -> %s (a recomputed recommendation, or orders '
                                      '%s to %s changed)',
                                      trim_scale(explained.previous_recommended_qty),
                                      trim_scale(explained.recommended_qty), explained.episode_first_date,
                                      explained.episode_last_date)
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
        window_start_date, window_end_date, qty_tolerance_pct, previous_decision_id, reason, episode_lead_id,
        episode_first_date, episode_last_date, episode_size
    )
    select evidence.po_recommendation_id, p_run_date, evidence.match_kind = 'respected', evidence.match_kind,
           evidence.recommended_qty, evidence.ordered_qty, evidence.order_line_count, evidence.window_start_date,
           evidence.window_end_date, evidence.qty_tolerance_pct, evidence.previous_decision_id, evidence.reason,
           evidence.episode_lead_id, evidence.episode_first_date, evidence.episode_last_date, evidence.episode_size
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
'Step 13 (uplift), is_respected, per episode (consecutive recommendations of one product, location and supplier at '
'most episode_gap_days apart, spanning at most episode_max_days): the episode asks for its last recommendation''s '
'quantity plus the units ordered up to that date (what a buyer who orders every daily re-proposal orders); it is '
'respected when active lines of purchase orders (not cancelled) of that product, location and supplier dated from '
'its first recommendation date to respect_window_days after its last (or the day before the pair''s next '
'recommendation, if earlier) add up to that within qty_tolerance_pct; otherwise not_ordered, ordered_less or '
'ordered_more. Every member gets the decision. Decided once the window has passed; re-checked while the window '
'ended less than remeasure_days ago (or in a scoped run), and a changed decision is a new row with its reason. '
'Returns decisions written and flags changed. docs/uplift.md.';

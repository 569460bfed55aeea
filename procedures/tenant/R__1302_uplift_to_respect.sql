-- Step 13, part 1 for transfers: is_respected of transfer-order recommendations (step 11), decided per episode of
-- consecutive recommendations of one product and lane (from, to), like uplift_respect for purchase orders: matched
-- against the transfer orders of the lane dated (ship date, else the day first loaded) in the window, shipped
-- quantities (else received). Records each decision in to_recommendation_respect_decisions, then sets
-- to_recommendations.is_respected. docs/uplift.md "Transfer-order recommendations".
create or replace procedure ${schema}.uplift_to_respect(
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
    drop table if exists pg_temp.uplift_to_respect_evidence;
    -- Candidates: members of undecided episodes that are closed (no later recommendation can join: the run date is
    -- episode_gap_days past its last one, or it spans episode_max_days) and whose window has passed (any age: the
    -- first run catches up); decided recommendations whose window ended recently (late data) and, in a scoped run,
    -- every decided one in scope. A decided recommendation keeps the episode, window and tolerance of its first
    -- decision: a changed setting reopens nothing.
    create temp table uplift_to_respect_evidence on commit drop as
    with latest_decisions as (
        select distinct on (decisions.to_recommendation_id) decisions.*
        from ${schema}.to_recommendation_respect_decisions as decisions
        where (p_product_ids is null or decisions.to_recommendation_id in (
                  select recommendations.id from ${schema}.to_recommendations as recommendations
                  where recommendations.product_id = any (p_product_ids)))
        order by decisions.to_recommendation_id, decisions.id desc
    ),

    undecided as (
        select
            recommendations.*,
            case when recommendations.recommendation_date - lag(recommendations.recommendation_date) over pair
                <= v_gap_days then 0 else 1 end as starts_run
        from ${schema}.to_recommendations as recommendations
        where (p_product_ids is null or recommendations.product_id = any (p_product_ids))
            and (p_location_ids is null or recommendations.to_location_id = any (p_location_ids))
            and recommendations.recommendation_date <= p_run_date
            and not exists (select from latest_decisions
                            where latest_decisions.to_recommendation_id = recommendations.id)
        window pair as (partition by recommendations.product_id, recommendations.to_location_id,
                        recommendations.from_location_id order by recommendations.recommendation_date)
    ),

    runs as (
        select
            undecided.*,
            sum(undecided.starts_run) over (
                partition by undecided.product_id, undecided.to_location_id, undecided.from_location_id
                order by undecided.recommendation_date
            ) as run_no
        from undecided
    ),

    chunks as (
        select
            runs.*,
            (runs.recommendation_date
             - min(runs.recommendation_date) over (
                 partition by runs.product_id, runs.to_location_id, runs.from_location_id, runs.run_no
             )) / v_max_days as chunk_no
        from runs
    ),

    episodes as (
        select
            chunks.*,
            first_value(chunks.id) over episode as episode_lead_id,
            first_value(chunks.recommended_qty) over episode as episode_qty,
            min(chunks.recommendation_date) over episode as episode_first_date,
            max(chunks.recommendation_date) over episode as episode_last_date,
            count(*) over episode as episode_size
        from chunks
        window episode as (partition by chunks.product_id, chunks.to_location_id, chunks.from_location_id,
                           chunks.run_no, chunks.chunk_no order by chunks.recommendation_date
                           rows between unbounded preceding and unbounded following)
    ),

    candidates as (
        select
            episodes.id as to_recommendation_id,
            episodes.product_id,
            episodes.to_location_id,
            episodes.from_location_id,
            episodes.episode_qty as recommended_qty,
            episodes.episode_lead_id,
            episodes.episode_first_date,
            episodes.episode_last_date,
            episodes.episode_size::integer as episode_size,
            episodes.episode_first_date as window_start_date,
            episodes.episode_last_date + v_window_days as window_end_date,
            v_tolerance_pct as qty_tolerance_pct,
            null::bigint as previous_decision_id,
            null::date as previous_decided_on,
            null::text as previous_match_kind,
            null::numeric as previous_recommended_qty,
            null::numeric as previous_ordered_qty
        from episodes
        where episodes.episode_last_date + v_window_days <= p_run_date
            and (episodes.episode_last_date + v_gap_days <= p_run_date
                 or episodes.episode_last_date - episodes.episode_first_date >= v_max_days - 1)
        union all
        select
            recommendations.id,
            recommendations.product_id,
            recommendations.to_location_id,
            recommendations.from_location_id,
            lead.recommended_qty,
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
            latest_decisions.transferred_qty
        from latest_decisions
        inner join ${schema}.to_recommendations as recommendations
            on recommendations.id = latest_decisions.to_recommendation_id
        inner join ${schema}.to_recommendations as lead on lead.id = latest_decisions.episode_lead_id
        where (p_location_ids is null or recommendations.to_location_id = any (p_location_ids))
            and (v_scoped or latest_decisions.window_end_date > p_run_date - v_recheck_days)
            -- A re-run of an earlier date leaves decisions whose window had not ended then alone.
            and latest_decisions.window_end_date <= p_run_date
    ),

    -- The orders of an episode are counted once, for all its members.
    episode_windows as (
        select distinct
            candidates.episode_lead_id, candidates.product_id, candidates.to_location_id, candidates.from_location_id,
            candidates.window_start_date, candidates.window_end_date
        from candidates
    ),

    ordered as (
        select
            episode_windows.episode_lead_id,
            episode_windows.window_end_date,
            coalesce(sum(coalesce(lines.qty_shipped, lines.qty_received, 0)), 0) as ordered_qty,
            count(lines.id)::integer as order_line_count
        from episode_windows
        left join ${schema}.transfer_orders as orders
            on orders.to_location_id = episode_windows.to_location_id
            and orders.from_location_id = episode_windows.from_location_id
            and coalesce(orders.ship_date, orders.first_loaded_on)
            between episode_windows.window_start_date and episode_windows.window_end_date
            and orders.status is distinct from 'cancelled'
        left join ${schema}.transfer_order_lines as lines
            on lines.transfer_order_id = orders.id
            and lines.product_id = episode_windows.product_id
            and lines.is_active
        group by episode_windows.episode_lead_id, episode_windows.window_end_date
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
        inner join ordered
            on ordered.episode_lead_id = candidates.episode_lead_id
            and ordered.window_end_date = candidates.window_end_date
    ),

    explained as (
        select
            judged.*,
            format('%s of %s recommended units transferred on %s line(s) dated %s to %s (tolerance %s%%)%s: %s',
                   trim_scale(judged.ordered_qty), trim_scale(judged.recommended_qty), judged.order_line_count,
                   judged.window_start_date, judged.window_end_date, trim_scale(judged.qty_tolerance_pct),
                   case when judged.episode_size > 1 then
                       format(' for the episode of %s recommendations dated %s to %s', judged.episode_size,
                              judged.episode_first_date, judged.episode_last_date)
                   else '' end,
                   case judged.match_kind
                       when 'respected' then 'respected'
                       when 'not_ordered' then 'not respected, no matching transfer-order line'
                       when 'ordered_less' then 'not respected, partial: transferred less than recommended'
                       else 'not respected, partial: transferred more than recommended'
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
                               format('transferred quantity in the window %s -> %s (a late or corrected transfer)',
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

    insert into ${schema}.to_recommendation_respect_decisions (
        to_recommendation_id, decided_on, is_respected, match_kind, recommended_qty, transferred_qty, order_line_count,
        window_start_date, window_end_date, qty_tolerance_pct, previous_decision_id, reason, episode_lead_id,
        episode_first_date, episode_last_date, episode_size
    )
    select evidence.to_recommendation_id, p_run_date, evidence.match_kind = 'respected', evidence.match_kind,
           evidence.recommended_qty, evidence.ordered_qty, evidence.order_line_count, evidence.window_start_date,
           evidence.window_end_date, evidence.qty_tolerance_pct, evidence.previous_decision_id, evidence.reason,
           evidence.episode_lead_id, evidence.episode_first_date, evidence.episode_last_date, evidence.episode_size
    from uplift_to_respect_evidence as evidence
    order by evidence.to_recommendation_id;
    get diagnostics p_decided = row_count;

    -- The flag follows the decision just recorded (the trigger po_recommendations_check_respected checks it).
    update ${schema}.to_recommendations as recommendations
    set is_respected = evidence.match_kind = 'respected'
    from uplift_to_respect_evidence as evidence
    where recommendations.id = evidence.to_recommendation_id
        and recommendations.is_respected is distinct from (evidence.match_kind = 'respected');
    get diagnostics p_changed = row_count;
    drop table uplift_to_respect_evidence;
end
$$;
comment on procedure ${schema}.uplift_to_respect(date, integer [], integer [], jsonb, bigint, bigint) is
'Step 13 (uplift), is_respected of transfer-order recommendations, per episode (consecutive recommendations of one '
'product and lane at most episode_gap_days apart, spanning at most episode_max_days): respected when active lines '
'of transfer orders (not cancelled) of that product from the same sending to the same receiving location, dated '
'(ship date, else first loaded) from the first recommendation date to respect_window_days after the last, add up '
'(shipped, else received quantity) to the first recommendation''s quantity within qty_tolerance_pct. Scope '
'locations are receiving locations. Returns decisions written and flags changed. docs/uplift.md.';

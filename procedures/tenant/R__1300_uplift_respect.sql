-- Step 13, part 1: is_respected of purchase-order (side 'po') and transfer-order (side 'to') recommendations,
-- decided per episode. An episode is a run of recommendations of one product, location and partner (supplier for a
-- purchase order, sending location for a transfer), each dated at most episode_gap_days after the previous one and
-- spanning at most episode_max_days (steps 10 and 11 recommend a pair every day while it stays below its reorder
-- point). Decides every episode whose respect window has passed, re-checks recent decisions against late or
-- corrected orders, records each decision with its reason in the side's respect decisions (one row per member) and
-- only then sets the side's is_respected. One procedure for both sides: the side's tables are read through three
-- temp views (recommendations, latest decisions, order lines), built with format(%I); the rule is the same SQL.
-- docs/uplift.md.
drop procedure if exists ${schema}.uplift_to_respect(date, integer [], integer [], jsonb, bigint, bigint);
drop procedure if exists ${schema}.uplift_respect(date, integer [], integer [], jsonb, bigint, bigint);
create or replace procedure ${schema}.uplift_respect(
    p_side text,
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
    v_recs           text;
    v_decisions      text;
    v_key            text;
    v_qty_column     text;
    v_location       text;
    v_partner        text;
    v_verb           text;
    v_document       text;
    v_late           text;
begin
    if p_side = 'po' then
        v_recs := 'po_recommendations';
        v_decisions := 'po_recommendation_respect_decisions';
        v_key := 'po_recommendation_id';
        v_qty_column := 'ordered_qty';
        v_location := 'location_id';
        v_partner := 'supplier_id';
        v_verb := 'ordered';
        v_document := 'purchase-order';
        v_late := 'a late or corrected purchase order';
    elsif p_side = 'to' then
        v_recs := 'to_recommendations';
        v_decisions := 'to_recommendation_respect_decisions';
        v_key := 'to_recommendation_id';
        v_qty_column := 'transferred_qty';
        v_location := 'to_location_id';
        v_partner := 'from_location_id';
        v_verb := 'transferred';
        v_document := 'transfer-order';
        v_late := 'a late or corrected transfer';
    else
        raise exception 'uplift_respect: unknown side %', coalesce(p_side, 'null')
            using errcode = 'CW196', hint = 'the sides are po (purchase orders) and to (transfer orders)';
    end if;

    drop view if exists pg_temp.uplift_respect_recommendations, pg_temp.uplift_respect_latest,
        pg_temp.uplift_respect_lines;
    -- The side's recommendations: location = the buying (receiving) location, partner = supplier (sending location).
    execute format($sql$
        create temp view uplift_respect_recommendations as
        select recommendations.id, recommendations.product_id, recommendations.%3$I as location_id,
               recommendations.%4$I as partner_id, recommendations.recommendation_date,
               recommendations.recommended_qty
        from %1$I.%2$I as recommendations
    $sql$, '${schema}', v_recs, v_location, v_partner);
    -- Its latest decision per recommendation, for the products in scope.
    execute format($sql$
        create temp view uplift_respect_latest as
        select distinct on (decisions.%3$I)
               decisions.id, decisions.%3$I as recommendation_id, decisions.decided_on, decisions.match_kind,
               decisions.recommended_qty, decisions.%4$I as ordered_qty, decisions.window_start_date,
               decisions.window_end_date, decisions.qty_tolerance_pct, decisions.episode_lead_id,
               decisions.episode_first_date, decisions.episode_last_date, decisions.episode_size
        from %1$I.%2$I as decisions
        order by decisions.%3$I, decisions.id desc
    $sql$, '${schema}', v_decisions, v_key, v_qty_column);
    -- The evidence: active lines of orders that are not cancelled. Purchase orders: dated by order date, the ordered
    -- quantity (the buyer's decision). Transfers: dated by ship date (else the day first loaded), the shipped
    -- quantity (else received, else 0).
    if p_side = 'po' then
        execute format($sql$
            create temp view uplift_respect_lines as
            select lines.id, lines.product_id, orders.location_id, orders.supplier_id as partner_id,
                   orders.order_date, lines.qty_ordered as qty
            from %1$I.purchase_orders as orders
            inner join %1$I.purchase_order_lines as lines on lines.purchase_order_id = orders.id
            where orders.status is distinct from 'cancelled' and lines.is_active
        $sql$, '${schema}');
    else
        execute format($sql$
            create temp view uplift_respect_lines as
            select lines.id, lines.product_id, orders.to_location_id as location_id,
                   orders.from_location_id as partner_id,
                   coalesce(orders.ship_date, orders.first_loaded_on) as order_date,
                   coalesce(lines.qty_shipped, lines.qty_received, 0) as qty
            from %1$I.transfer_orders as orders
            inner join %1$I.transfer_order_lines as lines on lines.transfer_order_id = orders.id
            where orders.status is distinct from 'cancelled' and lines.is_active
        $sql$, '${schema}');
    end if;

    drop table if exists pg_temp.uplift_respect_evidence;
    -- Candidates: members of undecided episodes that are closed (no later recommendation can join: the run date is
    -- episode_gap_days past its last one, or it spans episode_max_days) and whose window has passed (any age: the
    -- first run catches up); decided recommendations whose window ended recently (late data) and, in a scoped run,
    -- every decided one in scope. A decided recommendation keeps the episode, window and tolerance of its first
    -- decision: a changed setting reopens nothing.
    create temp table uplift_respect_evidence on commit drop as
    with latest_decisions as (
        select latest.*
        from uplift_respect_latest as latest
        where (p_product_ids is null or latest.recommendation_id in (
                  select recommendations.id from uplift_respect_recommendations as recommendations
                  where recommendations.product_id = any (p_product_ids)))
    ),

    undecided as (
        select
            recommendations.*,
            case when recommendations.recommendation_date - lag(recommendations.recommendation_date) over pair
                <= v_gap_days then 0 else 1 end as starts_run
        from uplift_respect_recommendations as recommendations
        where (p_product_ids is null or recommendations.product_id = any (p_product_ids))
            and (p_location_ids is null or recommendations.location_id = any (p_location_ids))
            and recommendations.recommendation_date <= p_run_date
            and not exists (select from latest_decisions
                            where latest_decisions.recommendation_id = recommendations.id)
        window pair as (partition by recommendations.product_id, recommendations.location_id,
                        recommendations.partner_id order by recommendations.recommendation_date)
    ),

    runs as (
        select
            undecided.*,
            sum(undecided.starts_run) over (partition by undecided.product_id, undecided.location_id,
                                            undecided.partner_id order by undecided.recommendation_date) as run_no
        from undecided
    ),

    chunks as (
        select
            runs.*,
            (runs.recommendation_date
             - min(runs.recommendation_date) over (partition by runs.product_id, runs.location_id, runs.partner_id,
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
        window episode as (partition by chunks.product_id, chunks.location_id, chunks.partner_id, chunks.run_no,
                           chunks.chunk_no order by chunks.recommendation_date
                           rows between unbounded preceding and unbounded following)
    ),

    candidates as (
        select
            episodes.id as recommendation_id,
            episodes.product_id,
            episodes.location_id,
            episodes.partner_id,
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
            from uplift_respect_recommendations as later
            where later.product_id = episodes.product_id
                and later.location_id = episodes.location_id
                and later.partner_id = episodes.partner_id
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
            recommendations.partner_id,
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
        inner join uplift_respect_recommendations as recommendations
            on recommendations.id = latest_decisions.recommendation_id
        -- the episode's last member (still there: a recomputed date may have dropped one)
        inner join lateral (
            select members.recommended_qty
            from uplift_respect_recommendations as members
            where members.product_id = recommendations.product_id
                and members.location_id = recommendations.location_id
                and members.partner_id = recommendations.partner_id
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
            candidates.episode_lead_id, candidates.product_id, candidates.location_id, candidates.partner_id,
            candidates.episode_last_date, candidates.window_start_date, candidates.window_end_date
        from candidates
    ),

    ordered as (
        select
            episode_windows.episode_lead_id,
            episode_windows.window_end_date,
            coalesce(sum(lines.qty), 0) as ordered_qty,
            -- orders dated up to the last member's date: its re-proposal saw them as on order (a day's snapshot
            -- holds that day's orders), so they are part of what the episode asked for
            coalesce(sum(lines.qty) filter (where lines.order_date <= episode_windows.episode_last_date), 0)
            as ordered_by_last_qty,
            count(lines.id)::integer as order_line_count
        from episode_windows
        left join uplift_respect_lines as lines
            on lines.location_id = episode_windows.location_id
            and lines.partner_id = episode_windows.partner_id
            and lines.product_id = episode_windows.product_id
            and lines.order_date between episode_windows.window_start_date and episode_windows.window_end_date
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
            format('%s of %s recommended units %s on %s line(s) dated %s to %s (tolerance %s%%)%s%s: %s',
                   trim_scale(judged.ordered_qty), trim_scale(judged.recommended_qty), v_verb, judged.order_line_count, 
                   judged.window_start_date, judged.window_end_date, trim_scale(judged.qty_tolerance_pct),
                   case when judged.episode_size > 1 then
                       format(' for the episode of %s recommendations dated %s to %s', judged.episode_size,
                              judged.episode_first_date, judged.episode_last_date)
                   else '' end,
                   case when judged.ordered_by_last_qty > 0 then
                       format(' (%s re-proposed on %s + %s %s %s to %s)', trim_scale(judged.last_member_qty),
                              judged.episode_last_date, trim_scale(judged.ordered_by_last_qty), v_verb,
                              judged.episode_first_date, judged.episode_last_date)
                   else '' end,
                   case judged.match_kind
                       when 'respected' then 'respected'
                       when 'not_ordered' then format('not respected, no matching %s line', v_document)
                       when 'ordered_less' then format('not respected, partial: %s less than recommended', v_verb)
                       else format('not respected, partial: %s more than recommended', v_verb)
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
                               format('%s quantity in the window %s -> %s (%s)', v_verb,
                                      trim_scale(explained.previous_ordered_qty), trim_scale(explained.ordered_qty),
                                      v_late)
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

    execute format($sql$
        insert into %1$I.%2$I (
            %3$I, decided_on, is_respected, match_kind, recommended_qty, %4$I, order_line_count, window_start_date,
            window_end_date, qty_tolerance_pct, previous_decision_id, reason, episode_lead_id, episode_first_date,
            episode_last_date, episode_size
        )
        select evidence.recommendation_id, %5$L::date, evidence.match_kind = 'respected', evidence.match_kind,
               evidence.recommended_qty, evidence.ordered_qty, evidence.order_line_count, evidence.window_start_date,
               evidence.window_end_date, evidence.qty_tolerance_pct, evidence.previous_decision_id, evidence.reason,
               evidence.episode_lead_id, evidence.episode_first_date, evidence.episode_last_date,
               evidence.episode_size
        from pg_temp.uplift_respect_evidence as evidence
        order by evidence.recommendation_id
    $sql$, '${schema}', v_decisions, v_key, v_qty_column, p_run_date);
    get diagnostics p_decided = row_count;

    -- The flag follows the decision just recorded (the side's trigger checks it: CW191, CW195).
    execute format($sql$
        update %1$I.%2$I as recommendations
        set is_respected = evidence.match_kind = 'respected'
        from pg_temp.uplift_respect_evidence as evidence
        where recommendations.id = evidence.recommendation_id
            and recommendations.is_respected is distinct from (evidence.match_kind = 'respected')
    $sql$, '${schema}', v_recs);
    get diagnostics p_changed = row_count;
    drop table uplift_respect_evidence;
    drop view uplift_respect_recommendations, uplift_respect_latest, uplift_respect_lines;
end
$$;
comment on procedure ${schema}.uplift_respect(text, date, integer [], integer [], jsonb, bigint, bigint) is
'Step 13 (uplift), is_respected of one side''s recommendations (po: purchase orders, to: transfer orders; CW196 for '
'another), per episode (consecutive recommendations of one product, location and partner - supplier, or sending '
'location - at most episode_gap_days apart, spanning at most episode_max_days): the episode asks for its last '
'recommendation''s quantity plus the units ordered (transferred) up to that date (what a buyer who follows every '
'daily re-proposal orders); it is respected when active lines of orders (not cancelled) of that product, location '
'and partner dated from its first recommendation date to respect_window_days after its last (or the day before the '
'pair''s next recommendation, if earlier) add up to that within qty_tolerance_pct; otherwise not_ordered, '
'ordered_less or ordered_more. Purchase orders count the ordered quantity by order date; transfers the shipped '
'(else received) quantity by ship date (else the day first loaded). Every member gets the decision. Decided once '
'the window has passed; re-checked while the window ended less than remeasure_days ago (or in a scoped run), and a '
'changed decision is a new row with its reason. Scope locations are buying (receiving) locations. Returns decisions '
'written and flags changed. docs/uplift.md.';

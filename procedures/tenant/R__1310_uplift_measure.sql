-- Step 13, part 2: the impacts of decided purchase-order (side 'po') or transfer-order (side 'to') recommendations
-- whose after window has passed, set-based, one per episode (its first recommendation; controls are first
-- recommendations of not respected episodes), into the temp table uplift_impacts_computed (one row per recommendation
-- x impact type x method), with the measured recommendations in uplift_targets. One procedure for both sides: the
-- side's tables are read through four temp views (recommendations, respect decisions, impact rows, impact types)
-- built with format(%I); windows, spells, controls, measures and both methods are the same SQL. What differs on the
-- transfer side: the after window starts after the lane's transit days, stock is counted at the sending location
-- too, overstock is measured against to_target_stock. docs/uplift.md.
drop procedure if exists ${schema}.uplift_to_measure(date, integer [], integer [], jsonb);
drop procedure if exists ${schema}.uplift_measure(date, integer [], integer [], jsonb);
create or replace procedure ${schema}.uplift_measure(
    p_side text,
    p_run_date date,
    p_product_ids integer [],
    p_location_ids integer [],
    p_settings jsonb
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
set jit = off
as $$
declare
    v_window_days    integer := (p_settings ->> 'measurement_window_days')::integer;
    v_match_days     integer := (p_settings ->> 'control_match_days')::integer;
    v_max_controls   integer := (p_settings ->> 'max_controls')::integer;
    v_holding_pct    numeric := (p_settings ->> 'holding_cost_annual_pct')::numeric;
    -- how long a kept window sum is worth keeping: a target's controls keep changing until their own later
    -- episodes are decided, at most episode_max_days + respect_window_days after the comparison ends (up15c)
    v_keep_days      integer := (p_settings ->> 'episode_max_days')::integer
                                + (p_settings ->> 'respect_window_days')::integer;
    v_scoped         boolean := p_product_ids is not null or p_location_ids is not null;
    v_recs           text;
    v_decisions      text;
    v_impacts        text;
    v_types          text;
    v_key            text;
    v_full           boolean;
begin
    drop table if exists pg_temp.uplift_targets, pg_temp.uplift_units, pg_temp.uplift_measures,
        pg_temp.uplift_impacts_computed, pg_temp.uplift_control_pool, pg_temp.uplift_unit_windows,
        pg_temp.uplift_window_sums;
    drop view if exists pg_temp.uplift_measure_classified, pg_temp.uplift_measure_recommendations,
        pg_temp.uplift_measure_decisions, pg_temp.uplift_measure_impacts, pg_temp.uplift_measure_types;

    -- The side's recommendations: location = the buying (po) or receiving (to) location; from_location_id = the
    -- sending location of a transfer (null for a purchase order); after_offset_days = the days before an order placed
    -- on the recommendation date can arrive (po: the lead time rounded up; to: the transit days rounded up, at least
    -- 1, 1 when unknown).
    if p_side = 'po' then
        v_recs := 'po_recommendations';
        v_decisions := 'po_recommendation_respect_decisions';
        v_impacts := 'purchase_order_recommendation_impacts';
        v_types := 'purchase_order_recommendation_impact_types';
        v_key := 'po_recommendation_id';
        execute format($sql$
            create temp view uplift_measure_recommendations as
            select recommendations.id, recommendations.product_id, recommendations.location_id,
                   null::integer as from_location_id, recommendations.recommendation_date,
                   recommendations.target_stock, recommendations.is_respected,
                   ceil(recommendations.lead_time_days)::integer as after_offset_days
            from %1$I.%2$I as recommendations
        $sql$, '${schema}', v_recs);
    elsif p_side = 'to' then
        v_recs := 'to_recommendations';
        v_decisions := 'to_recommendation_respect_decisions';
        v_impacts := 'transfer_order_recommendation_impacts';
        v_types := 'transfer_order_recommendation_impact_types';
        v_key := 'to_recommendation_id';
        execute format($sql$
            create temp view uplift_measure_recommendations as
            select recommendations.id, recommendations.product_id, recommendations.to_location_id as location_id,
                   recommendations.from_location_id, recommendations.recommendation_date,
                   recommendations.to_target_stock as target_stock, recommendations.is_respected,
                   greatest(ceil(coalesce(recommendations.transit_days, 1)), 1)::integer as after_offset_days
            from %1$I.%2$I as recommendations
        $sql$, '${schema}', v_recs);
    else
        raise exception 'uplift_measure: unknown side %', coalesce(p_side, 'null')
            using errcode = 'CW196', hint = 'the sides are po (purchase orders) and to (transfer orders)';
    end if;
    -- Its respect decisions (episode leads, the verdicts), impact rows (measured recommendations) and impact types.
    execute format($sql$
        create temp view uplift_measure_decisions as
        select decisions.%3$I as recommendation_id, decisions.episode_lead_id, decisions.is_respected
        from %1$I.%2$I as decisions
    $sql$, '${schema}', v_decisions, v_key);
    execute format($sql$
        create temp view uplift_measure_impacts as
        select impacts.%3$I as recommendation_id from %1$I.%2$I as impacts
    $sql$, '${schema}', v_impacts, v_key);
    execute format($sql$
        create temp view uplift_measure_types as select types.id, types.name from %1$I.%2$I as types
    $sql$, '${schema}', v_types);
    -- The side's recommendations with the classes a control is matched on: the latest behaviour snapshot on or before
    -- the recommendation date, the pair's, else the product's. Read by id or through filters on the recommendation's
    -- own columns, so the lookups run only for the rows a statement keeps.
    create temp view uplift_measure_classified as
    select
        recommendations.*,
        coalesce(pair_class.abc_class_id, product_class.abc_class_id) as abc_class_id,
        coalesce(pair_class.freq_class_id, product_class.freq_class_id) as freq_class_id
    from uplift_measure_recommendations as recommendations
    left join lateral (
        select behaviors.abc_class_id, behaviors.freq_class_id
        from ${schema}.product_location_behaviors as behaviors
        where behaviors.product_id = recommendations.product_id
            and behaviors.location_id = recommendations.location_id
            and behaviors.snapshot_date <= recommendations.recommendation_date
        order by behaviors.snapshot_date desc
        limit 1
    ) as pair_class on true
    left join lateral (
        select behaviors.abc_class_id, behaviors.freq_class_id
        from ${schema}.product_behaviors as behaviors
        where behaviors.product_id = recommendations.product_id
            and behaviors.snapshot_date <= recommendations.recommendation_date
        order by behaviors.snapshot_date desc
        limit 1
    ) as product_class on true;

    -- Measure everything in a scoped run, on the first run (no state), after the measure settings changed (the
    -- stored impacts were computed with others) or after a location moved in the tree (served sets changed).
    v_full := v_scoped
        or not exists (select from ${schema}.uplift_measure_state as state
                       where state.settings = ${schema}.uplift_measure_settings(p_settings))
        or exists (select from pg_temp.uplift_evidence as evidence where evidence.source = 'locations');

    -- The kept window sums (uplift_window_measures, up15c) that are no longer what a read would give: all of them
    -- on a full re-measure of a night (no state, settings or location tree changed); else those a changed sales or
    -- stock day falls in (the product at a served location of the window's root, or at a transfer's sending
    -- location, a day inside the window), those of a product whose price or cost changed, and those read more than
    -- v_keep_days ago (a re-measure after that reads afresh). A scoped run reads every window it needs from the
    -- sources (it restates its scope) and replaces their kept sums; it leaves the queue to the next night.
    if not v_scoped then
        if v_full then
            delete from ${schema}.uplift_window_measures as kept where kept.side = p_side;
        else
            with recursive served as (
                select locations.id as root_location_id, locations.id as location_id
                from ${schema}.locations
                union all
                select served.root_location_id, children.id
                from served
                inner join ${schema}.locations as children on children.parent_location_id = served.location_id
            ),

            changed_days as (
                select evidence.product_id, evidence.location_id, evidence.first_date, evidence.last_date
                from pg_temp.uplift_evidence as evidence
                where evidence.source in ('demand_history', 'inventory_daily')
            ),

            stale as (
                select kept.product_id, kept.location_id, kept.start_date, kept.end_date
                from changed_days
                inner join ${schema}.uplift_window_measures as kept
                    on kept.side = p_side
                    and kept.product_id = changed_days.product_id
                    and kept.start_date <= changed_days.last_date
                    and kept.end_date >= changed_days.first_date
                where kept.from_location_id = changed_days.location_id
                    or exists (select from served
                               where served.root_location_id = kept.location_id
                                   and served.location_id = changed_days.location_id)
                union
                select kept.product_id, kept.location_id, kept.start_date, kept.end_date
                from ${schema}.uplift_window_measures as kept
                where kept.side = p_side
                    and kept.product_id in (select evidence.product_id from pg_temp.uplift_evidence as evidence
                                            where evidence.source = 'products')
            )

            delete from ${schema}.uplift_window_measures as kept
            using stale
            where kept.side = p_side
                and kept.product_id = stale.product_id
                and kept.location_id = stale.location_id
                and kept.start_date = stale.start_date
                and kept.end_date = stale.end_date;
            delete from ${schema}.uplift_window_measures as kept
            where kept.side = p_side and kept.computed_on < p_run_date - v_keep_days;
        end if;
    end if;

    -- Recommendations that can be measured: decided episode leads whose after window has passed (in scope).
    create temp table uplift_eligible on commit drop as
    select
        recommendations.id as recommendation_id,
        recommendations.product_id,
        recommendations.location_id,
        recommendations.from_location_id,
        recommendations.recommendation_date,
        recommendations.target_stock,
        recommendations.is_respected,
        recommendations.recommendation_date - v_window_days as baseline_start_date,
        recommendations.recommendation_date - 1 as baseline_end_date,
        recommendations.recommendation_date + recommendations.after_offset_days as actual_start_date,
        recommendations.recommendation_date + recommendations.after_offset_days + v_window_days - 1
        as actual_end_date
    from uplift_measure_recommendations as recommendations
    where recommendations.is_respected is not null
        and recommendations.recommendation_date + recommendations.after_offset_days + v_window_days - 1
        <= p_run_date
        and (p_product_ids is null or recommendations.product_id = any (p_product_ids))
        and (p_location_ids is null or recommendations.location_id = any (p_location_ids))
        -- an episode is measured once, on its first recommendation
        and exists (select from uplift_measure_decisions as decisions
                    where decisions.recommendation_id = recommendations.id
                        and decisions.episode_lead_id = recommendations.id);
    alter table uplift_eligible add primary key (recommendation_id);

    -- Which of them to measure now. A scoped run, a run after the measure settings changed or a location moved in
    -- the tree (v_full): all. A night: those never measured, and those whose evidence changed since they were
    -- measured (pg_temp.uplift_evidence, consumed from uplift_evidence_changes by step_uplift): a sales or stock day
    -- of a unit they read (the target or a control: its product at a served location, or a transfer's sender)
    -- inside their read window; a recommendation of the same pair dated up to the end of the after window, when it
    -- can change the measurement (the recommendation itself or an earlier day; for a respected target a later day
    -- now not respected, ever decided not respected or gone: its spell of following); a recommendation of a
    -- control's product at the location, when it can change the controls (the control's own recommendation, one
    -- gone, one now respected inside the comparison, one now not respected within control_match_days); a new not
    -- respected episode lead of the same location and classes within control_match_days of a measurement that uses
    -- controls (a new control); the price or cost of a unit's product. docs/uplift.md "Cost: measure once,
    -- re-measure on changed evidence".
    create temp table uplift_chosen on commit drop as
    with recursive served as (
        select locations.id as root_location_id, locations.id as location_id
        from ${schema}.locations
        union all
        select served.root_location_id, children.id
        from served
        inner join ${schema}.locations as children on children.parent_location_id = served.location_id
    ),

    evidence as (
        select evidence_rows.* from pg_temp.uplift_evidence as evidence_rows where not v_full
    ),

    measured as (
        select measurements.* from ${schema}.uplift_measurements as measurements where measurements.side = p_side
    ),

    units as (
        select measurement_units.* from ${schema}.uplift_measurement_units as measurement_units
        where measurement_units.side = p_side
    ),

    data_hits as (
        select measured.recommendation_id
        from evidence
        inner join units on units.product_id = evidence.product_id
        inner join measured on measured.recommendation_id = units.recommendation_id
        where evidence.source in ('demand_history', 'inventory_daily')
            and evidence.first_date <= measured.read_end_date
            and evidence.last_date >= measured.read_start_date
            and (evidence.location_id = units.from_location_id
                 or exists (select from served
                            where served.root_location_id = measured.location_id
                                and served.location_id = evidence.location_id))
    ),

    product_hits as (
        select units.recommendation_id
        from evidence
        inner join units on units.product_id = evidence.product_id
        where evidence.source = 'products'
    ),

    -- The side's recommendations at each recorded (product, location, day) as they are now: none left (deleted or
    -- moved), any respected, any not respected, any ever decided not respected. is_respected never returns to null
    -- (CW191 / CW195) and every change of it is a decision, so a recommendation that is respected now and was never
    -- decided otherwise was undecided or respected at any earlier measurement.
    evidence_recommendations as (
        select distinct evidence.product_id, evidence.location_id, evidence.first_date as recommendation_date
        from evidence
        where evidence.source = v_recs
    ),

    evidence_states as (
        select
            evidence_recommendations.product_id,
            evidence_recommendations.location_id,
            evidence_recommendations.recommendation_date,
            count(recommendations.id) = 0 as is_gone,
            coalesce(bool_or(recommendations.is_respected), false) as is_followed,
            coalesce(bool_or(not recommendations.is_respected), false) as is_ignored,
            coalesce(bool_or(exists (select from uplift_measure_decisions as decisions
                                     where decisions.recommendation_id = recommendations.id
                                         and not decisions.is_respected)), false) as was_ever_ignored
        from evidence_recommendations
        left join uplift_measure_recommendations as recommendations
            on recommendations.product_id = evidence_recommendations.product_id
            and recommendations.location_id = evidence_recommendations.location_id
            and recommendations.recommendation_date = evidence_recommendations.recommendation_date
        group by evidence_recommendations.product_id, evidence_recommendations.location_id,
            evidence_recommendations.recommendation_date
    ),

    pair_hits as (
        -- the same pair (the recommendation itself, its spell) up to the after window's end, when the change can
        -- change the measurement (up15b): the target itself or a day before it (its own fields and decision, the
        -- spell's followed days); for a respected target, a later day now not respected, ever decided not
        -- respected or gone (the spell's last not respected day). A not respected target reads no other
        -- recommendation of its pair; a later recommendation that went from undecided to respected changes no spell.
        select measured.recommendation_id
        from evidence_states
        inner join measured
            on measured.product_id = evidence_states.product_id
            and measured.location_id = evidence_states.location_id
            and evidence_states.recommendation_date <= measured.read_end_date
        where evidence_states.recommendation_date <= measured.recommendation_date
            or ((evidence_states.is_gone or evidence_states.is_ignored or evidence_states.was_ever_ignored)
                and exists (select from uplift_measure_recommendations as target
                            where target.id = measured.recommendation_id and target.is_respected))
        union all
        -- a control's product at the location, when the change can change the controls (up15b): the control's own
        -- recommendation (changed or gone); a recommendation of its pair gone; now respected inside the comparison
        -- (the control follows: it drops out); now not respected within control_match_days of the target (a nearer
        -- recommendation of the control's product). A recommendation of the control's pair that is respected outside
        -- the comparison, not respected farther than control_match_days, or still undecided changes no control.
        select measured.recommendation_id
        from evidence_states
        inner join units on units.product_id = evidence_states.product_id and not units.is_treated
        inner join measured
            on measured.recommendation_id = units.recommendation_id
            and measured.location_id = evidence_states.location_id
            and evidence_states.recommendation_date <= measured.read_end_date
        where evidence_states.is_gone
            or (evidence_states.is_followed and evidence_states.recommendation_date >= measured.read_start_date)
            or (evidence_states.is_ignored
                and evidence_states.recommendation_date
                between measured.recommendation_date - v_match_days and measured.recommendation_date + v_match_days)
            or not exists (select from uplift_measure_recommendations as control
                           where control.id = units.unit_recommendation_id
                               and control.recommendation_date <> evidence_states.recommendation_date)
    ),

    candidate_hits as (
        select measured.recommendation_id
        from evidence
        inner join uplift_measure_classified as candidate
            on candidate.product_id = evidence.product_id
            and candidate.location_id = evidence.location_id
            and candidate.recommendation_date = evidence.first_date
            and candidate.is_respected = false
        -- the stored measurements themselves, not the materialised CTE: a range on (side, location, date) that
        -- uplift_measurements_location_idx serves (up15b; abs(date difference) over the CTE compared every pair)
        inner join ${schema}.uplift_measurements as measured
            on measured.side = p_side
            and measured.location_id = candidate.location_id
            and measured.recommendation_date
            between candidate.recommendation_date - v_match_days and candidate.recommendation_date + v_match_days
            and measured.product_id <> candidate.product_id
            and measured.spell_start_date is not null
            and measured.abc_class_id is not distinct from candidate.abc_class_id
            and measured.freq_class_id is not distinct from candidate.freq_class_id
        where evidence.source = v_recs
            and exists (select from uplift_measure_decisions as decisions
                        where decisions.recommendation_id = candidate.id
                            and decisions.episode_lead_id = candidate.id)
    )

    select eligible.recommendation_id
    from uplift_eligible as eligible
    where v_full
        or not exists (select from measured where measured.recommendation_id = eligible.recommendation_id)
    union
    select hits.recommendation_id
    from (select data_hits.recommendation_id from data_hits
          union all
          select product_hits.recommendation_id from product_hits
          union all
          select pair_hits.recommendation_id from pair_hits
          union all
          select candidate_hits.recommendation_id from candidate_hits) as hits
    where hits.recommendation_id in (select eligible.recommendation_id from uplift_eligible as eligible);

    -- Measurements of recommendations that are gone (deleted, or no longer an episode lead): forgotten.
    if not v_scoped then
        delete from ${schema}.uplift_measurements as measurements
        where measurements.side = p_side
            and (measurements.product_id, measurements.location_id) in (
                select evidence.product_id, evidence.location_id from pg_temp.uplift_evidence as evidence
                where evidence.source = v_recs)
            and not exists (select from uplift_measure_recommendations as recommendations
                            where recommendations.id = measurements.recommendation_id)
            and not exists (select from uplift_eligible
                            where uplift_eligible.recommendation_id = measurements.recommendation_id);
        delete from ${schema}.uplift_measurement_units as units
        where units.side = p_side
            and not exists (select from ${schema}.uplift_measurements as measurements
                            where measurements.side = units.side
                                and measurements.recommendation_id = units.recommendation_id)
            and units.recommendation_id in (select evidence_units.recommendation_id
                                            from ${schema}.uplift_measurement_units as evidence_units
                                            inner join pg_temp.uplift_evidence as evidence
                                                on evidence.product_id = evidence_units.product_id
                                            where evidence_units.side = p_side and evidence.source = v_recs);
    end if;

    -- The targets, with diff_in_diff's before window: the W days before the pair started following (the first
    -- respected recommendation after its last not respected one), not a window already following. Null unless the
    -- target is respected and no not respected recommendation of the pair is dated from the start through its after
    -- window. With the classes its controls are matched on.
    create temp table uplift_targets on commit drop as
    select
        windows.*,
        spell.spell_start_date,
        spell.spell_start_date - v_window_days as dd_baseline_start_date,
        spell.spell_start_date - 1 as dd_baseline_end_date,
        classified.abc_class_id,
        classified.freq_class_id
    from uplift_eligible as windows
    inner join uplift_measure_classified as classified on classified.id = windows.recommendation_id
    left join lateral (
        select min(followed.recommendation_date) as spell_start_date
        from uplift_measure_recommendations as followed
        where windows.is_respected
            and followed.product_id = windows.product_id
            and followed.location_id = windows.location_id
            and followed.is_respected
            and followed.recommendation_date <= windows.recommendation_date
            and followed.recommendation_date > coalesce(
                (select max(ignored.recommendation_date)
                 from uplift_measure_recommendations as ignored
                 where ignored.product_id = windows.product_id
                     and ignored.location_id = windows.location_id
                     and not ignored.is_respected
                     and ignored.recommendation_date <= windows.actual_end_date), '-infinity'::date)
    ) as spell on true
    where windows.recommendation_id in (select uplift_chosen.recommendation_id from uplift_chosen);
    drop table uplift_chosen, uplift_eligible;
    create index on uplift_targets (location_id, recommendation_date);

    -- Statistics for the planner: without them it guesses the temp tables' sizes and value spread, and at M-scale
    -- (tens of thousands of targets) chose nested loops that rescan a whole materialised set per row (uplift15).
    analyze uplift_targets;

    -- The control pool: the not respected episode leads at a location with a target that may get controls (respected,
    -- spell_start_date) dated within control_match_days, with the classes they are matched on. The days within reach
    -- of such a target are listed per location first (location x day: at most locations x days rows), so the pool is
    -- an equality join on (location, day) whatever the number of targets. The class keys (null as -1) let the
    -- controls' join hash or merge on (location, classes); the join still compares the classes with
    -- "is not distinct from".
    create temp table uplift_control_pool on commit drop as
    with target_days as (
        select distinct uplift_targets.location_id, uplift_targets.recommendation_date
        from uplift_targets
        where uplift_targets.spell_start_date is not null
    ),

    reach_days as (
        select distinct
            target_days.location_id,
            (target_days.recommendation_date + offsets.offset_days) as reach_date
        from target_days
        cross join generate_series(-v_match_days, v_match_days) as offsets (offset_days)
    ),

    pool as (
        select
            recommendations.id as recommendation_id,
            recommendations.product_id,
            recommendations.location_id,
            recommendations.from_location_id,
            recommendations.recommendation_date,
            recommendations.target_stock,
            recommendations.abc_class_id,
            recommendations.freq_class_id,
            coalesce(recommendations.abc_class_id, -1) as abc_key,
            coalesce(recommendations.freq_class_id, -1) as freq_key
        from uplift_measure_classified as recommendations
        where recommendations.is_respected = false
            and exists (select from uplift_measure_decisions as decisions
                        where decisions.recommendation_id = recommendations.id
                            and decisions.episode_lead_id = recommendations.id)
            and (recommendations.location_id, recommendations.recommendation_date) in (
                select reach_days.location_id, reach_days.reach_date from reach_days)
    )

    select * from pool;
    create index on uplift_control_pool (location_id, abc_key, freq_key, recommendation_date);
    analyze uplift_control_pool;

    -- The measured units: each target itself, and for a respected one that followed throughout (spell_start_date)
    -- its controls. A control is another product at the same location with a not-respected recommendation dated
    -- within control_match_days, of the same ABC class and frequency class (the latest behaviour snapshot on or
    -- before the recommendation date: the pair's, else the product's), and no respected recommendation of its own
    -- from the first day of the target's diff_in_diff before window to the last of its after window: not following
    -- over the whole comparison. At most max_controls of them, the nearest in date. The candidates join on equal
    -- keys (location, class keys) with the date distance as a range, and the "not following" test is an anti join
    -- on the control's pair: both grow with the candidates found, not with targets x pool.
    create temp table uplift_units on commit drop as
    with treated as (
        select
            uplift_targets.recommendation_id,
            uplift_targets.product_id,
            uplift_targets.location_id,
            uplift_targets.from_location_id,
            uplift_targets.target_stock,
            true as is_treated,
            uplift_targets.recommendation_id as unit_recommendation_id
        from uplift_targets
    ),

    pairs_matched as (
        select
            uplift_targets.recommendation_id,
            uplift_targets.dd_baseline_start_date,
            uplift_targets.actual_end_date,
            control.product_id,
            control.location_id,
            control.from_location_id,
            control.target_stock,
            control.recommendation_id as unit_recommendation_id,
            abs(control.recommendation_date - uplift_targets.recommendation_date) as distance_days
        from uplift_targets
        inner join uplift_control_pool as control
            on control.location_id = uplift_targets.location_id
            and control.abc_key = coalesce(uplift_targets.abc_class_id, -1)
            and control.freq_key = coalesce(uplift_targets.freq_class_id, -1)
            and control.recommendation_date
            between uplift_targets.recommendation_date - v_match_days and uplift_targets.recommendation_date + v_match_days
            and control.abc_class_id is not distinct from uplift_targets.abc_class_id
            and control.freq_class_id is not distinct from uplift_targets.freq_class_id
            and control.product_id <> uplift_targets.product_id
        where uplift_targets.spell_start_date is not null
    ),

    control_candidates as (
        select distinct on (pairs_matched.recommendation_id, pairs_matched.product_id)
            pairs_matched.recommendation_id,
            pairs_matched.product_id,
            pairs_matched.location_id,
            pairs_matched.from_location_id,
            pairs_matched.target_stock,
            pairs_matched.unit_recommendation_id,
            pairs_matched.distance_days
        from pairs_matched
        where not exists (select from uplift_measure_recommendations as followed
                          where followed.product_id = pairs_matched.product_id
                              and followed.location_id = pairs_matched.location_id
                              and followed.is_respected
                              and followed.recommendation_date
                              between pairs_matched.dd_baseline_start_date and pairs_matched.actual_end_date)
        order by pairs_matched.recommendation_id, pairs_matched.product_id, pairs_matched.distance_days,
            pairs_matched.unit_recommendation_id
    ),

    controls as (
        select
            ranked.recommendation_id,
            ranked.product_id,
            ranked.location_id,
            ranked.from_location_id,
            ranked.target_stock,
            false as is_treated,
            ranked.unit_recommendation_id
        from (select
                  control_candidates.*,
                  row_number() over (
                      partition by control_candidates.recommendation_id
                      order by control_candidates.distance_days, control_candidates.product_id
                  ) as rank_no
              from control_candidates) as ranked
        where ranked.rank_no <= v_max_controls
    )

    select * from treated
    union all
    select * from controls;
    drop table uplift_control_pool;
    analyze uplift_units;

    -- Every unit's windows: the target's before window(s) and after window, for the target and its controls.
    create temp table uplift_unit_windows on commit drop as
    select
        uplift_units.*,
        periods.period,
        case periods.period when 'baseline' then uplift_targets.baseline_start_date
            when 'dd_baseline' then uplift_targets.dd_baseline_start_date
            else uplift_targets.actual_start_date end as start_date,
        case periods.period when 'baseline' then uplift_targets.baseline_end_date
            when 'dd_baseline' then uplift_targets.dd_baseline_end_date
            else uplift_targets.actual_end_date end as end_date
    from uplift_units
    inner join uplift_targets on uplift_targets.recommendation_id = uplift_units.recommendation_id
    -- baseline (pre_post) for the target only; dd_baseline (diff_in_diff) for it and its controls
    cross join (values ('baseline'), ('dd_baseline'), ('actual')) as periods (period)
    where (periods.period <> 'baseline' or uplift_units.is_treated)
        and (periods.period <> 'dd_baseline' or uplift_targets.spell_start_date is not null);
    analyze uplift_unit_windows;

    -- The sums of each distinct window: those kept from an earlier read (up15c: a re-measure whose controls changed
    -- reads only the windows it has not read yet; none in a scoped run), then the others read from the sources.
    create temp table uplift_window_sums on commit drop as
    with window_keys as (
        select distinct
            unit_windows.product_id,
            unit_windows.location_id,
            unit_windows.from_location_id,
            unit_windows.target_stock,
            unit_windows.start_date,
            unit_windows.end_date
        from uplift_unit_windows as unit_windows
        where not v_scoped
    )

    select
        kept.product_id, kept.location_id, kept.from_location_id, kept.target_stock, kept.start_date, kept.end_date,
        kept.revenue, kept.sold_qty, kept.demand_qty, kept.listed_days, kept.stockout_days, kept.lost_margin,
        kept.stock_value_days, kept.overstock_qty_days, false as is_read
    from window_keys
    inner join ${schema}.uplift_window_measures as kept
        on kept.side = p_side
        and kept.product_id = window_keys.product_id
        and kept.location_id = window_keys.location_id
        and kept.start_date = window_keys.start_date
        and kept.end_date = window_keys.end_date
        and kept.from_location_id is not distinct from window_keys.from_location_id
        and kept.target_stock is not distinct from window_keys.target_stock;
    analyze uplift_window_sums;

    -- The windows not kept, read from demand_history and inventory_daily. The served locations of a buying location
    -- are itself and every location below it in the location tree.
    insert into uplift_window_sums (
        product_id, location_id, from_location_id, target_stock, start_date, end_date, revenue, sold_qty,
        demand_qty, listed_days, stockout_days, lost_margin, stock_value_days, overstock_qty_days, is_read
    )
    with recursive served as (
        select locations.id as root_location_id, locations.id as location_id
        from ${schema}.locations
        where locations.id in (select uplift_units.location_id from uplift_units)
        union all
        select served.root_location_id, children.id
        from served
        inner join ${schema}.locations as children on children.parent_location_id = served.location_id
    ),

    -- The distinct windows to read (up15b): targets of one location and day share their controls and windows, so
    -- a unit window is read once per product, location (and a transfer's sending location and target stock: the
    -- overstock) and days, not once per target. The same rows are summed for every unit window of a key. Only the
    -- windows not kept (up15c).
    window_reads as (
        select distinct
            unit_windows.product_id,
            unit_windows.location_id,
            unit_windows.from_location_id,
            unit_windows.target_stock,
            unit_windows.start_date,
            unit_windows.end_date
        from uplift_unit_windows as unit_windows
        where not exists (select from uplift_window_sums as kept
                          where kept.product_id = unit_windows.product_id
                              and kept.location_id = unit_windows.location_id
                              and kept.start_date = unit_windows.start_date
                              and kept.end_date = unit_windows.end_date
                              and kept.from_location_id is not distinct from unit_windows.from_location_id
                              and kept.target_stock is not distinct from unit_windows.target_stock)
    ),

    -- with the product's margin and cost, looked up once per window rather than once per day read
    demand_reads as (
        select distinct
            window_reads.product_id,
            window_reads.location_id,
            window_reads.start_date,
            window_reads.end_date,
            greatest(coalesce(products.price, 0) - coalesce(products.cost, 0), 0) as unit_margin
        from window_reads
        inner join ${schema}.products on products.id = window_reads.product_id
    ),

    -- each stock window with the sites it counts: the served locations and, for a transfer, the sending location
    -- (a transfer moves stock: counting only the receiver would make every transfer look like free stock); a site
    -- per row, so the read of inventory_daily is a range of its key (product, location, day)
    stock_reads as (
        select window_reads.*, served.location_id as site_location_id
        from window_reads
        inner join served on served.root_location_id = window_reads.location_id
        union
        select window_reads.*, window_reads.from_location_id as site_location_id
        from window_reads
        where window_reads.from_location_id is not null
    ),

    demand as (
        select
            demand_reads.product_id,
            demand_reads.location_id,
            demand_reads.start_date,
            demand_reads.end_date,
            sum(history.revenue) as revenue,
            sum(history.quantity) as sold_qty,
            sum(history.demand_qty) as demand_qty,
            count(history.id) as listed_days,
            count(history.id) filter (where not history.is_in_stock) as stockout_days,
            sum(coalesce(history.stockout_qty, 0) * demand_reads.unit_margin) as lost_margin
        from demand_reads
        inner join served on served.root_location_id = demand_reads.location_id
        inner join ${schema}.demand_history as history
            on history.product_id = demand_reads.product_id
            and history.location_id = served.location_id
            and history.demand_date between demand_reads.start_date and demand_reads.end_date
        group by demand_reads.product_id, demand_reads.location_id, demand_reads.start_date, demand_reads.end_date
    ),

    stock as (
        select
            stock_reads.product_id,
            stock_reads.location_id,
            stock_reads.from_location_id,
            stock_reads.target_stock,
            stock_reads.start_date,
            stock_reads.end_date,
            sum(inventory.on_hand_qty * coalesce(products.cost, 0)) as stock_value_days,
            sum(greatest(inventory.on_hand_qty - stock_reads.target_stock, 0))
                filter (where inventory.location_id = stock_reads.location_id) as overstock_qty_days
        from stock_reads
        inner join ${schema}.products on products.id = stock_reads.product_id
        inner join ${stats_schema}.inventory_daily as inventory
            on inventory.product_id = stock_reads.product_id
            and inventory.location_id = stock_reads.site_location_id
            and inventory.stat_date between stock_reads.start_date and stock_reads.end_date
        group by stock_reads.product_id, stock_reads.location_id, stock_reads.from_location_id,
            stock_reads.target_stock, stock_reads.start_date, stock_reads.end_date
    ),

    read_sums as (
        select
            window_reads.product_id,
            window_reads.location_id,
            window_reads.from_location_id,
            window_reads.target_stock,
            window_reads.start_date,
            window_reads.end_date,
            demand.revenue,
            demand.sold_qty,
            demand.demand_qty,
            demand.listed_days,
            demand.stockout_days,
            demand.lost_margin,
            stock.stock_value_days,
            stock.overstock_qty_days,
            true as is_read
        from window_reads
        left join demand
            on demand.product_id = window_reads.product_id
            and demand.location_id = window_reads.location_id
            and demand.start_date = window_reads.start_date
            and demand.end_date = window_reads.end_date
        left join stock
            on stock.product_id = window_reads.product_id
            and stock.location_id = window_reads.location_id
            and stock.start_date = window_reads.start_date
            and stock.end_date = window_reads.end_date
            and stock.from_location_id is not distinct from window_reads.from_location_id
            and stock.target_stock is not distinct from window_reads.target_stock
    )

    select * from read_sums;

    -- Keep what was read for the next nights' re-measures (a scoped run replaces the sums it read again).
    insert into ${schema}.uplift_window_measures as kept (
        side, product_id, location_id, from_location_id, target_stock, start_date, end_date, revenue, sold_qty,
        demand_qty, listed_days, stockout_days, lost_margin, stock_value_days, overstock_qty_days, computed_on
    )
    select p_side, sums.product_id, sums.location_id, sums.from_location_id, sums.target_stock, sums.start_date,
           sums.end_date, sums.revenue, sums.sold_qty, sums.demand_qty, sums.listed_days, sums.stockout_days,
           sums.lost_margin, sums.stock_value_days, sums.overstock_qty_days, p_run_date
    from uplift_window_sums as sums
    where sums.is_read
    on conflict (side, product_id, location_id, start_date, end_date, from_location_id, target_stock) do update
    set revenue = excluded.revenue,
        sold_qty = excluded.sold_qty,
        demand_qty = excluded.demand_qty,
        listed_days = excluded.listed_days,
        stockout_days = excluded.stockout_days,
        lost_margin = excluded.lost_margin,
        stock_value_days = excluded.stock_value_days,
        overstock_qty_days = excluded.overstock_qty_days,
        computed_on = excluded.computed_on;
    analyze uplift_window_sums;

    -- Every unit's measures over the target's before window and after window, from its window's sums.
    create temp table uplift_measures on commit drop as
    with measured as (
        select
            unit_windows.recommendation_id,
            unit_windows.product_id,
            unit_windows.is_treated,
            unit_windows.period,
            coalesce(sums.revenue, 0) / v_window_days as revenue_uplift,
            100 * sums.sold_qty / nullif(sums.demand_qty, 0) as fill_rate_improvement,
            coalesce(sums.stock_value_days, 0) / v_window_days as inventory_optimization,
            100.0 * sums.stockout_days / nullif(sums.listed_days, 0) as stockout_reduction,
            coalesce(sums.overstock_qty_days, 0) / v_window_days as overstock_reduction,
            (v_holding_pct / 100 / 365 * coalesce(sums.stock_value_days, 0) + coalesce(sums.lost_margin, 0))
            / v_window_days as cost_savings
        from uplift_unit_windows as unit_windows
        inner join uplift_window_sums as sums
            on sums.product_id = unit_windows.product_id
            and sums.location_id = unit_windows.location_id
            and sums.start_date = unit_windows.start_date
            and sums.end_date = unit_windows.end_date
            and sums.from_location_id is not distinct from unit_windows.from_location_id
            and sums.target_stock is not distinct from unit_windows.target_stock
    )

    select
        measured.recommendation_id,
        measured.product_id,
        measured.is_treated,
        measured.period,
        types.id as impact_type_id,
        case types.name
            when 'revenue_uplift' then measured.revenue_uplift
            when 'fill_rate_improvement' then measured.fill_rate_improvement
            when 'inventory_optimization' then measured.inventory_optimization
            when 'stockout_reduction' then measured.stockout_reduction
            when 'overstock_reduction' then measured.overstock_reduction
            when 'cost_savings' then measured.cost_savings
        end as measure
    from measured
    cross join uplift_measure_types as types;
    analyze uplift_measures;

    -- pre_post for every target; diff_in_diff for respected targets with at least one control measured in both
    -- windows (per impact type). A type that cannot be measured in a window (no demand: fill rate, stockout rate)
    -- gets no row.
    create temp table uplift_impacts_computed on commit drop as
    with paired as (
        select
            baseline.recommendation_id,
            baseline.product_id,
            baseline.is_treated,
            baseline.impact_type_id,
            baseline.period as baseline_period,
            baseline.measure as baseline_measure,
            actual.measure as actual_measure
        from uplift_measures as baseline
        inner join uplift_measures as actual
            on actual.recommendation_id = baseline.recommendation_id
            and actual.product_id = baseline.product_id
            and actual.is_treated = baseline.is_treated
            and actual.impact_type_id = baseline.impact_type_id
            and actual.period = 'actual'
        where baseline.period in ('baseline', 'dd_baseline')
            and baseline.measure is not null and actual.measure is not null
    ),

    -- diff_in_diff's inputs per target and impact type in one pass over the dd_baseline pairs: the target's own
    -- measures (one treated row at most) and its controls' means. One grouped aggregate instead of a join of the
    -- targets to their controls' means: at M-scale the planner, guessing one row for each side, joined them by a
    -- nested loop that re-read every control mean for every target (uplift15).
    dd_groups as (
        select
            paired.recommendation_id,
            paired.impact_type_id,
            count(*) filter (where paired.is_treated) as treated_count,
            max(paired.baseline_measure) filter (where paired.is_treated) as treated_baseline,
            max(paired.actual_measure) filter (where paired.is_treated) as treated_actual,
            (count(*) filter (where not paired.is_treated))::integer as control_count,
            avg(paired.baseline_measure) filter (where not paired.is_treated) as control_baseline,
            avg(paired.actual_measure) filter (where not paired.is_treated) as control_actual,
            -- the spread of the controls' own changes: how much a comparable pair moved by chance; null when they
            -- did not move at all (e.g. none sold anything): that says nothing about the target's own noise
            nullif(stddev_samp(paired.actual_measure - paired.baseline_measure) filter (where not paired.is_treated),
                   0) as control_change_sd
        from paired
        where paired.baseline_period = 'dd_baseline'
        group by paired.recommendation_id, paired.impact_type_id
    ),

    control_means as (
        select dd_groups.*
        from dd_groups
        where dd_groups.treated_count = 1 and dd_groups.control_count > 0
    ),

    pre_post as (
        select
            paired.recommendation_id,
            paired.impact_type_id,
            1::smallint as measurement_method_id,
            round(paired.baseline_measure, 4) as baseline_value,
            round(paired.actual_measure, 4) as actual_value,
            null::integer as control_count,
            null::numeric as control_baseline_value,
            null::numeric as control_actual_value,
            null::numeric as impact_std_error,
            null::numeric as impact_ci_margin
        from paired
        where paired.is_treated and paired.baseline_period = 'baseline'
    ),

    diff_in_diff as (
        select
            control_means.recommendation_id,
            control_means.impact_type_id,
            2::smallint as measurement_method_id,
            round(control_means.treated_baseline + control_means.control_actual - control_means.control_baseline, 4)
            as baseline_value,
            round(control_means.treated_actual, 4) as actual_value,
            control_means.control_count,
            round(control_means.control_baseline, 4) as control_baseline_value,
            round(control_means.control_actual, 4) as control_actual_value,
            -- the impact's standard error: the target could have changed by chance like any one control, and the
            -- controls' mean is itself uncertain (sd x sqrt(1 + 1/k)); null with a single control or no spread
            round(control_means.control_change_sd * sqrt(1 + 1.0 / control_means.control_count), 4)
            as impact_std_error,
            -- half-width of the 95 % interval: Student's t(0.975, k - 1) x the standard error
            round(control_means.control_change_sd * sqrt(1 + 1.0 / control_means.control_count)
                  * ${schema}.uplift_t_quantile_975(control_means.control_count - 1), 4) as impact_ci_margin
        from control_means
    ),

    both_methods as (
        select * from pre_post
        union all
        select * from diff_in_diff
    )

    select
        both_methods.*,
        uplift_targets.actual_end_date as measurement_date,
        case both_methods.measurement_method_id when 2 then uplift_targets.dd_baseline_start_date
            else uplift_targets.baseline_start_date end as baseline_start_date,
        case both_methods.measurement_method_id when 2 then uplift_targets.dd_baseline_end_date
            else uplift_targets.baseline_end_date end as baseline_end_date,
        uplift_targets.actual_start_date,
        uplift_targets.actual_end_date,
        uplift_targets.is_respected
    from both_methods
    inner join uplift_targets on uplift_targets.recommendation_id = both_methods.recommendation_id;

    -- What each measurement read, for the next nights' evidence check (only rows that differ are written).
    insert into ${schema}.uplift_measurements as measurements (
        side, recommendation_id, product_id, location_id, recommendation_date, abc_class_id, freq_class_id,
        spell_start_date, read_start_date, read_end_date, measured_on
    )
    select p_side, uplift_targets.recommendation_id, uplift_targets.product_id, uplift_targets.location_id,
           uplift_targets.recommendation_date, uplift_targets.abc_class_id, uplift_targets.freq_class_id,
           uplift_targets.spell_start_date,
           least(uplift_targets.baseline_start_date, uplift_targets.dd_baseline_start_date),
           uplift_targets.actual_end_date, p_run_date
    from uplift_targets
    on conflict on constraint uplift_measurements_pkey do update
    set product_id = excluded.product_id,
        location_id = excluded.location_id,
        recommendation_date = excluded.recommendation_date,
        abc_class_id = excluded.abc_class_id,
        freq_class_id = excluded.freq_class_id,
        spell_start_date = excluded.spell_start_date,
        read_start_date = excluded.read_start_date,
        read_end_date = excluded.read_end_date,
        measured_on = excluded.measured_on
    where (measurements.product_id, measurements.location_id, measurements.recommendation_date,
           measurements.abc_class_id, measurements.freq_class_id, measurements.spell_start_date,
           measurements.read_start_date, measurements.read_end_date, measurements.measured_on)
        is distinct from (excluded.product_id, excluded.location_id, excluded.recommendation_date,
                          excluded.abc_class_id, excluded.freq_class_id, excluded.spell_start_date,
                          excluded.read_start_date, excluded.read_end_date, excluded.measured_on);
    delete from ${schema}.uplift_measurement_units as units
    using uplift_targets
    where units.side = p_side
        and units.recommendation_id = uplift_targets.recommendation_id
        and not exists (select from uplift_units
                        where uplift_units.recommendation_id = units.recommendation_id
                            and uplift_units.unit_recommendation_id = units.unit_recommendation_id);
    insert into ${schema}.uplift_measurement_units as units (
        side, recommendation_id, unit_recommendation_id, product_id, from_location_id, is_treated
    )
    select p_side, uplift_units.recommendation_id, uplift_units.unit_recommendation_id, uplift_units.product_id,
           uplift_units.from_location_id, uplift_units.is_treated
    from uplift_units
    on conflict on constraint uplift_measurement_units_pkey do update
    set product_id = excluded.product_id,
        from_location_id = excluded.from_location_id,
        is_treated = excluded.is_treated
    where (units.product_id, units.from_location_id, units.is_treated)
        is distinct from (excluded.product_id, excluded.from_location_id, excluded.is_treated);

    drop table uplift_measures, uplift_units, uplift_unit_windows, uplift_window_sums;
    drop view uplift_measure_classified, uplift_measure_recommendations, uplift_measure_decisions,
        uplift_measure_impacts, uplift_measure_types;
end
$$;
comment on procedure ${schema}.uplift_measure(text, date, integer [], integer [], jsonb) is
'Step 13 (uplift), impacts of one side (p_side po: purchase-order recommendations; to: transfer-order '
'recommendations): for the first recommendation of every decided episode whose after window has passed and that was '
'never measured, or whose evidence changed since in a way that can change it (pg_temp.uplift_evidence: a sales or '
'stock day it read, a decision of its pair or of a control that can change its spell or its controls, a new control '
'candidate, a price or cost), or all of them (in scope) in a scoped '
'run, after a change of the measure settings or of the location tree, the six measures over the before and the '
'after window (measurement_window_days each; the after window starts after the lead time, for a transfer after '
'the transit days), over the buying (receiving) location and every location below it, stock also at a '
'transfer''s sending location; pre_post for each (before window: the days before the recommendation); '
'diff_in_diff for a respected one '
'whose pair followed from its spell start through its after window: before window = the days before the spell''s '
'first respected recommendation, against product x locations of the same location, ABC and frequency class not '
'respected over the whole comparison, with the half-width of its 95 % confidence interval from the spread of the '
'controls'' changes (at least 2 controls). Writes the temp tables uplift_targets and uplift_impacts_computed '
'(column recommendation_id) and what each measurement read (uplift_measurements, uplift_measurement_units). A night '
'keeps the sums of every window it read (uplift_window_measures) and a re-measure reads from the sources only the '
'windows not kept; the kept sums of changed evidence are forgotten first. CW196 for another side. docs/uplift.md.';

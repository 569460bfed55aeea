-- Step 13 (uplift): episodes. Step 10 recommends a pair every day while it stays at or below its reorder point, so
-- one purchase order used to make several consecutive recommendations respected. Consecutive recommendations of one
-- product, location and supplier now form an episode that is decided once (every member gets the episode's decision)
-- and measured once (on its first recommendation). The decisions table becomes append-only (CW193, CW194).
-- docs/uplift.md.
alter table ${schema}.po_recommendation_respect_decisions
add column episode_lead_id bigint,
add column episode_first_date date,
add column episode_last_date date,
add column episode_size integer;

-- Decisions written before episodes existed judged each recommendation alone: an episode of one.
update ${schema}.po_recommendation_respect_decisions
set episode_lead_id = po_recommendation_id,
    episode_first_date = window_start_date,
    episode_last_date = window_start_date,
    episode_size = 1;

alter table ${schema}.po_recommendation_respect_decisions
alter column episode_lead_id set not null,
alter column episode_first_date set not null,
alter column episode_last_date set not null,
alter column episode_size set not null,
add constraint po_recommendation_respect_decisions_episode_lead_id_fkey foreign key (episode_lead_id)
references ${schema}.po_recommendations (id) on delete cascade,
add constraint po_recommendation_respect_decision_episode_check check (
    episode_size >= 1 and episode_last_date >= episode_first_date and episode_first_date = window_start_date
    and window_end_date >= episode_last_date
);
create index po_recommendation_respect_decisions_episode_lead_id_idx
on ${schema}.po_recommendation_respect_decisions (episode_lead_id);

comment on column ${schema}.po_recommendation_respect_decisions.episode_lead_id is
'The first recommendation of the episode this one belongs to (itself for the first): the one whose impacts are '
'measured. An episode is a run of recommendations of one product, location and supplier each dated at most '
'uplift.episode_gap_days after the previous, spanning at most uplift.episode_max_days.';
comment on column ${schema}.po_recommendation_respect_decisions.episode_first_date is
'Date of the episode''s first recommendation (= window_start_date).';
comment on column ${schema}.po_recommendation_respect_decisions.episode_last_date is
'Date of the episode''s last recommendation; the respect window ends respect_window_days after it.';
comment on column ${schema}.po_recommendation_respect_decisions.episode_size is
'How many recommendations the episode has; all of them get the same decision.';
comment on index ${schema}.po_recommendation_respect_decisions_episode_lead_id_idx is
'The decisions of one episode (foreign key; impacts are measured on the lead).';
comment on column ${schema}.po_recommendation_respect_decisions.recommended_qty is
'The recommended quantity the decision compared with: that of the episode''s first recommendation.';
comment on column ${schema}.po_recommendation_respect_decisions.window_start_date is
'First order date that counts: the date of the episode''s first recommendation.';
comment on column ${schema}.po_recommendation_respect_decisions.window_end_date is
'Last order date that counts: the episode''s last recommendation date + respect_window_days at the first decision '
'(kept for later re-checks, so a changed setting never reopens a decision).';
comment on column ${schema}.po_recommendation_respect_decisions.ordered_qty is
'Units ordered on the matching purchase-order lines (same product, location and supplier, active lines of orders '
'not cancelled, order date in the window): the whole episode''s, counted once.';

-- Append-only: a decision is never changed or removed; a new decision replaces it (previous_decision_id). Rows go
-- only with their recommendation (the foreign keys' on delete cascade).
create function ${schema}.po_recommendation_respect_decisions_append_only()
returns trigger
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_present integer;
begin
    if tg_op = 'UPDATE' then
        raise exception 'respect decision % of purchase-order recommendation % cannot be changed',
            old.id, old.po_recommendation_id
            using errcode = 'CW193',
                  detail = 'po_recommendation_respect_decisions is append-only: it is the record of why is_respected '
                           || 'has its value',
                  hint = 'a changed evidence is recorded by step uplift as a new decision pointing at this one: '
                         || 'cw run CODE --date D --from-step uplift';
    end if;
    -- Deleted with its recommendation (or the lead of its episode): the cascade of a foreign key, allowed.
    execute format('select count(*) from %I.po_recommendations as recommendations '
                   'where recommendations.id = any ($1)', tg_table_schema)
    into v_present using array[old.po_recommendation_id, old.episode_lead_id];
    if v_present = (case when old.po_recommendation_id = old.episode_lead_id then 1 else 2 end) then
        raise exception 'respect decision % of purchase-order recommendation % cannot be deleted',
            old.id, old.po_recommendation_id
            using errcode = 'CW194',
                  detail = 'po_recommendation_respect_decisions is append-only, its rows go only with their '
                           || 'recommendation',
                  hint = 'delete the recommendation itself if it must go (its decisions and impacts follow)';
    end if;
    return old;
end
$$;
comment on function ${schema}.po_recommendation_respect_decisions_append_only() is
'Trigger: po_recommendation_respect_decisions is append-only. An update raises CW193, a delete CW194, except the '
'cascade of deleting the recommendation or its episode''s lead recommendation.';
create trigger po_recommendation_respect_decisions_append_only
before update or delete on ${schema}.po_recommendation_respect_decisions
for each row execute function ${schema}.po_recommendation_respect_decisions_append_only();

-- The transfer side: is_respected of to_recommendations and the impacts of transfer-order recommendations, the same
-- six impact types and two methods (measurement_methods is shared).
create table ${schema}.transfer_order_recommendation_impact_types (
    id smallint not null,
    name text not null,
    description text not null,
    unit text not null,
    is_higher_better boolean not null,
    constraint transfer_order_recommendation_impact_types_pkey primary key (id),
    constraint transfer_order_recommendation_impact_types_name_key unique (name)
);
comment on table ${schema}.transfer_order_recommendation_impact_types is
'The six things measured after a transfer-order recommendation (docs/uplift.md "Transfer-order recommendations"): '
'demand-side measures over the receiving location and every location below it, stock measures over those plus the '
'sending location. impact_value is always actual - baseline; is_higher_better says whether a positive impact is '
'good.';
comment on column ${schema}.transfer_order_recommendation_impact_types.id is 'Stable id (1-6).';
comment on column ${schema}.transfer_order_recommendation_impact_types.name is
'revenue_uplift, fill_rate_improvement, inventory_optimization, stockout_reduction, overstock_reduction or '
'cost_savings.';
comment on column ${schema}.transfer_order_recommendation_impact_types.description is
'The exact measure of one window.';
comment on column ${schema}.transfer_order_recommendation_impact_types.unit is
'Unit of baseline_value, actual_value and impact_value.';
comment on column ${schema}.transfer_order_recommendation_impact_types.is_higher_better is
'True when a positive impact_value is an improvement (revenue, fill rate), false when a negative one is.';
insert into ${schema}.transfer_order_recommendation_impact_types (id, name, description, unit, is_higher_better)
values
(1, 'revenue_uplift', 'Net revenue per day at the receiving location and below: sum of demand_history.revenue / '
 || 'window days.', 'client currency a day', true),
(2, 'fill_rate_improvement', 'Share of demand served at the receiving location and below: 100 x sum(sold units) / '
 || 'sum(demand_qty); null without demand.', '%', true),
(3, 'inventory_optimization', 'Average stock value at the receiving location and below plus the sending location '
 || '(a transfer moves stock, it does not create it): sum over the days of on-hand units x current unit cost / '
 || 'window days.', 'client currency', false),
(4, 'stockout_reduction', 'Stockout rate: 100 x stockout days / listed days at the receiving location and below; '
 || 'null without a listed day.', '%', false),
(5, 'overstock_reduction', 'Average overstock at the receiving location: sum over the days of max(0, on-hand units '
 || '- the recommendation''s to_target_stock) / window days (0 without a target).', 'units', false),
(6, 'cost_savings', 'Holding cost of the stock of inventory_optimization (holding_cost_annual_pct / 365) + margin '
 || 'lost on missed demand at the receiving location and below, per day.', 'client currency a day', false);

create table ${schema}.to_recommendation_respect_decisions (
    id bigint generated always as identity,
    to_recommendation_id bigint not null,
    decided_on date not null,
    is_respected boolean not null,
    match_kind text not null,
    recommended_qty numeric(14, 3) not null,
    transferred_qty numeric(14, 3) not null,
    order_line_count integer not null,
    window_start_date date not null,
    window_end_date date not null,
    qty_tolerance_pct numeric(5, 2) not null,
    episode_lead_id bigint not null,
    episode_first_date date not null,
    episode_last_date date not null,
    episode_size integer not null,
    previous_decision_id bigint,
    reason text not null,
    created_at timestamptz not null default now(),
    constraint to_recommendation_respect_decisions_pkey primary key (id),
    constraint to_recommendation_respect_decisions_recommendation_id_fkey foreign key (to_recommendation_id)
    references ${schema}.to_recommendations (id) on delete cascade,
    constraint to_recommendation_respect_decisions_episode_lead_id_fkey foreign key (episode_lead_id)
    references ${schema}.to_recommendations (id) on delete cascade,
    constraint to_recommendation_respect_decisions_previous_id_fkey foreign key (previous_decision_id)
    references ${schema}.to_recommendation_respect_decisions (id) on delete cascade,
    constraint to_recommendation_respect_decision_match_kind_check check (
        match_kind in ('respected', 'not_ordered', 'ordered_less', 'ordered_more')
    ),
    constraint to_recommendation_respect_decision_respected_check check (is_respected = (match_kind = 'respected')),
    constraint to_recommendation_respect_decision_qty_check check (
        recommended_qty > 0 and transferred_qty >= 0 and order_line_count >= 0
        and (transferred_qty > 0 or match_kind = 'not_ordered')
    ),
    constraint to_recommendation_respect_decision_window_check check (
        window_end_date >= window_start_date and decided_on >= window_end_date
    ),
    constraint to_recommendation_respect_decision_episode_check check (
        episode_size >= 1 and episode_last_date >= episode_first_date and episode_first_date = window_start_date
        and window_end_date >= episode_last_date
    ),
    constraint to_recommendation_respect_decision_tolerance_check check (qty_tolerance_pct between 0 and 100),
    constraint to_recommendation_respect_decision_reason_check check (length(reason) between 1 and 2000)
);
create index to_recommendation_respect_decisions_recommendation_id_idx
on ${schema}.to_recommendation_respect_decisions (to_recommendation_id, id);
create index to_recommendation_respect_decisions_episode_lead_id_idx
on ${schema}.to_recommendation_respect_decisions (episode_lead_id);
create index to_recommendation_respect_decisions_previous_decision_id_idx
on ${schema}.to_recommendation_respect_decisions (previous_decision_id);
comment on table ${schema}.to_recommendation_respect_decisions is
'Every decision of step 13 on whether a transfer-order recommendation was followed, append-only (CW193 on update, '
'CW194 on delete): decided per episode of consecutive recommendations of one product and lane once the respect '
'window has passed, and a new row with the reason whenever the evidence later changes. '
'to_recommendations.is_respected is always the latest row here (CW195). docs/uplift.md.';
comment on column ${schema}.to_recommendation_respect_decisions.id is 'Identity; a higher id is a later decision.';
comment on column ${schema}.to_recommendation_respect_decisions.to_recommendation_id is
'The recommendation decided on (deleted with it).';
comment on column ${schema}.to_recommendation_respect_decisions.decided_on is 'Run date of the deciding run.';
comment on column ${schema}.to_recommendation_respect_decisions.is_respected is
'True when the transfers of the lane in the window moved the episode''s quantity within the tolerance.';
comment on column ${schema}.to_recommendation_respect_decisions.match_kind is
'respected; not_ordered (no matching transfer line in the window); ordered_less or ordered_more (transferred, but '
'outside the tolerance: a partial match).';
comment on column ${schema}.to_recommendation_respect_decisions.recommended_qty is
'The recommended quantity compared with: that of the episode''s first recommendation.';
comment on column ${schema}.to_recommendation_respect_decisions.transferred_qty is
'Units on the matching transfer-order lines: same product, from and to location, active lines of transfer orders '
'not cancelled, dated (ship date, else the day first loaded) in the window; shipped quantity, else received, else 0.';
comment on column ${schema}.to_recommendation_respect_decisions.order_line_count is 'How many lines were summed.';
comment on column ${schema}.to_recommendation_respect_decisions.window_start_date is
'First transfer date that counts: the date of the episode''s first recommendation.';
comment on column ${schema}.to_recommendation_respect_decisions.window_end_date is
'Last transfer date that counts: the episode''s last recommendation date + respect_window_days at the first '
'decision (kept for later re-checks).';
comment on column ${schema}.to_recommendation_respect_decisions.qty_tolerance_pct is
'Quantity tolerance used, % of the recommended quantity (fixed at the first decision).';
comment on column ${schema}.to_recommendation_respect_decisions.episode_lead_id is
'The first recommendation of the episode (itself for the first): the one whose impacts are measured.';
comment on column ${schema}.to_recommendation_respect_decisions.episode_first_date is
'Date of the episode''s first recommendation (= window_start_date).';
comment on column ${schema}.to_recommendation_respect_decisions.episode_last_date is
'Date of the episode''s last recommendation.';
comment on column ${schema}.to_recommendation_respect_decisions.episode_size is
'How many recommendations the episode has; all of them get the same decision.';
comment on column ${schema}.to_recommendation_respect_decisions.previous_decision_id is
'The decision this one replaces; null for the first.';
comment on column ${schema}.to_recommendation_respect_decisions.reason is
'Why, in words: the quantities compared, and for a change what changed since the previous decision.';
comment on column ${schema}.to_recommendation_respect_decisions.created_at is 'When the row was written.';
comment on index ${schema}.to_recommendation_respect_decisions_recommendation_id_idx is
'The decisions of one recommendation, latest last.';
comment on index ${schema}.to_recommendation_respect_decisions_episode_lead_id_idx is
'The decisions of one episode (foreign key).';
comment on index ${schema}.to_recommendation_respect_decisions_previous_decision_id_idx is
'The self-reference (foreign key).';

create table ${schema}.transfer_order_recommendation_impacts (
    id bigint generated always as identity,
    to_recommendation_id bigint not null,
    transfer_order_recommendation_impact_type_id smallint not null,
    measurement_method_id smallint not null,
    measurement_date date not null,
    baseline_start_date date not null,
    baseline_end_date date not null,
    actual_start_date date not null,
    actual_end_date date not null,
    is_respected boolean not null,
    baseline_value numeric(18, 4) not null,
    actual_value numeric(18, 4) not null,
    impact_value numeric(18, 4) generated always as (actual_value - baseline_value) stored,
    impact_pct numeric(12, 2) generated always as (
        round(100 * (actual_value - baseline_value) / nullif(abs(baseline_value), 0), 2)
    ) stored,
    control_count integer,
    control_baseline_value numeric(18, 4),
    control_actual_value numeric(18, 4),
    computed_on date not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    constraint transfer_order_recommendation_impacts_pkey primary key (id),
    constraint to_recommendation_impacts_recommendation_type_method_key
    unique (to_recommendation_id, transfer_order_recommendation_impact_type_id, measurement_method_id),
    constraint to_recommendation_impacts_recommendation_id_fkey foreign key (to_recommendation_id)
    references ${schema}.to_recommendations (id) on delete cascade,
    constraint to_recommendation_impacts_type_id_fkey foreign key (transfer_order_recommendation_impact_type_id)
    references ${schema}.transfer_order_recommendation_impact_types (id),
    constraint to_recommendation_impacts_method_id_fkey foreign key (measurement_method_id)
    references ${schema}.measurement_methods (id),
    constraint to_recommendation_impact_windows_check check (
        baseline_end_date >= baseline_start_date and actual_start_date > baseline_end_date
        and actual_end_date >= actual_start_date and measurement_date = actual_end_date
        and computed_on >= measurement_date
    ),
    constraint to_recommendation_impact_controls_check check (
        (measurement_method_id = 2) = (control_count is not null)
        and (
            control_count is null
            or (control_count > 0 and control_baseline_value is not null and control_actual_value is not null)
        )
    )
);
create index transfer_order_recommendation_impacts_measurement_date_idx
on ${schema}.transfer_order_recommendation_impacts (measurement_date);
comment on table ${schema}.transfer_order_recommendation_impacts is
'What a transfer-order recommendation changed, written by step 13 (uplift) once its after window has passed: per '
'episode (its first recommendation), impact type and method the measure before (baseline_value) and after '
'(actual_value). Rows are rewritten only when a value changes. docs/uplift.md.';
comment on column ${schema}.transfer_order_recommendation_impacts.id is 'Surrogate key.';
comment on column ${schema}.transfer_order_recommendation_impacts.to_recommendation_id is
'The recommendation measured: the first of its episode (deleted with it).';
comment on column ${schema}.transfer_order_recommendation_impacts.transfer_order_recommendation_impact_type_id is
'What was measured (transfer_order_recommendation_impact_types).';
comment on column ${schema}.transfer_order_recommendation_impacts.measurement_method_id is
'How: pre_post or diff_in_diff (measurement_methods).';
comment on column ${schema}.transfer_order_recommendation_impacts.measurement_date is
'Last day of the after window (= actual_end_date).';
comment on column ${schema}.transfer_order_recommendation_impacts.baseline_start_date is
'First day of the before window: recommendation date - measurement_window_days.';
comment on column ${schema}.transfer_order_recommendation_impacts.baseline_end_date is
'Last day of the before window: the day before the recommendation.';
comment on column ${schema}.transfer_order_recommendation_impacts.actual_start_date is
'First day of the after window: recommendation date + the lane''s transit days (rounded up, at least 1).';
comment on column ${schema}.transfer_order_recommendation_impacts.actual_end_date is
'Last day of the after window: actual_start_date + measurement_window_days - 1.';
comment on column ${schema}.transfer_order_recommendation_impacts.is_respected is
'is_respected of the recommendation when measured.';
comment on column ${schema}.transfer_order_recommendation_impacts.baseline_value is
'pre_post: the measure over the before window. diff_in_diff: the before window plus the controls'' change.';
comment on column ${schema}.transfer_order_recommendation_impacts.actual_value is 'The measure over the after window.';
comment on column ${schema}.transfer_order_recommendation_impacts.impact_value is
'actual_value - baseline_value, in the unit of the impact type.';
comment on column ${schema}.transfer_order_recommendation_impacts.impact_pct is
'100 x impact_value / |baseline_value|, 2 decimals; null when the baseline is 0.';
comment on column ${schema}.transfer_order_recommendation_impacts.control_count is
'diff_in_diff: number of control product x lanes averaged; null for pre_post.';
comment on column ${schema}.transfer_order_recommendation_impacts.control_baseline_value is
'diff_in_diff: the controls'' mean measure over the same before window; null for pre_post.';
comment on column ${schema}.transfer_order_recommendation_impacts.control_actual_value is
'diff_in_diff: the controls'' mean measure over the same after window; null for pre_post.';
comment on column ${schema}.transfer_order_recommendation_impacts.computed_on is
'Run date of the run that last changed the row.';
comment on column ${schema}.transfer_order_recommendation_impacts.created_at is 'When the row was first written.';
comment on column ${schema}.transfer_order_recommendation_impacts.updated_at is 'When a value of the row last changed.';
comment on index ${schema}.transfer_order_recommendation_impacts_measurement_date_idx is
'Re-measurement of recent windows, roll-ups by month.';

create function ${schema}.to_recommendation_respect_decisions_append_only()
returns trigger
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_present integer;
begin
    if tg_op = 'UPDATE' then
        raise exception 'respect decision % of transfer-order recommendation % cannot be changed',
            old.id, old.to_recommendation_id
            using errcode = 'CW193',
                  detail = 'to_recommendation_respect_decisions is append-only: it is the record of why is_respected '
                           || 'has its value',
                  hint = 'a changed evidence is recorded by step uplift as a new decision pointing at this one: '
                         || 'cw run CODE --date D --from-step uplift';
    end if;
    execute format('select count(*) from %I.to_recommendations as recommendations '
                   'where recommendations.id = any ($1)', tg_table_schema)
    into v_present using array[old.to_recommendation_id, old.episode_lead_id];
    if v_present = (case when old.to_recommendation_id = old.episode_lead_id then 1 else 2 end) then
        raise exception 'respect decision % of transfer-order recommendation % cannot be deleted',
            old.id, old.to_recommendation_id
            using errcode = 'CW194',
                  detail = 'to_recommendation_respect_decisions is append-only, its rows go only with their '
                           || 'recommendation',
                  hint = 'delete the recommendation itself if it must go (its decisions and impacts follow)';
    end if;
    return old;
end
$$;
comment on function ${schema}.to_recommendation_respect_decisions_append_only() is
'Trigger: to_recommendation_respect_decisions is append-only. An update raises CW193, a delete CW194, except the '
'cascade of deleting the recommendation or its episode''s lead recommendation.';
create trigger to_recommendation_respect_decisions_append_only
before update or delete on ${schema}.to_recommendation_respect_decisions
for each row execute function ${schema}.to_recommendation_respect_decisions_append_only();

create function ${schema}.to_recommendations_check_respected()
returns trigger
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_recorded boolean;
begin
    execute format('select decisions.is_respected from %I.to_recommendation_respect_decisions as decisions '
                   'where decisions.to_recommendation_id = $1 order by decisions.id desc limit 1', tg_table_schema)
    into v_recorded using new.id;
    if new.is_respected is null or v_recorded is distinct from new.is_respected then
        raise exception 'is_respected of transfer-order recommendation % cannot change from % to % without a decision',
            new.id, coalesce(old.is_respected::text, 'null'), coalesce(new.is_respected::text, 'null')
            using errcode = 'CW195',
                  detail = format('the latest recorded decision says %s', coalesce(v_recorded::text, 'nothing')),
                  hint = 'only step uplift sets it, after recording the decision and its reason in '
                         || 'to_recommendation_respect_decisions (docs/uplift.md)';
    end if;
    return new;
end
$$;
comment on function ${schema}.to_recommendations_check_respected() is
'Trigger: refuses a change of to_recommendations.is_respected that does not match the latest row of '
'to_recommendation_respect_decisions (CW195), so the flag never flips without a recorded reason.';
create trigger to_recommendations_check_respected
before update of is_respected on ${schema}.to_recommendations
for each row when (old.is_respected is distinct from new.is_respected)
execute function ${schema}.to_recommendations_check_respected();

revoke all on ${schema}.transfer_order_recommendation_impact_types, ${schema}.to_recommendation_respect_decisions,
${schema}.transfer_order_recommendation_impacts from ${ui_role};
grant select on ${schema}.transfer_order_recommendation_impact_types, ${schema}.to_recommendation_respect_decisions,
${schema}.transfer_order_recommendation_impacts to ${ui_role};

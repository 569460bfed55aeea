-- Step 13 (uplift): whether each purchase-order recommendation was followed (is_respected, with a record of every
-- decision and its reason) and what it changed: six impact types, each measured by two methods (before/after, and
-- difference-in-differences against comparable recommendations that were not followed). Definitions and the
-- assumptions of each method: docs/uplift.md. The UI role only reads.
create table ${schema}.measurement_methods (
    id smallint not null,
    name text not null,
    description text not null,
    assumptions text not null,
    constraint measurement_methods_pkey primary key (id),
    constraint measurement_methods_name_key unique (name)
);
comment on table ${schema}.measurement_methods is
'How an impact of a recommendation was measured: pre_post (the after window against the before window of the same '
'product x location) or diff_in_diff (the same, minus the change seen meanwhile at comparable product x locations '
'whose recommendations were not followed). docs/uplift.md.';
comment on column ${schema}.measurement_methods.id is 'Stable id (referenced by the impact tables).';
comment on column ${schema}.measurement_methods.name is 'pre_post or diff_in_diff.';
comment on column ${schema}.measurement_methods.description is 'What baseline_value and actual_value are.';
comment on column ${schema}.measurement_methods.assumptions is 'What must hold for the estimate to be unbiased.';
insert into ${schema}.measurement_methods (id, name, description, assumptions) values
(1, 'pre_post',
 'baseline_value = the measure over the window before the recommendation, actual_value = over the window after '
 || 'the order could have arrived; impact = actual - baseline.',
 'Nothing but the order changed between the two windows: no season, trend, promotion or price change. Biased '
 || 'towards a good result when recommendations come at a low point (regression to the mean: a stockout is '
 || 'followed by recovery anyway) and by any seasonal swing between the windows.'),
(2, 'diff_in_diff',
 'actual_value = the measure over the after window; baseline_value = the before window plus the change that '
 || 'comparable not-followed recommendations (same location, ABC class and frequency class, dated within '
 || 'control_match_days) saw over the same calendar windows; impact = actual - baseline.',
 'Parallel trends: without the order the product x location would have changed like its controls did. Biased '
 || 'when buyers chose which recommendations to follow for reasons that also move the outcome (e.g. they skip '
 || 'products they expect to fade), when controls are few, and when controls differ in size (changes are '
 || 'compared in absolute units).');

create table ${schema}.purchase_order_recommendation_impact_types (
    id smallint not null,
    name text not null,
    description text not null,
    unit text not null,
    is_higher_better boolean not null,
    constraint purchase_order_recommendation_impact_types_pkey primary key (id),
    constraint purchase_order_recommendation_impact_types_name_key unique (name)
);
comment on table ${schema}.purchase_order_recommendation_impact_types is
'The six things measured after a purchase-order recommendation, each over the buying location and every location '
'it supplies (docs/uplift.md "Impact types"). impact_value is always actual - baseline; is_higher_better says '
'whether a positive impact is good.';
comment on column ${schema}.purchase_order_recommendation_impact_types.id is 'Stable id (1-6).';
comment on column ${schema}.purchase_order_recommendation_impact_types.name is
'revenue_uplift, fill_rate_improvement, inventory_optimization, stockout_reduction, overstock_reduction or '
'cost_savings.';
comment on column ${schema}.purchase_order_recommendation_impact_types.description is
'The exact measure of one window.';
comment on column ${schema}.purchase_order_recommendation_impact_types.unit is
'Unit of baseline_value, actual_value and impact_value.';
comment on column ${schema}.purchase_order_recommendation_impact_types.is_higher_better is
'True when a positive impact_value is an improvement (revenue, fill rate), false when a negative one is (stock, '
'stockouts, overstock, cost).';
insert into ${schema}.purchase_order_recommendation_impact_types (id, name, description, unit, is_higher_better)
values
(1, 'revenue_uplift', 'Net revenue per day: sum of demand_history.revenue / window days.', 'client currency a day',
 true),
(2, 'fill_rate_improvement', 'Share of demand served: 100 x sum(sold units) / sum(demand_qty) (sold + imputed '
 || 'missed demand); null without demand.', '%', true),
(3, 'inventory_optimization', 'Average stock value: sum over the days of on-hand units x the product''s current '
 || 'unit cost / window days.', 'client currency', false),
(4, 'stockout_reduction', 'Stockout rate: 100 x stockout days / listed days of the product at the customer-facing '
 || 'locations served; null without a listed day.', '%', false),
(5, 'overstock_reduction', 'Average overstock at the buying location: sum over the days of max(0, on-hand units - '
 || 'the recommendation''s target stock) / window days.', 'units', false),
(6, 'cost_savings', 'Cost of the stock policy per day: holding cost (holding_cost_annual_pct / 365 x average '
 || 'stock value) + margin lost on missed demand (imputed missed units x max(0, price - cost)) / window days.',
 'client currency a day', false);

create table ${schema}.po_recommendation_respect_decisions (
    id bigint generated always as identity,
    po_recommendation_id bigint not null,
    decided_on date not null,
    is_respected boolean not null,
    match_kind text not null,
    recommended_qty numeric(14, 3) not null,
    ordered_qty numeric(14, 3) not null,
    order_line_count integer not null,
    window_start_date date not null,
    window_end_date date not null,
    qty_tolerance_pct numeric(5, 2) not null,
    previous_decision_id bigint,
    reason text not null,
    created_at timestamptz not null default now(),
    constraint po_recommendation_respect_decisions_pkey primary key (id),
    constraint po_recommendation_respect_decisions_recommendation_id_fkey foreign key (po_recommendation_id)
    references ${schema}.po_recommendations (id) on delete cascade,
    constraint po_recommendation_respect_decisions_previous_id_fkey foreign key (previous_decision_id)
    references ${schema}.po_recommendation_respect_decisions (id) on delete cascade,
    constraint po_recommendation_respect_decision_match_kind_check check (
        match_kind in ('respected', 'not_ordered', 'ordered_less', 'ordered_more')
    ),
    constraint po_recommendation_respect_decision_respected_check check (is_respected = (match_kind = 'respected')),
    constraint po_recommendation_respect_decision_qty_check check (
        recommended_qty > 0 and ordered_qty >= 0 and order_line_count >= 0
        and (ordered_qty > 0 or match_kind = 'not_ordered')
    ),
    constraint po_recommendation_respect_decision_window_check check (
        window_end_date >= window_start_date and decided_on >= window_end_date
    ),
    constraint po_recommendation_respect_decision_tolerance_check check (qty_tolerance_pct between 0 and 100),
    constraint po_recommendation_respect_decision_reason_check check (length(reason) between 1 and 2000)
);
create index po_recommendation_respect_decisions_recommendation_id_idx
on ${schema}.po_recommendation_respect_decisions (po_recommendation_id, id);
create index po_recommendation_respect_decisions_previous_decision_id_idx
on ${schema}.po_recommendation_respect_decisions (previous_decision_id);
comment on table ${schema}.po_recommendation_respect_decisions is
'Every decision of step 13 on whether a purchase-order recommendation was followed, append-only: the first when its '
'respect window has passed, and a new row with the reason whenever the evidence later changes (a late or corrected '
'purchase order, a changed recommended quantity). po_recommendations.is_respected is always the latest row here '
'(a trigger refuses anything else, CW191). docs/uplift.md.';
comment on column ${schema}.po_recommendation_respect_decisions.id is 'Identity; a higher id is a later decision.';
comment on column ${schema}.po_recommendation_respect_decisions.po_recommendation_id is
'The recommendation decided on (deleted with it).';
comment on column ${schema}.po_recommendation_respect_decisions.decided_on is 'Run date of the deciding run.';
comment on column ${schema}.po_recommendation_respect_decisions.is_respected is
'True when a matching order was placed in the window within the quantity tolerance.';
comment on column ${schema}.po_recommendation_respect_decisions.match_kind is
'respected; not_ordered (no matching order line in the window); ordered_less or ordered_more (ordered, but outside '
'the tolerance: a partial match).';
comment on column ${schema}.po_recommendation_respect_decisions.recommended_qty is
'The recommended quantity the decision compared with.';
comment on column ${schema}.po_recommendation_respect_decisions.ordered_qty is
'Units ordered on the matching purchase-order lines (same product, location and supplier, active lines of orders '
'not cancelled, order date in the window).';
comment on column ${schema}.po_recommendation_respect_decisions.order_line_count is 'How many lines were summed.';
comment on column ${schema}.po_recommendation_respect_decisions.window_start_date is
'First order date that counts: the recommendation date.';
comment on column ${schema}.po_recommendation_respect_decisions.window_end_date is
'Last order date that counts: recommendation date + respect_window_days at the first decision (kept for later '
're-checks, so a changed setting never reopens a decision).';
comment on column ${schema}.po_recommendation_respect_decisions.qty_tolerance_pct is
'Quantity tolerance used, % of the recommended quantity (fixed at the first decision, like the window).';
comment on column ${schema}.po_recommendation_respect_decisions.previous_decision_id is
'The decision this one replaces; null for the first.';
comment on column ${schema}.po_recommendation_respect_decisions.reason is
'Why, in words: the quantities compared, and for a change what changed since the previous decision.';
comment on column ${schema}.po_recommendation_respect_decisions.created_at is 'When the row was written.';
comment on index ${schema}.po_recommendation_respect_decisions_recommendation_id_idx is
'The decisions of one recommendation, latest last.';
comment on index ${schema}.po_recommendation_respect_decisions_previous_decision_id_idx is
'The self-reference (foreign key).';

create table ${schema}.purchase_order_recommendation_impacts (
    id bigint generated always as identity,
    po_recommendation_id bigint not null,
    purchase_order_recommendation_impact_type_id smallint not null,
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
    constraint purchase_order_recommendation_impacts_pkey primary key (id),
    constraint po_recommendation_impacts_recommendation_type_method_key
    unique (po_recommendation_id, purchase_order_recommendation_impact_type_id, measurement_method_id),
    constraint po_recommendation_impacts_recommendation_id_fkey foreign key (po_recommendation_id)
    references ${schema}.po_recommendations (id) on delete cascade,
    constraint po_recommendation_impacts_type_id_fkey foreign key (purchase_order_recommendation_impact_type_id)
    references ${schema}.purchase_order_recommendation_impact_types (id),
    constraint po_recommendation_impacts_method_id_fkey foreign key (measurement_method_id)
    references ${schema}.measurement_methods (id),
    constraint po_recommendation_impact_windows_check check (
        baseline_end_date >= baseline_start_date and actual_start_date > baseline_end_date
        and actual_end_date >= actual_start_date and measurement_date = actual_end_date
        and computed_on >= measurement_date
    ),
    constraint po_recommendation_impact_controls_check check (
        (measurement_method_id = 2) = (control_count is not null)
        and (
            control_count is null
            or (control_count > 0 and control_baseline_value is not null and control_actual_value is not null)
        )
    )
);
create index purchase_order_recommendation_impacts_measurement_date_idx
on ${schema}.purchase_order_recommendation_impacts (measurement_date);
comment on table ${schema}.purchase_order_recommendation_impacts is
'What a purchase-order recommendation changed, written by step 13 (uplift) once its after window has passed: per '
'recommendation, impact type and method the measure before (baseline_value) and after (actual_value). Measures are '
'taken over the buying location and every location below it in the location tree. Rows are rewritten only when a '
'value changes (late data within remeasure_days, or a scoped run). docs/uplift.md.';
comment on column ${schema}.purchase_order_recommendation_impacts.id is 'Surrogate key.';
comment on column ${schema}.purchase_order_recommendation_impacts.po_recommendation_id is
'The recommendation measured (deleted with it).';
comment on column ${schema}.purchase_order_recommendation_impacts.purchase_order_recommendation_impact_type_id is
'What was measured (purchase_order_recommendation_impact_types).';
comment on column ${schema}.purchase_order_recommendation_impacts.measurement_method_id is
'How: pre_post or diff_in_diff (measurement_methods). Always set here.';
comment on column ${schema}.purchase_order_recommendation_impacts.measurement_date is
'Last day of the after window (= actual_end_date): the day from which the impact could be measured.';
comment on column ${schema}.purchase_order_recommendation_impacts.baseline_start_date is
'First day of the before window: recommendation date - measurement_window_days.';
comment on column ${schema}.purchase_order_recommendation_impacts.baseline_end_date is
'Last day of the before window: the day before the recommendation.';
comment on column ${schema}.purchase_order_recommendation_impacts.actual_start_date is
'First day of the after window: recommendation date + the lead time (rounded up), when the order could arrive.';
comment on column ${schema}.purchase_order_recommendation_impacts.actual_end_date is
'Last day of the after window: actual_start_date + measurement_window_days - 1.';
comment on column ${schema}.purchase_order_recommendation_impacts.is_respected is
'is_respected of the recommendation when measured (roll-ups compare followed with not followed).';
comment on column ${schema}.purchase_order_recommendation_impacts.baseline_value is
'pre_post: the measure over the before window. diff_in_diff: the counterfactual, the before window plus the '
'controls'' change (control_actual_value - control_baseline_value).';
comment on column ${schema}.purchase_order_recommendation_impacts.actual_value is
'The measure over the after window.';
comment on column ${schema}.purchase_order_recommendation_impacts.impact_value is
'actual_value - baseline_value, in the unit of the impact type (see is_higher_better for the good direction).';
comment on column ${schema}.purchase_order_recommendation_impacts.impact_pct is
'100 x impact_value / |baseline_value|, 2 decimals; null when the baseline is 0.';
comment on column ${schema}.purchase_order_recommendation_impacts.control_count is
'diff_in_diff: number of control product x locations averaged; null for pre_post.';
comment on column ${schema}.purchase_order_recommendation_impacts.control_baseline_value is
'diff_in_diff: the controls'' mean measure over the same before window; null for pre_post.';
comment on column ${schema}.purchase_order_recommendation_impacts.control_actual_value is
'diff_in_diff: the controls'' mean measure over the same after window; null for pre_post.';
comment on column ${schema}.purchase_order_recommendation_impacts.computed_on is
'Run date of the run that last changed the row.';
comment on column ${schema}.purchase_order_recommendation_impacts.created_at is 'When the row was first written.';
comment on column ${schema}.purchase_order_recommendation_impacts.updated_at is 'When a value of the row last changed.';
comment on index ${schema}.purchase_order_recommendation_impacts_measurement_date_idx is
'Re-measurement of recent windows, roll-ups by month.';

-- is_respected never changes without a recorded decision: the step writes the decision first, then the flag.
create function ${schema}.po_recommendations_check_respected()
returns trigger
language plpgsql
security invoker
set search_path = pg_catalog, pg_temp
as $$
declare
    v_recorded boolean;
begin
    execute format('select decisions.is_respected from %I.po_recommendation_respect_decisions as decisions '
                   'where decisions.po_recommendation_id = $1 order by decisions.id desc limit 1', tg_table_schema)
    into v_recorded using new.id;
    if new.is_respected is null or v_recorded is distinct from new.is_respected then
        raise exception 'is_respected of purchase-order recommendation % cannot change from % to % without a decision',
            new.id, coalesce(old.is_respected::text, 'null'), coalesce(new.is_respected::text, 'null')
            using errcode = 'CW191',
                  detail = format('the latest recorded decision says %s', coalesce(v_recorded::text, 'nothing')),
                  hint = 'only step uplift sets it, after recording the decision and its reason in '
                         || 'po_recommendation_respect_decisions (docs/uplift.md)';
    end if;
    return new;
end
$$;
comment on function ${schema}.po_recommendations_check_respected() is
'Trigger: refuses a change of po_recommendations.is_respected that does not match the latest row of '
'po_recommendation_respect_decisions (CW191), so the flag never flips without a recorded reason.';
create trigger po_recommendations_check_respected
before update of is_respected on ${schema}.po_recommendations
for each row when (old.is_respected is distinct from new.is_respected)
execute function ${schema}.po_recommendations_check_respected();

revoke all on ${schema}.measurement_methods, ${schema}.purchase_order_recommendation_impact_types,
${schema}.po_recommendation_respect_decisions, ${schema}.purchase_order_recommendation_impacts from ${ui_role};
grant select on ${schema}.measurement_methods, ${schema}.purchase_order_recommendation_impact_types,
${schema}.po_recommendation_respect_decisions, ${schema}.purchase_order_recommendation_impacts to ${ui_role};

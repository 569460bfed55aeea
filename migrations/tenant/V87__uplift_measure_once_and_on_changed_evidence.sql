-- Step 13 (uplift), issue 15: a night measures a recommendation once, when its after window has passed, and measures
-- it again only when its evidence changed (before: every night while its after window ended within remeasure_days,
-- ~6.4 times each, and never again afterwards even when its evidence changed). What each measurement read is kept
-- (uplift_measurements: the windows; uplift_measurement_units: the target and its controls); what changed since is
-- recorded by statement triggers (uplift_evidence_capture, procedures/tenant/R__1302) into uplift_evidence_changes and
-- consumed by the next unscoped run. docs/uplift.md "Cost: measure once, re-measure on changed evidence".
create table ${schema}.uplift_measure_state (
    id boolean not null default true,
    settings jsonb not null,
    measured_through date,
    updated_at timestamptz not null default now(),
    constraint uplift_measure_state_pkey primary key (id),
    constraint uplift_measure_state_single_check check (id)
);
comment on table ${schema}.uplift_measure_state is
'Step uplift: one row, written by every unscoped run. The measure settings the stored impacts were computed with (a '
'change re-measures every recommendation once) and the last day any stored measurement read (the evidence triggers '
'record only changes of days up to it: a later day is read by no stored measurement).';
comment on column ${schema}.uplift_measure_state.id is 'Always true: the table holds one row.';
comment on column ${schema}.uplift_measure_state.settings is
'The uplift settings that change a measurement (measurement_window_days, control_match_days, max_controls, '
'holding_cost_annual_pct) as of the last unscoped run.';
comment on column ${schema}.uplift_measure_state.measured_through is
'Latest read_end_date of uplift_measurements: sales and stock changes of later days are not recorded.';
comment on column ${schema}.uplift_measure_state.updated_at is 'When the row was last written.';

create table ${schema}.uplift_measurements (
    side text not null,
    recommendation_id bigint not null,
    product_id integer not null,
    location_id integer not null,
    recommendation_date date not null,
    abc_class_id smallint,
    freq_class_id smallint,
    spell_start_date date,
    read_start_date date not null,
    read_end_date date not null,
    measured_on date not null,
    constraint uplift_measurements_pkey primary key (side, recommendation_id),
    constraint uplift_measurement_side_check check (side in ('po', 'to')),
    constraint uplift_measurement_dates_check check (read_start_date <= read_end_date)
);
create index uplift_measurements_location_idx
on ${schema}.uplift_measurements (side, location_id, recommendation_date);
comment on index ${schema}.uplift_measurements_location_idx is
'The measured recommendations of one location near a date (a new control candidate, a decision of the same pair).';
comment on table ${schema}.uplift_measurements is
'Step uplift: one row per measured recommendation (episode lead) of either side: what its latest measurement read. '
'Deleted with the recommendation by the step (no foreign key: two recommendation tables).';
comment on column ${schema}.uplift_measurements.side is 'po (po_recommendations) or to (to_recommendations).';
comment on column ${schema}.uplift_measurements.recommendation_id is
'po_recommendations.id or to_recommendations.id (by side).';
comment on column ${schema}.uplift_measurements.product_id is 'The recommendation''s product.';
comment on column ${schema}.uplift_measurements.location_id is
'Its buying (po) or receiving (to) location: the root of the served locations.';
comment on column ${schema}.uplift_measurements.recommendation_date is 'Its date.';
comment on column ${schema}.uplift_measurements.abc_class_id is
'ABC class its controls were matched on (the pair''s behaviour snapshot, else the product''s).';
comment on column ${schema}.uplift_measurements.freq_class_id is 'Frequency class its controls were matched on.';
comment on column ${schema}.uplift_measurements.spell_start_date is
'Start of the spell of following of a respected recommendation (diff_in_diff); null: no controls are used.';
comment on column ${schema}.uplift_measurements.read_start_date is
'First day read: the earlier of the pre_post and the diff_in_diff before windows.';
comment on column ${schema}.uplift_measurements.read_end_date is 'Last day read: the end of the after window.';
comment on column ${schema}.uplift_measurements.measured_on is 'Run date of the latest measurement.';

create table ${schema}.uplift_measurement_units (
    side text not null,
    recommendation_id bigint not null,
    unit_recommendation_id bigint not null,
    product_id integer not null,
    from_location_id integer,
    is_treated boolean not null,
    constraint uplift_measurement_units_pkey primary key (side, recommendation_id, unit_recommendation_id),
    constraint uplift_measurement_unit_side_check check (side in ('po', 'to'))
);
create index uplift_measurement_units_product_idx on ${schema}.uplift_measurement_units (product_id, side);
comment on index ${schema}.uplift_measurement_units_product_idx is
'The measurements that read a product (a changed sales or stock day, price or cost).';
comment on table ${schema}.uplift_measurement_units is
'Step uplift: the units the latest measurement of a recommendation read: the recommendation itself (is_treated) and '
'the controls of its diff_in_diff.';
comment on column ${schema}.uplift_measurement_units.side is 'po or to, as uplift_measurements.side.';
comment on column ${schema}.uplift_measurement_units.recommendation_id is 'The measured recommendation.';
comment on column ${schema}.uplift_measurement_units.unit_recommendation_id is
'The unit''s recommendation: the measured one itself, or the control''s episode lead.';
comment on column ${schema}.uplift_measurement_units.product_id is 'The unit''s product.';
comment on column ${schema}.uplift_measurement_units.from_location_id is
'A transfer unit''s sending location (its stock is read too); null for a purchase order.';
comment on column ${schema}.uplift_measurement_units.is_treated is
'true: the measured recommendation; false: a control.';

create table ${schema}.uplift_evidence_changes (
    id bigint generated always as identity,
    source text not null,
    product_id integer,
    location_id integer,
    first_date date,
    last_date date,
    changed_at timestamptz not null default now(),
    constraint uplift_evidence_changes_pkey primary key (id),
    constraint uplift_evidence_change_source_check check (
        source in ('demand_history', 'inventory_daily', 'po_recommendations', 'to_recommendations', 'products',
                   'locations')
    ),
    constraint uplift_evidence_change_dates_check check (first_date <= last_date)
);
comment on table ${schema}.uplift_evidence_changes is
'Step uplift''s input queue: what changed since the last unscoped uplift run that a stored measurement may have read. '
'Filled set-based by statement triggers (uplift_evidence_capture) on demand_history and the stats schema''s '
'inventory_daily (days up to uplift_measure_state.measured_through only), po_recommendations and '
'to_recommendations (is_respected and measured fields, deletions), products (price, cost) and locations (parent); '
'consumed and emptied by the next unscoped run of step uplift.';
comment on column ${schema}.uplift_evidence_changes.id is 'Surrogate key.';
comment on column ${schema}.uplift_evidence_changes.source is 'The table that changed.';
comment on column ${schema}.uplift_evidence_changes.product_id is 'The product changed (null for a location).';
comment on column ${schema}.uplift_evidence_changes.location_id is
'The location of the change (demand_history, inventory_daily: the row''s; a recommendation: its buying or receiving '
'location; null for a product).';
comment on column ${schema}.uplift_evidence_changes.first_date is
'First day changed (a recommendation: its date); null for a product or a location.';
comment on column ${schema}.uplift_evidence_changes.last_date is 'Last day changed.';
comment on column ${schema}.uplift_evidence_changes.changed_at is 'Transaction start of the change.';

-- The settings catalog: every per-client setting of the pipeline has one definition here (type, default, allowed
-- range, unit, description), one section with its own SQLSTATE, and is read through one validated accessor.
create table cw_global.setting_sections (
    section text not null,
    errcode text not null,
    stored_in text not null,
    docs_page text not null,
    description text not null,
    constraint setting_sections_pkey primary key (section),
    constraint setting_section_name_check check (section ~ '^[a-z][a-z0-9_]{1,30}$'),
    constraint setting_section_errcode_check check (errcode ~ '^CW[0-9]{3}$'),
    constraint setting_section_errcode_key unique (errcode),
    constraint setting_section_stored_in_check check (stored_in in ('client_registry', 'client_settings'))
);
comment on table cw_global.setting_sections is
'Sections of the per-client settings catalog (one per pipeline step or concern). Each section has its own SQLSTATE, '
'raised when one of its settings is unknown or invalid, and says where its values are stored.';
comment on column cw_global.setting_sections.section is
'Section name: the first part of a setting key (quality in quality.max_quantity).';
comment on column cw_global.setting_sections.errcode is
'SQLSTATE raised when a value of this section is invalid or a key is unknown (listed in docs/sqlstates.md).';
comment on column cw_global.setting_sections.stored_in is
'Where the client''s values live: client_registry = cw_global.clients.settings -> section (set by a DBA with '
'cw settings); client_settings = the client''s own <schema>.client_settings table, which its UI role edits.';
comment on column cw_global.setting_sections.docs_page is 'Repository page that explains the section''s settings.';
comment on column cw_global.setting_sections.description is 'What the section configures.';

create table cw_global.setting_definitions (
    setting_key text not null,
    section text not null,
    value_type text not null,
    default_value jsonb not null,
    min_value numeric,
    is_min_exclusive boolean not null default false,
    max_value numeric,
    is_max_exclusive boolean not null default false,
    below_key text,
    allowed_values text [],
    element_pattern text,
    unit text,
    description text not null,
    constraint setting_definitions_pkey primary key (setting_key),
    constraint setting_definitions_section_fkey foreign key (section) references cw_global.setting_sections (section),
    constraint setting_definitions_below_key_fkey foreign key (below_key)
    references cw_global.setting_definitions (setting_key),
    constraint setting_key_check check (setting_key ~ '^[a-z][a-z0-9_]{1,30}\.[a-z][a-z0-9_]{1,62}$'),
    constraint setting_key_section_check check (split_part(setting_key, '.', 1) = section),
    constraint setting_value_type_check check (
        value_type in ('integer', 'numeric', 'boolean', 'date', 'text', 'text[]')
    ),
    constraint setting_range_check check (min_value is null or max_value is null or min_value <= max_value),
    constraint setting_range_type_check check (
        (min_value is null and max_value is null and below_key is null) or value_type in ('integer', 'numeric')
    ),
    constraint setting_allowed_values_type_check check (allowed_values is null or value_type in ('text', 'text[]'))
);
comment on table cw_global.setting_definitions is
'One row per per-client setting: its type, default, allowed range or values, unit and meaning. Steps read their '
'section through <schema>.settings(section), which validates every value against this catalog; cw settings lists '
'and changes them with the same validation. A new setting is a new row here (docs/architecture.md).';
comment on column cw_global.setting_definitions.setting_key is 'section.name, e.g. behaviors.window_days.';
comment on column cw_global.setting_definitions.section is 'The section (and so the SQLSTATE) the setting belongs to.';
comment on column cw_global.setting_definitions.value_type is
'integer, numeric, boolean, date (ISO yyyy-mm-dd), text or text[] (a JSON array of strings).';
comment on column cw_global.setting_definitions.default_value is
'The value used when the client sets none, as JSON of the setting''s type.';
comment on column cw_global.setting_definitions.min_value is 'Lowest allowed value (numbers only); null = unbounded.';
comment on column cw_global.setting_definitions.is_min_exclusive is 'True when min_value itself is not allowed.';
comment on column cw_global.setting_definitions.max_value is 'Highest allowed value (numbers only); null = unbounded.';
comment on column cw_global.setting_definitions.is_max_exclusive is 'True when max_value itself is not allowed.';
comment on column cw_global.setting_definitions.below_key is
'Another setting of the same section this one must stay strictly below (e.g. abc_a_pct below abc_b_pct).';
comment on column cw_global.setting_definitions.allowed_values is
'For text and text[]: the only values allowed (null = any value matching element_pattern).';
comment on column cw_global.setting_definitions.element_pattern is
'For text and text[]: a regular expression every value (every element) must match.';
comment on column cw_global.setting_definitions.unit is 'Unit of the value (days, pct, units, ...), null when none.';
comment on column cw_global.setting_definitions.description is 'What the setting changes, for the DBA and the UI.';

insert into cw_global.setting_sections (section, errcode, stored_in, docs_page, description) values
('quality', 'CW051', 'client_registry', 'docs/quality.md', 'Thresholds of the DataQualityGateway (step 2).'),
('health', 'CW052', 'client_registry', 'docs/production.md', 'Thresholds of the DataHealthMonitor (step 4).'),
('demand_history', 'CW060', 'client_registry', 'docs/demand.md',
 'Stockout detection and missed-demand imputation (step 5).'),
('behaviors', 'CW070', 'client_registry', 'docs/behaviors.md', 'Windows and class boundaries of step 6.'),
('planning', 'CW053', 'client_settings', 'docs/architecture.md',
 'The client''s own planning settings, edited in the UI (its client_settings table).');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, min_value,
    is_min_exclusive, max_value, is_max_exclusive, below_key, element_pattern, unit, description) values
('quality.orphan_critical_pct', 'quality', 'numeric', '5', 0, false, 100, false, null, null, 'pct',
 'Share of lines whose product, location or customer is unknown above which the orphan check is critical.'),
('quality.max_quantity', 'quality', 'numeric', '1000000', 0, true, null, false, null, null, 'units',
 'Largest plausible quantity on one line; larger values fail the absurd-value check.'),
('quality.max_amount', 'quality', 'numeric', '1000000', 0, true, null, false, null, null, 'currency',
 'Largest plausible money amount (price, cost, line total); larger values fail the absurd-value check.'),
('quality.max_future_days', 'quality', 'integer', '1', 0, false, 3650, false, null, null, 'days',
 'How many days after the file date an event date may lie before it fails the event-date check.'),
('quality.oldest_event_date', 'quality', 'date', '"1990-01-01"', null, false, null, false, null, null, null,
 'Event dates before this date fail the event-date check.'),
('quality.max_text_length', 'quality', 'integer', '1000', 1, false, null, false, null, null, 'characters',
 'Longest free text accepted in a field; longer values fail the free-text check.'),
('quality.volume_drop_pct', 'quality', 'numeric', '70', 0, true, 100, false, null, null, 'pct',
 'A day''s record count this far below its baseline fails the volume check.'),
('quality.volume_spike_pct', 'quality', 'numeric', '300', 0, true, null, false, null, null, 'pct',
 'A day''s record count this far above its baseline fails the volume check.'),
('quality.volume_min_baseline', 'quality', 'numeric', '20', 0, false, null, false, null, null, 'records',
 'Baselines smaller than this are too small to judge a volume change: the check passes.'),
('health.reject_rate_pct', 'health', 'numeric', '1', 0, false, 100, false, null, null, 'pct',
 'Share of rows the load rejected above which the health report warns.'),
('health.orphan_rate_pct', 'health', 'numeric', '1', 0, false, 100, false, null, null, 'pct',
 'Share of orphan lines above which the health report warns.'),
('health.volume_drift_pct', 'health', 'numeric', '50', 0, true, null, false, null, null, 'pct',
 'Change of loaded volume against the baseline above which the health report warns.'),
('health.null_rate_drift_points', 'health', 'numeric', '10', 0, true, 100, false, null, null, 'pct points',
 'Change of a column''s null rate in percentage points above which the health report warns.'),
('health.volume_min_baseline', 'health', 'numeric', '20', 0, false, null, false, null, null, 'rows',
 'Baselines smaller than this are too small to judge a drift: the check passes.'),
('demand_history.rate_window_days', 'demand_history', 'integer', '28', 1, false, 3650, false, null, null, 'days',
 'Trailing window of in-stock days over which the expected daily sales rate of a pair is estimated.'),
('demand_history.prior_weight_days', 'demand_history', 'numeric', '3', 0, false, null, false, null, null, 'days',
 'Weight, in days, of the product''s network-wide rate that shrinks a pair''s own rate (empirical Bayes prior).'),
('demand_history.sales_stop_probability', 'demand_history', 'numeric', '0.01', 0, true, 1, true, null, null,
 'probability', 'A run of zero-sale days this unlikely under the pair''s rate is called a stockout when no stock '
 'is reported.'),
('behaviors.window_days', 'behaviors', 'integer', '90', 1, false, 3650, false, null, null, 'days',
 'Trailing window of demand history that behaviours and classes are measured over.'),
('behaviors.abc_a_pct', 'behaviors', 'numeric', '80', 0, true, 100, false, 'behaviors.abc_b_pct', null, 'pct',
 'Cumulative revenue share up to which products are class A.'),
('behaviors.abc_b_pct', 'behaviors', 'numeric', '95', 0, true, 100, false, null, null, 'pct',
 'Cumulative revenue share up to which products are class B (the rest is C).'),
('behaviors.xyz_x_max_cv', 'behaviors', 'numeric', '0.5', 0, true, null, false, 'behaviors.xyz_y_max_cv', null,
 'coefficient of variation', 'Largest weekly demand CV of class X.'),
('behaviors.xyz_y_max_cv', 'behaviors', 'numeric', '1.0', 0, true, null, false, null, null,
 'coefficient of variation', 'Largest weekly demand CV of class Y (above it: Z).'),
('behaviors.fmr_f_min_pct', 'behaviors', 'numeric', '50', 0, true, 100, false, null, null, 'pct',
 'Smallest share of days with demand of class F (fast).'),
('behaviors.fmr_m_min_pct', 'behaviors', 'numeric', '20', 0, true, 100, false, 'behaviors.fmr_f_min_pct', null, 'pct',
 'Smallest share of days with demand of class M (medium; below it: R, rare).'),
('behaviors.freq_frequent_min_qty', 'behaviors', 'numeric', '1', 0, true, null, false, null, null, 'units per day',
 'Smallest mean daily demand of the frequency class frequent.'),
('behaviors.freq_normal_min_qty', 'behaviors', 'numeric', '0.142857', 0, true, null, false,
 'behaviors.freq_frequent_min_qty', null, 'units per day',
 'Smallest mean daily demand of the frequency class normal (below it: rare).'),
('behaviors.adi_cutoff_days', 'behaviors', 'numeric', '1.32', 1, true, null, false, null, null, 'days',
 'Average inter-demand interval above which demand is intermittent or lumpy (Syntetos-Boylan).'),
('behaviors.cv2_cutoff', 'behaviors', 'numeric', '0.49', 0, true, null, false, null, null, 'squared CV',
 'Squared CV of demand sizes above which demand is erratic or lumpy (Syntetos-Boylan).'),
('behaviors.hot_recent_days', 'behaviors', 'integer', '14', 1, false, 365, false, null, null, 'days',
 'Recent period whose velocity is compared with the window''s for hotness.'),
('behaviors.trend_min_t', 'behaviors', 'numeric', '1.96', 0, true, null, false, null, null, 't-statistic',
 'Smallest absolute t-statistic of the weekly trend slope called significant.'),
('behaviors.seasonality_min_weeks', 'behaviors', 'integer', '26', 2, false, 52, false, null, null, 'weeks',
 'Fewest overlapping weeks of two years needed to measure seasonality strength.'),
('behaviors.supplier_window_days', 'behaviors', 'integer', '365', 1, false, 3650, false, null, null, 'days',
 'Trailing window of purchase orders that supplier lead time, fill rate and on-time rate are measured over.'),
('behaviors.growth_days', 'behaviors', 'integer', '28', 1, false, 365, false, null, null, 'days',
 'Period whose revenue is compared with the one before it for category growth.'),
('planning.service_level_pct', 'planning', 'numeric', '95', 0, true, 100, true, null, null, 'pct',
 'Target cycle service level in percent for safety stock.'),
('planning.review_cycle_days', 'planning', 'integer', '1', 1, false, 365, false, null, null, 'days',
 'Default days between two orders when a supplier has none.'),
('planning.currency_rounding', 'planning', 'integer', '2', 0, false, 6, false, null, null, 'decimals',
 'Decimals shown for money in the UI.');

insert into cw_global.setting_definitions (setting_key, section, value_type, default_value, element_pattern, unit,
    description) values
('quality.stale_endpoints', 'quality', 'text[]', '["inventory"]', '^[a-z_]{1,40}$', null,
 'Full-snapshot endpoints whose file must change from one day to the next; an identical file fails freshness.'),
('quality.volume_excluded_endpoints', 'quality', 'text[]', '["inventory"]', '^[a-z_]{1,40}$', null,
 'Endpoints the volume check skips (their record count is not a measure of activity).');

-- Step 13 (uplift): how sure an impact is. diff_in_diff rows get the standard error of their impact and a 95 %
-- confidence interval, estimated from the spread of their controls' changes (the change the recommendation's own
-- product x location could have seen by chance); is_conclusive says whether the interval excludes 0, so the UI can
-- show "not measurable yet" instead of a number. pre_post rows, and diff_in_diff rows with a single control or
-- controls that all changed by the same amount, have no interval (null). The transfer side's diff_in_diff now
-- takes its before window before the lane started following, like the purchase side.
-- docs/uplift.md "How sure: confidence intervals".
alter table ${schema}.purchase_order_recommendation_impacts
add column impact_std_error numeric(18, 4),
add column impact_ci_low numeric(18, 4),
add column impact_ci_high numeric(18, 4),
add column is_conclusive boolean generated always as (impact_ci_low > 0 or impact_ci_high < 0) stored,
add constraint po_recommendation_impact_interval_check check (
    (impact_std_error is null) = (impact_ci_low is null)
    and (impact_ci_low is null) = (impact_ci_high is null)
    and (impact_std_error is null or impact_std_error >= 0)
    and (impact_ci_low is null or impact_ci_low <= impact_ci_high)
    and (impact_ci_low is null or measurement_method_id = 2)
);
comment on column ${schema}.purchase_order_recommendation_impacts.impact_std_error is
'diff_in_diff with at least 2 controls: standard error of impact_value, from the spread (sample standard deviation) '
'of the controls'' own changes between the two windows, times sqrt(1 + 1/control_count) (the recommendation''s '
'product x location could have changed by chance like any one control, and the controls'' mean is itself '
'uncertain). Null for pre_post, for a single control and when every control changed by the same amount.';
comment on column ${schema}.purchase_order_recommendation_impacts.impact_ci_low is
'Lower end of the 95 % confidence interval of impact_value: impact_value - t(0.975, control_count - 1) x '
'impact_std_error (Student''s t). Null when impact_std_error is null.';
comment on column ${schema}.purchase_order_recommendation_impacts.impact_ci_high is
'Upper end of the 95 % confidence interval of impact_value (see impact_ci_low).';
comment on column ${schema}.purchase_order_recommendation_impacts.is_conclusive is
'True when the 95 % interval excludes 0 (the direction of the impact is established); false when it contains 0: '
'not measurable yet, whatever impact_value says; null without an interval.';

alter table ${schema}.transfer_order_recommendation_impacts
add column impact_std_error numeric(18, 4),
add column impact_ci_low numeric(18, 4),
add column impact_ci_high numeric(18, 4),
add column is_conclusive boolean generated always as (impact_ci_low > 0 or impact_ci_high < 0) stored,
add constraint to_recommendation_impact_interval_check check (
    (impact_std_error is null) = (impact_ci_low is null)
    and (impact_ci_low is null) = (impact_ci_high is null)
    and (impact_std_error is null or impact_std_error >= 0)
    and (impact_ci_low is null or impact_ci_low <= impact_ci_high)
    and (impact_ci_low is null or measurement_method_id = 2)
);
comment on column ${schema}.transfer_order_recommendation_impacts.impact_std_error is
'diff_in_diff with at least 2 controls: standard error of impact_value, from the spread (sample standard deviation) '
'of the controls'' own changes between the two windows, times sqrt(1 + 1/control_count). Null for pre_post, for a '
'single control and when every control changed by the same amount.';
comment on column ${schema}.transfer_order_recommendation_impacts.impact_ci_low is
'Lower end of the 95 % confidence interval of impact_value: impact_value - t(0.975, control_count - 1) x '
'impact_std_error (Student''s t). Null when impact_std_error is null.';
comment on column ${schema}.transfer_order_recommendation_impacts.impact_ci_high is
'Upper end of the 95 % confidence interval of impact_value (see impact_ci_low).';
comment on column ${schema}.transfer_order_recommendation_impacts.is_conclusive is
'True when the 95 % interval excludes 0 (the direction of the impact is established); false when it contains 0: '
'not measurable yet, whatever impact_value says; null without an interval.';

-- Both sides now share the spell-based before window (uplift_measure(side)).
update ${schema}.measurement_methods
set description = replace(description, ' Transfer-order impacts still take the window before the recommendation '
    || 'itself.', ' The same for transfer-order recommendations (the pair is the product x receiving location). '
    || 'With at least 2 controls the row carries a 95 % confidence interval from the spread of the controls'' '
    || 'changes.')
where name = 'diff_in_diff';

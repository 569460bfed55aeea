-- Step 13 (uplift): a purchase-order episode is now compared with what it asked for as re-proposed (its last
-- recommendation's quantity plus the units ordered up to that date), and its respect window ends the day before the
-- pair's next recommendation; diff_in_diff compares with the window before the pair started following. The columns keep
-- their type; their comments and the method's description say what they now hold. docs/uplift.md.
comment on column ${schema}.po_recommendation_respect_decisions.recommended_qty is
'The quantity the episode asked for, as re-proposed: its last recommendation''s recommended_qty plus the units '
'ordered on matching lines dated from its first to its last recommendation date (those orders were on order when '
'the last re-proposal was computed). For an episode of one without an order that day: its recommended_qty. '
'Decisions before this rule hold the first recommendation''s quantity.';
comment on column ${schema}.po_recommendation_respect_decisions.window_end_date is
'Last order date that counts: the last recommendation date of the episode + respect_window_days, or the day before '
'the pair''s next recommendation if that comes first (later orders answer that one). Fixed at the first decision '
'and kept for later re-checks, so a changed setting never reopens a decision.';

-- diff_in_diff now compares with the window before the pair started following (docs/uplift.md "Method 2").
update ${schema}.measurement_methods
set description = 'actual_value = the measure over the after window; baseline_value = the measure over the window '
    || 'before the pair started following (its first respected recommendation after its last not respected one) plus '
    || 'the change that comparable product x locations (same location, ABC class and frequency class, a not-followed '
    || 'recommendation dated within control_match_days, none followed over the whole comparison) saw between the '
    || 'same calendar windows; impact = actual - baseline. Only for a respected recommendation whose pair followed '
    || 'every recommendation from that start to the end of its after window. Transfer-order impacts still take the '
    || 'window before the recommendation itself.',
    assumptions = 'Parallel trends: without following, the product x location would have changed like its controls '
    || 'did from before it started following to the after window. Biased when buyers chose which products to '
    || 'follow for reasons that also move the outcome, when controls are few, when controls differ in size '
    || '(changes are compared in absolute units), and the more the longer the pair has followed (the two windows '
    || 'drift apart in season).'
where name = 'diff_in_diff';

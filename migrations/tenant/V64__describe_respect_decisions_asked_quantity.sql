-- Step 13 (uplift): a purchase-order episode is now compared with what it asked for as re-proposed (its last
-- recommendation's quantity plus the units ordered up to that date), and its respect window ends the day before the
-- pair's next recommendation. The columns keep their type; their comments say what they now hold. docs/uplift.md.
comment on column ${schema}.po_recommendation_respect_decisions.recommended_qty is
'The quantity the episode asked for, as re-proposed: its last recommendation''s recommended_qty plus the units '
'ordered on matching lines dated from its first to its last recommendation date (those orders were on order when '
'the last re-proposal was computed). For an episode of one without an order that day: its recommended_qty. '
'Decisions before this rule hold the first recommendation''s quantity.';
comment on column ${schema}.po_recommendation_respect_decisions.window_end_date is
'Last order date that counts: the last recommendation date of the episode + respect_window_days, or the day before '
'the pair''s next recommendation if that comes first (later orders answer that one). Fixed at the first decision '
'and kept for later re-checks, so a changed setting never reopens a decision.';

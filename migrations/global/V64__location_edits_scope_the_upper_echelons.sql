-- A location edit now also scopes the upper echelons above the location in the supply tree (change_events_plan):
-- the reason of the locations.is_enabled rule says so, for the DBA and the planner who read the rules.
update cw_global.change_impact_rules
set reason = concat(
    'A disabled location gets no targets and no recommendations and stops receiving transfers: the location, ',
    'its supply partners (lanes in both directions) and every upper echelon above it in the supply tree ',
    '(a DC or warehouse pools the demand of the stores below it) are re-planned from inventory targets on. ',
    'Behaviours and forecasts describe what was sold there and stay.'
)
where client_id is null and table_name = 'locations' and column_name = 'is_enabled';

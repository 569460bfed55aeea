-- Step 13 (uplift), issue 15: impacts are measured once and again only when their evidence changed (recorded by
-- triggers, docs/uplift.md "Cost"); remeasure_days now governs only the nightly re-check of respect decisions.
update cw_global.setting_definitions
set description = 'Respect decisions whose window ended within this many days before the run date are re-checked '
    || 'each night (a late or corrected purchase or transfer order records a new decision); older ones only by a '
    || 'scoped run. Impacts do not use it: a night re-measures an impact when a sales or stock day, a decision, a '
    || 'price or cost it read changed, however old.'
where setting_key = 'uplift.remeasure_days';

-- Step 6's class vocabularies (abc_classes, xyz_classes, fmr_classes, freq_classes) are fixed: ids 1-3 seeded by V8,
-- stable across clients. The snapshot tables reference them by a range check of the id (V93) instead of foreign keys,
-- so these statement triggers keep the vocabularies from changing under the stored snapshots: any insert, update,
-- delete or truncate is refused (CW181). Classes move with the thresholds in settings('behaviors'), not with rows.
create or replace function ${schema}.behavior_classes_guard()
returns trigger
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    raise exception 'the class vocabulary %.% is fixed (ids 1-3, seeded by migration V8): % refused',
        tg_table_schema, tg_table_name, lower(tg_op)
        using errcode = 'CW181',
        hint = 'the behaviour snapshots refer to these ids by a range check (V93); classes move with their '
            || 'thresholds instead, e.g. cw settings CODE --set behaviors.abc_a_pct=75 (docs/behaviors.md)';
end
$$;
comment on function ${schema}.behavior_classes_guard() is
'Statement trigger on abc_classes, xyz_classes, fmr_classes and freq_classes: refuses every insert, update, delete '
'and truncate (CW181). The snapshot tables product_location_behaviors and product_behaviors check their class ids '
'against the fixed range 1-3 instead of by foreign key (V93: the keys cost ~8 % of a night at M-scale), so the '
'vocabularies must not change.';

drop trigger if exists abc_classes_guard on ${schema}.abc_classes;
create trigger abc_classes_guard
before insert or update or delete or truncate on ${schema}.abc_classes
for each statement execute function ${schema}.behavior_classes_guard();
comment on trigger abc_classes_guard on ${schema}.abc_classes is
'The ABC vocabulary is fixed (ids 1-3): every write is refused (CW181; the snapshots check the id range, V93).';

drop trigger if exists xyz_classes_guard on ${schema}.xyz_classes;
create trigger xyz_classes_guard
before insert or update or delete or truncate on ${schema}.xyz_classes
for each statement execute function ${schema}.behavior_classes_guard();
comment on trigger xyz_classes_guard on ${schema}.xyz_classes is
'The XYZ vocabulary is fixed (ids 1-3): every write is refused (CW181; the snapshots check the id range, V93).';

drop trigger if exists fmr_classes_guard on ${schema}.fmr_classes;
create trigger fmr_classes_guard
before insert or update or delete or truncate on ${schema}.fmr_classes
for each statement execute function ${schema}.behavior_classes_guard();
comment on trigger fmr_classes_guard on ${schema}.fmr_classes is
'The FMR vocabulary is fixed (ids 1-3): every write is refused (CW181; the snapshots check the id range, V93).';

drop trigger if exists freq_classes_guard on ${schema}.freq_classes;
create trigger freq_classes_guard
before insert or update or delete or truncate on ${schema}.freq_classes
for each statement execute function ${schema}.behavior_classes_guard();
comment on trigger freq_classes_guard on ${schema}.freq_classes is
'The frequency vocabulary is fixed (ids 1-3): every write is refused (CW181; the snapshots check the id range, V93).';

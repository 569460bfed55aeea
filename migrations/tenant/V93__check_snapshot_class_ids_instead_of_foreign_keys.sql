-- Issue 21 point 4 (helper n21e): step 6 writes every pair's snapshot row of the run date each night (195,872 rows at
-- 10k x 50), and each row was checked against the four class vocabularies by foreign key: one index probe and row lock
-- per key and row, ~7-9 s of backend CPU a night at M-scale (~8 % of a night; docs/benchmarks.md "n21d", "n21e").
-- Those keys cannot fail on step 6's own write (the ids come from behaviors_measure's joins to the vocabularies by
-- code), and the vocabularies are fixed (ids 1-3, seeded by V8, stable across clients; behavior_classes_guard now
-- refuses any change to them, CW181). So the snapshot keeps the same guarantee with a check of the id range, which
-- costs no lookup: a class id outside 1-3 is rejected, and ids 1-3 always exist. The relation stays a logical
-- reference (docs/erd.md). The product and location keys stay.
alter table ${schema}.product_location_behaviors
drop constraint product_location_behaviors_abc_class_id_fkey,
drop constraint product_location_behaviors_xyz_class_id_fkey,
drop constraint product_location_behaviors_fmr_class_id_fkey,
drop constraint product_location_behaviors_freq_class_id_fkey,
add constraint product_location_behaviors_class_ids_check check (
    abc_class_id between 1 and 3 and xyz_class_id between 1 and 3 and fmr_class_id between 1 and 3
    and freq_class_id between 1 and 3
);
comment on constraint product_location_behaviors_class_ids_check on ${schema}.product_location_behaviors is
'abc_class_id, xyz_class_id, fmr_class_id and freq_class_id reference abc_classes, xyz_classes, fmr_classes and '
'freq_classes (fixed ids 1-3, guarded by behavior_classes_guard): a range check instead of four foreign keys, whose '
'per-row lookups cost ~8 % of a night at M-scale and cannot fail on step 6''s write (V93, docs/erd.md).';

alter table ${schema}.product_behaviors
drop constraint product_behaviors_abc_class_id_fkey,
drop constraint product_behaviors_xyz_class_id_fkey,
drop constraint product_behaviors_fmr_class_id_fkey,
drop constraint product_behaviors_freq_class_id_fkey,
add constraint product_behaviors_class_ids_check check (
    abc_class_id between 1 and 3 and xyz_class_id between 1 and 3 and fmr_class_id between 1 and 3
    and freq_class_id between 1 and 3
);
comment on constraint product_behaviors_class_ids_check on ${schema}.product_behaviors is
'abc_class_id, xyz_class_id, fmr_class_id and freq_class_id reference abc_classes, xyz_classes, fmr_classes and '
'freq_classes (fixed ids 1-3, guarded by behavior_classes_guard): a range check instead of four foreign keys (V93, '
'docs/erd.md).';

-- The snapshot tables refer to the four class vocabularies by a range check of the id (1-3) instead of foreign keys
-- (V93: the keys' per-row lookups cost ~8 % of an M night, and cannot fail on step 6's own write). The same guarantee
-- holds: the vocabularies refuse every write (behavior_classes_guard, CW181), a class id outside 1-3 is refused, and
-- every class id step 6 writes exists in its vocabulary.
begin;
select plan(9);

select throws_ok(
    $$ insert into cw_000901.abc_classes (id, code, name) values (4, 'D', 'a fourth class') $$,
    'CW181', null, 'a new ABC class is refused: the vocabulary is fixed'
);
select throws_ok(
    $$ delete from cw_000901.xyz_classes where id = 3 $$,
    'CW181', null, 'deleting an XYZ class is refused'
);
select throws_ok(
    $$ update cw_000901.fmr_classes set id = 7 where code = 'R' $$,
    'CW181', null, 'renumbering an FMR class is refused'
);
select throws_ok(
    $$ truncate cw_000901.freq_classes $$,
    'CW181', null, 'truncating the frequency classes is refused'
);

-- 40 products TC1..TC40 with demand at WEB from 1 to 10 May (product id mod 7 a day), measured and written on 10 May.
select tests.behaviors_web_demand('TC', 40, 7, '2011-05-01', '2011-05-10', '2011-05-10');
call cw_000901.behaviors_measure('2011-05-10', cw_000901.settings('behaviors'), null);
call cw_000901.behaviors_write('2011-05-10', 90, null, null, null);
select is((select count(*)::integer from cw_000901.product_location_behaviors where snapshot_date = '2011-05-10'),
          40, 'the snapshot has a row per pair');
select is_empty(
    $$ select behaviors.product_id, behaviors.location_id
       from cw_000901.product_location_behaviors as behaviors
       where not exists (select from cw_000901.abc_classes where abc_classes.id = behaviors.abc_class_id)
           or not exists (select from cw_000901.xyz_classes where xyz_classes.id = behaviors.xyz_class_id)
           or not exists (select from cw_000901.fmr_classes where fmr_classes.id = behaviors.fmr_class_id)
           or not exists (select from cw_000901.freq_classes where freq_classes.id = behaviors.freq_class_id) $$,
    'every class id of the pair snapshot exists in its vocabulary'
);
select is_empty(
    $$ select behaviors.product_id
       from cw_000901.product_behaviors as behaviors
       where not exists (select from cw_000901.abc_classes where abc_classes.id = behaviors.abc_class_id)
           or not exists (select from cw_000901.xyz_classes where xyz_classes.id = behaviors.xyz_class_id)
           or not exists (select from cw_000901.fmr_classes where fmr_classes.id = behaviors.fmr_class_id)
           or not exists (select from cw_000901.freq_classes where freq_classes.id = behaviors.freq_class_id) $$,
    'every class id of the product snapshot exists in its vocabulary'
);

select throws_ok(
    $$ update cw_000901.product_location_behaviors set xyz_class_id = 4
       where snapshot_date = '2011-05-10' $$,
    '23514', null, 'a pair row with a class id outside the vocabulary is refused (product_location_behaviors_class_ids_check)'
);
select throws_ok(
    $$ update cw_000901.product_behaviors set abc_class_id = 0
       where snapshot_date = '2011-05-10' $$,
    '23514', null, 'a product row with a class id outside the vocabulary is refused (product_behaviors_class_ids_check)'
);

select * from finish();
rollback;

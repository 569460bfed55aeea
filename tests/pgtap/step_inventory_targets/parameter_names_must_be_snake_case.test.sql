begin;
select plan(12);

-- inventory_target_params.param_name is a snake_case name (inventory_target_param_name_check): a lowercase letter,
-- then 1 to 62 lowercase letters, digits or underscores. Written without a regular expression since V92 (step 8
-- writes millions of rows); the same names are accepted and refused as by ^[a-z][a-z0-9_]{1,62}$.
select tests.inventory_world('2024-06-30');
call cw_000901.step_inventory_targets('2024-06-30', null);
create temp table one_target as select min(id) as id from cw_000901.inventory_targets;

select lives_ok($$ insert into cw_000901.inventory_target_params (inventory_target_id, param_name, param_value)
                   select id, 'ab', 1 from one_target $$, 'two lowercase letters are a name');
select lives_ok($$ insert into cw_000901.inventory_target_params (inventory_target_id, param_name, param_value)
                   select id, 'z_9' || repeat('x', 60), 1 from one_target $$, 'so are 63 characters of a-z, 0-9, _');
select lives_ok($$ insert into cw_000901.inventory_target_params (inventory_target_id, param_name, param_value)
                   select id, 'a_', 1 from one_target $$, 'an underscore may end it');
select throws_ok($$ insert into cw_000901.inventory_target_params (inventory_target_id, param_name, param_value)
                    select id, 'a', 1 from one_target $$, '23514', null, 'one letter is refused');
select throws_ok($$ insert into cw_000901.inventory_target_params (inventory_target_id, param_name, param_value)
                    select id, 'a' || repeat('b', 63), 1 from one_target $$, '23514', null,
                 '64 characters are refused');
select throws_ok($$ insert into cw_000901.inventory_target_params (inventory_target_id, param_name, param_value)
                    select id, 'Lead_time', 1 from one_target $$, '23514', null, 'an uppercase first letter is refused');
select throws_ok($$ insert into cw_000901.inventory_target_params (inventory_target_id, param_name, param_value)
                    select id, 'lead_Time', 1 from one_target $$, '23514', null, 'an uppercase letter inside is refused');
select throws_ok($$ insert into cw_000901.inventory_target_params (inventory_target_id, param_name, param_value)
                    select id, '_lead', 1 from one_target $$, '23514', null, 'a leading underscore is refused');
select throws_ok($$ insert into cw_000901.inventory_target_params (inventory_target_id, param_name, param_value)
                    select id, '9lives', 1 from one_target $$, '23514', null, 'a leading digit is refused');
select throws_ok($$ insert into cw_000901.inventory_target_params (inventory_target_id, param_name, param_value)
                    select id, 'lead-time', 1 from one_target $$, '23514', null, 'a hyphen is refused');
select throws_ok($$ insert into cw_000901.inventory_target_params (inventory_target_id, param_name, param_value)
                    select id, 'lead time', 1 from one_target $$, '23514', null, 'a space is refused');
select throws_ok($$ insert into cw_000901.inventory_target_params (inventory_target_id, param_name, param_value)
                    select id, 'lead' || chr(233), 1 from one_target $$, '23514', null,
                 'a letter outside a-z is refused');

select * from finish();
rollback;

begin;
select plan(3);

update cw_global.clients set settings = jsonb_set(coalesce(settings, '{}'), '{uplift}', '{"qty_tolerance_pct": 150}')
where schema_name = 'cw_000901';
select throws_ok($$ call cw_000901.step_uplift('2024-03-10', null) $$, 'CW190', null,
                 'a tolerance above 100 % fails the step with the section''s SQLSTATE');
update cw_global.clients set settings = jsonb_set(settings, '{uplift}', '{"respect_days": 7}')
where schema_name = 'cw_000901';
select throws_ok($$ call cw_000901.step_uplift('2024-03-10', null) $$, 'CW190', null, 'so does an unknown key');
update cw_global.clients set settings = settings - 'uplift' where schema_name = 'cw_000901';
select throws_ok($$ call cw_000901.step_uplift(null, null) $$, 'CW192', null, 'a missing run date fails with CW192');

select * from finish();
rollback;

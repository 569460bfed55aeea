begin;
select plan(16);

select is_empty(
    $$ select setting_key from cw_global.setting_definitions
       where cw_global.setting_value(setting_key, default_value) is distinct from default_value $$,
    'every catalog default passes its own validation unchanged'
);
select is_empty(
    $$ select section from cw_global.setting_sections
       where not exists (select from cw_global.setting_definitions
                         where setting_definitions.section = setting_sections.section) $$,
    'every section defines at least one setting'
);
select is(
    cw_000901.settings('behaviors') ->> 'window_days', '90',
    'a setting the client has not changed has the catalog default'
);
select is(
    (select count(*)::integer from jsonb_object_keys(cw_000901.settings('quality'))),
    (select count(*)::integer from cw_global.setting_definitions where section = 'quality'),
    'a section returns every setting of the catalog'
);

update cw_global.clients set settings = '{"behaviors": {"window_days": "120"}, "quality": {"stale_endpoints": "{inventory,prices}"}}'
where code = 'CW-000901';
select is(cw_000901.settings('behaviors') -> 'window_days', '120'::jsonb,
          'a number written as a string is normalised to a JSON number');
select is(cw_000901.settings('quality') -> 'stale_endpoints', '["inventory", "prices"]'::jsonb,
          'a PostgreSQL array literal is accepted for a text[] setting');
select is(cw_000902.settings('behaviors') ->> 'window_days', '90',
          'one client''s settings do not change another''s');

update cw_global.clients set settings = '{"behaviors": {"window_days": 0}}' where code = 'CW-000901';
select throws_ok($$ select cw_000901.settings('behaviors') $$, 'CW070',
                 'invalid setting behaviors.window_days of client CW-000901: 0 is outside the allowed range',
                 'a value outside its range fails with the section''s SQLSTATE, naming key, client and value');
update cw_global.clients set settings = '{"behaviors": {"window_days": 1.5}}' where code = 'CW-000901';
select throws_ok($$ select cw_000901.settings('behaviors') $$, 'CW070', null, 'an integer setting refuses 1.5');
update cw_global.clients set settings = '{"behaviors": {"abc_a_pct": 96}}' where code = 'CW-000901';
select throws_ok($$ select cw_000901.settings('behaviors') $$, 'CW070',
                 'invalid setting behaviors.abc_a_pct of client CW-000901: 96 is not below behaviors.abc_b_pct (95)',
                 'an ordering between two settings is checked');
update cw_global.clients set settings = '{"quality": {"max_quantiy": 5}}' where code = 'CW-000901';
select throws_ok($$ select cw_000901.settings('quality') $$, 'CW051', null,
                 'a misspelt key fails instead of being silently ignored');
update cw_global.clients set settings = '{"quality": {"oldest_event_date": "2024-02-30"}}' where code = 'CW-000901';
select throws_ok($$ select cw_000901.settings('quality') $$, 'CW051', null, 'an impossible date fails');

update cw_global.clients set settings = '{}' where code = 'CW-000901';
call cw_global.set_client_setting('CW-000901', 'health.reject_rate_pct', '2.5');
select is((select settings #> '{health,reject_rate_pct}' from cw_global.clients where code = 'CW-000901'),
          '2.5'::jsonb, 'set_client_setting stores a valid value in the client registry');
select throws_ok($$ call cw_global.set_client_setting('CW-000901', 'health.reject_rate_pct', '101') $$, 'CW052',
                 null, 'set_client_setting refuses a value out of range');

update cw_000901.client_settings set setting_value = '"97"' where setting_key = 'planning.service_level_pct';
select is((select setting_value from cw_000901.client_settings where setting_key = 'planning.service_level_pct'),
          '97'::jsonb, 'a planning setting edited in client_settings is validated and normalised');
set local role cw_000901_ui;
select throws_ok(
    $$ update cw_000901.client_settings set setting_value = '100' where setting_key = 'planning.service_level_pct' $$,
    'CW053', null, 'the UI role cannot store a service level of 100 %');
reset role;

select * from finish();
rollback;

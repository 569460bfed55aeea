-- Calendar settings are validated by the settings catalog (section calendar, CW092).
begin;
select plan(3);

update cw_global.clients set settings = jsonb_set(settings, '{calendar}', '{"public_holidays": "sometimes"}')
where code = 'CW-000901';
select throws_ok($$ select count(*) from cw_000901.trading_calendar('2011-01-01', '2011-01-02') $$, 'CW092',
                 null,
                 'a public_holidays setting that is not a boolean raises CW092');
update cw_global.clients set settings = jsonb_set(settings, '{calendar}', '{"learning_window_days": 3}')
where code = 'CW-000901';
select throws_ok($$ select cw_000901.learn_trading_weekdays('2011-05-10') $$, 'CW092',
                 null,
                 'a learning window under two weeks raises CW092');
update cw_global.clients set settings = settings - 'calendar' where code = 'CW-000901';
select throws_ok($$ select count(*) from cw_000901.trading_calendar('1990-01-01', '2021-01-01') $$, 'CW093',
                 null, 'a range over thirty years raises CW093');

select * from finish();
rollback;

-- What a DBA or the UI configures wins over what was learned.
begin;
select plan(6);

select tests.calendar_web_shop();
select cw_000901.learn_trading_weekdays('2011-05-10');

update cw_global.clients set settings = jsonb_set(settings, '{calendar}', '{"holiday_subdivisions": ["GB-ENG"]}')
where code = 'CW-000901';
select is((select closure_reason from cw_000901.trading_calendar('2011-04-25', '2011-04-25')
           where location_erp_id = 'WEB'), 'public holiday GB-ENG: Easter Monday',
          'with subdivision GB-ENG, Easter Monday is closed');

insert into cw_000901.location_calendar_dates (location_id, calendar_date, is_closed, reason)
select id, '2011-05-09', true, 'stocktaking' from cw_000901.locations where erp_id = 'WEB';
insert into cw_000901.location_calendar_dates (location_id, calendar_date, is_closed, reason)
select id, '2011-05-14', false, 'Saturday sale' from cw_000901.locations where erp_id = 'WEB';
select is((select closure_reason from cw_000901.trading_calendar('2011-05-09', '2011-05-09')
           where location_erp_id = 'WEB'), 'stocktaking', 'a configured closed date closes a Monday');
select is((select is_trading_day from cw_000901.trading_calendar('2011-05-14', '2011-05-14')
           where location_erp_id = 'WEB'), true, 'a configured open date opens a learned-closed Saturday');

select lives_ok($$ select tests.run_as('cw_000901_ui', $sql$ update cw_000901.location_weekday_closures
    set is_closed_override = true, override_reason = 'closed on Sundays from May'
    where isodow = 7 $sql$) $$, 'the UI role overrides a weekday');
select is((select closure_reason from cw_000901.trading_calendar('2011-05-15', '2011-05-15')
           where location_erp_id = 'WEB'), 'Sunday: closed on Sundays from May', 'the override closes Sundays');
select throws_ok($$ select tests.run_as('cw_000901_ui', 'update cw_000901.location_weekday_closures
    set is_learned_closed = false') $$, '42501', null, 'the UI role cannot rewrite what was learned');

select * from finish();
rollback;

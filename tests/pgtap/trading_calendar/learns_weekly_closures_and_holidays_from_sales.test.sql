-- A GB web shop that never sells on Saturdays nor on bank holidays: the calendar learns both.
begin;
select plan(7);

select tests.calendar_web_shop();
select ok(cw_000901.learn_trading_weekdays('2011-05-10') > 0, 'learning writes the location''s rows');

select is((select string_agg(isodow::text, ',' order by isodow) from cw_000901.location_weekday_closures
           where is_learned_closed), '6', 'Saturday, and only Saturday, is learned closed');
select is((select is_learned_trading from cw_000901.location_holiday_observance), false,
          'a shop that sold on no public holiday of the window closes on them');
select is((select closure_reason from cw_000901.trading_calendar('2011-05-07', '2011-05-07')
           where location_erp_id = 'WEB'), 'no sales on Saturdays in 8 weeks (learned)',
          'a Saturday is closed, with the learned reason');
select is((select closure_reason from cw_000901.trading_calendar('2011-04-22', '2011-04-22')
           where location_erp_id = 'WEB'), 'public holiday GB: Good Friday', 'Good Friday is closed');
select is((select is_trading_day from cw_000901.trading_calendar('2011-04-25', '2011-04-25')
           where location_erp_id = 'WEB'), true, 'Easter Monday is not a holiday of the whole United Kingdom');
select is(cw_000901.is_trading_day((select id from cw_000901.locations where erp_id = 'WEB'), '2011-05-09'), true,
          'an ordinary Monday trades');

select * from finish();
rollback;

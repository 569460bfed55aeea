begin;
select plan(16);

select is(cw_global.try_date('2024-02-29'), date '2024-02-29', 'a leap day is a date');
select is(cw_global.try_date('2023-02-29'), null, 'a non-leap 29 February is not a date');
select is(cw_global.try_date('2024-04-31'), null, 'the 31st of a 30-day month is not a date');
select is(cw_global.try_date('2024-01-05T10:11:12Z'), date '2024-01-05', 'an ISO timestamp gives its date');
select is(cw_global.try_date('today'), null, 'a word is not a date');
select is(cw_global.try_date('05.01.2024', 'DD.MM.YYYY'), date '2024-01-05', 'dd.MM.yyyy is day first');
select is(cw_global.try_date('', 'DD.MM.YYYY'), null, 'a blank is no date');
select is(cw_global.try_numeric('-12.50'), -12.50::numeric, 'a negative decimal is a number');
select is(cw_global.try_numeric('1-2'), null, 'a minus inside is not a number');
select is(cw_global.try_numeric('1.234,50', 'decimal_comma'), 1234.50::numeric, 'decimal comma with thousands dots');
select is(cw_global.try_numeric('14D', 'days_suffix'), 14::numeric, 'a navision date formula in days');
select is(cw_global.try_numeric('NaN'), null, 'NaN is not accepted as a quantity');
select is(cw_global.try_integer('99999999999999999999'), null, 'an integer too large for bigint is null, not an error');
select is(cw_global.try_boolean('Yes'), true, 'Yes is true');
select is(cw_global.try_boolean('maybe'), null, 'maybe is not a boolean');
select is(cw_global.try_timestamptz('2024-01-05 25:00'), null, 'hour 25 is not a time');

select * from finish();
rollback;

-- Gate check: on a day every selling location is closed, an empty or missing sales file is expected.
begin;
select plan(5);

select tests.calendar_web_shop();
select cw_000901.learn_trading_weekdays('2011-05-13');
insert into cw_000901.data_quality_check_reports (endpoint, check_name, run_date, source, metric_value,
                                                  is_baseline_eligible)
select 'sales_orders', 'record_count', day::date, 'gateway', case when extract(isodow from day) = 6 then 0 else 100 end,
       true
from generate_series(date '2011-04-10', date '2011-05-13', interval '1 day') as day;

select is((select passed::text || ': ' || detail from tests.quality_check('file_present', '2011-05-14')
           where endpoint = 'sales_orders'), 'true: closed: no sales on Saturdays in 7 weeks (learned)',
          'no sales file on a learned-closed Saturday passes, saying why');
select tests.quality_file('sales_orders', '2011-05-14', 'loaded', 0);
select is((select passed::text || ': ' || detail from tests.quality_check('volume_change', '2011-05-14')
           where endpoint = 'sales_orders'), 'true: closed: no sales on Saturdays in 7 weeks (learned)',
          'an empty sales file on a closed Saturday passes, saying why');
select tests.quality_file('sales_orders', '2011-05-16', 'loaded', 10);
select is((select passed from tests.quality_check('volume_change', '2011-05-16') where endpoint = 'sales_orders'),
          false, '10 sales on a trading Monday against 100 per trading location still fail');
select tests.quality_file('sales_orders', '2011-05-17', 'loaded', 98);
select is((select detail from tests.quality_check('volume_change', '2011-05-17') where endpoint = 'sales_orders'),
          '98 records against a same weekday per trading location baseline of 100.0 (-2.0%); 1 trading location(s)',
          'a normal Tuesday passes against the per-location weekday baseline');
select is((select samples::integer from cw_000901.quality_volume_baselines('2011-05-17')
           where endpoint = 'sales_orders'), 25,
          'the 4 closed Saturdays and 3 bank holidays of the 32 days before are left out of the baseline history');

select * from finish();
rollback;

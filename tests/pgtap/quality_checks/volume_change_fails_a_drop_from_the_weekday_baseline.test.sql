-- Gate check: volume change fails a drop from the weekday baseline.
begin;
select plan(3);

insert into cw_000901.data_quality_check_reports (endpoint, check_name, run_date, source, metric_value, is_baseline_eligible)
select 'sales_orders', 'record_count', date '2030-06-04'::date - 7 * weeks, 'gateway', 100, true from generate_series(1, 4) as weeks;
select tests.quality_file('sales_orders', date '2030-06-04', 'loaded', 10);
select tests.quality_file('sales_orders', date '2030-06-04'::date + 7, 'loaded', 95);

select is(
    (select passed from tests.quality_check('volume_change', date '2030-06-04') where endpoint = 'sales_orders'),
    false,
    '10 records against a weekday baseline of 100 fail'
);
select is(
    (select detail from tests.quality_check('volume_change', date '2030-06-04') where endpoint = 'sales_orders'),
    '10 records against a same weekday baseline of 100.0 (-90.0%)',
    'the detail gives the baseline and the deviation'
);
select is(
    (select passed from tests.quality_check('volume_change', date '2030-06-04'::date + 7) where endpoint = 'sales_orders'),
    true,
    '95 records pass'
);

select * from finish();
rollback;

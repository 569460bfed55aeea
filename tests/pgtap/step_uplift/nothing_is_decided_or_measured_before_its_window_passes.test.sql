begin;
select plan(6);

-- Recommendations of 2024-03-01: respect window 7 days (decided from 2024-03-08), lead time 2.5 days and a 7-day
-- measurement window (after window 2024-03-04 .. 2024-03-10, measured from 2024-03-10).
select tests.uplift_world('2024-03-01');

call cw_000901.step_uplift('2024-03-07', null);
select is_empty($$ select from cw_000901.po_recommendation_respect_decisions $$,
                'one day before the respect window ends nothing is decided');
select is_empty($$ select from cw_000901.po_recommendations where is_respected is not null $$,
                'and is_respected stays null');

call cw_000901.step_uplift('2024-03-08', null);
select is((select count(*)::integer from cw_000901.po_recommendation_respect_decisions), 4,
          'the day the window ends every recommendation is decided');

call cw_000901.step_uplift('2024-03-09', null);
select is_empty($$ select from cw_000901.purchase_order_recommendation_impacts $$,
                'one day before the after window ends nothing is measured');

call cw_000901.step_uplift('2024-03-10', null);
select is((select count(distinct po_recommendation_id)::integer
           from cw_000901.purchase_order_recommendation_impacts), 4,
          'the day it ends all four decided recommendations are measured');
select is((select min(measurement_date) || ' ' || max(actual_start_date) || ' ' || min(baseline_start_date)
                  || ' ' || max(baseline_end_date)
           from cw_000901.purchase_order_recommendation_impacts),
          '2024-03-10 2024-03-04 2024-02-23 2024-02-29',
          'windows: before 2024-02-23 .. 2024-02-29, after from the lead time (2.5 -> 3 days) to 2024-03-10');

select * from finish();
rollback;

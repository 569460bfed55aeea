begin;
select plan(4);

-- The transfer side of the uplift world (tests.uplift_transfer_world): recommendations UP-W -> UP-S dated
-- 2024-03-01; UP-RESP followed (18 of 20 shipped), UP-LESS partly (5 of 20), UP-NONE not at all (its transfer to UP-S
-- cancelled, one to UP-S2 does not count). UP-RESP's revenue went from 100 / 7 to 150 / 7 a day; its control UP-NONE
-- sold 1 a day in both windows, so its diff_in_diff equals its pre_post.
select tests.uplift_transfer_world('2024-03-01');

call cw_000901.step_uplift('2024-03-08', null);

select results_eq(
    $$ select month_start, from_locations.erp_id, to_locations.erp_id, measurement_method, is_respected,
              recommendation_count::integer, impact_sum, improved_count::integer
       from cw_000901_stats.to_uplift_monthly
       inner join cw_000901.locations as from_locations on from_locations.id = to_uplift_monthly.from_location_id
       inner join cw_000901.locations as to_locations on to_locations.id = to_uplift_monthly.to_location_id
       where impact_type = 'revenue_uplift' and is_respected order by measurement_method $$,
    $$ values ('2024-03-01'::date, 'UP-W', 'UP-S', 'diff_in_diff', true, 1, 7.1429, 1),
              ('2024-03-01'::date, 'UP-W', 'UP-S', 'pre_post', true, 1, 7.1429, 1) $$,
    'a followed transfer recommendation is one row per method on its route and month: 21.4286 - 14.2857 a day');
select is(
    (select sum(recommendation_count)::integer from cw_000901_stats.to_uplift_monthly
     where impact_type = 'revenue_uplift' and measurement_method = 'pre_post' and not is_respected),
    2, 'the partial and the ignored recommendation are counted apart, as not followed');
select is(
    (select count(distinct product_category_id)::integer from cw_000901_stats.to_uplift_monthly), 1,
    'the fixture''s products share one category: one category per route, month, type and method');
select is(
    (select sum(impact_sum) from cw_000901_stats.to_uplift_monthly),
    (select sum(impact_value) from cw_000901.transfer_order_recommendation_impacts),
    'the sums are additive: over every row they equal the sum of all transfer impacts');

select * from finish();
rollback;

begin;
select plan(9);

select tests.forecast_world('2024-06-30');
insert into cw_000901.suppliers (erp_id, name, currency_id, erp_status, lead_time_days, review_cycle_days,
                                 first_seen_date, row_hash)
values ('TF-SUP', 'TF supplier', (select id from cw_global.currencies where code = 'EUR'), 'active', 5, 7,
        '2024-01-01', md5('tf-sup')::uuid);
update cw_000901.products set primary_supplier_id = (select id from cw_000901.suppliers where erp_id = 'TF-SUP')
where erp_id = 'TF-STEADY';
call cw_000901.step_forecast('2024-06-30', null);
-- TF-STEADY at store 2 is forecast 6 a week; its weekday shares (Monday first) are stored with the forecast.
create temporary view tap_pair as
select (select id from cw_000901.products where erp_id = 'TF-STEADY') as product_id,
       (select id from cw_000901.locations where erp_id = 'TF-S2') as location_id,
       (select weekday_shares from cw_000901.demand_forecast_series
        where product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY')
          and location_id = (select id from cw_000901.locations where erp_id = 'TF-S2')) as shares;

select ok(
    (select abs(cw_000901.forecast_demand_between(product_id, location_id, '2024-07-01', '2024-07-14') - 12) < 0.0001
     from tap_pair),
    'two whole weeks sum their predicted quantities (6 + 6)'
);
select ok(
    (select abs(cw_000901.forecast_demand_between(product_id, location_id, '2024-07-01', '2024-07-03', 'uniform')
                - 6 * 3 / 7.0) < 0.0001 from tap_pair),
    'uniform pro-rating: predicted_qty x remaining_days / 7 (the seed''s rule)'
);
select ok(
    (select abs(cw_000901.forecast_demand_between(product_id, location_id, '2024-07-06', '2024-07-09')
                - 6 * (shares[6] + shares[7]) - 6 * (shares[1] + shares[2])) < 0.0001 from tap_pair),
    'weekday pro-rating (default): a range across two weeks sums the shares of its weekdays in each'
);
select ok(
    (select cw_000901.forecast_demand_between(product_id, location_id, '2024-07-07', '2024-07-07') < 0.1
        and cw_000901.forecast_demand_between(product_id, location_id, '2024-07-07', '2024-07-07', 'uniform') > 0.85
     from tap_pair),
    'a Sunday, when the product never sells, gets almost nothing by the weekday profile and 1/7 uniformly'
);
select ok(
    (select abs(cw_000901.forecast_demand_between(product_id, location_id, '2024-06-20', '2024-07-07') - 6) < 0.0001
     from tap_pair),
    'days up to the forecast date count nothing'
);
select results_eq(
    $$ select many.product_id, many.location_id,
              round(many.demand_qty::numeric, 4)
       from tap_pair, cw_000901.forecast_demand_between_many(
           array[tap_pair.product_id, tap_pair.product_id], array[tap_pair.location_id, 0], '2024-07-01', '2024-07-03'
       ) as many $$,
    $$ select product_id, location_id, round((6 * (shares[1] + shares[2] + shares[3]))::numeric, 4) from tap_pair
       union all select product_id, 0, null from tap_pair $$,
    'many pairs at once, in the order given; a pair without a forecast gets null'
);
select ok(
    (select abs(cw_000901.forecast_reorder_time_demand(product_id, location_id)
                - 6 - 6 * (shares[1] + shares[2] + shares[3] + shares[4] + shares[5])) < 0.0001 from tap_pair),
    'reorder time = lead time 5 + review cycle 7 = 12 days: a whole week and Monday to Friday of the next'
);
select throws_ok(
    $$ select cw_000901.forecast_demand_between(1, 1, '2024-07-01', '2025-07-01') $$,
    'CW085', null, 'a range beyond the horizon is refused with CW085'
);
select throws_ok(
    $$ select cw_000901.forecast_demand_between(1, 1, '2024-07-01', '2024-07-02', 'linear') $$,
    'CW082', null, 'an unknown pro-rating is refused with CW082'
);

select * from finish();
rollback;

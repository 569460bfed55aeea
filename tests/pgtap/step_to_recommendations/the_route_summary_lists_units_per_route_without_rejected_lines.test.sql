begin;
select plan(2);

select tests.transfer_world('2024-06-30');
call cw_000901.step_to_recommendations('2024-06-30', null);

select results_eq(
    $$ select from_location_erp_id, to_location_erp_id, reasons, top_priority, line_count, critical_lines, total_qty
       from cw_000901.to_recommendation_route_summary where recommendation_date = '2024-06-30'
       order by from_location_erp_id, to_location_erp_id $$,
    $$ values ('IT-DC', 'IT-S2', 'replenishment', 'critical', 2::bigint, 2::bigint, 37.000),
              ('IT-DC', 'IT-S3', 'replenishment', 'critical', 2, 1, 26.000),
              ('IT-DC', 'IT-S4', 'store_opening', 'medium', 1, 0, 5.000),
              ('IT-S5', 'IT-DC', 'store_closure', 'high', 2, 0, 10.000),
              ('IT-S6', 'IT-S2', 'rebalance_excess', 'critical', 1, 1, 11.000),
              ('IT-S6', 'IT-S3', 'rebalance_excess', 'critical', 1, 1, 12.000) $$,
    'one line per route with its reasons, most urgent priority, lines and units'
);
select tests.run_as('cw_000901_ui', $$
    update cw_000901.to_recommendations set to_recommendation_status_id = 3
    where from_location_id = (select id from cw_000901.locations where erp_id = 'IT-S6') $$);
select is_empty(
    $$ select * from cw_000901.to_recommendation_route_summary where from_location_erp_id = 'IT-S6' $$,
    'rejected transfers leave the list'
);

select * from finish();
rollback;

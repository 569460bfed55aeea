begin;
select plan(5);

-- TC-A sells 10 a day every day at store TC-S1 for 30 weeks ending on 2024-06-30 (a Sunday), except on a day the
-- store was closed (2024-06-12, a configured closure: 0 sold). Another closure is configured for 2024-07-10, in the
-- second week of the horizon (2024-07-08 .. 07-14).
insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
values ('TC-S1', 'TC store 1', 'store', 1, 'active', '2023-06-01', md5('tc-s1')::uuid);
insert into cw_000901.products (erp_id, name, erp_currency_id, cost, price, is_dropship, erp_status, first_seen_date,
                                row_hash)
values ('TC-A', 'TC-A', (select id from cw_global.currencies where code = 'EUR'), 4, 10, false, 'active',
        '2023-06-01', md5('tc-a')::uuid);
insert into cw_000901.location_calendar_dates (location_id, calendar_date, reason)
select locations.id, closure.day, 'stocktaking'
from cw_000901.locations
cross join (values (date '2024-06-12'), (date '2024-07-10')) as closure (day)
where locations.erp_id = 'TC-S1';
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select (select id from cw_000901.products where erp_id = 'TC-A'),
       (select id from cw_000901.locations where erp_id = 'TC-S1'), days.day, sold.qty, sold.qty * 10, sold.qty * 4,
       true, null, false, sold.qty, 1, '2024-06-30'
from generate_series(date '2024-06-30' - 209, date '2024-06-30', interval '1 day') as days (day)
cross join lateral (select case when days.day = '2024-06-12' then 0 else 10 end::numeric as qty) as sold;

call cw_000901.step_forecast('2024-06-30', null);

select ok(
    (select abs(rows.predicted_qty - 70) < 0.5 from cw_000901.active_demand_forecast_products as rows
     where rows.product_id = (select id from cw_000901.products where erp_id = 'TC-A') and rows.horizon_days = 7),
    'a past closed day does not lower the level: the next week is forecast 7 x 10 (scaled by trading days)'
);
select ok(
    (select abs(rows.predicted_qty - 60) < 0.5 from cw_000901.active_demand_forecast_products as rows
     where rows.product_id = (select id from cw_000901.products where erp_id = 'TC-A') and rows.horizon_days = 14),
    'a future week with a closed day is forecast its trading days only: 6 x 10'
);
select ok(
    (select abs(rows.predicted_qty - 70) < 0.5 from cw_000901.active_demand_forecast_products as rows
     where rows.product_id = (select id from cw_000901.products where erp_id = 'TC-A') and rows.horizon_days = 21),
    'the week after it is whole again'
);

-- A closure configured after the forecast (a public holiday observed on 2024-07-17) makes the re-run forecast again.
insert into cw_000901.location_calendar_dates (location_id, calendar_date, reason)
select locations.id, '2024-07-17', 'local holiday' from cw_000901.locations where locations.erp_id = 'TC-S1';
call cw_000901.step_forecast('2024-06-30', null);
select is((select count(*)::integer from cw_000901.demand_forecasts where demand_forecast_status_id = 3), 2,
          'a newly configured closed day in the horizon writes a new forecast');
select ok(
    (select abs(rows.predicted_qty - 60) < 0.5 from cw_000901.active_demand_forecast_products as rows
     where rows.product_id = (select id from cw_000901.products where erp_id = 'TC-A') and rows.horizon_days = 21),
    'whose third week now has six trading days'
);

select * from finish();
rollback;

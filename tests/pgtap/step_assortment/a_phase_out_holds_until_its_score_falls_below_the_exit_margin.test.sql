begin;
select plan(5);

-- AS-TAIL scores 92.50 at AS-S1 and AS-SLOW 53.31 on the fixture (see recommends_stock_or_not_stock_...).
select tests.assortment_world('2024-06-30');
call cw_000901.step_inventory_targets('2024-06-30', null);
call cw_000901.step_assortment('2024-06-30', null);

create temporary view tap_row as
select products.erp_id as product, statuses.name as cw_status, reasons.name as reason, rows.phase_out_since_date,
       rows.phase_out_recommendation_score
from cw_000901.assortment_products as rows
inner join cw_000901.assortments on assortments.id = rows.assortment_id
inner join cw_000901.products on products.id = rows.product_id
inner join cw_000901.assortment_product_statuses as statuses on statuses.id = rows.cw_product_assortment_status_id
inner join cw_000901.assortment_reasons as reasons on reasons.id = rows.assortment_reason_id
inner join cw_000901.locations on locations.id = assortments.location_id
where locations.erp_id = 'AS-S1';

select is((select cw_status || ' since ' || phase_out_since_date from tap_row where product = 'AS-TAIL'),
          'NOT-STOCK since 2024-06-30', 'the tail phases out on the first day (92.50 >= 80)');

-- The next day the threshold is raised to 95: 92.50 is below it but within the default margin of 10.
call cw_global.set_client_setting('CW-000901', 'assortment.phase_out_min_score', '95');
call cw_000901.step_assortment('2024-07-01', null);
select is((select cw_status || ' ' || reason || ' since ' || phase_out_since_date from tap_row
           where product = 'AS-TAIL'),
          'NOT-STOCK phase_out since 2024-06-30',
          'a row already phased out stays NOT-STOCK while its score is within the exit margin (92.50 >= 95 - 10)');

-- A re-run of the same day decides the same.
call cw_000901.step_assortment('2024-07-01', null);
select is((select cw_status from tap_row where product = 'AS-TAIL'), 'NOT-STOCK', 're-running the day keeps it');

-- Without a margin the row goes back to STOCK at once.
call cw_global.set_client_setting('CW-000901', 'assortment.phase_out_exit_margin', '0');
call cw_000901.step_assortment('2024-07-02', null);
select is((select cw_status || ' ' || coalesce(phase_out_since_date::text, 'no phase-out') from tap_row
           where product = 'AS-TAIL'),
          'STOCK no phase-out', 'with phase_out_exit_margin 0 a score below the threshold returns the row to STOCK');

-- The margin only holds rows that were phased out: a product that was never NOT-STOCK is judged by the threshold.
call cw_global.set_client_setting('CW-000901', 'assortment.phase_out_min_score', '60');
call cw_global.set_client_setting('CW-000901', 'assortment.phase_out_exit_margin', '10');
call cw_000901.step_assortment('2024-07-03', null);
select is((select cw_status from tap_row where product = 'AS-SLOW'), 'STOCK',
          'a score between threshold - margin and the threshold does not phase a stocked product out (53.31 < 60)');

select * from finish();
rollback;

begin;
select plan(3);

select tests.po_world('2024-06-30');
-- The supplier invoices in USD; on 2024-06-28 one USD is worth 0.8 EUR (the client currency), later 0.5.
update cw_000901.suppliers set currency_id = (select id from cw_global.currencies where code = 'USD'),
                               min_order_value = 500
where erp_id = 'IT-SUP';
insert into cw_global.fx_rates (currency_id, rate_date, rate_to_eur)
select id, rate.rate_date, rate.rate_to_eur from cw_global.currencies
cross join (values (date '2024-06-28', 0.8), (date '2024-07-15', 0.5)) as rate (rate_date, rate_to_eur)
where code = 'USD';
call cw_000901.step_po_recommendations('2024-06-30', null);

select results_eq(
    $$ select products.erp_id, recommendations.unit_cost, currencies.code::text
       from cw_000901.po_recommendations as recommendations
       inner join cw_000901.products on products.id = recommendations.product_id
       inner join cw_global.currencies on currencies.id = recommendations.currency_id
       where recommendations.location_id = (select id from cw_000901.locations where erp_id = 'IT-S1')
       order by 1 $$,
    $$ values ('IT-A', 6.8750, 'USD'), ('IT-B', 7.5000, 'USD') $$,
    'unit costs (5.5 and 6 EUR) in the supplier''s currency at the latest rate on or before the run date (0.8)');
-- 10 x 6.875 + 26 x 6.875 + 42 x 7.5 = 562.50 USD = 450.00 EUR, above the minimum of 500 USD.
select results_eq(
    $$ select currency_code::text, order_value, order_value_client_currency, meets_min_order_value
       from cw_000901.po_recommendation_supplier_summary where supplier_erp_id = 'IT-SUP' $$,
    $$ values ('USD', 562.50, 450.00, true) $$,
    'the supplier summary values the order in the supplier''s currency against its minimum, and in the client''s');
select tests.run_as('cw_000901_ui',
    $$ update cw_000901.po_recommendations set po_recommendation_status_id = 3
       where product_id = (select id from cw_000901.products where erp_id = 'IT-B') $$);
select is((select meets_min_order_value from cw_000901.po_recommendation_supplier_summary
           where supplier_erp_id = 'IT-SUP'), false,
          'a rejected line leaves the order (247.50 USD) below the minimum');

select * from finish();
rollback;

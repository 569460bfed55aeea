-- Gate check: a product without cost is a warning, not a missing required field.
begin;
select plan(3);

select tests.quality_empty_staging();
insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, cost, price)
values (1, 1, 'P1', null, 5), (1, 2, 'P2', 2, 5);
select is((select passed::text || '/' || failed_count from tests.quality_check('missing_cost', date '2030-06-04')),
          'false/1', 'one product without cost fails the check');
select is((select severity from cw_global.quality_check_definitions where check_name = 'missing_cost'), 'warning',
          'missing cost is a warning');
update cw_000901_staging.staging_products set cost = 1;
select is((select passed from tests.quality_check('missing_cost', date '2030-06-04')), true,
          'every product with a cost passes');

select * from finish();
rollback;

begin;
select plan(4);

-- IT-DC supplies IT-S2 and IT-S3, each with 2 a day and daily sd 1.568929. The DC orders from IT-SUP (lead time 6,
-- review 7: P = 13). Pooled: mean 4 a day, sd sqrt(2) x 1.568929 (independent stores), not the sum of the stores'.
select tests.inventory_world('2024-06-30');
call cw_000901.step_inventory_targets('2024-06-30', null);

create temporary view tap_dc as
select targets.*, strategies.name as strategy
from cw_000901.inventory_targets as targets
inner join cw_000901.inventory_strategies as strategies on strategies.id = targets.inventory_strategy_id
where targets.location_id = (select id from cw_000901.locations where erp_id = 'IT-DC')
    and targets.product_id = (select id from cw_000901.products where erp_id = 'IT-A');

select is((select strategy from tap_dc), 'downstream_aggregate', 'a DC gets the downstream_aggregate strategy');
select ok((select abs(safety_stock - 13.1588) < 0.001 from tap_dc),
          'DC safety stock = z(0.95) x sqrt(13) x sqrt(2) x 1.568929 = 13.159 (risk pooling)');
select ok((select safety_stock < 18.6 from tap_dc),
          'pooled safety stock is below the sum of two stores'' safety stocks at the same P (18.61)');
select is((select target_stock from tap_dc), 66.000, 'DC target = ceil(4 x 13 + 13.159) = 66');

select * from finish();
rollback;

begin;
select plan(9);

-- Expected values computed independently (Python, statistics.NormalDist) from the fixture's numbers:
-- L = 6, R = 7, P = 13 days; forecast 2 a day, so 26 units over P; weekly demand sd^2 = max(17.2308, 13.6923),
-- daily sd = sqrt(17.2308 / 7) = 1.568929; sigma_P = sqrt(13) x 1.568929.
select tests.inventory_world('2024-06-30');
update cw_global.clients set settings = '{"inventory_targets": {"store_strategy": "service_level", "class_strategies": []}}'
where code = 'CW-000901';
call cw_000901.step_inventory_targets('2024-06-30', null);

create temporary view tap_target as
select products.erp_id as product, locations.erp_id as location, strategies.name as strategy, targets.*,
       (select jsonb_object_agg(params.param_name, params.param_value) from cw_000901.inventory_target_params as params
        where params.inventory_target_id = targets.id) as params
from cw_000901.inventory_targets as targets
inner join cw_000901.products on products.id = targets.product_id
inner join cw_000901.locations on locations.id = targets.location_id
inner join cw_000901.inventory_strategies as strategies on strategies.id = targets.inventory_strategy_id;

select is((select strategy from tap_target where product = 'IT-A' and location = 'IT-S1'), 'service_level',
          'the configured store strategy applies');
select ok((select abs(safety_stock - 9.3047) < 0.001 from tap_target where product = 'IT-A' and location = 'IT-S1'),
          'safety stock = z(0.95) x sqrt(P) x daily sd = 9.3047');
select is((select target_stock from tap_target where product = 'IT-A' and location = 'IT-S1'), 36.000,
          'target stock = ceil(26 + 9.3047) = 36');
select ok((select abs(reorder_point - 18.3213) < 0.001 from tap_target where product = 'IT-A' and location = 'IT-S1'),
          'reorder point = 2 x 6 + z sqrt(6) sd = 18.3213');
select ok((select abs((params ->> 'fill_rate_analytic')::numeric - 0.9937) < 0.0002 from tap_target
           where product = 'IT-A' and location = 'IT-S1'),
          'analytic expected fill rate of the (R, S) policy = 1 - sigma_P G((S - 26) / sigma_P) / 14 = 0.9937');
select ok((select params ->> 'cycle_service_level' = '0.95' and params ? 'safety_factor_z' and not params ? 'fill_rate_target'
           from tap_target where product = 'IT-A' and location = 'IT-S1'),
          'the parameters say the 95 % is a cycle service level');
select is((select target_stock from tap_target where product = 'IT-B' and location = 'IT-S1'), 36.000,
          'a pack of 6 rounds 35.3 up to 36 (6 packs)');

update cw_global.clients set settings = '{"inventory_targets": {"store_strategy": "base_stock", "class_strategies": []}}'
where code = 'CW-000901';
call cw_000901.step_inventory_targets('2024-06-30', null);
select ok((select abs(safety_stock - 7.1299) < 0.001 and target_stock = 34
           from tap_target where product = 'IT-A' and location = 'IT-S1'),
          'base_stock at a 98 % fill rate: k with G(k) = 0.02 x 14 / sigma_P, safety 7.13, target 34');
select ok((select params ->> 'fill_rate_target' = '0.98' and not params ? 'cycle_service_level'
           from tap_target where product = 'IT-A' and location = 'IT-S1'),
          'the parameters say the 98 % is a fill rate');

select * from finish();
rollback;

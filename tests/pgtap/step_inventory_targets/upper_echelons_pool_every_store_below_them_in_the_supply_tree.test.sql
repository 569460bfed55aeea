begin;
select plan(11);

-- ET-SUP -> ET-WH (lead time 10, review 7: P = 17) -> ET-DC1 (ET-S1, ET-S2) and ET-DC2 (ET-S3) by transfer (lead time
-- 2, the client's review cycle 1: P = 3), and ET-WH -> webshop ET-W. The expected values are computed here from the
-- fixture's weekly numbers, not read from the step: daily mean = forecast per day, daily variance = max(sample
-- variance, mean) of the 13 weekly demands / 7; an upper echelon adds the means and the variances of every store
-- and webshop below it (independent demand), then z = 1.644854 (95 %), SS = z sqrt(P var), S = ceil(mu P + SS),
-- s = mu L + z sqrt(L var). Python (statistics) gives DC1 S = 15, SS = 5.3006; DC2 S = 11; WH S = 156,
-- SS = 19.7277, s = 95.1305.
select tests.echelon_world('2024-06-30');
update cw_global.clients set settings = '{"inventory_targets": {"simulation_paths": 0}}' where code = 'CW-000901';
call cw_000901.step_inventory_targets('2024-06-30', null);

create temporary view tap_target as
select locations.erp_id as location, strategies.name as strategy, targets.*,
       (select jsonb_object_agg(params.param_name, params.param_value) from cw_000901.inventory_target_params as params
        where params.inventory_target_id = targets.id) as params
from cw_000901.inventory_targets as targets
inner join cw_000901.locations on locations.id = targets.location_id
inner join cw_000901.inventory_strategies as strategies on strategies.id = targets.inventory_strategy_id
where targets.product_id = (select id from cw_000901.products where erp_id = 'ET-A');

create temporary table tap_expected as
with weekly (location, qty) as (
    select 'ET-S1', case when week.week_no % 2 = 0 then 10 else 18 end from generate_series(0, 12) as week (week_no)
    union all select 'ET-S2', 7 from generate_series(0, 12)
    union all select 'ET-S3', 14 from generate_series(0, 12)
    union all select 'ET-W', 21 from generate_series(0, 12)
),

stores (location, mean_per_day, variance_per_day) as (
    select weekly.location, avg(weekly.qty) / 7, greatest(var_samp(weekly.qty), avg(weekly.qty)) / 7
    from weekly group by weekly.location
),

trees (upper, location, lead_time, protection) as (
    values ('ET-DC1', 'ET-S1', 2, 3), ('ET-DC1', 'ET-S2', 2, 3), ('ET-DC2', 'ET-S3', 2, 3),
           ('ET-WH', 'ET-S1', 10, 17), ('ET-WH', 'ET-S2', 10, 17), ('ET-WH', 'ET-S3', 10, 17),
           ('ET-WH', 'ET-W', 10, 17)
),

forecast (location, per_day) as (values ('ET-S1', 2), ('ET-S2', 1), ('ET-S3', 2), ('ET-W', 3)),

pooled as (
    select trees.upper, max(trees.lead_time) as lead_time, max(trees.protection) as protection,
           sum(forecast.per_day) as mu, sum(stores.variance_per_day) as variance, count(*) as store_count
    from trees
    inner join stores on stores.location = trees.location
    inner join forecast on forecast.location = trees.location
    group by trees.upper
)

select pooled.upper, pooled.mu, sqrt(pooled.variance) as sd, pooled.store_count,
       1.644854 * sqrt(pooled.protection * pooled.variance) as safety,
       ceil(pooled.mu * pooled.protection + 1.644854 * sqrt(pooled.protection * pooled.variance)) as target,
       pooled.mu * pooled.lead_time + 1.644854 * sqrt(pooled.lead_time * pooled.variance) as reorder
from pooled;

select results_eq(
    $$ select location, strategy, (params ->> 'demand_per_day')::numeric, (params ->> 'store_count')::integer
       from tap_target where location like 'ET-%' and location not like 'ET-S%' and location <> 'ET-W'
       order by location $$,
    $$ values ('ET-DC1', 'downstream_aggregate', 3.0, 2), ('ET-DC2', 'downstream_aggregate', 2.0, 1),
              ('ET-WH', 'downstream_aggregate', 8.0, 4) $$,
    'each upper echelon pools the forecast of every store and webshop below it: the warehouse its DCs'' stores too'
);
select ok((select abs((target.params ->> 'demand_sd_per_day')::numeric - expected.sd) < 0.0001
           from tap_target as target inner join tap_expected as expected on expected.upper = target.location
           where target.location = 'ET-WH'),
          'the warehouse''s daily deviation is the root of the summed variances of the four locations below it');
select ok((select abs(target.safety_stock - expected.safety) < 0.001
           from tap_target as target inner join tap_expected as expected on expected.upper = target.location
           where target.location = 'ET-WH'),
          'warehouse safety stock = z sqrt(17 x pooled variance) = 19.728');
select is((select target_stock from tap_target where location = 'ET-WH'),
          (select target::numeric(14, 3) from tap_expected where upper = 'ET-WH'),
          'warehouse target = ceil(8 x 17 + 19.728) = 156');
select ok((select abs(target.reorder_point - expected.reorder) < 0.001
           from tap_target as target inner join tap_expected as expected on expected.upper = target.location
           where target.location = 'ET-WH'),
          'warehouse reorder point = 8 x 10 + z sqrt(10 x pooled variance) = 95.130');
select results_eq(
    $$ select location, target_stock from tap_target where location in ('ET-DC1', 'ET-DC2') order by location $$,
    $$ select upper, target::numeric(14, 3) from tap_expected where upper like 'ET-DC%' order by upper $$,
    'DC targets pool their own stores only: 15 and 11'
);
select results_eq(
    $$ select location, (params ->> 'lead_time_days')::numeric, (params ->> 'review_days')::integer,
              (params ->> 'pooled_depth')::integer
       from tap_target where location in ('ET-DC1', 'ET-WH') order by location $$,
    $$ values ('ET-DC1', 2.0, 1, 1), ('ET-WH', 10.0, 7, 2) $$,
    'a DC supplied by the warehouse takes the transfer lead time and the client''s review cycle, the warehouse its '
    'supplier''s; the warehouse pools two levels'
);
select ok((select safety_stock from tap_target where location = 'ET-WH')
          < (select 1.644854 * sqrt(17) * sum(sqrt(variance_per_day))
             from (values (17.230769 / 7), (1.0), (2.0), (3.0)) as stores (variance_per_day)),
          'pooled safety stock is below the sum of the four locations'' safety stocks at the warehouse''s P (38.76)');
select ok((select target_stock from tap_target where location = 'ET-WH')
          <> (select sum(target_stock) from tap_target where location in ('ET-DC1', 'ET-DC2', 'ET-W')),
          'the warehouse''s target is not the sum of the targets below it');

-- Fully correlated demand (pooling_correlation 1): deviations add, no pooling saving.
update cw_global.clients
set settings = '{"inventory_targets": {"simulation_paths": 0, "pooling_correlation": 1}}' where code = 'CW-000901';
call cw_000901.step_inventory_targets('2024-06-30', null);
select ok((select abs(safety_stock - 38.7599) < 0.001 from tap_target where location = 'ET-WH'),
          'with pooling_correlation 1 the warehouse safety stock is the sum of the deviations'' (38.760)');
select is((select (params ->> 'pooling_correlation')::numeric from tap_target where location = 'ET-WH'), 1.0,
          'the correlation used is recorded as a parameter');

select * from finish();
rollback;

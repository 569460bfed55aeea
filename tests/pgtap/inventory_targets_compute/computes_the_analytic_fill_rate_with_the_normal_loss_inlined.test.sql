begin;
select plan(3);

-- The analytic fill rate (fill_rate_analytic) uses the normal loss G twice a target. Computed as an inlined
-- expression it costs microseconds; when the planner refuses to inline cw_global.normal_loss (an argument used several
-- times that is an expensive expression) every call runs as a statement of its own, which made the computation of
-- step 8 about three times as slow (docs/benchmarks.md, "inventory targets", fourth pass). Calls of SQL functions that
-- were not inlined are counted in pg_stat_xact_user_functions; inlined ones are not.
select tests.inventory_world('2024-06-30');
update cw_global.clients
set settings = '{"inventory_targets": {"store_strategy": "service_level", "class_strategies": [], '
               '"simulation_paths": 0}}'
where code = 'CW-000901';
set local track_functions = 'all';
call cw_000901.inventory_targets_compute('2024-06-30', null, null);

select cmp_ok((select count(*)::integer from inventory_targets_computed
               where zero_reason is null and (params ->> 'protection_sd_qty')::float8 > 0
                   and fill_rate_simulated is not null), '>', 0,
              'the fixture has targets whose analytic fill rate uses the normal loss');
select ok((select bool_and(fill_rate_simulated between 0 and 1) from inventory_targets_computed
           where zero_reason is null),
          'every analytic fill rate is a share between 0 and 1');
select is((select coalesce(sum(functions.calls), 0)::integer from pg_stat_xact_user_functions as functions
           where functions.schemaname = 'cw_global' and functions.funcname = 'normal_loss'), 0,
          'cw_global.normal_loss is inlined: no call of it as a function while computing the targets');

select * from finish();
rollback;

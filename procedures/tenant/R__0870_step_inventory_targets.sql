-- Step 8: inventory targets. Computes the run date's targets (inventory_targets_compute) and writes only what
-- changed: a re-run with unchanged inputs writes nothing. Definitions: docs/inventory.md.
create or replace procedure ${schema}.step_inventory_targets(p_run_date date, p_scope jsonb)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_scope        jsonb := ${schema}.validate_scope(p_scope);
    v_products     integer [];
    v_locations    integer [];
    v_computed     bigint;
    v_written      bigint;
    v_deleted      bigint;
    v_zero         jsonb;
    v_params       bigint := 0;
    v_targets_tuples real;
    v_params_tuples  real;
begin
    if v_scope ? 'products' then
        select coalesce(array_agg(products.id), '{}') into v_products
        from ${schema}.products
        where products.erp_id in (select jsonb_array_elements_text(v_scope -> 'products'));
    end if;
    if v_scope ? 'locations' then
        select coalesce(array_agg(locations.id), '{}') into v_locations
        from ${schema}.locations
        where locations.erp_id in (select jsonb_array_elements_text(v_scope -> 'locations'));
    end if;
    if not exists (select from ${schema}.active_demand_forecast) then
        raise exception 'client ${client_code} has no completed demand forecast: inventory targets need one'
            using errcode = 'CW151',
                  hint = 'run the forecast first: cw run ${client_code} --date ' || p_run_date || ' --from-step forecast';
    end if;

    call ${schema}.inventory_targets_compute(p_run_date, v_products, v_locations);
    -- fill_rate_simulated: the Monte-Carlo simulation of each policy (the analytic value stays a parameter).
    call ${schema}.inventory_targets_simulate(p_run_date, v_products is null and v_locations is null);
    select count(*) into v_computed from inventory_targets_computed;

    -- The stored rows of the date (in scope) with their parameters, to write only what differs.
    create temp table inventory_targets_stored on commit drop as
    select targets.id, targets.product_id, targets.location_id, targets.inventory_strategy_id, targets.target_stock,
           targets.reorder_point, targets.safety_stock, targets.fill_rate_simulated, targets.zero_reason,
           targets.strategy_source,
           coalesce((select jsonb_object_agg(params.param_name, params.param_value)
                     from ${schema}.inventory_target_params as params
                     where params.inventory_target_id = targets.id), '{}') as params
    from ${schema}.inventory_targets as targets
    where targets.snapshot_date = p_run_date
        and (v_products is null or targets.product_id = any (v_products))
        and (v_locations is null or targets.location_id = any (v_locations));

    create temp table inventory_targets_changed on commit drop as
    select computed.*
    from inventory_targets_computed as computed
    left join inventory_targets_stored as stored
        on stored.product_id = computed.product_id and stored.location_id = computed.location_id
    where stored.id is null
        or (stored.inventory_strategy_id, stored.target_stock, stored.reorder_point, stored.safety_stock,
            stored.fill_rate_simulated, stored.zero_reason, stored.strategy_source)
        is distinct from (computed.inventory_strategy_id, computed.target_stock, computed.reorder_point,
                          computed.safety_stock, computed.fill_rate_simulated, computed.zero_reason,
                          computed.strategy_source)
        or stored.params is distinct from (select coalesce(jsonb_object_agg(param.key, (param.value #>> '{}')::float8),
                                                            '{}')
                                           from jsonb_each(computed.params) as param (key, value));

    insert into ${schema}.inventory_targets as targets (
        product_id, location_id, snapshot_date, inventory_strategy_id, target_stock, reorder_point, safety_stock,
        fill_rate_simulated, zero_reason, strategy_source
    )
    select changed.product_id, changed.location_id, p_run_date, changed.inventory_strategy_id, changed.target_stock,
           changed.reorder_point, changed.safety_stock, changed.fill_rate_simulated, changed.zero_reason,
           changed.strategy_source
    from inventory_targets_changed as changed
    on conflict (product_id, location_id, snapshot_date) do update
    set inventory_strategy_id = excluded.inventory_strategy_id,
        target_stock = excluded.target_stock,
        reorder_point = excluded.reorder_point,
        safety_stock = excluded.safety_stock,
        fill_rate_simulated = excluded.fill_rate_simulated,
        zero_reason = excluded.zero_reason,
        strategy_source = excluded.strategy_source,
        updated_at = now();
    get diagnostics v_written = row_count;

    delete from ${schema}.inventory_target_params as params
    using ${schema}.inventory_targets as targets, inventory_targets_changed as changed
    where params.inventory_target_id = targets.id and targets.snapshot_date = p_run_date
        and targets.product_id = changed.product_id and targets.location_id = changed.location_id;
    insert into ${schema}.inventory_target_params (inventory_target_id, param_name, param_value)
    select targets.id, param.key, (param.value #>> '{}')::float8
    from inventory_targets_changed as changed
    inner join ${schema}.inventory_targets as targets
        on targets.product_id = changed.product_id and targets.location_id = changed.location_id
        and targets.snapshot_date = p_run_date
    cross join lateral jsonb_each(changed.params) as param (key, value);
    get diagnostics v_params = row_count;

    -- Pairs of the date (in scope) that no longer get a target.
    delete from ${schema}.inventory_targets as targets
    using inventory_targets_stored as stored
    where targets.id = stored.id
        and not exists (select from inventory_targets_computed as computed
                        where computed.product_id = stored.product_id and computed.location_id = stored.location_id);
    get diagnostics v_deleted = row_count;

    -- Statistics of what was written, now rather than when autovacuum gets round to it: steps 10 and 11 join the
    -- date's targets and parameters in the same nightly run, and on a table never analysed (a client's first run)
    -- the planner guessed a few rows and once planned nested loops over all of them. Never analysed: whenever rows
    -- were written; else autovacuum's own rule (its default threshold of 50 rows plus 10 % of the table), so that a
    -- small scoped run does not pay for sampling the whole table.
    select max(pg_class.reltuples) filter (where pg_class.oid = '${schema}.inventory_targets'::regclass),
           max(pg_class.reltuples) filter (where pg_class.oid = '${schema}.inventory_target_params'::regclass)
    into v_targets_tuples, v_params_tuples
    from pg_catalog.pg_class
    where pg_class.oid in ('${schema}.inventory_targets'::regclass, '${schema}.inventory_target_params'::regclass);
    if v_written + v_deleted > 0 and (v_targets_tuples < 0 or v_written + v_deleted > 50 + 0.1 * v_targets_tuples)
    then
        analyze ${schema}.inventory_targets;
    end if;
    if v_params > 0 and (v_params_tuples < 0 or v_params > 50 + 0.1 * v_params_tuples) then
        analyze ${schema}.inventory_target_params;
    end if;

    select coalesce(jsonb_object_agg(counted.reason, counted.pairs), '{}') into v_zero
    from (select coalesce(computed.zero_reason, 'regular') as reason, count(*) as pairs
          from inventory_targets_computed as computed group by 1) as counted;
    drop table inventory_targets_stored, inventory_targets_changed;
    call ${schema}.report_step(v_computed, v_written + v_deleted,
                               jsonb_build_object('targets', v_computed, 'written', v_written, 'deleted', v_deleted,
                                                  'by_reason', v_zero));
end
$$;
comment on procedure ${schema}.step_inventory_targets(date, jsonb) is
'Step 8: inventory targets (target stock, reorder point, safety stock, expected fill rate and every parameter used) '
'of each product x location for the run date, by the strategy the settings, the pair''s class or a UI override '
'choose. Re-running a date rewrites only rows that changed; a scope {"products": [...], "locations": [...]} '
'recomputes only those pairs. CW151 without a completed forecast. docs/inventory.md.';

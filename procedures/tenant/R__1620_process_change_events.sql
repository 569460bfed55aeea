-- The change processor: pending change events → the smallest pipeline re-runs that make the derived values
-- consistent again. It commits after each re-run (run_pipeline does), so it has no SET search_path clause
-- (PostgreSQL forbids transaction control in procedures that have one): every name is schema-qualified.
create or replace procedure ${schema}.process_change_events(p_raise_on_failure boolean default true)
language plpgsql
security invoker
as $$
declare
    c_lock_class      constant integer := 17239;  -- the pipeline lock of run_pipeline: never overlaps a run
    c_client_no       constant integer := ${client_number};
    v_up_to_event_id  bigint;
    v_run_date        date;
    v_run             record;
    v_change_run_id   bigint;
    v_pipeline_run_id bigint;
    v_pipeline_run    ${schema}.pipeline_runs%rowtype;
    v_scope           jsonb;
    v_from_step       text;
    v_to_step         text;
    v_runs            integer := 0;
    v_failed          integer := 0;
    v_events          bigint := 0;
    v_note            text;
    v_widen_pct       numeric;
    v_active_products bigint;
    v_active_locations bigint;
begin
    if pg_catalog.pg_is_in_recovery() then
        raise notice 'read-only replica: change events are processed on the primary only';
        return;
    end if;
    if not pg_catalog.pg_try_advisory_lock(c_lock_class, c_client_no) then
        raise notice 'a pipeline run of client ${client_code} is in progress: % pending change events wait for the '
            'next pass', (select pg_catalog.count(*) from ${schema}.change_events where status = 'pending');
        return;
    end if;

    -- We hold the lock: a change run still marked running belongs to a processor session that died.
    with abandoned as (
        update ${schema}.change_runs
        set status = 'abandoned', finished_at = pg_catalog.clock_timestamp(),
            error = 'the session processing it ended before it finished'
        where change_runs.status = 'running'
        returning change_runs.id
    )

    update ${schema}.change_events
    set last_error = 'change run ' || change_events.change_run_id || ' was abandoned (its session ended)'
    where change_events.status = 'pending'
        and change_events.change_run_id in (select abandoned.id from abandoned);

    -- The pass handles the events committed before it starts; later ones wait for the next pass.
    select pg_catalog.max(change_events.id) into v_up_to_event_id
    from ${schema}.change_events
    where change_events.status = 'pending';
    if v_up_to_event_id is null then
        commit;
        perform pg_catalog.pg_advisory_unlock(c_lock_class, c_client_no);
        raise notice 'no pending change events for client ${client_code}';
        return;
    end if;

    -- What the UI shows is the latest successful full run: that is the date the re-runs bring up to date.
    select pg_catalog.max(pipeline_runs.run_date) into v_run_date
    from ${schema}.pipeline_runs
    where pipeline_runs.status = 'succeeded' and pipeline_runs.scope is null;

    v_widen_pct := (${schema}.settings('changes') ->> 'whole_client_above_pct')::numeric;

    if pg_catalog.to_regclass('pg_temp.change_plan') is not null then
        drop table pg_temp.change_plan;
    end if;
    create temporary table change_plan as
    select * from ${schema}.change_events_plan(v_up_to_event_id, v_run_date);

    for v_run in
        with runs as (
            select
                change_plan.run_key,
                pg_catalog.min(change_plan.severity) as severity,
                pg_catalog.min(change_plan.from_step_no) as from_step_no,
                pg_catalog.min(change_plan.to_step_no) as to_step_no,
                pg_catalog.min(change_plan.dimension) as dimension,
                pg_catalog.array_agg(change_plan.event_id order by change_plan.event_id) as event_ids,
                (select pg_catalog.array_agg(distinct products.erp_id order by products.erp_id)
                 from ${schema}.products
                 where products.id in (select pg_catalog.unnest(plan_ids.product_ids) from pg_temp.change_plan as plan_ids
                                       where plan_ids.run_key = change_plan.run_key)) as product_erp_ids,
                (select pg_catalog.array_agg(distinct locations.erp_id order by locations.erp_id)
                 from ${schema}.locations
                 where locations.id in (select pg_catalog.unnest(plan_ids.location_ids) from pg_temp.change_plan as plan_ids
                                        where plan_ids.run_key = change_plan.run_key)) as location_erp_ids
            from pg_temp.change_plan
            group by change_plan.run_key
        )

        select * from runs
        order by runs.from_step_no nulls first, runs.run_key = 'client', runs.run_key
    loop
        v_from_step := (select pipeline_steps.name from cw_global.pipeline_steps
                        where pipeline_steps.step_no = v_run.from_step_no);
        v_to_step := (select pipeline_steps.name from cw_global.pipeline_steps
                      where pipeline_steps.step_no = v_run.to_step_no);
        v_scope := case v_run.dimension
            when 'products' then pg_catalog.jsonb_build_object('products', pg_catalog.to_jsonb(v_run.product_erp_ids))
            when 'locations' then pg_catalog.jsonb_build_object('locations', pg_catalog.to_jsonb(v_run.location_erp_ids))
            when 'pairs' then pg_catalog.jsonb_build_object('products', pg_catalog.to_jsonb(v_run.product_erp_ids),
                                                            'locations', pg_catalog.to_jsonb(v_run.location_erp_ids))
        end;
        v_events := v_events + pg_catalog.cardinality(v_run.event_ids);
        v_note := null;
        -- A scope that names a large share of the client costs more scoped than whole (a scoped step ranks each
        -- product against the stored rows): run it for the whole client. The active rows are counted only as far as
        -- the decision needs: a scope of n is widened when the client has fewer than n * 100 / pct active rows, so
        -- counting up to the first integer above that gives the same answer as counting them all (and the exact
        -- count whenever it widens, for the note) — a one-product pass counted all 10,000 products of an M client.
        select pg_catalog.count(*) into v_active_products
        from (select from ${schema}.products where products.is_active
              limit case when v_widen_pct > 0 then pg_catalog.floor(
                  coalesce(pg_catalog.cardinality(v_run.product_erp_ids), 0) * 100 / v_widen_pct)::bigint + 1 end)
            as counted;
        select pg_catalog.count(*) into v_active_locations
        from (select from ${schema}.locations where locations.is_active
              limit case when v_widen_pct > 0 then pg_catalog.floor(
                  coalesce(pg_catalog.cardinality(v_run.location_erp_ids), 0) * 100 / v_widen_pct)::bigint + 1 end)
            as counted;
        if coalesce(pg_catalog.cardinality(v_run.product_erp_ids), 0) > v_widen_pct / 100 * v_active_products
            or coalesce(pg_catalog.cardinality(v_run.location_erp_ids), 0)
               > v_widen_pct / 100 * v_active_locations then
            v_note := pg_catalog.format('widened to the whole client: the scope named %s products and %s locations, '
                                        'more than changes.whole_client_above_pct = %s %% of %s active products or %s '
                                        'locations', coalesce(pg_catalog.cardinality(v_run.product_erp_ids), 0),
                                        coalesce(pg_catalog.cardinality(v_run.location_erp_ids), 0),
                                        v_widen_pct, v_active_products, v_active_locations);
            v_scope := null;
        end if;

        -- No re-run needed: severity none, nothing computed yet (the first run reads the edit), or a scope that
        -- names nothing (a supplier without products).
        if v_run.run_key = 'none' or v_run_date is null
            or (v_run.dimension in ('products', 'pairs') and v_run.product_erp_ids is null)
            or (v_run.dimension in ('locations', 'pairs') and v_run.location_erp_ids is null) then
            insert into ${schema}.change_runs (severity, from_step, to_step, scope, run_date, event_count, status,
                                               finished_at, note)
            values (v_run.severity, v_from_step, v_to_step, v_scope, v_run_date, pg_catalog.cardinality(v_run.event_ids),
                    'not_needed', pg_catalog.clock_timestamp(),
                    case when v_run.run_key <> 'none' and v_run_date is null
                         then 'no successful full pipeline run yet: the first one reads the edit' end)
            returning id into v_change_run_id;
            update ${schema}.change_events
            set status = 'processed', processed_at = pg_catalog.clock_timestamp(), change_run_id = v_change_run_id,
                last_error = null
            where change_events.id = any (v_run.event_ids);
            commit;
            continue;
        end if;

        insert into ${schema}.change_runs (severity, from_step, to_step, scope, run_date, event_count, note)
        values (v_run.severity, v_from_step, v_to_step, v_scope, v_run_date, pg_catalog.cardinality(v_run.event_ids),
                v_note)
        returning id into v_change_run_id;
        update ${schema}.change_events
        set change_run_id = v_change_run_id, attempts = change_events.attempts + 1
        where change_events.id = any (v_run.event_ids);
        commit;
        raise notice 'change run %: % re-run of % from % to % for %, % change events', v_change_run_id,
            v_run.severity, v_run_date, v_from_step, coalesce(v_to_step, 'the last step'),
            coalesce(v_scope::text, 'the whole client'), pg_catalog.cardinality(v_run.event_ids);

        v_pipeline_run_id := null;
        call ${schema}.run_pipeline_steps(v_run_date, v_from_step, v_to_step, v_scope, v_pipeline_run_id);
        select * into v_pipeline_run from ${schema}.pipeline_runs where pipeline_runs.id = v_pipeline_run_id;
        v_runs := v_runs + 1;

        if v_pipeline_run.status = 'succeeded' then
            update ${schema}.change_runs
            set status = 'succeeded', finished_at = pg_catalog.clock_timestamp(), pipeline_run_id = v_pipeline_run_id
            where change_runs.id = v_change_run_id;
            update ${schema}.change_events
            set status = 'processed', processed_at = pg_catalog.clock_timestamp(), last_error = null
            where change_events.id = any (v_run.event_ids);
        else
            v_failed := v_failed + 1;
            update ${schema}.change_runs
            set status = 'failed', finished_at = pg_catalog.clock_timestamp(), pipeline_run_id = v_pipeline_run_id,
                error = coalesce(v_pipeline_run.error, 'pipeline run ' || v_pipeline_run_id || ' ' || v_pipeline_run.status)
            where change_runs.id = v_change_run_id;
            update ${schema}.change_events
            set last_error = pg_catalog.format('change run %s (pipeline run %s) failed: %s', v_change_run_id,
                                               v_pipeline_run_id, v_pipeline_run.error)
            where change_events.id = any (v_run.event_ids);
            raise warning 'change run % failed: %; its % change events stay pending', v_change_run_id,
                v_pipeline_run.error, pg_catalog.cardinality(v_run.event_ids);
        end if;
        commit;
    end loop;
    drop table pg_temp.change_plan;
    commit;
    perform pg_catalog.pg_advisory_unlock(c_lock_class, c_client_no);
    raise notice 'client ${client_code}: % change events handled by % re-runs, % failed', v_events, v_runs, v_failed;

    if v_failed > 0 and p_raise_on_failure then
        raise exception '% of % change re-runs of client ${client_code} failed; their change events stay pending',
            v_failed, v_runs
            using errcode = 'CW110',
                  hint = 'see the error in ${schema}.change_runs (status failed) and change_events.last_error, fix the '
                         'cause, then call ${schema}.process_change_events() again: the events are retried';
    end if;
end
$$;
comment on procedure ${schema}.process_change_events(boolean) is
'The change processor: takes the pending change events committed before it starts, plans the re-runs their impact '
'rules need (change_events_plan: coalesced, cascades absorbing what they cover), runs each through '
'run_pipeline_steps for the date of the latest successful full run, records it in change_runs and marks its events '
'processed, or leaves them pending with the error when the re-run fails (CW110 at the end unless '
'p_raise_on_failure is false). Holds the client''s pipeline advisory lock for the whole pass: when a run holds it, '
'the pass does nothing and the events wait. A second call with nothing pending does nothing. Must be CALLed outside '
'a transaction block; pg_cron calls it every few minutes (cw schedule CODE --changes) and run_nightly first.';

create or replace procedure ${schema}.run_nightly(p_run_date date)
language plpgsql
security invoker
as $$
begin
    -- UI edits first, for the date the UI shows: they take effect even when tonight's run stops at the gate.
    call ${schema}.process_change_events(false);
    call ${schema}.run_pipeline(p_run_date);
end
$$;
comment on procedure ${schema}.run_nightly(date) is
'What the nightly pg_cron job runs (cw schedule CODE --cron): process the pending change events (failures stay '
'pending, the night goes on), then run the pipeline for the date. Must be CALLed outside a transaction block.';

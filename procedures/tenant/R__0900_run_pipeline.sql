-- The orchestrator. It commits after every step, so it cannot carry a SET search_path clause
-- (PostgreSQL forbids transaction control in procedures with SET options): every name in it is
-- schema-qualified instead.
create or replace procedure ${schema}.run_pipeline_steps(
    p_run_date date,
    p_from_step text default null,
    p_to_step text default null,
    p_scope jsonb default null,
    inout p_run_id bigint default null
)
language plpgsql
security invoker
as $$
declare
    c_lock_class  constant integer := 17239;  -- 'CW': the pipeline lock class; the object is the client number
    c_client_no   constant integer := ${client_number};
    v_scope       jsonb := ${schema}.validate_scope(p_scope);
    v_from_no     smallint;
    v_to_no       smallint;
    v_prev        ${schema}.pipeline_runs%rowtype;
    v_resumed     bigint;
    v_run_id      bigint;
    v_step        record;
    v_step_run_id bigint;
    v_stop        text;
    v_failed      boolean := false;
    v_failed_step text;
    v_last_step   text;
    v_state       text;
    v_message     text;
    v_detail      text;
    v_context     text;
begin
    if p_run_date is null then
        raise exception 'run date is required for client ${client_code}'
            using errcode = 'CW014', hint = 'CALL ${schema}.run_pipeline(${schema}.client_today())';
    end if;
    if pg_catalog.pg_is_in_recovery() then
        raise notice 'read-only replica: the pipeline runs on the primary only';
        return;
    end if;
    if p_from_step is not null then
        select pipeline_steps.step_no into v_from_no from cw_global.pipeline_steps where pipeline_steps.name = p_from_step;
        if v_from_no is null then
            raise exception 'unknown pipeline step %', pg_catalog.quote_literal(p_from_step)
                using errcode = 'CW011', hint = 'steps: ' || (select pg_catalog.string_agg(name, ', ' order by step_no)
                                                              from cw_global.pipeline_steps);
        end if;
    end if;
    if p_to_step is not null then
        select pipeline_steps.step_no into v_to_no from cw_global.pipeline_steps where pipeline_steps.name = p_to_step;
        if v_to_no is null then
            raise exception 'unknown pipeline step %', pg_catalog.quote_literal(p_to_step)
                using errcode = 'CW011', hint = 'steps: ' || (select pg_catalog.string_agg(name, ', ' order by step_no)
                                                              from cw_global.pipeline_steps);
        end if;
    end if;
    if v_from_no > v_to_no then
        raise exception 'from step % comes after to step %', p_from_step, p_to_step
            using errcode = 'CW011', hint = 'swap them';
    end if;

    if not pg_catalog.pg_try_advisory_lock(c_lock_class, c_client_no) then
        raise exception 'a pipeline run for client ${client_code} is already in progress'
            using errcode = 'CW010',
                  detail = coalesce((select pg_catalog.format('run %s for %s started at %s', id, run_date, started_at)
                                     from ${schema}.pipeline_runs where status = 'running' order by id desc limit 1), ''),
                  hint = 'wait for it to finish (see ${schema}.pipeline_runs) or cancel it with pg_cancel_backend()';
    end if;

    -- We hold the lock, so anything still marked running belongs to a session that died.
    update ${schema}.pipeline_step_runs
    set status = 'abandoned', finished_at = pg_catalog.clock_timestamp()
    where pipeline_step_runs.status = 'running';
    update ${schema}.pipeline_runs
    set status = 'abandoned', finished_at = pg_catalog.clock_timestamp(),
        error = 'the session running it ended before it finished (server restart, killed session or lost connection)'
    where pipeline_runs.status = 'running';

    if v_from_no is null then
        select * into v_prev
        from ${schema}.pipeline_runs
        where pipeline_runs.run_date = p_run_date
            and pipeline_runs.scope is not distinct from v_scope
            and pipeline_runs.to_step is not distinct from p_to_step
        order by pipeline_runs.id desc
        limit 1;
        if v_prev.status in ('failed', 'stopped', 'abandoned') then
            select coalesce(min(step_no) filter (where status not in ('succeeded', 'skipped')), max(step_no) + 1)
            into v_from_no
            from ${schema}.pipeline_step_runs
            where pipeline_step_runs.pipeline_run_id = v_prev.id;
            v_resumed := v_prev.id;
        end if;
    end if;
    v_from_no := coalesce(v_from_no, (select min(step_no) from cw_global.pipeline_steps));
    v_to_no := coalesce(v_to_no, (select max(step_no) from cw_global.pipeline_steps));

    insert into ${schema}.pipeline_runs (run_date, from_step, to_step, scope, resumed_from_run_id)
    values (p_run_date, p_from_step, p_to_step, v_scope, v_resumed)
    returning id into v_run_id;
    p_run_id := v_run_id;
    commit;
    if v_resumed is not null then
        raise notice 'run % resumes run % from step %', v_run_id, v_resumed, v_from_no;
    end if;

    for v_step in
        select pipeline_steps.step_no, pipeline_steps.name, pipeline_steps.procedure_name
        from cw_global.pipeline_steps
        where pipeline_steps.step_no between v_from_no and v_to_no
        order by pipeline_steps.step_no
    loop
        v_last_step := v_step.name;
        insert into ${schema}.pipeline_step_runs (pipeline_run_id, step_no, step_name)
        values (v_run_id, v_step.step_no, v_step.name)
        returning id into v_step_run_id;
        commit;
        perform pg_catalog.set_config('cw.step_run_id', v_step_run_id::text, false);

        if pg_catalog.to_regprocedure(pg_catalog.format('%I.%I(date, jsonb)', '${schema}', v_step.procedure_name)) is null then
            update ${schema}.pipeline_step_runs
            set status = 'skipped', finished_at = pg_catalog.clock_timestamp(),
                detail = pg_catalog.jsonb_build_object('reason', pg_catalog.format(
                    'procedure %s.%s(date, jsonb) is not installed yet', '${schema}', v_step.procedure_name))
            where pipeline_step_runs.id = v_step_run_id;
            commit;
            continue;
        end if;

        begin
            execute pg_catalog.format('call %I.%I($1, $2)', '${schema}', v_step.procedure_name)
            using p_run_date, v_scope;
            v_stop := nullif(pg_catalog.current_setting('cw.stop_request', true), '');
            update ${schema}.pipeline_step_runs
            set status = case when v_stop is null then 'succeeded' else 'stopped' end,
                finished_at = pg_catalog.clock_timestamp(),
                detail = case when v_stop is null then detail
                              else coalesce(detail, '{}') || pg_catalog.jsonb_build_object('stop_reason', v_stop) end
            where pipeline_step_runs.id = v_step_run_id;
        exception when others then
            get stacked diagnostics v_state = returned_sqlstate, v_message = message_text,
                                    v_detail = pg_exception_detail, v_context = pg_exception_context;
            v_failed := true;
            v_failed_step := v_step.name;
            update ${schema}.pipeline_step_runs
            set status = 'failed', finished_at = pg_catalog.clock_timestamp(), error_sqlstate = v_state,
                error = v_message || coalesce(e'\ndetail: ' || nullif(v_detail, ''), '')
                        || coalesce(e'\ncontext: ' || nullif(v_context, ''), '')
            where pipeline_step_runs.id = v_step_run_id;
        end;
        commit;
        exit when v_failed or v_stop is not null;
    end loop;

    update ${schema}.pipeline_runs
    set status = case when v_failed then 'failed' when v_stop is not null then 'stopped' else 'succeeded' end,
        finished_at = pg_catalog.clock_timestamp(),
        error = case when v_failed then pg_catalog.format('step %s failed: %s [SQLSTATE %s]', v_failed_step, v_message, v_state)
                     when v_stop is not null then pg_catalog.format('stopped after step %s: %s', v_last_step, v_stop) end
    where pipeline_runs.id = v_run_id;
    commit;
    perform pg_catalog.set_config('cw.step_run_id', '', false);
    perform pg_catalog.pg_advisory_unlock(c_lock_class, c_client_no);
end
$$;
comment on procedure ${schema}.run_pipeline_steps(date, text, text, jsonb, bigint) is
'The body of run_pipeline without its final error: runs the steps, records the run in pipeline_runs and returns its '
'id in p_run_id (null on a replica); a failed or stopped run is recorded, not raised. For callers that must go on '
'after a failed run (process_change_events: a PL/pgSQL exception block cannot catch errors across COMMIT). Must be '
'CALLed outside a transaction block.';

create or replace procedure ${schema}.run_pipeline(
    p_run_date date,
    p_from_step text default null,
    p_to_step text default null,
    p_scope jsonb default null
)
language plpgsql
security invoker
as $$
declare
    v_run_id bigint;
    v_run    ${schema}.pipeline_runs%rowtype;
    v_step   ${schema}.pipeline_step_runs%rowtype;
begin
    call ${schema}.run_pipeline_steps(p_run_date, p_from_step, p_to_step, p_scope, v_run_id);
    if v_run_id is null then
        return;
    end if;
    select * into v_run from ${schema}.pipeline_runs where pipeline_runs.id = v_run_id;
    select * into v_step
    from ${schema}.pipeline_step_runs
    where pipeline_step_runs.pipeline_run_id = v_run_id
    order by pipeline_step_runs.step_no desc
    limit 1;
    if v_run.status = 'failed' then
        raise exception 'pipeline run % for client ${client_code} on % failed in step %: %', v_run_id, p_run_date,
            v_step.step_name, pg_catalog.split_part(v_step.error, e'\n', 1)
            using errcode = 'CW012',
                  hint = 'fix the cause, then run the pipeline again for the same date: it resumes from the failed step';
    end if;
    if v_run.status = 'stopped' then
        raise exception 'pipeline run % for client ${client_code} on % stopped after step %: %', v_run_id, p_run_date,
            v_step.step_name, v_step.detail ->> 'stop_reason'
            using errcode = 'CW015',
                  hint = 'see the step''s report, fix the source data, then run again: it resumes at that step';
    end if;
end
$$;
comment on procedure ${schema}.run_pipeline(date, text, text, jsonb) is
'Runs the pipeline steps of cw_global.pipeline_steps in order for one date (optionally a step range and an '
'incremental scope), committing after each step and recording it in pipeline_runs / pipeline_step_runs. Holds a '
'per-client advisory lock (CW010 when a run is in progress); a step not installed is recorded as skipped; a failing '
'step is recorded with its SQLSTATE and ends the run (CW012); a step may stop the run (CW015, e.g. the quality '
'gate). Called again for the same date and scope, it resumes a failed, stopped or abandoned run from that step. '
'Must be CALLed outside a transaction block.';

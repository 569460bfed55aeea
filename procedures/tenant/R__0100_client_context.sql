-- Small helpers every step uses: the client's local date, scope validation, step reporting.

create or replace function ${schema}.client_today()
returns date
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    select (now() at time zone clients.timezone)::date
    from cw_global.clients
    where clients.schema_name = '${schema}'
$$;
comment on function ${schema}.client_today() is
'Today in the client''s time zone: the run date of the nightly pg_cron job.';

create or replace function ${schema}.validate_scope(p_scope jsonb)
returns jsonb
language plpgsql
immutable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_key text;
begin
    if p_scope is null then
        return null;
    end if;
    if jsonb_typeof(p_scope) <> 'object' then
        raise exception 'invalid pipeline scope % (expected a JSON object)', p_scope
            using errcode = 'CW013', hint = 'e.g. {"products": ["P000123"], "locations": ["L001"]}';
    end if;
    for v_key in select jsonb_object_keys(p_scope) loop
        if v_key not in ('products', 'locations') then
            raise exception 'invalid pipeline scope key % in %', quote_literal(v_key), p_scope
                using errcode = 'CW013', hint = 'allowed keys: products, locations (arrays of ERP ids)';
        end if;
        if jsonb_typeof(p_scope -> v_key) <> 'array'
            or exists (select from jsonb_array_elements(p_scope -> v_key) as element (value)
                       where jsonb_typeof(element.value) not in ('string', 'number')) then
            raise exception 'invalid pipeline scope: % must be an array of ERP ids, got %', v_key, p_scope -> v_key
                using errcode = 'CW013', hint = 'e.g. {"products": ["P000123", "P000124"]}';
        end if;
    end loop;
    return p_scope;
end
$$;
comment on function ${schema}.validate_scope(jsonb) is
'Checks an incremental scope {"products": [...], "locations": [...]} and returns it; SQLSTATE CW013 when malformed.';

create or replace procedure ${schema}.report_step(p_rows_in bigint, p_rows_out bigint, p_detail jsonb default null)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_step_run_id bigint := nullif(current_setting('cw.step_run_id', true), '')::bigint;
begin
    if v_step_run_id is null then
        raise notice 'step outside run_pipeline: rows_in=%, rows_out=%, detail=%', p_rows_in, p_rows_out, p_detail;
        return;
    end if;
    update ${schema}.pipeline_step_runs
    set rows_in = p_rows_in,
        rows_out = p_rows_out,
        detail = coalesce(pipeline_step_runs.detail, '{}') || coalesce(p_detail, '{}')
    where pipeline_step_runs.id = v_step_run_id;
end
$$;
comment on procedure ${schema}.report_step(bigint, bigint, jsonb) is
'Called by a step procedure to record the rows it read and wrote and its details on its pipeline_step_runs row.';

create or replace procedure ${schema}.request_stop(p_reason text)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
begin
    perform set_config('cw.stop_request', p_reason, true);
end
$$;
comment on procedure ${schema}.request_stop(text) is
'Called by a step that finished its own work but must stop the run (the quality gate when it fails): the step is '
'committed as stopped, later steps do not run, and the next run for the date resumes at this step.';

-- Step 12 (stats): the nightly, incremental refresh of the UI statistics, run by run_pipeline.
create or replace procedure ${schema}.step_stats(p_run_date date, p_scope jsonb)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_detail   jsonb;
    v_rows_in  bigint;
    v_rows_out bigint;
begin
    perform ${schema}.validate_scope(p_scope);
    call ${schema}.stats_refresh(p_run_date, false, v_detail);
    select sum(written.value::bigint) into v_rows_out from jsonb_each_text(v_detail -> 'rows_written') as written;
    v_rows_in := (v_detail -> 'rows_written' ->> 'service_daily')::bigint
                 + (v_detail -> 'rows_written' ->> 'inventory_daily')::bigint;
    call ${schema}.report_step(v_rows_in, v_rows_out, v_detail);
end
$$;
comment on procedure ${schema}.step_stats(date, jsonb) is
'Step 12 (stats): incremental refresh of the UI statistics in ${stats_schema} (stats_refresh): only the days and '
'pairs whose production data changed since the previous refresh, then the weeks, months and years holding them; the '
'first refresh is a full one. The scope is validated but not needed: a scoped pipeline run changes only the scoped '
'pairs, and that is all this step re-reads. See docs/stats.md.';

create or replace procedure ${schema}.stats_rebuild(p_run_date date)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_detail jsonb;
begin
    -- Not while a pipeline run of the client holds its lock (run_pipeline's key): the two would interleave.
    if not pg_try_advisory_xact_lock(17239, ${client_number}) then
        raise exception 'cannot rebuild the statistics of client ${client_code}: a pipeline run holds its lock'
            using errcode = 'CW122',
                  hint = 'wait for the run to finish (cw run / pipeline_runs), then call stats_rebuild again';
    end if;
    call ${schema}.stats_refresh(p_run_date, true, v_detail);
    raise notice 'stats of client ${client_code} rebuilt: %', v_detail;
end
$$;
comment on procedure ${schema}.stats_rebuild(date) is
'Full rebuild of the UI statistics in ${stats_schema} from production (truncate, recompute everything up to '
'greatest(run date, previous horizon)); gives the same tables as the incremental refreshes. For a DBA after a manual '
'correction, or to measure (cw bench stats). Does not commit: one transaction; its TRUNCATEs block readers of the '
'statistics until it commits. CW122 while a pipeline run of the client holds the pipeline lock.';

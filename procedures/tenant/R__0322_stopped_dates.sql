-- The backlog: earlier dates whose pipeline run is still stopped, failed or abandoned.
create or replace function ${schema}.stopped_dates(p_before date default null)
returns table (run_date date, status text, pipeline_run_id bigint, finished_at timestamptz, error text)
language sql
stable
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
    with latest as (
        select distinct on (runs.run_date) runs.run_date, runs.status, runs.id, runs.finished_at, runs.error
        from ${schema}.pipeline_runs as runs
        where runs.scope is null and runs.to_step is null and runs.status != 'running'
            and (p_before is null or runs.run_date < p_before)
        order by runs.run_date, runs.id desc
    )

    select latest.run_date, latest.status, latest.id, latest.finished_at, latest.error
    from latest
    where latest.status in ('stopped', 'failed', 'abandoned')
    order by latest.run_date
$$;
comment on function ${schema}.stopped_dates(date) is
'Dates (before p_before, or all) whose latest complete pipeline run (all steps, no scope) did not succeed: stopped '
'(e.g. by the quality gate), failed or abandoned, in date order. The gate names them in its step report and '
'cw run --catch-up runs them again.';

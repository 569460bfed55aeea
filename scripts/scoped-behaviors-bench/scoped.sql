-- one timed scoped step-6 computation (measure + write) over the first :N products, procedure :proc
\set ON_ERROR_STOP 1
set client_min_messages = notice;
load 'auto_explain';
set auto_explain.log_min_duration = '1s';
set auto_explain.log_nested_statements = on;
set auto_explain.log_format = 'text';
select set_config('bs.n', :'N', false), set_config('bs.proc', :'proc', false);
do $$
declare
    v_products integer [];
    v_counts   jsonb;
    v_t0       timestamptz;
    v_t1       timestamptz;
begin
    select array_agg(id) into v_products
    from (select id from cw_900313.products where erp_id like 'BP%' order by erp_id limit current_setting('bs.n')::integer) as picked;
    v_t0 := clock_timestamp();
    execute format('call cw_900313.%I($1, $2, $3)', current_setting('bs.proc')) using date '2025-06-08', cw_900313.settings('behaviors'), v_products;
    v_t1 := clock_timestamp();
    call cw_900313.behaviors_write('2025-06-08', 90, v_products, null, v_counts);
    raise notice 'RESULT % products=% measure=%s total=%s counts=% ranks=% load=%', current_setting('bs.proc'), current_setting('bs.n'),
        round(extract(epoch from v_t1 - v_t0)::numeric, 3), round(extract(epoch from clock_timestamp() - v_t0)::numeric, 3),
        v_counts, current_setting('cw.behavior_ranks_mode', true), trim(pg_read_file('/proc/loadavg'));
end
$$;

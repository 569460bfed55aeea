set client_min_messages = notice;
do $$
declare v_counts jsonb; v_t0 timestamptz := clock_timestamp(); v_t1 timestamptz;
begin
    call cw_900313.behaviors_measure('2025-06-08', cw_900313.settings('behaviors'), null);
    v_t1 := clock_timestamp();
    call cw_900313.behaviors_write('2025-06-08', 90, null, null, v_counts);
    raise notice 'RESULT full (unscoped) measure=%s total=%s counts=% load=%', round(extract(epoch from v_t1 - v_t0)::numeric, 3),
        round(extract(epoch from clock_timestamp() - v_t0)::numeric, 3), v_counts, trim(pg_read_file('/proc/loadavg'));
end $$;

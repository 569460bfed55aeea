-- Per-entity statistics of step load (load_entity_stats), read by the DataHealthMonitor.
create or replace procedure ${schema}.load_record_stats(
    p_entity text, p_run_date date, p_started timestamptz, p_deactivated bigint default 0
)
language plpgsql
security invoker
set search_path = ${schema}, ${staging_schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_rows_in  bigint;
    v_inserted bigint;
    v_updated  bigint;
    v_rejected bigint;
    v_skipped  bigint;
    v_deactivated bigint;
begin
    -- Rows in = the rows prepared in src_<entity> + the unchanged ones skipped before preparation.
    -- (no src_<entity> when every record of the entity was unchanged: nothing was prepared)
    v_rows_in := 0;
    if to_regclass(format('pg_temp.%I', 'src_' || p_entity)) is not null then
        execute format('select count(*) from %I', 'src_' || p_entity) into v_rows_in;
    end if;
    select coalesce(sum(load_counts.inserted), 0), coalesce(sum(load_counts.updated), 0),
           coalesce(sum(load_counts.unchanged), 0),
           coalesce(sum(load_counts.deactivated), 0) + coalesce(p_deactivated, 0)
    into v_inserted, v_updated, v_skipped, v_deactivated
    from load_counts
    where load_counts.entity = p_entity;
    v_rows_in := v_rows_in + v_skipped;
    select count(*) into v_rejected
    from ${schema}.load_rejects
    where load_rejects.run_date = p_run_date and load_rejects.entity = p_entity;
    insert into ${schema}.load_entity_stats (
        run_date, entity, rows_in, rows_inserted, rows_updated, rows_unchanged, rows_rejected, rows_deactivated,
        duration_ms
    )
    values (
        p_run_date, p_entity, v_rows_in, v_inserted, v_updated,
        greatest(v_rows_in - v_inserted - v_updated - v_rejected, 0), v_rejected, v_deactivated,
        round((extract(epoch from clock_timestamp() - p_started) * 1000)::numeric, 1)
    )
    on conflict on constraint load_entity_stats_run_date_entity_key do update
    set rows_in = excluded.rows_in, rows_inserted = excluded.rows_inserted, rows_updated = excluded.rows_updated,
        rows_unchanged = excluded.rows_unchanged, rows_rejected = excluded.rows_rejected,
        rows_deactivated = excluded.rows_deactivated, duration_ms = excluded.duration_ms, loaded_at = now();
end
$$;
comment on procedure ${schema}.load_record_stats(text, date, timestamptz, bigint) is
'Writes the load_entity_stats row of an entity for the run date from src_<entity> (the rows prepared), the '
'load_counts written by write_<entity>, by the unchanged-row skip (rows in = prepared + skipped unchanged) and by '
'load_<entity> (rows deactivated), and the entity''s load_rejects. step_load calls it for every catalog entity.';

-- SCD type 2: after the upserts, one version per changed entity row (products, locations, suppliers, customers).
create or replace procedure ${schema}.record_versions(
    p_run_date date, p_entity text, p_versions text, p_key text, p_columns text []
)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
as $$
declare
    v_list     text := (select string_agg(format('%I', column_name), ', ') from unnest(p_columns) as column_name);
    v_entities text := (select string_agg(format('entities.%I', column_name), ', ')
                        from unnest(p_columns) as column_name);
    v_changes  text := (select string_agg(format('%1$I = changes.%1$I', column_name), ', ')
                        from unnest(p_columns) as column_name);
    v_versions bigint;
begin
    call ${schema}.load_drop_temp('version_changes');
    execute format($sql$
        create temp table version_changes on commit drop as
        select entities.id as entity_id, %1$s, md5(row(%1$s)::text)::uuid as version_hash
        from %2$I.%3$I as entities
        left join %2$I.%4$I as versions on versions.%5$I = entities.id and versions.is_current
        where versions.id is null or row(%1$s) is distinct from row(%6$s)
        $sql$, v_entities, '${schema}', p_entity, p_versions, p_key,
        (select string_agg(format('versions.%I', column_name), ', ') from unnest(p_columns) as column_name));

    -- Close the current version of a changed row (a version opened today is corrected in place instead).
    execute format($sql$
        update %1$I.%2$I as versions
        set valid_to = $1, is_current = false
        from version_changes as changes
        where versions.%3$I = changes.entity_id and versions.is_current and versions.valid_from < $1
        $sql$, '${schema}', p_versions, p_key)
    using p_run_date;
    execute format($sql$
        update %1$I.%2$I as versions
        set %4$s, version_hash = changes.version_hash
        from version_changes as changes
        where versions.%3$I = changes.entity_id and versions.is_current and versions.valid_from = $1
        $sql$, '${schema}', p_versions, p_key, v_changes)
    using p_run_date;
    execute format($sql$
        insert into %1$I.%2$I (%3$I, valid_from, valid_to, is_current, %4$s, version_hash)
        select changes.entity_id, $1, null, true, %5$s, changes.version_hash
        from version_changes as changes
        where not exists (select from %1$I.%2$I as versions
                          where versions.%3$I = changes.entity_id and versions.is_current)
        $sql$, '${schema}', p_versions, p_key, v_list,
        (select string_agg(format('changes.%I', column_name), ', ') from unnest(p_columns) as column_name))
    using p_run_date;
    get diagnostics v_versions = row_count;
    insert into load_counts (entity, inserted, updated) values (p_versions, v_versions, 0);
end
$$;
comment on procedure ${schema}.record_versions(date, text, text, text, text []) is
'SCD type 2 for one entity: every row whose tracked columns (p_columns, same names in the entity and its versions '
'table) differ from its current version gets a new version valid from the run date, the old one is closed '
'(valid_to = run date). A second load of the same date corrects that date''s version in place, so re-running a date '
'adds nothing. Versions are never deleted.';

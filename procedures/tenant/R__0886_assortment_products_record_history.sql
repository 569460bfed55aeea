-- Step 9's history trigger function (the triggers themselves: tenant migration V32). security definer: a UI edit
-- must append history although the UI role may not write the history table (it only reads it, so it cannot forge or
-- erase history); the function writes nothing else, pins its search_path and names every table with its schema. The
-- editing role is the session's role setting (SET ROLE), else the login role: inside a security definer function
-- current_user is the owner (as in change_events_capture).
--
-- Compares the typed columns of the transition tables, and only the rows whose decision changed get their changed
-- columns listed: V32's version turned every old and new row into jsonb and listed the changed columns of every
-- updated row through 15 jsonb look-ups each, although only decision changes are kept. On a weekly full night, when
-- the new forecast moves the rank of most rows, that was 0.69 s of step 9's 0.87 s at 300 x 8 (988 rows updated,
-- 52 history rows; docs/assortment.md "Performance"). Same history rows, same changed_columns (pgTAP
-- step_assortment/a_full_night_rewrites_only_changed_rows_and_records_the_same_history).
create or replace function ${schema}.assortment_products_record_history()
returns trigger
language plpgsql
security definer
set search_path = pg_catalog, pg_temp
as $$
declare
    v_role     text := coalesce(nullif(current_setting('role'), 'none'), session_user);
    v_app_user text := nullif(current_setting('cw.app_user', true), '');
    v_source   text := case when coalesce(nullif(current_setting('role'), 'none'), session_user) = '${ui_role}'
                            then 'ui' else 'pipeline' end;
    v_date     date := coalesce(nullif(current_setting('cw.assortment_run_date', true), '')::date,
                                (now() at time zone 'UTC')::date);
    v_pairs    text;
begin
    -- An insert has no old rows: every tracked column counts as changed, and every new row gets a history row. An
    -- update keeps the rows whose decision changed (a status, the workflow, zone, reason, a flag or the note), not
    -- those where only a figure recomputed every night moved (score, rank, target, phase-out scores).
    v_pairs := case tg_op
        when 'INSERT' then
            'select new_rows.*, array[''assortment_reason_id'', ''assortment_workflow_status_id'', '
            '''assortment_zone_id'', ''client_product_assortment_status_id'', '
            '''cw_product_assortment_status_id'', ''is_launch'', ''is_phase_out'', ''is_retired'', ''note'', '
            '''phase_out_efficiency_score'', ''phase_out_execution_score'', ''phase_out_recommendation_score'', '
            '''rank'', ''ranking_score'', ''target_stock''] as changed_columns '
            'from new_rows'
        else
            'select new_rows.*, array_remove(array['
            'case when new_rows.assortment_reason_id is distinct from old_rows.assortment_reason_id '
            'then ''assortment_reason_id'' end, '
            'case when new_rows.assortment_workflow_status_id is distinct from old_rows.assortment_workflow_status_id '
            'then ''assortment_workflow_status_id'' end, '
            'case when new_rows.assortment_zone_id is distinct from old_rows.assortment_zone_id '
            'then ''assortment_zone_id'' end, '
            'case when new_rows.client_product_assortment_status_id '
            'is distinct from old_rows.client_product_assortment_status_id '
            'then ''client_product_assortment_status_id'' end, '
            'case when new_rows.cw_product_assortment_status_id is distinct from old_rows.cw_product_assortment_status_id '
            'then ''cw_product_assortment_status_id'' end, '
            'case when new_rows.is_launch is distinct from old_rows.is_launch then ''is_launch'' end, '
            'case when new_rows.is_phase_out is distinct from old_rows.is_phase_out then ''is_phase_out'' end, '
            'case when new_rows.is_retired is distinct from old_rows.is_retired then ''is_retired'' end, '
            'case when new_rows.note is distinct from old_rows.note then ''note'' end, '
            'case when new_rows.phase_out_efficiency_score is distinct from old_rows.phase_out_efficiency_score '
            'then ''phase_out_efficiency_score'' end, '
            'case when new_rows.phase_out_execution_score is distinct from old_rows.phase_out_execution_score '
            'then ''phase_out_execution_score'' end, '
            'case when new_rows.phase_out_recommendation_score '
            'is distinct from old_rows.phase_out_recommendation_score '
            'then ''phase_out_recommendation_score'' end, '
            'case when new_rows.rank is distinct from old_rows.rank then ''rank'' end, '
            'case when new_rows.ranking_score is distinct from old_rows.ranking_score then ''ranking_score'' end, '
            'case when new_rows.target_stock is distinct from old_rows.target_stock then ''target_stock'' end'
            '], null) as changed_columns '
            'from new_rows inner join old_rows on old_rows.id = new_rows.id '
            'where (new_rows.assortment_reason_id, new_rows.assortment_workflow_status_id, '
            'new_rows.assortment_zone_id, new_rows.client_product_assortment_status_id, '
            'new_rows.cw_product_assortment_status_id, new_rows.is_launch, new_rows.is_phase_out, '
            'new_rows.is_retired, new_rows.note) '
            'is distinct from (old_rows.assortment_reason_id, old_rows.assortment_workflow_status_id, '
            'old_rows.assortment_zone_id, old_rows.client_product_assortment_status_id, '
            'old_rows.cw_product_assortment_status_id, old_rows.is_launch, old_rows.is_phase_out, '
            'old_rows.is_retired, old_rows.note)'
    end;
    execute format($sql$
    insert into %I.assortment_product_updates (
        assortment_product_id, update_date, change_source, changed_by, app_user, changed_columns,
        cw_product_assortment_status_id, client_product_assortment_status_id, assortment_workflow_status_id,
        target_stock, assortment_zone_id, ranking_score, rank, is_launch, is_phase_out, is_retired,
        phase_out_recommendation_score, phase_out_execution_score, phase_out_efficiency_score, note,
        assortment_reason_id
    )
    with changed as (%s)

    select changed.id, $1, $2, $3, $4, changed.changed_columns,
           changed.cw_product_assortment_status_id, changed.client_product_assortment_status_id,
           changed.assortment_workflow_status_id, changed.target_stock, changed.assortment_zone_id,
           changed.ranking_score, changed.rank, changed.is_launch, changed.is_phase_out, changed.is_retired,
           changed.phase_out_recommendation_score, changed.phase_out_execution_score,
           changed.phase_out_efficiency_score, changed.note, changed.assortment_reason_id
    from changed
    $sql$, tg_table_schema, v_pairs) using v_date, v_source, v_role, v_app_user;
    return null;
end
$$;
comment on function ${schema}.assortment_products_record_history() is
'Trigger (after insert or update, per statement): appends one assortment_product_updates row per new row and per '
'row whose decision values (statuses, workflow, zone, reason, flags, note) changed, with who changed it (pipeline '
'or ui, the role and the application user). Security definer so that UI edits are recorded although the UI role '
'cannot write history.';
revoke all on function ${schema}.assortment_products_record_history() from public;
grant execute on function ${schema}.assortment_products_record_history() to ${ui_role};

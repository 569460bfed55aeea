-- Step 13: uplift. Decides is_respected of past purchase-order and transfer-order recommendations
-- (uplift_respect('po' / 'to')), per episode, measures the impacts of those whose after window has passed
-- (uplift_measure('po' / 'to')) and writes only the impact rows that changed (uplift_write_impacts('po' / 'to')). The
-- UI reads the roll-ups in the stats schema (uplift_monthly and its per-side views). docs/uplift.md.
create or replace procedure ${schema}.step_uplift(p_run_date date, p_scope jsonb)
language plpgsql
security invoker
set search_path = ${schema}, cw_global, pg_catalog, pg_temp
set jit = off
as $$
declare
    v_scope      jsonb := ${schema}.validate_scope(p_scope);
    v_settings   jsonb := ${schema}.settings('uplift');
    v_products   integer [];
    v_locations  integer [];
    v_decided    bigint;
    v_flipped    bigint;
    v_targets    bigint;
    v_computed   bigint;
    v_written    bigint;
    v_deleted    bigint;
    v_respect    jsonb;
    v_to_decided  bigint;
    v_to_flipped  bigint;
    v_to_targets  bigint;
    v_to_computed bigint;
    v_to_written  bigint;
    v_to_deleted  bigint;
    v_through     date;
begin
    if p_run_date is null then
        raise exception 'step uplift needs a run date for client ${client_code}'
            using errcode = 'CW192', hint = 'CALL ${schema}.step_uplift(${schema}.client_today(), null)';
    end if;
    if v_scope ? 'products' then
        select coalesce(array_agg(products.id), '{}') into v_products
        from ${schema}.products
        where products.erp_id in (select jsonb_array_elements_text(v_scope -> 'products'));
    end if;
    if v_scope ? 'locations' then
        select coalesce(array_agg(locations.id), '{}') into v_locations
        from ${schema}.locations
        where locations.erp_id in (select jsonb_array_elements_text(v_scope -> 'locations'));
    end if;

    call ${schema}.uplift_respect('po', p_run_date, v_products, v_locations, v_settings, v_decided, v_flipped);
    raise notice 'uplift %: % respect decision(s) recorded, % is_respected flag(s) set or changed',
        p_run_date, v_decided, v_flipped;
    -- The transfer side's decisions (scope locations are receiving locations).
    call ${schema}.uplift_respect('to', p_run_date, v_products, v_locations, v_settings, v_to_decided,
                                   v_to_flipped);

    -- The evidence that changed since the last unscoped run (the decisions just taken included): a night consumes
    -- it; a scoped run re-measures its whole scope and leaves it for the next night.
    drop table if exists pg_temp.uplift_evidence;
    if v_scope ? 'products' or v_scope ? 'locations' then
        create temp table uplift_evidence on commit drop as
        select changes.* from ${schema}.uplift_evidence_changes as changes where false;
    else
        create temp table uplift_evidence on commit drop as
        with consumed as (
            delete from ${schema}.uplift_evidence_changes as changes returning changes.*
        )
        select consumed.* from consumed;
    end if;

    call ${schema}.uplift_measure('po', p_run_date, v_products, v_locations, v_settings);
    select count(*), max(uplift_targets.actual_end_date) into v_targets, v_through from uplift_targets;
    select count(*) into v_computed from uplift_impacts_computed;
    call ${schema}.uplift_write_impacts('po', p_run_date, v_written, v_deleted);
    drop table uplift_impacts_computed, uplift_targets;

    -- The transfer side: the same for transfer-order recommendations.
    call ${schema}.uplift_measure('to', p_run_date, v_products, v_locations, v_settings);
    select count(*), greatest(v_through, max(uplift_targets.actual_end_date)) into v_to_targets, v_through
    from uplift_targets;
    select count(*) into v_to_computed from uplift_impacts_computed;
    call ${schema}.uplift_write_impacts('to', p_run_date, v_to_written, v_to_deleted);
    raise notice 'uplift %: transfers: % decision(s), % flag(s), % measured, % impact row(s) written, % deleted',
        p_run_date, v_to_decided, v_to_flipped, v_to_targets, v_to_written, v_to_deleted;
    drop table uplift_impacts_computed, uplift_targets, uplift_evidence;

    -- The state the next night compares with: the measure settings (a night, not a scoped run: a scoped run measured
    -- only its scope; on a client without state it records none, so the next night measures everything) and the
    -- last day a stored measurement read (the evidence triggers record changes up to it).
    insert into ${schema}.uplift_measure_state as state (id, settings, measured_through)
    values (true,
            case when v_scope ? 'products' or v_scope ? 'locations' then '{}'::jsonb
                 else ${schema}.uplift_measure_settings(v_settings) end,
            v_through)
    on conflict on constraint uplift_measure_state_pkey do update
    set settings = case when v_scope ? 'products' or v_scope ? 'locations' then state.settings
                        else excluded.settings end,
        measured_through = greatest(state.measured_through, excluded.measured_through),
        updated_at = now()
    where (state.settings, state.measured_through)
        is distinct from (case when v_scope ? 'products' or v_scope ? 'locations' then state.settings
                               else excluded.settings end,
                          greatest(state.measured_through, excluded.measured_through));

    select coalesce(jsonb_object_agg(counted.match_kind, counted.decisions), '{}') into v_respect
    from (select decisions.match_kind, count(*) as decisions
          from ${schema}.po_recommendation_respect_decisions as decisions
          where decisions.decided_on = p_run_date
          group by decisions.match_kind) as counted;
    raise notice 'uplift %: % recommendation(s) measured, % impact row(s) computed, % written, % deleted',
        p_run_date, v_targets, v_computed, v_written, v_deleted;
    call ${schema}.report_step(v_targets + v_to_targets,
                               v_decided + v_flipped + v_written + v_deleted
                               + v_to_decided + v_to_flipped + v_to_written + v_to_deleted,
                               jsonb_build_object('decisions', v_decided, 'flags_set', v_flipped,
                                                  'decisions_by_kind', v_respect, 'measured', v_targets,
                                                  'impacts_computed', v_computed, 'impacts_written', v_written,
                                                  'impacts_deleted', v_deleted,
                                                  'transfers', jsonb_build_object(
                                                      'decisions', v_to_decided, 'flags_set', v_to_flipped,
                                                      'measured', v_to_targets, 'impacts_computed', v_to_computed,
                                                      'impacts_written', v_to_written,
                                                      'impacts_deleted', v_to_deleted)));
end
$$;
comment on procedure ${schema}.step_uplift(date, jsonb) is
'Step 13 (uplift): records whether each past purchase-order and transfer-order recommendation was followed, per '
'episode of consecutive recommendations (is_respected, with every decision and its reason in '
'po_recommendation_respect_decisions and to_recommendation_respect_decisions) once its respect window has passed, '
'and measures the six impacts of each episode by pre_post and diff_in_diff once its after window has passed, '
'writing only changed rows. A scope {"products": [...], "locations": [...]} re-decides and re-measures every '
'recommendation of those pairs. CW190 invalid settings, CW192 no run date. docs/uplift.md.';

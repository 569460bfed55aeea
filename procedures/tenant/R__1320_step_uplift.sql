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

    call ${schema}.uplift_measure('po', p_run_date, v_products, v_locations, v_settings);
    select count(*) into v_targets from uplift_targets;
    select count(*) into v_computed from uplift_impacts_computed;
    call ${schema}.uplift_write_impacts('po', p_run_date, v_written, v_deleted);
    drop table uplift_impacts_computed, uplift_targets;

    -- The transfer side: the same for transfer-order recommendations (scope locations are receiving locations).
    call ${schema}.uplift_respect('to', p_run_date, v_products, v_locations, v_settings, v_to_decided,
                                   v_to_flipped);
    call ${schema}.uplift_measure('to', p_run_date, v_products, v_locations, v_settings);
    select count(*) into v_to_targets from uplift_targets;
    select count(*) into v_to_computed from uplift_impacts_computed;
    call ${schema}.uplift_write_impacts('to', p_run_date, v_to_written, v_to_deleted);
    raise notice 'uplift %: transfers: % decision(s), % flag(s), % measured, % impact row(s) written, % deleted',
        p_run_date, v_to_decided, v_to_flipped, v_to_targets, v_to_written, v_to_deleted;
    drop table uplift_impacts_computed, uplift_targets;

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

begin;
select plan(9);

-- Issue 15, privileges of the measure-once objects (migrations/tenant/V87, procedures/tenant/R__1302): the UI role
-- reads none of step uplift's bookkeeping, and its one write on a recommendation (the status) fires the evidence
-- triggers, which must insert into a queue the role may not write: uplift_evidence_capture is security definer.
select table_privs_are('cw_000901', 'uplift_evidence_changes', 'cw_000901_ui', array[]::text [],
                       'the UI role has no privilege on the evidence queue');
select table_privs_are('cw_000901', 'uplift_measurements', 'cw_000901_ui', array[]::text [],
                       'nor on what each measurement read');
select table_privs_are('cw_000901', 'uplift_measurement_units', 'cw_000901_ui', array[]::text [],
                       'nor on the measured units');
select table_privs_are('cw_000901', 'uplift_measure_state', 'cw_000901_ui', array[]::text [],
                       'nor on the measure state');

-- A measured client: the triggers look at every write of a recommendation.
select tests.uplift_world('2024-03-01');
call cw_000901.step_uplift('2024-03-08', null);
call cw_000901.step_uplift('2024-03-10', null);
select isnt((select state.measured_through from cw_000901.uplift_measure_state as state), null,
            'precondition: the client has stored measurements (the triggers do not return early)');

select lives_ok(
    $$ select tests.run_as('cw_000901_ui',
                           'update cw_000901.po_recommendations set po_recommendation_status_id = 2') $$,
    'the UI role accepts every purchase recommendation: the evidence trigger runs as the client''s owner');
select lives_ok(
    $$ select tests.run_as('cw_000901_ui',
                           'update cw_000901.to_recommendations set to_recommendation_status_id = 2') $$,
    'and sets a transfer recommendation status (a statement of no rows fires the statement trigger too)');
select is((select count(*)::integer from cw_000901.uplift_evidence_changes), 0,
          'a status is not evidence: nothing is queued');
select throws_ok(
    $$ select tests.run_as('cw_000901_ui', 'select count(*) from cw_000901.uplift_evidence_changes') $$,
    '42501', null, 'and the UI role cannot read the queue directly');

select * from finish();
rollback;

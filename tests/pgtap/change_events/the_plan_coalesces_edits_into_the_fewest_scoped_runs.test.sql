begin;
select plan(7);

select tests.stage_hammer_masters(tests.open_load_batch('2024-03-01'));
call cw_000901.step_load('2024-03-01', null);
insert into cw_000901.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash)
select format('Q%s', g), 'other', 1, 'active', '2024-03-01', gen_random_uuid() from generate_series(1, 50) as g;
delete from cw_000901.change_events;

-- A hundred edits of one product are one scoped run.
do $$
begin
    for i in 1..100 loop
        perform tests.run_as('cw_000901_ui', format(
            'update cw_000901.products set assortment_override = %L where erp_id = ''P000001''',
            case when i % 2 = 0 then 'STOCK' else 'NOT-STOCK' end));
    end loop;
end
$$;
select results_eq(
    $$ select count(distinct run_key), min(severity), min(from_step_no), count(*), max(cardinality(product_ids))
       from cw_000901.change_events_plan() $$,
    $$ values (1::bigint, 'moderate'::text, 8::smallint, 100::bigint, 1) $$,
    'a hundred edits of one product: one moderate run from inventory_targets scoped to that product'
);

-- Edits of fifty more products join the same run.
select tests.run_as('cw_000901_ui', $$ update cw_000901.products set assortment_override = 'STOCK'
                                       where erp_id like 'Q%' $$);
select results_eq(
    $$ select count(distinct run_key), count(distinct product_id)
       from cw_000901.change_events_plan() as plan, unnest(plan.product_ids) as product_id $$,
    $$ values (1::bigint, 51::bigint) $$,
    'edits of many products become one run scoped to all of them'
);

-- A note needs no run; a disabled store is a location-scoped run with its supply partner.
select tests.run_as('cw_000901_ui', $$ update cw_000901.products set planner_note = 'call the vendor' $$);
select tests.run_as('cw_000901_ui', $$ update cw_000901.locations set is_enabled = false where erp_id = 'L002' $$);
select results_eq(
    $$ select run_key, count(*)::integer,
              (select array_agg(erp_id order by erp_id) from cw_000901.locations
               where id = any (min(plan.location_ids))) as locations
       from cw_000901.change_events_plan() as plan group by run_key order by run_key $$,
    $$ values ('moderate:8:locations'::text, 1, array['L001', 'L002']), ('moderate:8:products', 150, null),
              ('none', 51, null) $$,
    'severity none is its own group; a disabled store scopes itself and the warehouse that supplies it'
);

-- A supplier lead time override is a cascade from behaviours: it absorbs the moderates from later steps.
select tests.run_as('cw_000901_ui', $$ update cw_000901.suppliers set lead_time_days_override = 21 $$);
select results_eq(
    $$ select run_key, min(severity), min(from_step_no), count(*)::integer
       from cw_000901.change_events_plan() group by run_key order by run_key $$,
    $$ values ('client'::text, 'cascade'::text, 6::smallint, 152), ('none', 'none', null, 51) $$,
    'the cascade from behaviours absorbs the assortment and location runs it covers'
);

-- A client override moves the note rule to a local run of one step: a local from a step before the cascade's
-- start is not absorbed.
insert into cw_global.change_impact_rules (client_id, table_name, column_name, severity, from_step, reason)
select id, 'products', 'planner_note', 'local', 'demand_history', 'test: this client reads notes in demand history'
from cw_global.clients where code = 'CW-000901';
select results_eq(
    $$ select run_key, min(from_step_no), min(to_step_no), count(*)::integer
       from cw_000901.change_events_plan() group by run_key order by run_key $$,
    $$ values ('client'::text, 6::smallint, null::smallint, 152), ('local:5:products', 5::smallint, 5::smallint, 51) $$,
    'the client''s override applies; a local run is one step; a cascade does not absorb an earlier step'
);
select is(
    (select rule_source from cw_000901.change_impact_rule('products', 'planner_note')), 'client override',
    'change_impact_rule says where the rule comes from'
);

-- Unknown tables fall to the catch-all: a client-wide run from demand history.
select is(
    (select severity || ' from ' || from_step || ' (' || rule_source || ')'
     from cw_000901.change_impact_rule('assortment_statuses', 'client_status')),
    'cascade from demand_history (default (catch-all))',
    'a UI-owned column without a rule (a later step''s table) is a client-wide re-run after load'
);

select * from finish();
rollback;

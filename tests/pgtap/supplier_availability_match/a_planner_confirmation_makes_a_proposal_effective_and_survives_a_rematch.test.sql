begin;
select plan(3);

select tests.match_world();
call cw_000901.supplier_availability_match(null);

select tests.run_as('cw_000901_ui',
    'update cw_000901.supplier_available_products set is_match_confirmed = true where supplier_ref = ''X-400''');
select is(
    (select is_match_effective from cw_000901.supplier_available_products where supplier_ref = 'X-400'),
    true,
    'the UI role''s confirmation makes the proposed match effective'
);
select tests.run_as('cw_000901_ui',
    'update cw_000901.supplier_available_products set is_match_confirmed = false where supplier_ref = ''X-300''');
call cw_000901.supplier_availability_match(null);
select results_eq(
    $$ select supplier_ref, is_match_confirmed, is_match_effective, product_id is not null
       from cw_000901.supplier_available_products where supplier_ref in ('X-300', 'X-400') order by supplier_ref $$,
    $$ values ('X-300', false, false, true), ('X-400', true, true, true) $$,
    'a rematch keeps the planner''s confirmation and rejection'
);
select is(
    (select count(*) from cw_000901.change_events where table_name = 'supplier_available_products'
     and column_name = 'is_match_confirmed'),
    2::bigint,
    'each confirmation is a change event'
);

select * from finish();
rollback;

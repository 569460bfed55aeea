begin;
select plan(4);

select tests.match_world();
call cw_000901.supplier_availability_match(null);

select results_eq(
    $$ select products.erp_id, available.match_status, available.is_match_effective
       from cw_000901.supplier_available_products as available
       inner join cw_000901.products on products.id = available.product_id
       where available.supplier_ref = 'X-300' $$,
    $$ values ('MW-TAPE', 'applied', true) $$,
    'a close name with no near rival is applied'
);
select results_eq(
    $$ select available.match_status, available.is_match_effective,
              available.match_confidence between 0.4 and 1
       from cw_000901.supplier_available_products as available
       where available.supplier_ref = 'X-400' $$,
    $$ values ('proposed', false, true) $$,
    'a name as close to two twins (18 V, 12 V) is proposed, not applied'
);

-- Raising the confidence threshold above the tape's similarity makes it a proposal too.
update cw_global.clients set settings = jsonb_build_object('uploads', jsonb_build_object('match_min_confidence', 0.99))
where code = 'CW-000901';
call cw_000901.supplier_availability_match(null);
select is(
    (select match_status from cw_000901.supplier_available_products where supplier_ref = 'X-300'),
    'proposed',
    'below uploads.match_min_confidence a name match is proposed'
);
select is(
    (select match_status from cw_000901.supplier_available_products where supplier_ref = 'V-MW-HAMMER'),
    'applied',
    'exact matches do not depend on the threshold'
);

select * from finish();
rollback;

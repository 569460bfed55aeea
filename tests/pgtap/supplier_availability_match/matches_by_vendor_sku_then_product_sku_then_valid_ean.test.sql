begin;
select plan(4);

select tests.match_world();
call cw_000901.supplier_availability_match(null);

select results_eq(
    $$ select available.supplier_ref, products.erp_id, methods.name, available.match_status
       from cw_000901.supplier_available_products as available
       inner join cw_000901.products on products.id = available.product_id
       inner join cw_000901.match_methods as methods on methods.id = available.match_method_id
       where available.supplier_ref in ('V-MW-HAMMER', 'MW-SKU-1', 'X-200')
       order by available.row_number $$,
    $$ values ('V-MW-HAMMER', 'MW-HAMMER', 'supplier_ref', 'applied'), ('MW-SKU-1', 'MW-HAMMER', 'supplier_ref', 'applied'),
              ('X-200', 'MW-SAW', 'ean', 'applied') $$,
    'the supplier''s vendor SKU, another supplier''s use of the product SKU and an EAN-8 match exactly'
);
select is(
    (select match_confidence from cw_000901.supplier_available_products where supplier_ref = 'X-200'),
    1.0000::numeric(5, 4),
    'an exact match has confidence 1'
);
select is(
    (select methods.name from cw_000901.supplier_available_products as available
     inner join cw_000901.match_methods as methods on methods.id = available.match_method_id
     where available.supplier_ref = 'X-300'),
    'name_trigram',
    'an EAN failing its check digit is not used: the row falls through to the name match'
);
select is(
    (select count(*) from cw_000901.supplier_available_products where supplier_ref = 'X-500' and product_id is null
     and match_status = 'unmatched' and not is_match_effective),
    1::bigint,
    'a product the catalogue does not have stays unmatched'
);

select * from finish();
rollback;

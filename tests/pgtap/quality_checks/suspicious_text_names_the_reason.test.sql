-- Gate check: suspicious text names the reason.
begin;
select plan(2);

select tests.quality_empty_staging();
insert into cw_000901_staging.staging_products (raw_file_id, record_no, product_id, name) values (1, 1, 'P1', '<script>alert(1)</script>');
insert into cw_000901_staging.staging_suppliers (raw_file_id, record_no, supplier_id, name) values (1, 1, 'S1', 'Acme Tools');

select is(
    (select detail from tests.quality_check('suspicious_text', date '2030-06-04') where endpoint = 'products'),
    'name: markup',
    'markup in a name is flagged'
);
select is(
    (select passed from tests.quality_check('suspicious_text', date '2030-06-04') where endpoint = 'suppliers'),
    true,
    'plain text passes'
);

select * from finish();
rollback;

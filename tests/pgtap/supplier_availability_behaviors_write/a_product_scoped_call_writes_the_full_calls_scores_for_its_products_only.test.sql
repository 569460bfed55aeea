-- Step behaviors' scoped run passes its products to supplier_availability_behaviors_write, which then reads only
-- those products' supplier pairs (session scoped16): the scoped call must write exactly what the full call writes for
-- its products, and nothing for the others.
begin;
select plan(3);

select tests.match_world();
call cw_000901.supplier_availability_match(null);
select tests.run_as('cw_000901_ui',
    'update cw_000901.supplier_available_products set is_match_confirmed = true where supplier_ref = ''X-400''');

insert into cw_000901.product_behaviors (product_id, snapshot_date, window_days, listed_days, location_count,
                                         demand_days, demand_qty, demand_revenue, stockout_qty, is_oos_imputed,
                                         velocity, abc_class_id, xyz_class_id, fmr_class_id, freq_class_id)
select products.id, date '2024-03-02', 90, 90, 1, 0, 0, 0, 0, false, 0,
       (select min(id) from cw_000901.abc_classes), (select min(id) from cw_000901.xyz_classes),
       (select min(id) from cw_000901.fmr_classes), (select min(id) from cw_000901.freq_classes)
from cw_000901.products
where products.erp_id like 'MW-%';

-- The full call's scores, kept; then every row set to a marker and a call scoped to two products made.
call cw_000901.supplier_availability_behaviors_write(date '2024-03-02');
create temp table full_scores on commit drop as
select product_id, supplier_availability_score, is_supplier_availability_confirmed
from cw_000901.product_behaviors where snapshot_date = date '2024-03-02';
select isnt(
    (select count(*) from full_scores where supplier_availability_score is not null),
    0::bigint,
    'the world gives the full call scores to write'
);
update cw_000901.product_behaviors
set supplier_availability_score = 42, is_supplier_availability_confirmed = false
where snapshot_date = date '2024-03-02';

create temp table scoped_products on commit drop as
select products.id from cw_000901.products where products.erp_id in ('MW-HAMMER', 'MW-DRILL18');
select array_agg(scoped_products.id) as scoped_ids from scoped_products \gset
call cw_000901.supplier_availability_behaviors_write(date '2024-03-02', :'scoped_ids'::integer []);

select results_eq(
    $$ select behaviors.product_id, behaviors.supplier_availability_score, behaviors.is_supplier_availability_confirmed
       from cw_000901.product_behaviors as behaviors
       where behaviors.snapshot_date = date '2024-03-02' and behaviors.product_id in (select id from scoped_products)
       order by 1 $$,
    $$ select product_id, supplier_availability_score, is_supplier_availability_confirmed from full_scores
       where product_id in (select id from scoped_products) order by 1 $$,
    'the scoped call writes the full call''s scores for its products'
);
select is(
    (select count(*) from cw_000901.product_behaviors
     where snapshot_date = date '2024-03-02' and product_id not in (select id from scoped_products)
         and (supplier_availability_score, is_supplier_availability_confirmed) is distinct from (42, false)),
    0::bigint,
    'the scoped call leaves the other products'' rows as they were'
);

select * from finish();
rollback;

begin;
select plan(5);

select tests.uplift_world('2024-03-01');
call cw_000901.step_uplift('2024-03-08', null);

select throws_ok(
    $$ update cw_000901.po_recommendation_respect_decisions set reason = 'edited by hand' $$,
    'CW193', null, 'changing a recorded decision fails with CW193');
select throws_ok(
    $$ update cw_000901.po_recommendation_respect_decisions set is_respected = not is_respected,
           match_kind = case when is_respected then 'not_ordered' else 'respected' end, ordered_qty = 0 $$,
    'CW193', null, 'so does flipping its verdict');
select throws_ok(
    $$ delete from cw_000901.po_recommendation_respect_decisions $$,
    'CW194', null, 'deleting a decision fails with CW194');
select is((select count(*)::integer from cw_000901.po_recommendation_respect_decisions), 4,
          'the four decisions are still there');

-- A decision goes with its recommendation (the foreign key's cascade).
delete from cw_000901.po_recommendations
where product_id = (select id from cw_000901.products where erp_id = 'UP-NONE');
select is((select count(*)::integer from cw_000901.po_recommendation_respect_decisions), 3,
          'deleting the recommendation removes its decision');

select * from finish();
rollback;

begin;
select plan(4);

-- The input watermark reads demand_weeks: a re-run with unchanged inputs neither forecasts again nor refreshes the
-- product vectors; a deleted day of the window (no row left to carry a later updated_at) changes the watermark.
select tests.forecast_world('2024-06-30');
call cw_000901.step_forecast('2024-06-30', null);
-- A vector whose stored input hash no longer matches its inputs: a refresh would rewrite it.
update cw_000901.embeddings set input_hash = '00000000-0000-0000-0000-000000000000'
where embedding_type_id = 2
  and product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY');

call cw_000901.step_forecast('2024-06-30', null);
select is((select count(*)::integer from cw_000901.demand_forecasts), 1,
          'a re-run with unchanged inputs writes no new forecast');
select is(
    (select input_hash::text from cw_000901.embeddings
     where embedding_type_id = 2 and product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY')),
    '00000000-0000-0000-0000-000000000000',
    'and does not refresh the product vectors (the tampered hash stays)'
);

delete from cw_000901.demand_history
where demand_date = '2024-06-12'
  and product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY');
call cw_000901.step_forecast('2024-06-30', null);
select is((select count(*)::integer from cw_000901.demand_forecasts where demand_forecast_status_id = 3), 2,
          'after a day of the window was deleted a new forecast is written');
select isnt(
    (select input_hash::text from cw_000901.embeddings
     where embedding_type_id = 2 and product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY')),
    '00000000-0000-0000-0000-000000000000',
    'and the product vectors are refreshed before it'
);

select * from finish();
rollback;

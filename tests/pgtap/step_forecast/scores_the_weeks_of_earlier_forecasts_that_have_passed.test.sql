begin;
select plan(4);

-- Step forecast on 2024-06-30, then a week of demand later (TF-STEADY keeps selling 1 a day Monday to Saturday at
-- both stores) and step forecast on 2024-07-07: the first week of the 2024-06-30 forecast is scored in that run.
select tests.forecast_world('2024-06-30');
call cw_000901.step_forecast('2024-06-30', null);
select is_empty('select from cw_000901.demand_forecast_accuracy', 'no week of the first forecast has passed yet');

insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select history.product_id, history.location_id, history.demand_date + 7, history.quantity, history.revenue,
       history.cost, true, null, false, history.demand_qty, 1, history.demand_date + 7
from cw_000901.demand_history as history
where history.demand_date between '2024-06-24' and '2024-06-30';
call cw_000901.step_forecast('2024-07-07', null);

select is(
    (select scorings.scored_through_days::integer from cw_000901.demand_forecast_scorings as scorings
     inner join cw_000901.demand_forecasts as forecasts on forecasts.id = scorings.demand_forecast_id
     where forecasts.forecast_date = '2024-06-30'),
    7, 'the run of 2024-07-07 scores the first week of the forecast of 2024-06-30'
);
select is(
    (select count(*)::integer from cw_000901.demand_forecast_accuracy),
    (select count(*)::integer from cw_000901.demand_forecast_products
     where forecast_date = '2024-06-30' and horizon_days = 7),
    'one score per product x location of that forecast'
);
select is(
    (select accuracy.actual_qty from cw_000901.demand_forecast_accuracy as accuracy
     where accuracy.product_id = (select id from cw_000901.products where erp_id = 'TF-STEADY')
       and accuracy.location_id = (select id from cw_000901.locations where erp_id = 'TF-S2')),
    6.000, 'TF-STEADY''s week brought 6 (1 a day, Sundays closed)'
);

select * from finish();
rollback;

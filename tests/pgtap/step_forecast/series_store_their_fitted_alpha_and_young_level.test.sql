begin;
select plan(5);

-- demand_forecast_series keeps what each series chose or was given (issue 12 point 2): the SES alpha fitted per
-- series, and for a young series the ingredients of its level.
select tests.forecast_world('2024-06-30');
-- TF-STEP at TF-S2: 1 a day for 30 weeks, then 5 a day for its last 10 weeks (a level shift: a fast alpha fits it).
insert into cw_000901.products (erp_id, name, product_category_id, erp_currency_id, cost, price, erp_status,
                                first_seen_date, row_hash)
select 'TF-STEP', 'TF-STEP', product_category_id, erp_currency_id, 4, 10, 'active', first_seen_date,
       md5('TF-STEP')::uuid
from cw_000901.products where erp_id = 'TF-STEADY';
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, locations.id, days.day, qty.qty, qty.qty * 10, qty.qty * 4, true, null, false, qty.qty, 1,
       '2024-06-30'
from cw_000901.products
cross join cw_000901.locations
cross join generate_series(date '2024-06-30' - 279, date '2024-06-30', interval '1 day') as days (day)
cross join lateral (select case when days.day > date '2024-06-30' - 70 then 5 else 1 end as qty) as qty
where products.erp_id = 'TF-STEP' and locations.erp_id = 'TF-S2';
call cw_000901.step_forecast('2024-06-30', null);

create temporary view tap_series as
select products.erp_id as product, locations.erp_id as location, series.*
from cw_000901.demand_forecast_series as series
inner join cw_000901.products on products.id = series.product_id
inner join cw_000901.locations on locations.id = series.location_id
where series.demand_forecast_id = (select id from cw_000901.active_demand_forecast);

-- Independent computation of TF-STEP's alpha: its 40 weekly sums (oldest first), SES by the recursion
-- L_t = L_(t-1) + alpha (x_t - L_(t-1)) from the mean of the first 8 weeks, the alpha of the grid with the least sum
-- of squared one-step errors (ties: the smaller).
create temporary table tap_weeks as
select 40 - (date '2024-06-30' - history.demand_date) / 7 as t, sum(history.demand_qty)::float8 as qty
from cw_000901.demand_history as history
inner join cw_000901.products on products.id = history.product_id
where products.erp_id = 'TF-STEP'
group by 1;
create temporary table tap_alpha as
with recursive grid (alpha) as (values (0.05::float8), (0.1), (0.2), (0.3), (0.5)),
ses (alpha, t, level, sse) as (
    select grid.alpha, 0, (select avg(qty) from tap_weeks where t <= 8), 0::float8 from grid
    union all
    select ses.alpha, ses.t + 1, ses.level + ses.alpha * (tap_weeks.qty - ses.level),
           ses.sse + case when ses.t >= 1 then (tap_weeks.qty - ses.level) ^ 2 else 0 end
    from ses inner join tap_weeks on tap_weeks.t = ses.t + 1
)
select alpha from ses where t = 40 order by sse, alpha limit 1;

select is(
    (select ses_alpha from tap_series where product = 'TF-STEP'),
    (select alpha::real from tap_alpha),
    'a series that shifted its level stores the alpha the textbook SES fit chooses for it'
);
select is(
    (select ses_alpha from tap_series where product = 'TF-STEP'), 0.5::real,
    'which is the fastest of the grid for a level that quintupled 10 weeks ago'
);
select ok(
    (select bool_and(ses_alpha in (0.05, 0.1, 0.2, 0.3, 0.5) and start_kind is null and prior_level_qty is null
                     and young_level_qty is null)
     from tap_series where history_weeks >= 8),
    'every established series has an alpha of the grid and no young-series columns'
);
-- TF-NEW at TF-S1: listed 3 weeks ago (2 a day), after selling at TF-S2 for 40 weeks: a new listing. Nothing else
-- started in the window, so the listing ramp is flat: own units 3 x 14 = 42 over 3 exposure weeks.
select ok(
    (select start_kind = 'listing' and own_qty = 42 and exposure_weeks = 3 and prior_basis is not null
            and abs(young_level_qty - (prior_shape + own_qty) / (prior_shape / prior_level_qty + exposure_weeks))
                < 1e-4
     from tap_series where product = 'TF-NEW' and location = 'TF-S1'),
    'a young series stores its start, prior, prior shape, own units and exposure, and the posterior level of them'
);
select ok(
    (select abs(rows.predicted_qty - series.young_level_qty) < 1e-4
     from cw_000901.active_demand_forecast_products as rows
     inner join tap_series as series
         on series.product_id = rows.product_id and series.location_id = rows.location_id
     where series.product = 'TF-NEW' and series.location = 'TF-S1' and rows.horizon_days = 7),
    'and that level is its forecast (flat ramp, no season, a full trading week)'
);

select * from finish();
rollback;

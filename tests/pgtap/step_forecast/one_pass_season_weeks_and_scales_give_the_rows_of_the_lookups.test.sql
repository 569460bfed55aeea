begin;
select plan(4);

-- fc12b cut passes of forecast_compute without changing a row: the seasonal observations' expected demand is read
-- by lead() in the same window pass instead of two key lookups into a materialised, indexed table of the observed
-- weeks (fc_season_observed); the backtest's scale (mean squared one-week change) and the weeks with demand come
-- from fc_backtest's pass instead of a lag pass and a grouped pass over fc_series. The old statements (as of
-- c515c91) are copied below and run over the working tables the step leaves in this transaction; rows are compared
-- with except in both directions (no tolerance: bit for bit).
-- World: two stores, two products, 730 days ending on 2024-07-02, seasonal, promoted some weeks (revenue at 80 %):
-- TG-A at store 1 every day (104 observed weeks); TG-A at store 2 unlisted every ninth week (gaps: t is not the
-- week index); TG-B at store 1 only the last 560 days (80 weeks: the window clamps at both ends); TG-B at store 2
-- only the last 420 days (60 weeks: too short, no seasonal observations).
insert into cw_000901.product_categories (level, name, path, first_seen_date)
values (1, 'TG Goods', 'TG Goods', '2022-06-01');
insert into cw_000901.locations (erp_id, name, location_type, echelon, erp_status, first_seen_date, row_hash)
values ('TG-S1', 'TG store 1', 'store', 1, 'active', '2022-06-01', md5('tg-s1')::uuid),
       ('TG-S2', 'TG store 2', 'store', 1, 'active', '2022-06-01', md5('tg-s2')::uuid);
insert into cw_000901.products (erp_id, name, product_category_id, erp_currency_id, cost, price, is_dropship,
                                erp_status, first_seen_date, row_hash)
select product.erp_id, product.erp_id, (select id from cw_000901.product_categories where path = 'TG Goods'),
       (select id from cw_global.currencies where code = 'EUR'), 4, 10, false, 'active', '2022-06-01',
       md5(product.erp_id)::uuid
from (values ('TG-A'), ('TG-B')) as product (erp_id);
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, locations.id, days.day, daily.qty,
       daily.qty * case when week.week_index % 13 = 5 then 8 else 10 end, daily.qty * 4, true, null, false, daily.qty,
       1, '2024-07-02'
from cw_000901.products
cross join cw_000901.locations
cross join generate_series(date '2024-07-02' - 729, date '2024-07-02', interval '1 day') as days (day)
cross join lateral (select date '2024-07-02' - days.day::date as days_before) as offsets
cross join lateral (select offsets.days_before / 7 as week_index) as week
cross join lateral (
    select round((3 + 2 * sin(2 * pi() * week.week_index / 52) + (offsets.days_before * 7 + products.id) % 5 / 3.0
                  + case when week.week_index % 13 = 5 then 2 else 0 end)::numeric, 3) as qty
) as daily
where products.erp_id like 'TG-%' and locations.erp_id like 'TG-%'
  and not (products.erp_id = 'TG-A' and locations.erp_id = 'TG-S2' and week.week_index % 9 = 4)
  and not (products.erp_id = 'TG-B' and locations.erp_id = 'TG-S1' and offsets.days_before >= 560)
  and not (products.erp_id = 'TG-B' and locations.erp_id = 'TG-S2' and offsets.days_before >= 420);

call cw_000901.step_forecast('2024-07-02', null);
select cmp_ok(
    (select count(distinct (fc_season_weeks.product_id, fc_season_weeks.location_id))::integer from fc_season_weeks),
    '=', 3, 'three of the four series have 78 observed weeks: the world has seasonal observations to compare'
);

-- The old seasonal observations (c515c91): a table of the observed weeks, then two key lookups per week.
create temporary table tap_old_observed as
select weeks.product_id, weeks.location_id, weeks.week_index % 52 as position,
       weeks.calendar_qty / (1 + uplift.uplift * weeks.discount) as demand_qty,
       row_number() over series_order as t,
       count(*) over (partition by weeks.product_id, weeks.location_id) as n,
       sum(weeks.calendar_qty / (1 + uplift.uplift * weeks.discount)) over series_order as running_qty
from fc_weeks as weeks
inner join fc_uplift as uplift on uplift.product_category_id = weeks.product_category_id
where weeks.open_share >= 0.5
window series_order as (partition by weeks.product_id, weeks.location_id order by weeks.week_index desc);
create temporary table tap_old_season_weeks as
with long_enough as (
    select observed.*, greatest(1, least(observed.t - 26, observed.n - 51)) as window_from
    from tap_old_observed as observed
    where observed.n >= 78
)
select long_enough.product_id, long_enough.location_id, long_enough.position, long_enough.demand_qty,
       (window_end.running_qty - coalesce(window_start.running_qty, 0)) / 52 as expected_qty
from long_enough
inner join tap_old_observed as window_end
    on window_end.product_id = long_enough.product_id and window_end.location_id = long_enough.location_id
    and window_end.t = long_enough.window_from + 51
left join tap_old_observed as window_start
    on window_start.product_id = long_enough.product_id and window_start.location_id = long_enough.location_id
    and window_start.t = long_enough.window_from - 1;
select is_empty(
    $$ (select * from tap_old_season_weeks except all select * from fc_season_weeks)
       union all (select * from fc_season_weeks except all select * from tap_old_season_weeks) $$,
    'fc_season_weeks: the expected demand read by lead() in one pass is the one of the key lookups, bit for bit'
);

-- The old scale and weeks with demand (c515c91): a lag pass and a grouped pass over fc_series.
select is_empty(
    $$ with scales as (
           select changes.product_id, changes.location_id, avg(changes.change ^ 2) as scale
           from (select fc_series.product_id, fc_series.location_id,
                        fc_series.demand_qty - lag(fc_series.demand_qty) over (
                            partition by fc_series.product_id, fc_series.location_id order by fc_series.t
                        ) as change
                 from fc_series) as changes
           where changes.change is not null
           group by changes.product_id, changes.location_id
       ),
       counts as (
           select fc_series.product_id, fc_series.location_id,
                  count(*) filter (where fc_series.demand_qty > 0)::integer as demand_weeks
           from fc_series group by fc_series.product_id, fc_series.location_id
       ),
       old as (
           select counts.product_id, counts.location_id, counts.demand_weeks, scales.scale
           from counts left join scales
               on scales.product_id = counts.product_id and scales.location_id = counts.location_id
       )
       (select * from old
        except all select product_id, location_id, demand_weeks, change_scale from fc_ses_fitted)
       union all
       (select product_id, location_id, demand_weeks, change_scale from fc_ses_fitted
        except all select * from old) $$,
    'fc_ses_fitted: the scale and the weeks with demand from the backtest''s pass are those of the separate passes'
);
select cmp_ok(
    (select count(*)::integer from fc_fit where fc_fit.backtest_rmsse > 0), '=', 4,
    'every series has a backtest RMSSE (the scale is read by fc_fit)'
);

select * from finish();
rollback;

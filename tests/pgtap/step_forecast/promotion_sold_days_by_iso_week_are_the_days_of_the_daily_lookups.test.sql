begin;
select plan(5);

-- The sold days of the promotion rules (fc_promo_days) are read from the two ISO-week rows of demand_weeks each wanted
-- week overlaps, expanded to the week's days, instead of one key lookup per day (fc12c). The old statement (as of
-- 34676ea) is copied below and run over the working tables the step leaves in this transaction; rows are compared
-- with except in both directions (exact numeric sums: no tolerance). Two forecast dates: a Tuesday (each week is
-- days 1-2 of one ISO week and days 3-7 of the one before) and a Sunday (each week is one ISO week).
-- World: the forecast fixture (tests.forecast_world) plus three products at a store of their own
-- (tests.promotion_masters: TP-S1) with three past promotions of 5, 9 and 12 days and one running on the forecast
-- date (as in fused_passes_give_the_rows_of_the_separate_ones).
select tests.forecast_world('2024-07-02');
select tests.promotion_masters(array['TW-ACTIVE', 'TW-ENDED', 'TW-STALE']);
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, cost, is_in_stock,
                                      stockout_qty, is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, (select id from cw_000901.locations where erp_id = 'TP-S1'), days.day, sold.qty,
       sold.qty * case when day.is_promotion then 8 else 10 end, sold.qty * 4, true, null, false, sold.qty, 1,
       '2024-07-02'
from cw_000901.products
cross join generate_series(date '2024-07-02' - 209, date '2024-07-02', interval '1 day') as days (day)
cross join lateral (select date '2024-07-02' - days.day::date as days_before) as offsets
cross join lateral (
    select offsets.days_before between 176 and 180 or offsets.days_before between 122 and 130
           or offsets.days_before between 69 and 80
           or (offsets.days_before <= 5 and products.erp_id <> 'TW-STALE') as is_promotion
) as day
cross join lateral (select case when day.is_promotion then 30 else 20 end + products.id % 3 as qty) as sold
where products.erp_id like 'TW-%';
insert into cw_000901.price_lists (erp_id, name, channel, currency_id, first_seen_date, row_hash)
values ('TW-STORES', 'TW stores', 'store', (select id from cw_global.currencies where code = 'EUR'), '2023-06-01',
        md5('tw-stores')::uuid);
insert into cw_000901.prices (price_list_id, product_id, erp_price, erp_promo_price, price, promo_price,
                              first_seen_date, row_hash)
select (select id from cw_000901.price_lists where erp_id = 'TW-STORES'), products.id, 10,
       case when products.erp_id = 'TW-ENDED' then null else 8 end, 10,
       case when products.erp_id = 'TW-ENDED' then null else 8 end, '2023-06-01', md5(products.erp_id)::uuid
from cw_000901.products
where products.erp_id like 'TW-%';

call cw_000901.step_forecast('2024-07-02', null);
select cmp_ok(
    (select count(distinct (fc_promo_days.demand_date - (fc_promo_days.demand_date - date '1900-01-01') % 7))::integer
     from fc_promo_days
     where fc_promo_days.week_index = 1), '=', 2,
    'on the Tuesday a promotion week''s sold days come from two ISO weeks (the comparison covers both parts)'
);
create temporary table tap_old_promo_days_20240702 as
with candidate as (
    select weeks.product_id, weeks.location_id, weeks.week_index + offsets.offset_weeks as week_index,
           max(weeks.regular_price) as regular_price
    from fc_weeks as weeks
    cross join (values (-1), (0), (1)) as offsets (offset_weeks)
    where weeks.discount > 0 and weeks.week_index + offsets.offset_weeks between 0
        and (cw_000901.settings('forecast') ->> 'history_weeks')::integer - 1
    group by weeks.product_id, weeks.location_id, weeks.week_index + offsets.offset_weeks
),
active_weeks as (
    select fc_promo_active.product_id, fc_promo_active.location_id, weeks.week_index
    from fc_promo_active
    cross join generate_series(0, 7) as weeks (week_index)
),
wanted as (
    select product_id, location_id, week_index, candidate.regular_price
    from candidate
    full join active_weeks using (product_id, location_id, week_index)
)
select wanted.product_id, wanted.location_id, wanted.week_index, wanted.regular_price, days.demand_date,
       weeks.sold_revenue_cum[days.weekday] - coalesce(weeks.sold_revenue_cum[days.weekday - 1], 0)
       as sold_revenue,
       weeks.sold_qty_cum[days.weekday] - coalesce(weeks.sold_qty_cum[days.weekday - 1], 0) as sold_qty
from wanted
cross join lateral (select date '2024-07-02' - 7 * wanted.week_index - offsets.day_offset as demand_date,
                           (date '2024-07-02' - 7 * wanted.week_index - offsets.day_offset
                            - date '1900-01-01') % 7 + 1 as weekday
                    from generate_series(0, 6) as offsets (day_offset)) as days
inner join cw_000901.demand_weeks as weeks
    on weeks.product_id = wanted.product_id and weeks.location_id = wanted.location_id
    and weeks.week_start = days.demand_date - days.weekday + 1
where weeks.sold_qty_cum[days.weekday] - coalesce(weeks.sold_qty_cum[days.weekday - 1], 0) > 0;
select is_empty(
    $$ (select * from tap_old_promo_days_20240702 except all select * from fc_promo_days)
       union all (select * from fc_promo_days except all select * from tap_old_promo_days_20240702) $$,
    'Tuesday: the sold days read by ISO week are the days of the per-day lookups'
);
select cmp_ok((select count(*)::integer from fc_promo_days), '>', 100, 'Tuesday: the world has sold days to compare');

call cw_000901.step_forecast('2024-06-30', null);
create temporary table tap_old_promo_days_20240630 as
with candidate as (
    select weeks.product_id, weeks.location_id, weeks.week_index + offsets.offset_weeks as week_index,
           max(weeks.regular_price) as regular_price
    from fc_weeks as weeks
    cross join (values (-1), (0), (1)) as offsets (offset_weeks)
    where weeks.discount > 0 and weeks.week_index + offsets.offset_weeks between 0
        and (cw_000901.settings('forecast') ->> 'history_weeks')::integer - 1
    group by weeks.product_id, weeks.location_id, weeks.week_index + offsets.offset_weeks
),
active_weeks as (
    select fc_promo_active.product_id, fc_promo_active.location_id, weeks.week_index
    from fc_promo_active
    cross join generate_series(0, 7) as weeks (week_index)
),
wanted as (
    select product_id, location_id, week_index, candidate.regular_price
    from candidate
    full join active_weeks using (product_id, location_id, week_index)
)
select wanted.product_id, wanted.location_id, wanted.week_index, wanted.regular_price, days.demand_date,
       weeks.sold_revenue_cum[days.weekday] - coalesce(weeks.sold_revenue_cum[days.weekday - 1], 0)
       as sold_revenue,
       weeks.sold_qty_cum[days.weekday] - coalesce(weeks.sold_qty_cum[days.weekday - 1], 0) as sold_qty
from wanted
cross join lateral (select date '2024-06-30' - 7 * wanted.week_index - offsets.day_offset as demand_date,
                           (date '2024-06-30' - 7 * wanted.week_index - offsets.day_offset
                            - date '1900-01-01') % 7 + 1 as weekday
                    from generate_series(0, 6) as offsets (day_offset)) as days
inner join cw_000901.demand_weeks as weeks
    on weeks.product_id = wanted.product_id and weeks.location_id = wanted.location_id
    and weeks.week_start = days.demand_date - days.weekday + 1
where weeks.sold_qty_cum[days.weekday] - coalesce(weeks.sold_qty_cum[days.weekday - 1], 0) > 0;
select is_empty(
    $$ (select * from tap_old_promo_days_20240630 except all select * from fc_promo_days)
       union all (select * from fc_promo_days except all select * from tap_old_promo_days_20240630) $$,
    'Sunday: the sold days read by ISO week are the days of the per-day lookups'
);
select cmp_ok((select count(*)::integer from fc_promo_days), '>', 100, 'Sunday: the world has sold days to compare');

select * from finish();
rollback;

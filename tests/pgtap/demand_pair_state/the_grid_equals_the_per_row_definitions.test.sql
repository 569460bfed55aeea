-- Step 5's grid (demand_history_compute) reads the stock reading in force by a running max over each pair's days and
-- measures a pair's selling pattern only on the days that read it (issue 21 point 4: the grid of a first run, a
-- rebuild or a recovery made set-based). This guards that it gives what the per-row definitions give, the ones the
-- grid used before: the latest reading on or before the day and not older than the latest full snapshot (an index
-- probe per pair-day), delisted = no such reading, no sale and an earlier reading; the robust size of a selling day
-- = mean of the selling-day quantities of the rate_window_days days ending on the pair's last sale that are at most
-- outlier_factor x their median (two correlated sub-selects per sale day). Fixture: the pair-state fixture (weekly
-- readings at a store, a sales stop, an outlier order of 500 units), plus a reading on the range's first day and one
-- before it, and a full snapshot that drops a pair (delisted from then on).
begin;
select plan(5);

-- The pair-state fixture (tests/pgtap/fixtures.sql).
select tests.demand_state_world();

-- A full snapshot on 2024-02-07 without S-B at SL-1: its readings from then on are gone, so it is delisted on the
-- days it sells nothing (and has no stock data on the days it sells).
delete from cw_000901.inventory_balances as balances
using cw_000901.products, cw_000901.locations
where products.id = balances.product_id and locations.id = balances.location_id
    and products.erp_id = 'S-B' and locations.erp_id = 'SL-1' and balances.balance_date >= '2024-02-07';
insert into cw_000901.inventory_snapshots (snapshot_date, snapshot_type, row_count)
values ('2024-01-03', 'full', 4), ('2024-02-07', 'full', 3);

-- The grid of 2024-01-24 (a reading day: the range's own reading and the one of 2024-01-17 before it both fall on
-- its first day) .. 2024-02-29, every day.
call cw_000901.demand_history_compute('2024-01-24', '2024-02-29', cw_000901.settings('demand_history'));

create temp table reference_stock as
select base.product_id, base.location_id, base.demand_date, base.qty_available, base.is_delisted,
       stock.qty_available as reference_qty,
       stock.qty_available is null and base.qty = 0 and exists (
           select from cw_000901.inventory_balances as earlier
           where earlier.product_id = base.product_id and earlier.location_id = base.location_id
               and earlier.balance_date < full_snapshots.full_date
       ) as reference_delisted
from demand_base as base
cross join lateral (
    select coalesce(max(snapshots.snapshot_date), '-infinity') as full_date
    from cw_000901.inventory_snapshots as snapshots
    where snapshots.snapshot_type = 'full' and snapshots.snapshot_date <= base.demand_date
) as full_snapshots
left join lateral (
    select balances.qty_available
    from cw_000901.inventory_balances as balances
    where balances.product_id = base.product_id and balances.location_id = base.location_id
        and balances.balance_date <= base.demand_date and balances.balance_date >= full_snapshots.full_date
    order by balances.balance_date desc
    limit 1
) as stock on true;

select ok((select count(*) from reference_stock where reference_qty is not null) > 50
          and exists (select from reference_stock where reference_delisted)
          and exists (select from reference_stock
                      where demand_date = '2024-01-24' and reference_qty is not null),
          'the fixture has readings in force, a delisted pair and a reading on the first day');
select is((select count(*)::integer from reference_stock
           where qty_available is distinct from reference_qty or is_delisted is distinct from reference_delisted),
          0, 'the stock in force and the delisted flag of every pair-day equal the per-row definitions');

create temp table reference_size as
with sale_days as (
    select sale_days.product_id, sale_days.location_id, sale_days.demand_date,
           (select avg(earlier.qty) filter (where earlier.qty <= 3 * medians.median_qty)
            from demand_base as earlier
            where earlier.product_id = sale_days.product_id and earlier.location_id = sale_days.location_id
                and earlier.qty > 0 and earlier.demand_date between sale_days.demand_date - 27
                and sale_days.demand_date) as size_qty
    from demand_base as sale_days
    cross join lateral (
        select percentile_cont(0.5) within group (order by earlier.qty) as median_qty
        from demand_base as earlier
        where earlier.product_id = sale_days.product_id and earlier.location_id = sale_days.location_id
            and earlier.qty > 0 and earlier.demand_date between sale_days.demand_date - 27 and sale_days.demand_date
    ) as medians
    where sale_days.qty > 0
)

select windows.product_id, windows.location_id, windows.demand_date, windows.regular_size_qty,
       (select sale_days.size_qty
        from sale_days
        where sale_days.product_id = windows.product_id and sale_days.location_id = windows.location_id
            and sale_days.demand_date <= windows.demand_date
        order by sale_days.demand_date desc
        limit 1) as reference_size_qty
from demand_windows as windows;

select is((select (settings ->> 'outlier_factor') || ' ' || (settings ->> 'rate_window_days')
           from (select cw_000901.settings('demand_history') as settings) as current),
          '3 28', 'the reference below is written for the default outlier_factor and rate_window_days');
select ok((select count(*) from reference_size where reference_size_qty is not null) > 100
          and exists (select from reference_size
                      inner join cw_000901.products on products.id = reference_size.product_id
                      inner join cw_000901.locations on locations.id = reference_size.location_id
                      where products.erp_id = 'S-A' and locations.erp_id = 'SL-2'
                          and reference_size.demand_date = '2024-02-21'),
          'the fixture has robust sizes, the day after the outlier order among them');
select is((select count(*)::integer from reference_size
           where regular_size_qty is distinct from reference_size_qty),
          0, 'the robust size on the last sale of every pair-day equals the per-row definition');

select * from finish();
rollback;

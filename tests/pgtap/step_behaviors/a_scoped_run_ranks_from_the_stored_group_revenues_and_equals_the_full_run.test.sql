-- A scoped behaviours run of a few products ranks them for ABC from the stored revenue of each group
-- (behavior_group_revenues: written by a full run, moved by every scoped write) and the stored rows on one side of
-- the product's row, instead of summing every row of the location: at 10k x 50 that sum was 60 % of a one-product run
-- (docs/benchmarks.md#changes, scoped16). The stored totals stay equal to the rows; the scoped rows equal a full run's,
-- with the totals and without them.
begin;
select plan(8);

select tests.calendar_web_shop();
insert into cw_000901.locations (erp_id, name, location_type, echelon, country_id, erp_status, first_seen_date,
                                 row_hash)
select 'BS' || n, 'Store BS' || n, 'store', 1, countries.id, 'active', date '2011-01-01', gen_random_uuid()
from generate_series(1, 2) as n
cross join (select id from cw_global.countries where code = 'GB') as countries;
insert into cw_000901.products (erp_id, name, erp_currency_id, erp_status, first_seen_date, row_hash)
select 'BS' || n, 'Product BS' || n, currencies.id, 'active', date '2011-01-01', gen_random_uuid()
from generate_series(1, 30) as n
cross join (select id from cw_global.currencies where code = 'GBP') as currencies;

-- Revenues with ties (n % 7 repeats) and zero-revenue products, at every location.
select set_config('cw.demand_history_writer', 'step', true);
insert into cw_000901.demand_history (product_id, location_id, demand_date, quantity, revenue, is_in_stock,
                                      is_oos_imputed, demand_qty, demand_source_type_id, computed_on)
select products.id, locations.id, day::date, substr(products.erp_id, 3)::integer % 7,
       (substr(products.erp_id, 3)::integer % 7) * (1 + locations.id % 3), true, false,
       substr(products.erp_id, 3)::integer % 7, 1, date '2011-05-10'
from cw_000901.products
cross join cw_000901.locations
cross join generate_series(date '2011-05-01', date '2011-05-10', interval '1 day') as day
where products.erp_id like 'BS%' and (locations.erp_id = 'WEB' or locations.erp_id like 'BS%');

create function pg_temp.full_run() returns void language plpgsql as $$
declare
    v_counts jsonb;
begin
    delete from cw_000901.behavior_window_state;
    call cw_000901.behaviors_measure('2011-05-10', cw_000901.settings('behaviors'), null);
    call cw_000901.behaviors_write('2011-05-10', 90, null, null, v_counts);
end
$$;
create function pg_temp.scoped_run(p_first integer, p_last integer) returns text language plpgsql as $$
declare
    v_products integer [] := (select array_agg(products.id) from cw_000901.products
                              where products.erp_id like 'BS%'
                                  and substr(products.erp_id, 3)::integer between p_first and p_last);
    v_counts   jsonb;
begin
    call cw_000901.behaviors_measure('2011-05-10', cw_000901.settings('behaviors'), v_products);
    call cw_000901.behaviors_write('2011-05-10', 90, v_products, null, v_counts);
    return current_setting('cw.behavior_ranks_mode');
end
$$;
-- The stored rows of products BSfirst..BSlast, without the row id and timestamps.
create function pg_temp.rows_of(p_first integer, p_last integer) returns setof jsonb language sql as $$
    select to_jsonb(behaviors) - 'id' - 'created_at' - 'updated_at'
    from cw_000901.product_location_behaviors as behaviors
    inner join cw_000901.products on products.id = behaviors.product_id
    where behaviors.snapshot_date = '2011-05-10' and products.erp_id like 'BS%'
        and substr(products.erp_id, 3)::integer between p_first and p_last
    union all
    select to_jsonb(behaviors) - 'id' - 'created_at' - 'updated_at'
    from cw_000901.product_behaviors as behaviors
    inner join cw_000901.products on products.id = behaviors.product_id
    where behaviors.snapshot_date = '2011-05-10' and products.erp_id like 'BS%'
        and substr(products.erp_id, 3)::integer between p_first and p_last
$$;

-- Each group's stored revenue against the sum of its stored rows: the groups that differ or are missing.
create function pg_temp.totals_off() returns setof text language sql as $$
    with stored as (
        select 'pair' as level, behaviors.location_id, sum(behaviors.demand_revenue) as revenue, count(*) as row_count
        from cw_000901.product_location_behaviors as behaviors
        where behaviors.snapshot_date = '2011-05-10'
        group by behaviors.location_id
        union all
        select 'product', null, sum(behaviors.demand_revenue), count(*)
        from cw_000901.product_behaviors as behaviors
        where behaviors.snapshot_date = '2011-05-10'
    )
    select coalesce(stored.level, totals.level) || ' ' || coalesce(stored.location_id, totals.location_id, 0)
    from stored
    full join (select * from cw_000901.behavior_group_revenues where snapshot_date = '2011-05-10') as totals
        on totals.level = stored.level and coalesce(totals.location_id, 0) = coalesce(stored.location_id, 0)
    where (stored.revenue, stored.row_count) is distinct from (totals.demand_revenue, totals.row_count)
$$;

select pg_temp.full_run();
select is_empty('select * from pg_temp.totals_off()', 'a full run stores the revenue of every group');

-- Corrections of a top seller, a middle and a zero-revenue product (ties: revenues repeat every 7 products).
update cw_000901.demand_history as history
set revenue = history.revenue * 5 + 1
from cw_000901.products
where products.id = history.product_id and products.erp_id in ('BS6', 'BS17', 'BS21');
select is(pg_temp.scoped_run(6, 6), 'scoped, probes', 'one product: ranked by probes');
select pg_temp.scoped_run(17, 17);
select pg_temp.scoped_run(21, 21);
select is_empty('select * from pg_temp.totals_off()', 'scoped writes move the stored revenues with the rows');
-- The products were ranked one at a time, each against the others' stored rows: BS6 before BS17 and BS21 were
-- corrected. Their scoped rows equal a full run's where nothing else changed since: rank them again, in any order.
select pg_temp.scoped_run(6, 6);
select pg_temp.scoped_run(17, 17);
select pg_temp.scoped_run(21, 21);
create temp table scoped_again on commit drop as
select * from pg_temp.rows_of(6, 6) as row_json
union all select * from pg_temp.rows_of(17, 17)
union all select * from pg_temp.rows_of(21, 21);
select pg_temp.full_run();
select set_eq('select * from scoped_again',
              'select * from pg_temp.rows_of(6, 6) union all select * from pg_temp.rows_of(17, 17) '
              'union all select * from pg_temp.rows_of(21, 21)',
              'the scoped rows equal the full run''s (revenue shares and ABC classes included)');
select ok((select count(distinct row_json ->> 'abc_class_id') from scoped_again) > 1,
          'the scoped rows fall into more than one ABC class');

-- The scoped run reads the stored revenue (a wrong one shows in the share), and without stored revenues it sums
-- the rows and gives the full run's rows.
update cw_000901.behavior_group_revenues set demand_revenue = demand_revenue + 1000
where snapshot_date = '2011-05-10' and level = 'product';
select pg_temp.scoped_run(17, 17);
select isnt((select row_json ->> 'revenue_share_pct' from pg_temp.rows_of(17, 17) as row_json
             where row_json ->> 'location_count' is not null),
            (select row_json ->> 'revenue_share_pct' from scoped_again
             where row_json ->> 'location_count' is not null and row_json ->> 'product_id' = (
                 select id::text from cw_000901.products where erp_id = 'BS17')),
            'a scoped run reads the stored group revenue');
delete from cw_000901.behavior_group_revenues where snapshot_date = '2011-05-10';
select pg_temp.scoped_run(17, 17);
select set_eq('select * from pg_temp.rows_of(17, 17)',
              $$select * from scoped_again where row_json ->> 'product_id' = (
                    select id::text from cw_000901.products where erp_id = 'BS17')$$,
              'without stored revenues a scoped run sums the rows: the full run''s rows');

select * from finish();
rollback;

-- A scoped behaviours run ranks its products for ABC against the other products' stored rows of the snapshot. Up to
-- eight products it sums per measured row; above that (a bulk UI edit coalesced into one pass) it ranks every group
-- a measured row is in once with the unscoped run's running sum: the per-row sums grew with (measured rows) x
-- (group size) and made a 1,000-product pass cost more per product than 1,000 single ones (docs/cyclicity.md).
-- Either way the scoped products' rows equal what a full run writes for them on the same history.
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

select pg_temp.full_run();

-- Three products' revenue changes (a correction): a scoped run over them ranks by probes.
update cw_000901.demand_history as history
set revenue = history.revenue * 5 + 1
from cw_000901.products
where products.id = history.product_id and products.erp_id in ('BS21', 'BS22', 'BS23');
select is(pg_temp.scoped_run(21, 23), 'scoped, probes', 'three products: ranked by probes');
create temp table scoped_small on commit drop as select * from pg_temp.rows_of(21, 23) as row_json;
select is((select count(*)::integer from scoped_small), 3 * 3 + 3, 'three products: three pairs and a product row each');
select pg_temp.full_run();
select set_eq('select * from scoped_small', 'select * from pg_temp.rows_of(21, 23)',
              'three products: the scoped rows equal the full run''s');

-- Twenty products (two thirds) change, reordering the ranks of every location: one scoped run over all of them
-- ranks set-based.
update cw_000901.demand_history as history
set revenue = history.revenue * (1 + substr(products.erp_id, 3)::integer % 4)
    + case when substr(products.erp_id, 3)::integer % 5 = 0 then 3 else 0 end
from cw_000901.products
where products.id = history.product_id and products.erp_id like 'BS%'
    and substr(products.erp_id, 3)::integer between 1 and 20;
select is(pg_temp.scoped_run(1, 20), 'scoped, running sum', 'twenty products: ranked set-based');
create temp table scoped_large on commit drop as select * from pg_temp.rows_of(1, 20) as row_json;
select is((select count(*)::integer from scoped_large), 20 * 3 + 20, 'twenty products: every pair and product');
select ok((select count(distinct row_json ->> 'abc_class_id') from scoped_large) > 1,
          'the scoped rows fall into more than one ABC class');
select pg_temp.full_run();
select set_eq('select * from scoped_large', 'select * from pg_temp.rows_of(1, 20)',
              'twenty products: the scoped rows equal the full run''s (revenue shares and ABC classes included)');
select is(current_setting('cw.behavior_ranks_mode'), 'running sum', 'a full run ranks by the running sum');

select * from finish();
rollback;
